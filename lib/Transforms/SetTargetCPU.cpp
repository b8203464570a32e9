//===- SetTargetCPU.cpp - The CPU on every llvm.func ----------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace patches {
#define GEN_PASS_DEF_SETTARGETCPU
#include "patches/Transforms/Passes.h.inc"
} // namespace patches

using namespace mlir;

namespace {
struct SetTargetCPUPass : patches::impl::SetTargetCPUBase<SetTargetCPUPass> {
  using Base::Base;

  void runOnOperation() override {
    if (cpu.empty())
      return;
    MLIRContext *ctx = &getContext();
    StringAttr cpuAttr = StringAttr::get(ctx, cpu);
    LLVM::TargetFeaturesAttr featuresAttr =
        features.empty() ? LLVM::TargetFeaturesAttr()
                         : LLVM::TargetFeaturesAttr::get(ctx, features);
    getOperation().walk([&](LLVM::LLVMFuncOp func) {
      if (func.isExternal() || func.getTargetCpuAttr())
        return;
      func.setTargetCpuAttr(cpuAttr);
      if (featuresAttr && !func.getTargetFeaturesAttr())
        func.setTargetFeaturesAttr(featuresAttr);
    });
  }
};
} // namespace
