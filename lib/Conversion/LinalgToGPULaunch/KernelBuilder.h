//===- KernelBuilder.h - Building one linalg op as a GPU kernel -*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Private to the LinalgToGPULaunch conversion. Three parts:
//  * the analysis (KernelAnalysis.cpp): whether an op can be a kernel, the
//    order its parallel loops are flattened in, which buffers it reads and
//    writes entirely;
//  * the data movement (DataMovement.cpp): device buffers, copies in and
//    out (none in device-buffers mode), the launch and its grid;
//  * the kernel body (KernelBody.cpp): one iteration point per thread.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_LIB_CONVERSION_LINALGTOGPULAUNCH_KERNELBUILDER_H
#define PATCHES_LIB_CONVERSION_LINALGTOGPULAUNCH_KERNELBUILDER_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/MapVector.h"

#include <optional>
#include <string>

namespace patches {
namespace gpu_launch {

//===----------------------------------------------------------------------===//
// Analysis (KernelAnalysis.cpp)
//===----------------------------------------------------------------------===//

/// `sum coefficients[d] * d + constant` over the dims of a map.
struct LinearExpr {
  llvm::SmallVector<int64_t> coefficients;
  int64_t constant = 0;
};

/// How a kernel uses one host buffer.
struct BufferAccess {
  bool read = false;
  bool written = false;
};

/// Decomposes sums of dims scaled by constants; fails on anything else
/// (symbols, mod, division, products of dims).
std::optional<LinearExpr> decomposeLinear(mlir::AffineExpr expr,
                                          unsigned numDims);
/// The parallel loops of `op`, outermost first, in the order of its first
/// output's memory layout (see KernelAnalysis.cpp).
llvm::SmallVector<unsigned> orderParallelLoops(mlir::linalg::LinalgOp op);
/// Whether the parallel loops write every element of `init`.
bool writesEveryElement(mlir::linalg::LinalgOp op, mlir::OpOperand *init,
                        llvm::ArrayRef<int64_t> loopSizes);
/// Adds how the ops in `region` use `buffer` (a memref from above).
void addCapturedUses(mlir::Region &region, mlir::Value buffer,
                     BufferAccess &access);
/// Why `op` cannot become a kernel, or the empty string.
std::string whyNotAKernel(mlir::linalg::LinalgOp op);

//===----------------------------------------------------------------------===//
// The builder (DataMovement.cpp and KernelBody.cpp)
//===----------------------------------------------------------------------===//

/// Builds the launch of one linalg op and the data movement around it.
class KernelBuilder {
public:
  /// With `deviceBuffers`, the op's memrefs are device memory already: the
  /// launch uses them directly, with no device buffers or copies.
  KernelBuilder(mlir::linalg::LinalgOp op, int64_t blockSize,
                unsigned indexBitwidth, bool deviceBuffers)
      : op(op), loc(op.getLoc()), blockSize(blockSize),
        indexBitwidth(indexBitwidth), deviceBuffers(deviceBuffers) {}

  /// Replaces the op by the launch and its data movement.
  void build(mlir::RewriterBase &rewriter);

private:
  /// Collects the host buffers and how the kernel uses each.
  void collectBuffers(llvm::ArrayRef<int64_t> staticLoopSizes);
  /// Emits the kernel body for the flat index `flat` of type `flatType`.
  void buildPoint(mlir::OpBuilder &b, mlir::Value flat, mlir::Type flatType);
  /// Clones the payload at loop indices `ivs`; returns the yielded values.
  llvm::SmallVector<mlir::Value> buildPayload(mlir::OpBuilder &b,
                                              llvm::ArrayRef<mlir::Value> ivs,
                                              mlir::ValueRange initValues);
  /// The device buffer's indices for `operand` at loop indices `ivs`.
  llvm::SmallVector<mlir::Value> indicesOf(mlir::OpBuilder &b,
                                           mlir::OpOperand *operand,
                                           llvm::ArrayRef<mlir::Value> ivs);

  mlir::linalg::LinalgOp op;
  mlir::Location loc;
  int64_t blockSize;
  unsigned indexBitwidth;
  bool deviceBuffers;

  /// Loop sizes as host values (constants where static).
  llvm::SmallVector<mlir::Value> loopSizes;
  /// Parallel loops, outermost first, and the reduction loops.
  llvm::SmallVector<unsigned> parallelLoops, reductionLoops;
  llvm::MapVector<mlir::Value, BufferAccess> buffers;
  /// Host buffer -> device buffer (itself with `deviceBuffers`).
  mlir::IRMapping deviceBufferOf;
};

} // namespace gpu_launch
} // namespace patches

#endif // PATCHES_LIB_CONVERSION_LINALGTOGPULAUNCH_KERNELBUILDER_H
