// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

/*===- patches.c - The C API of patches, from C ---------------------------===*\
|*                                                                            *|
|* Builds and parses patches.extract and patches.fold through the C API,      *|
|* reads their clauses back, builds and reads the dialect's attributes,       *|
|* queries the geometry, checks that invalid arguments give a diagnostic (or  *|
|* an error message) and a null result, runs a pass created by its generated  *|
|* C function, and lowers a module with the registered CPU pipeline through   *|
|* the pass-manager C API.                                                    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

// RUN: patches-capi-test 2>&1 | FileCheck %s

#include "patches-c/Dialect/Patches.h"
#include "patches-c/Passes.h"
#include "patches-c/Registration.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Prints `n` sizes as [a, b, ...], `?` for a dynamic one. */
static void printShape(const char *what, intptr_t n, const int64_t *sizes) {
  printf("%s = [", what);
  for (intptr_t i = 0; i < n; ++i) {
    if (i)
      printf(", ");
    if (sizes[i] == mlirShapedTypeGetDynamicSize())
      printf("?");
    else
      printf("%lld", (long long)sizes[i]);
  }
  printf("]\n");
}

static void printAttribute(const char *what, MlirAttribute attr) {
  printf("%s: ", what);
  mlirAttributePrint(attr, printToStdout, NULL);
  printf("\n");
}

static void printStringRef(const char *what, MlirStringRef text) {
  printf("%s = \"%.*s\"\n", what, (int)text.length, text.data);
}

/* patchesFoldOpCreate: the adjoint of the worked example, with a static
 * result type; then a fully dynamic one with its two spatial_sizes. Each
 * replaces its function's placeholder result, so the module verifies only if
 * the op has the right type. */
