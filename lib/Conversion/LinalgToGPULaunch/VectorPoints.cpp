//===- VectorPoints.cpp - A vector of output elements per GPU thread ------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// With `vector-stores`, each thread of a kernel stores 16 bytes of
// consecutive output elements as one aligned vector, and loops over the
// outermost parallel loop (the batch, in a gather), whose index only moves
// its addresses; where that would leave fewer than `min-threads` threads,
// over a chunk of it (N below: the loop's size or a divisor of it):
//
//   lanes' loop indices = decomposition of the thread's vector (once)
//   if (every lane's guards hold) {        // once per thread, where the
//     for n in [0, N):                     // guards do not use n
//       lanes: the payload with its guards' branches taken, inputs read as
//              one vector load where the lanes read consecutive, aligned
//              elements
//       one vector store per output
//   } else {
//     for n in [0, N):
//       lanes: the payload as it is (its per-element tests)
//       one vector store per output
//   }
//
// A guard is a top-level `scf.if` of the payload with results: in a
// gather, the test that the element read is inside the input (and on the
// lhs-dilation grid). Taking its `then` branch where its condition holds
// is what the payload does, so the fast path is exact by construction.
//
// The lanes are the consecutive points of the innermost loop where its size
// is a multiple of the vector (and it indexes the outputs' innermost
// dimension alone), or else the consecutive flat points of the iteration
// space (each decomposed on its own, once per thread, and stored through a
// 1-D view), where the outputs' elements lie in that order; a last thread
// stores the flat elements past the last whole vector one by one. Every
// vector is aligned as the buffer is: device buffers of the launch are
// (cuMemAlloc's are 256-byte aligned), and the memrefs of `device-buffers`
// are tested at run time, with per-element stores where they are not.
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <cstdlib>
#include <numeric>

using namespace mlir;
using namespace patches;
using namespace patches::gpu_launch;

/// The bytes each thread stores per output: st.global.v4.b32, v2.b64, ...
static constexpr int64_t kVectorBytes = 16;

//===----------------------------------------------------------------------===//
// The plan
//===----------------------------------------------------------------------===//

/// Whether the elements of `init` lie in the order of the parallel loops
/// `order` (outermost first): its linear offset is the mixed-radix number
/// of the loop indices over `sizes` (all static).
static bool isInFlatOrder(linalg::LinalgOp op, OpOperand *init,
                          ArrayRef<unsigned> order, ArrayRef<int64_t> sizes) {
  auto type = cast<MemRefType>(init->get().getType());
  if (!type.hasStaticShape())
    return false;
  AffineMap map = op.getMatchingIndexingMap(init);
  unsigned numLoops = op.getNumLoops();
  SmallVector<int64_t> offsetCoefficients(numLoops, 0);
  int64_t stride = 1;
  for (int64_t position = type.getRank(); position-- > 0;) {
    std::optional<LinearExpr> linear =
        decomposeLinear(map.getResult(position), numLoops);
    if (!linear || linear->constant != 0)
      return false;
    for (unsigned d = 0; d < numLoops; ++d)
      offsetCoefficients[d] += linear->coefficients[d] * stride;
    stride *= type.getDimSize(position);
  }
  int64_t radix = 1;
  for (unsigned loop : llvm::reverse(order)) {
    // A loop of one point adds nothing to the offset.
    if (sizes[loop] != 1 && offsetCoefficients[loop] != radix)
      return false;
    radix *= sizes[loop];
  }
  return true;
}

/// The width of `element` as a lane: signless integers and floats of a
/// power-of-two width of a byte or more (signed and unsigned integers have
/// no bitcast, sub-byte elements share bytes); nullopt for the others.
static std::optional<unsigned> getLaneBits(Type element) {
  if (!element.isSignlessIntOrFloat())
    return std::nullopt;
  unsigned bits = element.getIntOrFloatBitWidth();
  if (bits < 8 || !llvm::isPowerOf2_32(bits))
    return std::nullopt;
  return bits;
}

