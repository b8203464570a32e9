//===- LinalgToGPULaunch.cpp - Each linalg op as one GPU kernel -----------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A linalg op on buffers becomes a `gpu.launch` over its parallel iteration
// space, flattened so that consecutive threads write consecutive elements of
// its output, with the device buffers and copies it needs around it:
//
//   %t0 = gpu.wait async
//   %in_d, %t1 = gpu.alloc async [%t0] () : memref<...>
//   %t2 = gpu.memcpy async [%t1] %in_d, %in
//   ...
//   %t3 = gpu.launch async [%t2] blocks(...) in (%grid, 1, 1)
//                                threads(...) in (%block, 1, 1) {
//     %flat = blockIdx.x * block + threadIdx.x
//     scf.if %flat < %size {        // or a grid-stride scf.for
//       (loop indices) = delinearize(%flat) over the ordered parallel loops
//       load the inputs, run the payload, store the outputs
//     }
//   }
//   %t4 = gpu.memcpy async [%t3] %out, %out_d
//   ... gpu.dealloc async ...
//   gpu.wait [%tn]
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/LinalgToGPULaunch/LinalgToGPULaunch.h"
#include "KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace patches {
#define GEN_PASS_DEF_LINALGTOGPULAUNCH
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;
using namespace patches::gpu_launch;

std::optional<std::string>
patches::checkLinalgToGPULaunchOptions(int64_t blockSize,
                                       unsigned indexBitwidth) {
  if (blockSize < 1 || blockSize > 1024)
    return "block-size must be in [1, 1024], got " + std::to_string(blockSize);
  if (indexBitwidth != 32 && indexBitwidth != 64)
    return "index-bitwidth must be 32 or 64, got " +
           std::to_string(indexBitwidth);
  return std::nullopt;
}

namespace {
struct LinalgToGPULaunchPass
    : patches::impl::LinalgToGPULaunchBase<LinalgToGPULaunchPass> {
  using Base::Base;

  /// The options' first problem, if any.
  std::optional<std::string> checkOptions() const {
    return checkLinalgToGPULaunchOptions(blockSize, indexBitwidth);
  }

  /// Options given as text are checked as they are parsed, before any IR
  /// is read.
  LogicalResult initializeOptions(
      StringRef options,
      function_ref<LogicalResult(const Twine &)> errorHandler) override {
    if (failed(Base::initializeOptions(options, errorHandler)))
      return failure();
    if (std::optional<std::string> problem = checkOptions())
      return errorHandler(*problem);
    return success();
  }

  /// Options set from C++ (createLinalgToGPULaunch) are checked here.
  LogicalResult initialize(MLIRContext *context) override {
    if (std::optional<std::string> problem = checkOptions())
      return emitError(UnknownLoc::get(context)) << *problem;
    return success();
  }

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->getParentOfType<gpu::LaunchOp>())
        return;
      std::string why = whyNotAKernel(op);
      if (!why.empty()) {
        op->emitRemark("left on the host: ") << why;
        return;
      }
      ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops)
      KernelBuilder(op, blockSize, indexBitwidth).build(rewriter);
  }
};
} // namespace