static void testFold(MlirContext context) {
  printf("testFold\n");
  MlirModule module = parse(
      context,
      "func.func @fold(%y: tensor<1x4x2x2xf32>,\n"
      "                %placeholder: tensor<1x1x3x3xf32>)\n"
      "    -> tensor<1x1x3x3xf32> {\n"
      "  return %placeholder : tensor<1x1x3x3xf32>\n"
      "}\n"
      "func.func @fold_dynamic(%y: tensor<?x?x?x?xf32>, %h: index,\n"
      "                        %w: index, %placeholder: tensor<?x?x?x?xf32>)\n"
      "    -> tensor<?x?x?x?xf32> {\n"
      "  return %placeholder : tensor<?x?x?x?xf32>\n"
      "}\n");
  MlirLocation loc = mlirLocationUnknownGet(context);

  MlirOperation func = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirOperation ret = mlirBlockGetFirstOperation(body);
  const int64_t resultShape[] = {1, 1, 3, 3};
  MlirType resultType = mlirRankedTensorTypeGet(
      4, resultShape, mlirF32TypeGet(context), mlirAttributeGetNull());
  const int64_t filterShape[] = {2, 2}, ones[] = {1, 1};
  /* All-ones dilations and the default layouts are stored absent. */
  MlirOperation fold = patchesFoldOpCreate(
      loc, mlirBlockGetArgument(body, 0), resultType, 0, NULL,
      /*numSpatialDims=*/2, filterShape, ones, PatchesPaddingValid, NULL, NULL,
      ones, ones, "NCHW", "OIHW", "NCHW", PatchesPrecisionHigh);
  check(!mlirOperationIsNull(fold), "create fold");
  check(patchesOperationIsAFoldOp(fold), "isa fold");
  check(!patchesOperationIsAExtractOp(fold), "a fold is no extract");
  check(mlirAttributeIsNull(mlirOperationGetAttributeByName(
            fold, mlirStringRefCreateFromCString("lhs_dilation"))),
        "all-ones lhs_dilation is absent");
  check(mlirAttributeIsNull(patchesOperationGetDimensionNumbers(fold)),
        "default dimension numbers are absent");
  mlirBlockInsertOwnedOperationBefore(body, ret, fold);
  mlirOperationSetOperand(ret, 0, mlirOperationGetResult(fold, 0));

  func = mlirOperationGetNextInBlock(func);
  body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  ret = mlirBlockGetFirstOperation(body);
  const int64_t dynamicShape[] = {
      mlirShapedTypeGetDynamicSize(), mlirShapedTypeGetDynamicSize(),
      mlirShapedTypeGetDynamicSize(), mlirShapedTypeGetDynamicSize()};
  MlirType dynamicType = mlirRankedTensorTypeGet(
      4, dynamicShape, mlirF32TypeGet(context), mlirAttributeGetNull());
  const int64_t filterShape3[] = {3, 3}, twos[] = {2, 2};
  MlirValue spatialSizes[] = {mlirBlockGetArgument(body, 1),
                              mlirBlockGetArgument(body, 2)};
  MlirOperation dynamicFold = patchesFoldOpCreate(
      loc, mlirBlockGetArgument(body, 0), dynamicType, 2, spatialSizes, 2,
      filterShape3, twos, PatchesPaddingSame, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, PatchesPrecisionDefault);
  check(!mlirOperationIsNull(dynamicFold), "create the dynamic fold");
  check(mlirOperationGetNumOperands(dynamicFold) == 3,
        "the patches and two spatial sizes");
  mlirBlockInsertOwnedOperationBefore(body, ret, dynamicFold);
  mlirOperationSetOperand(ret, 0, mlirOperationGetResult(dynamicFold, 0));

  check(mlirOperationVerify(mlirModuleGetOperation(module)), "verify");
  mlirOperationPrint(mlirModuleGetOperation(module), printToStdout, NULL);
  printf("\n");

  /* Invalid folds: a diagnostic and a null op each. */
  MlirLocation fileLoc = mlirLocationFileLineColGet(
      context, mlirStringRefCreateFromCString("fold.c"), 2, 3);
  MlirValue y = mlirBlockGetArgument(body, 0);
  MlirOperation missingSizes = patchesFoldOpCreate(
      fileLoc, y, dynamicType, 1, spatialSizes, 2, filterShape3, twos,
      PatchesPaddingSame, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      PatchesPrecisionDefault);
  check(mlirOperationIsNull(missingSizes), "one spatial size of two");
  MlirOperation wrongRank = patchesFoldOpCreate(
      fileLoc, y, resultType, 0, NULL, 1, filterShape, ones,
      PatchesPaddingValid, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      PatchesPrecisionDefault);
  check(mlirOperationIsNull(wrongRank), "a result of the wrong rank");
  MlirOperation notATensor = patchesFoldOpCreate(
      fileLoc, y, mlirF32TypeGet(context), 0, NULL, 2, filterShape, ones,
      PatchesPaddingValid, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      PatchesPrecisionDefault);
  check(mlirOperationIsNull(notATensor), "a result type that is no tensor");
  MlirValue nullSizes[] = {spatialSizes[0], (MlirValue){NULL}};
  MlirOperation nullSize = patchesFoldOpCreate(
      fileLoc, y, dynamicType, 2, nullSizes, 2, filterShape3, twos,
      PatchesPaddingSame, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      PatchesPrecisionDefault);
  check(mlirOperationIsNull(nullSize), "a null spatial size");
  MlirOperation badPrecision = patchesFoldOpCreate(
      fileLoc, y, dynamicType, 2, spatialSizes, 2, filterShape3, twos,
      PatchesPaddingSame, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      (PatchesPrecision)7);
  check(mlirOperationIsNull(badPrecision), "an unknown precision");
  mlirModuleDestroy(module);
}
// CHECK-LABEL: testFold
// CHECK: func.func @fold(%[[Y:.*]]: tensor<1x4x2x2xf32>, %{{.*}}: tensor<1x1x3x3xf32>)
// CHECK-NEXT: %[[X:.*]] = patches.fold %[[Y]] filter_shape = [2, 2] window_strides = [1, 1] padding = VALID precision = HIGH : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
// CHECK-NEXT: return %[[X]]
// CHECK: func.func @fold_dynamic(%[[Y:.*]]: tensor<?x?x?x?xf32>, %[[H:.*]]: index, %[[W:.*]]: index, %{{.*}}: tensor<?x?x?x?xf32>)
// CHECK-NEXT: %[[X:.*]] = patches.fold %[[Y]] spatial_sizes(%[[H]], %[[W]]) filter_shape = [3, 3] window_strides = [2, 2] padding = SAME : tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
// CHECK-NEXT: return %[[X]]
// CHECK: diagnostic: 'patches.fold' op expected 2 spatial_sizes operands, one per dynamic spatial size of the result, but got 1
// CHECK-NEXT: diagnostic: 'patches.fold' op expected a result of rank 3 (2 + 1 spatial dimensions of filter_shape), but the result has rank 4
// CHECK-NEXT: diagnostic: patchesFoldOpCreate: the result type must be a ranked tensor type
// CHECK-NEXT: diagnostic: patchesFoldOpCreate: spatialSizes[1] is a null value
// CHECK-NEXT: diagnostic: patchesFoldOpCreate: unknown precision 7
// CHECK-NOT: diagnostic

