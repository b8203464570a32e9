//===- Patches.cpp - C API of the patches dialect -------------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches-c/Dialect/Patches.h"
#include "patches-c/Registration.h"
#include "patches/Dialect/Patches/IR/PatchesAttrs.h"
#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/Dialect/Patches/IR/PatchesGeometry.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/InitPatches.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <algorithm>
#include <optional>
#include <string>

using namespace mlir;
using namespace patches;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Patches, patches, patches::PatchesDialect)

// The C enums mirror the C++ ones value for value.
static_assert(static_cast<int>(PaddingKind::Explicit) ==
                      PatchesPaddingExplicit &&
                  static_cast<int>(PaddingKind::Same) == PatchesPaddingSame &&
                  static_cast<int>(PaddingKind::Valid) == PatchesPaddingValid &&
                  static_cast<int>(PaddingKind::SameLower) ==
                      PatchesPaddingSameLower,
              "PatchesPaddingKind is out of sync with patches::PaddingKind");
static_assert(static_cast<int>(Precision::Default) == PatchesPrecisionDefault &&
                  static_cast<int>(Precision::High) == PatchesPrecisionHigh &&
                  static_cast<int>(Precision::Highest) ==
                      PatchesPrecisionHighest,
              "PatchesPrecision is out of sync with patches::Precision");

void mlirRegisterPatchesPasses(void) { patches::registerAllPasses(); }

void mlirRegisterPatchesExtensions(MlirDialectRegistry registry) {
  if (mlirDialectRegistryIsNull(registry))
    return;
  patches::registerAllExtensions(*unwrap(registry));
}

//===----------------------------------------------------------------------===//
// The clauses, from their C arguments
//===----------------------------------------------------------------------===//

namespace {
/// The C arguments of the clauses, as the creators and the geometry query
/// take them (see patches-c/Dialect/Patches.h).
struct ClauseArgs {
  intptr_t numSpatialDims;
  const int64_t *filterShape, *windowStrides;
  PatchesPaddingKind padding;
  const int64_t *padLow, *padHigh;
  const int64_t *lhsDilation, *rhsDilation;
  const char *lhsSpec, *rhsSpec, *outSpec;
};
} // namespace

/// Loads the patches dialect where it is not yet, so that its attributes
/// and ops can be created in any context (creating them in a context
/// without it aborts).
static void loadPatchesDialect(MLIRContext *ctx) {
  ctx->getOrLoadDialect<PatchesDialect>();
}

/// The clauses that `args` give, in `ctx`: what the attributes and C
/// arrays cannot express is checked here, the rest is left to the geometry.
/// The arrays of the result point into those of `args`.
static FailureOr<ExtractClauses> convertClauses(MLIRContext *ctx,
                                                const ClauseArgs &args,
                                                EmitErrorFn emitError) {
  intptr_t n = args.numSpatialDims;
  if (n < 0) {
    emitError() << "numSpatialDims = " << n << " is negative";
    return failure();
  }
  auto array = [&](const int64_t *data) {
    return ArrayRef<int64_t>(data, data ? n : 0);
  };
  if (n > 0 && (!args.filterShape || !args.windowStrides)) {
    emitError() << "filterShape and windowStrides are required";
    return failure();
  }
  if (!symbolizePaddingKind(static_cast<uint32_t>(args.padding))) {
    emitError() << "unknown padding kind " << static_cast<int>(args.padding);
    return failure();
  }
  auto paddingKind = static_cast<PaddingKind>(args.padding);
  PaddingAttr paddingAttr;
  if (paddingKind == PaddingKind::Explicit) {
    if (n > 0 && (!args.padLow || !args.padHigh)) {
      emitError() << "explicit padding needs padLow and padHigh";
      return failure();
    }
    paddingAttr = PaddingAttr::getChecked(
        emitError, ctx, paddingKind, array(args.padLow), array(args.padHigh));
  } else {
    paddingAttr = PaddingAttr::getChecked(
        emitError, ctx, paddingKind, ArrayRef<int64_t>(), ArrayRef<int64_t>());
  }
  if (!paddingAttr)
    return failure();
  DimensionNumbersAttr dimensionNumbers;
  if (args.lhsSpec || args.rhsSpec || args.outSpec) {
    if (!args.lhsSpec || !args.rhsSpec || !args.outSpec) {
      emitError() << "give all three of lhsSpec, rhsSpec and outSpec, or "
                     "none";
      return failure();
    }
    dimensionNumbers = DimensionNumbersAttr::get(ctx, args.lhsSpec,
                                                 args.rhsSpec, args.outSpec);
  }

  ExtractClauses clauses;
  clauses.filterShape = array(args.filterShape);
  clauses.windowStrides = array(args.windowStrides);
  clauses.padding = paddingAttr;
  if (args.lhsDilation)
    clauses.lhsDilation = array(args.lhsDilation);
  if (args.rhsDilation)
    clauses.rhsDilation = array(args.rhsDilation);
  clauses.dimensionNumbers = dimensionNumbers;
  return clauses;
}

