//===- Pipelines.h - Named pass pipelines of patches ------------*- C++ -*-===//
//
// Each pipeline is a typed options struct, a builder that other compilers
// call on their own pass manager, and a registration for drivers.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_PIPELINES_PIPELINES_H
#define PATCHES_PIPELINES_PIPELINES_H

#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace patches {

/// Options of `patches-lower-to-llvm`.
struct LowerToLLVMOptions : mlir::PassPipelineOptions<LowerToLLVMOptions> {
  PassOptions::Option<LoweringStrategy> strategy{
      *this, "strategy",
      llvm::cl::desc("How to lower patches.extract: gather or conv"),
      llvm::cl::init(LoweringStrategy::Gather),
      llvm::cl::values(
          clEnumValN(LoweringStrategy::Gather, "gather",
                     "a direct, exact gather"),
          clEnumValN(LoweringStrategy::Conv, "conv",
                     "JAX's depthwise convolution with a one-hot filter"))};
};

/// Adds the CPU pipeline: a module of `func.func`s on tensors that use
/// `patches.extract` becomes the LLVM dialect (patches to linalg,
/// bufferization across function boundaries, deallocation, loops, LLVM).
void buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                              const LowerToLLVMOptions &options);

/// Registers the named pipelines with the global registry.
void registerPatchesPipelines();

} // namespace patches

#endif // PATCHES_PIPELINES_PIPELINES_H