/* The clauses of the op of testBuild, read back through the dedicated
 * accessors and through the generic attribute names. */
static void testClauseAccessors(MlirContext context) {
  printf("testClauseAccessors\n");
  MlirModule module = parse(
      context,
      "func.func @f(%x: tensor<2x9x9x3xf32>) -> tensor<2x4x4x27xf32> {\n"
      "  %p = patches.extract %x filter_shape = [3, 3] window_strides = "
      "[2, 1]\n"
      "         padding = [[1, 1], [0, -1]] rhs_dilation = [2, 2]\n"
      "         dimension_numbers = (\"NHWC\", \"HWIO\", \"NHWC\")\n"
      "         precision = HIGHEST : tensor<2x9x9x3xf32> -> "
      "tensor<2x4x4x27xf32>\n"
      "  return %p : tensor<2x4x4x27xf32>\n"
      "}\n");
  MlirOperation extract =
      mlirBlockGetFirstOperation(getFirstFunctionBody(module));
  check(patchesOperationGetNumSpatialDims(extract) == 2, "n = 2");
  int64_t values[2] = {0, 0};
  check(patchesOperationGetFilterShape(extract, values), "filter_shape");
  printShape("filter_shape", 2, values);
  check(patchesOperationGetWindowStrides(extract, values), "window_strides");
  printShape("window_strides", 2, values);
  check(patchesOperationGetLhsDilation(extract, values), "lhs_dilation");
  printShape("lhs_dilation", 2, values);
  check(patchesOperationGetRhsDilation(extract, values), "rhs_dilation");
  printShape("rhs_dilation", 2, values);
  MlirAttribute padding = patchesOperationGetPadding(extract);
  check(patchesAttributeIsAPadding(padding), "padding");
  printAttribute("padding", padding);
  MlirAttribute dimensionNumbers = patchesOperationGetDimensionNumbers(extract);
  check(patchesAttributeIsADimensionNumbers(dimensionNumbers),
        "dimension_numbers");
  printStringRef("rhs_spec",
                 patchesDimensionNumbersAttrGetRhsSpec(dimensionNumbers));
  check(patchesOperationGetPrecision(extract) == PatchesPrecisionHighest,
        "precision");

  const char *names[] = {"filter_shape", "window_strides", "padding",
                         "lhs_dilation", "rhs_dilation",   "dimension_numbers",
                         "precision"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); ++i) {
    MlirAttribute attr = mlirOperationGetAttributeByName(
        extract, mlirStringRefCreateFromCString(names[i]));
    if (mlirAttributeIsNull(attr))
      printf("%s: absent\n", names[i]);
    else
      printAttribute(names[i], attr);
  }
  check(mlirAttributeEqual(
            mlirOperationGetAttributeByName(
                extract, mlirStringRefCreateFromCString("padding")),
            padding),
        "the padding attribute, both ways");

  /* On any other op (and a null one) the accessors fail and write nothing. */
  MlirOperation func = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  MlirOperation null = {NULL};
  values[0] = 42;
  check(patchesOperationGetNumSpatialDims(func) == -1, "n of a func");
  check(patchesOperationGetNumSpatialDims(null) == -1, "n of a null op");
  check(!patchesOperationGetFilterShape(func, values), "filter of a func");
  check(!patchesOperationGetLhsDilation(null, values), "dilation of null");
  check(values[0] == 42, "nothing written");
  check(mlirAttributeIsNull(patchesOperationGetPadding(func)),
        "padding of a func");
  check(mlirAttributeIsNull(patchesOperationGetDimensionNumbers(null)),
        "dimension numbers of a null op");
  check(patchesOperationGetPrecision(func) == (PatchesPrecision)-1,
        "precision of a func");
  check(!patchesOperationIsAExtractOp(null) && !patchesOperationIsAFoldOp(null),
        "a null op is no patches op");
  mlirModuleDestroy(module);
}
// CHECK-LABEL: testClauseAccessors
// CHECK-NEXT: filter_shape = [3, 3]
// CHECK-NEXT: window_strides = [2, 1]
// CHECK-NEXT: lhs_dilation = [1, 1]
// CHECK-NEXT: rhs_dilation = [2, 2]
// CHECK-NEXT: padding: #patches.padding<{{\[}}[1, 1], [0, -1]]>
// CHECK-NEXT: rhs_spec = "HWIO"
// CHECK-NEXT: filter_shape: array<i64: 3, 3>
// CHECK-NEXT: window_strides: array<i64: 2, 1>
// CHECK-NEXT: padding: #patches.padding<{{\[}}[1, 1], [0, -1]]>
// CHECK-NEXT: lhs_dilation: absent
// CHECK-NEXT: rhs_dilation: array<i64: 2, 2>
// CHECK-NEXT: dimension_numbers: #patches.dimension_numbers<"NHWC", "HWIO", "NHWC">
// CHECK-NEXT: precision: #patches.precision<HIGHEST>
// CHECK-NOT: diagnostic

