//===- VectorizeContractions.cpp - Contractions as vector code ------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The contraction that follows an im2col (convert-linalg-conv-to-patches,
// or a program's own patches.extract + matmul) would otherwise become
// scalar loops: each is tiled into register blocks and vectorized with
// upstream's transforms.
//
//===----------------------------------------------------------------------===//

#include "patches/Target/CPUTarget.h"
#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace patches {
#define GEN_PASS_DEF_VECTORIZECONTRACTIONS
#include "patches/Transforms/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

namespace {

/// Whether `op` is a contraction this pass tiles: on tensors, static
/// shapes, integer or float elements.
static bool isCandidate(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
      op.getNumDpsInits() != 1 || !linalg::isaContractionOpInterface(op))
    return false;
  if (!isa<TilingInterface>(op.getOperation()))
    return false;
  return llvm::all_of(op->getOperandTypes(), [](Type type) {
    Type element = getElementTypeOrSelf(type);
    return element.isIntOrFloat();
  });
}

/// The tile (and vector) sizes of `op`'s loops: `rows` on the dimension of
/// the output's second innermost result, one vector of the output's
/// element type on its innermost, 1 on every other loop (reductions step
/// one at a time, in order). Clamped to the loop ranges.
static SmallVector<int64_t> chooseTileSizes(linalg::LinalgOp op,
                                            int64_t vectorBits, int64_t rows) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> sizes(ranges.size(), 1);
  OpOperand *init = op.getDpsInitOperand(0);
  AffineMap map = op.getMatchingIndexingMap(init);
  Type element = getElementTypeOrSelf(init->get().getType());
  int64_t lanes = std::max<int64_t>(
      1, vectorBits / std::max<unsigned>(8, element.getIntOrFloatBitWidth()));
  unsigned results = map.getNumResults();
  auto dimOf = [&](unsigned result) -> std::optional<unsigned> {
    if (auto dim = dyn_cast<AffineDimExpr>(map.getResult(result)))
      return dim.getPosition();
    return std::nullopt;
  };
  if (results >= 1)
    if (std::optional<unsigned> n = dimOf(results - 1))
      sizes[*n] = lanes;
  if (results >= 2)
    if (std::optional<unsigned> m = dimOf(results - 2))
      sizes[*m] = rows;
  // The largest size up to the block's that divides the range: every tile
  // is whole and static, so no vector needs a mask.
  for (auto [size, range] : llvm::zip(sizes, ranges)) {
    size = std::max<int64_t>(1, std::min(size, range));
    while (range % size != 0)
      --size;
  }
  return sizes;
}

struct VectorizeContractionsPass
    : patches::impl::VectorizeContractionsBase<VectorizeContractionsPass> {
  using Base::Base;

  LogicalResult initializeOptions(
      StringRef options,
      function_ref<LogicalResult(const Twine &)> errorHandler) override {
    if (failed(Base::initializeOptions(options, errorHandler)))
      return failure();
    std::string problem = checkVectorBits(vectorBits);
    if (!problem.empty())
      return errorHandler(problem);
    if (rows < 1 || rows > 64)
      return errorHandler("rows must be between 1 and 64, got " + Twine(rows));
    return success();
  }

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isCandidate(op))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      int64_t bits = vectorBits;
      if (bits == 0) {
        FailureOr<CPUTarget> target =
            resolveCPUTargetAt(op, cpu, "", /*emitErrors=*/false);
        bits = succeeded(target) ? target->rows.copyBits : 128;
      }
      SmallVector<int64_t> sizes = chooseTileSizes(
          op, std::clamp<int64_t>(bits, kMinVectorBits, kMaxVectorBits),
          std::clamp<int64_t>(rows, 1, 64));
      scf::SCFTilingOptions options;
      options.setTileSizes(getAsIndexOpFoldResult(&getContext(), sizes));
      rewriter.setInsertionPoint(op);
      FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
          rewriter, cast<TilingInterface>(op.getOperation()), options);
      // A contraction that cannot be tiled stays as it is (scalar loops).
      if (failed(tiled))
        continue;
      rewriter.replaceOp(op, tiled->replacements);
      for (Operation *tile : tiled->tiledOps) {
        rewriter.setInsertionPoint(tile);
        FailureOr<linalg::VectorizationResult> vectorized =
            linalg::vectorize(rewriter, tile);
        if (succeeded(vectorized))
          rewriter.replaceOp(tile, vectorized->replacements);
      }
    }
  }
};

} // namespace