static FailureOr<Precision> convertPrecision(PatchesPrecision precision,
                                             EmitErrorFn emitError) {
  if (std::optional<Precision> value =
          symbolizePrecision(static_cast<uint32_t>(precision)))
    return *value;
  emitError() << "unknown precision " << static_cast<int>(precision);
  return failure();
}

//===----------------------------------------------------------------------===//
// The ops
//===----------------------------------------------------------------------===//

bool patchesOperationIsAExtractOp(MlirOperation op) {
  return !mlirOperationIsNull(op) && isa<ExtractOp>(unwrap(op));
}

bool patchesOperationIsAFoldOp(MlirOperation op) {
  return !mlirOperationIsNull(op) && isa<FoldOp>(unwrap(op));
}

MlirOperation patchesExtractOpCreate(
    MlirLocation location, MlirValue input, intptr_t numSpatialDims,
    const int64_t *filterShape, const int64_t *windowStrides,
    PatchesPaddingKind padding, const int64_t *padLow, const int64_t *padHigh,
    const int64_t *lhsDilation, const int64_t *rhsDilation, const char *lhsSpec,
    const char *rhsSpec, const char *outSpec, PatchesPrecision precision) {
  if (mlirLocationIsNull(location))
    return MlirOperation{nullptr};
  Location loc = unwrap(location);
  MLIRContext *ctx = loc.getContext();
  loadPatchesDialect(ctx);
  auto emitLocError = [&]() -> InFlightDiagnostic {
    return emitError(loc) << "patchesExtractOpCreate: ";
  };

  auto inputType = dyn_cast_or_null<RankedTensorType>(
      mlirValueIsNull(input) ? Type() : unwrap(input).getType());
  if (!inputType) {
    emitLocError() << "the input must be a ranked tensor value";
    return MlirOperation{nullptr};
  }
  ClauseArgs args{numSpatialDims, filterShape, windowStrides, padding,
                  padLow,         padHigh,     lhsDilation,   rhsDilation,
                  lhsSpec,        rhsSpec,     outSpec};
  FailureOr<ExtractClauses> clauses = convertClauses(ctx, args, emitLocError);
  if (failed(clauses))
    return MlirOperation{nullptr};
  FailureOr<Precision> precisionValue =
      convertPrecision(precision, emitLocError);
  if (failed(precisionValue))
    return MlirOperation{nullptr};
  // The geometry checks the clauses against the input, with the op's own
  // diagnostics.
  if (failed(ExtractGeometry::compute(*clauses, inputType.getShape(),
                                      emitLocError)))
    return MlirOperation{nullptr};

  OpBuilder builder(ctx);
  auto op = ExtractOp::create(
      builder, loc, unwrap(input), clauses->filterShape, clauses->windowStrides,
      clauses->padding, clauses->lhsDilation.value_or(ArrayRef<int64_t>()),
      clauses->rhsDilation.value_or(ArrayRef<int64_t>()),
      clauses->dimensionNumbers, *precisionValue);
  // The verifier checks what the geometry does not, such as element types.
  if (failed(verify(op))) {
    op->erase();
    return MlirOperation{nullptr};
  }
  return wrap(op.getOperation());
}

