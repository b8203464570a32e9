//===- LinalgConvToPatches.cpp - Convolutions as patches + GEMM -----------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A convolution is an im2col followed by a contraction. This file rewrites
// the convolutions of linalg (named or generic) on tensors into
//
//   x  --(collapse/expand: groups, unit dims)-->  X
//   P  = patches.extract X   (dimension numbers: X's own layout)
//   P' = expand/collapse P   (the feature dimension split into [G,] R)
//   W' = collapse(transpose(w))  (the filter in the patches' feature order)
//   y  = contraction(P', W')  (matmul-like where the layouts allow)
//
// The analysis classifies the convolution's loops by the operands they
// index (as linalg::inferConvolutionDims does):
//
//   batch           input, output          (n)
//   depth (group)   input, filter, output  (g; c of a depthwise conv)
//   output channel  filter, output         (f; m of a channel multiplier)
//   input channel   input, filter          (c, a reduction)
//   output image    output, and input in `s * o + d * k`
//   filter loop     filter, and input in `s * o + d * k` (a reduction)
//
// The extraction's input X is the convolution's input with its depth and
// input-channel dimensions (adjacent, depth first) collapsed into `C` and a
// unit `N` or `C` added where the convolution has none. Its result has X's
// layout with `C` replaced by the features, f = c * K + k (c the channel
// index in X, k the row-major window position in the input's spatial
// order), and the spatial dimensions by the output's. So the reduction runs
// over R = Cin * K with the input channel major, and the filter is
// transposed (once) to [depth][out channel](input channel, k...)[out
// channel] and collapsed so.
//
// The contraction has the convolution's parallel loops and one reduction
// loop r over R. It is `linalg.matmul` / `batch_matmul` (or their quantized
// forms for the `_q` convolutions) where every operand, ignoring unit
// dimensions, is [M, R] x [R, F] -> [M, F] or [F, R] x [R, M] -> [F, M]
// (with a leading group dimension: the batch forms), and otherwise a
// `linalg.generic` that holds the convolution's own payload (copied, so
// every cast and zero point is the original's).
//
// Integer results are exact (sums of the same products, modulo 2^n); float
// results agree up to the reassociation of the sums.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/LinalgConvToPatches/LinalgConvToPatches.h"
#include "patches/Dialect/Patches/IR/PatchesAttrs.h"
#include "patches/Dialect/Patches/IR/PatchesGeometry.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

namespace patches {
#define GEN_PASS_DEF_CONVERTLINALGCONVTOPATCHES
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

namespace {

/// What a loop of the convolution is (see the file comment).
enum class LoopKind {
  Batch,
  Depth,
  OutputChannel,
  InputChannel,
  OutputImage,
  FilterLoop
};

/// One spatial dimension of the input: `stride * outputLoop + dilation *
/// filterLoop`.
struct SpatialDim {
  unsigned inputDim;
  unsigned outputLoop;
  unsigned filterLoop;
  int64_t stride;
  int64_t dilation;
};

/// Which contraction a named convolution's payload allows.
enum class NamedPayload {
  /// A `linalg.generic`: only its own payload, copied, is known right.
  None,
  /// out + cast_signed(x) * cast_signed(w): `linalg.matmul`'s.
  CastSigned,
  /// out + (cast_signed(x) - zx) * (cast_signed(w) - zw):
  /// `linalg.quantized_matmul`'s.
  Quantized
};

/// One dimension of the extraction's input X: `N`, `C` or spatial, and the
/// convolution input's dimensions it holds (none for an added unit one).
struct XDim {
  char kind; // 'N', 'C' or 'S'
  SmallVector<int64_t, 2> inputDims;
  int64_t spatial = -1; // index into ConvPlan::spatial for 'S'
};

/// Everything the rewrite needs, found before anything is built.
struct ConvPlan {
  linalg::LinalgOp op;
  NamedPayload payload = NamedPayload::None;
  SmallVector<LoopKind> loopKinds;
  SmallVector<int64_t> loopSizes;
  std::optional<unsigned> batch, depth, inputChannel, outputChannel;
  /// In the input's order, which is the canonical spatial order.
  SmallVector<SpatialDim> spatial;
  /// The convolution's input with an absorbed tensor.pad looked through.
  Value input;
  /// Per spatial dimension: the absorbed low padding.
  SmallVector<int64_t> padLow;
  /// The dimensions of the extraction's input, in order.
  SmallVector<XDim> xDims;
  /// The extraction's clauses.
  SmallVector<int64_t> filterShape, strides, dilations, padHigh;
};

} // namespace

/// `expr` as `dim * coefficient` (or `dim`).
static std::optional<std::pair<unsigned, int64_t>>
matchScaledDim(AffineExpr expr) {
  if (auto dim = dyn_cast<AffineDimExpr>(expr))
    return std::make_pair(dim.getPosition(), int64_t{1});
  auto mul = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!mul || mul.getKind() != AffineExprKind::Mul)
    return std::nullopt;
  AffineExpr lhs = mul.getLHS(), rhs = mul.getRHS();
  if (isa<AffineConstantExpr>(lhs))
    std::swap(lhs, rhs);
  auto dim = dyn_cast<AffineDimExpr>(lhs);
  auto coefficient = dyn_cast<AffineConstantExpr>(rhs);
  if (!dim || !coefficient)
    return std::nullopt;
  return std::make_pair(dim.getPosition(), coefficient.getValue());
}

