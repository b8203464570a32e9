//===- Pipelines.cpp - Named pass pipelines of patches --------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Pipelines/Pipelines.h"
#include "patches/Conversion/Passes.h"
#include "patches/Conversion/PatchesToVector/PatchesToVector.h"
#include "patches/Testing/Passes.h"
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
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace patches;

StringRef patches::stringifyOptionValue(GPUBinaryFormat format) {
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

/// Reports through `errorHandler`, or prints `error: <message>` without one.
static LogicalResult reportError(PipelineErrorHandler errorHandler,
                                 const Twine &message) {
  if (errorHandler)
    return errorHandler(message);
  llvm::errs() << "error: " << message << "\n";
  return failure();
}

/// The pipelines run on a module: their passes are anchored on
/// builtin.module and func.func. Nested under another op, adding them would
/// be a fatal error of the pass manager. An op-agnostic pass manager (a
/// `PassManager(&context)`) is accepted: run on a module, it runs them all.
static LogicalResult checkAnchor(OpPassManager &pm, StringRef pipeline,
                                 PipelineErrorHandler errorHandler) {
  StringRef anchor = pm.getOpAnchorName();
  if (anchor == ModuleOp::getOperationName() ||
      anchor == OpPassManager::getAnyOpAnchorName())
    return success();
  return reportError(errorHandler, pipeline +
                                       " must run on a builtin.module, "
                                       "not on '" +
                                       anchor + "'");
}

/// Checks the options of patches-lower-to-llvm and resolves its CPU, once:
/// the verifier and the builder both come here.
/// reportError for a function that returns a CPUTarget: a failure whatever
/// the handler returns.
static FailureOr<CPUTarget>
reportCPUTargetError(PipelineErrorHandler errorHandler, const Twine &message) {
  (void)reportError(errorHandler, message);
  return failure();
}

static FailureOr<CPUTarget>
checkLowerToLLVMOptions(const patches::LowerToLLVMOptions &options,
                        PipelineErrorHandler errorHandler) {
  std::string vectorBitsProblem = checkVectorBits(options.vectorBits);
  if (!vectorBitsProblem.empty())
    return reportCPUTargetError(errorHandler, vectorBitsProblem);
  if (options.numThreads > kMaxNumThreads)
    return reportCPUTargetError(errorHandler,
                                "num-threads must be between 0 and " +
                                    Twine(kMaxNumThreads) + ", got " +
                                    Twine(options.numThreads.getValue()));
  if (options.nontemporalBytes < -1)
    return reportCPUTargetError(
        errorHandler,
        "nontemporal-bytes must be -1 (the last-level cache) or a size in "
        "bytes, got " +
            Twine(options.nontemporalBytes.getValue()));
  return resolveCPUTarget(options.cpu, /*features=*/"", /*triple=*/"",
                          errorHandler);
}

LogicalResult
patches::verifyLowerToLLVMOptions(const LowerToLLVMOptions &options,
                                  PipelineErrorHandler errorHandler) {
  return success(succeeded(checkLowerToLLVMOptions(options, errorHandler)));
}

/// Every SM architecture LLVM 22's NVPTX backend knows (`llc
/// -march=nvptx64 -mcpu=help`) with the oldest PTX version it accepts for
/// it (older ones abort code generation with `LLVM ERROR: PTX version ...
/// does not support target`): NVPTX.td's requirements, as llc applies them.
static constexpr std::pair<StringLiteral, unsigned> kChips[] = {
    {"sm_20", 32},   {"sm_21", 32},   {"sm_30", 32},   {"sm_32", 40},
    {"sm_35", 32},   {"sm_37", 41},   {"sm_50", 40},   {"sm_52", 41},
    {"sm_53", 42},   {"sm_60", 50},   {"sm_61", 50},   {"sm_62", 50},
    {"sm_70", 60},   {"sm_72", 61},   {"sm_75", 63},   {"sm_80", 70},
    {"sm_86", 71},   {"sm_87", 74},   {"sm_88", 90},   {"sm_89", 78},
    {"sm_90", 78},   {"sm_90a", 80},  {"sm_100", 86},  {"sm_100a", 86},
    {"sm_100f", 88}, {"sm_101", 86},  {"sm_101a", 86}, {"sm_101f", 88},
    {"sm_103", 88},  {"sm_103a", 88}, {"sm_103f", 88}, {"sm_110", 90},
    {"sm_110a", 90}, {"sm_110f", 90}, {"sm_120", 87},  {"sm_120a", 87},
    {"sm_120f", 88}, {"sm_121", 88},  {"sm_121a", 88}, {"sm_121f", 88}};

/// The PTX versions LLVM 22's NVPTX backend knows, as `+ptxNN` spells them.
static constexpr unsigned kPTXVersions[] = {
    32, 40, 41, 42, 43, 50, 60, 61, 62, 63, 64, 65, 70, 71, 72, 73,
    74, 75, 76, 77, 78, 80, 81, 82, 83, 84, 85, 86, 87, 88, 90};

std::optional<unsigned> patches::getMinPTXVersion(StringRef chip) {
  for (const auto &[name, minPTX] : kChips)
    if (name == chip)
      return minPTX;
  return std::nullopt;
}

/// The chips, comma-separated.
static std::string listChips() {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(kChips, os,
                        [&](const auto &chip) { os << chip.first; });
  return text;
}

/// The PTX versions from `min`, as `+ptxNN` options, comma-separated.
static std::string listPTXVersions(unsigned min) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(
      llvm::make_filter_range(kPTXVersions,
                              [&](unsigned version) { return version >= min; }),
      os, [&](unsigned version) { os << "+ptx" << version; });
  return text;
}