MlirOperation patchesFoldOpCreate(
    MlirLocation location, MlirValue patches, MlirType resultType,
    intptr_t numSpatialSizes, const MlirValue *spatialSizes,
    intptr_t numSpatialDims, const int64_t *filterShape,
    const int64_t *windowStrides, PatchesPaddingKind padding,
    const int64_t *padLow, const int64_t *padHigh, const int64_t *lhsDilation,
    const int64_t *rhsDilation, const char *lhsSpec, const char *rhsSpec,
    const char *outSpec, PatchesPrecision precision) {
  if (mlirLocationIsNull(location))
    return MlirOperation{nullptr};
  Location loc = unwrap(location);
  MLIRContext *ctx = loc.getContext();
  loadPatchesDialect(ctx);
  auto emitLocError = [&]() -> InFlightDiagnostic {
    return emitError(loc) << "patchesFoldOpCreate: ";
  };

  if (mlirValueIsNull(patches) ||
      !isa<RankedTensorType>(unwrap(patches).getType())) {
    emitLocError() << "the patches must be a ranked tensor value";
    return MlirOperation{nullptr};
  }
  auto type = dyn_cast_or_null<RankedTensorType>(
      mlirTypeIsNull(resultType) ? Type() : unwrap(resultType));
  if (!type) {
    emitLocError() << "the result type must be a ranked tensor type";
    return MlirOperation{nullptr};
  }
  if (numSpatialSizes < 0 || (numSpatialSizes > 0 && !spatialSizes)) {
    emitLocError() << "numSpatialSizes = " << numSpatialSizes
                   << " needs as many spatialSizes";
    return MlirOperation{nullptr};
  }
  SmallVector<Value> sizes;
  for (intptr_t i = 0; i < numSpatialSizes; ++i) {
    if (mlirValueIsNull(spatialSizes[i])) {
      emitLocError() << "spatialSizes[" << i << "] is a null value";
      return MlirOperation{nullptr};
    }
    sizes.push_back(unwrap(spatialSizes[i]));
  }
  ClauseArgs args{numSpatialDims, filterShape, windowStrides, padding,
                  padLow,         padHigh,     lhsDilation,   rhsDilation,
                  lhsSpec,        rhsSpec,     outSpec};
  FailureOr<ExtractClauses> clauses = convertClauses(ctx, args, emitLocError);
  if (failed(clauses))
    return MlirOperation{nullptr};
  FailureOr<Precision> precisionValue =
      convertPrecision(precision, emitLocError);
  if (failed(precisionValue))
    return MlirOperation{nullptr};

  // The builder stores defaults absent, as the parser does.
  OpBuilder builder(ctx);
  auto op = FoldOp::create(builder, loc, Type(type), unwrap(patches), sizes,
                           clauses->filterShape, clauses->windowStrides,
                           clauses->padding,
                           clauses->lhsDilation.value_or(ArrayRef<int64_t>()),
                           clauses->rhsDilation.value_or(ArrayRef<int64_t>()),
                           clauses->dimensionNumbers, *precisionValue);
  // The verifier checks the clauses against the result type, and the
  // patches and spatial sizes against the clauses.
  if (failed(verify(op))) {
    op->erase();
    return MlirOperation{nullptr};
  }
  return wrap(op.getOperation());
}

//===----------------------------------------------------------------------===//
// The clauses of an op
//===----------------------------------------------------------------------===//

namespace {
/// The clause attributes of a `patches.extract` or `patches.fold`.
struct OpClauses {
  DenseI64ArrayAttr filterShape, windowStrides;
  PaddingAttr padding;
  DenseI64ArrayAttr lhsDilation, rhsDilation;
  DimensionNumbersAttr dimensionNumbers;
  PrecisionAttr precision;
};
} // namespace

template <typename OpTy> static OpClauses getOpClauses(OpTy op) {
  return {op.getFilterShapeAttr(), op.getWindowStridesAttr(),
          op.getPaddingAttr(),     op.getLhsDilationAttr(),
          op.getRhsDilationAttr(), op.getDimensionNumbersAttr(),
          op.getPrecisionAttr()};
}

