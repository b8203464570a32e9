//===- Pipelines.cpp - Named pass pipelines of patches --------------------===//

#include "patches/Pipelines/Pipelines.h"
#include "patches/Conversion/Passes.h"
#include "patches/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ComplexToLLVM/ComplexToLLVM.h"
#include "mlir/Conversion/ComplexToStandard/ComplexToStandard.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/GPUCommon/GPUCommonPass.h"
#include "mlir/Conversion/GPUToNVVM/GPUToNVVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace patches;

/// Tensors to buffers across function boundaries (identity layouts), with
/// every allocation freed. A function that returns a buffer it wrote in
/// place keeps a bufferization.clone for its caller, lowered here too.
static void addBufferizationPasses(OpPassManager &pm) {
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(createCanonicalizerPass());
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
}

void patches::buildLowerToLLVMPipeline(OpPassManager &pm,
                                       const LowerToLLVMOptions &options) {
  // Tensors: the gather's vectorized row copies where they apply, linalg
  // for the rest; elementwise arith on tensors (as tests and user code
  // write it) to linalg too.
  if (options.strategy == LoweringStrategy::Gather && options.vectorize)
    pm.addPass(createConvertPatchesToVector(
        ConvertPatchesToVectorOptions{options.vectorBits}));
  pm.addPass(createConvertPatchesToLinalg(
      ConvertPatchesToLinalgOptions{options.strategy}));
  pm.addPass(createConvertElementwiseToLinalgPass());
  pm.addPass(createCanonicalizerPass());

  // Buffers, across function boundaries, with every allocation freed. A
  // result that is stored into a destination is computed in place there.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  addBufferizationPasses(pm);

  // Loops: the rows of the vectorized gather in parallel (OpenMP threads
  // when asked for), linalg as loops; then the LLVM dialect.
  pm.addPass(createForallToParallelLoopPass());
  if (options.numThreads != 1) {
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
    ConvertSCFToOpenMPPassOptions openmp;
    openmp.numThreads = options.numThreads;
    pm.addPass(createConvertSCFToOpenMPPass(openmp));
    // Inlines the memref.alloca_scope the conversion wraps around each
    // loop body (it holds no alloca here), before scf-to-cf splits the body
    // into blocks that an alloca_scope may not hold.
    pm.addPass(createCanonicalizerPass());
  }
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createConvertVectorToSCFPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertComplexToStandardPass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorTransposeLowering =
      vector::VectorTransposeLowering::Shuffle1D;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  if (options.numThreads != 1)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertComplexToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

/// The `compilation-target` spelling of `format`.
static StringRef getCompilationTarget(GPUBinaryFormat format) {
  switch (format) {
  case GPUBinaryFormat::Isa:
    return "isa";
  case GPUBinaryFormat::Bin:
    return "bin";
  case GPUBinaryFormat::Fatbin:
    return "fatbin";
  }
  llvm_unreachable("unknown GPU binary format");
}

/// The device-independent half of the GPU pipelines: from tensors to host
/// code whose linalg ops are `gpu.launch` kernels with their device buffers
/// and copies.
static void buildGPULaunchPipeline(OpPassManager &pm,
                                   const LowerToNVVMOptions &options) {
  // Tensors: patches to linalg, every linalg op a generic, and padding read
  // in place by the op that consumes it instead of copied.
  pm.addPass(createConvertPatchesToLinalg(
      ConvertPatchesToLinalgOptions{options.strategy}));
  pm.addPass(createConvertElementwiseToLinalgPass());
  pm.addPass(createLinalgGeneralizeNamedOpsPass());
  pm.addPass(createFoldPadIntoLinalg());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Buffers, as on the CPU.
  addBufferizationPasses(pm);

  // One kernel per linalg op, with its device buffers and copies; whatever
  // cannot run on the GPU becomes loops on the host.
  LinalgToGPULaunchOptions launch;
  launch.blockSize = options.blockSize;
  launch.indexBitwidth = options.indexBitwidth;
  pm.addNestedPass<func::FuncOp>(createLinalgToGPULaunch(launch));
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createCanonicalizerPass());
}

