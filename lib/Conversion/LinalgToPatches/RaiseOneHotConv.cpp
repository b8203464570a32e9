//===- RaiseOneHotConv.cpp - One-hot depthwise convolutions as patches ----===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// JAX computes `conv_general_dilated_patches` as a depthwise convolution
// whose filter is a constant one-hot tensor: filter[kh, kw, c, m] is one
// exactly when m = kh * KW + kw. Once such a program reaches linalg, this
// pass recognizes the convolution and replaces it by the `patches.extract`
// it computes, which copies instead of multiplying by zeros and ones.
//
// Matched: `linalg.depthwise_conv_2d_nhwc_hwcm` on tensors, or a
// `linalg.generic` with its indexing maps and a multiply-accumulate payload,
// all element types equal, whose
//  * filter is a constant (possibly behind `tensor.expand_shape` and
//    `tensor.collapse_shape`, as StableHLO's HWIO filter reaches linalg) of
//    shape (KH, KW, C, KH * KW) holding exactly one (1 or 1.0) where
//    m = kh * KW + kw and zero (0 or +0.0) everywhere else, every element
//    checked;
//  * output starts at zero (`linalg.fill` of 0 / +0.0, or a zero splat
//    constant);
//  * input is the input itself, or a `tensor.pad` of it by static amounts on
//    the spatial dimensions only, with a constant zero (0 / +0.0) padding
//    value;
//  * output shape is the extraction's full output shape (an output smaller
//    than the number of windows would be a slice of it).
// Strides and dilations become `window_strides` and `rhs_dilation`; the
// result (N, OH, OW, C, M) is the extraction's (N, OH, OW, C * M) split by
// `tensor.expand_shape`, which is the extraction's feature order c * K + k.
//
// The rewrite refines the convolution on non-finite inputs (0 * inf and
// 0 * NaN made NaN, the extraction copies the value) and on the sign of
// zero (+0 + -0 = +0); on every other input it computes the same values.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/LinalgToPatches/LinalgToPatches.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace patches {
#define GEN_PASS_DEF_RAISEONEHOTCONVTOPATCHES
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

/// Whether `attr` holds exactly `value` (0 or 1): an integer of that value,
/// or a float of exactly that value with a positive sign.
static bool isExactly(Attribute attr, int64_t value) {
  if (auto intAttr = dyn_cast<IntegerAttr>(attr))
    return intAttr.getValue() == value;
  if (auto floatAttr = dyn_cast<FloatAttr>(attr)) {
    const APFloat &v = floatAttr.getValue();
    return !v.isNegative() && v.isExactlyValue(static_cast<double>(value));
  }
  return false;
}

/// The elements of `value` if it is a constant, looking through reshapes
/// (which keep the row-major element order); null otherwise.
static DenseElementsAttr getConstantElements(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    if (!isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(def))
      break;
    value = def->getOperand(0);
  }
  DenseElementsAttr constant;
  if (!matchPattern(value, m_Constant(&constant)))
    return {};
  return constant;
}

/// Whether `value` is a constant of static `shape` whose element at every
/// index (row-major over `shape`) is exactly `expected(index)`, 0 or 1.
static bool
isConstantPattern(Value value, ArrayRef<int64_t> shape,
                  llvm::function_ref<int64_t(ArrayRef<int64_t>)> expected) {
  DenseElementsAttr constant = getConstantElements(value);
  if (!constant ||
      constant.getNumElements() != ShapedType::getNumElements(shape))
    return false;
  SmallVector<int64_t> index(shape.size(), 0);
  for (Attribute element : constant.getValues<Attribute>()) {
    if (!isExactly(element, expected(index)))
      return false;
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return true;
}

/// Whether `value` is a scalar constant zero (0 or +0.0).
static bool isZeroScalar(Value value) {
  Attribute attr;
  return matchPattern(value, m_Constant(&attr)) && isExactly(attr, 0);
}

/// Whether `init` is all zeros: a fill with zero or a zero constant.
static bool isZeroInit(Value init) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    return isZeroScalar(fill.value());
  auto type = cast<RankedTensorType>(init.getType());
  return isConstantPattern(init, type.getShape(),
                           [](ArrayRef<int64_t>) { return 0; });
}

