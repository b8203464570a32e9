//===- WidenKernelArguments.cpp - Odd-width kernel arguments as bytes -----===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// LLVM's NVPTX backend declares a kernel argument of type i4 as
// `.param .u4`, which ptxas rejects. Such arguments (a scalar that a
// linalg.fill of i4 elements writes, captured by the kernel) are widened to
// the next width PTX has, extended at every launch and truncated back at
// the kernel's entry, where nothing can fold the pair away.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/LinalgToGPULaunch/LinalgToGPULaunch.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/MathExtras.h"

namespace patches {
#define GEN_PASS_DEF_WIDENKERNELARGUMENTS
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

/// The width PTX passes `type` at, or null where it has one already.
static IntegerType widenedType(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return {};
  unsigned width = integer.getWidth();
  if (width == 1 || (width >= 8 && llvm::isPowerOf2_32(width)))
    return {};
  return IntegerType::get(type.getContext(),
                          std::max<unsigned>(8, llvm::PowerOf2Ceil(width)));
}

namespace {
struct WidenKernelArgumentsPass
    : patches::impl::WidenKernelArgumentsBase<WidenKernelArgumentsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Each kernel's widened arguments, by position.
    llvm::DenseMap<Operation *, SmallVector<std::pair<unsigned, Type>>> widened;
    module.walk([&](gpu::GPUFuncOp kernel) {
      if (!kernel.isKernel())
        return;
      SmallVector<Type> inputs(kernel.getArgumentTypes());
      SmallVector<std::pair<unsigned, Type>> positions;
      Block &entry = kernel.getBody().front();
      OpBuilder b = OpBuilder::atBlockBegin(&entry);
      for (auto [position, type] : llvm::enumerate(inputs)) {
        IntegerType wide = widenedType(type);
        if (!wide)
          continue;
        BlockArgument argument = entry.getArgument(position);
        argument.setType(wide);
        auto narrow =
            arith::TruncIOp::create(b, kernel.getLoc(), type, argument);
        argument.replaceAllUsesExcept(narrow.getResult(), narrow);
        positions.emplace_back(position, type);
        type = wide;
      }
      if (positions.empty())
        return;
      kernel.setFunctionType(FunctionType::get(
          kernel.getContext(), inputs, kernel.getFunctionType().getResults()));
      widened[kernel] = std::move(positions);
    });
    if (widened.empty())
      return;
    module.walk([&](gpu::LaunchFuncOp launch) {
      auto kernel = SymbolTable::lookupNearestSymbolFrom<gpu::GPUFuncOp>(
          launch, launch.getKernel());
      auto found = kernel ? widened.find(kernel) : widened.end();
      if (found == widened.end())
        return;
      OpBuilder b(launch);
      for (auto [position, narrowType] : found->second) {
        OpOperand &operand = launch.getKernelOperandsMutable()[position];
        IntegerType wide = widenedType(narrowType);
        operand.set(
            arith::ExtUIOp::create(b, launch.getLoc(), wide, operand.get()));
      }
    });
  }
};
} // namespace