/// Whether `value` is a constant zero that `patches.extract`'s padding
/// reproduces: an integer 0 or a float +0.0.
static bool isPaddingZero(Value value) {
  return matchPattern(value, m_Zero()) || matchPattern(value, m_PosZeroFloat());
}

/// Whether the op's payload is out + a * b with a and b computed from the
/// other operands only (never from the output), and reads no loop index.
static LogicalResult checkMultiplyAccumulate(linalg::LinalgOp op,
                                             std::string &why) {
  Block *body = op.getBlock();
  if (!body->getOps<linalg::IndexOp>().empty()) {
    why = "the payload reads loop indices (linalg.index)";
    return failure();
  }
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  BlockArgument outArg = body->getArguments().back();
  Operation *add = yield.getNumOperands() == 1
                       ? yield.getOperand(0).getDefiningOp()
                       : nullptr;
  if (!add || !isa<arith::AddIOp, arith::AddFOp>(add)) {
    why = "the payload is not a multiply-accumulate (no addition yielded)";
    return failure();
  }
  Value product;
  if (add->getOperand(0) == outArg)
    product = add->getOperand(1);
  else if (add->getOperand(1) == outArg)
    product = add->getOperand(0);
  Operation *mul = product ? product.getDefiningOp() : nullptr;
  if (!mul || !isa<arith::MulIOp, arith::MulFOp>(mul)) {
    why = "the payload is not a multiply-accumulate (the output is not "
          "added to a product)";
    return failure();
  }
  // The product must not depend on the output (an accumulation that is
  // not a plain sum would not survive reassociation).
  SmallVector<Value> worklist(mul->getOperands());
  llvm::SmallPtrSet<Operation *, 8> seen;
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (v == outArg) {
      why = "the payload's product reads the output";
      return failure();
    }
    Operation *def = v.getDefiningOp();
    if (!def || def->getBlock() != body || !seen.insert(def).second)
      continue;
    if (!isPure(def) || def->getNumRegions() != 0) {
      why = "the payload has an op with side effects or regions";
      return failure();
    }
    llvm::append_range(worklist, def->getOperands());
  }
  return success();
}

static NamedPayload getNamedPayload(Operation *op) {
  if (isa<linalg::Conv1DOp, linalg::Conv2DOp, linalg::Conv3DOp,
          linalg::Conv1DNwcWcfOp, linalg::Conv1DNcwFcwOp,
          linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNhwcFhwcOp,
          linalg::Conv2DNchwFchwOp, linalg::Conv2DNgchwFgchwOp,
          linalg::Conv2DNgchwGfchwOp, linalg::Conv2DNhwgcGfhwcOp,
          linalg::Conv3DNdhwcDhwcfOp, linalg::Conv3DNcdhwFcdhwOp,
          linalg::DepthwiseConv1DNwcWcOp, linalg::DepthwiseConv1DNcwCwOp,
          linalg::DepthwiseConv1DNwcWcmOp, linalg::DepthwiseConv2DNhwcHwcOp,
          linalg::DepthwiseConv2DNchwChwOp, linalg::DepthwiseConv2DNhwcHwcmOp,
          linalg::DepthwiseConv3DNdhwcDhwcOp,
          linalg::DepthwiseConv3DNcdhwCdhwOp,
          linalg::DepthwiseConv3DNdhwcDhwcmOp>(op))
    return NamedPayload::CastSigned;
  if (isa<linalg::Conv2DNhwcHwcfQOp, linalg::Conv2DNhwcFhwcQOp,
          linalg::Conv2DNchwFchwQOp, linalg::Conv2DNhwgcGfhwcQOp,
          linalg::Conv2DNgchwGfchwQOp, linalg::Conv3DNdhwcDhwcfQOp,
          linalg::DepthwiseConv2DNhwcHwcQOp,
          linalg::DepthwiseConv2DNhwcHwcmQOp>(op))
    return NamedPayload::Quantized;
  return NamedPayload::None;
}

bool patches::isConvolutionCandidate(Operation *op) {
  if (isa<linalg::ConvolutionOpInterface>(op))
    return true;
  auto generic = dyn_cast<linalg::GenericOp>(op);
  return generic && linalg::isaConvolutionOpInterface(generic);
}

/// The names of the spatial dimensions in the dimension numbers.
static char spatialName(int64_t j, int64_t n) {
  static constexpr StringLiteral kClassic = "DHW";
  static constexpr StringLiteral kMore = "ABDEFGHJKLMPQRSTUVWXYZ";
  if (n <= 3)
    return kClassic[3 - n + j];
  return kMore[j];
}

