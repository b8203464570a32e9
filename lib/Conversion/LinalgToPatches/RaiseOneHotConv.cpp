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
// Matched, on tensors of static shapes: `linalg.depthwise_conv_{1d_nwc_wcm,
// 2d_nhwc_hwcm,3d_ndhwc_dhwcm}` and their forms without a multiplier
// (`..._wc`, `..._hwc`, `..._dhwc`, a 1x..x1 window), `linalg.conv_{1d_nwc_wcf,
// 2d_nhwc_hwcf,3d_ndhwc_dhwcf}` of a single input channel (StableHLO's
// form for C = 1), a `linalg.generic` with a depthwise op's indexing maps,
// and grouped `linalg.generic` convolutions with C feature groups in any
// layout and 0 to 3 spatial dimensions (StableHLO's general conversion of
// JAX's NCHW/OIHW: the input's C split into (G, 1), the filter's O into
// (G, K); without the split for C = 1), whose
//  * payload is acc + cast(in) * cast(filter), each cast a chain of zero
//    or more arith conversions (a named op with operands of a narrower
//    type, as StableHLO writes `preferred_element_type`); the filter's must
//    keep 0 and 1, the input's 0 (checked by folding);
//  * filter, of shape (spatial..., C, K) with K the window size, holds
//    exactly one (1 or 1.0) where k is the row-major window position
//    (kh * KW + kw) and zero (0 or +0.0) everywhere else, every element
//    checked; a filter with zeros between its taps (StableHLO's rhs
//    dilation, the filter padded inside) is that window dilated. It is a
//    constant (possibly behind `tensor.expand_shape` and
//    `tensor.collapse_shape`, as StableHLO's HWIO filter reaches linalg), or
//    computed from constants and indices and evaluated by
//    ConstantEvaluation.h within the pass's bound;
//  * output starts at zero (`linalg.fill` of 0 / +0.0, a zero constant, or
//    evaluated to zeros like the filter: a generalized fill);
//  * input is the input itself or, outermost first, `tensor.pad`s of the
//    spatial dimensions by static amounts with a constant zero (positive
//    padding), `tensor.extract_slice`s of them (negative padding), and
//    innermost a strided `tensor.insert_slice` into zeros (lhs dilation);
//  * output shape is the extraction's full output shape (an output smaller
//    than the number of windows would be a slice of it);
//  * `precision_config`, if the op carries one (a discardable attribute),
//    names DEFAULT, HIGH or HIGHEST for the input; it becomes `precision`.
// Strides and dilations become `window_strides` and `rhs_dilation`; the
// result (N, spatial..., C, M) is the extraction's (N, spatial..., C * M)
// split by `tensor.expand_shape`, which is the extraction's feature order
// c * K + k, and converted as the payload converts the input (an
// elementwise linalg.generic after the extraction: a copy commutes with a
// conversion). A candidate left alone gets a remark with the reason when
// the pass's `remarks` option is set.
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
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Format.h"

#include <functional>

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

/// Whether `init` is all zeros: a fill with zero, a zero constant, or, with
/// a positive `maxEvaluatedElements`, a tensor computed from constants that
/// evaluates to zeros within that bound (a fill generalized to a
/// linalg.generic).
static bool isZeroInit(Value init, int64_t maxEvaluatedElements = 0) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    return isZeroScalar(fill.value());
  auto allZero = [](DenseElementsAttr elements) {
    return !findMismatch(elements, [](ArrayRef<int64_t>) { return 0; });
  };
  if (DenseElementsAttr constant = getLiteralElements(init))
    return constant.isSplat() && allZero(constant);
  if (maxEvaluatedElements <= 0)
    return false;
  std::string whyNot;
  DenseElementsAttr evaluated =
      evaluateConstantTensor(init, maxEvaluatedElements, whyNot);
  return evaluated && allZero(evaluated);
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

namespace {

/// The payload of a candidate convolution, acc + cast(in) * cast(filter):
/// the conversions it applies to the input's and the filter's elements
/// before the multiply (in order from the block argument), empty where an
/// operand has the output's element type.
struct MultiplyAccumulate {
  SmallVector<Operation *> inputCasts, filterCasts;
};

} // namespace

/// Whether `op` is an elementwise conversion a convolution's payload may
/// apply to an operand: linalg's cast_signed and cast_unsigned (a named op
/// with operands of another element type than its output, as StableHLO
/// writes `preferred_element_type`).
static bool isConversion(Operation *op) {
  return isa<arith::ExtFOp, arith::TruncFOp, arith::ExtSIOp, arith::ExtUIOp,
             arith::TruncIOp, arith::SIToFPOp, arith::UIToFPOp, arith::FPToSIOp,
             arith::FPToUIOp>(op);
}