/// Whether `lanes` consecutive elements of `type`, the first at a multiple
/// of `lanes` in its innermost dimension, are one aligned vector load of
/// at most kVectorBytes: an identity layout, static, with rows a multiple
/// of `lanes`.
static bool isVectorBuffer(MemRefType type, int64_t lanes) {
  std::optional<unsigned> bits = getLaneBits(type.getElementType());
  return bits && type.getLayout().isIdentity() && type.getRank() != 0 &&
         type.hasStaticShape() && lanes * *bits <= 8 * kVectorBytes &&
         type.getShape().back() % lanes == 0;
}

namespace {
/// A payload value as `coefficient * i + g` in the innermost loop's index
/// i, with `g` independent of i and a multiple of `divisor` (0: g is 0).
struct InnermostTerm {
  int64_t coefficient = 0;
  int64_t divisor = 1;
};
} // namespace

/// `value` as an InnermostTerm of loop `innermost`, or nullopt where it
/// depends on that loop's index other than linearly (or on the elements
/// the payload reads).
static std::optional<InnermostTerm> getInnermostTerm(Value value,
                                                     Block *payload,
                                                     unsigned innermost,
                                                     ArrayRef<int64_t> sizes) {
  Operation *def = value.getDefiningOp();
  if (!def) {
    // The payload's arguments are elements read at the loop indices.
    if (cast<BlockArgument>(value).getOwner() == payload)
      return std::nullopt;
    return InnermostTerm{};
  }
  if (!payload->getParentOp()->isAncestor(def))
    return InnermostTerm{};
  if (auto index = dyn_cast<linalg::IndexOp>(def)) {
    if (index.getDim() == innermost)
      return InnermostTerm{1, 0};
    // A loop of one point (a 1-wide window) is 0.
    return sizes[index.getDim()] == 1 ? InnermostTerm{0, 0} : InnermostTerm{};
  }
  if (std::optional<int64_t> constant = getConstantIntValue(value))
    return InnermostTerm{0, std::abs(*constant)};
  auto operand = [&](unsigned i) {
    return getInnermostTerm(def->getOperand(i), payload, innermost, sizes);
  };
  if (isa<arith::AddIOp, arith::SubIOp>(def)) {
    std::optional<InnermostTerm> lhs = operand(0), rhs = operand(1);
    if (!lhs || !rhs)
      return std::nullopt;
    int64_t sign = isa<arith::AddIOp>(def) ? 1 : -1;
    return InnermostTerm{lhs->coefficient + sign * rhs->coefficient,
                         std::gcd(lhs->divisor, rhs->divisor)};
  }
  if (isa<arith::MulIOp>(def)) {
    for (unsigned i = 0; i < 2; ++i) {
      std::optional<int64_t> factor = getConstantIntValue(def->getOperand(i));
      std::optional<InnermostTerm> other = operand(1 - i);
      if (factor && other)
        return InnermostTerm{other->coefficient * *factor,
                             other->divisor * std::abs(*factor)};
    }
  }
  // Anything else is independent of the index where its operands are.
  for (unsigned i = 0; i < def->getNumOperands(); ++i) {
    std::optional<InnermostTerm> term = operand(i);
    if (!term || term->coefficient != 0)
      return std::nullopt;
  }
  if (def->getNumRegions() != 0)
    return std::nullopt;
  return InnermostTerm{};
}

/// Whether `load`'s lanes (the innermost loop's consecutive points, the
/// first at a multiple of `lanes`) read consecutive elements of an
/// identity-layout buffer, the first at a multiple of `lanes` elements,
/// with at most kVectorBytes in all.
static bool isVectorLoad(memref::LoadOp load, Block *payload,
                         unsigned innermost, int64_t lanes,
                         ArrayRef<int64_t> sizes) {
  // The buffer is the kernel's, from above.
  Operation *op = payload->getParentOp();
  if (op->isAncestor(load.getMemref().getParentRegion()->getParentOp()))
    return false;
  if (!isVectorBuffer(load.getMemRefType(), lanes))
    return false;
  ValueRange indices = load.getIndices();
  for (auto [position, index] : llvm::enumerate(indices)) {
    std::optional<InnermostTerm> term =
        getInnermostTerm(index, payload, innermost, sizes);
    if (!term)
      return false;
    bool last = position + 1 == indices.size();
    if (term->coefficient != (last ? 1 : 0))
      return false;
    if (last && term->divisor % lanes != 0)
      return false;
  }
  return true;
}

