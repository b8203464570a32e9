//===- PatchesDialect.cpp - The patches dialect ---------------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;
using namespace patches;

#include "patches/Dialect/Patches/IR/PatchesOpsDialect.cpp.inc"

void PatchesDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "patches/Dialect/Patches/IR/PatchesOps.cpp.inc"
      >();
  // The tiling model lives in its own library
  // (registerTilingInterfaceExternalModels): a tiling driver that meets
  // patches.extract without it reports the missing registration instead of
  // silently not matching.
  declarePromisedInterface<TilingInterface, ExtractOp>();
}
