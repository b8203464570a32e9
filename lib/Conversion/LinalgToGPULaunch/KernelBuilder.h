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
//  * the kernel body (KernelBody.cpp): one iteration point per thread;
//  * the vector kernel body (VectorPoints.cpp): a vector of consecutive
//    output elements per thread, per iteration of a thread loop.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_LIB_CONVERSION_LINALGTOGPULAUNCH_KERNELBUILDER_H
#define PATCHES_LIB_CONVERSION_LINALGTOGPULAUNCH_KERNELBUILDER_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

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

/// How the threads of a vector kernel cover the iteration space (see
/// VectorPoints.cpp). `lanes` 1 means one element a thread.
struct VectorPlan {
  /// Consecutive output elements each thread stores as one vector.
  int64_t lanes = 1;
  /// Whether the lanes are consecutive flat points of the (output-ordered)
  /// iteration space, each decomposed on its own, because the innermost
  /// loop's size is not a multiple of `lanes`; otherwise they are
  /// consecutive points of the innermost loop.
  bool flat = false;
  /// The outermost parallel loop, which each thread steps through in a
  /// loop (its index only moves addresses in the kernels this is for), or
  /// none.
  std::optional<unsigned> threadLoop;
  /// Its iterations in each thread: the loop's size, or a divisor of it
  /// where the whole loop in each thread would leave fewer than minThreads
  /// threads (each thread then takes one chunk of the loop).
  int64_t threadTrip = 0;
  /// The payload's `memref.load`s of buffers from above that one vector
  /// load per vector reads, the lanes at consecutive, aligned elements.
  llvm::SmallPtrSet<mlir::Operation *, 4> vectorLoads;
  /// The same for the op's inputs (their payload arguments), where their
  /// maps index the innermost dimension with the innermost loop alone.
  llvm::SmallPtrSet<mlir::OpOperand *, 4> vectorInputs;
  /// The payload's guards: its top-level `scf.if`s with results (the
  /// padding and lhs-dilation tests of a gather), and the ops, in payload
  /// order, their conditions are computed from.
  llvm::SmallVector<mlir::scf::IfOp> guards;
  llvm::SmallVector<mlir::Operation *> guardSlice;
  /// Whether a vector whose guards all hold takes a path with the guards'
  /// branches taken (no per-element test): the conditions are pure
  /// arithmetic of loop indices and values from above.
  bool fastPath = false;
  /// Whether the conditions use the thread loop's index, so that the test
  /// is made in each iteration rather than once per thread.
  bool guardsUseThreadLoop = false;
  /// In flat mode, the elements past the last whole vector (the number of
  /// points modulo `lanes`), which the last thread stores one by one.
  int64_t tailLanes = 0;
};

//===----------------------------------------------------------------------===//
// The builder (DataMovement.cpp and KernelBody.cpp)
//===----------------------------------------------------------------------===//

/// Builds the launch of one linalg op and the data movement around it.
class KernelBuilder {
public:
  /// With `deviceBuffers`, the op's memrefs are device memory already: the
  /// launch uses them directly, with no device buffers or copies.
  /// With `vectorStores`, each thread stores a vector of consecutive
  /// elements where the outputs allow it (planVectors).
  /// A vector kernel's threads loop over the outermost parallel loop where
  /// the other loops still give `minThreads` threads.
  KernelBuilder(mlir::linalg::LinalgOp op, int64_t blockSize,
                unsigned indexBitwidth, bool deviceBuffers, bool vectorStores,
                int64_t minThreads)
      : op(op), loc(op.getLoc()), blockSize(blockSize),
        indexBitwidth(indexBitwidth), deviceBuffers(deviceBuffers),
        vectorStores(vectorStores), minThreads(minThreads) {}

  /// Replaces the op by the launch and its data movement.
  void build(mlir::RewriterBase &rewriter);

private:
  /// Collects the host buffers and how the kernel uses each.
  void collectBuffers(llvm::ArrayRef<int64_t> staticLoopSizes);
  /// Emits the kernel body for the flat index `flat` of type `flatType`.
  void buildPoint(mlir::OpBuilder &b, mlir::Value flat, mlir::Type flatType);
  /// Maps the payload's input arguments to their elements at loop indices
  /// `ivs` (loaded from the device buffers by `load(input, buffer,
  /// indices)`, or a memref.load), on top of deviceBufferOf.
  mlir::IRMapping mapPayloadInputs(
      mlir::OpBuilder &b, llvm::ArrayRef<mlir::Value> ivs,
      llvm::function_ref<mlir::Value(mlir::OpOperand *, mlir::Value,
                                     mlir::ValueRange)>
          load = nullptr);
  /// Clones the payload at loop indices `ivs`; returns the yielded values.
  llvm::SmallVector<mlir::Value> buildPayload(mlir::OpBuilder &b,
                                              llvm::ArrayRef<mlir::Value> ivs,
                                              mlir::ValueRange initValues);
  /// Stores `values`, one per output, at loop indices `ivs`.
  void storeElements(mlir::OpBuilder &b, llvm::ArrayRef<mlir::Value> ivs,
                     mlir::ValueRange values);
  /// The device buffer's indices for `operand` at loop indices `ivs`.
  llvm::SmallVector<mlir::Value> indicesOf(mlir::OpBuilder &b,
                                           mlir::OpOperand *operand,
                                           llvm::ArrayRef<mlir::Value> ivs);