/* Each attribute, built and read back; bad arguments give a diagnostic and a
 * null attribute; the accessors of one attribute return their fallback on
 * the others. */
static void testAttributes(MlirContext context) {
  printf("testAttributes\n");
  const int64_t low[] = {1, 0, 2}, high[] = {1, -1, 3};
  MlirAttribute explicitPadding =
      patchesPaddingAttrGet(context, PatchesPaddingExplicit, 3, low, high);
  check(patchesAttributeIsAPadding(explicitPadding), "explicit padding");
  check(mlirTypeIDEqual(mlirAttributeGetTypeID(explicitPadding),
                        patchesPaddingAttrGetTypeID()),
        "padding TypeID");
  printAttribute("explicit", explicitPadding);
  check(patchesPaddingAttrGetKind(explicitPadding) == PatchesPaddingExplicit,
        "explicit kind");
  intptr_t numPairs = patchesPaddingAttrGetNumPairs(explicitPadding);
  printf("pairs = %d:", (int)numPairs);
  for (intptr_t i = 0; i < numPairs; ++i) {
    int64_t lo = 0, hi = 0;
    check(patchesPaddingAttrGetPair(explicitPadding, i, &lo, &hi), "pair");
    printf(" (%lld, %lld)", (long long)lo, (long long)hi);
  }
  printf("\n");
  int64_t lo = 42, hi = 42;
  check(!patchesPaddingAttrGetPair(explicitPadding, 3, &lo, &hi) &&
            !patchesPaddingAttrGetPair(explicitPadding, -1, &lo, &hi) &&
            lo == 42 && hi == 42,
        "a pair out of range");

  PatchesPaddingKind kinds[] = {PatchesPaddingSame, PatchesPaddingValid,
                                PatchesPaddingSameLower};
  for (int i = 0; i < 3; ++i) {
    MlirAttribute padding = patchesPaddingAttrGet(context, kinds[i], 0, NULL,
                                                  NULL);
    check(patchesPaddingAttrGetKind(padding) == kinds[i], "string kind");
    check(patchesPaddingAttrGetNumPairs(padding) == 0, "no pairs");
    printAttribute("string", padding);
  }
  MlirAttribute noPairs =
      patchesPaddingAttrGet(context, PatchesPaddingExplicit, 0, NULL, NULL);
  check(patchesPaddingAttrGetNumPairs(noPairs) == 0, "zero explicit pairs");
  printAttribute("zero pairs", noPairs);

  MlirAttribute dimensionNumbers = patchesDimensionNumbersAttrGet(
      context, mlirStringRefCreateFromCString("NHWC"),
      mlirStringRefCreateFromCString("HWIO"),
      mlirStringRefCreateFromCString("NCHW"));
  check(patchesAttributeIsADimensionNumbers(dimensionNumbers),
        "dimension numbers");
  check(mlirTypeIDEqual(mlirAttributeGetTypeID(dimensionNumbers),
                        patchesDimensionNumbersAttrGetTypeID()),
        "dimension numbers TypeID");
  printAttribute("dimension numbers", dimensionNumbers);
  printStringRef("lhs", patchesDimensionNumbersAttrGetLhsSpec(dimensionNumbers));
  printStringRef("rhs", patchesDimensionNumbersAttrGetRhsSpec(dimensionNumbers));
  printStringRef("out", patchesDimensionNumbersAttrGetOutSpec(dimensionNumbers));

  PatchesPrecision precisions[] = {PatchesPrecisionDefault,
                                   PatchesPrecisionHigh,
                                   PatchesPrecisionHighest};
  for (int i = 0; i < 3; ++i) {
    MlirAttribute precision = patchesPrecisionAttrGet(context, precisions[i]);
    check(patchesAttributeIsAPrecision(precision), "precision");
    check(patchesPrecisionAttrGetValue(precision) == precisions[i],
          "precision value");
    printAttribute("precision", precision);
  }
  check(mlirTypeIDEqual(mlirAttributeGetTypeID(patchesPrecisionAttrGet(
                            context, PatchesPrecisionHigh)),
                        patchesPrecisionAttrGetTypeID()),
        "precision TypeID");

  /* Attributes are uniqued: the same arguments give the same attribute. */
  check(mlirAttributeEqual(explicitPadding,
                           patchesPaddingAttrGet(context,
                                                 PatchesPaddingExplicit, 3,
                                                 low, high)),
        "uniqued padding");

  /* Cross checks and fallbacks. */
  MlirAttribute null = mlirAttributeGetNull();
  check(!patchesAttributeIsAPadding(dimensionNumbers) &&
            !patchesAttributeIsADimensionNumbers(explicitPadding) &&
            !patchesAttributeIsAPrecision(explicitPadding) &&
            !patchesAttributeIsAPadding(null) &&
            !patchesAttributeIsADimensionNumbers(null) &&
            !patchesAttributeIsAPrecision(null),
        "isa on other attributes");
  check(patchesPaddingAttrGetKind(dimensionNumbers) == (PatchesPaddingKind)-1,
        "kind of no padding");
  check(patchesPaddingAttrGetNumPairs(null) == -1, "pairs of null");
  check(patchesDimensionNumbersAttrGetLhsSpec(explicitPadding).length == 0,
        "spec of no dimension numbers");
  check(patchesPrecisionAttrGetValue(explicitPadding) == (PatchesPrecision)-1,
        "value of no precision");

  /* Bad arguments. */
  check(mlirAttributeIsNull(patchesPaddingAttrGet(context, PatchesPaddingSame,
                                                  1, low, high)),
        "SAME with a pair");
  check(mlirAttributeIsNull(patchesPaddingAttrGet(
            context, (PatchesPaddingKind)9, 0, NULL, NULL)),
        "an unknown padding kind");
  check(mlirAttributeIsNull(patchesPaddingAttrGet(
            context, PatchesPaddingExplicit, 2, NULL, high)),
        "pairs without low values");
  check(mlirAttributeIsNull(patchesPaddingAttrGet(
            context, PatchesPaddingExplicit, -1, low, high)),
        "a negative count");
  check(mlirAttributeIsNull(
            patchesPrecisionAttrGet(context, (PatchesPrecision)3)),
        "an unknown precision");
  check(mlirAttributeIsNull(patchesPaddingAttrGet(
            (MlirContext){NULL}, PatchesPaddingSame, 0, NULL, NULL)),
        "a null context");
}
// CHECK-LABEL: testAttributes
// CHECK-NEXT: explicit: #patches.padding<{{\[}}[1, 1], [0, -1], [2, 3]]>
// CHECK-NEXT: pairs = 3: (1, 1) (0, -1) (2, 3)
// CHECK-NEXT: string: #patches.padding<SAME>
// CHECK-NEXT: string: #patches.padding<VALID>
// CHECK-NEXT: string: #patches.padding<SAME_LOWER>
// CHECK-NEXT: zero pairs: #patches.padding<[]>
// CHECK-NEXT: dimension numbers: #patches.dimension_numbers<"NHWC", "HWIO", "NCHW">
// CHECK-NEXT: lhs = "NHWC"
// CHECK-NEXT: rhs = "HWIO"
// CHECK-NEXT: out = "NCHW"
// CHECK-NEXT: precision: #patches.precision<DEFAULT>
// CHECK-NEXT: precision: #patches.precision<HIGH>
// CHECK-NEXT: precision: #patches.precision<HIGHEST>
// CHECK-NEXT: diagnostic: patchesPaddingAttrGet: SAME padding takes no explicit values
// CHECK-NEXT: diagnostic: patchesPaddingAttrGet: unknown padding kind 9
// CHECK-NEXT: diagnostic: patchesPaddingAttrGet: numPairs = 2 needs as many low and high values
// CHECK-NEXT: diagnostic: patchesPaddingAttrGet: numPairs = -1 needs as many low and high values
// CHECK-NEXT: diagnostic: patchesPrecisionAttrGet: unknown precision 3
// CHECK-NOT: diagnostic

