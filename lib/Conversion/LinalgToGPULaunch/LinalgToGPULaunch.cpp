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
// With `device-buffers`, the memrefs are device memory already: the launch
// takes them directly, between `gpu.wait async` and `gpu.wait`.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/LinalgToGPULaunch/LinalgToGPULaunch.h"
#include "KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace patches {
#define GEN_PASS_DEF_LINALGTOGPULAUNCH
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;
using namespace patches::gpu_launch;

std::optional<std::string> patches::checkLinalgToGPULaunchOptions(
    int64_t blockSize, unsigned indexBitwidth, int64_t minThreads) {
  if (blockSize < 1 || blockSize > 1024)
    return "block-size must be in [1, 1024], got " + std::to_string(blockSize);
  if (indexBitwidth != 32 && indexBitwidth != 64)
    return "index-bitwidth must be 32 or 64, got " +
           std::to_string(indexBitwidth);
  if (minThreads < 0)
    return "min-threads must be 0 or more, got " + std::to_string(minThreads);
  return std::nullopt;
}

/// The buffer that `value` views (through views, casts and metadata).
static Value getRootBuffer(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    if (auto metadata = dyn_cast<memref::ExtractStridedMetadataOp>(def)) {
      value = metadata.getSource();
      continue;
    }
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view || view.getViewSource() == value)
      break;
    value = view.getViewSource();
  }
  return value;
}

/// In device-buffers mode, whether `buffer` is host memory: what memref.alloc
/// or memref.alloca allocate (after patches-allocate-on-device, only the
/// bookkeeping of lowered deallocations), and the arguments of private
/// functions (the lowering's helper, which takes that bookkeeping). The rest
/// (public functions' arguments, gpu.alloc, call results) is device memory.
static bool isHostBuffer(Value buffer) {
  Value root = getRootBuffer(buffer);
  if (Operation *def = root.getDefiningOp())
    return isa<memref::AllocOp, memref::AllocaOp>(def);
  auto argument = cast<BlockArgument>(root);
  auto func = dyn_cast<func::FuncOp>(argument.getOwner()->getParentOp());
  return func && func.isPrivate() && argument.getOwner()->isEntryBlock();
}

/// Whether `op`, on the host, reads or writes the elements of device memory.
static bool accessesDeviceMemory(Operation *op) {
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects)
    return false;
  SmallVector<MemoryEffects::EffectInstance> instances;
  effects.getEffects(instances);
  return llvm::any_of(instances, [](const MemoryEffects::EffectInstance &e) {
    Value value = e.getValue();
    return isa<MemoryEffects::Read, MemoryEffects::Write>(e.getEffect()) &&
           value && isa<BaseMemRefType>(value.getType()) &&
           !isHostBuffer(value);
  });
}

