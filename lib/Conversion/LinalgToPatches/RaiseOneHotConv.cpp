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
// Matched: `linalg.depthwise_conv_{1d_nwc_wcm,2d_nhwc_hwcm,3d_ndhwc_dhwcm}`
// on tensors, or a `linalg.generic` with one of their indexing maps and a
// multiply-accumulate payload, all element types equal, whose
//  * filter, of shape (spatial..., C, K) with K the window size, holds
//    exactly one (1 or 1.0) where k is the row-major window position
//    (kh * KW + kw) and zero (0 or +0.0) everywhere else, every element
//    checked. It is a constant (possibly behind `tensor.expand_shape` and
//    `tensor.collapse_shape`, as StableHLO's HWIO filter reaches linalg), or
//    computed from constants and indices and evaluated by
//    ConstantEvaluation.h within the pass's bound;
//  * output starts at zero (`linalg.fill` of 0 / +0.0, or a zero constant);
//  * input is the input itself or, outermost first, `tensor.pad`s of the
//    spatial dimensions by static amounts with a constant zero (positive
//    padding), `tensor.extract_slice`s of them (negative padding), and
//    innermost a strided `tensor.insert_slice` into zeros (lhs dilation);
//  * output shape is the extraction's full output shape (an output smaller
//    than the number of windows would be a slice of it).
// Strides and dilations become `window_strides` and `rhs_dilation`; the
// result (N, spatial..., C, M) is the extraction's (N, spatial..., C * M)
// split by `tensor.expand_shape`, which is the extraction's feature order
// c * K + k. A candidate left alone gets a remark with the reason when the
// pass's `remarks` option is set.
//
// The rewrite refines the convolution on non-finite inputs (0 * inf and
// 0 * NaN made NaN, the extraction copies the value) and on the sign of
// zero (+0 + -0 = +0); on every other input it computes the same values.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/LinalgToPatches/ConstantEvaluation.h"
#include "patches/Conversion/LinalgToPatches/LinalgToPatches.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Format.h"

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

