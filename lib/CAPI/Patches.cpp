//===- Patches.cpp - C API of the patches dialect -------------------------===//

#include "patches-c/Dialect/Patches.h"
#include "patches-c/Registration.h"
#include "patches/InitPatches.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <optional>

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
  patches::registerAllExtensions(*unwrap(registry));
}

bool patchesOperationIsAExtractOp(MlirOperation op) {
  return isa<ExtractOp>(unwrap(op));
}

MlirOperation patchesExtractOpCreate(
    MlirLocation location, MlirValue input, intptr_t numSpatialDims,
    const int64_t *filterShape, const int64_t *windowStrides,
    PatchesPaddingKind padding, const int64_t *padLow, const int64_t *padHigh,
    const int64_t *lhsDilation, const int64_t *rhsDilation, const char *lhsSpec,
    const char *rhsSpec, const char *outSpec, PatchesPrecision precision) {
  Location loc = unwrap(location);
  MLIRContext *ctx = loc.getContext();
  auto emitLocError = [&]() -> InFlightDiagnostic {
    return emitError(loc) << "patchesExtractOpCreate: ";
  };

  // What the op's attributes cannot express is checked here; everything
  // else by the geometry, with the op's own diagnostics.
  auto inputType = dyn_cast_or_null<RankedTensorType>(
      mlirValueIsNull(input) ? Type() : unwrap(input).getType());
  if (!inputType) {
    emitLocError() << "the input must be a ranked tensor value";
    return MlirOperation{nullptr};
  }
  if (numSpatialDims < 0) {
    emitLocError() << "numSpatialDims = " << numSpatialDims << " is negative";
    return MlirOperation{nullptr};
  }
  auto array = [&](const int64_t *data) {
    return ArrayRef<int64_t>(data, data ? numSpatialDims : 0);
  };
  if (numSpatialDims > 0 && (!filterShape || !windowStrides)) {
    emitLocError() << "filterShape and windowStrides are required";
    return MlirOperation{nullptr};
  }
  if (!symbolizePaddingKind(static_cast<uint32_t>(padding))) {
    emitLocError() << "unknown padding kind " << static_cast<int>(padding);
    return MlirOperation{nullptr};
  }
  if (!symbolizePrecision(static_cast<uint32_t>(precision))) {
    emitLocError() << "unknown precision " << static_cast<int>(precision);
    return MlirOperation{nullptr};
  }
  auto paddingKind = static_cast<PaddingKind>(padding);
  PaddingAttr paddingAttr;
  if (paddingKind == PaddingKind::Explicit) {
    if (numSpatialDims > 0 && (!padLow || !padHigh)) {
      emitLocError() << "explicit padding needs padLow and padHigh";
      return MlirOperation{nullptr};
    }
    paddingAttr = PaddingAttr::getChecked(emitLocError, ctx, paddingKind,
                                          array(padLow), array(padHigh));
  } else {
    paddingAttr =
        PaddingAttr::getChecked(emitLocError, ctx, paddingKind,
                                ArrayRef<int64_t>(), ArrayRef<int64_t>());
  }
  if (!paddingAttr)
    return MlirOperation{nullptr};
  DimensionNumbersAttr dimensionNumbers;
  if (lhsSpec || rhsSpec || outSpec) {
    if (!lhsSpec || !rhsSpec || !outSpec) {
      emitLocError() << "give all three of lhsSpec, rhsSpec and outSpec, or "
                        "none";
      return MlirOperation{nullptr};
    }
    dimensionNumbers =
        DimensionNumbersAttr::get(ctx, lhsSpec, rhsSpec, outSpec);
  }

  ExtractClauses clauses;
  clauses.filterShape = array(filterShape);
  clauses.windowStrides = array(windowStrides);
  clauses.padding = paddingAttr;
  if (lhsDilation)
    clauses.lhsDilation = array(lhsDilation);
  if (rhsDilation)
    clauses.rhsDilation = array(rhsDilation);
  clauses.dimensionNumbers = dimensionNumbers;
  if (failed(ExtractGeometry::compute(clauses, inputType.getShape(),
                                      [&] { return emitLocError(); })))
    return MlirOperation{nullptr};

  OpBuilder builder(ctx);
  auto op = ExtractOp::create(
      builder, loc, unwrap(input), clauses.filterShape, clauses.windowStrides,
      paddingAttr, array(lhsDilation), array(rhsDilation), dimensionNumbers,
      static_cast<Precision>(precision));
  // The verifier checks what the geometry does not, such as element types.
  if (failed(verify(op))) {
    op->erase();
    return MlirOperation{nullptr};
  }
  return wrap(op.getOperation());
}