/// The argument of `body` that `value` is computed from by a chain of
/// conversions (appended to `casts`, from the argument), or null; `whyNot`
/// names an op of the chain that is not a conversion.
static BlockArgument getConvertedArgument(Value value, Block *body,
                                          SmallVectorImpl<Operation *> &casts,
                                          std::string &whyNot) {
  SmallVector<Operation *> chain;
  while (Operation *def = value.getDefiningOp()) {
    if (def->getBlock() != body || def->getNumOperands() != 1 ||
        def->getNumResults() != 1 || !def->hasOneUse())
      return {};
    if (!isConversion(def)) {
      whyNot = "the payload applies '" + def->getName().getStringRef().str() +
               "' to an operand, which is not a conversion";
      return {};
    }
    chain.push_back(def);
    value = def->getOperand(0);
  }
  auto argument = dyn_cast<BlockArgument>(value);
  if (!argument || argument.getOwner() != body)
    return {};
  casts.append(chain.rbegin(), chain.rend());
  return argument;
}

/// The payload of `op` if it is acc + cast(in) * cast(filter) (operands in
/// either order, each converted by a chain of zero or more conversions)
/// with nothing else: the convolution's multiply-accumulate. Otherwise the
/// reason in `whyNot`.
static std::optional<MultiplyAccumulate>
matchMultiplyAccumulate(linalg::LinalgOp op, std::string &whyNot) {
  whyNot = "the payload is not a multiply-accumulate";
  Block *body = op.getBlock();
  if (body->getNumArguments() != 3)
    return std::nullopt;
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  if (yield.getValues().size() != 1)
    return std::nullopt;
  Operation *add = yield.getValues()[0].getDefiningOp();
  if (!add || !isa<arith::AddFOp, arith::AddIOp>(add))
    return std::nullopt;
  Value acc = body->getArgument(2);
  if (!llvm::is_contained(add->getOperands(), acc)) {
    if (llvm::any_of(add->getOperands(), [](Value v) {
          Operation *def = v.getDefiningOp();
          return def && isConversion(def);
        }))
      whyNot = "the payload converts the accumulator or the product, not "
               "the operands";
    return std::nullopt;
  }
  Value product =
      add->getOperand(0) == acc ? add->getOperand(1) : add->getOperand(0);
  Operation *mul = product.getDefiningOp();
  if (mul && isConversion(mul)) {
    whyNot = "the payload converts the accumulator or the product, not the "
             "operands";
    return std::nullopt;
  }
  if (!mul || !isa<arith::MulFOp, arith::MulIOp>(mul))
    return std::nullopt;
  SmallVector<Operation *> casts0, casts1;
  std::string castWhyNot;
  BlockArgument a =
      getConvertedArgument(mul->getOperand(0), body, casts0, castWhyNot);
  BlockArgument b =
      getConvertedArgument(mul->getOperand(1), body, casts1, castWhyNot);
  if (!a || !b) {
    if (!castWhyNot.empty())
      whyNot = castWhyNot;
    return std::nullopt;
  }
  MultiplyAccumulate result;
  if (a.getArgNumber() == 0 && b.getArgNumber() == 1) {
    result.inputCasts = std::move(casts0);
    result.filterCasts = std::move(casts1);
  } else if (a.getArgNumber() == 1 && b.getArgNumber() == 0) {
    result.inputCasts = std::move(casts1);
    result.filterCasts = std::move(casts0);
  } else {
    return std::nullopt;
  }
  // The add, the multiply, the conversions and the yield: nothing else.
  if (body->getOperations().size() !=
      3 + result.inputCasts.size() + result.filterCasts.size())
    return std::nullopt;
  whyNot.clear();
  return result;
}

/// What `casts` make of `value` (0 or 1) of element type `type`, folded
/// op by op; null where one does not fold.
static Attribute convertScalar(ArrayRef<Operation *> casts, Type type,
                               int64_t value) {
  Builder builder(type.getContext());
  Attribute attr;
  if (isa<FloatType>(type))
    attr = builder.getFloatAttr(type, static_cast<double>(value));
  else if (type.isIntOrIndex())
    attr = builder.getIntegerAttr(type, value);
  for (Operation *cast : casts) {
    if (!attr)
      return {};
    SmallVector<OpFoldResult> folded;
    if (failed(cast->fold(ArrayRef<Attribute>{attr}, folded)) ||
        folded.size() != 1)
      return {};
    attr = dyn_cast_if_present<Attribute>(folded[0]);
  }
  return attr;
}

