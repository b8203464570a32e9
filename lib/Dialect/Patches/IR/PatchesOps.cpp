//===- PatchesOps.cpp - Operations of the patches dialect -----------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "PatchesOpsClauses.h"
#include "patches/Dialect/Patches/IR/PatchesGeometry.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace patches;

#define GET_OP_CLASSES
#include "patches/Dialect/Patches/IR/PatchesOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Geometry access
//===----------------------------------------------------------------------===//

FailureOr<ExtractGeometry> ExtractOp::getGeometry() {
  return ExtractGeometry::compute(getExtractClauses(*this),
                                  getInput().getType().getShape(),
                                  [&] { return emitOpError(); });
}

FailureOr<ExtractGeometry> ExtractOp::getGeometryQuietly() {
  return ExtractGeometry::computeQuietly(getExtractClauses(*this),
                                         getInput().getType().getShape());
}

//===----------------------------------------------------------------------===//
// Builder, type inference, verification
//===----------------------------------------------------------------------===//

void ExtractOp::build(OpBuilder &b, OperationState &state, Value input,
                      ArrayRef<int64_t> filterShape,
                      ArrayRef<int64_t> windowStrides, PaddingAttr padding,
                      ArrayRef<int64_t> lhsDilation,
                      ArrayRef<int64_t> rhsDilation,
                      DimensionNumbersAttr dimensionNumbers,
                      Precision precision) {
  state.addOperands(input);
  Properties &props = state.getOrAddProperties<Properties>();
  ExtractClauseAttrs::get(b, filterShape, windowStrides, padding, lhsDilation,
                          rhsDilation, dimensionNumbers, precision)
      .copyInto(props);

  SmallVector<Type> inferred;
  if (succeeded(inferReturnTypes(
          b.getContext(), /*location=*/std::nullopt, state.operands,
          state.attributes.getDictionary(b.getContext()),
          state.getRawProperties(), state.regions, inferred))) {
    state.addTypes(inferred);
    return;
  }
  // Invalid clauses: build an op with a fully dynamic result so that the
  // verifier, not an assertion here, reports the problem.
  Type elementType = getElementTypeOrSelf(input.getType());
  SmallVector<int64_t> shape(filterShape.size() + 2, ShapedType::kDynamic);
  state.addTypes(RankedTensorType::get(shape, elementType));
}

LogicalResult
ExtractOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                            Adaptor adaptor,
                            SmallVectorImpl<Type> &inferredReturnTypes) {
  auto emitError = [&]() -> InFlightDiagnostic {
    if (!location)
      return InFlightDiagnostic();
    return mlir::emitError(*location) << "'" << getOperationName() << "' op ";
  };
  auto inputType = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!inputType) {
    // Not `return emitError() << ...`: without a location the diagnostic is
    // inactive, and an inactive diagnostic converts to success.
    emitError() << "expects a ranked tensor input, got "
                << adaptor.getInput().getType();
    return failure();
  }
  FailureOr<ExtractGeometry> geometry = ExtractGeometry::compute(
      getExtractClauses(adaptor), inputType.getShape(), emitError);
  if (failed(geometry))
    return failure();
  inferredReturnTypes.push_back(RankedTensorType::get(
      geometry->getResultShape(), inputType.getElementType()));
  return success();
}

// Type compatibility is the coarse part of the check (same element type and
// rank); the verifier then compares every dimension and names the one that
// differs.
bool ExtractOp::isCompatibleReturnTypes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != 1 || rhs.size() != 1)
    return false;
  auto a = dyn_cast<RankedTensorType>(lhs.front());
  auto b = dyn_cast<RankedTensorType>(rhs.front());
  return a && b && a.getElementType() == b.getElementType() &&
         a.getRank() == b.getRank();
}

/// Whether values of `type` can stand for "nothing read": padding, the
/// holes of lhs dilation, and the empty sums of patches.fold are zero.
static bool hasZero(Type type) {
  if (auto complexType = dyn_cast<ComplexType>(type))
    type = complexType.getElementType();
  if (auto floatType = dyn_cast<FloatType>(type))
    return llvm::APFloatBase::semanticsHasZero(floatType.getFloatSemantics());
  return true;
}

/// Whether the extraction can read a zero rather than an input element:
/// padding that is positive (or not known), or the holes of lhs dilation.
static bool mayReadZero(const ExtractGeometry &geometry) {
  return llvm::any_of(geometry.getSpatial(), [](const SpatialGeometry &g) {
    bool holes = g.lhsDilation != 1 &&
                 (ShapedType::isDynamic(g.inputSize) || g.inputSize > 1);
    return holes || ShapedType::isDynamic(g.padLow) || g.padLow > 0 ||
           g.padHigh > 0;
  });
}

