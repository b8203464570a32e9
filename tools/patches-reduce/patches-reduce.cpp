//===- patches-reduce.cpp - Test-case reducer for patches IR --------------===//
//
// mlir-reduce with the patches dialect and its passes: shrinks a module
// that makes a pipeline fail (or do anything an interestingness script
// detects) to a small one that still does, for bug reports.
//
//===----------------------------------------------------------------------===//

#include "patches/InitPatches.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-reduce/MlirReduceMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  patches::registerAllPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  patches::registerAllDialects(registry);
  patches::registerAllExtensions(registry);

  mlir::MLIRContext context(registry);
  return mlir::failed(mlir::mlirReduceMain(argc, argv, context));
}
