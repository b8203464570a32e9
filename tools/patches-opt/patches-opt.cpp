//===- patches-opt.cpp - The patches optimizer driver ---------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Like mlir-opt: every upstream dialect, extension and pass, plus the patches
// dialect, its passes and its named pipelines.
//
//===----------------------------------------------------------------------===//

#include "PatchesToolRegistration.h"
#include "patches/InitPatches.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  patches::registerAllPasses();

  mlir::DialectRegistry registry;
  patches::registerUpstreamAndPatchesDialects(registry);
  patches::registerVersionPrinter();

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "patches optimizer driver\n", registry));
}
