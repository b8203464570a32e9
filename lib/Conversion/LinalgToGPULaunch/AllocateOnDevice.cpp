//===- AllocateOnDevice.cpp - The host code's buffers in device memory ----===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The device-buffers mode of the GPU pipelines: after bufferization and the
// placement of deallocations, before these are lowered, every buffer that
// bufferization allocated is device memory (gpu.alloc), and constants are
// copied to the device where they are read. Each allocation and copy is
// synchronous on its own stream, as the kernels' launches are:
//
//   %t0 = gpu.wait async
//   %buffer, %t1 = gpu.alloc async [%t0] (...) : memref<...>
//   gpu.wait [%t1]
//
// The deallocations lowered afterwards free these buffers with
// memref.dealloc, which patches-linalg-to-gpu-launch{device-buffers} turns
// into gpu.dealloc (the memref.alloc ops that lowering adds are its host
// bookkeeping).
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/LinalgToGPULaunch/LinalgToGPULaunch.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace patches {
#define GEN_PASS_DEF_ALLOCATEONDEVICE
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

Value patches::beginGPUStream(OpBuilder &b, Location loc) {
  return gpu::WaitOp::create(b, loc, gpu::AsyncTokenType::get(b.getContext()),
                             ValueRange{})
      .getAsyncToken();
}

void patches::endGPUStream(OpBuilder &b, Location loc, Value token) {
  gpu::WaitOp::create(b, loc, Type(), ValueRange{token});
}

void patches::freeOnDevice(OpBuilder &b, Location loc, Value buffer) {
  Type tokenType = gpu::AsyncTokenType::get(b.getContext());
  Value token =
      gpu::DeallocOp::create(b, loc, tokenType,
                             ValueRange{beginGPUStream(b, loc)}, buffer)
          .getAsyncToken();
  endGPUStream(b, loc, token);
}

/// A device buffer of `type` (dynamic sizes `sizes`), allocated at `b`'s
/// insertion point.
static Value allocateOnDevice(OpBuilder &b, Location loc, MemRefType type,
                              ValueRange sizes) {
  Type tokenType = gpu::AsyncTokenType::get(b.getContext());
  auto alloc = gpu::AllocOp::create(b, loc, type, tokenType,
                                    ValueRange{beginGPUStream(b, loc)}, sizes,
                                    ValueRange{}, /*hostShared=*/false);
  endGPUStream(b, loc, alloc.getAsyncToken());
  return alloc.getMemref();
}

/// The dynamic sizes of `value`, a memref of `type`.
static SmallVector<Value> getDynamicSizes(OpBuilder &b, Location loc,
                                          Value value, MemRefType type) {
  SmallVector<Value> sizes;
  for (int64_t dim = 0; dim < type.getRank(); ++dim)
    if (type.isDynamicDim(dim))
      sizes.push_back(memref::DimOp::create(b, loc, value, dim));
  return sizes;
}

namespace {
struct AllocateOnDevicePass
    : patches::impl::AllocateOnDeviceBase<AllocateOnDevicePass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation().walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::LaunchOp>(op))
        return WalkResult::skip();
      if (isa<memref::AllocOp, bufferization::CloneOp, memref::GetGlobalOp>(op))
        ops.push_back(op);
      return WalkResult::advance();
    });

    IRRewriter rewriter(&getContext());
    Type tokenType = gpu::AsyncTokenType::get(&getContext());
    for (Operation *op : ops) {
      Location loc = op->getLoc();
      rewriter.setInsertionPoint(op);
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        if (!alloc.getSymbolOperands().empty() ||
            !alloc.getType().getLayout().isIdentity()) {
          alloc.emitOpError("cannot be allocated on the device: it has "
                            "symbol operands or a layout");
          return signalPassFailure();
        }
        rewriter.replaceOp(alloc,
                           allocateOnDevice(rewriter, loc, alloc.getType(),
                                            alloc.getDynamicSizes()));
      } else if (auto clone = dyn_cast<bufferization::CloneOp>(op)) {
        // A fresh device buffer and a copy (a kernel, once
        // patches-linalg-to-gpu-launch{device-buffers} has run).
        auto type = cast<MemRefType>(clone.getType());
        auto identity =
            MemRefType::get(type.getShape(), type.getElementType(),
                            MemRefLayoutAttrInterface(), type.getMemorySpace());
        if (!memref::CastOp::areCastCompatible(identity, type)) {
          clone.emitOpError("cannot be cloned on the device: its layout");
          return signalPassFailure();
        }
        Value buffer = allocateOnDevice(
            rewriter, loc, identity,
            getDynamicSizes(rewriter, loc, clone.getInput(), type));
        memref::CopyOp::create(rewriter, loc, clone.getInput(), buffer);
        if (identity != type)
          buffer = memref::CastOp::create(rewriter, loc, type, buffer);
        rewriter.replaceOp(clone, buffer);
      } else if (auto global = dyn_cast<memref::GetGlobalOp>(op)) {
        // The constant stays in host memory; its readers get a device copy,
        // which lives until the end of the block (the deallocation pipeline
        // clones a global before it can be returned or escape otherwise).
        rewriter.setInsertionPointAfter(global);
        auto type = cast<MemRefType>(global.getType());
        Value device = allocateOnDevice(rewriter, loc, type, ValueRange{});
        auto copy = gpu::MemcpyOp::create(
            rewriter, loc, tokenType, ValueRange{beginGPUStream(rewriter, loc)},
            device, global.getResult());
        endGPUStream(rewriter, loc, copy.getAsyncToken());
        rewriter.replaceAllUsesExcept(global.getResult(), device, copy);
        rewriter.setInsertionPoint(global->getBlock()->getTerminator());
        freeOnDevice(rewriter, loc, device);
      }
    }
  }
};
} // namespace
