//===- KernelAnalysis.cpp - Which linalg ops become kernels, and how ------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "llvm/Support/MathExtras.h"

#include "mlir/Analysis/FlatLinearValueConstraints.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

using namespace mlir;
using namespace patches;
using namespace patches::gpu_launch;

std::optional<LinearExpr> gpu_launch::decomposeLinear(AffineExpr expr,
                                                      unsigned numDims) {
  // Upstream's flattening gives [coefficients..., constant], with local
  // variables appended for floordiv and mod: those are not linear.
  SmallVector<int64_t> flat;
  if (failed(getFlattenedAffineExpr(expr, numDims, /*numSymbols=*/0, &flat)) ||
      flat.size() != numDims + 1)
    return std::nullopt;
  LinearExpr result;
  result.coefficients.assign(flat.begin(), flat.begin() + numDims);
  result.constant = flat.back();
  return result;
}

/// The parallel loops of `op`, outermost first, in the order of its first
/// output's memory layout: by the output dimension a loop indexes (the last
/// one is contiguous), then by decreasing coefficient inside a dimension
/// (`c * K + k` puts `c` before `k`). Flattened in this order, consecutive
/// flat indices write consecutive output elements. Falls back to the loop
/// order where the map is not linear.
SmallVector<unsigned> gpu_launch::orderParallelLoops(linalg::LinalgOp op) {
  SmallVector<unsigned> parallel;
  op.getParallelDims(parallel);
  AffineMap map = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  unsigned numLoops = op.getNumLoops();
  // (result position, -coefficient) of each loop, where it is innermost.
  SmallVector<std::pair<int64_t, int64_t>> keys(numLoops, {-1, 0});
  for (auto [position, expr] : llvm::enumerate(map.getResults())) {
    std::optional<LinearExpr> linear = decomposeLinear(expr, numLoops);
    if (!linear)
      return parallel;
    for (unsigned d = 0; d < numLoops; ++d)
      if (linear->coefficients[d] != 0)
        keys[d] = {static_cast<int64_t>(position), -linear->coefficients[d]};
  }
  llvm::stable_sort(parallel,
                    [&](unsigned a, unsigned b) { return keys[a] < keys[b]; });
  return parallel;
}

/// Whether the parallel loops write every element of `init` (so its old
/// contents need not be copied to the device): each result of its map is a
/// single loop, or an exact mixed-radix combination of loops with static
/// sizes (`c * K + k` with k < K and c < C, C * K the dimension's size).
bool gpu_launch::writesEveryElement(linalg::LinalgOp op, OpOperand *init,
                                    ArrayRef<int64_t> loopSizes) {
  AffineMap map = op.getMatchingIndexingMap(init);
  auto type = cast<MemRefType>(init->get().getType());
  unsigned numLoops = op.getNumLoops();
  SmallVector<bool> seen(numLoops, false);
  for (auto [position, expr] : llvm::enumerate(map.getResults())) {
    std::optional<LinearExpr> linear = decomposeLinear(expr, numLoops);
    if (!linear || linear->constant != 0)
      return false;
    SmallVector<std::pair<int64_t, int64_t>> terms; // (coefficient, size)
    for (unsigned d = 0; d < numLoops; ++d) {
      if (linear->coefficients[d] == 0)
        continue;
      if (seen[d] || linear->coefficients[d] < 0)
        return false;
      seen[d] = true;
      terms.push_back({linear->coefficients[d], loopSizes[d]});
    }
    // A lone loop spans the dimension it indexes: linalg requires the
    // dimension's size to equal the loop's.
    if (terms.size() == 1 && terms.front().first == 1)
      continue;
    int64_t dimSize = type.getDimSize(position);
    if (ShapedType::isDynamic(dimSize))
      return false;
    llvm::sort(terms);
    int64_t span = 1;
    for (auto [coefficient, size] : terms) {
      if (coefficient != span || ShapedType::isDynamic(size))
        return false;
      span *= size;
    }
    if (span != dimSize)
      return false;
  }
  return true;
}

/// Adds how the ops in `region` use `buffer` (a memref from above).
void gpu_launch::addCapturedUses(Region &region, Value buffer,
                                 BufferAccess &access) {
  for (OpOperand &use : buffer.getUses()) {
    Operation *user = use.getOwner();
    if (!region.isAncestor(user->getParentRegion()))
      continue;
    if (isa<memref::LoadOp>(user)) {
      access.read = true;
    } else if (isa<memref::StoreOp>(user)) {
      // Stores may leave elements untouched, which must keep their values.
      access.read = access.written = true;
    } else if (!isa<memref::DimOp>(user)) {
      access.read = access.written = true;
    }
  }
}

/// Why `op` cannot become a kernel, or the empty string.
std::string gpu_launch::whyNotAKernel(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics())
    return "it is not on buffers";
  if (op.getNumDpsInits() == 0)
    return "it has no output";
  for (OpOperand *input : op.getDpsInputOperands()) {
    Type type = input->get().getType();
    if (!isa<MemRefType>(type) && !type.isIntOrIndexOrFloat())
      return "an input is neither a ranked memref nor a scalar";
  }
  for (OpOperand &init : op.getDpsInitsMutable())
    if (!isa<MemRefType>(init.get().getType()))
      return "an output is not a ranked memref";
  // x86's 80-bit float has no NVPTX form (its loads and stores made LLVM's
  // NVPTX backend abort): such an op runs on the host.
  for (Value operand : op->getOperands()) {
    Type type = getElementTypeOrSelf(operand.getType());
    if (auto complexType = dyn_cast<ComplexType>(type))
      type = complexType.getElementType();
    if (isa<Float80Type>(type))
      return "its element type f80 has no form on the GPU";
  }
  SmallVector<unsigned> parallel, reduction;
  op.getParallelDims(parallel);
  op.getReductionDims(reduction);
  if (parallel.size() + reduction.size() != op.getNumLoops())
    return "a loop is neither parallel nor a reduction";
  // The grid and the flat index count the static points in 64 bits (a
  // product that wrapped around to 0 would drop the op).
  int64_t points = 1;
  for (int64_t size : op.getStaticLoopRanges())
    if (!ShapedType::isDynamic(size) && llvm::MulOverflow(points, size, points))
      return "it has more than 2^63 iteration points";
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    // Distinct parallel points must write distinct elements.
    for (unsigned d : parallel)
      if (!map.isFunctionOfDim(d))
        return "an output is not indexed by every parallel loop";
    for (unsigned d : reduction)
      if (map.isFunctionOfDim(d))
        return "an output is indexed by a reduction loop";
  }
  std::string why;
  op->walk([&](Operation *nested) {
    if (isa<CallOpInterface>(nested)) {
      why = "its payload calls a function";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (!why.empty())
    return why;
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value value : captured) {
    Type type = value.getType();
    if (auto memref = dyn_cast<MemRefType>(type)) {
      if (memref.getLayout().isIdentity())
        continue;
      // A strided buffer is staged through an identity-layout copy, which
      // only loads, stores and dims may use.
      for (Operation *user : value.getUsers())
        if (op->isAncestor(user) &&
            !isa<memref::LoadOp, memref::StoreOp, memref::DimOp>(user))
          return "its payload uses a strided memref from above in a "
                 "view-like way";
      continue;
    }
    if (auto complex = dyn_cast<ComplexType>(type))
      type = complex.getElementType();
    if (!type.isIntOrIndexOrFloat())
      return "its payload uses a value of a type other than memref, "
             "integer, index, float or complex from above";
  }
  return "";
}