static FailureOr<ConvPlan> analyze(linalg::LinalgOp op, std::string &why) {
  auto fail = [&](const Twine &reason) -> FailureOr<ConvPlan> {
    why = reason.str();
    return failure();
  };
  if (!isConvolutionCandidate(op))
    return fail("not a convolution");
  if (!op.hasPureTensorSemantics())
    return fail("it operates on buffers, not tensors");
  if (op.getNumDpsInits() != 1 || op->getNumResults() != 1)
    return fail("it has more than one output");
  if (op.getNumDpsInputs() < 2)
    return fail("it has no filter operand");
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<ShapedType>(operand.get().getType());
    if (type && !(isa<RankedTensorType>(type) && type.hasStaticShape()))
      return fail("it has dynamic shapes");
  }
  if (failed(checkMultiplyAccumulate(op, why)))
    return failure();

  ConvPlan plan;
  plan.op = op;
  plan.payload = getNamedPayload(op);
  OpOperand *inputOperand = op.getDpsInputOperand(0);
  OpOperand *filterOperand = op.getDpsInputOperand(1);
  OpOperand *outputOperand = op.getDpsInitOperand(0);
  for (int64_t i = 2, e = op.getNumDpsInputs(); i < e; ++i)
    if (op.getMatchingIndexingMap(op.getDpsInputOperand(i)).getNumResults())
      return fail("an operand besides the input and the filter is not a "
                  "scalar");
  AffineMap inputMap = op.getMatchingIndexingMap(inputOperand);
  AffineMap filterMap = op.getMatchingIndexingMap(filterOperand);
  AffineMap outputMap = op.getMatchingIndexingMap(outputOperand);
  if (!filterMap.isProjectedPermutation() ||
      !outputMap.isProjectedPermutation())
    return fail("the filter or the output is not indexed by loops alone");

  unsigned numLoops = op.getNumLoops();
  plan.loopSizes = op.getStaticLoopRanges();
  SmallVector<bool> inFilter(numLoops, false), inOutput(numLoops, false);
  for (AffineExpr e : filterMap.getResults())
    inFilter[cast<AffineDimExpr>(e).getPosition()] = true;
  for (AffineExpr e : outputMap.getResults())
    inOutput[cast<AffineDimExpr>(e).getPosition()] = true;

  // The input's dimensions: loops alone, or `s * o + d * k`.
  SmallVector<int> uses(numLoops, 0);
  SmallVector<std::optional<LoopKind>> kinds(numLoops);
  SmallVector<int64_t> inputLoop; // per input dim; -1 for spatial
  for (auto [i, expr] : llvm::enumerate(inputMap.getResults())) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      unsigned l = dim.getPosition();
      ++uses[l];
      if (inFilter[l] && inOutput[l])
        kinds[l] = LoopKind::Depth;
      else if (inOutput[l])
        kinds[l] = LoopKind::Batch;
      else if (inFilter[l])
        kinds[l] = LoopKind::InputChannel;
      else
        return fail("an input dimension is indexed by a loop of the input "
                    "alone");
      inputLoop.push_back(l);
      continue;
    }
    auto add = dyn_cast<AffineBinaryOpExpr>(expr);
    std::optional<std::pair<unsigned, int64_t>> a, b;
    if (add && add.getKind() == AffineExprKind::Add) {
      a = matchScaledDim(add.getLHS());
      b = matchScaledDim(add.getRHS());
    }
    if (!a || !b)
      return fail("an input dimension is not a loop or `stride * o + "
                  "dilation * k`");
    if (inFilter[a->first])
      std::swap(a, b);
    if (!inOutput[a->first] || inFilter[a->first] || !inFilter[b->first] ||
        inOutput[b->first])
      return fail("an input dimension is not an output position plus a "
                  "filter position");
    if (a->second < 1 || b->second < 1)
      return fail("a stride or dilation is below 1");
    ++uses[a->first];
    ++uses[b->first];
    kinds[a->first] = LoopKind::OutputImage;
    kinds[b->first] = LoopKind::FilterLoop;
    plan.spatial.push_back(
        {static_cast<unsigned>(i), a->first, b->first, a->second, b->second});
    inputLoop.push_back(-1);
  }
  if (plan.spatial.empty())
    return fail("it has no spatial dimension");
  for (unsigned l = 0; l < numLoops; ++l) {
    if (!kinds[l]) {
      if (inFilter[l] && inOutput[l]) {
        kinds[l] = LoopKind::OutputChannel;
        continue;
      }
      return fail("a loop is not a convolution dimension");
    }
    if (uses[l] != 1)
      return fail("a loop indexes the input more than once");
  }
  auto setUnique = [&](std::optional<unsigned> &slot, unsigned l) {
    if (slot)
      return false;
    slot = l;
    return true;
  };
  for (unsigned l = 0; l < numLoops; ++l) {
    plan.loopKinds.push_back(*kinds[l]);
    bool unique = true;
    switch (*kinds[l]) {
    case LoopKind::Batch:
      unique = setUnique(plan.batch, l);
      break;
    case LoopKind::Depth:
      unique = setUnique(plan.depth, l);
      break;
    case LoopKind::OutputChannel:
      unique = setUnique(plan.outputChannel, l);
      break;
    case LoopKind::InputChannel:
      unique = setUnique(plan.inputChannel, l);
      break;
    default:
      break;
    }
    if (!unique)
      return fail("it has more than one batch, group, input-channel or "
                  "output-channel dimension");
  }

  // The extraction's input: the channel group (depth, then input channel)
  // must be adjacent; unit N and C where the convolution has none.
  int64_t channelX = -1;
  for (auto [i, l] : llvm::enumerate(inputLoop)) {
    if (l < 0) {
      auto it = llvm::find_if(
          plan.spatial, [&](const SpatialDim &s) { return s.inputDim == i; });
      plan.xDims.push_back({'S',
                            {static_cast<int64_t>(i)},
                            std::distance(plan.spatial.begin(), it)});
      continue;
    }
    if (plan.loopKinds[l] == LoopKind::Batch) {
      plan.xDims.push_back({'N', {static_cast<int64_t>(i)}});
      continue;
    }
    if (channelX < 0) {
      channelX = plan.xDims.size();
      plan.xDims.push_back({'C', {static_cast<int64_t>(i)}});
      continue;
    }
    if (channelX != static_cast<int64_t>(plan.xDims.size()) - 1)
      return fail("the input's group and channel dimensions are not "
                  "adjacent");
    if (plan.loopKinds[l] != LoopKind::InputChannel)
      return fail("the input's group dimension follows its channel "
                  "dimension");
    plan.xDims[channelX].inputDims.push_back(i);
  }
  if (!plan.batch)
    plan.xDims.insert(plan.xDims.begin(), XDim{'N', {}});
  if (channelX < 0)
    plan.xDims.push_back({'C', {}});

  // A tensor.pad of the spatial dimensions with a constant zero is the
  // extraction's padding.
  int64_t n = plan.spatial.size();
  plan.input = inputOperand->get();
  plan.padLow.assign(n, 0);
  if (auto pad = plan.input.getDefiningOp<tensor::PadOp>()) {
    Value padValue = pad.getConstantPaddingValue();
    if (!padValue || !isPaddingZero(padValue))
      return fail("its input is a tensor.pad whose padding value is not a "
                  "constant zero");
    SmallVector<int64_t> low = llvm::to_vector(pad.getStaticLow());
    SmallVector<int64_t> high = llvm::to_vector(pad.getStaticHigh());
    bool spatialOnly = !ShapedType::isDynamicShape(low) &&
                       !ShapedType::isDynamicShape(high) &&
                       pad.getSourceType().hasStaticShape();
    for (auto [i, l] : llvm::enumerate(inputLoop))
      if (l >= 0 && (low[i] != 0 || high[i] != 0))
        spatialOnly = false;
    // Otherwise the pad stays and the extraction reads its result.
    if (spatialOnly) {
      plan.input = pad.getSource();
      for (auto [j, s] : llvm::enumerate(plan.spatial))
        plan.padLow[j] = low[s.inputDim];
    }
  }

  // The clauses: the high padding makes the extraction's output exactly
  // the convolution's (a convolution may use fewer windows than fit).
  ArrayRef<int64_t> inputShape =
      cast<RankedTensorType>(plan.input.getType()).getShape();
  for (auto [j, s] : llvm::enumerate(plan.spatial)) {
    int64_t k = plan.loopSizes[s.filterLoop];
    int64_t o = plan.loopSizes[s.outputLoop];
    int64_t window = (k - 1) * s.dilation + 1;
    if (k < 1 || o < 1)
      return fail("it has an empty window or output");
    plan.filterShape.push_back(k);
    plan.strides.push_back(s.stride);
    plan.dilations.push_back(s.dilation);
    plan.padHigh.push_back((o - 1) * s.stride + window -
                           inputShape[s.inputDim] - plan.padLow[j]);
  }
  return plan;
}