LogicalResult patches::verifyElementType(Operation *op, Type elementType,
                                         const ExtractGeometry &geometry,
                                         bool sums) {
  Type scalar = elementType;
  if (auto complexType = dyn_cast<ComplexType>(scalar))
    scalar = complexType.getElementType();
  // tf32 is a format of arithmetic units, not of memory: MLIR gives it no
  // storage (no LLVM type, no buffer layout), so no tensor of it can be
  // moved.
  if (isa<FloatTF32Type>(scalar))
    return op->emitOpError("element type ")
           << elementType
           << " has no storage format (tf32 is a compute type); extract "
              "patches of f32 and round them";
  if (hasZero(elementType))
    return success();
  if (sums)
    return op->emitOpError("element type ")
           << elementType
           << " has no zero, which the sums start from and the input "
              "elements that no patch reads hold";
  if (mayReadZero(geometry))
    return op->emitOpError("element type ")
           << elementType
           << " has no zero, but this extraction reads zeros (positive or "
              "SAME padding, or the holes of lhs dilation); only unpadded, "
              "undilated extractions of it are defined";
  return success();
}

LogicalResult ExtractOp::verify() {
  if (failed(verifyNoShadowedClauses(*this, getAttributeNames())))
    return failure();
  FailureOr<ExtractGeometry> geometry = getGeometry();
  if (failed(geometry))
    return failure();
  if (failed(verifyElementType(*this, getInput().getType().getElementType(),
                               *geometry, /*sums=*/false)))
    return failure();
  ArrayRef<int64_t> inferred = geometry->getResultShape();
  RankedTensorType resultType = getType();
  Type elementType = getInput().getType().getElementType();
  RankedTensorType expectedType = RankedTensorType::get(inferred, elementType);
  // Checked here rather than left to the InferTypeOpInterface verifier, which
  // runs later: the loop below zips the two shapes and needs equal ranks, and
  // one message that names the expected type beats that verifier's two.
  if (resultType.getElementType() != elementType)
    return emitOpError() << "result element type "
                         << resultType.getElementType()
                         << " differs from the input element type "
                         << elementType << ": expected result type "
                         << expectedType;
  if (resultType.getRank() != expectedType.getRank())
    return emitOpError() << "result has rank " << resultType.getRank()
                         << ", but the input has rank "
                         << expectedType.getRank() << ": expected result type "
                         << expectedType;
  for (auto [dim, written, expected] :
       llvm::enumerate(resultType.getShape(), inferred)) {
    // A static size is accepted where the inferred size is dynamic: it
    // refines the type. The converse loses information and is rejected.
    if (written == expected || ShapedType::isDynamic(expected))
      continue;
    auto diag = emitOpError() << "result dimension " << dim << " has size ";
    if (ShapedType::isDynamic(written))
      diag << "?";
    else
      diag << written;
    diag << ", but the extraction gives ";
    if (ShapedType::isDynamic(expected))
      diag << "?";
    else
      diag << expected;
    return diag << ": expected result type " << expectedType;
  }
  return success();
}

LogicalResult
ExtractOp::reifyResultShapes(OpBuilder &b,
                             ReifiedRankedShapedTypeDims &reifiedShapes) {
  FailureOr<ExtractGeometry> geometry = getGeometry();
  if (failed(geometry))
    return failure();
  // Static sizes of the result type win: it may be more static than the
  // inferred type, and a reified shape must agree with it (the tiling
  // drivers build the destination from it).
  SmallVector<OpFoldResult> sizes =
      geometry->materializeResultSizes(b, getLoc(), getInput());
  for (auto [size, staticSize] : llvm::zip_equal(sizes, getType().getShape()))
    if (!ShapedType::isDynamic(staticSize))
      size = b.getIndexAttr(staticSize);
  reifiedShapes.push_back(sizes);
  return success();
}

//===----------------------------------------------------------------------===//
// Custom assembly
//===----------------------------------------------------------------------===//

/// An integer element of a clause. `parseInteger` alone would take `true`
/// as the 1-bit integer 1, read back as -1 ("filter_shape[0] = -1 must be at
/// least 1"), so a keyword is reported as what it is.
ParseResult patches::parseClauseInteger(AsmParser &parser, int64_t &value) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (succeeded(parser.parseOptionalKeyword(&keyword)))
    return parser.emitError(loc, "expected an integer, got '")
           << keyword << "'";
  return parser.parseInteger(value);
}

static ParseResult parseIntList(OpAsmParser &parser,
                                SmallVectorImpl<int64_t> &values) {
  return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square,
                                        [&]() -> ParseResult {
                                          int64_t value;
                                          if (parseClauseInteger(parser, value))
                                            return failure();
                                          values.push_back(value);
                                          return success();
                                        });
}

