//===- InitPatches.h - Register everything patches provides -----*- C++ -*-===//
//
// The entry points a compiler that embeds patches needs: the dialect, the
// passes and named pipelines, and the building blocks to assemble its own.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_INITPATCHES_H
#define PATCHES_INITPATCHES_H

#include "patches/Conversion/Passes.h"
#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"

namespace patches {

/// Adds the patches dialect to `registry`.
void registerAllDialects(mlir::DialectRegistry &registry);

/// Registers the patches passes and named pipelines with the global pass
/// registry (for `patches-opt`-style drivers and pass-pipeline strings).
void registerAllPasses();

} // namespace patches

#endif // PATCHES_INITPATCHES_H
