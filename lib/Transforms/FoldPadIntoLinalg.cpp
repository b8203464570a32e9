//===- FoldPadIntoLinalg.cpp - Read through tensor.pad in linalg.generic --===//
//
// A padded input of a linalg.generic becomes a bounds test in its payload:
// the generic reads the pad's source at (padded index - low padding) when
// that lands inside the source, and the padding value otherwise. The padded
// tensor is never materialized.
//
//===----------------------------------------------------------------------===//

#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace patches {
#define GEN_PASS_DEF_FOLDPADINTOLINALG
#include "patches/Transforms/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

namespace {

/// Finds the first input of `op` that comes from a foldable `tensor.pad`: a
/// padding value known outside the pad's region and a payload that reads
/// the padded element.
static OpOperand *findPaddedInput(linalg::GenericOp op) {
  for (OpOperand *input : op.getDpsInputOperands()) {
    auto pad = input->get().getDefiningOp<tensor::PadOp>();
    if (!pad || pad.getNofold() || !pad.getConstantPaddingValue())
      continue;
    if (op.getMatchingBlockArgument(input).use_empty())
      continue;
    return input;
  }
  return nullptr;
}

struct FoldPadIntoGeneric : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "needs tensor semantics");
    OpOperand *input = findPaddedInput(op);
    if (!input)
      return rewriter.notifyMatchFailure(op, "no foldable tensor.pad input");
    auto pad = input->get().getDefiningOp<tensor::PadOp>();
    Location loc = pad.getLoc();
    Value source = pad.getSource();
    int64_t rank = pad.getSourceType().getRank();

    // Outside the generic: the placeholder that keeps the padded shape (and
    // so the loop bounds), the low padding and the source sizes.
    rewriter.setInsertionPoint(op);
    ReifiedRankedShapedTypeDims paddedSizes;
    if (failed(reifyResultShapes(rewriter, pad, paddedSizes)))
      return rewriter.notifyMatchFailure(pad, "cannot reify the padded shape");
    Value placeholder = tensor::EmptyOp::create(
        rewriter, loc, paddedSizes[0], pad.getResultType().getElementType());
    SmallVector<Value> lows, sourceSizes;
    for (int64_t dim = 0; dim < rank; ++dim) {
      lows.push_back(getValueOrCreateConstantIndexOp(
          rewriter, loc, pad.getMixedLowPad()[dim]));
      sourceSizes.push_back(getValueOrCreateConstantIndexOp(
          rewriter, loc, tensor::getMixedSize(rewriter, loc, source, dim)));
    }

    // In the payload: the padded index from the operand's map, then the
    // source index and its bounds test. One unsigned comparison tests both
    // ends: an index below the low padding wraps around to a huge value.
    Block &body = op.getRegion().front();
    BlockArgument paddedElement = op.getMatchingBlockArgument(input);
    rewriter.setInsertionPointToStart(&body);
    SmallVector<Value> loopIndices;
    for (int64_t loop = 0, e = op.getNumLoops(); loop < e; ++loop)
      loopIndices.push_back(linalg::IndexOp::create(rewriter, loc, loop));
    std::optional<SmallVector<Value, 8>> paddedIndices =
        affine::expandAffineMap(rewriter, loc, op.getMatchingIndexingMap(input),
                                loopIndices);
    if (!paddedIndices)
      return rewriter.notifyMatchFailure(op, "cannot expand the indexing map");
    Value inBounds = arith::ConstantIntOp::create(rewriter, loc, 1, 1);
    SmallVector<Value> sourceIndices;
    for (int64_t dim = 0; dim < rank; ++dim) {
      Value index = arith::SubIOp::create(rewriter, loc, (*paddedIndices)[dim],
                                          lows[dim]);
      sourceIndices.push_back(index);
      if (isConstantIntValue(pad.getMixedLowPad()[dim], 0) &&
          isConstantIntValue(pad.getMixedHighPad()[dim], 0))
        continue;
      Value inside = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::ult, index, sourceSizes[dim]);
      inBounds = arith::AndIOp::create(rewriter, loc, inBounds, inside);
    }

    // A padding value defined inside the pad's region is a constant: clone
    // it next to its use.
    Value padValue = pad.getConstantPaddingValue();
    auto read = scf::IfOp::create(
        rewriter, loc, inBounds,
        [&](OpBuilder &b, Location l) {
          Value element =
              tensor::ExtractOp::create(b, l, source, sourceIndices);
          scf::YieldOp::create(b, l, element);
        },
        [&](OpBuilder &b, Location l) {
          Value value = padValue;
          if (pad.getRegion().isAncestor(padValue.getParentRegion()))
            value = b.clone(*padValue.getDefiningOp())->getResult(0);
          scf::YieldOp::create(b, l, value);
        });
    rewriter.replaceAllUsesWith(paddedElement, read.getResult(0));
    rewriter.modifyOpInPlace(op, [&] { input->set(placeholder); });
    return success();
  }
};

struct FoldPadIntoLinalgPass
    : patches::impl::FoldPadIntoLinalgBase<FoldPadIntoLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldPadIntoLinalgPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void patches::populateFoldPadIntoLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldPadIntoGeneric>(patterns.getContext());
}