/// Host code (with `gpu` ops lowered to runtime calls when `withGPU`) to
/// the LLVM dialect.
static void buildHostToLLVMPipeline(OpPassManager &pm, bool withGPU) {
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (withGPU)
    pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void patches::buildLowerToNVVMPipeline(OpPassManager &pm,
                                       const LowerToNVVMOptions &options) {
  buildGPULaunchPipeline(pm, options);

  // The kernels move into a gpu.module, with the constants they use.
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());

  // Device: NVVM for `chip`.
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));
  pm.addNestedPass<gpu::GPUModuleOp>(createStripDebugInfoPass());
  ConvertGpuOpsToNVVMOpsOptions nvvm;
  nvvm.indexBitwidth = 64;
  pm.addNestedPass<gpu::GPUModuleOp>(createConvertGpuOpsToNVVMOps(nvvm));
  pm.addNestedPass<gpu::GPUModuleOp>(createCanonicalizerPass());
  pm.addNestedPass<gpu::GPUModuleOp>(createCSEPass());
  pm.addNestedPass<gpu::GPUModuleOp>(createReconcileUnrealizedCastsPass());

  // Host: LLVM, with the launches as calls into the GPU runtime; then the
  // kernels are serialized into a gpu.binary.
  buildHostToLLVMPipeline(pm, /*withGPU=*/true);
  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = getCompilationTarget(options.format).str();
  pm.addPass(createGpuModuleToBinaryPass(binary));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void patches::buildEmulateGPUOnHostPipeline(
    OpPassManager &pm, const LowerToNVVMOptions &options) {
  buildGPULaunchPipeline(pm, options);
  pm.addNestedPass<func::FuncOp>(createEmulateGPUOnHost());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  buildHostToLLVMPipeline(pm, /*withGPU=*/false);
  pm.addPass(createCanonicalizerPass());
}

/// Registers a pipeline with GPU options, rejecting a `chip` that is not an
/// NVIDIA architecture name (`sm_<digits>[suffix]`): upstream's target
/// verification crashes on an empty one.
static void registerNVVMPipeline(
    StringRef arg, StringRef description,
    std::function<void(OpPassManager &, const LowerToNVVMOptions &)> builder) {
  registerPassPipeline(
      arg, description,
      [builder](OpPassManager &pm, StringRef text,
                function_ref<LogicalResult(const Twine &)> errorHandler) {
        LowerToNVVMOptions options;
        if (failed(options.parseFromString(text)))
          return failure();
        StringRef chip = options.chip;
        StringRef digits = chip.starts_with("sm_") ? chip.drop_front(3) : "";
        if (digits.empty() || !llvm::isDigit(digits.front()))
          return errorHandler("chip must name an NVIDIA architecture such as "
                              "sm_90, got '" +
                              chip + "'");
        builder(pm, options);
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> optionsHandler) {
        optionsHandler(LowerToNVVMOptions());
      });
}

void patches::registerPatchesPipelines() {
  PassPipelineRegistration<LowerToLLVMOptions>(
      "patches-lower-to-llvm",
      "Lower a module using patches.extract, on tensors, to the LLVM dialect "
      "for the CPU",
      buildLowerToLLVMPipeline);
  registerNVVMPipeline(
      "patches-lower-to-nvvm",
      "Lower a module using patches.extract, on tensors, to host code in the "
      "LLVM dialect and a gpu.binary of coalesced kernels for NVIDIA GPUs",
      buildLowerToNVVMPipeline);
  registerNVVMPipeline(
      "patches-lower-to-llvm-emulating-gpu",
      "For testing without a GPU: the kernels of patches-lower-to-nvvm run "
      "as loops on the host (LLVM dialect for the CPU)",
      buildEmulateGPUOnHostPipeline);
}
