//===- FoldPadIntoLinalg.cpp - Read through tensor.pad in linalg.generic --===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A padded input of a linalg.generic becomes a bounds test in its payload:
// the generic reads the pad's source at (padded index - low padding) when
// that lands inside the source, and the padding value otherwise. The padded
// tensor is never materialized.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/Utils/Utils.h"
#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
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

/// Whether `affine::expandAffineMap` expands `map` over the loop indices
/// alone: no symbols, and mod, floordiv and ceildiv only by constants it
/// accepts (positive ones) or by other expressions.
static bool isExpandable(AffineMap map) {
  if (map.getNumSymbols() != 0)
    return false;
  return llvm::all_of(map.getResults(), [](AffineExpr result) {
    WalkResult walk = result.walk([](AffineExpr expr) {
      auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
      if (!binary || binary.getKind() == AffineExprKind::Add ||
          binary.getKind() == AffineExprKind::Mul)
        return WalkResult::advance();
      auto divisor = dyn_cast<AffineConstantExpr>(binary.getRHS());
      return divisor && divisor.getValue() <= 0 ? WalkResult::interrupt()
                                                : WalkResult::advance();
    });
    return !walk.wasInterrupted();
  });
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
    AffineMap paddedMap = op.getMatchingIndexingMap(input);
    if (!isExpandable(paddedMap))
      return rewriter.notifyMatchFailure(
          op, "the padded operand's indexing map has symbols or a division "
              "by a non-positive constant");
    // Nothing below can fail: everything is built from here on.
    Location loc = pad.getLoc();
    Value source = pad.getSource();
    int64_t rank = pad.getSourceType().getRank();

    // Outside the generic: the placeholder that keeps the padded shape (and
    // so the loop bounds), the low padding and the source sizes.
    rewriter.setInsertionPoint(op);
    RankedTensorType paddedType = pad.getResultType();
    SmallVector<Value> lows, sourceSizes;
    SmallVector<OpFoldResult> paddedSizes;
    AffineExpr low, size, high;
    bindSymbols(rewriter.getContext(), low, size, high);
    for (int64_t dim = 0; dim < rank; ++dim) {
      OpFoldResult lowPad = pad.getMixedLowPad()[dim];
      OpFoldResult sourceSize =
          tensor::getMixedSize(rewriter, loc, source, dim);
      lows.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, lowPad));
      sourceSizes.push_back(
          getValueOrCreateConstantIndexOp(rewriter, loc, sourceSize));
      if (!paddedType.isDynamicDim(dim)) {
        paddedSizes.push_back(
            rewriter.getIndexAttr(paddedType.getDimSize(dim)));
        continue;
      }
      paddedSizes.push_back(affine::makeComposedFoldedAffineApply(
          rewriter, loc, low + size + high,
          {lowPad, sourceSize, pad.getMixedHighPad()[dim]}));
    }
    Value placeholder = tensor::EmptyOp::create(rewriter, loc, paddedSizes,
                                                paddedType.getElementType());

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
        affine::expandAffineMap(rewriter, loc, paddedMap, loopIndices);
    assert(paddedIndices && "checked by isExpandable");
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
    // it next to its use. The element moves as integers (getMoveTypes), so
    // the scf.if never yields a float, which a target may carry in another
    // format (x86 bf16: denormals flushed, signalling NaNs quieted).
    Value padValue = pad.getConstantPaddingValue();
    Type elementType = paddedElement.getType();
    auto read = scf::IfOp::create(
        rewriter, loc, inBounds,
        [&](OpBuilder &b, Location l) {
          Value element =
              tensor::ExtractOp::create(b, l, source, sourceIndices);
          scf::YieldOp::create(b, l, toMoveValues(b, l, element));
        },
        [&](OpBuilder &b, Location l) {
          Value value = padValue;
          if (pad.getRegion().isAncestor(padValue.getParentRegion()))
            value = b.clone(*padValue.getDefiningOp())->getResult(0);
          scf::YieldOp::create(b, l, toMoveValues(b, l, value));
        });
    rewriter.replaceAllUsesWith(
        paddedElement,
        fromMoveValues(rewriter, loc, read.getResults(), elementType));
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