namespace {

/// An NHWC input before its padding, and the padding of H and W.
struct UnpaddedInput {
  Value input;
  SmallVector<int64_t> low{0, 0}, high{0, 0};
};

} // namespace

/// Looks through a `tensor.pad` of `input` that pads H and W by static
/// amounts with a constant zero; failure for any other padding.
static FailureOr<UnpaddedInput> getUnpaddedInput(Value input) {
  auto pad = input.getDefiningOp<tensor::PadOp>();
  if (!pad)
    return UnpaddedInput{input};
  Value paddingValue = pad.getConstantPaddingValue();
  if (!paddingValue || !isZeroScalar(paddingValue))
    return failure();
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  if (ShapedType::isDynamicShape(low) || ShapedType::isDynamicShape(high))
    return failure();
  // N and C are not padded.
  for (int64_t dim : {0, 3})
    if (low[dim] != 0 || high[dim] != 0)
      return failure();
  UnpaddedInput result{pad.getSource()};
  result.low = {low[1], low[2]};
  result.high = {high[1], high[2]};
  return result;
}

/// Whether the payload of `op` is acc + in0 * in1 (operands in either
/// order), with nothing else: the convolution's multiply-accumulate.
static bool isMultiplyAccumulate(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  if (body->getNumArguments() != 3 || body->getOperations().size() != 3)
    return false;
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  Operation *add = yield.getValues()[0].getDefiningOp();
  if (!add || !isa<arith::AddFOp, arith::AddIOp>(add))
    return false;
  Value acc = body->getArgument(2);
  Value product =
      add->getOperand(0) == acc ? add->getOperand(1) : add->getOperand(0);
  if (!llvm::is_contained(add->getOperands(), acc))
    return false;
  Operation *mul = product.getDefiningOp();
  if (!mul || !isa<arith::MulFOp, arith::MulIOp>(mul))
    return false;
  Value a = body->getArgument(0), b = body->getArgument(1);
  return (mul->getOperand(0) == a && mul->getOperand(1) == b) ||
         (mul->getOperand(0) == b && mul->getOperand(1) == a);
}