/// Whether the lanes of `input` (the innermost loop's consecutive points,
/// the first at a multiple of `lanes`) are consecutive, aligned elements of
/// an identity-layout buffer, with at most kVectorBytes in all: its map
/// indexes the innermost dimension with the innermost loop plus loops of
/// one point (a gather's 1-wide window) and a multiple of `lanes`, and the
/// other dimensions without the innermost loop.
static bool isVectorInput(linalg::LinalgOp op, OpOperand *input,
                          unsigned innermost, int64_t lanes,
                          ArrayRef<int64_t> sizes) {
  auto type = dyn_cast<MemRefType>(input->get().getType());
  if (!type || !op.payloadUsesValueFromOperand(input) ||
      !isVectorBuffer(type, lanes))
    return false;
  AffineMap map = op.getMatchingIndexingMap(input);
  unsigned numLoops = op.getNumLoops();
  for (auto [position, expr] : llvm::enumerate(map.getResults())) {
    std::optional<LinearExpr> linear = decomposeLinear(expr, numLoops);
    if (!linear)
      return false;
    bool last = position + 1 == map.getNumResults();
    if (linear->coefficients[innermost] != (last ? 1 : 0))
      return false;
    if (!last)
      continue;
    if (linear->constant % lanes != 0)
      return false;
    for (unsigned d = 0; d < numLoops; ++d)
      if (d != innermost && linear->coefficients[d] % lanes != 0 &&
          sizes[d] != 1)
        return false;
  }
  return true;
}

