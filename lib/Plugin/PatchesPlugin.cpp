//===- PatchesPlugin.cpp - patches as an mlir-opt plugin ------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Loads the patches dialect, passes and pipelines into a stock mlir-opt:
//
//   mlir-opt --load-dialect-plugin=libPatchesPlugin.so \
//            --load-pass-plugin=libPatchesPlugin.so \
//            --pass-pipeline='builtin.module(patches-lower-to-llvm)' in.mlir
//
// The plugin links the shared libMLIR.so, as mlir-opt does, so both use one
// copy of MLIR's registries and type uniquers.
//
//===----------------------------------------------------------------------===//

#include "patches/InitPatches.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

/// The dialect and what patches attaches to dialects (TilingInterface on
/// patches.extract, the patches transform ops). mlir-opt registers every
/// upstream dialect and interface model itself: registering those again
/// from here would duplicate them.
extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "Patches", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            patches::registerAllDialects(*registry);
            patches::registerPatchesExtensions(*registry);
          }};
}

/// The passes and named pipelines.
extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "Patches", LLVM_VERSION_STRING,
          []() { patches::registerAllPasses(); }};
}