/// The elements of `value` if it is a literal constant, looking through
/// reshapes (which keep the row-major element order); null otherwise.
static DenseElementsAttr getLiteralElements(Value value) {
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

/// `attr`, an integer or float, as the text of its value.
static std::string printScalar(Attribute attr) {
  SmallString<16> text;
  if (auto intAttr = dyn_cast<IntegerAttr>(attr))
    intAttr.getValue().toStringSigned(text);
  else if (auto floatAttr = dyn_cast<FloatAttr>(attr))
    llvm::raw_svector_ostream(text)
        << llvm::format("%g", floatAttr.getValueAsDouble());
  return text.str().str();
}

/// The index of the first element of `constant` (row-major over its shape)
/// that is not exactly `expected(index)`, 0 or 1, with the element; none
/// when every element is as expected.
static std::optional<std::pair<SmallVector<int64_t>, Attribute>>
findMismatch(DenseElementsAttr constant,
             llvm::function_ref<int64_t(ArrayRef<int64_t>)> expected) {
  ArrayRef<int64_t> shape = constant.getType().getShape();
  SmallVector<int64_t> index(shape.size(), 0);
  for (Attribute element : constant.getValues<Attribute>()) {
    if (!isExactly(element, expected(index)))
      return std::make_pair(index, element);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return std::nullopt;
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
  DenseElementsAttr constant = getLiteralElements(init);
  return constant && constant.isSplat() &&
         !findMismatch(constant, [](ArrayRef<int64_t>) { return 0; });
}

namespace {

/// A channels-last input before the ops that pad, crop and dilate it, and
/// what they do to each spatial dimension: the extraction's padding (a
/// negative amount crops) and lhs dilation.
struct UnpaddedInput {
  Value input;
  SmallVector<int64_t> low, high, lhsDilation;
};

} // namespace

/// Looks through the ops that make `input`, a tensor whose spatial
/// dimensions are `spatialDims` (in the canonical order), from its source:
/// outermost first, any of
///  * `tensor.pad` of the spatial dimensions by static amounts with a
///    constant zero (positive padding);
///  * `tensor.extract_slice` with unit strides and static bounds of the
///    spatial dimensions (negative padding: a crop);
/// and innermost a strided `tensor.insert_slice` of the whole source into a
/// zero tensor (lhs dilation by the strides, padding by the offsets and the
/// zeros past the last element). An op of another kind ends the chain (it
/// is part of the input); a `tensor.pad` that pads another dimension or pads
/// with anything but zero is a failure, with the reason in `whyNot`.
static FailureOr<UnpaddedInput> getUnpaddedInput(Value input,
                                                 ArrayRef<int64_t> spatialDims,
                                                 std::string &whyNot) {
  unsigned n = spatialDims.size();
  SmallVector<Operation *> layers;
  Value source = input;
  auto isSpatial = [&](int64_t d) {
    return llvm::is_contained(spatialDims, d);
  };
  while (layers.size() < 8) {
    Operation *def = source.getDefiningOp();
    if (auto pad = dyn_cast_or_null<tensor::PadOp>(def)) {
      Value paddingValue = pad.getConstantPaddingValue();
      if (!paddingValue || !isZeroScalar(paddingValue)) {
        whyNot = "the input's tensor.pad pads with a value that is not a "
                 "constant zero";
        return failure();
      }
      ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
      if (ShapedType::isDynamicShape(low) || ShapedType::isDynamicShape(high)) {
        whyNot = "the input's tensor.pad pads by dynamic amounts";
        return failure();
      }
      for (int64_t d = 0; d < static_cast<int64_t>(low.size()); ++d)
        if (!isSpatial(d) && (low[d] != 0 || high[d] != 0)) {
          whyNot = "the input's tensor.pad pads dimension " +
                   std::to_string(d) + ", not a spatial one";
          return failure();
        }
      layers.push_back(pad);
      source = pad.getSource();
      continue;
    }
    if (auto slice = dyn_cast_or_null<tensor::ExtractSliceOp>(def)) {
      ArrayRef<int64_t> sourceShape = slice.getSourceType().getShape();
      ArrayRef<int64_t> offsets = slice.getStaticOffsets(),
                        sizes = slice.getStaticSizes(),
                        strides = slice.getStaticStrides();
      bool crop =
          slice.getSourceType().getRank() == slice.getType().getRank() &&
          slice.getSourceType().hasStaticShape() &&
          !ShapedType::isDynamicShape(offsets) &&
          !ShapedType::isDynamicShape(sizes) &&
          llvm::all_of(strides, [](int64_t s) { return s == 1; });
      for (int64_t d = 0; crop && d < static_cast<int64_t>(sizes.size()); ++d)
        if (!isSpatial(d) && (offsets[d] != 0 || sizes[d] != sourceShape[d]))
          crop = false;
      if (!crop)
        break;
      layers.push_back(slice);
      source = slice.getSource();
      continue;
    }
    if (auto insert = dyn_cast_or_null<tensor::InsertSliceOp>(def)) {
      ArrayRef<int64_t> sourceShape = insert.getSourceType().getShape();
      ArrayRef<int64_t> destShape = insert.getDestType().getShape();
      ArrayRef<int64_t> offsets = insert.getStaticOffsets(),
                        sizes = insert.getStaticSizes(),
                        strides = insert.getStaticStrides();
      bool dilation =
          insert.getSourceType().getRank() == insert.getDestType().getRank() &&
          insert.getSourceType().hasStaticShape() &&
          insert.getDestType().hasStaticShape() &&
          !ShapedType::isDynamicShape(offsets) &&
          !ShapedType::isDynamicShape(strides) &&
          ArrayRef<int64_t>(sizes) == sourceShape &&
          isZeroInit(insert.getDest());
      for (int64_t d = 0; dilation && d < static_cast<int64_t>(sizes.size());
           ++d) {
        if (isSpatial(d)
                ? strides[d] < 1 || sourceShape[d] < 1 || offsets[d] < 0 ||
                      offsets[d] + (sourceShape[d] - 1) * strides[d] >=
                          destShape[d]
                : offsets[d] != 0 || strides[d] != 1 ||
                      destShape[d] != sourceShape[d])
          dilation = false;
      }
      if (dilation) {
        layers.push_back(insert);
        source = insert.getSource();
      }
    }
    break;
  }

  UnpaddedInput result{source, SmallVector<int64_t>(n, 0),
                       SmallVector<int64_t>(n, 0), SmallVector<int64_t>(n, 1)};
  for (Operation *layer : llvm::reverse(layers)) {
    for (unsigned j = 0; j < n; ++j) {
      int64_t d = spatialDims[j];
      if (auto insert = dyn_cast<tensor::InsertSliceOp>(layer)) {
        int64_t stride = insert.getStaticStrides()[d];
        int64_t offset = insert.getStaticOffsets()[d];
        int64_t last =
            offset + (insert.getSourceType().getShape()[d] - 1) * stride;
        result.lhsDilation[j] = stride;
        result.low[j] = offset;
        result.high[j] = insert.getDestType().getShape()[d] - 1 - last;
      } else if (auto slice = dyn_cast<tensor::ExtractSliceOp>(layer)) {
        int64_t offset = slice.getStaticOffsets()[d];
        int64_t size = slice.getStaticSizes()[d];
        result.low[j] -= offset;
        result.high[j] -= slice.getSourceType().getShape()[d] - offset - size;
      } else {
        auto pad = cast<tensor::PadOp>(layer);
        int64_t low = pad.getStaticLow()[d], high = pad.getStaticHigh()[d];
        // Zeros added after a crop of the data are not one padding.
        if ((low > 0 && result.low[j] < 0) ||
            (high > 0 && result.high[j] < 0)) {
          whyNot = "the input's tensor.pad pads a cropped dimension";
          return failure();
        }
        result.low[j] += low;
        result.high[j] += high;
      }
    }
  }
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

/// The dimension numbers of a channels-last convolution with `n` spatial
/// dimensions: ("NWC", "WIO", "NWC"), ("NHWC", ...), ("NDHWC", ...).
static DimensionNumbersAttr getChannelsLastNumbers(MLIRContext *ctx,
                                                   unsigned n) {
  std::string spatial = std::string("DHW").substr(3 - n);
  return DimensionNumbersAttr::get(ctx, "N" + spatial + "C", spatial + "IO",
                                   "N" + spatial + "C");
}

/// Replaces `conv`, a depthwise channels-last convolution (input
/// (N, spatial..., C), filter (spatial..., C, M), output
/// (N, spatial..., C, M)) of its two inputs into its init with `strides`
/// and `dilations`, by the extraction when it is JAX's one-hot convolution
/// (see the file header); otherwise fails, with a remark on `conv` when
/// `options.remarks` is set.
static LogicalResult
raiseOneHotDepthwiseConv(RewriterBase &rewriter, linalg::LinalgOp conv,
                         ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                         const RaiseOneHotConvToPatchesOptions &options) {
  auto fail = [&](const Twine &reason) {
    if (options.remarks)
      conv->emitRemark("not raised to patches.extract: ") << reason;
    return failure();
  };
  if (!conv.hasPureTensorSemantics() || conv.getNumDpsInputs() != 2 ||
      conv.getNumDpsInits() != 1)
    return fail("not on tensors");
  unsigned n = strides.size();
  Value paddedInput = conv.getDpsInputs()[0];
  Value filter = conv.getDpsInputs()[1];
  Value init = conv.getDpsInits()[0];
  auto inputType = cast<RankedTensorType>(paddedInput.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto resultType = cast<RankedTensorType>(conv->getResultTypes()[0]);
  Type elementType = resultType.getElementType();
  if (inputType.getElementType() != elementType ||
      filterType.getElementType() != elementType)
    return fail("the element types differ");
  if (!inputType.hasStaticShape() || !filterType.hasStaticShape() ||
      !resultType.hasStaticShape())
    return fail("a shape is dynamic");
  if (n < 1 || n > 3 || inputType.getRank() != n + 2 ||
      filterType.getRank() != n + 2 || resultType.getRank() != n + 3)
    return fail("not a depthwise convolution with 1 to 3 spatial dimensions");

  // The filter: (spatial..., C, K), one-hot in m = the row-major position
  // in the window.
  ArrayRef<int64_t> filterShape = filterType.getShape();
  ArrayRef<int64_t> window = filterShape.take_front(n);
  int64_t windowSize = ShapedType::getNumElements(window);
  if (filterShape[n + 1] != windowSize)
    return fail("the channel multiplier " + Twine(filterShape[n + 1]) +
                " is not the window size " + Twine(windowSize));
  DenseElementsAttr elements = getLiteralElements(filter);
  if (elements)
    elements = elements.reshape(filterType);
  else {
    std::string whyNot;
    elements =
        evaluateConstantTensor(filter, options.maxEvaluatedElements, whyNot);
    if (!elements)
      return fail("the filter is not a constant: " + whyNot);
  }
  SmallVector<int64_t> windowStrides = computeStrides(window);
  auto mismatch = findMismatch(elements, [&](ArrayRef<int64_t> i) {
    return i[n + 1] == linearize(i.take_front(n), windowStrides) ? 1 : 0;
  });
  if (mismatch) {
    int64_t expected =
        mismatch->first[n + 1] ==
        linearize(ArrayRef<int64_t>(mismatch->first).take_front(n),
                  windowStrides);
    std::string index;
    llvm::raw_string_ostream os(index);
    llvm::interleaveComma(mismatch->first, os);
    return fail("the filter is not one-hot: element [" + index + "] is " +
                printScalar(mismatch->second) + ", not " + Twine(expected));
  }
  if (!isZeroInit(init))
    return fail("the output does not start at zero");

  std::string whyNot;
  SmallVector<int64_t> spatialDims =
      llvm::to_vector(llvm::seq<int64_t>(1, n + 1));
  FailureOr<UnpaddedInput> unpadded =
      getUnpaddedInput(paddedInput, spatialDims, whyNot);
  if (failed(unpadded))
    return fail(whyNot);
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return fail("a stride or dilation is below 1");

  MLIRContext *ctx = rewriter.getContext();
  auto padding = PaddingAttr::get(ctx, unpadded->low, unpadded->high);
  DimensionNumbersAttr dimensionNumbers = getChannelsLastNumbers(ctx, n);
  bool hasLhsDilation =
      llvm::any_of(unpadded->lhsDilation, [](int64_t l) { return l != 1; });
  std::optional<ArrayRef<int64_t>> lhsDilation;
  if (hasLhsDilation)
    lhsDilation = unpadded->lhsDilation;
  ExtractClauses clauses{window,      strides,   padding,
                         lhsDilation, dilations, dimensionNumbers};
  auto inputShape =
      cast<RankedTensorType>(unpadded->input.getType()).getShape();
  // A convolution whose extraction the op could not hold (a size that
  // overflows) stays a convolution: the geometry's error is not emitted.
  FailureOr<ExtractGeometry> geometry =
      ExtractGeometry::computeQuietly(clauses, inputShape);
  if (failed(geometry))
    return fail("the extraction would not be a valid patches.extract");
  // The convolution's (N, spatial..., C, M) must be all of the extraction's
  // (N, spatial..., C * M): a smaller output would be a slice of it.
  ArrayRef<int64_t> convShape = resultType.getShape();
  SmallVector<int64_t> expectedShape(convShape.take_front(n + 1));
  expectedShape.push_back(convShape[n + 1] * convShape[n + 2]);
  if (geometry->getResultShape() != ArrayRef<int64_t>(expectedShape))
    return fail("the output is not every window of the input");

  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  auto extract = ExtractOp::create(
      rewriter, loc, unpadded->input, window, strides, padding,
      hasLhsDilation ? ArrayRef<int64_t>(unpadded->lhsDilation)
                     : ArrayRef<int64_t>(),
      dilations, dimensionNumbers);
  SmallVector<ReassociationIndices> splitFeature;
  for (unsigned d = 0; d <= n; ++d)
    splitFeature.push_back({d});
  splitFeature.push_back({n + 1, n + 2});
  rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(conv, resultType, extract,
                                                     splitFeature);
  return success();
}

/// The strides and dilations of `op` if it is a depthwise channels-last
/// convolution with a channel multiplier (named or as a generic with the
/// named op's maps), for 1, 2 or 3 spatial dimensions.
static bool matchDepthwiseConv(linalg::LinalgOp op,
                               SmallVector<int64_t> &strides,
                               SmallVector<int64_t> &dilations) {
  auto fromAttrs = [&](auto named) {
    strides = llvm::to_vector(named.getStrides().template getValues<int64_t>());
    dilations =
        llvm::to_vector(named.getDilations().template getValues<int64_t>());
    return true;
  };
  if (auto named = dyn_cast<linalg::DepthwiseConv1DNwcWcmOp>(*op))
    return fromAttrs(named);
  if (auto named = dyn_cast<linalg::DepthwiseConv2DNhwcHwcmOp>(*op))
    return fromAttrs(named);
  if (auto named = dyn_cast<linalg::DepthwiseConv3DNdhwcDhwcmOp>(*op))
    return fromAttrs(named);
  if (!isa<linalg::GenericOp>(*op))
    return false;
  return linalg::isaConvolutionOpOfType<linalg::DepthwiseConv1DNwcWcmOp>(
             op, &dilations, &strides) ||
         linalg::isaConvolutionOpOfType<linalg::DepthwiseConv2DNhwcHwcmOp>(
             op, &dilations, &strides) ||
         linalg::isaConvolutionOpOfType<linalg::DepthwiseConv3DNdhwcDhwcmOp>(
             op, &dilations, &strides);
}

namespace {

/// A grouped convolution as StableHLO's general conversion writes it for
/// feature_group_count = C: input (.., G, 1, ..) reshaped from the
/// operand's feature dimension, filter (.., G, M, 1, ..), output
/// (.., G, M, ..), in any order of the other dimensions. Positions are
/// operand dimensions; spatial ones are in the filter's order.
struct GroupedConv {
  int64_t inBatch, inGroup;
  SmallVector<int64_t> inSpatial;
  int64_t filterGroup, filterM, filterI;
  SmallVector<int64_t> filterSpatial;
  int64_t outBatch, outGroup, outM;
  SmallVector<int64_t> outSpatial;
  SmallVector<int64_t> strides, dilations, window;
};

} // namespace

/// `expr` as `coefficient * dim`; false for another form.
static bool getScaledDim(AffineExpr expr, unsigned &dim, int64_t &coefficient) {
  if (auto d = dyn_cast<AffineDimExpr>(expr)) {
    dim = d.getPosition();
    coefficient = 1;
    return true;
  }
  auto mul = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!mul || mul.getKind() != AffineExprKind::Mul)
    return false;
  AffineExpr lhs = mul.getLHS(), rhs = mul.getRHS();
  if (isa<AffineConstantExpr>(lhs))
    std::swap(lhs, rhs);
  auto d = dyn_cast<AffineDimExpr>(lhs);
  auto c = dyn_cast<AffineConstantExpr>(rhs);
  if (!d || !c)
    return false;
  dim = d.getPosition();
  coefficient = c.getValue();
  return true;
}

/// The grouped convolution `generic` is, if it has that structure (see
/// GroupedConv); the reason in `whyNot` if it has the shape but not the
/// group structure, nothing if it is no grouped convolution at all.
static std::optional<GroupedConv> matchGroupedConv(linalg::GenericOp generic,
                                                   std::string &whyNot) {
  if (generic.getNumDpsInputs() != 2 || generic.getNumDpsInits() != 1 ||
      !generic.hasPureTensorSemantics())
    return std::nullopt;
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  AffineMap inMap = maps[0], filterMap = maps[1], outMap = maps[2];
  int64_t rank = outMap.getNumResults();
  int64_t n = rank - 3;
  if (n < 1 || n > 3 || inMap.getNumResults() != rank ||
      filterMap.getNumResults() != rank ||
      !filterMap.isProjectedPermutation() || !outMap.isProjectedPermutation() ||
      inMap.getNumSymbols())
    return std::nullopt;
  unsigned numLoops = generic.getNumLoops();
  // Where each loop appears: -1 where it does not.
  SmallVector<int64_t> inPos(numLoops, -1), filterPos(numLoops, -1),
      outPos(numLoops, -1);
  for (int64_t r = 0; r < rank; ++r) {
    filterPos[filterMap.getDimPosition(r)] = r;
    outPos[outMap.getDimPosition(r)] = r;
  }
  struct Sum {
    int64_t position;
    unsigned outputDim, windowDim;
    int64_t stride, dilation;
  };
  SmallVector<Sum> sums;
  for (int64_t r = 0; r < rank; ++r) {
    AffineExpr expr = inMap.getResult(r);
    if (auto d = dyn_cast<AffineDimExpr>(expr)) {
      inPos[d.getPosition()] = r;
      continue;
    }
    auto add = dyn_cast<AffineBinaryOpExpr>(expr);
    Sum sum{r, 0, 0, 1, 1};
    if (!add || add.getKind() != AffineExprKind::Add ||
        !getScaledDim(add.getLHS(), sum.outputDim, sum.stride) ||
        !getScaledDim(add.getRHS(), sum.windowDim, sum.dilation))
      return std::nullopt;
    // The output's loop is the one the output reads.
    if (outPos[sum.outputDim] < 0) {
      std::swap(sum.outputDim, sum.windowDim);
      std::swap(sum.stride, sum.dilation);
    }
    if (outPos[sum.outputDim] < 0 || filterPos[sum.windowDim] < 0 ||
        outPos[sum.windowDim] >= 0 || filterPos[sum.outputDim] >= 0)
      return std::nullopt;
    sums.push_back(sum);
  }
  // Every loop is one of batch, group, input feature, multiplier, or a
  // spatial output or window loop: another would be a further reduction.
  if (static_cast<int64_t>(sums.size()) != n || numLoops != 4 + 2 * n)
    return std::nullopt;

  // The canonical spatial order is the filter's (JAX's is rhs_spec's), in
  // which the one-hot position is row-major.
  llvm::sort(sums, [&](const Sum &a, const Sum &b) {
    return filterPos[a.windowDim] < filterPos[b.windowDim];
  });

  GroupedConv conv;
  int64_t batch = -1, group = -1, inFeature = -1, multiplier = -1;
  for (unsigned d = 0; d < numLoops; ++d) {
    bool in = inPos[d] >= 0, filter = filterPos[d] >= 0, out = outPos[d] >= 0;
    if (in && out && !filter)
      batch = batch < 0 ? d : -2;
    else if (in && out && filter)
      group = group < 0 ? d : -2;
    else if (in && filter && !out)
      inFeature = inFeature < 0 ? d : -2;
    else if (filter && out && !in)
      multiplier = multiplier < 0 ? d : -2;
  }
  if (batch < 0 || group < 0 || inFeature < 0 || multiplier < 0)
    return std::nullopt;
  SmallVector<utils::IteratorType> iterators = generic.getIteratorTypesArray();
  auto isReduction = [&](int64_t d) {
    return iterators[d] == utils::IteratorType::reduction;
  };
  if (isReduction(batch) || isReduction(group) || isReduction(multiplier) ||
      !isReduction(inFeature))
    return std::nullopt;
  SmallVector<int64_t> ranges = generic.getStaticLoopRanges();
  if (ShapedType::isDynamicShape(ranges))
    return std::nullopt;
  // From here on it is a grouped convolution: what does not match is a
  // near miss.
  if (ranges[inFeature] != 1) {
    whyNot = "a grouped convolution with " + std::to_string(ranges[group]) +
             " feature groups of " + std::to_string(ranges[inFeature]) +
             " input features each, not one per group";
    return std::nullopt;
  }
  conv.inBatch = inPos[batch];
  conv.inGroup = inPos[group];
  if (inPos[inFeature] != conv.inGroup + 1) {
    whyNot = "the input's group and feature dimensions are not adjacent";
    return std::nullopt;
  }
  conv.filterGroup = filterPos[group];
  conv.filterM = filterPos[multiplier];
  conv.filterI = filterPos[inFeature];
  conv.outBatch = outPos[batch];
  conv.outGroup = outPos[group];
  conv.outM = outPos[multiplier];
  if (conv.outM != conv.outGroup + 1) {
    whyNot = "the output's group and multiplier dimensions are not adjacent";
    return std::nullopt;
  }
  for (const Sum &sum : sums) {
    if (isReduction(sum.outputDim) || !isReduction(sum.windowDim)) {
      whyNot = "the spatial loops' iterator types are not a convolution's";
      return std::nullopt;
    }
    conv.inSpatial.push_back(sum.position);
    conv.filterSpatial.push_back(filterPos[sum.windowDim]);
    conv.outSpatial.push_back(outPos[sum.outputDim]);
    conv.strides.push_back(sum.stride);
    conv.dilations.push_back(sum.dilation);
    conv.window.push_back(ranges[sum.windowDim]);
  }
  return conv;
}

/// Replaces `generic`, a grouped convolution (`conv`), by the extraction in
/// the operands' own layouts when it is JAX's one-hot convolution.
static LogicalResult
raiseOneHotGroupedConv(RewriterBase &rewriter, linalg::GenericOp generic,
                       const GroupedConv &conv,
                       const RaiseOneHotConvToPatchesOptions &options) {
  auto fail = [&](const Twine &reason) {
    if (options.remarks)
      generic->emitRemark("not raised to patches.extract: ") << reason;
    return failure();
  };
  unsigned n = conv.window.size();
  Value groupedInput = generic.getDpsInputs()[0];
  Value filter = generic.getDpsInputs()[1];
  Value init = generic.getDpsInits()[0];
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto resultType = cast<RankedTensorType>(generic->getResultTypes()[0]);
  Type elementType = resultType.getElementType();
  if (cast<RankedTensorType>(groupedInput.getType()).getElementType() !=
          elementType ||
      filterType.getElementType() != elementType)
    return fail("the element types differ");
  if (!filterType.hasStaticShape() || !resultType.hasStaticShape())
    return fail("a shape is dynamic");
  int64_t windowSize = ShapedType::getNumElements(conv.window);
  int64_t multiplier = filterType.getShape()[conv.filterM];
  if (multiplier != windowSize)
    return fail("the channel multiplier " + Twine(multiplier) +
                " is not the window size " + Twine(windowSize));

  // The input before StableHLO split its feature dimension into (G, 1).
  auto expand = groupedInput.getDefiningOp<tensor::ExpandShapeOp>();
  ReassociationIndices split = {conv.inGroup, conv.inGroup + 1};
  bool isSplit = expand && expand.getSrcType().hasStaticShape();
  if (isSplit) {
    for (const ReassociationIndices &group : expand.getReassociationIndices())
      if (group.size() != 1 && group != split)
        isSplit = false;
  }
  if (!isSplit)
    return fail("the input is not its feature dimension split into groups");
  auto positionInSource = [&](int64_t d) {
    return d <= conv.inGroup ? d : d - 1;
  };

  // The filter: one-hot in m = the row-major window position.
  DenseElementsAttr elements = getLiteralElements(filter);
  if (elements)
    elements = elements.reshape(filterType);
  else {
    std::string whyNot;
    elements =
        evaluateConstantTensor(filter, options.maxEvaluatedElements, whyNot);
    if (!elements)
      return fail("the filter is not a constant: " + whyNot);
  }
  SmallVector<int64_t> windowStrides = computeStrides(conv.window);
  auto expectedAt = [&](ArrayRef<int64_t> i) -> int64_t {
    int64_t position = 0;
    for (unsigned j = 0; j < n; ++j)
      position += i[conv.filterSpatial[j]] * windowStrides[j];
    return i[conv.filterM] == position ? 1 : 0;
  };
  if (auto mismatch = findMismatch(elements, expectedAt)) {
    std::string index;
    llvm::raw_string_ostream os(index);
    llvm::interleaveComma(mismatch->first, os);
    return fail("the filter is not one-hot: element [" + index + "] is " +
                printScalar(mismatch->second) + ", not " +
                Twine(expectedAt(mismatch->first)));
  }
  if (!isZeroInit(init))
    return fail("the output does not start at zero");

  Value source = expand.getSrc();
  int64_t sourceRank = n + 2;
  SmallVector<int64_t> spatialDims;
  for (int64_t d : conv.inSpatial)
    spatialDims.push_back(positionInSource(d));
  std::string whyNot;
  FailureOr<UnpaddedInput> unpadded =
      getUnpaddedInput(source, spatialDims, whyNot);
  if (failed(unpadded))
    return fail(whyNot);
  if (llvm::any_of(conv.strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(conv.dilations, [](int64_t d) { return d < 1; }))
    return fail("a stride or dilation is below 1");

  // The specs: the operands' own layouts, spatial names in the filter's
  // order (so that order is the canonical one).
  std::string names = std::string("DHW").substr(3 - n);
  std::string lhsSpec(sourceRank, '?'), outSpec(sourceRank, '?');
  lhsSpec[positionInSource(conv.inBatch)] = 'N';
  lhsSpec[positionInSource(conv.inGroup)] = 'C';
  auto outPosition = [&](int64_t d) { return d <= conv.outGroup ? d : d - 1; };
  outSpec[outPosition(conv.outBatch)] = 'N';
  outSpec[outPosition(conv.outGroup)] = 'C';
  for (unsigned j = 0; j < n; ++j) {
    lhsSpec[spatialDims[j]] = names[j];
    outSpec[outPosition(conv.outSpatial[j])] = names[j];
  }
  MLIRContext *ctx = rewriter.getContext();
  auto dimensionNumbers =
      DimensionNumbersAttr::get(ctx, lhsSpec, "OI" + names, outSpec);
  auto padding = PaddingAttr::get(ctx, unpadded->low, unpadded->high);
  bool hasLhsDilation =
      llvm::any_of(unpadded->lhsDilation, [](int64_t l) { return l != 1; });
  std::optional<ArrayRef<int64_t>> lhsDilation;
  if (hasLhsDilation)
    lhsDilation = unpadded->lhsDilation;
  ExtractClauses clauses{conv.window, conv.strides,   padding,
                         lhsDilation, conv.dilations, dimensionNumbers};
  auto inputShape =
      cast<RankedTensorType>(unpadded->input.getType()).getShape();
  FailureOr<ExtractGeometry> geometry =
      ExtractGeometry::computeQuietly(clauses, inputShape);
  if (failed(geometry))
    return fail("the extraction would not be a valid patches.extract");
  SmallVector<ReassociationIndices> splitFeature;
  SmallVector<int64_t> expectedShape;
  ArrayRef<int64_t> convShape = resultType.getShape();
  for (int64_t d = 0; d < static_cast<int64_t>(convShape.size()); ++d) {
    if (d == conv.outM)
      continue;
    if (d == conv.outGroup) {
      splitFeature.push_back({d, d + 1});
      expectedShape.push_back(convShape[d] * convShape[d + 1]);
    } else {
      splitFeature.push_back({d});
      expectedShape.push_back(convShape[d]);
    }
  }
  if (geometry->getResultShape() != ArrayRef<int64_t>(expectedShape))
    return fail("the output is not every window of the input");

  rewriter.setInsertionPoint(generic);
  auto extract = ExtractOp::create(
      rewriter, generic.getLoc(), unpadded->input, conv.window, conv.strides,
      padding,
      hasLhsDilation ? ArrayRef<int64_t>(unpadded->lhsDilation)
                     : ArrayRef<int64_t>(),
      conv.dilations, dimensionNumbers);
  rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(generic, resultType,
                                                     extract, splitFeature);
  return success();
}

/// Whether `generic` has the shape of a depthwise channels-last convolution
/// (ranks n + 2, n + 2 and n + 3, n + 3 parallel and n reduction loops,
/// permutation maps for the filter and output) but not one whose payload the
/// upstream matcher accepts: a candidate whose payload is the near miss.
static bool hasDepthwiseConvShape(linalg::GenericOp generic) {
  if (generic.getNumDpsInputs() != 2 || generic.getNumDpsInits() != 1 ||
      !generic.hasPureTensorSemantics())
    return false;
  int64_t n =
      cast<ShapedType>(generic.getDpsInits()[0].getType()).getRank() - 3;
  if (n < 1 || n > 3 ||
      cast<ShapedType>(generic.getDpsInputs()[0].getType()).getRank() !=
          n + 2 ||
      cast<ShapedType>(generic.getDpsInputs()[1].getType()).getRank() != n + 2)
    return false;
  if (generic.getNumReductionLoops() != n ||
      generic.getNumParallelLoops() != n + 3)
    return false;
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  return maps[1].isProjectedPermutation() && maps[2].isProjectedPermutation();
}

/// Raises `op` if it is a candidate convolution that is JAX's one-hot
/// convolution; a candidate that is not is left alone, with a remark when
/// `options.remarks` is set.
static LogicalResult tryRaise(RewriterBase &rewriter, linalg::LinalgOp op,
                              const RaiseOneHotConvToPatchesOptions &options) {
  SmallVector<int64_t> strides, dilations;
  bool candidate = matchDepthwiseConv(op, strides, dilations);
  auto generic = dyn_cast<linalg::GenericOp>(*op);
  if (!candidate && generic) {
    std::string whyNot;
    std::optional<GroupedConv> grouped = matchGroupedConv(generic, whyNot);
    if (grouped || !whyNot.empty()) {
      if (!isMultiplyAccumulate(op)) {
        if (options.remarks)
          op->emitRemark("not raised to patches.extract: the payload is not "
                         "a multiply-accumulate");
        return failure();
      }
      if (!grouped) {
        if (options.remarks)
          op->emitRemark("not raised to patches.extract: ") << whyNot;
        return failure();
      }
      return raiseOneHotGroupedConv(rewriter, generic, *grouped, options);
    }
  }
  if (!candidate && !(generic && hasDepthwiseConvShape(generic)))
    return failure();
  if (generic && !isMultiplyAccumulate(op)) {
    if (options.remarks)
      op->emitRemark("not raised to patches.extract: the payload is not a "
                     "multiply-accumulate");
    return failure();
  }
  if (!candidate)
    return failure();
  return raiseOneHotDepthwiseConv(rewriter, op, strides, dilations, options);
}

namespace {

struct RaiseOneHotDepthwiseConv : OpInterfaceRewritePattern<linalg::LinalgOp> {
  RaiseOneHotDepthwiseConv(MLIRContext *ctx,
                           const RaiseOneHotConvToPatchesOptions &options)
      : OpInterfaceRewritePattern(ctx), options(options) {}

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(tryRaise(rewriter, op, options)))
      return rewriter.notifyMatchFailure(op, "not a one-hot convolution");
    return success();
  }

  RaiseOneHotConvToPatchesOptions options;
};

struct RaiseOneHotConvToPatchesPass
    : patches::impl::RaiseOneHotConvToPatchesBase<
          RaiseOneHotConvToPatchesPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *ctx) override {
    if (maxEvaluatedElements < 0)
      return emitError(UnknownLoc::get(ctx),
                       "max-evaluated-elements must not be negative");
    return success();
  }

  // Each candidate is tried once, in order (a greedy driver would retry,
  // and repeat its remarks).
  void runOnOperation() override {
    RaiseOneHotConvToPatchesOptions options;
    options.maxEvaluatedElements = maxEvaluatedElements;
    options.remarks = remarks;
    SmallVector<linalg::LinalgOp> candidates;
    getOperation()->walk(
        [&](linalg::LinalgOp op) { candidates.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      SmallVector<Value> operands(op->getOperands());
      if (failed(tryRaise(rewriter, op, options)))
        continue;
      // The producers only the convolution used (the filter's chain, the
      // padding, the zero init) are dead now.
      llvm::SetVector<Operation *> worklist;
      for (Value operand : operands)
        if (Operation *def = operand.getDefiningOp())
          worklist.insert(def);
      while (!worklist.empty()) {
        Operation *def = worklist.pop_back_val();
        if (!isOpTriviallyDead(def))
          continue;
        for (Value operand : def->getOperands())
          if (Operation *producer = operand.getDefiningOp())
            worklist.insert(producer);
        rewriter.eraseOp(def);
      }
    }
  }
};

} // namespace

void patches::populateRaiseOneHotConvPatterns(
    RewritePatternSet &patterns,
    const RaiseOneHotConvToPatchesOptions &options) {
  patterns.add<RaiseOneHotDepthwiseConv>(patterns.getContext(), options);
}