LogicalResult
patches::verifyLowerToNVVMOptions(const LowerToNVVMOptions &options,
                                  PipelineErrorHandler errorHandler) {
  StringRef chip = options.chip;
  std::optional<unsigned> minPTX = getMinPTXVersion(chip);
  if (!minPTX)
    return reportError(errorHandler,
                       "chip must be an NVIDIA architecture that LLVM's NVPTX "
                       "backend knows (" +
                           listChips() + "), got '" + chip + "'");

  // features: empty (LLVM picks the chip's oldest PTX version) or PTX
  // versions, of which LLVM takes the newest.
  StringRef features = options.features;
  std::optional<unsigned> ptx;
  SmallVector<StringRef> items;
  if (!features.empty())
    features.split(items, ',');
  for (StringRef item : items) {
    unsigned version = 0;
    StringRef digits = item.trim();
    if (!digits.consume_front("+ptx") || digits.getAsInteger(10, version) ||
        !llvm::is_contained(kPTXVersions, version))
      return reportError(errorHandler,
                         "features must be empty or a PTX version that LLVM "
                         "knows (+ptx32 to +ptx90; for chip " +
                             chip + ": " + listPTXVersions(*minPTX) +
                             "), got '" + features + "'");
    ptx = std::max(ptx.value_or(0), version);
  }
  if (ptx && *ptx < *minPTX)
    return reportError(errorHandler,
                       "features " + features + " is older than chip " + chip +
                           " needs: its PTX version must be +ptx" +
                           Twine(*minPTX) + " to +ptx" +
                           Twine(kPTXVersions[std::size(kPTXVersions) - 1]) +
                           " (one of " + listPTXVersions(*minPTX) + ")");

  if (std::optional<std::string> problem = checkLinalgToGPULaunchOptions(
          options.blockSize, options.indexBitwidth, options.minThreads))
    return reportError(errorHandler, *problem);
  if (options.optLevel > 3)
    return reportError(errorHandler, "opt-level must be in [0, 3], got " +
                                         Twine(options.optLevel.getValue()));
  return success();
}

/// Host arithmetic on bf16 (the conv strategy's, and complex<bf16>'s once
/// complex-to-standard expanded it) in f32, rounded back to bf16 by integer
/// operations: LLVM on x86 computes bf16 in f32 and rounds with
/// `vcvtneps2bf16`, which flushes denormals, so `x * 1 + 0` lost them.
static void addBF16ArithmeticPasses(OpPassManager &pm) {
  arith::ArithEmulateUnsupportedFloatsOptions emulate;
  emulate.sourceTypeStrs = {"bf16"};
  emulate.targetTypeStr = "f32";
  pm.addPass(arith::createArithEmulateUnsupportedFloats(emulate));
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
}