static std::optional<OpClauses> getOpClauses(MlirOperation op) {
  if (mlirOperationIsNull(op))
    return std::nullopt;
  Operation *operation = unwrap(op);
  if (auto extract = dyn_cast<ExtractOp>(operation))
    return getOpClauses(extract);
  if (auto fold = dyn_cast<FoldOp>(operation))
    return getOpClauses(fold);
  return std::nullopt;
}

intptr_t patchesOperationGetNumSpatialDims(MlirOperation op) {
  std::optional<OpClauses> clauses = getOpClauses(op);
  // A generic edit may have removed the inherent attribute.
  if (!clauses || !clauses->filterShape)
    return -1;
  return clauses->filterShape.size();
}

/// Copies a clause of n values to `out`. An absent clause is all ones where
/// `absentIsOnes` (the dilations) and an error otherwise (a required clause
/// that a generic edit removed).
static bool copyClause(MlirOperation op, DenseI64ArrayAttr OpClauses::*clause,
                       bool absentIsOnes, int64_t *out) {
  std::optional<OpClauses> clauses = getOpClauses(op);
  if (!clauses || !clauses->filterShape)
    return false;
  int64_t n = clauses->filterShape.size();
  if (n > 0 && !out)
    return false;
  DenseI64ArrayAttr values = (*clauses).*clause;
  if (!values) {
    if (!absentIsOnes)
      return false;
    std::fill_n(out, n, 1);
    return true;
  }
  if (values.size() != n)
    return false;
  llvm::copy(values.asArrayRef(), out);
  return true;
}

bool patchesOperationGetFilterShape(MlirOperation op, int64_t *filterShape) {
  return copyClause(op, &OpClauses::filterShape, /*absentIsOnes=*/false,
                    filterShape);
}

bool patchesOperationGetWindowStrides(MlirOperation op,
                                      int64_t *windowStrides) {
  return copyClause(op, &OpClauses::windowStrides, /*absentIsOnes=*/false,
                    windowStrides);
}

bool patchesOperationGetLhsDilation(MlirOperation op, int64_t *lhsDilation) {
  return copyClause(op, &OpClauses::lhsDilation, /*absentIsOnes=*/true,
                    lhsDilation);
}

bool patchesOperationGetRhsDilation(MlirOperation op, int64_t *rhsDilation) {
  return copyClause(op, &OpClauses::rhsDilation, /*absentIsOnes=*/true,
                    rhsDilation);
}

MlirAttribute patchesOperationGetPadding(MlirOperation op) {
  std::optional<OpClauses> clauses = getOpClauses(op);
  return wrap(clauses ? Attribute(clauses->padding) : Attribute());
}

MlirAttribute patchesOperationGetDimensionNumbers(MlirOperation op) {
  std::optional<OpClauses> clauses = getOpClauses(op);
  return wrap(clauses ? Attribute(clauses->dimensionNumbers) : Attribute());
}