/// Checks the payload's conversions: the filter's must keep 0 and 1 (so the
/// product is a copy or zero), the input's must keep 0 (the padding).
static LogicalResult checkConversions(const MultiplyAccumulate &mac,
                                      Type inputElementType,
                                      Type filterElementType,
                                      std::string &whyNot) {
  for (int64_t value : {0, 1}) {
    Attribute converted =
        convertScalar(mac.filterCasts, filterElementType, value);
    if (!converted || !isExactly(converted, value)) {
      whyNot = "the payload's conversion of the filter does not keep " +
               std::to_string(value) + " as " + std::to_string(value);
      return failure();
    }
  }
  Attribute zero = convertScalar(mac.inputCasts, inputElementType, 0);
  if (!zero || !isExactly(zero, 0)) {
    whyNot = "the payload's conversion of the input does not keep 0 as 0";
    return failure();
  }
  return success();
}

/// The precision a convolution carries in a discardable `precision_config`
/// attribute (StableHLO's operand precisions; JAX gives the patches'
/// precision to the input, the first): each a `#patches.precision<...>`, a
/// string, or StableHLO's `#stablehlo<precision ...>` read as an opaque
/// attribute where that dialect is not loaded. DEFAULT without the
/// attribute; failure, with the reason in `whyNot`, for another form.
static FailureOr<Precision> getPrecisionConfig(Operation *op,
                                               std::string &whyNot) {
  Attribute config = op->getDiscardableAttr("precision_config");
  if (!config)
    return Precision::Default;
  auto array = dyn_cast<ArrayAttr>(config);
  Attribute first = array && !array.empty() ? array[0] : Attribute();
  std::optional<Precision> precision;
  if (auto attr = dyn_cast_if_present<PrecisionAttr>(first)) {
    precision = attr.getValue();
  } else if (auto text = dyn_cast_if_present<StringAttr>(first)) {
    precision = symbolizePrecision(text.getValue());
  } else if (auto opaque = dyn_cast_if_present<OpaqueAttr>(first)) {
    StringRef data = opaque.getAttrData().trim();
    if (opaque.getDialectNamespace().getValue() == "stablehlo" &&
        data.consume_front("precision"))
      precision = symbolizePrecision(data.trim(" <>"));
  }
  if (!precision) {
    whyNot = "its precision_config is not a list of DEFAULT, HIGH or HIGHEST "
             "precisions";
    return failure();
  }
  return *precision;
}

namespace {

/// A one-hot filter's window in the canonical spatial order: its shape and
/// the dilation by which a filter with zeros between its taps spreads it
/// (StableHLO's general conversion writes rhs dilation as the filter padded
/// inside).
struct OneHotWindow {
  SmallVector<int64_t> shape, dilation;
};

} // namespace

