//===- PatchesTransformOps.cpp - Transform ops of patches -----------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `transform.apply_patterns.patches.bubble_up_extract_slice_through_collapse`
// and its pattern: `tensor.extract_slice` of a `tensor.collapse_shape`
// becomes `tensor.collapse_shape` of a `tensor.extract_slice` where the
// slice is one box of the collapse's source, including the slices of a
// tiling loop, whose offsets are induction variables. Upstream's pattern of
// the same name handles such offsets only where a reassociation group has a
// single non-unit dimension; here an offset that is provably a multiple of
// the slice size is enough, which is what tiling loops produce. That is what
// lets a `linalg.matmul` tiled over the rows of a collapsed im2col tensor
// read a slice of the 4-D `patches.extract` result, and so fuse it.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/TransformOps/PatchesTransformOps.h"
#include "patches/Conversion/LinalgConvToPatches/LinalgConvToPatches.h"
#include "patches/Dialect/Patches/IR/PatchesDialect.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <numeric>

using namespace mlir;

//===----------------------------------------------------------------------===//
// Divisibility of index values
//===----------------------------------------------------------------------===//

/// Known divisors: `d` means the value is a multiple of `d`; 0 means the
/// value is 0 (a multiple of everything); 1 means nothing is known.
static int64_t gcdDivisor(int64_t a, int64_t b) { return std::gcd(a, b); }

static int64_t mulDivisor(int64_t a, int64_t b) {
  int64_t product;
  if (llvm::MulOverflow(a, b, product))
    return std::max(a, b); // Still a divisor of the product.
  return product;
}

static int64_t knownDivisor(Value value, unsigned depth);

static int64_t knownDivisor(OpFoldResult ofr, unsigned depth) {
  if (std::optional<int64_t> c = getConstantIntValue(ofr))
    return *c == std::numeric_limits<int64_t>::min() ? 1 : std::abs(*c);
  return knownDivisor(cast<Value>(ofr), depth);
}

/// The divisor of `expr` over `operands`: each operand becomes its own
/// divisor times a fresh dim (0 where it is 0), and upstream's
/// `getLargestKnownDivisor` does the rest.
static int64_t knownDivisor(AffineExpr expr, ValueRange operands,
                            unsigned numDims, unsigned depth) {
  MLIRContext *ctx = expr.getContext();
  SmallVector<AffineExpr> dims, symbols;
  for (auto [i, operand] : llvm::enumerate(operands)) {
    int64_t divisor = knownDivisor(operand, depth);
    AffineExpr scaled = getAffineDimExpr(i, ctx) * divisor;
    (i < numDims ? dims : symbols).push_back(scaled);
  }
  int64_t divisor =
      expr.replaceDimsAndSymbols(dims, symbols).getLargestKnownDivisor();
  return divisor == std::numeric_limits<int64_t>::min() ? 1 : std::abs(divisor);
}

/// The largest number `value` is known to be a multiple of (0: it is 0).
/// Follows constants, induction variables of loops with known lower bounds
/// and steps (the value is lb + i * step), `affine.apply`, `arith.addi`,
/// `arith.subi` and `arith.muli`.
static int64_t knownDivisor(Value value, unsigned depth) {
  if (++depth > 16)
    return 1;
  if (std::optional<int64_t> c = getConstantIntValue(value))
    return *c == std::numeric_limits<int64_t>::min() ? 1 : std::abs(*c);

  if (auto arg = dyn_cast<BlockArgument>(value)) {
    auto loop =
        dyn_cast_or_null<LoopLikeOpInterface>(arg.getOwner()->getParentOp());
    if (!loop)
      return 1;
    std::optional<SmallVector<Value>> ivs = loop.getLoopInductionVars();
    std::optional<SmallVector<OpFoldResult>> lbs = loop.getLoopLowerBounds();
    std::optional<SmallVector<OpFoldResult>> steps = loop.getLoopSteps();
    if (!ivs || !lbs || !steps)
      return 1;
    for (auto [iv, lb, step] : llvm::zip_equal(*ivs, *lbs, *steps))
      if (iv == value)
        return gcdDivisor(knownDivisor(lb, depth), knownDivisor(step, depth));
    return 1;
  }

  Operation *op = value.getDefiningOp();
  if (auto apply = dyn_cast<affine::AffineApplyOp>(op)) {
    AffineMap map = apply.getAffineMap();
    return knownDivisor(map.getResult(0), apply.getMapOperands(),
                        map.getNumDims(), depth);
  }
  if (isa<arith::AddIOp, arith::SubIOp>(op))
    return gcdDivisor(knownDivisor(op->getOperand(0), depth),
                      knownDivisor(op->getOperand(1), depth));
  if (isa<arith::MulIOp>(op))
    return mulDivisor(knownDivisor(op->getOperand(0), depth),
                      knownDivisor(op->getOperand(1), depth));
  return 1;
}

