//===- PatchesCanonicalize.cpp - Folding and canonicalization -------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Folds and canonicalization patterns of `patches.extract`:
//
// * An extraction that only permutes dimensions (one window position, unit
//   strides, no lhs dilation, no padding) folds to its input when it keeps
//   the layout, becomes a `tensor.cast` of its input when only the static-ness
//   of the types differs, and a `linalg.transpose` when the layouts differ.
// * An extraction of a small int/float constant folds to a constant, which
//   the dialect materializes as `arith.constant`.
//
// `tensor.dim` of the result needs nothing here: the op reifies its result
// shape (ReifyRankedShapedTypeOpInterface) through the geometry.
//
//===----------------------------------------------------------------------===//

#include "PatchesOpsClauses.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace patches;

/// Constant folding materializes every result element: beyond this many the
/// folded constant would cost more (in IR size and compile time) than the
/// extraction it replaces.
static constexpr int64_t kMaxFoldedElements = 4096;

/// Whether every result element is the input element at the same (batch,
/// channel, spatial) coordinates, the layouts aside: a single window
/// position (K = 1, so the feature size is C), unit strides, no lhs dilation
/// and no padding.
static bool isPermutation(const ExtractGeometry &geometry) {
  if (geometry.getWindowVolume() != 1)
    return false;
  for (const SpatialGeometry &g : geometry.getSpatial()) {
    if (g.stride != 1 || g.lhsDilation != 1)
      return false;
    // With K = 1 the window is one position wide, and SAME/SAME_LOWER at
    // stride 1 pad by (ceil(d / 1) - 1) * 1 + 1 - d = 0: zero even where d
    // is dynamic and the static geometry leaves the padding unknown.
    bool samePadsNothing =
        g.padding == PaddingKind::Same || g.padding == PaddingKind::SameLower;
    if (!samePadsNothing && (g.padLow != 0 || g.padHigh != 0))
      return false;
  }
  return true;
}

/// The `linalg.transpose` permutation that takes the input layout to the
/// result layout: result dimension i is input dimension perm[i].
static SmallVector<int64_t>
getInputToResultPermutation(const ExtractGeometry &geometry) {
  const OperandLayout &lhs = geometry.getLayouts().lhs;
  const OperandLayout &out = geometry.getLayouts().out;
  SmallVector<int64_t> perm(geometry.getNumSpatialDims() + 2);
  perm[out.batch] = lhs.batch;
  perm[out.feature] = lhs.feature;
  for (auto [outDim, lhsDim] : llvm::zip_equal(out.spatial, lhs.spatial))
    perm[outDim] = lhsDim;
  return perm;
}

static bool keepsLayout(const ExtractGeometry &geometry) {
  return geometry.getLayouts().lhs.toCanonicalPermutation() ==
         geometry.getLayouts().out.toCanonicalPermutation();
}

//===----------------------------------------------------------------------===//
// Constant folding
//===----------------------------------------------------------------------===//

/// The result of the extraction of `input` (of APInt or APFloat elements),
/// computed point by point over the canonical iteration space (b, c, w, o).
/// Padding and the holes of lhs dilation read `zero`; every other element is
/// copied, bit for bit.
template <typename ValueT>
static DenseElementsAttr
extractConstant(const ExtractGeometry &geometry, DenseElementsAttr input,
                RankedTensorType resultType, const ValueT &zero) {
  SmallVector<ValueT> result(resultType.getNumElements(), zero);
  if (result.empty())
    return DenseElementsAttr::get(resultType, ArrayRef<ValueT>(result));

  int64_t n = geometry.getNumSpatialDims();
  const OperandLayout &lhs = geometry.getLayouts().lhs;
  const OperandLayout &out = geometry.getLayouts().out;
  ArrayRef<SpatialGeometry> spatial = geometry.getSpatial();
  SmallVector<int64_t> resultStrides = computeStrides(resultType.getShape());
  // A splat input is read without indices: its shape may be far too large
  // to hold. A non-splat one holds every element, so their indices fit.
  bool isSplat = input.isSplat();
  SmallVector<int64_t> inputStrides;
  if (!isSplat)
    inputStrides = computeStrides(geometry.getInputShape());
  auto inputValues = input.getValues<ValueT>();

  // Loop bounds over (b, c, w_1..w_n, o_1..o_n). The result is non-empty,
  // so every bound is at least 1 and their product is the element count.
  SmallVector<int64_t> bounds = {geometry.getInputBatchSize(),
                                 geometry.getInputChannels()};
  for (const SpatialGeometry &g : spatial)
    bounds.push_back(g.filterSize);
  for (const SpatialGeometry &g : spatial)
    bounds.push_back(g.outputSize);
  SmallVector<int64_t> loop(bounds.size(), 0);

  while (true) {
    int64_t b = loop[0], c = loop[1];
    ArrayRef<int64_t> w = ArrayRef<int64_t>(loop).slice(2, n);
    ArrayRef<int64_t> o = ArrayRef<int64_t>(loop).slice(2 + n, n);

    int64_t feature = geometry.getFeature(c, w);
    int64_t resultIndex =
        b * resultStrides[out.batch] + feature * resultStrides[out.feature];
    for (int64_t j = 0; j < n; ++j)
      resultIndex += o[j] * resultStrides[out.spatial[j]];

    // The input element that (o, w) reads, if any. The verifier bounds
    // o * s + w * r by the padded size; subtracting a large negative lo may
    // still overflow, and then the position is out of range anyway.
    bool inBounds = true;
    int64_t inputIndex = 0;
    if (!isSplat)
      inputIndex = b * inputStrides[lhs.batch] + c * inputStrides[lhs.feature];
    for (int64_t j = 0; j < n && inBounds; ++j) {
      std::optional<int64_t> p = geometry.getInputPosition(j, o[j], w[j]);
      std::optional<int64_t> i =
          p ? geometry.getInputIndex(j, *p) : std::nullopt;
      if (!i) {
        inBounds = false;
        break;
      }
      if (!isSplat)
        inputIndex += *i * inputStrides[lhs.spatial[j]];
    }
    if (inBounds)
      result[resultIndex] =
          isSplat ? input.getSplatValue<ValueT>() : inputValues[inputIndex];

    // Next loop point, innermost fastest.
    int64_t dim = static_cast<int64_t>(bounds.size()) - 1;
    for (; dim >= 0; --dim) {
      if (++loop[dim] < bounds[dim])
        break;
      loop[dim] = 0;
    }
    if (dim < 0)
      break;
  }
  return DenseElementsAttr::get(resultType, ArrayRef<ValueT>(result));
}