/// Checks that `filter` (static, from a literal or evaluated within
/// `options`' bound) is JAX's one-hot filter: with `spatialDims` its
/// spatial dimensions in canonical order and `multiplierDim` that of the
/// window position m (-1 for a filter without one: m = 0), element i is
/// one where every spatial index is a multiple of the dilation and m is the
/// row-major position of the indices divided by it, and zero (0 or +0.0)
/// everywhere else. The dilation is the one (1 where it can be) that makes
/// the window's size the multiplier. On failure, the reason in `whyNot`:
/// the multiplier or the first element that is not one-hot.
static FailureOr<OneHotWindow> checkOneHotFilter(
    Value filter, ArrayRef<int64_t> spatialDims, int64_t multiplierDim,
    const RaiseOneHotConvToPatchesOptions &options, std::string &whyNot) {
  auto filterType = cast<RankedTensorType>(filter.getType());
  ArrayRef<int64_t> shape = filterType.getShape();
  int64_t multiplier = multiplierDim < 0 ? 1 : shape[multiplierDim];
  unsigned n = spatialDims.size();
  SmallVector<int64_t> extent;
  for (int64_t d : spatialDims)
    extent.push_back(shape[d]);
  if (llvm::any_of(extent, [](int64_t size) { return size < 1; })) {
    whyNot = "the window is empty";
    return failure();
  }

  // The windows (shape and dilation) whose size is the multiplier, the
  // smaller dilations first: per dimension a size k dividing what is left
  // of the multiplier with W = (k - 1) * r + 1 (the last dimension takes
  // what is left). A frontend's filter has one or two; at most
  // kMaxWindowCandidates are kept.
  constexpr size_t kMaxWindowCandidates = 64;
  SmallVector<OneHotWindow> candidates;
  OneHotWindow window;
  std::function<void(unsigned, int64_t)> choose = [&](unsigned j,
                                                      int64_t left) {
    if (candidates.size() >= kMaxWindowCandidates)
      return;
    if (j == n) {
      if (left == 1)
        candidates.push_back(window);
      return;
    }
    int64_t w = extent[j];
    for (int64_t r = 1; r <= std::max<int64_t>(w - 1, 1); ++r) {
      if ((w - 1) % r != 0)
        continue;
      int64_t k = (w - 1) / r + 1;
      if (left % k != 0 || (j + 1 == n && k != left))
        continue;
      window.shape.push_back(k);
      window.dilation.push_back(r);
      choose(j + 1, left / k);
      window.shape.pop_back();
      window.dilation.pop_back();
    }
  };
  if (multiplier >= 1)
    choose(0, multiplier);
  if (candidates.empty()) {
    whyNot = "the channel multiplier " + std::to_string(multiplier) +
             " is not the window size " +
             std::to_string(ShapedType::getNumElements(extent));
    return failure();
  }

  DenseElementsAttr elements = getLiteralElements(filter);
  if (elements) {
    elements = elements.reshape(filterType);
  } else {
    std::string evaluationWhyNot;
    elements = evaluateConstantTensor(filter, options.maxEvaluatedElements,
                                      evaluationWhyNot);
    if (!elements) {
      whyNot = "the filter is not a constant: " + evaluationWhyNot;
      return failure();
    }
  }
  for (const OneHotWindow &window : candidates) {
    SmallVector<int64_t> windowStrides = computeStrides(window.shape);
    auto expectedAt = [&](ArrayRef<int64_t> i) -> int64_t {
      int64_t position = 0;
      for (unsigned j = 0; j < n; ++j) {
        int64_t at = i[spatialDims[j]];
        if (at % window.dilation[j] != 0)
          return 0;
        position += at / window.dilation[j] * windowStrides[j];
      }
      int64_t m = multiplierDim < 0 ? 0 : i[multiplierDim];
      return m == position ? 1 : 0;
    };
    auto mismatch = findMismatch(elements, expectedAt);
    if (!mismatch)
      return window;
    if (&window != &candidates.front())
      continue;
    std::string index;
    llvm::raw_string_ostream os(index);
    llvm::interleaveComma(mismatch->first, os);
    whyNot = "the filter is not one-hot: element [" + index + "] is " +
             printScalar(mismatch->second) + ", not " +
             std::to_string(expectedAt(mismatch->first));
  }
  return failure();
}