static void printIntList(OpAsmPrinter &p, ArrayRef<int64_t> values) {
  p << "[";
  llvm::interleaveComma(values, p);
  p << "]";
}

/// Parses `name = [ints]` when `name` is next (or always, when required).
static ParseResult parseListClause(OpAsmParser &parser, StringRef name,
                                   bool required, DenseI64ArrayAttr &attr) {
  if (required) {
    if (parser.parseKeyword(name))
      return failure();
  } else if (failed(parser.parseOptionalKeyword(name))) {
    return success();
  }
  SmallVector<int64_t> values;
  if (parser.parseEqual() || parseIntList(parser, values))
    return failure();
  attr = parser.getBuilder().getDenseI64ArrayAttr(values);
  return success();
}

/// A precision as JAX spells it (`lax.Precision(...)`): the enum names in any
/// case, and the aliases JAX gives them ('bfloat16' and 'fastest' are
/// DEFAULT, 'tensorfloat32' and 'bfloat16_3x' HIGH, 'float32' HIGHEST).
static std::optional<Precision> parseJaxPrecision(StringRef text) {
  std::string name = text.lower();
  return llvm::StringSwitch<std::optional<Precision>>(name)
      .Cases({"default", "fastest", "bfloat16"}, Precision::Default)
      .Cases({"high", "tensorfloat32", "bfloat16_3x"}, Precision::High)
      .Cases({"highest", "float32"}, Precision::Highest)
      .Default(std::nullopt);
}

/// Whether an optional dilation holds its default (all ones).
static bool isDefaultDilation(DenseI64ArrayAttr dilation, int64_t n) {
  return !dilation || (static_cast<int64_t>(dilation.size()) == n &&
                       llvm::all_of(dilation.asArrayRef(),
                                    [](int64_t v) { return v == 1; }));
}

ExtractClauseAttrs ExtractClauseAttrs::get(
    Builder &b, ArrayRef<int64_t> filterShape, ArrayRef<int64_t> windowStrides,
    PaddingAttr padding, ArrayRef<int64_t> lhsDilation,
    ArrayRef<int64_t> rhsDilation, DimensionNumbersAttr dimensionNumbers,
    Precision precision) {
  ExtractClauseAttrs clauses;
  clauses.filterShape = b.getDenseI64ArrayAttr(filterShape);
  clauses.windowStrides = b.getDenseI64ArrayAttr(windowStrides);
  clauses.padding = padding;
  if (!lhsDilation.empty())
    clauses.lhsDilation = b.getDenseI64ArrayAttr(lhsDilation);
  if (!rhsDilation.empty())
    clauses.rhsDilation = b.getDenseI64ArrayAttr(rhsDilation);
  clauses.dimensionNumbers = dimensionNumbers;
  clauses.precision = PrecisionAttr::get(b.getContext(), precision);
  // Defaults are absent, as the parser stores them.
  clauses.dropDefaults();
  return clauses;
}

void ExtractClauseAttrs::dropDefaults() {
  int64_t n = filterShape ? filterShape.size() : 0;
  if (isDefaultDilation(lhsDilation, n))
    lhsDilation = {};
  if (isDefaultDilation(rhsDilation, n))
    rhsDilation = {};
  if (isDefaultDimensionNumbers(dimensionNumbers, n))
    dimensionNumbers = {};
}

ParseResult patches::parseExtractClauses(OpAsmParser &parser,
                                         ExtractClauseAttrs &clauses) {
  if (parseListClause(parser, "filter_shape", /*required=*/true,
                      clauses.filterShape) ||
      parseListClause(parser, "window_strides", /*required=*/true,
                      clauses.windowStrides) ||
      parser.parseKeyword("padding") || parser.parseEqual())
    return failure();
  clauses.padding = PaddingAttr::parseBody(parser);
  if (!clauses.padding ||
      parseListClause(parser, "lhs_dilation", /*required=*/false,
                      clauses.lhsDilation) ||
      parseListClause(parser, "rhs_dilation", /*required=*/false,
                      clauses.rhsDilation))
    return failure();

  if (succeeded(parser.parseOptionalKeyword("dimension_numbers"))) {
    if (parser.parseEqual() || parser.parseLParen())
      return failure();
    clauses.dimensionNumbers = DimensionNumbersAttr::parseBody(parser);
    if (!clauses.dimensionNumbers || parser.parseRParen())
      return failure();
  }

  if (succeeded(parser.parseOptionalKeyword("precision"))) {
    std::string keyword;
    if (parser.parseEqual())
      return failure();
    // The error points at the keyword, not at the `=` before it.
    SMLoc loc = parser.getCurrentLocation();
    if (parser.parseKeywordOrString(&keyword))
      return failure();
    std::optional<Precision> precision = parseJaxPrecision(keyword);
    if (!precision)
      return parser.emitError(loc, "unknown precision '")
             << keyword << "', expected DEFAULT, HIGH or HIGHEST";
    clauses.precision = PrecisionAttr::get(parser.getContext(), *precision);
  }
  // Stored as the builders store them: a clause that holds its default is
  // absent, so that one meaning is one IR before and after printing.
  clauses.dropDefaults();
  return success();
}

