// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

/*===-- patches-c/JIT.h - Compiled extractions and folds ----------*- C -*-===*\
|*                                                                            *|
|* One `patches.extract` or `patches.fold` on static shapes, compiled for the *|
|* host by the CPU pipeline (`patches::buildLowerToLLVMPipeline`) and MLIR's  *|
|* ExecutionEngine, and called on caller-owned buffers. This is what the      *|
|* Python package (python/patches, ctypes) is built on; any C program can use *|
|* it the same way.                                                           *|
|*                                                                            *|
|* A compiled function owns its own code and nothing else: it holds no MLIR   *|
|* context, may be called from several threads at once, and lives until      *|
|* `patchesJitFunctionDestroy`. No function here crashes on bad arguments:    *|
|* the compilers report the problem through `onError` and return NULL.        *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef PATCHES_C_JIT_H
#define PATCHES_C_JIT_H

#include "patches-c/Dialect/Patches.h"

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The options of the CPU pipeline (`patches-lower-to-llvm`) and of the JIT.
/// Initialize with `patchesJitOptionsInit` and change what you need.
typedef struct PatchesJitOptions {
  /// 0: the gather (`strategy=gather`, an exact copy), 1: JAX's one-hot
  /// convolution (`strategy=conv`).
  int32_t strategy;
  /// `num-threads`: 1 runs single-threaded code, 0 lets OpenMP choose, up to
  /// 4096. Anything but 1 calls the OpenMP runtime: the libomp.so of the
  /// LLVM installation patches was built against, loaded by the JIT.
  uint32_t numThreads;
  /// `vector-bits`: 0 for the CPU's choice, or 8 to 2048.
  int64_t vectorBits;
  /// `cpu`: NULL or "native" for the host, or an LLVM CPU name (the code
  /// must still run on the host).
  const char *cpu;
  /// `vectorize`: nonzero (the default) for the vectorized row copies.
  int32_t vectorize;
  /// The LLVM optimization level of the JIT, 0 to 3 (default 3).
  uint32_t optLevel;
  /// More shared libraries for the JIT to load, comma-separated (as
  /// mlir-runner's -shared-libs), or NULL. MLIR's libmlir_c_runner_utils.so
  /// (and libomp.so for threads) of the LLVM installation patches was built
  /// against are always loaded.
  const char *sharedLibPaths;
} PatchesJitOptions;

/// Sets `options` to the defaults: gather, 1 thread, the host CPU's vector
/// width, vectorized, -O3, no more shared libraries.
MLIR_CAPI_EXPORTED void patchesJitOptionsInit(PatchesJitOptions *options);

/// A compiled extraction or fold (opaque).
typedef struct PatchesJitFunction PatchesJitFunction;

/// Compiles `patches.extract` of an input of element type `elementType` (in
/// MLIR's syntax: "f32", "bf16", "i8", "ui16", "complex<f64>", ...) and of
/// the `inputRank` static sizes `inputShape`, with the clauses of
/// `patchesExtractOpCreate` (see patches-c/Dialect/Patches.h; `lhsSpec`,
/// `rhsSpec`, `outSpec` all or none). `options` may be NULL for the defaults.
///
/// On failure (an unknown type, clauses that do not fit the input, invalid
/// options, a lowering or JIT error) calls `onError` (when not NULL) once
/// with every error message, one per line (the op verifier's message for
/// the clauses), and returns NULL.
MLIR_CAPI_EXPORTED PatchesJitFunction *patchesJitCompileExtract(
    const char *elementType, intptr_t inputRank, const int64_t *inputShape,
    intptr_t numSpatialDims, const int64_t *filterShape,
    const int64_t *windowStrides, PatchesPaddingKind padding,
    const int64_t *padLow, const int64_t *padHigh, const int64_t *lhsDilation,
    const int64_t *rhsDilation, const char *lhsSpec, const char *rhsSpec,
    const char *outSpec, PatchesPrecision precision,
    const PatchesJitOptions *options, MlirStringCallback onError,
    void *userData);

/// Compiles `patches.fold` (the adjoint of the extraction above) whose
/// result, the input of the extraction it undoes, has the `inputRank`
/// static sizes `inputShape`; its operand has the shape of that
/// extraction's result. Arguments and errors as `patchesJitCompileExtract`.
MLIR_CAPI_EXPORTED PatchesJitFunction *patchesJitCompileFold(
    const char *elementType, intptr_t inputRank, const int64_t *inputShape,
    intptr_t numSpatialDims, const int64_t *filterShape,
    const int64_t *windowStrides, PatchesPaddingKind padding,
    const int64_t *padLow, const int64_t *padHigh, const int64_t *lhsDilation,
    const int64_t *rhsDilation, const char *lhsSpec, const char *rhsSpec,
    const char *outSpec, PatchesPrecision precision,
    const PatchesJitOptions *options, MlirStringCallback onError,
    void *userData);

/// The rank of the function's operand and result (they have the same).
MLIR_CAPI_EXPORTED intptr_t
patchesJitFunctionGetRank(const PatchesJitFunction *function);

/// Writes the operand's sizes (the extraction's input, or the fold's
/// patches) to `shape`, which has room for the rank.
MLIR_CAPI_EXPORTED void
patchesJitFunctionGetOperandShape(const PatchesJitFunction *function,
                                  int64_t *shape);

/// Writes the result's sizes to `shape`, which has room for the rank.
MLIR_CAPI_EXPORTED void
patchesJitFunctionGetResultShape(const PatchesJitFunction *function,
                                 int64_t *shape);

/// Runs the function on `operand` into `result`: dense row-major
/// (C-contiguous) buffers of the operand's and the result's shapes and of the
/// element type, aligned to the element's alignment; they must not overlap.
/// The result is overwritten entirely. Thread-safe.
MLIR_CAPI_EXPORTED void
patchesJitFunctionRun(const PatchesJitFunction *function, const void *operand,
                      void *result);

/// Frees the function and its code (NULL is ignored).
MLIR_CAPI_EXPORTED void patchesJitFunctionDestroy(PatchesJitFunction *function);

#ifdef __cplusplus
}
#endif

#endif // PATCHES_C_JIT_H
