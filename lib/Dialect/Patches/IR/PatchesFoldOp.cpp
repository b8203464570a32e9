//===- PatchesFoldOp.cpp - patches.fold, the adjoint of extract -----------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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

void FoldOp::build(OpBuilder &b, OperationState &state, Type resultType,
                   Value patches, ValueRange spatialSizes,
                   ArrayRef<int64_t> filterShape,
                   ArrayRef<int64_t> windowStrides, PaddingAttr padding,
                   ArrayRef<int64_t> lhsDilation, ArrayRef<int64_t> rhsDilation,
                   DimensionNumbersAttr dimensionNumbers, Precision precision) {
  state.addOperands(patches);
  state.addOperands(spatialSizes);
  state.addTypes(resultType);
  ExtractClauseAttrs::get(b, filterShape, windowStrides, padding, lhsDilation,
                          rhsDilation, dimensionNumbers, precision)
      .copyInto(state.getOrAddProperties<Properties>());
}

FailureOr<ExtractGeometry> FoldOp::getGeometry() {
  return ExtractGeometry::compute(getExtractClauses(*this),
                                  getType().getShape(),
                                  [&] { return emitOpError(); });
}

FailureOr<ExtractGeometry> FoldOp::getGeometryQuietly() {
  return ExtractGeometry::computeQuietly(getExtractClauses(*this),
                                         getType().getShape());
}

/// Writes a size, `?` when dynamic.
static void printSize(InFlightDiagnostic &diag, int64_t size) {
  if (ShapedType::isDynamic(size))
    diag << "?";
  else
    diag << size;
}

SmallVector<int64_t>
FoldOp::getSpatialSizeDims(ArrayRef<int64_t> resultShape,
                           const DimensionLayouts &layouts) {
  SmallVector<int64_t> dims;
  for (auto [dim, size] : llvm::enumerate(resultShape))
    if (ShapedType::isDynamic(size) &&
        static_cast<int64_t>(dim) != layouts.lhs.batch &&
        static_cast<int64_t>(dim) != layouts.lhs.feature)
      dims.push_back(dim);
  return dims;
}

LogicalResult FoldOp::verify() {
  if (failed(verifyNoShadowedClauses(*this, getAttributeNames())))
    return failure();
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

  if (failed(verifyElementType(*this, getType().getElementType(), *geometry,
                               /*sums=*/true)))
    return failure();

  // One operand per dynamic spatial size: the patches cannot give those.
  int64_t dynamicSpatial =
      getSpatialSizeDims(getType().getShape(), geometry->getLayouts()).size();
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
  // With a dynamic channel size the features give the channels, C = F / K,
  // which must be exact: otherwise the last F mod K features belong to no
  // channel (and would be dropped).
  const DimensionLayouts &layouts = geometry->getLayouts();
  int64_t features = patchesType.getDimSize(layouts.out.feature);
  int64_t volume = geometry->getWindowVolume();
  if (!ShapedType::isDynamic(features) && features % volume != 0)
    return emitOpError() << "patches feature size " << features
                         << " (dimension " << layouts.out.feature
                         << ") is not a multiple of the " << volume
                         << " window positions of filter_shape";
  return success();
}

SmallVector<OpFoldResult>
FoldOp::getMixedResultSizes(OpBuilder &b, const ExtractGeometry &geometry) {
  const DimensionLayouts &layouts = geometry.getLayouts();
  Location loc = getLoc();
  SmallVector<OpFoldResult> sizes;
  for (int64_t size : getType().getShape())
    sizes.push_back(b.getIndexAttr(size));
  for (auto [dim, value] :
       llvm::zip_equal(getSpatialSizeDims(getType().getShape(), layouts),
                       getSpatialSizes()))
    sizes[dim] = value;
  for (auto [dim, size] : llvm::enumerate(getType().getShape())) {
    if (!ShapedType::isDynamic(size))
      continue;
    if (static_cast<int64_t>(dim) == layouts.lhs.batch) {
      sizes[dim] =
          tensor::getMixedSize(b, loc, getPatches(), layouts.out.batch);
      continue;
    }
    if (static_cast<int64_t>(dim) == layouts.lhs.feature) {
      OpFoldResult features =
          tensor::getMixedSize(b, loc, getPatches(), layouts.out.feature);
      sizes[dim] = affine::makeComposedFoldedAffineApply(
          b, loc,
          getAffineDimExpr(0, b.getContext())
              .floorDiv(geometry.getWindowVolume()),
          {features});
    }
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
    FailureOr<ExtractGeometry> geometry = op.getGeometryQuietly();
    if (failed(geometry))
      return failure();
    SmallVector<int64_t> shape(op.getType().getShape());
    SmallVector<Value> dynamicSizes;
    for (auto [dim, value] : llvm::zip_equal(
             FoldOp::getSpatialSizeDims(shape, geometry->getLayouts()),
             op.getSpatialSizes())) {
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
    FailureOr<ExtractGeometry> newGeometry =
        ExtractGeometry::computeQuietly(getExtractClauses(op), shape);
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
