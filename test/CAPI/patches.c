/*===- patches.c - The C API of patches, from C ---------------------------===*\
|*                                                                            *|
|* Builds and parses patches.extract through the C API, checks that invalid  *|
|* clauses give a diagnostic and a null op, and lowers a module with the      *|
|* registered CPU pipeline through the pass-manager C API.                    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

// RUN: patches-capi-test 2>&1 | FileCheck %s

#include "patches-c/Dialect/Patches.h"
#include "patches-c/Registration.h"

#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Support.h"

#include <stdio.h>
#include <stdlib.h>

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

/* Diagnostics go to stdout, in order with the rest of the output. */
static MlirLogicalResult printDiagnostic(MlirDiagnostic diagnostic,
                                         void *userData) {
  (void)userData;
  printf("diagnostic: ");
  mlirDiagnosticPrint(diagnostic, printToStdout, NULL);
  printf("\n");
  return mlirLogicalResultSuccess();
}

static void check(int condition, const char *what) {
  if (!condition) {
    fprintf(stderr, "FAILED: %s\n", what);
    exit(EXIT_FAILURE);
  }
}

static MlirContext createContext(void) {
  MlirContext context = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirDialectHandleInsertDialect(mlirGetDialectHandle__patches__(), registry);
  mlirDialectHandleInsertDialect(mlirGetDialectHandle__func__(), registry);
  mlirRegisterPatchesExtensions(registry);
  mlirContextAppendDialectRegistry(context, registry);
  mlirDialectRegistryDestroy(registry);
  mlirContextAttachDiagnosticHandler(context, printDiagnostic, NULL, NULL);
  return context;
}

static MlirModule parse(MlirContext context, const char *source) {
  MlirModule module =
      mlirModuleCreateParse(context, mlirStringRefCreateFromCString(source));
  check(!mlirModuleIsNull(module), "parse");
  return module;
}

/* The first operation in the body of the first function of `module`. */
static MlirBlock getFirstFunctionBody(MlirModule module) {
  MlirOperation func = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
}

/* The worked example of the specification, parsed. */
static void testParse(MlirContext context) {
  printf("testParse\n");
  MlirModule module = parse(
      context,
      "func.func @worked_example(%x: tensor<1x1x3x3xf32>)\n"
      "    -> tensor<1x4x2x2xf32> {\n"
      "  %p = patches.extract %x filter_shape = [2, 2] window_strides = "
      "[1, 1]\n"
      "         padding = VALID : tensor<1x1x3x3xf32> -> "
      "tensor<1x4x2x2xf32>\n"
      "  return %p : tensor<1x4x2x2xf32>\n"
      "}\n");
  MlirOperation extract =
      mlirBlockGetFirstOperation(getFirstFunctionBody(module));
  check(patchesOperationIsAExtractOp(extract), "isa extract");
  check(mlirOperationVerify(mlirModuleGetOperation(module)), "verify");
  mlirOperationPrint(extract, printToStdout, NULL);
  printf("\n");
  mlirModuleDestroy(module);
}
// CHECK-LABEL: testParse
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>

/* The example of the op's documentation, built through patchesExtractOpCreate
 * with every clause: its result type is inferred, and it replaces the
 * function's placeholder result, so the module verifies only if the inferred
 * type is right. */
static void testBuild(MlirContext context) {
  printf("testBuild\n");
  MlirModule module = parse(
      context, "func.func @built(%x: tensor<2x9x9x3xf32>,\n"
               "                 %placeholder: tensor<2x4x4x27xf32>)\n"
               "    -> tensor<2x4x4x27xf32> {\n"
               "  return %placeholder : tensor<2x4x4x27xf32>\n"
               "}\n");
  MlirBlock body = getFirstFunctionBody(module);
  MlirOperation ret = mlirBlockGetFirstOperation(body);

  const int64_t filterShape[] = {3, 3}, windowStrides[] = {2, 1};
  const int64_t padLow[] = {1, 0}, padHigh[] = {1, -1};
  const int64_t rhsDilation[] = {2, 2};
  MlirOperation extract = patchesExtractOpCreate(
      mlirLocationUnknownGet(context), mlirBlockGetArgument(body, 0),
      /*numSpatialDims=*/2, filterShape, windowStrides, PatchesPaddingExplicit,
      padLow, padHigh, /*lhsDilation=*/NULL, rhsDilation, "NHWC", "HWIO",
      "NHWC", PatchesPrecisionHighest);
  check(!mlirOperationIsNull(extract), "create");
  mlirBlockInsertOwnedOperationBefore(body, ret, extract);
  mlirOperationSetOperand(ret, 0, mlirOperationGetResult(extract, 0));

  check(mlirOperationVerify(mlirModuleGetOperation(module)), "verify");
  mlirOperationPrint(mlirModuleGetOperation(module), printToStdout, NULL);
  printf("\n");
  mlirModuleDestroy(module);
}
// CHECK-LABEL: testBuild
// CHECK: func.func @built(%[[X:.*]]: tensor<2x9x9x3xf32>, %{{.*}}: tensor<2x4x4x27xf32>)
// CHECK-NEXT: %[[P:.*]] = patches.extract %[[X]] filter_shape = [3, 3] window_strides = [2, 1] padding = {{\[}}[1, 1], [0, -1]] rhs_dilation = [2, 2] dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST : tensor<2x9x9x3xf32> -> tensor<2x4x4x27xf32>
// CHECK-NEXT: return %[[P]]

