//===- DataMovement.cpp - Device buffers, copies and the launch -----------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/RegionUtils.h"

#include <limits>

using namespace mlir;
using namespace patches;
using namespace patches::gpu_launch;

/// CUDA's limit on gridDim.x.
static constexpr int64_t kMaxGridX = std::numeric_limits<int32_t>::max();

void KernelBuilder::collectBuffers(ArrayRef<int64_t> staticLoopSizes) {
  bool hasReductions = !reductionLoops.empty();
  for (OpOperand *input : op.getDpsInputOperands())
    if (isa<MemRefType>(input->get().getType()) &&
        op.payloadUsesValueFromOperand(input))
      buffers[input->get()].read = true;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    BufferAccess &access = buffers[init.get()];
    access.written = true;
    if (hasReductions || op.payloadUsesValueFromOperand(&init) ||
        !writesEveryElement(op, &init, staticLoopSizes))
      access.read = true;
  }
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value value : captured)
    if (isa<MemRefType>(value.getType()))
      addCapturedUses(op->getRegion(0), value, buffers[value]);
}

void KernelBuilder::build(RewriterBase &rewriter) {
  MLIRContext *ctx = op.getContext();
  rewriter.setInsertionPoint(op);
  op.getReductionDims(reductionLoops);
  parallelLoops = orderParallelLoops(op);

  SmallVector<int64_t> staticLoopSizes = op.getStaticLoopRanges();
  for (Range range : op.createLoopRanges(rewriter, loc))
    loopSizes.push_back(
        getValueOrCreateConstantIndexOp(rewriter, loc, range.size));
  // Each thread one point: an element, or a vector of consecutive output
  // elements per iteration of its loop over the thread loop.
  vectorPlan = planVectors(staticLoopSizes);
  pointSizes = loopSizes;
  if (vectorPlan.threadLoop)
    pointSizes[*vectorPlan.threadLoop] = arith::ConstantIndexOp::create(
        rewriter, loc,
        staticLoopSizes[*vectorPlan.threadLoop] / vectorPlan.threadTrip);
  if (vectorPlan.lanes > 1 && !vectorPlan.flat) {
    unsigned innermost = parallelLoops.back();
    pointSizes[innermost] = arith::ConstantIndexOp::create(
        rewriter, loc, staticLoopSizes[innermost] / vectorPlan.lanes);
  }
  // The number of parallel points, statically where the sizes are known.
  std::optional<int64_t> staticTotal = 1;
  Value total = arith::ConstantIndexOp::create(rewriter, loc, 1);
  for (unsigned loop : parallelLoops) {
    std::optional<int64_t> size = getConstantIntValue(pointSizes[loop]);
    staticTotal = staticTotal && size
                      ? std::optional<int64_t>(*staticTotal * *size)
                      : std::nullopt;
    total = arith::MulIOp::create(rewriter, loc, total, pointSizes[loop]);
  }
  // Flat vectors: the points are the vectors of the flat elements, all
  // static (planVectors), the last one partial where they do not divide.
  int64_t flatScale = vectorPlan.flat ? vectorPlan.lanes : 1;
  if (vectorPlan.flat) {
    *staticTotal = llvm::divideCeil(*staticTotal, vectorPlan.lanes);
    total = arith::ConstantIndexOp::create(rewriter, loc, *staticTotal);
  }
  if (staticTotal && *staticTotal == 0) {
    rewriter.eraseOp(op);
    return;
  }
  collectBuffers(staticLoopSizes);

  // Blocks enough to give each point a thread, up to the grid's limit.
  bool gridCovers = staticTotal && static_cast<int64_t>(llvm::divideCeil(
                                       *staticTotal, blockSize)) <= kMaxGridX;
  // In 32 bits, flat indices reach blocks * blockSize - 1 < size +
  // blockSize, compared and divided unsigned (flat vectors' elements
  // `flatScale` times that).
  bool narrowIndex =
      indexBitwidth == 32 && gridCovers &&
      (*staticTotal + blockSize) * flatScale <= (int64_t(1) << 32);
  Value blockSizeValue =
      arith::ConstantIndexOp::create(rewriter, loc, blockSize);
  Value gridSize;
  if (staticTotal) {
    gridSize = arith::ConstantIndexOp::create(
        rewriter, loc,
        std::min<int64_t>(llvm::divideCeil(*staticTotal, blockSize),
                          kMaxGridX));
  } else {
    gridSize = arith::MinUIOp::create(
        rewriter, loc,
        arith::CeilDivUIOp::create(rewriter, loc, total, blockSizeValue),
        arith::ConstantIndexOp::create(rewriter, loc, kMaxGridX));
  }

  // Nothing to launch when a dynamic iteration space is empty.
  if (!staticTotal) {
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value nonEmpty = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::ne, total, zero);
    auto guard = scf::IfOp::create(rewriter, loc, nonEmpty,
                                   /*withElseRegion=*/false);
    rewriter.setInsertionPointToStart(guard.thenBlock());
  }

  SmallVector<std::pair<Value, Value>> stagedOut; // (host, contiguous copy)
  SmallVector<Value> contiguousCopies;
  llvm::MapVector<Value, Value> transferSource; // host buffer -> copy source
  Type tokenType = gpu::AsyncTokenType::get(ctx);
  Value token = nullptr;
  if (deviceBuffers) {
    // The buffers are on the device already: the kernel takes them as they
    // are, strided views included.
    for (auto &entry : buffers)
      deviceBufferOf.map(entry.first, entry.first);
    token = gpu::WaitOp::create(rewriter, loc, tokenType, ValueRange{})
                .getAsyncToken();
  } else {
    // Strided host buffers go through a contiguous host copy.
    for (auto &[host, access] : buffers) {
      auto type = cast<MemRefType>(host.getType());
      Value source = host;
      if (!type.getLayout().isIdentity()) {
        auto contiguous =
            MemRefType::get(type.getShape(), type.getElementType());
        SmallVector<Value> sizes;
        for (int64_t dim = 0; dim < type.getRank(); ++dim)
          if (type.isDynamicDim(dim))
            sizes.push_back(memref::DimOp::create(rewriter, loc, host, dim));
        source = memref::AllocOp::create(rewriter, loc, contiguous, sizes);
        contiguousCopies.push_back(source);
        if (access.read)
          memref::CopyOp::create(rewriter, loc, host, source);
        if (access.written)
          stagedOut.push_back({host, source});
      }
      transferSource[host] = source;
    }

    token = gpu::WaitOp::create(rewriter, loc, tokenType, ValueRange{})
                .getAsyncToken();
    for (auto &[host, access] : buffers) {
      Value source = transferSource[host];
      auto type = cast<MemRefType>(source.getType());
      SmallVector<Value> sizes;
      for (int64_t dim = 0; dim < type.getRank(); ++dim)
        if (type.isDynamicDim(dim))
          sizes.push_back(memref::DimOp::create(rewriter, loc, source, dim));
      auto alloc = gpu::AllocOp::create(rewriter, loc, type, tokenType,
                                        ValueRange{token}, sizes, ValueRange{},
                                        /*hostShared=*/false);
      token = alloc.getAsyncToken();
      deviceBufferOf.map(host, alloc.getMemref());
      if (access.read)
        token =
            gpu::MemcpyOp::create(rewriter, loc, tokenType, ValueRange{token},
                                  alloc.getMemref(), source)
                .getAsyncToken();
    }
  }

  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  auto launch = gpu::LaunchOp::create(
      rewriter, loc, gridSize, one, one, blockSizeValue, one, one,
      /*dynamicSharedMemorySize=*/nullptr, tokenType, ValueRange{token});
  token = launch.getAsyncToken();
  {
    OpBuilder::InsertionGuard guard(rewriter);
    Block &body = launch.getBody().front();
    rewriter.setInsertionPointToStart(&body);
    Type flatType = narrowIndex ? Type(rewriter.getI32Type())
                                : Type(rewriter.getIndexType());
    auto toFlat = [&](Value v) -> Value {
      return narrowIndex
                 ? arith::IndexCastUIOp::create(rewriter, loc, flatType, v)
                 : v;
    };
    Value threadBlockSize = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(flatType, blockSize));
    Value first = arith::AddIOp::create(
        rewriter, loc,
        arith::MulIOp::create(rewriter, loc, toFlat(launch.getBlockIds().x),
                              threadBlockSize),
        toFlat(launch.getThreadIds().x));
    Value size = staticTotal
                     ? arith::ConstantOp::create(
                           rewriter, loc,
                           rewriter.getIntegerAttr(flatType, *staticTotal))
                           .getResult()
                     : total;
    if (gridCovers) {
      Value inside = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::ult, first, size);
      auto ifOp = scf::IfOp::create(rewriter, loc, inside,
                                    /*withElseRegion=*/false);
      OpBuilder::InsertionGuard thenGuard(rewriter);
      rewriter.setInsertionPointToStart(ifOp.thenBlock());
      buildPoint(rewriter, first, flatType);
    } else {
      Value stride = arith::MulIOp::create(
          rewriter, loc, toFlat(launch.getGridSize().x), threadBlockSize);
      auto loop = scf::ForOp::create(rewriter, loc, first, size, stride);
      OpBuilder::InsertionGuard loopGuard(rewriter);
      rewriter.setInsertionPointToStart(loop.getBody());
      buildPoint(rewriter, loop.getInductionVar(), flatType);
    }
    gpu::TerminatorOp::create(rewriter, loc);
  }

  if (!deviceBuffers) {
    for (auto &[host, access] : buffers) {
      Value device = deviceBufferOf.lookup(host);
      if (access.written)
        token =
            gpu::MemcpyOp::create(rewriter, loc, tokenType, ValueRange{token},
                                  transferSource[host], device)
                .getAsyncToken();
    }
    for (auto &[host, access] : buffers)
      token =
          gpu::DeallocOp::create(rewriter, loc, tokenType, ValueRange{token},
                                 deviceBufferOf.lookup(host))
              .getAsyncToken();
  }
  gpu::WaitOp::create(rewriter, loc, Type(), ValueRange{token});
  for (auto [host, contiguous] : stagedOut)
    memref::CopyOp::create(rewriter, loc, contiguous, host);
  for (Value contiguous : contiguousCopies)
    memref::DeallocOp::create(rewriter, loc, contiguous);

  rewriter.eraseOp(op);
}