/// The extraction's input type and its dimension numbers.
static std::pair<RankedTensorType, DimensionNumbersAttr>
getExtractInput(const ConvPlan &plan) {
  auto inputType = cast<RankedTensorType>(plan.input.getType());
  int64_t n = plan.spatial.size();
  SmallVector<int64_t> shape;
  std::string lhs, rhs;
  for (const XDim &d : plan.xDims) {
    int64_t size = 1;
    for (int64_t i : d.inputDims)
      size *= inputType.getDimSize(i);
    shape.push_back(size);
    lhs.push_back(d.kind == 'S' ? spatialName(d.spatial, n) : d.kind);
  }
  for (int64_t j = 0; j < n; ++j)
    rhs.push_back(spatialName(j, n));
  rhs += "IO";
  MLIRContext *ctx = plan.op->getContext();
  return {RankedTensorType::get(shape, inputType.getElementType()),
          DimensionNumbersAttr::get(ctx, lhs, rhs, lhs)};
}

static PaddingAttr getPadding(MLIRContext *ctx, const ConvPlan &plan) {
  if (llvm::all_of(plan.padLow, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(plan.padHigh, [](int64_t p) { return p == 0; }))
    return PaddingAttr::get(ctx, PaddingKind::Valid);
  return PaddingAttr::get(ctx, plan.padLow, plan.padHigh);
}

/// The expected result shape of the extraction.
static SmallVector<int64_t> getPatchesShape(const ConvPlan &plan,
                                            ArrayRef<int64_t> xShape) {
  int64_t windowSize = 1;
  for (int64_t k : plan.filterShape)
    windowSize *= k;
  SmallVector<int64_t> shape;
  for (auto [d, size] : llvm::zip_equal(plan.xDims, xShape)) {
    if (d.kind == 'N')
      shape.push_back(size);
    else if (d.kind == 'C')
      shape.push_back(size * windowSize);
    else
      shape.push_back(plan.loopSizes[plan.spatial[d.spatial].outputLoop]);
  }
  return shape;
}

LogicalResult patches::canConvertConvToPatches(linalg::LinalgOp op,
                                               std::string *why) {
  std::string reason;
  FailureOr<ConvPlan> plan = analyze(op, reason);
  if (succeeded(plan)) {
    auto [xType, dimensionNumbers] = getExtractInput(*plan);
    SmallVector<int64_t> noLhsDilation(plan->filterShape.size(), 1);
    ExtractClauses clauses{plan->filterShape,
                           plan->strides,
                           getPadding(op->getContext(), *plan),
                           ArrayRef<int64_t>(noLhsDilation),
                           ArrayRef<int64_t>(plan->dilations),
                           dimensionNumbers};
    FailureOr<ExtractGeometry> geometry =
        ExtractGeometry::computeQuietly(clauses, xType.getShape());
    if (failed(geometry) ||
        geometry->getResultShape() !=
            ArrayRef<int64_t>(getPatchesShape(*plan, xType.getShape()))) {
      reason = "the extraction would not be a valid patches.extract";
      plan = failure();
    }
  }
  if (failed(plan) && why)
    *why = reason;
  return success(succeeded(plan));
}

/// The reassociation that inserts (or, read the other way, drops) unit
/// dimensions: each dimension of the larger rank that `inserted` marks
/// joins the group of the next other dimension (the previous one at the
/// end).
static SmallVector<ReassociationIndices>
unitDimReassociation(ArrayRef<bool> inserted) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (auto [i, isInserted] : llvm::enumerate(inserted)) {
    pending.push_back(i);
    if (!isInserted) {
      groups.push_back(pending);
      pending.clear();
    }
  }
  if (!pending.empty())
    llvm::append_range(groups.back(), pending);
  return groups;
}

