//===- SetTargetCPU.cpp - The target on the module and every llvm.func ----===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Target/CPUTarget.h"
#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace patches {
#define GEN_PASS_DEF_SETTARGETCPU
#include "patches/Transforms/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

namespace {
struct SetTargetCPUPass : patches::impl::SetTargetCPUBase<SetTargetCPUPass> {
  using Base::Base;

  LogicalResult initializeOptions(
      StringRef options,
      function_ref<LogicalResult(const Twine &)> errorHandler) override {
    if (failed(Base::initializeOptions(options, errorHandler)))
      return failure();
    // An unknown CPU is an error when the options are parsed.
    return success(
        succeeded(resolveCPUTarget(cpu, features, "", errorHandler)));
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    FailureOr<CPUTarget> moduleTarget =
        resolveCPUTargetAt(module, cpu, features);
    if (failed(moduleTarget))
      return signalPassFailure();
    if (!module->hasAttr(LLVM::LLVMDialect::getTargetTripleAttrName()))
      module->setAttr(LLVM::LLVMDialect::getTargetTripleAttrName(),
                      StringAttr::get(ctx, moduleTarget->triple));
    if (!module->hasAttr(LLVM::LLVMDialect::getDataLayoutAttrName()) &&
        !module->hasAttr(DLTIDialect::kDataLayoutAttrName))
      module->setAttr(LLVM::LLVMDialect::getDataLayoutAttrName(),
                      StringAttr::get(ctx, moduleTarget->dataLayout));

    WalkResult walk = module.walk([&](LLVM::LLVMFuncOp func) {
      if (func.isExternal() || func.getTargetCpuAttr())
        return WalkResult::advance();
      FailureOr<CPUTarget> target = resolveCPUTargetAt(func, cpu, features);
      if (failed(target))
        return WalkResult::interrupt();
      func.setTargetCpuAttr(StringAttr::get(ctx, target->cpu));
      if (!target->features.empty() && !func.getTargetFeaturesAttr())
        func.setTargetFeaturesAttr(
            LLVM::TargetFeaturesAttr::get(ctx, target->features));
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