static void collectError(MlirStringRef message, void *userData) {
  char *buffer = (char *)userData;
  size_t length = strlen(buffer);
  snprintf(buffer + length, 1024 - length, "%.*s", (int)message.length,
           message.data);
}

/* patchesInferExtractResultShape: the shapes of good clause sets, and the
 * verifier's message for bad ones, without a context. */
static void testGeometry(void) {
  printf("testGeometry\n");
  const int64_t dyn = mlirShapedTypeGetDynamicSize();
  char error[1024] = "";
  int64_t result[4] = {0, 0, 0, 0};

  const int64_t filterShape[] = {2, 2}, ones[] = {1, 1};
  const int64_t workedExample[] = {1, 1, 3, 3};
  check(mlirLogicalResultIsSuccess(patchesInferExtractResultShape(
            2, filterShape, ones, PatchesPaddingValid, NULL, NULL, NULL, NULL,
            NULL, NULL, NULL, 4, workedExample, result, collectError, error)),
        "the worked example");
  printShape("worked example", 4, result);

  const int64_t filterShape3[] = {3, 3}, strides[] = {2, 1};
  const int64_t padLow[] = {1, 0}, padHigh[] = {1, -1}, rhsDilation[] = {2, 2};
  const int64_t nhwc[] = {dyn, 9, 9, 3};
  check(mlirLogicalResultIsSuccess(patchesInferExtractResultShape(
            2, filterShape3, strides, PatchesPaddingExplicit, padLow, padHigh,
            NULL, rhsDilation, "NHWC", "HWIO", "NHWC", 4, nhwc, result,
            collectError, error)),
        "the documentation's example, with a dynamic batch");
  printShape("nhwc", 4, result);

  const int64_t dynamicSpatial[] = {1, 3, dyn, 8};
  check(mlirLogicalResultIsSuccess(patchesInferExtractResultShape(
            2, filterShape3, strides, PatchesPaddingSame, NULL, NULL, NULL,
            NULL, NULL, NULL, NULL, 4, dynamicSpatial, result, NULL, NULL)),
        "SAME on a dynamic size, no callback");
  printShape("same", 4, result);
  check(error[0] == '\0', "no error on success");

  /* Bad clause sets: failure, the message, and nothing written. */
  result[0] = 42;
  const int64_t twos[] = {2, 2};
  check(mlirLogicalResultIsFailure(patchesInferExtractResultShape(
            2, filterShape, ones, PatchesPaddingSame, NULL, NULL, twos, NULL,
            NULL, NULL, NULL, 4, workedExample, result, collectError, error)),
        "SAME with lhs dilation");
  printf("error: %s\n", error);
  error[0] = '\0';
  const int64_t rank3[] = {1, 3, 3};
  check(mlirLogicalResultIsFailure(patchesInferExtractResultShape(
            2, filterShape, ones, PatchesPaddingValid, NULL, NULL, NULL, NULL,
            NULL, NULL, NULL, 3, rank3, result, collectError, error)),
        "the wrong rank");
  printf("error: %s\n", error);
  error[0] = '\0';
  const int64_t zeroStrides[] = {1, 0};
  check(mlirLogicalResultIsFailure(patchesInferExtractResultShape(
            2, filterShape, zeroStrides, PatchesPaddingValid, NULL, NULL,
            NULL, NULL, NULL, NULL, NULL, 4, workedExample, result,
            collectError, error)),
        "a zero stride");
  printf("error: %s\n", error);
  error[0] = '\0';
  check(mlirLogicalResultIsFailure(patchesInferExtractResultShape(
            2, filterShape, ones, PatchesPaddingValid, NULL, NULL, NULL, NULL,
            "NCHW", "OIHW", "NCXX", 4, workedExample, result, collectError,
            error)),
        "a malformed spec");
  printf("error: %s\n", error);
  error[0] = '\0';
  check(mlirLogicalResultIsFailure(patchesInferExtractResultShape(
            2, filterShape, ones, PatchesPaddingExplicit, NULL, NULL, NULL,
            NULL, NULL, NULL, NULL, 4, workedExample, result, collectError,
            error)),
        "explicit padding without values");
  printf("error: %s\n", error);
  error[0] = '\0';
  check(mlirLogicalResultIsFailure(patchesInferExtractResultShape(
            -1, NULL, NULL, PatchesPaddingValid, NULL, NULL, NULL, NULL, NULL,
            NULL, NULL, 4, workedExample, result, collectError, error)),
        "a negative numSpatialDims");
  printf("error: %s\n", error);
  check(result[0] == 42, "nothing written on failure");
}
// CHECK-LABEL: testGeometry
// CHECK-NEXT: worked example = [1, 4, 2, 2]
// CHECK-NEXT: nhwc = [?, 4, 4, 27]
// CHECK-NEXT: same = [1, 27, ?, 8]
// CHECK-NEXT: error: padding = SAME cannot be combined with lhs_dilation = [2, 2]: as in JAX
// CHECK-NEXT: error: expected an input of rank 4 (2 + 2 spatial dimensions of filter_shape = [2, 2]), but the input has rank 3
// CHECK-NEXT: error: window_strides[1] = 0 must be at least 1
// CHECK-NEXT: error: dimension_numbers out spec "NCXX" repeats the character 'X'
// CHECK-NEXT: error: explicit padding needs padLow and padHigh
// CHECK-NEXT: error: numSpatialDims = -1 is negative
// CHECK-NOT: diagnostic