ParseResult
patches::parseAttrDictWithoutClauses(OpAsmParser &parser,
                                     NamedAttrList &attributes,
                                     ArrayRef<StringRef> clauseNames) {
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseOptionalAttrDict(attributes))
    return failure();
  for (NamedAttribute attr : attributes)
    if (llvm::is_contained(clauseNames, attr.getName().strref()))
      return parser.emitError(loc, "'")
             << attr.getName().strref()
             << "' is a clause of the op and cannot also be given in its "
                "attribute dictionary";
  return success();
}

LogicalResult patches::verifyNoShadowedClauses(Operation *op,
                                               ArrayRef<StringRef> names) {
  for (NamedAttribute attr : op->getDiscardableAttrs())
    if (llvm::is_contained(names, attr.getName().strref()))
      return op->emitOpError("has a discardable attribute '")
             << attr.getName().strref()
             << "' that shadows its clause of the same name";
  return success();
}

void patches::printExtractClauses(OpAsmPrinter &p,
                                  const ExtractClauseAttrs &clauses) {
  int64_t n = clauses.filterShape.size();
  p << "filter_shape = ";
  printIntList(p, clauses.filterShape.asArrayRef());
  p << " window_strides = ";
  printIntList(p, clauses.windowStrides.asArrayRef());
  p << " padding = ";
  clauses.padding.printBody(p);
  if (!isDefaultDilation(clauses.lhsDilation, n)) {
    p << " lhs_dilation = ";
    printIntList(p, clauses.lhsDilation.asArrayRef());
  }
  if (!isDefaultDilation(clauses.rhsDilation, n)) {
    p << " rhs_dilation = ";
    printIntList(p, clauses.rhsDilation.asArrayRef());
  }
  if (!isDefaultDimensionNumbers(clauses.dimensionNumbers, n)) {
    p << " dimension_numbers = (";
    clauses.dimensionNumbers.printBody(p);
    p << ")";
  }
  if (clauses.precision && clauses.precision.getValue() != Precision::Default)
    p << " precision = " << stringifyPrecision(clauses.precision.getValue());
}

//===----------------------------------------------------------------------===//
// custom<ExtractClauses>: the clauses and attribute dictionary of both ops
//===----------------------------------------------------------------------===//

/// The clause names, which are the inherent attributes of both ops.
static constexpr llvm::StringLiteral kClauseNames[] = {
    "filter_shape", "window_strides",    "padding",  "lhs_dilation",
    "rhs_dilation", "dimension_numbers", "precision"};

ParseResult patches::parseExtractClauses(
    OpAsmParser &parser, DenseI64ArrayAttr &filterShape,
    DenseI64ArrayAttr &windowStrides, PaddingAttr &padding,
    DenseI64ArrayAttr &lhsDilation, DenseI64ArrayAttr &rhsDilation,
    DimensionNumbersAttr &dimensionNumbers, PrecisionAttr &precision,
    NamedAttrList &attributes) {
  ExtractClauseAttrs clauses;
  SmallVector<StringRef> names(std::begin(kClauseNames),
                               std::end(kClauseNames));
  if (parseExtractClauses(parser, clauses) ||
      parseAttrDictWithoutClauses(parser, attributes, names))
    return failure();
  filterShape = clauses.filterShape;
  windowStrides = clauses.windowStrides;
  padding = clauses.padding;
  lhsDilation = clauses.lhsDilation;
  rhsDilation = clauses.rhsDilation;
  dimensionNumbers = clauses.dimensionNumbers;
  precision = clauses.precision;
  return success();
}

void patches::printExtractClauses(
    OpAsmPrinter &p, Operation *, DenseI64ArrayAttr filterShape,
    DenseI64ArrayAttr windowStrides, PaddingAttr padding,
    DenseI64ArrayAttr lhsDilation, DenseI64ArrayAttr rhsDilation,
    DimensionNumbersAttr dimensionNumbers, PrecisionAttr precision,
    DictionaryAttr attributes) {
  printExtractClauses(p, ExtractClauseAttrs{filterShape, windowStrides, padding,
                                            lhsDilation, rhsDilation,
                                            dimensionNumbers, precision});
  SmallVector<StringRef> names(std::begin(kClauseNames),
                               std::end(kClauseNames));
  p.printOptionalAttrDict(attributes.getValue(), names);
}
