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
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

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

  // One operand per dynamic spatial size: the patches cannot give those.
  int64_t dynamicSpatial = llvm::count_if(
      geometry->getLayouts().lhs.spatial,
      [&](int64_t dim) { return getType().isDynamicDim(dim); });
  if (static_cast<int64_t>(getSpatialSizes().size()) != dynamicSpatial)
    return emitOpError() << "expected " << dynamicSpatial
                         << " spatial_sizes operands, one per dynamic "
                            "spatial size of the result, but got "
                         << getSpatialSizes().size();

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

SmallVector<OpFoldResult>
FoldOp::getMixedResultSizes(OpBuilder &b, const ExtractGeometry &geometry) {
  const DimensionLayouts &layouts = geometry.getLayouts();
  Location loc = getLoc();
  SmallVector<OpFoldResult> sizes;
  auto spatialSize = getSpatialSizes().begin();
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
    if (static_cast<int64_t>(dim) == layouts.lhs.feature) {
      OpFoldResult features =
          tensor::getMixedSize(b, loc, getPatches(), layouts.out.feature);
      sizes.push_back(affine::makeComposedFoldedAffineApply(
          b, loc, getAffineDimExpr(0, b.getContext())
                             .floorDiv(geometry.getWindowVolume()),
          {features}));
      continue;
    }
    sizes.push_back(*spatialSize++);
  }
  return sizes;
}

LogicalResult
FoldOp::reifyResultShapes(OpBuilder &b,
                          ReifiedRankedShapedTypeDims &reifiedShapes) {
  FailureOr<ExtractGeometry> geometry = getGeometry();
  if (failed(geometry))
    return failure();
  reifiedShapes.push_back(getMixedResultSizes(b, *geometry));
  return success();
}

namespace {
/// A constant in `spatial_sizes` becomes a static size of the result type,
/// and a `tensor.cast` gives back the type the users had (as for
/// `tensor.empty`). Sizes that would make the op invalid (negative, or
/// static patches sizes that disagree) are left for run time.
struct FoldConstantSpatialSizes : OpRewritePattern<FoldOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(FoldOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<ExtractGeometry> geometry = ExtractGeometry::compute(
        getExtractClauses(op), op.getType().getShape(),
        [] { return InFlightDiagnostic(); });
    if (failed(geometry))
      return failure();
    SmallVector<int64_t> shape(op.getType().getShape());
    SmallVector<Value> dynamicSizes;
    auto size = op.getSpatialSizes().begin();
    for (int64_t dim : geometry->getLayouts().lhs.spatial) {
      if (!ShapedType::isDynamic(shape[dim]))
        continue;
      Value value = *size++;
      APInt constant;
      if (matchPattern(value, m_ConstantInt(&constant)) &&
          !constant.isNegative())
        shape[dim] = constant.getSExtValue();
      else
        dynamicSizes.push_back(value);
    }
    if (dynamicSizes.size() == op.getSpatialSizes().size())
      return rewriter.notifyMatchFailure(op, "no constant spatial size");
    auto newType = op.getType().clone(shape);
    FailureOr<ExtractGeometry> newGeometry = ExtractGeometry::compute(
        getExtractClauses(op), shape, [] { return InFlightDiagnostic(); });
    if (failed(newGeometry) ||
        failed(verifyCompatibleShape(newGeometry->getResultShape(),
                                     op.getPatches().getType().getShape())))
      return rewriter.notifyMatchFailure(op, "the static sizes do not verify");
    SmallVector<Value> operands = {op.getPatches()};
    llvm::append_range(operands, dynamicSizes);
    auto newOp = FoldOp::create(rewriter, op.getLoc(), TypeRange{newType},
                                operands, op.getProperties(),
                                llvm::to_vector(op->getDiscardableAttrs()));
    rewriter.replaceOpWithNewOp<tensor::CastOp>(op, op.getType(), newOp);
    return success();
  }
};
} // namespace

void FoldOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<FoldConstantSpatialSizes>(context);
}

ParseResult FoldOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand patches;
  ExtractClauseAttrs clauses;
  SmallVector<OpAsmParser::UnresolvedOperand> spatialSizes;
  if (parser.parseOperand(patches))
    return failure();
  if (succeeded(parser.parseOptionalKeyword("spatial_sizes")) &&
      parser.parseOperandList(spatialSizes, OpAsmParser::Delimiter::Paren))
    return failure();
  if (parseExtractClauses(parser, clauses))
    return failure();
  clauses.copyInto(result.getOrAddProperties<Properties>());

  Type patchesType, resultType;
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseColonType(patchesType) || parser.parseArrow() ||
      parser.parseType(resultType) ||
      parser.resolveOperand(patches, patchesType, result.operands) ||
      parser.resolveOperands(spatialSizes, parser.getBuilder().getIndexType(),
                             result.operands))
    return failure();
  result.addTypes(resultType);
  return success();
}

void FoldOp::print(OpAsmPrinter &p) {
  p << ' ' << getPatches();
  if (!getSpatialSizes().empty())
    p << " spatial_sizes(" << getSpatialSizes() << ')';
  printExtractClauses(p, ExtractClauseAttrs::of(*this));
  p.printOptionalAttrDict((*this)->getAttrs(), getAttributeNames());
  p << " : " << getPatches().getType() << " -> " << getType();
}
