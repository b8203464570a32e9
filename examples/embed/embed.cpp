//===- embed.cpp - A small compiler that embeds patches -------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Builds a function that extracts the patches of an image with
// `patches::ExtractOp` (its builder infers the result type), lowers it with a
// pipeline of patches added to this compiler's own pass manager, JIT-compiles
// it with MLIR's ExecutionEngine and prints the patches of the worked example
// of the specification: the image 1..9 as 1x1x3x3 (NCHW), 2x2 windows,
// stride 1, VALID padding, hence four patches of four values.
//
//   embed [MODE]
//     gather        the CPU pipeline, gather lowering (default)
//     conv          the CPU pipeline, one-hot convolution lowering
//     gpu-emulated  the GPU pipeline's kernels, run as loops on the CPU
//     nvvm          the NVIDIA GPU pipeline; prints the gpu.binary (PTX)
//                   instead of running it
//
//===----------------------------------------------------------------------===//

#include "patches/InitPatches.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mlir;

/// The result of the JIT-compiled function: a 1x4x2x2 buffer that the caller
/// owns (the deallocation pipeline hands returned buffers to the caller).
using Patches4D = StridedMemRefType<float, 4>;

/// Builds `func.func @extract_patches(%image) -> <inferred>` around one
/// `patches.extract`, with the C interface that the JIT calls.
static ModuleOp buildModule(MLIRContext &context) {
  OpBuilder b(&context);
  Location loc = FileLineColLoc::get(&context, "embed.cpp", 0, 0);
  ModuleOp module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module.getBody());

  auto imageType = RankedTensorType::get({1, 1, 3, 3}, b.getF32Type());
  auto func = func::FuncOp::create(b, loc, "extract_patches",
                                   b.getFunctionType({imageType}, {}));
  func->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);
  auto extract = patches::ExtractOp::create(
      b, loc, body->getArgument(0), /*filterShape=*/{2, 2},
      /*windowStrides=*/{1, 1},
      patches::PaddingAttr::get(&context, patches::PaddingKind::Valid));
  func::ReturnOp::create(b, loc, extract.getResult());
  func.setType(b.getFunctionType({imageType}, {extract.getType()}));
  return module;
}

/// JIT-compiles `module` (in the LLVM dialect), runs it on the image and
/// prints the patches.
static LogicalResult runOnImage(ModuleOp module) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto engine = ExecutionEngine::create(module);
  if (!engine) {
    llvm::errs() << "JIT: " << llvm::toString(engine.takeError()) << "\n";
    return failure();
  }
  auto entry = (*engine)->lookup("_mlir_ciface_extract_patches");
  if (!entry) {
    llvm::errs() << "JIT: " << llvm::toString(entry.takeError()) << "\n";
    return failure();
  }

  float image[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  Patches4D input{image, image, 0, {1, 1, 3, 3}, {9, 9, 3, 1}};
  Patches4D result;
  reinterpret_cast<void (*)(Patches4D *, Patches4D *)> (*entry)(&result,
                                                                &input);

  // result[0, f, i, j] is element f (row-major in the 2x2 window) of the
  // patch at output position (i, j).
  for (int64_t i = 0; i < result.sizes[2]; ++i) {
    for (int64_t j = 0; j < result.sizes[3]; ++j) {
      llvm::outs() << "patch (" << i << ", " << j << "):";
      for (int64_t f = 0; f < result.sizes[1]; ++f)
        llvm::outs() << llvm::format(
            " %g", result.data[result.offset + f * result.strides[1] +
                               i * result.strides[2] + j * result.strides[3]]);
      llvm::outs() << "\n";
    }
  }
  std::free(result.basePtr);
  return success();
}

int main(int argc, char **argv) {
  llvm::StringRef mode = argc > 1 ? argv[1] : "gather";
  if (argc > 2 || (mode != "gather" && mode != "conv" &&
                   mode != "gpu-emulated" && mode != "nvvm")) {
    llvm::errs() << "usage: " << argv[0]
                 << " [gather|conv|gpu-emulated|nvvm]\n";
    return EXIT_FAILURE;
  }

  DialectRegistry registry;
  registry.insert<func::FuncDialect>();
  patches::registerAllDialects(registry);
  patches::registerAllExtensions(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  MLIRContext context(registry);
  context.loadDialect<func::FuncDialect, patches::PatchesDialect>();

  OwningOpRef<ModuleOp> module = buildModule(context);
  if (failed(verify(*module)))
    return EXIT_FAILURE;
  module->print(llvm::outs());

  // A pipeline of patches, on this compiler's own pass manager, with its
  // options set from C++.
  PassManager pm(&context);
  LogicalResult built = failure();
  if (mode == "gather" || mode == "conv") {
    patches::LowerToLLVMOptions options;
    options.strategy = mode == "conv" ? patches::LoweringStrategy::Conv
                                      : patches::LoweringStrategy::Gather;
    built = patches::buildLowerToLLVMPipeline(pm, options);
  } else {
    patches::LowerToNVVMOptions options;
    options.blockSize = 32;
    if (mode == "nvvm")
      built = patches::buildLowerToNVVMPipeline(pm, options);
    else
      built = patches::buildEmulateGPUOnHostPipeline(pm, options);
  }
  if (failed(built))
    return EXIT_FAILURE;
  if (failed(pm.run(*module))) {
    llvm::errs() << "lowering failed\n";
    return EXIT_FAILURE;
  }

  if (mode == "nvvm") {
    // Without a GPU to run it on, show what it would load: the kernels.
    module->walk([](Operation *op) {
      if (op->getName().getStringRef() == "gpu.binary")
        op->print(llvm::outs());
    });
    llvm::outs() << "\n";
    return EXIT_SUCCESS;
  }
  return succeeded(runOnImage(*module)) ? EXIT_SUCCESS : EXIT_FAILURE;
}