/// Replaces `conv`, a depthwise NHWC/HWCM convolution of its two inputs
/// into its init with `strides` and `dilations`, by the extraction when it
/// is JAX's one-hot convolution (see the file header).
static LogicalResult raiseOneHotDepthwiseConv(PatternRewriter &rewriter,
                                              linalg::LinalgOp conv,
                                              ArrayRef<int64_t> strides,
                                              ArrayRef<int64_t> dilations) {
  if (!conv.hasPureTensorSemantics() || conv.getNumDpsInputs() != 2 ||
      conv.getNumDpsInits() != 1)
    return rewriter.notifyMatchFailure(conv, "not on tensors");
  Value paddedInput = conv.getDpsInputs()[0];
  Value filter = conv.getDpsInputs()[1];
  Value init = conv.getDpsInits()[0];
  auto inputType = cast<RankedTensorType>(paddedInput.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto resultType = cast<RankedTensorType>(conv->getResultTypes()[0]);
  Type elementType = resultType.getElementType();
  if (inputType.getElementType() != elementType ||
      filterType.getElementType() != elementType)
    return rewriter.notifyMatchFailure(conv, "mixed element types");
  if (!inputType.hasStaticShape() || !filterType.hasStaticShape() ||
      !resultType.hasStaticShape())
    return rewriter.notifyMatchFailure(conv, "dynamic shapes");

  // The filter: (KH, KW, C, KH * KW), one-hot in m = kh * KW + kw.
  ArrayRef<int64_t> filterShape = filterType.getShape();
  int64_t kh = filterShape[0], kw = filterShape[1];
  if (filterShape[3] != kh * kw)
    return rewriter.notifyMatchFailure(
        conv, "channel multiplier is not the window size");
  if (!isConstantPattern(filter, filterShape, [&](ArrayRef<int64_t> i) {
        return i[3] == i[0] * kw + i[1] ? 1 : 0;
      }))
    return rewriter.notifyMatchFailure(conv, "filter is not one-hot");
  if (!isZeroInit(init))
    return rewriter.notifyMatchFailure(conv, "output does not start at 0");

  FailureOr<UnpaddedInput> unpadded = getUnpaddedInput(paddedInput);
  if (failed(unpadded))
    return rewriter.notifyMatchFailure(conv, "not a zero padding");
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return rewriter.notifyMatchFailure(conv, "stride or dilation below 1");

  MLIRContext *ctx = rewriter.getContext();
  SmallVector<int64_t> window = {kh, kw};
  auto padding = PaddingAttr::get(ctx, unpadded->low, unpadded->high);
  auto dimensionNumbers =
      DimensionNumbersAttr::get(ctx, "NHWC", "HWIO", "NHWC");
  ExtractClauses clauses{window,       strides,   padding,
                         std::nullopt, dilations, dimensionNumbers};
  auto inputShape =
      cast<RankedTensorType>(unpadded->input.getType()).getShape();
  // A convolution whose extraction the op could not hold (a size that
  // overflows) stays a convolution: the geometry's error is not emitted.
  FailureOr<ExtractGeometry> geometry =
      ExtractGeometry::computeQuietly(clauses, inputShape);
  if (failed(geometry))
    return rewriter.notifyMatchFailure(
        conv, "the extraction would not be a valid patches.extract");
  // The convolution's (N, OH, OW, C, M) must be all of the extraction's
  // (N, OH, OW, C * M): a smaller output would be a slice of it.
  ArrayRef<int64_t> convShape = resultType.getShape();
  SmallVector<int64_t> expectedShape(convShape.take_front(3));
  expectedShape.push_back(convShape[3] * convShape[4]);
  if (geometry->getResultShape() != ArrayRef<int64_t>(expectedShape))
    return rewriter.notifyMatchFailure(
        conv, "output is not every window of the input");

  Location loc = conv.getLoc();
  auto extract = ExtractOp::create(rewriter, loc, unpadded->input, window,
                                   strides, padding, /*lhsDilation=*/{},
                                   dilations, dimensionNumbers);
  SmallVector<ReassociationIndices> splitFeature = {{0}, {1}, {2}, {3, 4}};
  rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(conv, resultType, extract,
                                                     splitFeature);
  return success();
}

namespace {

struct RaiseOneHotDepthwiseConv
    : OpRewritePattern<linalg::DepthwiseConv2DNhwcHwcmOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::DepthwiseConv2DNhwcHwcmOp conv,
                                PatternRewriter &rewriter) const override {
    SmallVector<int64_t> strides =
        llvm::to_vector(conv.getStrides().getValues<int64_t>());
    SmallVector<int64_t> dilations =
        llvm::to_vector(conv.getDilations().getValues<int64_t>());
    return raiseOneHotDepthwiseConv(rewriter, conv, strides, dilations);
  }
};

/// The same convolution as a `linalg.generic` (as generalization or a
/// frontend writes it): the indexing maps of the named op, whose strides and
/// dilations they give, and a multiply-accumulate payload.
struct RaiseOneHotDepthwiseConvGeneric : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    SmallVector<int64_t> strides, dilations;
    if (!linalg::isaConvolutionOpOfType<linalg::DepthwiseConv2DNhwcHwcmOp>(
            generic, &dilations, &strides))
      return rewriter.notifyMatchFailure(generic, "not a depthwise conv");
    if (!isMultiplyAccumulate(generic))
      return rewriter.notifyMatchFailure(generic, "not multiply-accumulate");
    return raiseOneHotDepthwiseConv(rewriter, generic, strides, dilations);
  }
};

struct RaiseOneHotConvToPatchesPass
    : patches::impl::RaiseOneHotConvToPatchesBase<
          RaiseOneHotConvToPatchesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateRaiseOneHotConvPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void patches::populateRaiseOneHotConvPatterns(RewritePatternSet &patterns) {
  patterns.add<RaiseOneHotDepthwiseConv, RaiseOneHotDepthwiseConvGeneric>(
      patterns.getContext());
}