/// Replaces `conv` by `extract` converted as the payload converts the input
/// (`casts`, cloned into an elementwise linalg.generic: extraction copies,
/// so converting after it is the same as converting before) and split into
/// the convolution's shape by `split` (nothing where the shapes are equal).
static void replaceByExtraction(RewriterBase &rewriter, Operation *conv,
                                Value extract, ArrayRef<Operation *> casts,
                                ArrayRef<ReassociationIndices> split) {
  Location loc = conv->getLoc();
  auto resultType = cast<RankedTensorType>(conv->getResultTypes()[0]);
  Value result = extract;
  if (!casts.empty()) {
    auto extractType = cast<RankedTensorType>(extract.getType());
    auto convertedType = extractType.clone(resultType.getElementType());
    Value empty =
        tensor::EmptyOp::create(rewriter, loc, convertedType.getShape(),
                                convertedType.getElementType());
    unsigned rank = extractType.getRank();
    SmallVector<AffineMap> maps(2, rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    result = linalg::GenericOp::create(
                 rewriter, loc, TypeRange{convertedType}, ValueRange{extract},
                 ValueRange{empty}, maps, iterators,
                 [&](OpBuilder &builder, Location nestedLoc, ValueRange args) {
                   IRMapping mapping;
                   mapping.map(casts.front()->getOperand(0), args[0]);
                   for (Operation *cast : casts)
                     builder.clone(*cast, mapping);
                   linalg::YieldOp::create(
                       builder, nestedLoc,
                       mapping.lookup(casts.back()->getResult(0)));
                 })
                 .getResult(0);
  }
  if (result.getType() == resultType)
    rewriter.replaceOp(conv, result);
  else
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(conv, resultType, result,
                                                       split);
}

/// The dimension numbers of a channels-last convolution with `n` spatial
/// dimensions: ("NWC", "WIO", "NWC"), ("NHWC", ...), ("NDHWC", ...).
static DimensionNumbersAttr getChannelsLastNumbers(MLIRContext *ctx,
                                                   unsigned n) {
  std::string spatial = std::string("DHW").substr(3 - n);
  return DimensionNumbersAttr::get(ctx, "N" + spatial + "C", spatial + "IO",
                                   "N" + spatial + "C");
}

namespace {

/// The channels-last forms of a convolution with C feature groups: with a
/// channel multiplier (filter (spatial..., C, M), output
/// (N, spatial..., C, M)), without one (filter (spatial..., C), output
/// (N, spatial..., C): a 1x..x1 window), and a convolution of a single
/// channel (filter (spatial..., 1, M), output (N, spatial..., M)), which
/// StableHLO writes for C = 1.
enum class DepthwiseKind { Multiplier, NoMultiplier, SingleChannel };

} // namespace

/// Replaces `conv`, a channels-last convolution of `kind` (input
/// (N, spatial..., C)) of its two inputs into its init with `strides`,
/// `dilations` and payload `mac`, by the extraction when it is JAX's
/// one-hot convolution (see the file header); otherwise fails, with a
/// remark on `conv` when `options.remarks` is set.
static LogicalResult
raiseOneHotDepthwiseConv(RewriterBase &rewriter, linalg::LinalgOp conv,
                         DepthwiseKind kind, ArrayRef<int64_t> strides,
                         ArrayRef<int64_t> dilations,
                         const MultiplyAccumulate &mac,
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
  if (!inputType.hasStaticShape() || !filterType.hasStaticShape() ||
      !resultType.hasStaticShape())
    return fail("a shape is dynamic");
  bool hasMultiplier = kind != DepthwiseKind::NoMultiplier;
  if (n < 1 || n > 3 || inputType.getRank() != n + 2 ||
      filterType.getRank() != (hasMultiplier ? n + 2 : n + 1) ||
      resultType.getRank() !=
          (kind == DepthwiseKind::Multiplier ? n + 3 : n + 2))
    return fail("not a depthwise convolution with 1 to 3 spatial dimensions");

  // The filter: (spatial..., C, M), one-hot in m = the row-major position
  // in the window.
  std::string whyNot;
  FailureOr<OneHotWindow> window = checkOneHotFilter(
      filter, llvm::to_vector(llvm::seq<int64_t>(0, n)),
      hasMultiplier ? static_cast<int64_t>(n) + 1 : -1, options, whyNot);
  if (failed(window))
    return fail(whyNot);
  if (failed(checkConversions(mac, inputType.getElementType(),
                              filterType.getElementType(), whyNot)))
    return fail(whyNot);
  FailureOr<Precision> precision = getPrecisionConfig(conv, whyNot);
  if (failed(precision))
    return fail(whyNot);
  if (!isZeroInit(init, options.maxEvaluatedElements))
    return fail("the output does not start at zero");

  SmallVector<int64_t> spatialDims =
      llvm::to_vector(llvm::seq<int64_t>(1, n + 1));
  FailureOr<UnpaddedInput> unpadded =
      getUnpaddedInput(paddedInput, spatialDims, whyNot);
  if (failed(unpadded))
    return fail(whyNot);
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return fail("a stride or dilation is below 1");
  SmallVector<int64_t> rhsDilation;
  for (unsigned j = 0; j < n; ++j)
    rhsDilation.push_back(dilations[j] * window->dilation[j]);

  MLIRContext *ctx = rewriter.getContext();
  auto padding = PaddingAttr::get(ctx, unpadded->low, unpadded->high);
  DimensionNumbersAttr dimensionNumbers = getChannelsLastNumbers(ctx, n);
  bool hasLhsDilation =
      llvm::any_of(unpadded->lhsDilation, [](int64_t l) { return l != 1; });
  std::optional<ArrayRef<int64_t>> lhsDilation;
  if (hasLhsDilation)
    lhsDilation = unpadded->lhsDilation;
  ExtractClauses clauses{window->shape, strides,     padding,
                         lhsDilation,   rhsDilation, dimensionNumbers};
  auto inputShape =
      cast<RankedTensorType>(unpadded->input.getType()).getShape();
  // A convolution whose extraction the op could not hold (a size that
  // overflows) stays a convolution: the geometry's error is not emitted.
  FailureOr<ExtractGeometry> geometry =
      ExtractGeometry::computeQuietly(clauses, inputShape);
  if (failed(geometry))
    return fail("the extraction would not be a valid patches.extract");
  // The convolution's (N, spatial..., [C,] M) must be all of the
  // extraction's (N, spatial..., C * M): a smaller output would be a slice
  // of it.
  ArrayRef<int64_t> convShape = resultType.getShape();
  SmallVector<int64_t> expectedShape(convShape.take_front(n + 1));
  expectedShape.push_back(
      ShapedType::getNumElements(convShape.drop_front(n + 1)));
  if (geometry->getResultShape() != ArrayRef<int64_t>(expectedShape))
    return fail("the output is not every window of the input");

  rewriter.setInsertionPoint(conv);
  auto extract = ExtractOp::create(
      rewriter, conv.getLoc(), unpadded->input, window->shape, strides, padding,
      hasLhsDilation ? ArrayRef<int64_t>(unpadded->lhsDilation)
                     : ArrayRef<int64_t>(),
      rhsDilation, dimensionNumbers, *precision);
  SmallVector<ReassociationIndices> splitFeature;
  for (unsigned d = 0; d <= n; ++d)
    splitFeature.push_back({d});
  splitFeature.push_back({n + 1, n + 2});
  replaceByExtraction(rewriter, conv, extract, mac.inputCasts, splitFeature);
  return success();
}

/// The kind, strides and dilations of `op` if it is a channels-last
/// convolution with C feature groups (see DepthwiseKind; named, or a
/// generic with a depthwise named op's maps), for 1, 2 or 3 spatial
/// dimensions; an ordinary convolution is one only for a single channel.
static std::optional<DepthwiseKind>
matchDepthwiseConv(linalg::LinalgOp op, SmallVector<int64_t> &strides,
                   SmallVector<int64_t> &dilations) {
  auto fromAttrs = [&](auto named, DepthwiseKind kind) {
    strides = llvm::to_vector(named.getStrides().template getValues<int64_t>());
    dilations =
        llvm::to_vector(named.getDilations().template getValues<int64_t>());
    return kind;
  };
  // An ordinary convolution is a candidate when its input has one channel.
  auto singleChannel = [&](auto named) -> std::optional<DepthwiseKind> {
    auto filterType = cast<ShapedType>(named.getDpsInputs()[1].getType());
    if (filterType.getRank() < 2 ||
        filterType.getDimSize(filterType.getRank() - 2) != 1)
      return std::nullopt;
    return fromAttrs(named, DepthwiseKind::SingleChannel);
  };
  if (auto named = dyn_cast<linalg::DepthwiseConv1DNwcWcmOp>(*op))
    return fromAttrs(named, DepthwiseKind::Multiplier);
  if (auto named = dyn_cast<linalg::DepthwiseConv2DNhwcHwcmOp>(*op))
    return fromAttrs(named, DepthwiseKind::Multiplier);
  if (auto named = dyn_cast<linalg::DepthwiseConv3DNdhwcDhwcmOp>(*op))
    return fromAttrs(named, DepthwiseKind::Multiplier);
  if (auto named = dyn_cast<linalg::DepthwiseConv1DNwcWcOp>(*op))
    return fromAttrs(named, DepthwiseKind::NoMultiplier);
  if (auto named = dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(*op))
    return fromAttrs(named, DepthwiseKind::NoMultiplier);
  if (auto named = dyn_cast<linalg::DepthwiseConv3DNdhwcDhwcOp>(*op))
    return fromAttrs(named, DepthwiseKind::NoMultiplier);
  if (auto named = dyn_cast<linalg::Conv1DNwcWcfOp>(*op))
    return singleChannel(named);
  if (auto named = dyn_cast<linalg::Conv2DNhwcHwcfOp>(*op))
    return singleChannel(named);
  if (auto named = dyn_cast<linalg::Conv3DNdhwcDhwcfOp>(*op))
    return singleChannel(named);
  if (!isa<linalg::GenericOp>(*op))
    return std::nullopt;
  if (linalg::isaConvolutionOpOfType<linalg::DepthwiseConv1DNwcWcmOp>(
          op, &dilations, &strides) ||
      linalg::isaConvolutionOpOfType<linalg::DepthwiseConv2DNhwcHwcmOp>(
          op, &dilations, &strides) ||
      linalg::isaConvolutionOpOfType<linalg::DepthwiseConv3DNdhwcDhwcmOp>(
          op, &dilations, &strides))
    return DepthwiseKind::Multiplier;
  return std::nullopt;
}

namespace {

/// A convolution as StableHLO's general conversion writes it for
/// feature_group_count = C: input (.., G, 1, ..) reshaped from the
/// operand's feature dimension, filter (.., G, M, 1, ..), output
/// (.., G, M, ..), in any order of the other dimensions; for C = 1 (no
/// groups: `grouped` false) input (.., 1, ..), filter (.., M, 1, ..),
/// output (.., M, ..). Positions are operand dimensions (-1 for the group
/// where there is none); spatial ones are in the filter's order.
struct GroupedConv {
  bool grouped;
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
/// GroupedConv) with 0 to 3 spatial dimensions; the reason in `whyNot` if
/// it has the shape but not the group structure, nothing if it is no
/// candidate at all (an ungrouped convolution of more than one channel, or
/// a (batched) matrix product: no spatial dimension and more than one input
/// feature or output feature per group, are ordinary ops).
static std::optional<GroupedConv> matchGroupedConv(linalg::GenericOp generic,
                                                   std::string &whyNot) {
  if (generic.getNumDpsInputs() != 2 || generic.getNumDpsInits() != 1 ||
      !generic.hasPureTensorSemantics())
    return std::nullopt;
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  AffineMap inMap = maps[0], filterMap = maps[1], outMap = maps[2];
  int64_t rank = outMap.getNumResults();
  if (rank < 2 || rank > 6 || inMap.getNumResults() != rank ||
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
  int64_t n = sums.size();

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
  // Without a group loop, a convolution of one channel (C = 1).
  bool grouped = group >= 0;
  if (batch < 0 || group == -2 || inFeature < 0 || multiplier < 0)
    return std::nullopt;
  // Every loop is one of batch, group, input feature, multiplier, or a
  // spatial output or window loop: another would be a further reduction.
  if (n > 3 || rank != n + (grouped ? 3 : 2) ||
      numLoops != (grouped ? 4 : 3) + 2 * n)
    return std::nullopt;
  SmallVector<utils::IteratorType> iterators = generic.getIteratorTypesArray();
  auto isReduction = [&](int64_t d) {
    return iterators[d] == utils::IteratorType::reduction;
  };
  if (isReduction(batch) || (grouped && isReduction(group)) ||
      isReduction(multiplier) || !isReduction(inFeature))
    return std::nullopt;
  SmallVector<int64_t> ranges = generic.getStaticLoopRanges();
  if (ShapedType::isDynamicShape(ranges))
    return std::nullopt;
  // Without spatial dimensions the window is one element: only a product
  // of one input feature by one multiplier is a candidate (anything else is
  // a matrix product).
  if ((ranges[inFeature] != 1 && (!grouped || n == 0)) ||
      (n == 0 && ranges[multiplier] != 1))
    return std::nullopt;
  // From here on it is a grouped convolution: what does not match is a
  // near miss.
  if (ranges[inFeature] != 1) {
    whyNot = "a grouped convolution with " + std::to_string(ranges[group]) +
             " feature groups of " + std::to_string(ranges[inFeature]) +
             " input features each, not one per group";
    return std::nullopt;
  }
  conv.grouped = grouped;
  conv.inBatch = inPos[batch];
  conv.inGroup = grouped ? inPos[group] : inPos[inFeature];
  if (grouped && inPos[inFeature] != conv.inGroup + 1) {
    whyNot = "the input's group and feature dimensions are not adjacent";
    return std::nullopt;
  }
  conv.filterGroup = grouped ? filterPos[group] : -1;
  conv.filterM = filterPos[multiplier];
  conv.filterI = filterPos[inFeature];
  conv.outBatch = outPos[batch];
  conv.outGroup = grouped ? outPos[group] : -1;
  conv.outM = outPos[multiplier];
  if (grouped && conv.outM != conv.outGroup + 1) {
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

/// Replaces `generic`, a grouped convolution (`conv`) with payload `mac`,
/// by the extraction in the operands' own layouts when it is JAX's one-hot
/// convolution.
static LogicalResult
raiseOneHotGroupedConv(RewriterBase &rewriter, linalg::GenericOp generic,
                       const GroupedConv &conv, const MultiplyAccumulate &mac,
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
  auto groupedInputType = cast<RankedTensorType>(groupedInput.getType());
  if (!groupedInputType.hasStaticShape() || !filterType.hasStaticShape() ||
      !resultType.hasStaticShape())
    return fail("a shape is dynamic");

  // The input before StableHLO split its feature dimension into (G, 1).
  Value source = groupedInput;
  if (conv.grouped) {
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
    source = expand.getSrc();
  }
  auto positionInSource = [&](int64_t d) {
    return conv.grouped && d > conv.inGroup ? d - 1 : d;
  };

  // The filter: one-hot in m = the row-major window position.
  std::string whyNot;
  FailureOr<OneHotWindow> window = checkOneHotFilter(
      filter, conv.filterSpatial, conv.filterM, options, whyNot);
  if (failed(window))
    return fail(whyNot);
  if (failed(checkConversions(mac, groupedInputType.getElementType(),
                              filterType.getElementType(), whyNot)))
    return fail(whyNot);
  FailureOr<Precision> precision = getPrecisionConfig(generic, whyNot);
  if (failed(precision))
    return fail(whyNot);
  if (!isZeroInit(init, options.maxEvaluatedElements))
    return fail("the output does not start at zero");

  int64_t sourceRank = n + 2;
  SmallVector<int64_t> spatialDims;
  for (int64_t d : conv.inSpatial)
    spatialDims.push_back(positionInSource(d));
  FailureOr<UnpaddedInput> unpadded =
      getUnpaddedInput(source, spatialDims, whyNot);
  if (failed(unpadded))
    return fail(whyNot);
  if (llvm::any_of(conv.strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(conv.dilations, [](int64_t d) { return d < 1; }))
    return fail("a stride or dilation is below 1");
  SmallVector<int64_t> rhsDilation;
  for (unsigned j = 0; j < n; ++j)
    rhsDilation.push_back(conv.dilations[j] * window->dilation[j]);

  // The specs: the operands' own layouts, spatial names in the filter's
  // order (so that order is the canonical one).
  std::string names = std::string("DHW").substr(3 - n);
  std::string lhsSpec(sourceRank, '?'), outSpec(sourceRank, '?');
  lhsSpec[positionInSource(conv.inBatch)] = 'N';
  lhsSpec[positionInSource(conv.inGroup)] = 'C';
  auto outPosition = [&](int64_t d) {
    return conv.grouped && d > conv.outGroup ? d - 1 : d;
  };
  outSpec[outPosition(conv.outBatch)] = 'N';
  outSpec[outPosition(conv.grouped ? conv.outGroup : conv.outM)] = 'C';
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
  ExtractClauses clauses{window->shape, conv.strides, padding,
                         lhsDilation,   rhsDilation,  dimensionNumbers};
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
    if (conv.grouped && d == conv.outM)
      continue;
    if (conv.grouped && d == conv.outGroup) {
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
      rewriter, generic.getLoc(), unpadded->input, window->shape, conv.strides,
      padding,
      hasLhsDilation ? ArrayRef<int64_t>(unpadded->lhsDilation)
                     : ArrayRef<int64_t>(),
      rhsDilation, dimensionNumbers, *precision);
  replaceByExtraction(rewriter, generic, extract, mac.inputCasts, splitFeature);
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
  auto remark = [&](const Twine &reason) {
    if (options.remarks)
      op->emitRemark("not raised to patches.extract: ") << reason;
    return failure();
  };
  SmallVector<int64_t> strides, dilations;
  std::optional<DepthwiseKind> kind =
      matchDepthwiseConv(op, strides, dilations);
  auto generic = dyn_cast<linalg::GenericOp>(*op);
  std::optional<GroupedConv> grouped;
  std::string groupedWhyNot;
  if (!kind) {
    if (!generic)
      return failure();
    grouped = matchGroupedConv(generic, groupedWhyNot);
    // A generic with a depthwise convolution's shape that the upstream
    // matcher did not take is a candidate whose payload is the near miss.
    if (!grouped && groupedWhyNot.empty() && !hasDepthwiseConvShape(generic))
      return failure();
  }
  std::string whyNot;
  std::optional<MultiplyAccumulate> mac = matchMultiplyAccumulate(op, whyNot);
  if (!mac)
    return remark(whyNot);
  if (kind)
    return raiseOneHotDepthwiseConv(rewriter, op, *kind, strides, dilations,
                                    *mac, options);
  if (grouped)
    return raiseOneHotGroupedConv(rewriter, generic, *grouped, *mac, options);
  if (!groupedWhyNot.empty())
    return remark(groupedWhyNot);
  return failure();
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
