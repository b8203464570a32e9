//===- embed.cpp - A small compiler that embeds patches -------------------===//
//
// Builds a function that extracts the patches of an image with
// `patches::ExtractOp` (its builder infers the result type), lowers it to the
// LLVM dialect with the CPU pipeline of patches, JIT-compiles it with MLIR's
// ExecutionEngine and prints the patches of the worked example of the
// specification: the image 1..9 as 1x1x3x3 (NCHW), 2x2 windows, stride 1,
// VALID padding, hence four patches of four values.
//
//   embed [gather|conv]     the lowering strategy (default: gather)
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
#include "llvm/Support/Format.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>

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

int main(int argc, char **argv) {
  patches::LowerToLLVMOptions options;
  if (argc > 1 && std::strcmp(argv[1], "conv") == 0)
    options.strategy = patches::LoweringStrategy::Conv;
  else if (argc > 1 && std::strcmp(argv[1], "gather") != 0) {
    llvm::errs() << "usage: " << argv[0] << " [gather|conv]\n";
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

  // The CPU pipeline of patches, on this compiler's own pass manager.
  PassManager pm(&context);
  patches::buildLowerToLLVMPipeline(pm, options);
  if (failed(pm.run(*module))) {
    llvm::errs() << "patches-lower-to-llvm failed\n";
    return EXIT_FAILURE;
  }

  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto engine = ExecutionEngine::create(*module);
  if (!engine) {
    llvm::errs() << "JIT: " << llvm::toString(engine.takeError()) << "\n";
    return EXIT_FAILURE;
  }
  auto entry = (*engine)->lookup("_mlir_ciface_extract_patches");
  if (!entry) {
    llvm::errs() << "JIT: " << llvm::toString(entry.takeError()) << "\n";
    return EXIT_FAILURE;
  }

  float image[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  Patches4D input{image, image, 0, {1, 1, 3, 3}, {9, 9, 3, 1}};
  Patches4D result;
  reinterpret_cast<void (*)(Patches4D *, Patches4D *)>(*entry)(&result,
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
  return EXIT_SUCCESS;
}