/* A context with no dialect loaded: the attribute constructors and the
 * creators load the patches dialect themselves. */
static void testBareContext(void) {
  printf("testBareContext\n");
  MlirContext context = mlirContextCreate();
  mlirContextAttachDiagnosticHandler(context, printDiagnostic, NULL, NULL);
  check(mlirContextGetNumLoadedDialects(context) == 1, "only builtin");
  MlirAttribute padding =
      patchesPaddingAttrGet(context, PatchesPaddingValid, 0, NULL, NULL);
  check(patchesAttributeIsAPadding(padding), "padding in a bare context");

  MlirContext other = mlirContextCreate();
  mlirContextAttachDiagnosticHandler(other, printDiagnostic, NULL, NULL);
  MlirLocation loc = mlirLocationUnknownGet(other);
  const int64_t shape[] = {1, 1, 3, 3};
  MlirType type = mlirRankedTensorTypeGet(4, shape, mlirF32TypeGet(other),
                                          mlirAttributeGetNull());
  MlirBlock block = mlirBlockCreate(1, &type, &loc);
  const int64_t filterShape[] = {2, 2}, ones[] = {1, 1};
  MlirOperation extract = patchesExtractOpCreate(
      loc, mlirBlockGetArgument(block, 0), 2, filterShape, ones,
      PatchesPaddingValid, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      PatchesPrecisionDefault);
  check(patchesOperationIsAExtractOp(extract), "extract in a bare context");
  mlirBlockAppendOwnedOperation(block, extract);
  mlirOperationPrint(extract, printToStdout, NULL);
  printf("\n");
  mlirBlockDestroy(block);
  mlirContextDestroy(other);
  mlirContextDestroy(context);
}
// CHECK-LABEL: testBareContext
// CHECK-NEXT: patches.extract {{.+}} filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
// CHECK-NOT: diagnostic