static bool isTrivial(ArrayRef<ReassociationIndices> groups) {
  return llvm::all_of(
      groups, [](const ReassociationIndices &g) { return g.size() == 1; });
}

static Value collapse(RewriterBase &rewriter, Location loc, Value value,
                      ArrayRef<ReassociationIndices> groups) {
  if (isTrivial(groups))
    return value;
  return tensor::CollapseShapeOp::create(rewriter, loc, value, groups);
}

static Value expand(RewriterBase &rewriter, Location loc, Value value,
                    RankedTensorType type,
                    ArrayRef<ReassociationIndices> groups) {
  if (isTrivial(groups))
    return value;
  return tensor::ExpandShapeOp::create(rewriter, loc, type, value, groups);
}

namespace {

/// A contraction operand: its value and, per dimension, the contraction
/// loop that indexes it.
struct ContractionOperand {
  Value value;
  SmallVector<unsigned> loops;
};

/// The class of a contraction loop for the matmul forms.
enum class GemmClass { M, F, G, R };

} // namespace

/// Groups the dimensions of `operand` into the classes of `pattern`, in
/// that order, ignoring unit dimensions (which join a neighbour's group).
/// Returns the reassociation and, in `order`, the non-unit loops in order.
static std::optional<SmallVector<ReassociationIndices>>
groupByClass(const ContractionOperand &operand, ArrayRef<int64_t> loopSizes,
             ArrayRef<GemmClass> classes, ArrayRef<GemmClass> pattern,
             SmallVector<unsigned> &order) {
  // First with every dimension in its own class's group (a unit output
  // channel still makes an [M, R] x [R, 1] matmul).
  {
    SmallVector<ReassociationIndices> groups(pattern.size());
    size_t current = 0;
    bool inOrder = true;
    for (auto [i, loop] : llvm::enumerate(operand.loops)) {
      while (current < pattern.size() && pattern[current] != classes[loop])
        ++current;
      if (current == pattern.size()) {
        inOrder = false;
        break;
      }
      groups[current].push_back(i);
      if (loopSizes[loop] != 1)
        order.push_back(loop);
    }
    if (inOrder && llvm::none_of(groups, [](const ReassociationIndices &g) {
          return g.empty();
        }))
      return groups;
    order.clear();
  }
  // Then ignoring unit dimensions, which may sit anywhere.
  SmallVector<ReassociationIndices> groups(pattern.size());
  size_t current = 0;
  SmallVector<int64_t> leadingUnits;
  bool any = false;
  for (auto [i, loop] : llvm::enumerate(operand.loops)) {
    if (loopSizes[loop] == 1) {
      if (any)
        groups[current].push_back(i);
      else
        leadingUnits.push_back(i);
      continue;
    }
    GemmClass cls = classes[loop];
    while (current < pattern.size() && pattern[current] != cls)
      ++current;
    if (current == pattern.size())
      return std::nullopt;
    if (!any)
      groups[current].append(leadingUnits.begin(), leadingUnits.end());
    any = true;
    groups[current].push_back(i);
    order.push_back(loop);
  }
  for (const ReassociationIndices &g : groups)
    if (g.empty())
      return std::nullopt;
  // Contiguous by construction only if no group was skipped in between.
  int64_t next = 0;
  for (const ReassociationIndices &g : groups)
    for (int64_t i : g)
      if (i != next++)
        return std::nullopt;
  return groups;
}

