//===- NontemporalStores.cpp - Streaming stores for marked loops ----------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A marked scf.for that stores one vector per iteration at consecutive,
// vector-sized steps of a unit-stride memref is versioned on the alignment
// of its first store: aligned, its stores become non-temporal; otherwise it
// runs unchanged. x86 has non-temporal vector stores only for aligned
// addresses, so the test is what makes them legal.
//
//===----------------------------------------------------------------------===//

#include "patches/Target/CPUTarget.h"
#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

namespace patches {
#define GEN_PASS_DEF_NONTEMPORALSTORES
#include "patches/Transforms/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

namespace {

/// The store of a loop that can stream: the loop's one vector store, and
/// the index of its first iteration's store as a function of the loop's
/// lower bound.
struct StreamedStore {
  vector::TransferWriteOp write;
  /// The loop-invariant part of the index: index = start + iv * lanes.
  Value start;
};

/// Whether `index` is `start + iv * lanes` (or `iv * lanes`, `start + iv`
/// for one lane) with `start` defined outside `loop`; returns `start`
/// (null for zero).
static std::optional<Value> matchVectorSteps(scf::ForOp loop, Value index,
                                             int64_t lanes) {
  Value iv = loop.getInductionVar();
  auto isSteps = [&](Value v) {
    if (lanes == 1 && v == iv)
      return true;
    auto mul = v.getDefiningOp<arith::MulIOp>();
    if (!mul)
      return false;
    for (auto [x, y] : {std::pair(mul.getLhs(), mul.getRhs()),
                        std::pair(mul.getRhs(), mul.getLhs())})
      if (x == iv && isConstantIntValue(y, lanes))
        return true;
    return false;
  };
  if (isSteps(index))
    return Value();
  auto add = index.getDefiningOp<arith::AddIOp>();
  if (!add)
    return std::nullopt;
  for (auto [x, y] : {std::pair(add.getLhs(), add.getRhs()),
                      std::pair(add.getRhs(), add.getLhs())})
    if (isSteps(x) && loop.isDefinedOutsideOfLoop(y))
      return y;
  return std::nullopt;
}

static FailureOr<StreamedStore> matchStreamedStore(scf::ForOp loop) {
  vector::TransferWriteOp write;
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto w = dyn_cast<vector::TransferWriteOp>(op)) {
      if (write)
        return failure();
      write = w;
    }
  }
  if (!write || write.getMask() || !write.hasPureBufferSemantics())
    return failure();
  VectorType vectorType = write.getVectorType();
  auto memrefType = dyn_cast<MemRefType>(write.getBase().getType());
  if (vectorType.getRank() != 1 || !memrefType || memrefType.getRank() != 1 ||
      !write.getPermutationMap().isMinorIdentity() || !write.isDimInBounds(0) ||
      vectorType.getElementType() != memrefType.getElementType())
    return failure();
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(memrefType.getStridesAndOffset(strides, offset)) ||
      strides[0] != 1)
    return failure();
  // Only power-of-two byte sizes (the vector then has a power-of-two size
  // in bytes where its lane count is one).
  Type elementType = vectorType.getElementType();
  if (!elementType.isIntOrFloat() ||
      elementType.getIntOrFloatBitWidth() % 8 != 0 ||
      !llvm::isPowerOf2_64(vectorType.getNumElements() *
                           elementType.getIntOrFloatBitWidth() / 8))
    return failure();
  // The memref must not change inside the loop.
  if (!loop.isDefinedOutsideOfLoop(write.getBase()) &&
      !llvm::is_contained(loop.getRegionIterArgs(), write.getBase()))
    return failure();
  std::optional<Value> start = matchVectorSteps(loop, write.getIndices()[0],
                                                vectorType.getNumElements());
  if (!start)
    return failure();
  return StreamedStore{write, *start};
}

/// The memref that `value` (a region iter_arg of the loop, or defined
/// above it) names before the loop.
static Value valueBeforeLoop(scf::ForOp loop, Value value) {
  auto arg = dyn_cast<BlockArgument>(value);
  if (arg && arg.getOwner() == loop.getBody() && arg.getArgNumber() > 0)
    return loop.getInitArgs()[arg.getArgNumber() - 1];
  return value;
}

