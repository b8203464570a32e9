//===- PatchesDialect.cpp - The patches dialect ---------------------------===//

#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

using namespace mlir;
using namespace patches;

#include "patches/Dialect/Patches/IR/PatchesOpsDialect.cpp.inc"

void PatchesDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "patches/Dialect/Patches/IR/PatchesOps.cpp.inc"
      >();
}
