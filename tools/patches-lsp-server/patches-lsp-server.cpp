//===- patches-lsp-server.cpp - Language server for patches IR ------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// mlir-lsp-server with the patches dialect: an editor pointed at it gets
// diagnostics (the verifier's errors on patches.extract and patches.fold),
// hover, go-to-definition and completion in .mlir files that use patches.
//
//===----------------------------------------------------------------------===//

#include "PatchesToolRegistration.h"
#include "patches/InitPatches.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/LogicalResult.h"
#include "mlir/Tools/mlir-lsp-server/MlirLspServerMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  patches::registerUpstreamAndPatchesDialects(registry);
  patches::registerVersionPrinter();
  return mlir::failed(mlir::MlirLspServerMain(argc, argv, registry));
}
