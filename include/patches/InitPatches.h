//===- InitPatches.h - Register everything patches provides -----*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The one header a compiler that embeds patches includes. It provides:
//
//  * registration: `registerAllDialects` (the patches dialect),
//    `registerAllExtensions` (the upstream interface models the patches
//    pipelines rely on) and `registerAllPasses` (the passes and the named
//    pipelines, for pass-pipeline strings and `*-opt` drivers);
//  * the op and its attributes: `patches::ExtractOp` (PatchesOps.h), whose
//    builder infers the result type, `PaddingAttr`, `DimensionNumbersAttr`
//    and the geometry (PatchesGeometry.h);
//  * the conversion: `populatePatchesToLinalgPatterns(patterns, options)` and
//    the pass constructor `createConvertPatchesToLinalg(options)`
//    (PatchesToLinalg.h);
//  * the convolution rewrite: `populateConvToPatchesPatterns(patterns)` and
//    `convertConvToPatches(rewriter, op)`, which turn linalg convolutions
//    into `patches.extract` and a contraction, and the pass constructor
//    `createConvertLinalgConvToPatches()` (LinalgConvToPatches.h);
//  * the pipelines, as builders that add their passes to a compiler's own
//    pass manager: `buildLowerToLLVMPipeline(pm, LowerToLLVMOptions)` for the
//    CPU and, where the build has it, `buildLowerToNVVMPipeline(pm,
//    LowerToNVVMOptions)` for NVIDIA GPUs (Pipelines.h).
//
// A typical embedding:
//
//   mlir::DialectRegistry registry;
//   registry.insert<mlir::func::FuncDialect>();
//   patches::registerAllDialects(registry);
//   patches::registerAllExtensions(registry);
//   mlir::MLIRContext context(registry);
//   ...
//   mlir::PassManager pm(&context);
//   if (mlir::failed(patches::buildLowerToLLVMPipeline(
//           pm, patches::LowerToLLVMOptions{})))
//     ...; // an invalid option, reported on stderr
//
// docs/embedding.md has the full story and examples/embed/ a complete
// program.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_INITPATCHES_H
#define PATCHES_INITPATCHES_H

#include "patches/Conversion/LinalgConvToPatches/LinalgConvToPatches.h"
#include "patches/Conversion/Passes.h"
#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Dialect/Patches/IR/PatchesAttrs.h"
#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/Dialect/Patches/IR/PatchesGeometry.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Pipelines/Pipelines.h"
#include "patches/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"

namespace patches {

/// Adds the patches dialect to `registry`.
void registerAllDialects(mlir::DialectRegistry &registry);

/// Adds what patches itself attaches to dialects: `TilingInterface` on
/// `patches.extract` (PatchesTilingInterface.h), which the upstream tiling
/// and fusion transforms need, and the patches transform ops
/// (PatchesTransformOps.h). A driver that already registers every upstream
/// extension (a stock `mlir-opt` loading libPatchesPlugin.so) needs only
/// this; `registerAllExtensions` includes it.
void registerPatchesExtensions(mlir::DialectRegistry &registry);

/// Adds the external interface models of upstream dialects that the patches
/// pipelines need and that a context does not get from loading the dialects
/// alone: bufferization of func, arith, tensor, linalg, scf and cf, and
/// buffer deallocation. A compiler that already calls
/// `mlir::registerAllDialects` has them; one that registers only the dialects
/// it uses needs this before running a patches pipeline. Also adds
/// `registerPatchesExtensions`.
void registerAllExtensions(mlir::DialectRegistry &registry);

/// Registers the patches passes and named pipelines with the global pass
/// registry (for `patches-opt`-style drivers and pass-pipeline strings).
/// Calling it again does nothing.
void registerAllPasses();

} // namespace patches

#endif // PATCHES_INITPATCHES_H