PatchesPrecision patchesOperationGetPrecision(MlirOperation op) {
  std::optional<OpClauses> clauses = getOpClauses(op);
  if (!clauses)
    return static_cast<PatchesPrecision>(-1);
  if (!clauses->precision)
    return PatchesPrecisionDefault;
  return static_cast<PatchesPrecision>(clauses->precision.getValue());
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

/// Where the attribute constructors report bad arguments.
static InFlightDiagnostic emitAttrError(MLIRContext *ctx,
                                        llvm::StringRef function) {
  return emitError(UnknownLoc::get(ctx)) << function << ": ";
}

template <typename AttrTy> static AttrTy dynCastAttr(MlirAttribute attr) {
  if (mlirAttributeIsNull(attr))
    return {};
  return dyn_cast<AttrTy>(unwrap(attr));
}

MlirAttribute patchesPaddingAttrGet(MlirContext ctx, PatchesPaddingKind kind,
                                    intptr_t numPairs, const int64_t *low,
                                    const int64_t *high) {
  if (mlirContextIsNull(ctx))
    return MlirAttribute{nullptr};
  MLIRContext *context = unwrap(ctx);
  loadPatchesDialect(context);
  auto emit = [&] { return emitAttrError(context, "patchesPaddingAttrGet"); };
  if (!symbolizePaddingKind(static_cast<uint32_t>(kind))) {
    emit() << "unknown padding kind " << static_cast<int>(kind);
    return MlirAttribute{nullptr};
  }
  if (numPairs < 0 || (numPairs > 0 && (!low || !high))) {
    emit() << "numPairs = " << numPairs << " needs as many low and high values";
    return MlirAttribute{nullptr};
  }
  return wrap(
      PaddingAttr::getChecked(emit, context, static_cast<PaddingKind>(kind),
                              ArrayRef<int64_t>(low, low ? numPairs : 0),
                              ArrayRef<int64_t>(high, high ? numPairs : 0)));
}

bool patchesAttributeIsAPadding(MlirAttribute attr) {
  return static_cast<bool>(dynCastAttr<PaddingAttr>(attr));
}

PatchesPaddingKind patchesPaddingAttrGetKind(MlirAttribute attr) {
  auto padding = dynCastAttr<PaddingAttr>(attr);
  if (!padding)
    return static_cast<PatchesPaddingKind>(-1);
  return static_cast<PatchesPaddingKind>(padding.getKind());
}

intptr_t patchesPaddingAttrGetNumPairs(MlirAttribute attr) {
  auto padding = dynCastAttr<PaddingAttr>(attr);
  if (!padding)
    return -1;
  return padding.getLow().size();
}

bool patchesPaddingAttrGetPair(MlirAttribute attr, intptr_t pos, int64_t *low,
                               int64_t *high) {
  auto padding = dynCastAttr<PaddingAttr>(attr);
  if (!padding || pos < 0 ||
      pos >= static_cast<intptr_t>(padding.getLow().size()) || !low || !high)
    return false;
  *low = padding.getLow()[pos];
  *high = padding.getHigh()[pos];
  return true;
}

MlirTypeID patchesPaddingAttrGetTypeID(void) {
  return wrap(TypeID::get<PaddingAttr>());
}

MlirAttribute patchesDimensionNumbersAttrGet(MlirContext ctx,
                                             MlirStringRef lhsSpec,
                                             MlirStringRef rhsSpec,
                                             MlirStringRef outSpec) {
  if (mlirContextIsNull(ctx))
    return MlirAttribute{nullptr};
  MLIRContext *context = unwrap(ctx);
  loadPatchesDialect(context);
  return wrap(DimensionNumbersAttr::get(context, unwrap(lhsSpec),
                                        unwrap(rhsSpec), unwrap(outSpec)));
}

bool patchesAttributeIsADimensionNumbers(MlirAttribute attr) {
  return static_cast<bool>(dynCastAttr<DimensionNumbersAttr>(attr));
}

/// One spec of a `#patches.dimension_numbers`, or an empty reference.
static MlirStringRef getSpec(MlirAttribute attr,
                             llvm::StringRef (DimensionNumbersAttr::*getter)()
                                 const) {
  auto dimensionNumbers = dynCastAttr<DimensionNumbersAttr>(attr);
  if (!dimensionNumbers)
    return MlirStringRef{nullptr, 0};
  return wrap((dimensionNumbers.*getter)());
}

MlirStringRef patchesDimensionNumbersAttrGetLhsSpec(MlirAttribute attr) {
  return getSpec(attr, &DimensionNumbersAttr::getLhs);
}

MlirStringRef patchesDimensionNumbersAttrGetRhsSpec(MlirAttribute attr) {
  return getSpec(attr, &DimensionNumbersAttr::getRhs);
}

MlirStringRef patchesDimensionNumbersAttrGetOutSpec(MlirAttribute attr) {
  return getSpec(attr, &DimensionNumbersAttr::getOut);
}

MlirTypeID patchesDimensionNumbersAttrGetTypeID(void) {
  return wrap(TypeID::get<DimensionNumbersAttr>());
}

MlirAttribute patchesPrecisionAttrGet(MlirContext ctx, PatchesPrecision value) {
  if (mlirContextIsNull(ctx))
    return MlirAttribute{nullptr};
  MLIRContext *context = unwrap(ctx);
  loadPatchesDialect(context);
  FailureOr<Precision> precision = convertPrecision(
      value, [&] { return emitAttrError(context, "patchesPrecisionAttrGet"); });
  if (failed(precision))
    return MlirAttribute{nullptr};
  return wrap(PrecisionAttr::get(context, *precision));
}

bool patchesAttributeIsAPrecision(MlirAttribute attr) {
  return static_cast<bool>(dynCastAttr<PrecisionAttr>(attr));
}

PatchesPrecision patchesPrecisionAttrGetValue(MlirAttribute attr) {
  auto precision = dynCastAttr<PrecisionAttr>(attr);
  if (!precision)
    return static_cast<PatchesPrecision>(-1);
  return static_cast<PatchesPrecision>(precision.getValue());
}

MlirTypeID patchesPrecisionAttrGetTypeID(void) {
  return wrap(TypeID::get<PrecisionAttr>());
}

//===----------------------------------------------------------------------===//
// The geometry
//===----------------------------------------------------------------------===//

namespace {
/// The message of the geometry query running on this thread, if any.
thread_local std::string *queryError = nullptr;
} // namespace

/// The context of the geometry queries, private to this library: the
/// clauses' attributes are created there, and its one diagnostic handler
/// gives the query running on the same thread its message. It is never
/// destroyed (the queries may run until the process exits).
static MLIRContext &getQueryContext() {
  static MLIRContext *context = [] {
    auto *ctx = new MLIRContext(MLIRContext::Threading::ENABLED);
    loadPatchesDialect(ctx);
    ctx->getDiagEngine().registerHandler([](Diagnostic &diag) {
      if (!queryError)
        return failure();
      llvm::raw_string_ostream os(*queryError);
      if (!queryError->empty())
        os << "\n";
      os << diag;
      for (Diagnostic &note : diag.getNotes())
        os << "\nnote: " << note;
      return success();
    });
    return ctx;
  }();
  return *context;
}

MlirLogicalResult patchesInferExtractResultShape(
    intptr_t numSpatialDims, const int64_t *filterShape,
    const int64_t *windowStrides, PatchesPaddingKind padding,
    const int64_t *padLow, const int64_t *padHigh, const int64_t *lhsDilation,
    const int64_t *rhsDilation, const char *lhsSpec, const char *rhsSpec,
    const char *outSpec, intptr_t inputRank, const int64_t *inputShape,
    int64_t *resultShape, MlirStringCallback onError, void *userData) {
  MLIRContext &ctx = getQueryContext();
  std::string message;
  std::string *outerQuery = queryError;
  queryError = &message;
  auto emit = [&]() -> InFlightDiagnostic {
    return emitError(UnknownLoc::get(&ctx));
  };
  auto fail = [&]() {
    queryError = outerQuery;
    if (onError)
      onError(MlirStringRef{message.data(), message.size()}, userData);
    return mlirLogicalResultFailure();
  };

  if (inputRank < 0 || (inputRank > 0 && (!inputShape || !resultShape))) {
    emit() << "inputRank = " << inputRank
           << " needs an inputShape and a resultShape of as many sizes";
    return fail();
  }
  ClauseArgs args{numSpatialDims, filterShape, windowStrides, padding,
                  padLow,         padHigh,     lhsDilation,   rhsDilation,
                  lhsSpec,        rhsSpec,     outSpec};
  FailureOr<ExtractClauses> clauses = convertClauses(&ctx, args, emit);
  if (failed(clauses))
    return fail();
  FailureOr<ExtractGeometry> geometry = ExtractGeometry::compute(
      *clauses, ArrayRef<int64_t>(inputShape, inputShape ? inputRank : 0),
      emit);
  if (failed(geometry))
    return fail();
  queryError = outerQuery;
  // The geometry checked the rank: the result has the input's.
  llvm::copy(geometry->getResultShape(), resultShape);
  return mlirLogicalResultSuccess();
}
