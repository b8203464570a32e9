//===- Pipelines.h - Named pass pipelines of patches ------------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Each pipeline is a typed options struct, a builder that other compilers
// call on their own pass manager, and a registration for drivers.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_PIPELINES_PIPELINES_H
#define PATCHES_PIPELINES_PIPELINES_H

#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Target/CPUTarget.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include <optional>
#include <string>

namespace patches {

/// Receives the error of a pipeline whose options are invalid (and returns
/// failure). A builder given none prints `error: <message>` to stderr.
using PipelineErrorHandler =
    llvm::function_ref<mlir::LogicalResult(const llvm::Twine &)>;

/// Options of `patches-lower-to-llvm`.
struct LowerToLLVMOptions : mlir::PassPipelineOptions<LowerToLLVMOptions> {
  PassOptions::Option<LoweringStrategy> strategy{
      *this, "strategy",
      llvm::cl::desc("How to lower patches.extract: gather or conv "
                     "(default: gather)"),
      llvm::cl::init(LoweringStrategy::Gather), loweringStrategyValues()};
  PassOptions::Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Lower the gather to vectorized row copies where it "
                     "can (convert-patches-to-vector) and contractions to "
                     "register-blocked vector code "
                     "(patches-vectorize-contractions); off: linalg loops "
                     "(default: true)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("Vector width of the vectorized gather, in bits: 8 to "
                     "2048, or 0 for the target CPU's choice (default: 0)"),
      llvm::cl::init(0)};
  PassOptions::Option<std::string> cpu{
      *this, "cpu",
      llvm::cl::desc("The CPU to generate code for where the IR names none "
                     "(a function's target_cpu, the module's llvm.target "
                     "or llvm.target_triple win), as LLVM names it (znver4, "
                     "sapphirerapids, x86-64-v3, ...) or native (default: "
                     "native, the host)"),
      llvm::cl::init("native")};
  PassOptions::Option<int64_t> nontemporalBytes{
      *this, "nontemporal-bytes",
      llvm::cl::desc("Results larger than this many bytes write their "
                     "aligned rows with streaming (non-temporal) stores; "
                     "-1: larger than the last-level cache (32 MiB), rows "
                     "of 1 KiB or more (default: -1)"),
      llvm::cl::init(-1)};
  PassOptions::Option<unsigned> numThreads{
      *this, "num-threads",
      llvm::cl::desc("Threads to run the gather's rows on (OpenMP): 0 to "
                     "4096; 1 runs single-threaded code, 0 lets OpenMP "
                     "choose (default: 1)"),
      llvm::cl::init(1)};
};

/// The most threads `num-threads` asks for.
constexpr unsigned kMaxNumThreads = 4096;

/// Checks the options of `patches-lower-to-llvm`, reporting the first
/// invalid one through `errorHandler`.
mlir::LogicalResult verifyLowerToLLVMOptions(const LowerToLLVMOptions &options,
                                             PipelineErrorHandler errorHandler);

/// Adds the CPU pipeline: a module of `func.func`s on tensors that use
/// `patches.extract` becomes the LLVM dialect (patches to linalg,
/// bufferization across function boundaries, deallocation, loops, LLVM),
/// and fails at the first op left outside it. Fails, adding nothing, when
/// an option is invalid or `pm` does not run on a `builtin.module`.
mlir::LogicalResult
buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                         const LowerToLLVMOptions &options,
                         PipelineErrorHandler errorHandler = nullptr);

/// What `gpu-module-to-binary` makes of the kernels.
enum class GPUBinaryFormat {
  /// PTX text, compiled by LLVM's NVPTX backend alone; the driver
  /// JIT-compiles it when the module loads.
  Isa,
  /// A cubin for `chip`, assembled by ptxas.
  Bin,
  /// A fatbinary holding the cubin and the PTX (ptxas and fatbinary).
  Fatbin,
};

/// The name of a format, as the `format` option spells it.
llvm::StringRef stringifyOptionValue(GPUBinaryFormat format);

} // namespace patches

namespace llvm::cl {
/// `format=` lists the formats when given another value.
template <>
class parser<patches::GPUBinaryFormat>
    : public patches::ListingEnumParser<patches::GPUBinaryFormat> {
public:
  using ListingEnumParser::ListingEnumParser;
};
} // namespace llvm::cl