/* A pass created by its generated C function, run through a pass manager;
 * and every other pass's creator and registration, which link. */
static void testPassCreate(MlirContext context) {
  printf("testPassCreate\n");
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
  MlirOpPassManager funcPm = mlirPassManagerGetNestedUnder(
      pm, mlirStringRefCreateFromCString("func.func"));
  mlirOpPassManagerAddOwnedPass(
      funcPm, mlirCreatePatchesConversionConvertPatchesToLinalg());
  check(mlirLogicalResultIsSuccess(
            mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module))),
        "run convert-patches-to-linalg");
  mlirOperationPrint(mlirModuleGetOperation(module), printToStdout, NULL);
  printf("\n");
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);

  /* The other creators give passes that a pass manager takes (and frees);
   * the pipeline it prints names them. */
  MlirPassManager all = mlirPassManagerCreate(context);
  MlirOpPassManager top = mlirPassManagerGetAsOpPassManager(all);
  MlirPass passes[] = {
      mlirCreatePatchesConversionConvertPatchesToVector(),
      mlirCreatePatchesConversionLinalgToGPULaunch(),
      mlirCreatePatchesConversionRaiseOneHotConvToPatches(),
      mlirCreatePatchesTransformsCheckLowered(),
      mlirCreatePatchesTransformsFoldPadIntoLinalg(),
      mlirCreatePatchesTransformsMoveBitsAsIntegers(),
      mlirCreatePatchesTestingEmulateGPUOnHost(),
  };
  for (size_t i = 0; i < sizeof(passes) / sizeof(passes[0]); ++i) {
    check(passes[i].ptr != NULL, "created pass");
    mlirOpPassManagerAddOwnedPass(top, passes[i]);
  }
  mlirPrintPassPipeline(top, printToStdout, NULL);
  printf("\n");
  mlirPassManagerDestroy(all);

  mlirRegisterPatchesConversionPasses();
  mlirRegisterPatchesTransformsPasses();
  mlirRegisterPatchesTestingPasses();
  mlirRegisterPatchesConversionConvertPatchesToLinalg();
}
// CHECK-LABEL: testPassCreate
// CHECK-NOT: patches.extract
// CHECK: func.func @worked_example(
// CHECK: linalg.generic
// CHECK-NOT: patches.extract
// CHECK: return
// CHECK: convert-patches-to-vector{{.*}}patches-linalg-to-gpu-launch{{.*}}patches-raise-one-hot-conv{{.*}}patches-check-lowered{{.*}}patches-fold-pad-into-linalg{{.*}}patches-move-bits-as-integers{{.*}}patches-emulate-gpu-on-host
// CHECK-NOT: diagnostic

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
  /* So is a null registry. */
  mlirRegisterPatchesExtensions((MlirDialectRegistry){NULL});
  MlirContext context = createContext();
  testParse(context);
  testBuild(context);
  testInvalid(context);
  testFold(context);
  testClauseAccessors(context);
  testAttributes(context);
  testGeometry();
  testBareContext();
  testPassCreate(context);
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
