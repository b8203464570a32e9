//===- FoldLowering.cpp - patches.fold as a scatter-add -------------------===//
//
// `patches.fold` (col2im) accumulates every patch element into the input
// element it was read from:
//
// * A zero-filled accumulator covers the lhs-dilated input padded by the
//   non-negative part of each padding: D + max(lo, 0) + max(hi, 0) per
//   spatial dimension, so that every position a window reads (padding,
//   dilation holes and cropped input included) has a slot.
// * One `linalg.generic` over the extraction's canonical iteration space
//   (b, c, w..., o...) reads the patches through the result map of the
//   geometry and adds into the accumulator through the padded input map.
//   Distinct (w, o) points hit the same slot, so the window and output
//   loops are reductions.
// * The input's elements are the strided slice (offset max(lo, 0), stride
//   l) of the accumulator; what landed in padding or holes is dropped.
//
// Only static shapes, and no signed or unsigned integers, are supported.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesBuilders.h"
#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace patches;

/// `lhs + rhs` for a scalar type the op supports.
static Value createAdd(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type type = lhs.getType();
  if (isa<ComplexType>(type))
    return complex::AddOp::create(b, loc, lhs, rhs);
  if (isa<FloatType>(type))
    return arith::AddFOp::create(b, loc, lhs, rhs);
  return arith::AddIOp::create(b, loc, lhs, rhs);
}

/// A tensor of `shape` filled with zeros.
static Value createZeros(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                         Type elementType) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, elementType);
  return linalg::FillOp::create(b, loc, createZero(b, loc, elementType), empty)
      .getResult(0);
}

/// The fold of static, non-empty `patches` into a tensor of `resultType`.
static Value buildScatterAdd(OpBuilder &b, Location loc, Value patches,
                             RankedTensorType resultType,
                             ArrayRef<int64_t> filterShape,
                             const ExtractGeometry &geometry) {
  MLIRContext *ctx = b.getContext();
  Type elementType = resultType.getElementType();
  const OperandLayout &lhs = geometry.getLayouts().lhs;
  int64_t rank = resultType.getRank();

  SmallVector<int64_t> accumulatorShape(resultType.getShape());
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)),
      sizes = getAsIndexOpFoldResult(ctx, resultType.getShape()),
      strides(rank, b.getIndexAttr(1));
  for (auto [j, g] : llvm::enumerate(geometry.getSpatial())) {
    int64_t dim = lhs.spatial[j];
    int64_t low = std::max<int64_t>(g.padLow, 0);
    accumulatorShape[dim] =
        g.dilatedSize + low + std::max<int64_t>(g.padHigh, 0);
    offsets[dim] = b.getIndexAttr(low);
    strides[dim] = b.getIndexAttr(g.lhsDilation);
  }
  Value accumulator = createZeros(b, loc, accumulatorShape, elementType);
  // Its shape bounds the window loops, as in the gather.
  Value window = tensor::EmptyOp::create(b, loc, filterShape, elementType);

  // The padded input map also indexes the lhs-dilated accumulator: it gives
  // the position in the padded, dilated input, shifted by max(-lo, 0).
  SmallVector<AffineMap> maps = {geometry.getResultMap(ctx),
                                 geometry.getWindowMap(ctx),
                                 geometry.getPaddedInputMap(ctx)};
  SmallVector<utils::IteratorType> iterators(geometry.getNumLoops(),
                                             utils::IteratorType::reduction);
  iterators[geometry.getBatchLoop()] = utils::IteratorType::parallel;
  iterators[geometry.getChannelLoop()] = utils::IteratorType::parallel;
  auto generic = linalg::GenericOp::create(
      b, loc, accumulator.getType(), ValueRange{patches, window},
      ValueRange{accumulator}, maps, iterators,
      [](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, createAdd(nb, nl, args[2], args[0]));
      });
  // Without padding or lhs dilation the accumulator is the result.
  if (ArrayRef<int64_t>(accumulatorShape) == resultType.getShape())
    return generic.getResult(0);
  return tensor::ExtractSliceOp::create(
      b, loc, resultType, generic.getResult(0), offsets, sizes, strides);
}

/// Builds the fold of `op` at the builder's insertion point; emits an error
/// on `op` and fails where it cannot.
static FailureOr<Value> buildFoldLowering(OpBuilder &b, FoldOp op,
                                          Value patches) {
  FailureOr<ExtractGeometry> geometry = op.getGeometry();
  if (failed(geometry))
    return failure();
  Location loc = op.getLoc();
  RankedTensorType resultType = op.getType();
  Type elementType = resultType.getElementType();
  // arith adds only signless integers, and no bufferizable op views a
  // signed tensor as a signless one.
  if (auto intType = dyn_cast<IntegerType>(elementType);
      intType && !intType.isSignless())
    return op.emitError("patches.fold of ")
           << elementType
           << " is not supported: it sums, and arith adds only signless "
              "integers";
  if (!resultType.hasStaticShape())
    return op.emitError("patches.fold with dynamic sizes is not supported yet");
  // The result type fixes the patches shape; a dynamic operand is cast to it.
  auto patchesType =
      RankedTensorType::get(geometry->getResultShape(), elementType);
  if (patches.getType() != patchesType)
    patches = tensor::CastOp::create(b, loc, patchesType, patches);

  // Empty shapes: nothing to sum. (The general form would build zero-size
  // windows and slices.)
  if (resultType.getNumElements() == 0)
    return tensor::EmptyOp::create(b, loc, resultType.getShape(), elementType)
        .getResult();
  if (patchesType.getNumElements() == 0)
    return createZeros(b, loc, resultType.getShape(), elementType);
  return buildScatterAdd(b, loc, patches, resultType, op.getFilterShape(),
                         *geometry);
}

namespace {
struct FoldOpLowering : OpConversionPattern<FoldOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FoldOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Value> result =
        buildFoldLowering(rewriter, op, adaptor.getPatches());
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }
};
} // namespace

void patches::populateFoldToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldOpLowering>(patterns.getContext());
}