//===----------------------------------------------------------------------===//
// The pattern
//===----------------------------------------------------------------------===//

namespace {

/// extract_slice(collapse_shape(%src)) -> collapse_shape(extract_slice(%src)),
/// group by group:
///  * a group with at most one dimension whose size is not 1 carries the
///    offset and size to that dimension;
///  * a group of static sizes [A0, ..., An] with a static slice size
///    s = Sk * A(k+1) * ... * An, Sk dividing Ak, and an offset that is a
///    multiple of s, becomes the box [1, ..., 1, Sk, A(k+1), ..., An] at
///    the offset delinearized into [A0, ..., Ak, A(k+1) * ... * An]. The
///    box lies inside the group: the offset in dimension k is a multiple of
///    Sk below Ak, and Sk divides Ak.
struct BubbleUpExtractSliceThroughCollapse
    : public OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ExtractSliceOp sliceOp,
                                PatternRewriter &rewriter) const override {
    auto collapse =
        sliceOp.getSource().getDefiningOp<tensor::CollapseShapeOp>();
    if (!collapse)
      return rewriter.notifyMatchFailure(sliceOp, "not a slice of a collapse");
    if (!sliceOp.hasUnitStride())
      return rewriter.notifyMatchFailure(sliceOp, "non-unit strides");
    if (sliceOp.getResultType().getRank() != sliceOp.getSourceType().getRank())
      return rewriter.notifyMatchFailure(sliceOp, "rank-reducing slice");

    Location loc = sliceOp.getLoc();
    ArrayRef<int64_t> srcShape = collapse.getSrcType().getShape();
    SmallVector<OpFoldResult> offsets = sliceOp.getMixedOffsets();
    SmallVector<OpFoldResult> sizes = sliceOp.getMixedSizes();
    SmallVector<ReassociationIndices> groups =
        collapse.getReassociationIndices();
    OpFoldResult zero = rewriter.getIndexAttr(0);
    OpFoldResult one = rewriter.getIndexAttr(1);

    // Check every group before creating anything.
    struct GroupPlan {
      int64_t carrier = -1; // Single non-unit dimension, or -1.
      int64_t k = -1;       // The partially sliced dimension (box case).
      int64_t outerSize = 1, innerSize = 1;
    };
    SmallVector<GroupPlan> plans;
    for (auto [group, offset, size] : llvm::zip_equal(groups, offsets, sizes)) {
      GroupPlan plan;
      SmallVector<int64_t> nonUnit;
      for (int64_t dim : group)
        if (srcShape[dim] != 1)
          nonUnit.push_back(dim);
      if (nonUnit.size() <= 1) {
        plan.carrier = nonUnit.empty() ? group.back() : nonUnit.front();
        plans.push_back(plan);
        continue;
      }
      std::optional<int64_t> s = getConstantIntValue(size);
      if (!s || *s <= 0)
        return rewriter.notifyMatchFailure(sliceOp, "dynamic or empty size");
      if (llvm::any_of(group, [&](int64_t dim) {
            return ShapedType::isDynamic(srcShape[dim]) || srcShape[dim] == 0;
          }))
        return rewriter.notifyMatchFailure(sliceOp, "dynamic or empty group");
      // The trailing dimensions the slice covers in full.
      int64_t inner = 1;
      int64_t k = static_cast<int64_t>(group.size()) - 1;
      for (; k >= 0; --k) {
        int64_t next;
        if (llvm::MulOverflow(inner, srcShape[group[k]], next) || *s % next)
          break;
        inner = next;
      }
      int64_t outer = *s / inner;
      if (k < 0 ? outer != 1 : srcShape[group[k]] % outer != 0)
        return rewriter.notifyMatchFailure(sliceOp, "slice not one box");
      if (knownDivisor(offset, 0) % *s != 0)
        return rewriter.notifyMatchFailure(sliceOp,
                                           "offset not a known multiple of "
                                           "the slice size");
      plan.k = k;
      plan.outerSize = outer;
      plan.innerSize = inner;
      plans.push_back(plan);
    }

    SmallVector<OpFoldResult> newOffsets, newSizes;
    for (auto [group, offset, size, plan] :
         llvm::zip_equal(groups, offsets, sizes, plans)) {
      if (plan.carrier >= 0) {
        for (int64_t dim : group) {
          newOffsets.push_back(dim == plan.carrier ? offset : zero);
          newSizes.push_back(dim == plan.carrier ? size : one);
        }
        continue;
      }
      // Delinearize the offset into the dimensions up to k (and the
      // covered trailing block, whose index is 0).
      SmallVector<OpFoldResult> dimOffsets;
      if (plan.k >= 0) {
        SmallVector<int64_t> basis;
        for (int64_t i = 0; i <= plan.k; ++i)
          basis.push_back(srcShape[group[i]]);
        if (plan.innerSize != 1)
          basis.push_back(plan.innerSize);
        Value linear = getValueOrCreateConstantIndexOp(rewriter, loc, offset);
        auto delinearized = affine::AffineDelinearizeIndexOp::create(
            rewriter, loc, linear, basis, /*hasOuterBound=*/true);
        for (int64_t i = 0; i <= plan.k; ++i)
          dimOffsets.push_back(delinearized.getResult(i));
      }
      for (auto [i, dim] : llvm::enumerate(group)) {
        int64_t pos = static_cast<int64_t>(i);
        if (pos < plan.k) {
          newOffsets.push_back(dimOffsets[pos]);
          newSizes.push_back(one);
        } else if (pos == plan.k) {
          newOffsets.push_back(dimOffsets[pos]);
          newSizes.push_back(rewriter.getIndexAttr(plan.outerSize));
        } else {
          newOffsets.push_back(zero);
          newSizes.push_back(rewriter.getIndexAttr(srcShape[dim]));
        }
      }
    }

    SmallVector<OpFoldResult> strides(newOffsets.size(), one);
    Value slice = tensor::ExtractSliceOp::create(
        rewriter, loc, collapse.getSrc(), newOffsets, newSizes, strides);
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        sliceOp, sliceOp.getResultType(), slice, groups);
    return success();
  }
};

} // namespace

