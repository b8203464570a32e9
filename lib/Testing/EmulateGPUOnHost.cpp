//===- EmulateGPUOnHost.cpp - Run GPU kernels as host loops ---------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A reference execution of gpu.launch kernels on the CPU: blocks and threads
// become sequential loops, device memory becomes host memory. It lets the
// kernels of the GPU pipeline be tested bit for bit on machines without a
// GPU.
//
//===----------------------------------------------------------------------===//

#include "patches/Testing/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/TypeSwitch.h"

namespace patches {
#define GEN_PASS_DEF_EMULATEGPUONHOST
#include "patches/Testing/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

/// Whether `launch` only holds code whose threads do not communicate, so
/// that running them one after another gives the GPU's result.
static LogicalResult checkIndependentThreads(gpu::LaunchOp launch) {
  if (!launch.getWorkgroupAttributions().empty() ||
      !launch.getPrivateAttributions().empty() ||
      launch.getDynamicSharedMemorySize() || launch.hasClusterSize())
    return launch.emitOpError("cannot be emulated on the host: it uses "
                              "shared memory, attributions or clusters");
  if (launch.getBody().getBlocks().size() != 1)
    return launch.emitOpError(
        "cannot be emulated on the host: its body has several blocks");
  WalkResult result = launch.getBody().walk([](Operation *op) {
    if (op->getDialect() && isa<gpu::GPUDialect>(op->getDialect()) &&
        !isa<gpu::TerminatorOp, gpu::ThreadIdOp, gpu::BlockIdOp,
             gpu::BlockDimOp, gpu::GridDimOp>(op)) {
      op->emitOpError("cannot be emulated on the host");
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// Replaces `launch` by loops over its grid (z, y, x outermost) and block.
static void emulateLaunch(IRRewriter &rewriter, gpu::LaunchOp launch) {
  Location loc = launch.getLoc();
  rewriter.setInsertionPoint(launch);
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
  gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
  SmallVector<Value> upperBounds = {grid.z,  grid.y,  grid.x,
                                    block.z, block.y, block.x};
  SmallVector<Value> ivs;
  for (Value upperBound : upperBounds) {
    auto loop = scf::ForOp::create(rewriter, loc, zero, upperBound, one);
    ivs.push_back(loop.getInductionVar());
    rewriter.setInsertionPointToStart(loop.getBody());
  }

  IRMapping mapping;
  gpu::KernelDim3 blockIds = launch.getBlockIds();
  gpu::KernelDim3 threadIds = launch.getThreadIds();
  gpu::KernelDim3 gridSizes = launch.getGridSize();
  gpu::KernelDim3 blockSizes = launch.getBlockSize();
  mapping.map(blockIds.z, ivs[0]);
  mapping.map(blockIds.y, ivs[1]);
  mapping.map(blockIds.x, ivs[2]);
  mapping.map(threadIds.z, ivs[3]);
  mapping.map(threadIds.y, ivs[4]);
  mapping.map(threadIds.x, ivs[5]);
  mapping.map(gridSizes.z, grid.z);
  mapping.map(gridSizes.y, grid.y);
  mapping.map(gridSizes.x, grid.x);
  mapping.map(blockSizes.z, block.z);
  mapping.map(blockSizes.y, block.y);
  mapping.map(blockSizes.x, block.x);
  for (Operation &op : launch.getBody().front().without_terminator())
    rewriter.clone(op, mapping);

  // Id and size ops in the body are the loop indices and bounds too.
  SmallVector<Operation *> idOps;
  Block *innermost = rewriter.getInsertionBlock();
  innermost->walk([&](Operation *op) {
    if (isa<gpu::ThreadIdOp, gpu::BlockIdOp, gpu::BlockDimOp, gpu::GridDimOp>(
            op))
      idOps.push_back(op);
  });
  auto position = [](gpu::Dimension dimension) {
    return 2 - static_cast<unsigned>(dimension);
  };
  for (Operation *op : idOps) {
    Value replacement =
        TypeSwitch<Operation *, Value>(op)
            .Case([&](gpu::BlockIdOp id) {
              return ivs[position(id.getDimension())];
            })
            .Case([&](gpu::ThreadIdOp id) {
              return ivs[3 + position(id.getDimension())];
            })
            .Case([&](gpu::GridDimOp dim) {
              return upperBounds[position(dim.getDimension())];
            })
            .Case([&](gpu::BlockDimOp dim) {
              return upperBounds[3 + position(dim.getDimension())];
            });
    rewriter.replaceOp(op, replacement);
  }
}

namespace {
struct EmulateGPUOnHostPass
    : patches::impl::EmulateGPUOnHostBase<EmulateGPUOnHostPass> {
  void runOnOperation() override {
    SmallVector<Operation *> gpuOps;
    getOperation().walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::LaunchOp, gpu::AllocOp, gpu::MemcpyOp, gpu::DeallocOp,
              gpu::WaitOp>(op)) {
        gpuOps.push_back(op);
        if (isa<gpu::LaunchOp>(op))
          return WalkResult::skip();
      }
      return WalkResult::advance();
    });

    IRRewriter rewriter(&getContext());
    for (Operation *op : gpuOps) {
      rewriter.setInsertionPoint(op);
      Location loc = op->getLoc();
      if (auto launch = dyn_cast<gpu::LaunchOp>(op)) {
        if (failed(checkIndependentThreads(launch)))
          return signalPassFailure();
        emulateLaunch(rewriter, launch);
      } else if (auto alloc = dyn_cast<gpu::AllocOp>(op)) {
        if (!alloc.getSymbolOperands().empty()) {
          alloc.emitOpError("cannot be emulated on the host: symbol operands");
          return signalPassFailure();
        }
        Value host = memref::AllocOp::create(rewriter, loc, alloc.getType(),
                                             alloc.getDynamicSizes());
        rewriter.replaceAllUsesWith(alloc.getMemref(), host);
      } else if (auto copy = dyn_cast<gpu::MemcpyOp>(op)) {
        memref::CopyOp::create(rewriter, loc, copy.getSrc(), copy.getDst());
      } else if (auto dealloc = dyn_cast<gpu::DeallocOp>(op)) {
        memref::DeallocOp::create(rewriter, loc, dealloc.getMemref());
      }
    }
    // Async tokens only link the ops above: erase users before producers.
    for (Operation *op : llvm::reverse(gpuOps)) {
      for (Value result : op->getResults())
        if (!result.use_empty()) {
          op->emitOpError("cannot be emulated on the host: its result has "
                          "a use outside the GPU ops");
          return signalPassFailure();
        }
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
