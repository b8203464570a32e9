//===- KernelBody.cpp - One iteration point per GPU thread ----------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "mlir/Dialect/Affine/Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace patches;
using namespace patches::gpu_launch;

SmallVector<Value> KernelBuilder::indicesOf(OpBuilder &b, OpOperand *operand,
                                            ArrayRef<Value> ivs) {
  std::optional<SmallVector<Value, 8>> indices =
      affine::expandAffineMap(b, loc, op.getMatchingIndexingMap(operand), ivs);
  assert(indices && "linalg indexing maps are expandable");
  return SmallVector<Value>(indices->begin(), indices->end());
}

IRMapping KernelBuilder::mapPayloadInputs(
    OpBuilder &b, ArrayRef<Value> ivs,
    function_ref<Value(OpOperand *, Value, ValueRange)> load) {
  IRMapping mapping = deviceBufferOf;
  for (OpOperand *input : op.getDpsInputOperands()) {
    BlockArgument arg = op.getMatchingBlockArgument(input);
    if (arg.use_empty())
      continue;
    // A scalar input is passed to the kernel by value.
    if (!isa<MemRefType>(input->get().getType())) {
      mapping.map(arg, input->get());
      continue;
    }
    Value device = deviceBufferOf.lookup(input->get());
    SmallVector<Value> indices = indicesOf(b, input, ivs);
    mapping.map(
        arg, load
                 ? load(input, device, indices)
                 : memref::LoadOp::create(b, loc, device, indices).getResult());
  }
  return mapping;
}

SmallVector<Value> KernelBuilder::buildPayload(OpBuilder &b,
                                               ArrayRef<Value> ivs,
                                               ValueRange initValues) {
  Block *payload = op.getBlock();
  IRMapping mapping = mapPayloadInputs(b, ivs);
  for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), initValues))
    if (value)
      mapping.map(op.getMatchingBlockArgument(&init), value);

  SmallVector<Operation *> cloned;
  for (Operation &nested : payload->without_terminator())
    cloned.push_back(b.clone(nested, mapping));
  // linalg.index, also in nested regions, is the loop index itself.
  SmallVector<linalg::IndexOp> indexOps;
  for (Operation *clone : cloned)
    clone->walk([&](linalg::IndexOp index) { indexOps.push_back(index); });
  for (linalg::IndexOp index : indexOps) {
    index.getResult().replaceAllUsesWith(ivs[index.getDim()]);
    index.erase();
  }
  return llvm::map_to_vector(
      payload->getTerminator()->getOperands(),
      [&](Value v) { return mapping.lookupOrDefault(v); });
}

void KernelBuilder::storeElements(OpBuilder &b, ArrayRef<Value> ivs,
                                  ValueRange values) {
  for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), values))
    memref::StoreOp::create(b, loc, value, deviceBufferOf.lookup(init.get()),
                            indicesOf(b, &init, ivs));
}

SmallVector<Value> KernelBuilder::delinearize(OpBuilder &b, Value flat,
                                              Type flatType,
                                              ArrayRef<Value> sizes) {
  // Innermost loop first; the outermost takes the quotient.
  SmallVector<Value> ivs(op.getNumLoops());
  Value remaining = flat;
  for (unsigned i = parallelLoops.size(); i-- > 0;) {
    unsigned loop = parallelLoops[i];
    Value size = sizes[loop];
    Value iv;
    if (isConstantIntValue(size, 1)) {
      iv = arith::ConstantIndexOp::create(b, loc, 0);
    } else {
      if (i == 0) {
        iv = remaining;
      } else {
        Value typedSize = size;
        if (flatType != size.getType())
          typedSize = arith::ConstantIntOp::create(b, loc, flatType,
                                                   *getConstantIntValue(size));
        iv = arith::RemUIOp::create(b, loc, remaining, typedSize);
        remaining = arith::DivUIOp::create(b, loc, remaining, typedSize);
      }
      if (!iv.getType().isIndex())
        iv = arith::IndexCastUIOp::create(b, loc, b.getIndexType(), iv);
    }
    ivs[loop] = iv;
  }
  return ivs;
}

void KernelBuilder::buildPoint(OpBuilder &b, Value flat, Type flatType) {
  if (vectorPlan.lanes > 1)
    return buildVectorPoint(b, flat, flatType);
  SmallVector<Value> ivs = delinearize(b, flat, flatType, loopSizes);

  Value zero = arith::ConstantIndexOp::create(b, loc, 0);

  if (reductionLoops.empty()) {
    SmallVector<Value> initValues;
    for (OpOperand &init : op.getDpsInitsMutable())
      initValues.push_back(op.payloadUsesValueFromOperand(&init)
                               ? memref::LoadOp::create(
                                     b, loc, deviceBufferOf.lookup(init.get()),
                                     indicesOf(b, &init, ivs))
                                     .getResult()
                               : Value());
    storeElements(b, ivs, buildPayload(b, ivs, initValues));
    return;
  }

  // Reductions run in order inside the thread, accumulating in registers.
  // Output maps do not use reduction loops: index them with zeros.
  for (unsigned loop : reductionLoops)
    ivs[loop] = zero;
  SmallVector<Value> accumulators;
  for (OpOperand &init : op.getDpsInitsMutable())
    accumulators.push_back(memref::LoadOp::create(
        b, loc, deviceBufferOf.lookup(init.get()), indicesOf(b, &init, ivs)));
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  SmallVector<Value> lbs(reductionLoops.size(), zero),
      steps(reductionLoops.size(), one), ubs;
  for (unsigned loop : reductionLoops)
    ubs.push_back(loopSizes[loop]);
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, lbs, ubs, steps, accumulators,
      [&](OpBuilder &nb, Location, ValueRange reductionIvs,
          ValueRange iterArgs) -> scf::ValueVector {
        SmallVector<Value> pointIvs = ivs;
        for (auto [loop, iv] : llvm::zip(reductionLoops, reductionIvs))
          pointIvs[loop] = iv;
        return buildPayload(nb, pointIvs, iterArgs);
      });
  storeElements(b, ivs, nest.results);
}