  mlir::linalg::LinalgOp op;
  mlir::Location loc;
  int64_t blockSize;
  unsigned indexBitwidth;
  bool deviceBuffers;
  bool vectorStores;
  int64_t minThreads;

  //===--- Vector kernels (VectorPoints.cpp)
  //-------------------------------===//

  /// Whether each thread stores vectors, and how it covers the loops.
  VectorPlan planVectors(llvm::ArrayRef<int64_t> staticLoopSizes);
  /// The kernel body of a vector kernel for the thread's point `flat`.
  void buildVectorPoint(mlir::OpBuilder &b, mlir::Value flat,
                        mlir::Type flatType);
  /// The same for a whole vector.
  void buildWholeVector(mlir::OpBuilder &b, mlir::Value flat,
                        mlir::Type flatType);
  /// The flat tail: the plan's tailLanes elements from `flat` * lanes, one
  /// by one.
  void buildTail(mlir::OpBuilder &b, mlir::Value flat, mlir::Type flatType);
  /// Clones the payload for one lane at loop indices `ivs` with every
  /// guard (a top-level scf.if) taken as true, and the plan's vector loads
  /// as lanes of one load (made by lane 0, kept in `vectors`).
  llvm::SmallVector<mlir::Value>
  buildGuardedPayload(mlir::OpBuilder &b, llvm::ArrayRef<mlir::Value> ivs,
                      int64_t lane,
                      llvm::DenseMap<mlir::Value, mlir::Value> &vectors);
  /// Lane `lane` of the vector load of `buffer` at the lane-0 `indices`,
  /// made by lane 0 and kept in `vectors` under `key`.
  mlir::Value loadLane(mlir::OpBuilder &b, mlir::Value buffer,
                       mlir::ValueRange indices, int64_t lane, mlir::Value key,
                       llvm::DenseMap<mlir::Value, mlir::Value> &vectors);
  /// Whether the payload's guards at loop indices `ivs` all hold (the
  /// plan's guard slice, pure arithmetic, cloned); null without guards.
  mlir::Value buildGuardsHold(mlir::OpBuilder &b,
                              llvm::ArrayRef<mlir::Value> ivs);
  /// Stores the `lanes` values of `results` (each one output's lane values)
  /// as one aligned vector per output at the lane-0 indices `ivs`.
  void storeVectors(mlir::OpBuilder &b, llvm::ArrayRef<mlir::Value> ivs,
                    llvm::ArrayRef<llvm::SmallVector<mlir::Value>> results);
  /// Delinearizes `flat` (of type `flatType`) over `sizes`, the parallel
  /// loops in `parallelLoops` order, the outermost taking the quotient.
  llvm::SmallVector<mlir::Value> delinearize(mlir::OpBuilder &b,
                                             mlir::Value flat,
                                             mlir::Type flatType,
                                             llvm::ArrayRef<mlir::Value> sizes);

  /// Loop sizes as host values (constants where static).
  llvm::SmallVector<mlir::Value> loopSizes;
  /// The sizes the threads' flat index is decomposed over: loopSizes, the
  /// innermost parallel loop's divided by vectorLanes.
  llvm::SmallVector<mlir::Value> pointSizes;
  VectorPlan vectorPlan;
  /// Parallel loops, outermost first, and the reduction loops.
  llvm::SmallVector<unsigned> parallelLoops, reductionLoops;
  llvm::MapVector<mlir::Value, BufferAccess> buffers;
  /// Host buffer -> device buffer (itself with `deviceBuffers`).
  mlir::IRMapping deviceBufferOf;
};

} // namespace gpu_launch
} // namespace patches

#endif // PATCHES_LIB_CONVERSION_LINALGTOGPULAUNCH_KERNELBUILDER_H
