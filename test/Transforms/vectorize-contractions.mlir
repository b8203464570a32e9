// RUN: patches-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(patches-vectorize-contractions{vector-bits=512}),canonicalize,cse)' | FileCheck %s
// RUN: patches-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(patches-vectorize-contractions{vector-bits=512}),canonicalize,func.func(loop-invariant-subset-hoisting),canonicalize)' | FileCheck %s --check-prefix=HOIST
// RUN: not patches-opt %s --pass-pipeline='builtin.module(func.func(patches-vectorize-contractions{rows=0}))' 2>&1 | FileCheck %s --check-prefix=ROWS
// RUN: not patches-opt %s --pass-pipeline='builtin.module(func.func(patches-vectorize-contractions{vector-bits=4}))' 2>&1 | FileCheck %s --check-prefix=BITS

// A matmul: 4 x 16 register blocks, the reduction one step at a time, the
// block read, multiplied and added as vectors (a product and a sum per
// step: the order of the sum is the scalar loops', and nothing is fused).
// CHECK-LABEL: func.func @matmul
// CHECK:         scf.for %{{.+}} = %c0 to %c8 step %c4
// CHECK:           scf.for %{{.+}} = %c0 to %c32 step %c16
// CHECK:             scf.for %{{.+}} = %c0 to %c12 step %c1
// CHECK:               vector.transfer_read {{.+}} : tensor<4x1xf32>, vector<4x16x1xf32>
// CHECK:               vector.transfer_read {{.+}} : tensor<1x16xf32>, vector<4x16x1xf32>
// CHECK:               %[[ACC:.+]] = vector.transfer_read {{.+}} : tensor<4x16xf32>, vector<4x16xf32>
// CHECK:               arith.mulf {{.+}} : vector<4x16x1xf32>
// CHECK:               arith.addf %[[ACC]], {{.+}} : vector<4x16xf32>
// CHECK:               vector.transfer_write {{.+}} : vector<4x16xf32>, tensor<4x16xf32>
// CHECK-NOT:     linalg.matmul
// With the subset hoisting the CPU pipeline runs next, the block's
// accumulator is read once, carried through the reduction as a vector and
// written once.
// HOIST-LABEL: func.func @matmul
// HOIST:         %[[INIT:.+]] = vector.transfer_read {{.+}} : tensor<4x16xf32>, vector<4x16xf32>
// HOIST:         %[[SUM:.+]] = scf.for {{.+}} iter_args(%[[ACC:.+]] = %[[INIT]]) -> (vector<4x16xf32>)
// HOIST-NOT:       vector.transfer_write
// HOIST:           arith.addf %[[ACC]]
// HOIST:         vector.transfer_write %[[SUM]]
func.func @matmul(%a: tensor<8x12xf32>, %b: tensor<12x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<8x12xf32>, tensor<12x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// Block sizes shrink to divisors of the ranges (7 rows: 1; 10 columns: 10),
// so every tile is whole and no vector is masked; i8 products accumulate in
// i32 as the payload says.
// CHECK-LABEL: func.func @quantized_shapes
// CHECK:         scf.for %{{.+}} = %c0 to %c7 step %c1
// CHECK-NOT:       step %c4
// CHECK:             vector.transfer_read {{.+}} : tensor<1x10xi32>, vector<1x10xi32>
// CHECK:             arith.extsi {{.+}} : vector<1x10x1xi8> to vector<1x10x1xi32>
// CHECK:             arith.muli {{.+}} : vector<1x10x1xi32>
// CHECK-NOT:     vector.mask
func.func @quantized_shapes(%a: tensor<7x5xi8>, %b: tensor<5x10xi8>, %c: tensor<7x10xi32>) -> tensor<7x10xi32> {
  %r = linalg.matmul ins(%a, %b : tensor<7x5xi8>, tensor<5x10xi8>) outs(%c : tensor<7x10xi32>) -> tensor<7x10xi32>
  return %r : tensor<7x10xi32>
}

// -----

// Not contractions: a convolution and an elementwise op stay as they are.
// CHECK-LABEL: func.func @not_contractions
// CHECK:         linalg.conv_1d
// CHECK:         linalg.add
// CHECK-NOT:     vector.
func.func @not_contractions(%x: tensor<10xf32>, %w: tensor<3xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
  %r = linalg.conv_1d ins(%x, %w : tensor<10xf32>, tensor<3xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  %s = linalg.add ins(%r, %r : tensor<8xf32>, tensor<8xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return %s : tensor<8xf32>
}

// ROWS: rows must be between 1 and 64, got 0
// BITS: vector-bits must be between 8 and 2048, got 4 (or 0: the target CPU's choice)