/// Versions `loop` on the alignment of its first store.
static void versionLoop(scf::ForOp loop, const StreamedStore &store) {
  OpBuilder b(loop);
  Location loc = loop.getLoc();
  vector::TransferWriteOp write = store.write;
  VectorType vectorType = write.getVectorType();
  int64_t bytes =
      vectorType.getNumElements() * vectorType.getElementTypeBitWidth() / 8;
  Value memref = valueBeforeLoop(loop, write.getBase());

  // The first store's address: aligned pointer + (offset + start + lb *
  // lanes) * element bytes.
  Value lanes =
      arith::ConstantIndexOp::create(b, loc, vectorType.getNumElements());
  Value first = arith::MulIOp::create(b, loc, loop.getLowerBound(), lanes);
  if (store.start)
    first = arith::AddIOp::create(b, loc, store.start, first);
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
  Value element = arith::AddIOp::create(b, loc, metadata.getOffset(), first);
  Value pointer =
      memref::ExtractAlignedPointerAsIndexOp::create(b, loc, memref);
  Value address = arith::AddIOp::create(
      b, loc, pointer,
      arith::MulIOp::create(
          b, loc, element,
          arith::ConstantIndexOp::create(
              b, loc, vectorType.getElementTypeBitWidth() / 8)));
  Value misalignment = arith::RemUIOp::create(
      b, loc, address, arith::ConstantIndexOp::create(b, loc, bytes));
  Value aligned =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, misalignment,
                            arith::ConstantIndexOp::create(b, loc, 0));

  loop->removeAttr(kNontemporalLoopAttrName);
  auto ifOp = scf::IfOp::create(
      b, loc, aligned,
      [&](OpBuilder &tb, Location tl) {
        IRMapping mapping;
        auto streaming = cast<scf::ForOp>(tb.clone(*loop, mapping));
        auto clonedWrite =
            cast<vector::TransferWriteOp>(mapping.lookup(write.getOperation()));
        OpBuilder sb(clonedWrite);
        vector::StoreOp::create(sb, clonedWrite.getLoc(),
                                clonedWrite.getVector(), clonedWrite.getBase(),
                                clonedWrite.getIndices(),
                                /*nontemporal=*/true, llvm::MaybeAlign(bytes));
        clonedWrite.erase();
        scf::YieldOp::create(tb, tl, streaming.getResults());
      },
      [&](OpBuilder &eb, Location el) {
        auto plain = cast<scf::ForOp>(eb.clone(*loop));
        scf::YieldOp::create(eb, el, plain.getResults());
      });
  loop.replaceAllUsesWith(ifOp.getResults());
  loop.erase();
}

struct NontemporalStoresPass
    : patches::impl::NontemporalStoresBase<NontemporalStoresPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<scf::ForOp> marked;
    func.walk([&](scf::ForOp loop) {
      if (loop->hasAttr(kNontemporalLoopAttrName))
        marked.push_back(loop);
    });
    bool streams = false;
    for (scf::ForOp loop : marked) {
      FailureOr<StreamedStore> store = matchStreamedStore(loop);
      if (failed(store)) {
        loop->removeAttr(kNontemporalLoopAttrName);
        continue;
      }
      versionLoop(loop, *store);
      streams = true;
    }
    if (!streams)
      return;
    // Non-temporal stores are weakly ordered on x86: fence them before the
    // function returns, so that whatever the caller does next (a release,
    // a flag another thread reads) comes after them.
    TargetRequest request = getTargetRequest(func);
    std::string tripleName = request.triple.empty()
                                 ? llvm::sys::getDefaultTargetTriple()
                                 : request.triple;
    if (!llvm::Triple(tripleName).isX86())
      return;
    func.walk([&](func::ReturnOp ret) {
      OpBuilder b(ret);
      LLVM::CallIntrinsicOp::create(b, ret.getLoc(),
                                    b.getStringAttr("llvm.x86.sse.sfence"),
                                    ValueRange{});
    });
  }
};

} // namespace