VectorPlan KernelBuilder::planVectors(ArrayRef<int64_t> sizes) {
  VectorPlan plan;
  // Vectors need outputs in contiguous buffers (identity layout, so that
  // each vector is aligned as the buffer is), with integer or float
  // elements of one width of a byte or more, that the payload computes
  // without reading the outputs, over static parallel loops; reductions
  // stay one element a thread.
  if (!vectorStores || !reductionLoops.empty() || parallelLoops.empty() ||
      op.getNumDpsInits() == 0)
    return plan;
  // (An op of no points is erased, not launched.)
  for (unsigned loop : parallelLoops)
    if (ShapedType::isDynamic(sizes[loop]) || sizes[loop] == 0)
      return plan;
  unsigned innermost = parallelLoops.back();
  std::optional<unsigned> width;
  bool rows = true, flat = true;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    auto type = dyn_cast<MemRefType>(init.get().getType());
    if (!type || !type.getLayout().isIdentity() || type.getRank() == 0 ||
        op.payloadUsesValueFromOperand(&init))
      return plan;
    std::optional<unsigned> bits = getLaneBits(type.getElementType());
    if (!bits || (width && *width != *bits))
      return plan;
    width = bits;
    // Rows: the innermost loop indexes the innermost dimension, and only
    // it, so that the lanes are consecutive elements of one row.
    AffineMap map = op.getMatchingIndexingMap(&init);
    rows &=
        map.getResults().back() == getAffineDimExpr(innermost, op.getContext());
    for (AffineExpr leading : map.getResults().drop_back())
      rows &= !leading.isFunctionOfDim(innermost);
    flat &= isInFlatOrder(op, &init, parallelLoops, sizes);
  }
  int64_t lanes = 8 * kVectorBytes / *width;
  if (lanes < 2)
    return plan;

  // The thread loop: the outermost loop, or the longest chunk of it that
  // divides it, where the threads (the other loops' vectors times the
  // chunks) still number minThreads.
  int64_t total = 1;
  for (unsigned loop : parallelLoops)
    total *= sizes[loop];
  unsigned outermost = parallelLoops.front();
  std::optional<unsigned> threadLoop;
  int64_t threadTrip = 0;
  if (parallelLoops.size() >= 2) {
    int64_t size = sizes[outermost];
    int64_t vectorsPerIteration = total / size / lanes;
    for (int64_t trip = size; trip >= 2; --trip) {
      if (size % trip == 0 &&
          (size / trip) * vectorsPerIteration >= minThreads) {
        threadLoop = outermost;
        threadTrip = trip;
        break;
      }
    }
  }
  int64_t threadPoints = threadLoop ? total / sizes[outermost] : total;

  if (rows && sizes[innermost] % lanes == 0) {
    plan.flat = false;
  } else if (flat && threadPoints % lanes == 0) {
    plan.flat = true;
  } else if (flat && total >= lanes) {
    // Without the thread loop, every vector lies in one buffer row (and
    // the last thread stores the elements past the last whole vector).
    plan.flat = true;
    plan.tailLanes = total % lanes;
    threadLoop.reset();
  } else {
    return plan;
  }
  plan.lanes = lanes;
  plan.threadLoop = threadLoop;
  plan.threadTrip = threadLoop ? threadTrip : 0;

  Block *payload = op.getBlock();
  // Vector loads need the lanes along the innermost loop itself.
  if (!plan.flat) {
    payload->walk([&](memref::LoadOp load) {
      if (isVectorLoad(load, payload, innermost, lanes, sizes))
        plan.vectorLoads.insert(load);
    });
    for (OpOperand *input : op.getDpsInputOperands())
      if (isVectorInput(op, input, innermost, lanes, sizes))
        plan.vectorInputs.insert(input);
  }

  // The guards, and the ops their conditions use.
  for (Operation &nested : payload->without_terminator())
    if (auto guard = dyn_cast<scf::IfOp>(nested);
        guard && guard.getNumResults() != 0)
      plan.guards.push_back(guard);
  plan.fastPath = true;
  llvm::SmallPtrSet<Operation *, 16> inSlice;
  SmallVector<Value> worklist;
  for (scf::IfOp guard : plan.guards)
    worklist.push_back(guard.getCondition());
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      // An element read by the payload: a test of the data.
      if (arg.getOwner() == payload)
        plan.fastPath = false;
      continue;
    }
    Operation *def = value.getDefiningOp();
    if (def->getBlock() != payload || !inSlice.insert(def).second)
      continue;
    if (auto index = dyn_cast<linalg::IndexOp>(def)) {
      plan.guardsUseThreadLoop |= threadLoop && index.getDim() == *threadLoop;
      continue;
    }
    if (!isPure(def) || def->getNumRegions() != 0)
      plan.fastPath = false;
    llvm::append_range(worklist, def->getOperands());
  }
  if (!plan.fastPath) {
    plan.guards.clear();
    return plan;
  }
  for (Operation &nested : *payload)
    if (inSlice.contains(&nested))
      plan.guardSlice.push_back(&nested);
  return plan;
}

//===----------------------------------------------------------------------===//
// The kernel body
//===----------------------------------------------------------------------===//

/// `base + offset` (`base` itself for 0), in `base`'s type.
static Value addConstant(OpBuilder &b, Location loc, Value base,
                         int64_t offset) {
  if (offset == 0)
    return base;
  return arith::AddIOp::create(
      b, loc, base,
      arith::ConstantOp::create(b, loc,
                                b.getIntegerAttr(base.getType(), offset)));
}

/// `base * factor`, in `base`'s type.
static Value mulConstant(OpBuilder &b, Location loc, Value base,
                         int64_t factor) {
  return arith::MulIOp::create(
      b, loc, base,
      arith::ConstantOp::create(b, loc,
                                b.getIntegerAttr(base.getType(), factor)));
}

Value KernelBuilder::buildGuardsHold(OpBuilder &b, ArrayRef<Value> ivs) {
  if (vectorPlan.guards.empty())
    return Value();
  IRMapping mapping = deviceBufferOf;
  for (Operation *nested : vectorPlan.guardSlice) {
    if (auto index = dyn_cast<linalg::IndexOp>(nested)) {
      mapping.map(index.getResult(), ivs[index.getDim()]);
      continue;
    }
    b.clone(*nested, mapping);
  }
  Value all;
  for (scf::IfOp guard : vectorPlan.guards) {
    Value holds = mapping.lookupOrDefault(guard.getCondition());
    all = all ? arith::AndIOp::create(b, loc, all, holds).getResult() : holds;
  }
  return all;
}