/// Tensors to buffers across function boundaries (identity layouts), with
/// every allocation freed. A function that returns a buffer it wrote in
/// place keeps a bufferization.clone for its caller, lowered here too.
/// With `deviceBuffers`, the buffers are allocated on the device
/// (patches-allocate-on-device) once their deallocations are placed and
/// before these are lowered, which lets the lowering's own bookkeeping stay
/// in host memory: upstream's buffer-deallocation-pipeline with that pass
/// before bufferization-lower-deallocations.
static void addBufferizationPasses(OpPassManager &pm,
                                   bool deviceBuffers = false) {
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(createCanonicalizerPass());
  if (!deviceBuffers) {
    bufferization::buildBufferDeallocationPipeline(pm);
  } else {
    memref::ExpandReallocPassOptions realloc;
    realloc.emitDeallocs = false;
    pm.addNestedPass<func::FuncOp>(memref::createExpandReallocPass(realloc));
    pm.addNestedPass<func::FuncOp>(createCanonicalizerPass());
    pm.addNestedPass<func::FuncOp>(
        bufferization::createOwnershipBasedBufferDeallocationPass());
    pm.addNestedPass<func::FuncOp>(createCanonicalizerPass());
    pm.addNestedPass<func::FuncOp>(
        bufferization::createBufferDeallocationSimplificationPass());
    pm.addNestedPass<func::FuncOp>(createAllocateOnDevice());
    pm.addPass(bufferization::createLowerDeallocationsPass());
    pm.addNestedPass<func::FuncOp>(createCSEPass());
    pm.addNestedPass<func::FuncOp>(createCanonicalizerPass());
  }
  pm.addPass(createConvertBufferizationToMemRefPass());
}

LogicalResult
patches::buildLowerToLLVMPipeline(OpPassManager &pm,
                                  const LowerToLLVMOptions &options,
                                  PipelineErrorHandler errorHandler) {
  if (failed(checkAnchor(pm, "patches-lower-to-llvm", errorHandler)))
    return failure();
  if (failed(checkLowerToLLVMOptions(options, errorHandler)))
    return failure();

  // Tensors: the gather's vectorized row copies where they apply, linalg
  // for the rest; elementwise arith on tensors (as tests and user code
  // write it) to linalg too.
  // The vector widths come from the target each function is compiled for
  // (the IR's where it names one, else `cpu`), unless vector-bits is set.
  if (options.strategy == LoweringStrategy::Gather && options.vectorize) {
    ConvertPatchesToVectorOptions vector;
    vector.vectorBits = options.vectorBits;
    vector.cpu = options.cpu;
    vector.nontemporalBytes = options.nontemporalBytes;
    pm.addPass(createConvertPatchesToVector(vector));
  }
  pm.addPass(createConvertPatchesToLinalg(
      ConvertPatchesToLinalgOptions{options.strategy}));
  pm.addPass(createConvertElementwiseToLinalgPass());
  pm.addPass(createCanonicalizerPass());
  // Contractions (the matmul after an im2col) as register-blocked vector
  // code, lowered to outer products below.
  if (options.vectorize) {
    VectorizeContractionsOptions contractions;
    contractions.vectorBits = options.vectorBits;
    contractions.cpu = options.cpu;
    pm.addNestedPass<func::FuncOp>(createVectorizeContractions(contractions));
    pm.addPass(createCanonicalizerPass());
    // Each block's accumulator a loop-carried vector across the reduction.
    pm.addNestedPass<func::FuncOp>(createLoopInvariantSubsetHoistingPass());
    pm.addPass(createCanonicalizerPass());
  }

  // Buffers, across function boundaries, with every allocation freed. A
  // result that is stored into a destination is computed in place there.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  addBufferizationPasses(pm);
  // Rows of results beyond the last-level cache: streaming stores where
  // they are aligned.
  if (options.vectorize)
    pm.addNestedPass<func::FuncOp>(createNontemporalStores());

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
  addBF16ArithmeticPasses(pm);
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorTransposeLowering =
      vector::VectorTransposeLowering::Shuffle1D;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
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
  // Moved floats are loaded and stored as the integers the gather moves
  // them as, so that LLVM cannot make their phis float phis again.
  pm.addPass(createMoveBitsAsIntegers());
  // The CPU the code was built for, on every function, so that
  // mlir-runner's JIT, mlir-translate + llc and an embedder's code
  // generator all generate the same code.
  SetTargetCPUOptions setTarget;
  setTarget.cpu = options.cpu;
  pm.addPass(createSetTargetCPU(setTarget));

  // Nothing else is left: OpenMP's ops are translated with the LLVM dialect.
  CheckLoweredOptions check;
  check.dialects = {"llvm"};
  if (options.numThreads != 1)
    check.dialects.push_back("omp");
  check.pipeline = "patches-lower-to-llvm";
  pm.addPass(createCheckLowered(check));
  return success();
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

  // Buffers, as on the CPU (on the device with device-buffers).
  addBufferizationPasses(pm, options.deviceBuffers);

  // One kernel per linalg op, with its device buffers and copies; whatever
  // cannot run on the GPU becomes loops on the host. With device-buffers,
  // the buffers are device memory: no copies, frees on the device, and an
  // op that cannot be a kernel is an error.
  LinalgToGPULaunchOptions launch;
  launch.blockSize = options.blockSize;
  launch.indexBitwidth = options.indexBitwidth;
  launch.deviceBuffers = options.deviceBuffers;
  launch.vectorStores = options.vectorStores;
  launch.minThreads = options.minThreads;
  pm.addNestedPass<func::FuncOp>(createLinalgToGPULaunch(launch));
  if (!options.deviceBuffers)
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createCanonicalizerPass());
}

