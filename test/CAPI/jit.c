// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

/*===- jit.c - Compiled extractions and folds, from C ---------------------===*\
|*                                                                            *|
|* patches-c/JIT.h as a C program uses it: the worked example compiled with   *|
|* both strategies and run, its fold, two threads, and errors reported        *|
|* through the callback with a NULL result (never a crash).                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

// RUN: patches-capi-jit-test 2>&1 | FileCheck %s

#include "patches-c/JIT.h"

#include <stdio.h>
#include <string.h>

static void printError(MlirStringRef message, void *userData) {
  (void)userData;
  fprintf(stderr, "error: %.*s\n", (int)message.length, message.data);
}

static const int64_t kShape[4] = {1, 1, 3, 3};
static const int64_t kFilter[2] = {2, 2};
static const int64_t kStrides[2] = {1, 1};

static PatchesJitFunction *compileExample(const char *type,
                                          const PatchesJitOptions *options) {
  return patchesJitCompileExtract(type, 4, kShape, 2, kFilter, kStrides,
                                  PatchesPaddingValid, NULL, NULL, NULL, NULL,
                                  NULL, NULL, NULL, PatchesPrecisionDefault,
                                  options, printError, NULL);
}

static void printPatches(const char *label, const float *p) {
  fprintf(stderr, "%s:", label);
  for (int i = 0; i < 16; ++i)
    fprintf(stderr, " %g", p[i]);
  fprintf(stderr, "\n");
}

// The image 1..9 as 1x1x3x3, 2x2 windows: feature f holds element f of each
// window (row-major), over the 2x2 output positions.
// CHECK-LABEL: testExtract
// CHECK-NEXT: shapes: 1x1x3x3 -> 1x4x2x2
// CHECK-NEXT: gather: 1 2 4 5 2 3 5 6 4 5 7 8 5 6 8 9
// CHECK-NEXT: conv: 1 2 4 5 2 3 5 6 4 5 7 8 5 6 8 9
// CHECK-NEXT: threads: 1 2 4 5 2 3 5 6 4 5 7 8 5 6 8 9
static void testExtract(void) {
  fprintf(stderr, "testExtract\n");
  float image[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, out[16];
  PatchesJitFunction *f = compileExample("f32", NULL);
  if (!f)
    return;
  int64_t in[4], res[4];
  patchesJitFunctionGetOperandShape(f, in);
  patchesJitFunctionGetResultShape(f, res);
  fprintf(stderr, "shapes: %lldx%lldx%lldx%lld -> %lldx%lldx%lldx%lld\n",
          (long long)in[0], (long long)in[1], (long long)in[2],
          (long long)in[3], (long long)res[0], (long long)res[1],
          (long long)res[2], (long long)res[3]);
  memset(out, 0xff, sizeof(out));
  patchesJitFunctionRun(f, image, out);
  printPatches("gather", out);
  patchesJitFunctionDestroy(f);

  PatchesJitOptions options;
  patchesJitOptionsInit(&options);
  options.strategy = 1;
  f = compileExample("f32", &options);
  memset(out, 0xff, sizeof(out));
  patchesJitFunctionRun(f, image, out);
  printPatches("conv", out);
  patchesJitFunctionDestroy(f);

  patchesJitOptionsInit(&options);
  options.numThreads = 2;
  f = compileExample("f32", &options);
  memset(out, 0xff, sizeof(out));
  patchesJitFunctionRun(f, image, out);
  printPatches("threads", out);
  patchesJitFunctionDestroy(f);
}

// All-ones patches fold to the number of windows that cover each element.
// CHECK-LABEL: testFold
// CHECK-NEXT: fold: 1 2 1 2 4 2 1 2 1
static void testFold(void) {
  fprintf(stderr, "testFold\n");
  int32_t ones[16], image[9];
  for (int i = 0; i < 16; ++i)
    ones[i] = 1;
  PatchesJitFunction *f = patchesJitCompileFold(
      "i32", 4, kShape, 2, kFilter, kStrides, PatchesPaddingValid, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, PatchesPrecisionDefault, NULL, printError,
      NULL);
  if (!f)
    return;
  patchesJitFunctionRun(f, ones, image);
  fprintf(stderr, "fold:");
  for (int i = 0; i < 9; ++i)
    fprintf(stderr, " %d", image[i]);
  fprintf(stderr, "\n");
  patchesJitFunctionDestroy(f);
}

// clang-format off
// CHECK-LABEL: testErrors
// CHECK-NEXT: error: cannot parse the element type 'f33': expected non-function type
// CHECK-NEXT: null: 1
// CHECK-NEXT: error: the element type 'none' cannot be the element type of a buffer
// CHECK-NEXT: null: 1
// CHECK-NEXT: error: 'patches.extract' op operand #0 must be
// CHECK-NEXT: null: 1
// CHECK-NEXT: error: expected an input of rank 4 (2 + 2 spatial dimensions of filter_shape = [2, 2]), but the input has rank 3
// CHECK-NEXT: null: 1
// CHECK-NEXT: error: vector-bits must be between 8 and 2048, got 3
// CHECK-NEXT: null: 1
// CHECK-NEXT: error: unknown strategy 7, expected 0 (gather) or 1 (conv)
// CHECK-NEXT: null: 1
// CHECK-NEXT: error: the element type is required
// CHECK-NEXT: null: 1
// CHECK-NEXT: rank of NULL: -1
// clang-format on
static void testErrors(void) {
  fprintf(stderr, "testErrors\n");
  fprintf(stderr, "null: %d\n", compileExample("f33", NULL) == NULL);
  fprintf(stderr, "null: %d\n", compileExample("none", NULL) == NULL);
  fprintf(stderr, "null: %d\n", compileExample("vector<2xf32>", NULL) == NULL);
  fprintf(stderr, "null: %d\n",
          patchesJitCompileExtract("f32", 3, kShape, 2, kFilter, kStrides,
                                   PatchesPaddingValid, NULL, NULL, NULL, NULL,
                                   NULL, NULL, NULL, PatchesPrecisionDefault,
                                   NULL, printError, NULL) == NULL);
  PatchesJitOptions options;
  patchesJitOptionsInit(&options);
  options.vectorBits = 3;
  fprintf(stderr, "null: %d\n", compileExample("f32", &options) == NULL);
  patchesJitOptionsInit(&options);
  options.strategy = 7;
  fprintf(stderr, "null: %d\n", compileExample("f32", &options) == NULL);
  fprintf(stderr, "null: %d\n", compileExample(NULL, NULL) == NULL);
  fprintf(stderr, "rank of NULL: %d\n", (int)patchesJitFunctionGetRank(NULL));
  patchesJitFunctionRun(NULL, NULL, NULL);
  patchesJitFunctionDestroy(NULL);
}

int main(void) {
  testExtract();
  testFold();
  testErrors();
  return 0;
}