namespace {
struct LinalgToGPULaunchPass
    : patches::impl::LinalgToGPULaunchBase<LinalgToGPULaunchPass> {
  using Base::Base;

  /// The options' first problem, if any.
  std::optional<std::string> checkOptions() const {
    return checkLinalgToGPULaunchOptions(blockSize, indexBitwidth, minThreads);
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
    IRRewriter rewriter(&getContext());
    if (deviceBuffers && failed(convertCopies(rewriter)))
      return signalPassFailure();

    SmallVector<linalg::LinalgOp> ops;
    bool failed = false;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->getParentOfType<gpu::LaunchOp>())
        return;
      std::string why = whyNotAKernel(op);
      if (why.empty() && deviceBuffers &&
          llvm::any_of(op->getOperands(), [](Value operand) {
            return isa<MemRefType>(operand.getType()) && isHostBuffer(operand);
          }))
        why = "a buffer is host memory (memref.alloc or memref.alloca), "
              "which with device-buffers only the host uses";
      if (!why.empty()) {
        if (deviceBuffers) {
          op->emitError("cannot run on the GPU, and with device-buffers its "
                        "buffers are in device memory, out of the host's "
                        "reach: ")
              << why;
          failed = true;
          return;
        }
        op->emitRemark("left on the host: ") << why;
        return;
      }
      ops.push_back(op);
    });
    if (failed)
      return signalPassFailure();
    for (linalg::LinalgOp op : ops)
      KernelBuilder(op, blockSize, indexBitwidth, deviceBuffers, vectorStores,
                    minThreads)
          .build(rewriter);
    if (deviceBuffers)
      eraseUnusedDeviceBuffers(rewriter);
    if (deviceBuffers && ::mlir::failed(freeAndCheckHostCode(rewriter)))
      return signalPassFailure();
  }

  /// Erases the device buffers that nothing reads or writes once the
  /// kernels are built, with their synchronous allocation
  /// (patches-allocate-on-device) and their frees: the padded inputs that
  /// patches-fold-pad-into-linalg left as shapes only, and windows. Each
  /// would cost a cuMemAlloc and a cuMemFree (which synchronizes the
  /// device) per call.
  void eraseUnusedDeviceBuffers(IRRewriter &rewriter) {
    SmallVector<gpu::AllocOp> allocs;
    getOperation().walk([&](gpu::AllocOp alloc) {
      if (!alloc->getParentOfType<gpu::LaunchOp>())
        allocs.push_back(alloc);
    });
    for (gpu::AllocOp alloc : allocs) {
      Value buffer = alloc.getMemref();
      if (!llvm::all_of(
              buffer.getUsers(),
              [](Operation *user) { return isa<memref::DeallocOp>(user); }) ||
          alloc.getHostShared())
        continue;
      // Its token only ends its own stream.
      Value token = alloc.getAsyncToken();
      if (token && !llvm::all_of(token.getUsers(), [](Operation *user) {
            auto wait = dyn_cast<gpu::WaitOp>(user);
            return wait && !wait.getAsyncToken() &&
                   wait.getAsyncDependencies().size() == 1;
          }))
        continue;
      for (Operation *user : llvm::make_early_inc_range(buffer.getUsers()))
        rewriter.eraseOp(user);
      if (token)
        for (Operation *user : llvm::make_early_inc_range(token.getUsers()))
          rewriter.eraseOp(user);
      SmallVector<Value> dependencies = alloc.getAsyncDependencies();
      rewriter.eraseOp(alloc);
      for (Value dependency : dependencies)
        if (auto wait = dependency.getDefiningOp<gpu::WaitOp>();
            wait && dependency.use_empty() &&
            wait.getAsyncDependencies().empty())
          rewriter.eraseOp(wait);
    }
  }

  /// On the device, a copy between device buffers is a kernel like any
  /// other.
  LogicalResult convertCopies(IRRewriter &rewriter) {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      if (!copy->getParentOfType<gpu::LaunchOp>())
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      bool hostSource = isHostBuffer(copy.getSource());
      bool hostTarget = isHostBuffer(copy.getTarget());
      if (hostSource && hostTarget)
        continue;
      if (hostSource || hostTarget)
        return copy.emitOpError(
            "copies between host and device memory with device-buffers");
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    }
    return success();
  }

  /// Frees device memory with gpu.dealloc, and fails at the first host op
  /// that would read or write it.
  LogicalResult freeAndCheckHostCode(IRRewriter &rewriter) {
    SmallVector<memref::DeallocOp> deallocs;
    WalkResult result =
        getOperation().walk<WalkOrder::PreOrder>([&](Operation *op) {
          if (isa<gpu::LaunchOp>(op))
            return WalkResult::skip();
          if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
            if (!isHostBuffer(dealloc.getMemref()))
              deallocs.push_back(dealloc);
            return WalkResult::advance();
          }
          if (op->getDialect() && isa<gpu::GPUDialect>(op->getDialect()))
            return WalkResult::advance();
          if (accessesDeviceMemory(op)) {
            op->emitError("reads or writes device memory on the host, which "
                          "it cannot reach with device-buffers");
            return WalkResult::interrupt();
          }
          return WalkResult::advance();
        });
    if (result.wasInterrupted())
      return failure();
    for (memref::DeallocOp dealloc : deallocs) {
      rewriter.setInsertionPoint(dealloc);
      freeOnDevice(rewriter, dealloc.getLoc(), dealloc.getMemref());
      rewriter.eraseOp(dealloc);
    }
    return success();
  }
};
} // namespace