SmallVector<Value>
KernelBuilder::buildGuardedPayload(OpBuilder &b, ArrayRef<Value> ivs,
                                   int64_t lane,
                                   DenseMap<Value, Value> &vectors) {
  Block *payload = op.getBlock();
  IRMapping mapping = mapPayloadInputs(
      b, ivs, [&](OpOperand *input, Value device, ValueRange indices) {
        BlockArgument arg = op.getMatchingBlockArgument(input);
        return vectorPlan.vectorInputs.contains(input)
                   ? loadLane(b, device, indices, lane, arg, vectors)
                   : memref::LoadOp::create(b, loc, device, indices)
                         .getResult();
      });
  llvm::SmallPtrSet<Operation *, 4> guards(vectorPlan.guards.begin(),
                                           vectorPlan.guards.end());
  std::function<void(Block &)> cloneBlock = [&](Block &block) {
    for (Operation &nested : block.without_terminator()) {
      if (auto index = dyn_cast<linalg::IndexOp>(nested)) {
        mapping.map(index.getResult(), ivs[index.getDim()]);
        continue;
      }
      if (guards.contains(&nested)) {
        auto guard = cast<scf::IfOp>(nested);
        cloneBlock(*guard.thenBlock());
        for (auto [result, yielded] :
             llvm::zip(guard.getResults(), guard.thenYield().getOperands()))
          mapping.map(result, mapping.lookupOrDefault(yielded));
        continue;
      }
      if (vectorPlan.vectorLoads.contains(&nested)) {
        auto load = cast<memref::LoadOp>(nested);
        SmallVector<Value> indices =
            llvm::map_to_vector(load.getIndices(), [&](Value v) {
              return mapping.lookupOrDefault(v);
            });
        mapping.map(load.getResult(),
                    loadLane(b, mapping.lookupOrDefault(load.getMemref()),
                             indices, lane, load.getResult(), vectors));
        continue;
      }
      Operation *clone = b.clone(nested, mapping);
      // linalg.index in nested regions is the loop index itself.
      SmallVector<linalg::IndexOp> indexOps;
      clone->walk([&](linalg::IndexOp index) { indexOps.push_back(index); });
      for (linalg::IndexOp index : indexOps) {
        index.getResult().replaceAllUsesWith(ivs[index.getDim()]);
        index.erase();
      }
    }
  };
  cloneBlock(*payload);
  return llvm::map_to_vector(
      payload->getTerminator()->getOperands(),
      [&](Value v) { return mapping.lookupOrDefault(v); });
}

Value KernelBuilder::loadLane(OpBuilder &b, Value buffer, ValueRange indices,
                              int64_t lane, Value key,
                              DenseMap<Value, Value> &vectors) {
  Type element = cast<MemRefType>(buffer.getType()).getElementType();
  unsigned bits = element.getIntOrFloatBitWidth();
  Type bitsType = b.getIntegerType(bits);
  if (lane == 0) {
    // Loaded and taken apart as integers, as the stores are assembled.
    int64_t lanes = vectorPlan.lanes;
    Value vector = vector::LoadOp::create(
        b, loc, VectorType::get({lanes}, element), buffer, indices,
        /*nontemporal=*/false, llvm::MaybeAlign(lanes * bits / 8));
    if (element != bitsType)
      vector = vector::BitCastOp::create(
          b, loc, VectorType::get({lanes}, bitsType), vector);
    vectors[key] = vector;
  }
  Value laneBits = vector::ExtractOp::create(b, loc, vectors.lookup(key), lane);
  if (element == bitsType)
    return laneBits;
  return arith::BitcastOp::create(b, loc, element, laneBits);
}