/* Clauses that do not fit the input: a diagnostic and a null op. */
static void testInvalid(MlirContext context) {
  printf("testInvalid\n");
  MlirModule module =
      parse(context, "func.func @invalid(%x: tensor<1x1x3x3xf32>) {\n"
                     "  return\n"
                     "}\n");
  MlirValue x = mlirBlockGetArgument(getFirstFunctionBody(module), 0);
  MlirLocation loc = mlirLocationFileLineColGet(
      context, mlirStringRefCreateFromCString("patches.c"), 1, 1);

  const int64_t filterShape3d[] = {2, 2, 2}, ones3d[] = {1, 1, 1};
  MlirOperation wrongRank = patchesExtractOpCreate(
      loc, x, 3, filterShape3d, ones3d, PatchesPaddingValid, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, PatchesPrecisionDefault);
  check(mlirOperationIsNull(wrongRank), "wrong rank gives a null op");

  const int64_t filterShape[] = {2, 2}, ones[] = {1, 1}, twos[] = {2, 2};
  MlirOperation samePaddingWithLhsDilation = patchesExtractOpCreate(
      loc, x, 2, filterShape, ones, PatchesPaddingSame, NULL, NULL, twos, NULL,
      NULL, NULL, NULL, PatchesPrecisionDefault);
  check(mlirOperationIsNull(samePaddingWithLhsDilation),
        "SAME with lhs dilation gives a null op");

  MlirOperation partialSpecs = patchesExtractOpCreate(
      loc, x, 2, filterShape, ones, PatchesPaddingValid, NULL, NULL, NULL,
      NULL, "NCHW", NULL, NULL, PatchesPrecisionDefault);
  check(mlirOperationIsNull(partialSpecs), "one spec of three gives a null op");

  MlirOperation badSpec = patchesExtractOpCreate(
      loc, x, 2, filterShape, ones, PatchesPaddingValid, NULL, NULL, NULL,
      NULL, "NCHW", "OIHW", "NCXX", PatchesPrecisionDefault);
  check(mlirOperationIsNull(badSpec), "a malformed spec gives a null op");

  MlirOperation noInput = patchesExtractOpCreate(
      loc, (MlirValue){NULL}, 2, filterShape, ones, PatchesPaddingValid, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, PatchesPrecisionDefault);
  check(mlirOperationIsNull(noInput), "a null input gives a null op");
  mlirModuleDestroy(module);
}
// CHECK-LABEL: testInvalid
// CHECK-NEXT: diagnostic: patchesExtractOpCreate: expected an input of rank 5 (2 + 3 spatial dimensions of filter_shape = [2, 2, 2]), but the input has rank 4
// CHECK-NEXT: diagnostic: patchesExtractOpCreate: padding = SAME cannot be combined with lhs_dilation = [2, 2]:
// CHECK-NEXT: diagnostic: patchesExtractOpCreate: give all three of lhsSpec, rhsSpec and outSpec, or none
// CHECK-NEXT: diagnostic: patchesExtractOpCreate: dimension_numbers out spec "NCXX" repeats the character 'X'
// CHECK-NEXT: diagnostic: patchesExtractOpCreate: the input must be a ranked tensor value

/* The CPU pipeline, by name, through the pass-manager C API, with each
 * lowering strategy and multithreaded: the context has only what
 * mlirRegisterPatchesExtensions and the two dialect handles give it. */
static void testPipeline(MlirContext context, const char *pipeline) {
  printf("testPipeline %s\n", pipeline);
  MlirModule module = parse(
      context,
      "func.func @worked_example(%x: tensor<1x1x3x3xf32>)\n"
      "    -> tensor<1x4x2x2xf32> {\n"
      "  %p = patches.extract %x filter_shape = [2, 2] window_strides = "
      "[1, 1]\n"
      "         padding = VALID : tensor<1x1x3x3xf32> -> "
      "tensor<1x4x2x2xf32>\n"
      "  return %p : tensor<1x4x2x2xf32>\n"
      "}\n");
  MlirPassManager pm = mlirPassManagerCreate(context);
  MlirLogicalResult parsed = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm),
      mlirStringRefCreateFromCString(pipeline), printToStdout, NULL);
  check(mlirLogicalResultIsSuccess(parsed), "parse the pipeline");
  MlirLogicalResult lowered =
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module));
  check(mlirLogicalResultIsSuccess(lowered), "run the pipeline");
  mlirOperationPrint(mlirModuleGetOperation(module), printToStdout, NULL);
  printf("\n");
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
}
// CHECK-LABEL: testPipeline builtin.module(patches-lower-to-llvm)
// CHECK-NOT: {{patches\.|tensor<|memref\.}}
// CHECK: llvm.func @worked_example(
// CHECK: llvm.return
// CHECK-NOT: {{patches\.|tensor<|memref\.}}
// CHECK-LABEL: testPipeline builtin.module(patches-lower-to-llvm{strategy=conv})
// CHECK-NOT: {{patches\.|tensor<|memref\.}}
// CHECK: llvm.func @worked_example(
// CHECK: llvm.return
// CHECK-NOT: {{patches\.|tensor<|memref\.}}
// CHECK-LABEL: testPipeline builtin.module(patches-lower-to-llvm{num-threads=2})
// CHECK-NOT: {{patches\.|tensor<|memref\.}}
// CHECK: llvm.func @worked_example(
// CHECK: llvm.return
// CHECK-NOT: {{patches\.|tensor<|memref\.}}

int main(void) {
  mlirRegisterPatchesPasses();
  /* A second registration is harmless. */
  mlirRegisterPatchesPasses();
  MlirContext context = createContext();
  testParse(context);
  testBuild(context);
  testInvalid(context);
  testPipeline(context, "builtin.module(patches-lower-to-llvm)");
  testPipeline(context,
               "builtin.module(patches-lower-to-llvm{strategy=conv})");
  testPipeline(context,
               "builtin.module(patches-lower-to-llvm{num-threads=2})");
  mlirContextDestroy(context);
  printf("done\n");
  return EXIT_SUCCESS;
}
// CHECK: done
