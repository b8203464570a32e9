//===- PatchesFoldOp.cpp - patches.fold, the adjoint of extract -----------===//
//
// `patches.fold` shares its clauses, their syntax and its geometry with
// `patches.extract`; the geometry is that of the extraction from the fold's
// result (input-shaped) type, and the operand must have its result shape.
//
//===----------------------------------------------------------------------===//

#include "PatchesOpsClauses.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace patches;

FailureOr<ExtractGeometry> FoldOp::getGeometry() {
  return ExtractGeometry::compute(getExtractClauses(*this),
                                  getType().getShape(),
                                  [&] { return emitOpError(); });
}

/// Writes a size, `?` when dynamic.
static void printSize(InFlightDiagnostic &diag, int64_t size) {
  if (ShapedType::isDynamic(size))
    diag << "?";
  else
    diag << size;
}

LogicalResult FoldOp::verify() {
  // The geometry's own rank check speaks of "the input"; here that is the
  // result, so say it in the fold's terms first.
  int64_t expectedRank = getNumSpatialDims() + 2;
  if (getType().getRank() != expectedRank)
    return emitOpError() << "expected a result of rank " << expectedRank
                         << " (2 + " << getNumSpatialDims()
                         << " spatial dimensions of filter_shape), but the "
                            "result has rank "
                         << getType().getRank();
  FailureOr<ExtractGeometry> geometry = getGeometry();
  if (failed(geometry))
    return failure();

  RankedTensorType patchesType = getPatches().getType();
  Type elementType = getType().getElementType();
  ArrayRef<int64_t> expectedShape = geometry->getResultShape();
  auto expectedType = RankedTensorType::get(expectedShape, elementType);
  if (patchesType.getElementType() != elementType)
    return emitOpError() << "patches element type "
                         << patchesType.getElementType()
                         << " differs from the result element type "
                         << elementType << ": expected patches type "
                         << expectedType;
  if (patchesType.getRank() != expectedType.getRank())
    return emitOpError() << "patches have rank " << patchesType.getRank()
                         << ", but the result has rank "
                         << expectedType.getRank() << ": expected patches type "
                         << expectedType;
  for (auto [dim, written, expected] :
       llvm::enumerate(patchesType.getShape(), expectedShape)) {
    // A dynamic size on either side is checked at run time, if at all.
    if (written == expected || ShapedType::isDynamic(written) ||
        ShapedType::isDynamic(expected))
      continue;
    auto diag = emitOpError() << "patches dimension " << dim << " has size ";
    printSize(diag, written);
    diag << ", but the extraction from the result type gives ";
    printSize(diag, expected);
    return diag << ": expected patches type " << expectedType;
  }
  return success();
}

LogicalResult
FoldOp::reifyResultShapes(OpBuilder &b,
                          ReifiedRankedShapedTypeDims &reifiedShapes) {
  FailureOr<ExtractGeometry> geometry = getGeometry();
  if (failed(geometry))
    return failure();
  // Batch and channels come from the patches; a dynamic spatial size cannot
  // be recovered from them (strides and padding lose it).
  Location loc = getLoc();
  const DimensionLayouts &layouts = geometry->getLayouts();
  SmallVector<OpFoldResult> sizes;
  for (auto [dim, size] : llvm::enumerate(getType().getShape())) {
    if (!ShapedType::isDynamic(size)) {
      sizes.push_back(b.getIndexAttr(size));
      continue;
    }
    if (static_cast<int64_t>(dim) == layouts.lhs.batch) {
      sizes.push_back(
          tensor::getMixedSize(b, loc, getPatches(), layouts.out.batch));
      continue;
    }
    if (static_cast<int64_t>(dim) != layouts.lhs.feature)
      return failure();
    OpFoldResult features =
        tensor::getMixedSize(b, loc, getPatches(), layouts.out.feature);
    sizes.push_back(affine::makeComposedFoldedAffineApply(
        b, loc,
        getAffineDimExpr(0, b.getContext())
            .floorDiv(geometry->getWindowVolume()),
        {features}));
  }
  reifiedShapes.push_back(std::move(sizes));
  return success();
}

ParseResult FoldOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand patches;
  ExtractClauseAttrs clauses;
  if (parser.parseOperand(patches) || parseExtractClauses(parser, clauses))
    return failure();
  clauses.copyInto(result.getOrAddProperties<Properties>());

  Type patchesType, resultType;
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseColonType(patchesType) || parser.parseArrow() ||
      parser.parseType(resultType) ||
      parser.resolveOperand(patches, patchesType, result.operands))
    return failure();
  result.addTypes(resultType);
  return success();
}

void FoldOp::print(OpAsmPrinter &p) {
  p << ' ' << getPatches();
  printExtractClauses(p, ExtractClauseAttrs::of(*this));
  p.printOptionalAttrDict((*this)->getAttrs(), getAttributeNames());
  p << " : " << getPatches().getType() << " -> " << getType();
}