void patches::populateBubbleUpExtractSliceThroughCollapsePatterns(
    RewritePatternSet &patterns) {
  patterns.add<BubbleUpExtractSliceThroughCollapse>(patterns.getContext());
}

//===----------------------------------------------------------------------===//
// The transform ops and their extension
//===----------------------------------------------------------------------===//

void patches::transform::ApplyBubbleUpExtractSliceThroughCollapsePatternsOp::
    populatePatterns(RewritePatternSet &patterns) {
  patches::populateBubbleUpExtractSliceThroughCollapsePatterns(patterns);
}

DiagnosedSilenceableFailure
patches::transform::ConvertConvToPatchesOp::applyToOne(
    mlir::transform::TransformRewriter &rewriter, linalg::LinalgOp target,
    mlir::transform::ApplyToEachResultList &results,
    mlir::transform::TransformState &state) {
  std::string why;
  if (!patches::isConvolutionCandidate(target))
    why = "not a convolution";
  FailureOr<patches::ConvToPatchesResult> converted =
      why.empty() ? patches::convertConvToPatches(rewriter, target, &why)
                  : FailureOr<patches::ConvToPatchesResult>(failure());
  if (failed(converted)) {
    DiagnosedSilenceableFailure diag = emitSilenceableError()
                                       << "could not rewrite the convolution "
                                          "to patches.extract: "
                                       << why;
    diag.attachNote(target.getLoc()) << "target op";
    return diag;
  }
  results.push_back(converted->extract);
  results.push_back(converted->contraction);
  return DiagnosedSilenceableFailure::success();
}

#define GET_OP_CLASSES
#include "patches/Dialect/Patches/TransformOps/PatchesTransformOps.cpp.inc"

namespace {

class PatchesTransformDialectExtension
    : public mlir::transform::TransformDialectExtension<
          PatchesTransformDialectExtension> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(PatchesTransformDialectExtension)

  using Base::Base;

  void init() {
    declareGeneratedDialect<affine::AffineDialect>();
    declareGeneratedDialect<arith::ArithDialect>();
    declareGeneratedDialect<linalg::LinalgDialect>();
    declareGeneratedDialect<patches::PatchesDialect>();
    declareGeneratedDialect<tensor::TensorDialect>();
    registerTransformOps<
#define GET_OP_LIST
#include "patches/Dialect/Patches/TransformOps/PatchesTransformOps.cpp.inc"
        >();
  }
};

} // namespace

void patches::registerTransformDialectExtension(DialectRegistry &registry) {
  registry.addExtensions<PatchesTransformDialectExtension>();
}
