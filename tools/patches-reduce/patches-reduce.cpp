//===- patches-reduce.cpp - Test-case reducer for patches IR --------------===//
//
// mlir-reduce with the patches dialect and its passes: shrinks a module
// that makes a pipeline fail (or do anything an interestingness script
// detects) to a small one that still does, for bug reports.
//
//===----------------------------------------------------------------------===//

#include "PatchesToolRegistration.h"
#include "patches/InitPatches.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-reduce/MlirReduceMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  patches::registerAllPasses();

  mlir::DialectRegistry registry;
  patches::registerUpstreamAndPatchesDialects(registry);

  mlir::MLIRContext context(registry);
  return mlir::failed(mlir::mlirReduceMain(argc, argv, context));
}
