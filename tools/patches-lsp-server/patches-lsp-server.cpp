//===- patches-lsp-server.cpp - Language server for patches IR ------------===//
//
// mlir-lsp-server with the patches dialect: an editor pointed at it gets
// diagnostics (the verifier's errors on patches.extract and patches.fold),
// hover, go-to-definition and completion in .mlir files that use patches.
//
//===----------------------------------------------------------------------===//

#include "patches/InitPatches.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Tools/mlir-lsp-server/MlirLspServerMain.h"
#include "mlir/Support/LogicalResult.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  patches::registerAllDialects(registry);
  patches::registerAllExtensions(registry);
  return mlir::failed(mlir::MlirLspServerMain(argc, argv, registry));
}