/// The folded constant of an extraction of `input`, or null when the types
/// are not foldable or the result is too large.
static Attribute foldConstant(const ExtractGeometry &geometry,
                              DenseElementsAttr input,
                              RankedTensorType resultType) {
  if (!resultType.hasStaticShape() ||
      resultType.getNumElements() > kMaxFoldedElements ||
      !geometry.hasStaticPadding())
    return {};
  Type elementType = resultType.getElementType();
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    // Padding reads zero, which some formats (f8E8M0FNU) cannot hold.
    const llvm::fltSemantics &semantics = floatType.getFloatSemantics();
    if (!llvm::APFloatBase::semanticsHasZero(semantics))
      return {};
    return extractConstant(geometry, input, resultType,
                           llvm::APFloat::getZero(semantics));
  }
  if (elementType.isIntOrIndex()) {
    unsigned width = elementType.isIndex()
                         ? IndexType::kInternalStorageBitWidth
                         : elementType.getIntOrFloatBitWidth();
    return extractConstant(geometry, input, resultType,
                           llvm::APInt::getZero(width));
  }
  return {};
}

/// Folded constants are `arith.constant`s.
Operation *PatchesDialect::materializeConstant(OpBuilder &builder,
                                               Attribute value, Type type,
                                               Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || !arith::ConstantOp::isBuildableWith(typed, type))
    return nullptr;
  return arith::ConstantOp::create(builder, loc, type, typed);
}

OpFoldResult ExtractOp::fold(FoldAdaptor adaptor) {
  FailureOr<ExtractGeometry> geometry = getGeometryQuietly();
  if (failed(geometry))
    return {};
  if (isPermutation(*geometry) && keepsLayout(*geometry) &&
      getInput().getType() == getType())
    return getInput();
  if (auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput()))
    return foldConstant(*geometry, input, getType());
  return {};
}

//===----------------------------------------------------------------------===//
// Canonicalization patterns
//===----------------------------------------------------------------------===//

namespace {
/// A permutation-only extraction becomes a `linalg.transpose` of its input
/// (when the layouts differ), followed by a `tensor.cast` when the result
/// type is more static than what the input gives. One that keeps the layout
/// and only differs in static-ness becomes the `tensor.cast` alone.
struct PermutationExtractToTranspose : OpRewritePattern<ExtractOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ExtractOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<ExtractGeometry> geometry = op.getGeometryQuietly();
    if (failed(geometry) || !isPermutation(*geometry))
      return rewriter.notifyMatchFailure(op, "not a permutation");
    Location loc = op.getLoc();
    Value result = op.getInput();
    if (!keepsLayout(*geometry)) {
      SmallVector<int64_t> perm = getInputToResultPermutation(*geometry);
      SmallVector<OpFoldResult> sizes;
      for (int64_t inputDim : perm)
        sizes.push_back(
            tensor::getMixedSize(rewriter, loc, op.getInput(), inputDim));
      Value init = tensor::EmptyOp::create(
          rewriter, loc, sizes, op.getInput().getType().getElementType());
      result =
          linalg::TransposeOp::create(rewriter, loc, op.getInput(), init, perm)
              .getResult()
              .front();
    }
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    // The same-layout, same-type case is the folder's.
    if (result == op.getInput())
      return rewriter.notifyMatchFailure(op, "left to the folder");
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void ExtractOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<PermutationExtractToTranspose>(context);
}