/// `buffer` (static, identity layout) as one dimension, and the offset of
/// `indices` in it: a flat vector may cross the rows of the buffer, which a
/// vector store must not.
static std::pair<Value, SmallVector<Value>>
flatten(OpBuilder &b, Location loc, Value buffer, ValueRange indices) {
  auto type = cast<MemRefType>(buffer.getType());
  if (type.getRank() == 1)
    return {buffer, SmallVector<Value>(indices)};
  ReassociationIndices all =
      llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
  Value flat = memref::CollapseShapeOp::create(
      b, loc, buffer, ArrayRef<ReassociationIndices>{all});
  Value offset;
  int64_t stride = 1;
  for (int64_t position = type.getRank(); position-- > 0;) {
    Value term = stride == 1
                     ? indices[position]
                     : arith::MulIOp::create(
                           b, loc, indices[position],
                           arith::ConstantIndexOp::create(b, loc, stride))
                           .getResult();
    offset =
        offset ? arith::AddIOp::create(b, loc, offset, term).getResult() : term;
    stride *= type.getDimSize(position);
  }
  return {flat, SmallVector<Value>{offset}};
}

void KernelBuilder::storeVectors(OpBuilder &b, ArrayRef<Value> ivs,
                                 ArrayRef<SmallVector<Value>> results) {
  for (auto [init, values] : llvm::zip(op.getDpsInitsMutable(), results)) {
    Value buffer = deviceBufferOf.lookup(init.get());
    Type element = cast<MemRefType>(buffer.getType()).getElementType();
    unsigned bits = element.getIntOrFloatBitWidth();
    // The lanes are assembled as integers of their width, so that no float
    // (a half kept in a float register on the host) passes through a
    // conversion: bit-exact, as the scalar stores are.
    Type bitsType = b.getIntegerType(bits);
    SmallVector<Value> laneBits;
    for (Value value : values)
      laneBits.push_back(
          element == bitsType
              ? value
              : arith::BitcastOp::create(b, loc, bitsType, value).getResult());
    auto bitsVector =
        VectorType::get({static_cast<int64_t>(values.size())}, bitsType);
    Value vector = vector::FromElementsOp::create(b, loc, bitsVector, laneBits);
    if (element != bitsType)
      vector =
          vector::BitCastOp::create(b, loc, bitsVector.clone(element), vector);
    SmallVector<Value> indices = indicesOf(b, &init, ivs);
    if (vectorPlan.flat)
      std::tie(buffer, indices) = flatten(b, loc, buffer, indices);
    vector::StoreOp::create(b, loc, vector, buffer, indices,
                            /*nontemporal=*/false,
                            llvm::MaybeAlign(values.size() * bits / 8));
  }
}

/// Whether `buffer` is known to be aligned as a device allocation is: what
/// gpu.alloc returns (cuMemAlloc aligns to 256 bytes).
static bool isKnownAligned(Value buffer) {
  return buffer.getDefiningOp<gpu::AllocOp>() != nullptr;
}

/// An i1 that holds where `buffer`'s aligned pointer is a multiple of
/// `bytes`.
static Value buildIsAligned(OpBuilder &b, Location loc, Value buffer,
                            int64_t bytes) {
  Value pointer =
      memref::ExtractAlignedPointerAsIndexOp::create(b, loc, buffer);
  Value rest = arith::RemUIOp::create(
      b, loc, pointer, arith::ConstantIndexOp::create(b, loc, bytes));
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rest,
                               arith::ConstantIndexOp::create(b, loc, 0));
}

void KernelBuilder::buildVectorPoint(OpBuilder &b, Value flat, Type flatType) {
  if (vectorPlan.tailLanes == 0)
    return buildWholeVector(b, flat, flatType);
  // The threads before the last store whole vectors; the grid's bound test
  // leaves the last one the tail.
  int64_t total = 1;
  for (unsigned loop : parallelLoops)
    total *= *getConstantIntValue(loopSizes[loop]);
  Value whole = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::ult, flat,
      arith::ConstantOp::create(
          b, loc, b.getIntegerAttr(flatType, total / vectorPlan.lanes)));
  auto ifWhole = scf::IfOp::create(b, loc, whole, /*withElseRegion=*/true);
  OpBuilder thenBuilder = ifWhole.getThenBodyBuilder();
  buildWholeVector(thenBuilder, flat, flatType);
  OpBuilder elseBuilder = ifWhole.getElseBodyBuilder();
  buildTail(elseBuilder, flat, flatType);
}