/// Tries the matmul forms; returns the contraction's result or null.
static Value tryGemm(RewriterBase &rewriter, Location loc, const ConvPlan &plan,
                     ArrayRef<int64_t> loopSizes, ArrayRef<GemmClass> classes,
                     ContractionOperand patches, ContractionOperand filter,
                     ContractionOperand output, ValueRange zeroPoints,
                     linalg::LinalgOp &contraction) {
  if (plan.payload == NamedPayload::None || !plan.outputChannel)
    return {};
  using C = GemmClass;
  struct Form {
    SmallVector<C> lhs, rhs, out;
    bool patchesFirst;
  };
  SmallVector<Form> forms;
  if (plan.depth) {
    forms.push_back(
        {{C::G, C::F, C::R}, {C::G, C::R, C::M}, {C::G, C::F, C::M}, false});
    forms.push_back(
        {{C::G, C::M, C::R}, {C::G, C::R, C::F}, {C::G, C::M, C::F}, true});
  } else {
    forms.push_back({{C::M, C::R}, {C::R, C::F}, {C::M, C::F}, true});
    forms.push_back({{C::F, C::R}, {C::R, C::M}, {C::F, C::M}, false});
  }
  for (const Form &form : forms) {
    const ContractionOperand &lhs = form.patchesFirst ? patches : filter;
    const ContractionOperand &rhs = form.patchesFirst ? filter : patches;
    SmallVector<unsigned> lhsOrder, rhsOrder, outOrder;
    auto lhsGroups = groupByClass(lhs, loopSizes, classes, form.lhs, lhsOrder);
    auto rhsGroups = groupByClass(rhs, loopSizes, classes, form.rhs, rhsOrder);
    auto outGroups =
        groupByClass(output, loopSizes, classes, form.out, outOrder);
    if (!lhsGroups || !rhsGroups || !outGroups)
      continue;
    // The M (and G) loops must run in the same order in the patches and
    // the output.
    auto filtered = [&](ArrayRef<unsigned> loops, C cls) {
      SmallVector<unsigned> result;
      for (unsigned l : loops)
        if (classes[l] == cls)
          result.push_back(l);
      return result;
    };
    SmallVector<unsigned> patchesOrder =
        form.patchesFirst ? lhsOrder : rhsOrder;
    if (filtered(patchesOrder, C::M) != filtered(outOrder, C::M))
      continue;
    Value a = collapse(rewriter, loc, lhs.value, *lhsGroups);
    Value b = collapse(rewriter, loc, rhs.value, *rhsGroups);
    Value init = collapse(rewriter, loc, output.value, *outGroups);
    SmallVector<Value> zps(zeroPoints);
    if (!form.patchesFirst && zps.size() == 2)
      std::swap(zps[0], zps[1]);
    Type resultType = init.getType();
    bool batched = plan.depth.has_value();
    if (plan.payload == NamedPayload::Quantized) {
      SmallVector<Value> inputs = {a, b, zps[0], zps[1]};
      if (batched)
        contraction = linalg::QuantizedBatchMatmulOp::create(
            rewriter, loc, TypeRange{resultType}, inputs, ValueRange{init});
      else
        contraction = linalg::QuantizedMatmulOp::create(
            rewriter, loc, TypeRange{resultType}, inputs, ValueRange{init});
    } else if (batched) {
      contraction =
          linalg::BatchMatmulOp::create(rewriter, loc, TypeRange{resultType},
                                        ValueRange{a, b}, ValueRange{init});
    } else {
      contraction =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{resultType},
                                   ValueRange{a, b}, ValueRange{init});
    }
    return expand(rewriter, loc, contraction->getResult(0),
                  cast<RankedTensorType>(output.value.getType()), *outGroups);
  }
  return {};
}

