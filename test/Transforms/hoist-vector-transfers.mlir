// RUN: patches-opt %s --pass-pipeline='builtin.module(func.func(patches-hoist-vector-transfers))' | FileCheck %s

// The block's accumulator is read before the reduction loop, carried
// through it as a vector and written once after it.
// CHECK-LABEL: func.func @accumulate
// CHECK:         %[[INIT:.+]] = vector.transfer_read %{{.+}} : memref<4x16xf32>, vector<4x16xf32>
// CHECK:         %[[SUM:.+]] = scf.for {{.+}} iter_args(%[[ACC:.+]] = %[[INIT]]) -> (vector<4x16xf32>)
// CHECK-NOT:       vector.transfer_write
// CHECK:           arith.addf %[[ACC]]
// CHECK:         vector.transfer_write %[[SUM]], %{{.+}} : vector<4x16xf32>, memref<4x16xf32>
func.func @accumulate(%c: memref<4x16xf32>, %b: memref<12x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c12 = arith.constant 12 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c12 step %c1 {
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<4x16xf32>, vector<4x16xf32>
    %row = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<12x16xf32>, vector<4x16xf32>
    %sum = arith.addf %acc, %row : vector<4x16xf32>
    vector.transfer_write %sum, %c[%c0, %c0] {in_bounds = [true, true]} : vector<4x16xf32>, memref<4x16xf32>
  }
  return
}