namespace patches {

/// Options of `patches-lower-to-nvvm`.
struct LowerToNVVMOptions : mlir::PassPipelineOptions<LowerToNVVMOptions> {
  PassOptions::Option<LoweringStrategy> strategy{
      *this, "strategy",
      llvm::cl::desc("How to lower patches.extract: gather or conv "
                     "(default: gather)"),
      llvm::cl::init(LoweringStrategy::Gather), loweringStrategyValues()};
  PassOptions::Option<std::string> chip{
      *this, "chip",
      llvm::cl::desc("The GPU architecture to compile for: one that LLVM's "
                     "NVPTX backend knows, sm_20 to sm_121f (default: "
                     "sm_90)"),
      llvm::cl::init("sm_90")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX features: empty (the chip's oldest PTX version) "
                     "or +ptxNN, a PTX version that knows the chip (+ptx78 "
                     "or later for sm_90) and that LLVM knows (up to "
                     "+ptx90) (default: +ptx80)"),
      llvm::cl::init("+ptx80")};
  PassOptions::Option<GPUBinaryFormat> format{
      *this, "format",
      llvm::cl::desc("What the gpu.binary holds: isa, bin or fatbin "
                     "(default: isa)"),
      llvm::cl::init(GPUBinaryFormat::Isa),
      llvm::cl::values(
          clEnumValN(GPUBinaryFormat::Isa, "isa",
                     "PTX text (needs no CUDA toolkit)"),
          clEnumValN(GPUBinaryFormat::Bin, "bin", "a cubin (needs ptxas)"),
          clEnumValN(GPUBinaryFormat::Fatbin, "fatbin",
                     "a fatbinary (needs ptxas and fatbinary)"))};
  PassOptions::Option<int64_t> blockSize{
      *this, "block-size",
      llvm::cl::desc("Threads per block: 1 to 1024 (default: 256)"),
      llvm::cl::init(256)};
  PassOptions::Option<unsigned> indexBitwidth{
      *this, "index-bitwidth",
      llvm::cl::desc("Bit width of the kernels' thread-index arithmetic: 32 "
                     "where the iteration space provably fits (64 "
                     "elsewhere), or 64 everywhere (default: 32)"),
      llvm::cl::init(32)};
  PassOptions::Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("LLVM optimization level of the kernels: 0 to 3 "
                     "(default: 3)"),
      llvm::cl::init(3)};
  PassOptions::Option<bool> deviceBuffers{
      *this, "device-buffers",
      llvm::cl::desc("The lowered functions take and return device memory: "
                     "no device buffers or copies per kernel, results "
                     "allocated on the device (mgpuMemAlloc), for callers "
                     "that manage device memory; off: host memory, copied "
                     "in and out around each kernel (default: false)"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> vectorStores{
      *this, "vector-stores",
      llvm::cl::desc("Each thread stores 16 bytes of consecutive output "
                     "elements as one vector where the outputs allow it "
                     "(patches-linalg-to-gpu-launch"
                     "{vector-stores}); off: one element a thread (default: "
                     "true)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> minThreads{
      *this, "min-threads",
      llvm::cl::desc("With vector-stores, each thread loops over the "
                     "outermost parallel loop, or a chunk of it, where the "
                     "threads still number this many "
                     "(patches-linalg-to-gpu-launch{min-threads}; 0: the "
                     "whole loop) (default: 65536)"),
      llvm::cl::init(65536)};
};

/// The oldest PTX version (`+ptxNN` as NN: 78 for PTX 7.8) that LLVM's
/// NVPTX backend accepts for `chip`, or nullopt when it does not know the
/// chip.
std::optional<unsigned> getMinPTXVersion(llvm::StringRef chip);

/// Checks the options of `patches-lower-to-nvvm` (and of
/// `patches-lower-to-llvm-emulating-gpu`, which takes the same), reporting
/// the first invalid one through `errorHandler`.
mlir::LogicalResult verifyLowerToNVVMOptions(const LowerToNVVMOptions &options,
                                             PipelineErrorHandler errorHandler);

/// Adds the NVIDIA GPU pipeline: a module of `func.func`s on tensors that
/// use `patches.extract` becomes host code in the LLVM dialect that launches
/// one coalesced kernel per linalg op, plus a `gpu.binary` holding the
/// kernels (patches to linalg, padding read in place, bufferization, one
/// `gpu.launch` per op with its device buffers and copies, outlining, NVVM,
/// LLVM, serialization), and fails at the first op left outside them.
/// Fails, adding nothing, when an option is invalid or `pm` does not run on
/// a `builtin.module`.
mlir::LogicalResult
buildLowerToNVVMPipeline(mlir::OpPassManager &pm,
                         const LowerToNVVMOptions &options,
                         PipelineErrorHandler errorHandler = nullptr);

/// For testing the GPU kernels without a GPU: the kernels that
/// `buildLowerToNVVMPipeline` builds (the same passes, up to the
/// `gpu.launch` ops) run as sequential loops on the host, and the module is
/// lowered to the LLVM dialect for the CPU. Only `strategy`, `block-size`,
/// `index-bitwidth` and `device-buffers` apply (all options are checked);
/// device memory is host memory there.
mlir::LogicalResult
buildEmulateGPUOnHostPipeline(mlir::OpPassManager &pm,
                              const LowerToNVVMOptions &options,
                              PipelineErrorHandler errorHandler = nullptr);

/// Registers the named pipelines with the global registry.
void registerPatchesPipelines();

} // namespace patches

#endif // PATCHES_PIPELINES_PIPELINES_H