FailureOr<ConvToPatchesResult>
patches::convertConvToPatches(RewriterBase &rewriter, linalg::LinalgOp op,
                              std::string *why) {
  if (failed(canConvertConvToPatches(op, why)))
    return failure();
  std::string ignored;
  ConvPlan plan = *analyze(op, ignored);
  Location loc = op.getLoc();
  MLIRContext *ctx = op->getContext();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);

  // x -> X: collapse the channel group, then add unit N / C.
  auto [xType, dimensionNumbers] = getExtractInput(plan);
  SmallVector<ReassociationIndices> channelGroups;
  SmallVector<bool> inserted;
  for (const XDim &d : plan.xDims) {
    inserted.push_back(d.inputDims.empty());
    if (!d.inputDims.empty())
      channelGroups.push_back(ReassociationIndices(d.inputDims));
  }
  Value x = collapse(rewriter, loc, plan.input, channelGroups);
  x = expand(rewriter, loc, x, xType, unitDimReassociation(inserted));

  auto extract = ExtractOp::create(
      rewriter, loc, x, plan.filterShape, plan.strides, getPadding(ctx, plan),
      /*lhsDilation=*/{},
      llvm::all_of(plan.dilations, [](int64_t d) { return d == 1; })
          ? ArrayRef<int64_t>()
          : ArrayRef<int64_t>(plan.dilations),
      dimensionNumbers);

  // The contraction's loops: the convolution's parallel loops in their
  // order, then r.
  SmallVector<int64_t> newLoop(plan.loopKinds.size(), -1);
  SmallVector<int64_t> loopSizes;
  SmallVector<GemmClass> classes;
  for (auto [l, kind] : llvm::enumerate(plan.loopKinds)) {
    if (kind == LoopKind::InputChannel || kind == LoopKind::FilterLoop)
      continue;
    newLoop[l] = loopSizes.size();
    loopSizes.push_back(plan.loopSizes[l]);
    classes.push_back(kind == LoopKind::Depth           ? GemmClass::G
                      : kind == LoopKind::OutputChannel ? GemmClass::F
                                                        : GemmClass::M);
  }
  unsigned rLoop = loopSizes.size();
  int64_t reduction =
      plan.inputChannel ? plan.loopSizes[*plan.inputChannel] : 1;
  for (int64_t k : plan.filterShape)
    reduction *= k;
  loopSizes.push_back(reduction);
  classes.push_back(GemmClass::R);

  // P -> P': split the features into [G, R]; drop an added unit N.
  ContractionOperand patches;
  {
    auto pType = cast<RankedTensorType>(extract.getType());
    SmallVector<int64_t> splitShape;
    SmallVector<ReassociationIndices> split;
    SmallVector<bool> droppedN;
    for (auto [d, size] : llvm::zip_equal(plan.xDims, pType.getShape())) {
      ReassociationIndices group;
      if (d.kind == 'C' && plan.depth) {
        group = {static_cast<int64_t>(splitShape.size()),
                 static_cast<int64_t>(splitShape.size()) + 1};
        splitShape.push_back(plan.loopSizes[*plan.depth]);
        splitShape.push_back(reduction);
        patches.loops.push_back(newLoop[*plan.depth]);
        patches.loops.push_back(rLoop);
        droppedN.append({false, false});
      } else {
        group = {static_cast<int64_t>(splitShape.size())};
        splitShape.push_back(size);
        if (d.kind == 'C')
          patches.loops.push_back(rLoop);
        else if (d.kind == 'S')
          patches.loops.push_back(newLoop[plan.spatial[d.spatial].outputLoop]);
        else if (plan.batch)
          patches.loops.push_back(newLoop[*plan.batch]);
        droppedN.push_back(d.kind == 'N' && !plan.batch);
      }
      split.push_back(group);
    }
    Value p = expand(rewriter, loc, extract,
                     RankedTensorType::get(splitShape, pType.getElementType()),
                     split);
    patches.value = collapse(rewriter, loc, p, unitDimReassociation(droppedN));
  }

  // w -> W': [G][F if first](C, k...)[F if last].
  ContractionOperand filter;
  {
    Value w = op.getDpsInputOperand(1)->get();
    auto wType = cast<RankedTensorType>(w.getType());
    AffineMap filterMap = op.getMatchingIndexingMap(op.getDpsInputOperand(1));
    AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
    auto dimOf = [&](unsigned loop) -> int64_t {
      for (auto [i, e] : llvm::enumerate(filterMap.getResults()))
        if (cast<AffineDimExpr>(e).getPosition() == loop)
          return i;
      llvm_unreachable("loop not in the filter");
    };
    bool outputChannelLast =
        plan.outputChannel &&
        cast<AffineDimExpr>(outputMap.getResults().back()).getPosition() ==
            *plan.outputChannel;
    SmallVector<int64_t> perm;
    SmallVector<ReassociationIndices> groups;
    auto single = [&](unsigned loop) {
      groups.push_back({static_cast<int64_t>(perm.size())});
      perm.push_back(dimOf(loop));
      filter.loops.push_back(newLoop[loop]);
    };
    if (plan.depth)
      single(*plan.depth);
    if (plan.outputChannel && !outputChannelLast)
      single(*plan.outputChannel);
    ReassociationIndices reductionGroup;
    if (plan.inputChannel) {
      reductionGroup.push_back(perm.size());
      perm.push_back(dimOf(*plan.inputChannel));
    }
    for (const SpatialDim &s : plan.spatial) {
      reductionGroup.push_back(perm.size());
      perm.push_back(dimOf(s.filterLoop));
    }
    groups.push_back(reductionGroup);
    filter.loops.push_back(rLoop);
    if (plan.outputChannel && outputChannelLast)
      single(*plan.outputChannel);
    SmallVector<int64_t> shape;
    for (int64_t i : perm)
      shape.push_back(wType.getDimSize(i));
    DenseElementsAttr constant;
    if (matchPattern(w, m_Constant(&constant))) {
      // A constant filter: the transposed, collapsed constant itself.
      SmallVector<int64_t> collapsedShape;
      for (const ReassociationIndices &group : groups) {
        int64_t size = 1;
        for (int64_t i : group)
          size *= shape[i];
        collapsedShape.push_back(size);
      }
      auto type = RankedTensorType::get(collapsedShape, wType.getElementType());
      DenseElementsAttr folded;
      if (constant.isSplat()) {
        folded = constant.reshape(type);
      } else {
        SmallVector<Attribute> source(constant.getValues<Attribute>());
        SmallVector<int64_t> sourceStrides = computeStrides(wType.getShape());
        SmallVector<int64_t> strides = computeStrides(shape);
        SmallVector<Attribute> values;
        values.reserve(source.size());
        for (int64_t linear = 0, e = source.size(); linear < e; ++linear) {
          SmallVector<int64_t> index = delinearize(linear, strides);
          int64_t offset = 0;
          for (auto [d, i] : llvm::enumerate(index))
            offset += i * sourceStrides[perm[d]];
          values.push_back(source[offset]);
        }
        folded = DenseElementsAttr::get(type, values);
      }
      filter.value = arith::ConstantOp::create(rewriter, loc, folded);
    } else {
      if (!isIdentityPermutation(perm)) {
        Value empty = tensor::EmptyOp::create(rewriter, loc, shape,
                                              wType.getElementType());
        w = linalg::TransposeOp::create(rewriter, loc, w, empty, perm)
                .getResult()[0];
      }
      filter.value = collapse(rewriter, loc, w, groups);
    }
  }

  ContractionOperand output;
  output.value = op.getDpsInitOperand(0)->get();
  for (AffineExpr e :
       op.getMatchingIndexingMap(op.getDpsInitOperand(0)).getResults())
    output.loops.push_back(newLoop[cast<AffineDimExpr>(e).getPosition()]);

  SmallVector<Value> zeroPoints;
  for (int64_t i = 2, e = op.getNumDpsInputs(); i < e; ++i)
    zeroPoints.push_back(op.getDpsInputOperand(i)->get());

  linalg::LinalgOp contraction;
  Value result = tryGemm(rewriter, loc, plan, loopSizes, classes, patches,
                         filter, output, zeroPoints, contraction);
  if (!result) {
    unsigned numLoops = loopSizes.size();
    auto mapOf = [&](ArrayRef<unsigned> loops) {
      SmallVector<AffineExpr> exprs;
      for (unsigned l : loops)
        exprs.push_back(getAffineDimExpr(l, ctx));
      return AffineMap::get(numLoops, 0, exprs, ctx);
    };
    SmallVector<AffineMap> maps = {mapOf(patches.loops), mapOf(filter.loops)};
    SmallVector<Value> inputs = {patches.value, filter.value};
    for (Value zp : zeroPoints) {
      maps.push_back(AffineMap::get(numLoops, 0, {}, ctx));
      inputs.push_back(zp);
    }
    maps.push_back(mapOf(output.loops));
    SmallVector<utils::IteratorType> iterators(numLoops - 1,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{output.value.getType()}, inputs,
        ValueRange{output.value}, maps, iterators);
    // The convolution's own payload: the block arguments are the same
    // operands' elements, in the same order.
    rewriter.cloneRegionBefore(op->getRegion(0), generic.getRegion(),
                               generic.getRegion().end());
    contraction = generic;
    result = generic.getResult(0);
  }
  rewriter.replaceOp(op, result);
  return ConvToPatchesResult{extract, contraction};
}

namespace {

struct ConvToPatchesPattern : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (!isConvolutionCandidate(op))
      return rewriter.notifyMatchFailure(op, "not a convolution");
    std::string why;
    if (failed(convertConvToPatches(rewriter, op, &why)))
      return rewriter.notifyMatchFailure(op, why);
    return success();
  }
};

struct ConvertLinalgConvToPatchesPass
    : patches::impl::ConvertLinalgConvToPatchesBase<
          ConvertLinalgConvToPatchesPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateConvToPatchesPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    if (!remarks)
      return;
    getOperation()->walk([](linalg::LinalgOp op) {
      if (!isConvolutionCandidate(op))
        return;
      std::string why;
      if (failed(canConvertConvToPatches(op, &why)))
        op->emitRemark() << "convolution not rewritten to patches.extract: "
                         << why;
    });
  }
};

} // namespace

void patches::populateConvToPatchesPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvToPatchesPattern>(patterns.getContext());
}