void KernelBuilder::buildTail(OpBuilder &b, Value flat, Type flatType) {
  Value first = mulConstant(b, loc, flat, vectorPlan.lanes);
  SmallVector<Value> noInits(op.getNumDpsInits(), Value());
  for (int64_t lane = 0; lane < vectorPlan.tailLanes; ++lane) {
    SmallVector<Value> ivs =
        delinearize(b, addConstant(b, loc, first, lane), flatType, pointSizes);
    storeElements(b, ivs, buildPayload(b, ivs, noInits));
  }
}

void KernelBuilder::buildWholeVector(OpBuilder &b, Value flat, Type flatType) {
  const VectorPlan &plan = vectorPlan;
  int64_t lanes = plan.lanes;
  unsigned innermost = parallelLoops.back();

  // Each lane's loop indices, decomposed once per thread (the thread loop's
  // is set per iteration).
  SmallVector<SmallVector<Value>> laneIvs;
  if (!plan.flat) {
    SmallVector<Value> ivs = delinearize(b, flat, flatType, pointSizes);
    Value first = mulConstant(b, loc, ivs[innermost], lanes);
    for (int64_t lane = 0; lane < lanes; ++lane) {
      ivs[innermost] = addConstant(b, loc, first, lane);
      laneIvs.push_back(ivs);
    }
  } else {
    Value first = mulConstant(b, loc, flat, lanes);
    for (int64_t lane = 0; lane < lanes; ++lane)
      laneIvs.push_back(delinearize(b, addConstant(b, loc, first, lane),
                                    flatType, pointSizes));
  }

  // The buffers the vectors access, and whether each is aligned for them:
  // known for the launch's own device buffers, tested for device-buffers'
  // memrefs.
  Value aligned;
  auto requireAligned = [&](Value buffer, int64_t bytes) {
    if (isKnownAligned(buffer))
      return;
    Value holds = buildIsAligned(b, loc, buffer, bytes);
    aligned = aligned
                  ? arith::AndIOp::create(b, loc, aligned, holds).getResult()
                  : holds;
  };
  for (OpOperand &init : op.getDpsInitsMutable())
    requireAligned(deviceBufferOf.lookup(init.get()), kVectorBytes);
  Value storesAligned = aligned;
  for (OpOperand *input : plan.vectorInputs)
    requireAligned(
        deviceBufferOf.lookup(input->get()),
        lanes *
            cast<MemRefType>(input->get().getType()).getElementTypeBitWidth() /
            8);
  for (Operation *load : plan.vectorLoads) {
    auto type = cast<memref::LoadOp>(load).getMemRefType();
    requireAligned(
        deviceBufferOf.lookup(cast<memref::LoadOp>(load).getMemref()),
        lanes * type.getElementTypeBitWidth() / 8);
  }

  // One iteration: the lanes at thread-loop iteration `n` of the thread's
  // chunk (null: no loop).
  Value chunkStart;
  if (plan.threadLoop)
    chunkStart =
        mulConstant(b, loc, laneIvs.front()[*plan.threadLoop], plan.threadTrip);
  auto withThreadIndex = [&](Value n) {
    SmallVector<SmallVector<Value>> ivs = laneIvs;
    if (plan.threadLoop) {
      OpBuilder::InsertionGuard guard(b);
      if (auto *defining = n.getDefiningOp())
        b.setInsertionPointAfter(defining);
      else
        b.setInsertionPointToStart(cast<BlockArgument>(n).getOwner());
      Value index = arith::AddIOp::create(b, loc, chunkStart, n);
      for (SmallVector<Value> &lane : ivs)
        lane[*plan.threadLoop] = index;
    }
    return ivs;
  };
  auto storeLanes = [&](OpBuilder &ib, ArrayRef<SmallVector<Value>> ivs,
                        ArrayRef<SmallVector<Value>> results) {
    storeVectors(ib, ivs.front(), results);
  };
  auto perElement = [&](OpBuilder &ib, ArrayRef<SmallVector<Value>> ivs) {
    SmallVector<SmallVector<Value>> results(op.getNumDpsInits());
    SmallVector<Value> noInits(op.getNumDpsInits(), Value());
    for (ArrayRef<Value> lane : ivs)
      for (auto [k, value] : llvm::enumerate(buildPayload(ib, lane, noInits)))
        results[k].push_back(value);
    if (!storesAligned) {
      storeLanes(ib, ivs, results);
      return;
    }
    // Misaligned outputs: one element a store.
    auto ifAligned = scf::IfOp::create(ib, loc, storesAligned,
                                       /*withElseRegion=*/true);
    OpBuilder thenBuilder = ifAligned.getThenBodyBuilder();
    storeLanes(thenBuilder, ivs, results);
    OpBuilder elseBuilder = ifAligned.getElseBodyBuilder();
    for (auto [lane, laneIv] : llvm::enumerate(ivs))
      storeElements(elseBuilder, laneIv,
                    llvm::map_to_vector(results, [&](ArrayRef<Value> values) {
                      return values[lane];
                    }));
  };
  auto guarded = [&](OpBuilder &ib, ArrayRef<SmallVector<Value>> ivs) {
    SmallVector<SmallVector<Value>> results(op.getNumDpsInits());
    DenseMap<Value, Value> vectors;
    for (auto [lane, laneIv] : llvm::enumerate(ivs))
      for (auto [k, value] :
           llvm::enumerate(buildGuardedPayload(ib, laneIv, lane, vectors)))
        results[k].push_back(value);
    storeLanes(ib, ivs, results);
  };
  // Whether the guarded path may run: every lane's guards hold (and the
  // buffers are aligned); null where it always may.
  auto guardedHolds = [&](OpBuilder &ib,
                          ArrayRef<SmallVector<Value>> ivs) -> Value {
    Value all = aligned;
    for (ArrayRef<Value> lane : ivs) {
      Value holds = buildGuardsHold(ib, lane);
      if (holds)
        all = all ? arith::AndIOp::create(ib, loc, all, holds).getResult()
                  : holds;
    }
    return all;
  };
  auto branch = [&](OpBuilder &ib, Value condition,
                    function_ref<void(OpBuilder &)> thenBody,
                    function_ref<void(OpBuilder &)> elseBody) {
    if (!condition)
      return thenBody(ib);
    auto ifOp = scf::IfOp::create(ib, loc, condition, /*withElseRegion=*/true);
    OpBuilder thenBuilder = ifOp.getThenBodyBuilder();
    thenBody(thenBuilder);
    OpBuilder elseBuilder = ifOp.getElseBodyBuilder();
    elseBody(elseBuilder);
  };
  // `body` once per thread-loop index.
  auto overThreadLoop =
      [&](OpBuilder &ib,
          function_ref<void(OpBuilder &, ArrayRef<SmallVector<Value>>)> body) {
        if (!plan.threadLoop)
          return body(ib, withThreadIndex(Value()));
        Value zero = arith::ConstantIndexOp::create(ib, loc, 0);
        Value one = arith::ConstantIndexOp::create(ib, loc, 1);
        Value trip = arith::ConstantIndexOp::create(ib, loc, plan.threadTrip);
        auto loop = scf::ForOp::create(ib, loc, zero, trip, one);
        OpBuilder loopBuilder = OpBuilder::atBlockBegin(loop.getBody());
        body(loopBuilder, withThreadIndex(loop.getInductionVar()));
      };

  if (!plan.fastPath) {
    overThreadLoop(b, perElement);
    return;
  }
  if (plan.guardsUseThreadLoop) {
    overThreadLoop(b, [&](OpBuilder &ib, ArrayRef<SmallVector<Value>> ivs) {
      branch(
          ib, guardedHolds(ib, ivs), [&](OpBuilder &tb) { guarded(tb, ivs); },
          [&](OpBuilder &eb) { perElement(eb, ivs); });
    });
    return;
  }
  // The guards do not use the thread loop's index: tested once a thread.
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  branch(
      b, guardedHolds(b, withThreadIndex(zero)),
      [&](OpBuilder &tb) { overThreadLoop(tb, guarded); },
      [&](OpBuilder &eb) { overThreadLoop(eb, perElement); });
}
