//===- InitPatches.cpp - Register everything patches provides -------------===//

#include "patches/InitPatches.h"

void patches::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<PatchesDialect>();
}

void patches::registerAllPasses() {
  registerPatchesConversionPasses();
  registerPatchesPipelines();
}
