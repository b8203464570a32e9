//===- InitPatches.cpp - Register everything patches provides -------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/InitPatches.h"
#include "patches/Dialect/Patches/TransformOps/PatchesTransformOps.h"
#include "patches/Dialect/Patches/Transforms/TilingInterfaceImpl.h"
#include "patches/Testing/Passes.h"
#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/Arith/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/ControlFlow/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/ControlFlow/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Linalg/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/Dialect/MemRef/Transforms/AllocationOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/Dialect/Vector/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Vector/Transforms/SubsetOpInterfaceImpl.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"

void patches::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<PatchesDialect>();
}

void patches::registerPatchesExtensions(mlir::DialectRegistry &registry) {
  // Tiling and tile-and-fuse of patches.extract.
  registerTilingInterfaceExternalModels(registry);
  // transform.apply_patterns.patches.*: fusing it into a linalg.matmul
  // behind a tensor.collapse_shape.
  registerTransformDialectExtension(registry);
}

void patches::registerAllExtensions(mlir::DialectRegistry &registry) {
  using namespace mlir;
  registerPatchesExtensions(registry);
  // One-shot bufferization of what the patches lowerings and the input
  // programs produce: function boundaries, arith, cf, linalg, scf, tensor
  // and vector (the vectorized gather).
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  cf::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  vector::registerBufferizableOpInterfaceExternalModels(registry);
  // Which slices a write fills: lets bufferization write in place into the
  // destination of scf.forall and empty-tensor elimination find its subsets.
  linalg::registerSubsetOpInterfaceExternalModels(registry);
  tensor::registerSubsetOpInterfaceExternalModels(registry);
  vector::registerSubsetOpInterfaceExternalModels(registry);
  // Ownership-based buffer deallocation.
  arith::registerBufferDeallocationOpInterfaceExternalModels(registry);
  cf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  memref::registerAllocationOpInterfaceExternalModels(registry);
  scf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  // patches-lower-to-nvvm: the NVVM target of nvvm-attach-target, and the
  // LLVM IR translations gpu-module-to-binary compiles the kernels with.
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  registerBuiltinDialectTranslation(registry);
  registerGPUDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerNVVMDialectTranslation(registry);
  gpu::registerOffloadingLLVMTranslationInterfaceExternalModels(registry);
}

void patches::registerAllPasses() {
  // Idempotent: the registry rejects a pipeline registered twice, and a
  // process may get here through several embedders (a driver, the C API).
  static const bool registered = [] {
    registerPatchesConversionPasses();
    registerPatchesTestingPasses();
    registerPatchesTransformsPasses();
    registerPatchesPipelines();
    return true;
  }();
  (void)registered;
}