/// Host code (with `gpu` ops lowered to runtime calls when `withGPU`) to
/// the LLVM dialect.
static void buildHostToLLVMPipeline(OpPassManager &pm, bool withGPU) {
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // Complex elements: arithmetic in arith/math, constants and parts as LLVM
  // structs.
  pm.addPass(createConvertComplexToStandardPass());
  addBF16ArithmeticPasses(pm);
  // The emulated kernels' vector stores (a vector per thread).
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertComplexToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (withGPU)
    pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  // As at the end of the CPU pipeline.
  pm.addPass(createMoveBitsAsIntegers());
}

LogicalResult
patches::buildLowerToNVVMPipeline(OpPassManager &pm,
                                  const LowerToNVVMOptions &options,
                                  PipelineErrorHandler errorHandler) {
  if (failed(checkAnchor(pm, "patches-lower-to-nvvm", errorHandler)) ||
      failed(verifyLowerToNVVMOptions(options, errorHandler)))
    return failure();

  buildGPULaunchPipeline(pm, options);

  // The kernels move into a gpu.module, with the constants they use.
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createWidenKernelArguments());
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
  binary.compilationTarget = stringifyOptionValue(options.format).str();
  pm.addPass(createGpuModuleToBinaryPass(binary));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Host code in LLVM, launching the kernels of the gpu.binary.
  CheckLoweredOptions check;
  check.dialects = {"llvm"};
  check.ops = {"gpu.binary", "gpu.launch_func"};
  check.pipeline = "patches-lower-to-nvvm";
  pm.addPass(createCheckLowered(check));
  return success();
}

LogicalResult
patches::buildEmulateGPUOnHostPipeline(OpPassManager &pm,
                                       const LowerToNVVMOptions &options,
                                       PipelineErrorHandler errorHandler) {
  if (failed(checkAnchor(pm, "patches-lower-to-llvm-emulating-gpu",
                         errorHandler)) ||
      failed(verifyLowerToNVVMOptions(options, errorHandler)))
    return failure();

  buildGPULaunchPipeline(pm, options);
  pm.addNestedPass<func::FuncOp>(createEmulateGPUOnHost());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  buildHostToLLVMPipeline(pm, /*withGPU=*/false);
  pm.addPass(createCanonicalizerPass());

  CheckLoweredOptions check;
  check.dialects = {"llvm"};
  check.pipeline = "patches-lower-to-llvm-emulating-gpu";
  pm.addPass(createCheckLowered(check));
  return success();
}

/// Registers a pipeline: its options are parsed and checked, and its
/// nesting too, when the pipeline is parsed, before any IR is read.
template <typename OptionsT>
static void registerPipeline(StringRef arg, StringRef description,
                             LogicalResult (*builder)(OpPassManager &,
                                                      const OptionsT &,
                                                      PipelineErrorHandler)) {
  registerPassPipeline(
      arg, description,
      [builder](OpPassManager &pm, StringRef text,
                function_ref<LogicalResult(const Twine &)> errorHandler) {
        OptionsT options;
        if (failed(options.parseFromString(text)))
          return failure();
        return builder(pm, options, errorHandler);
      },
      [](function_ref<void(const mlir::detail::PassOptions &)> optionsHandler) {
        optionsHandler(OptionsT());
      });
}

void patches::registerPatchesPipelines() {
  registerPipeline<LowerToLLVMOptions>(
      "patches-lower-to-llvm",
      "Lower a module using patches.extract, on tensors, to the LLVM dialect "
      "for the CPU",
      buildLowerToLLVMPipeline);
  registerPipeline<LowerToNVVMOptions>(
      "patches-lower-to-nvvm",
      "Lower a module using patches.extract, on tensors, to host code in the "
      "LLVM dialect and a gpu.binary of coalesced kernels for NVIDIA GPUs",
      buildLowerToNVVMPipeline);
  registerPipeline<LowerToNVVMOptions>(
      "patches-lower-to-llvm-emulating-gpu",
      "For testing without a GPU: the kernels of patches-lower-to-nvvm run "
      "as loops on the host (LLVM dialect for the CPU)",
      buildEmulateGPUOnHostPipeline);
}
