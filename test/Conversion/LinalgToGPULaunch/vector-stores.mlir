// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// vector-stores (the default): each thread stores 16 bytes of consecutive
// output elements as one aligned vector, decomposes its index once (in 32
// bits), tests the padding once per vector, and reads inputs whose lanes
// are contiguous and aligned as one vector load.
//
// RUN: patches-opt %s -split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch),canonicalize)" \
// RUN: | FileCheck %s
// RUN: patches-opt %s -split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{min-threads=0}),canonicalize)" \
// RUN: | FileCheck %s --check-prefix=LOOP
// RUN: patches-opt %s -split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{device-buffers=true}),canonicalize)" \
// RUN: | FileCheck %s --check-prefix=DEVICE

// A gather (as patches-extract-to-linalg builds it, 3x1 window, SAME): the
// output's rows of 8 are two vectors of four. 2 * 9 * 4 * 8 / 4 = 144
// vector points. The vector's padding test is the four lanes' tests; where
// it holds, the input row is read as one vector (its lanes are consecutive
// and aligned: a 1-wide window, no padding along W), else each lane takes
// the payload's test.
// CHECK-LABEL: func.func @gather_rows
//   CHECK-DAG:   %[[C144:.*]] = arith.constant 144 : i32
//   CHECK-DAG:   %[[C2_I32:.*]] = arith.constant 2 : i32
//   CHECK-DAG:   %[[C4:.*]] = arith.constant 4 : index
//       CHECK:   %[[IN:.*]], %{{.*}} = gpu.alloc async {{.*}} : memref<2x3x4x8xf32>
//       CHECK:   gpu.launch
//       CHECK:     %[[FLAT:.*]] = arith.index_castui %{{.*}} : index to i32
//       CHECK:     arith.cmpi ult, %[[FLAT]], %[[C144]] : i32
//       CHECK:     %[[VCOL32:.*]] = arith.remui %[[FLAT]], %[[C2_I32]] : i32
//       CHECK:     %[[ROW:.*]] = arith.divui %[[FLAT]], %[[C2_I32]] : i32
//       CHECK:     %[[VCOL:.*]] = arith.index_castui %[[VCOL32]] : i32 to index
//       CHECK:     arith.remui %[[ROW]], %{{.*}} : i32
//       CHECK:     %[[COL:.*]] = arith.muli %[[VCOL]], %[[C4]] : index
//   CHECK-NOT:     scf.for
//       CHECK:     arith.andi
//       CHECK:     scf.if %{{[0-9]+}} {
//  CHECK-NEXT:       arith.addi
//  CHECK-NEXT:       arith.subi
//  CHECK-NEXT:       %[[ROWS:.*]] = vector.load %[[IN]][%{{.*}}, %{{.*}}, %{{.*}}, %[[COL]]] {alignment = 16 : i64} : memref<2x3x4x8xf32>, vector<4xf32>
//       CHECK:       vector.store %[[ROWS]], %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %[[COL]]] {alignment = 16 : i64} : memref<2x9x4x8xf32>, vector<4xf32>
//  CHECK-NEXT:     } else {
// CHECK-COUNT-4:     scf.if %{{.*}} -> (i32) {
//       CHECK:       vector.from_elements %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : vector<4xi32>
//       CHECK:       vector.store %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %[[COL]]] {alignment = 16 : i64} : memref<2x9x4x8xf32>, vector<4xf32>
//   CHECK-NOT:     memref.store

// With min-threads=0 each thread loops over the batch, whose index only
// moves the addresses: 72 threads, the test once a thread, outside the
// loops.
// LOOP-LABEL: func.func @gather_rows
//   LOOP-DAG:   %[[C72:.*]] = arith.constant 72 : i32
//   LOOP-DAG:   %[[C2:.*]] = arith.constant 2 : index
//       LOOP:   gpu.launch
//       LOOP:     arith.cmpi ult, %{{.*}}, %[[C72]] : i32
//       LOOP:     arith.andi
//       LOOP:     scf.if %{{[0-9]+}} {
//  LOOP-NEXT:       scf.for %[[N:.*]] = %{{.*}} to %[[C2]] step
//       LOOP:         vector.load %{{.*}}[%[[N]], {{.*}} : memref<2x3x4x8xf32>, vector<4xf32>
//       LOOP:         vector.store %{{.*}}, %{{.*}}[%[[N]], {{.*}} : memref<2x9x4x8xf32>, vector<4xf32>
//       LOOP:     } else {
//  LOOP-NEXT:       scf.for %[[N2:.*]] = %{{.*}} to %[[C2]] step
//       LOOP:         scf.if %{{.*}} -> (i32) {
//       LOOP:         vector.store %{{.*}}, %{{.*}}[%[[N2]], {{.*}} : memref<2x9x4x8xf32>, vector<4xf32>

// In device-buffers mode the memrefs are the caller's, so their alignment
// is tested at run time (with per-element stores where it does not hold).
// DEVICE-LABEL: func.func @gather_rows
//  DEVICE-SAME:   %[[IN:[^:]*]]: memref<2x3x4x8xf32>, {{.*}}, %[[OUT:[^:]*]]: memref<2x9x4x8xf32>)
//       DEVICE:   gpu.launch
//       DEVICE:     %[[OUT_PTR:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
//       DEVICE:     %[[OUT_REST:.*]] = arith.remui %[[OUT_PTR]], %[[C16:.*]] : index
//       DEVICE:     %[[OUT_ALIGNED:.*]] = arith.cmpi eq, %[[OUT_REST]], %{{.*}} : index
//       DEVICE:     memref.extract_aligned_pointer_as_index %[[IN]]
//       DEVICE:     vector.load %[[IN]]
//       DEVICE:     vector.store %{{.*}}, %[[OUT]]
//       DEVICE:     scf.if %[[OUT_ALIGNED]] {
//       DEVICE:       vector.store %{{.*}}, %[[OUT]]
//       DEVICE:     } else {
// DEVICE-COUNT-4:     memref.store %{{.*}}, %[[OUT]]
func.func @gather_rows(%arg0: memref<2x3x4x8xf32>, %padded: memref<2x3x6x8xf32>, %window: memref<3x1xf32>, %out: memref<2x9x4x8xf32>) {
  %c0_i32 = arith.constant 0 : i32
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4, d3 + d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d3)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 3 + d2 + d3, d4, d5)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%padded, %window : memref<2x3x6x8xf32>, memref<3x1xf32>) outs(%out : memref<2x9x4x8xf32>) {
  ^bb0(%p: f32, %w: f32, %o: f32):
    %0 = linalg.index 0 : index
    %1 = linalg.index 1 : index
    %2 = linalg.index 2 : index
    %3 = linalg.index 4 : index
    %4 = linalg.index 5 : index
    %5 = arith.addi %2, %3 : index
    %6 = arith.subi %5, %c1 : index
    %7 = arith.cmpi ult, %6, %c4 : index
    %8 = scf.if %7 -> (i32) {
      %10 = memref.load %arg0[%0, %1, %6, %4] : memref<2x3x4x8xf32>
      %11 = arith.bitcast %10 : f32 to i32
      scf.yield %11 : i32
    } else {
      scf.yield %c0_i32 : i32
    }
    %9 = arith.bitcast %8 : i32 to f32
    linalg.yield %9 : f32
  }
  return
}

// -----

// A copy of f16 rows of 16: two vectors of eight, loaded and stored whole.
// CHECK-LABEL: func.func @copy_f16
//       CHECK:   gpu.launch
//       CHECK:     %[[V:.*]] = vector.load %{{.*}} {alignment = 16 : i64} : memref<4x16xf16>, vector<8xf16>
//  CHECK-NEXT:     vector.store %[[V]], %{{.*}} {alignment = 16 : i64} : memref<4x16xf16>, vector<8xf16>
//   CHECK-NOT:     memref.store
// DEVICE-LABEL: func.func @copy_f16
//       DEVICE:   %[[ALIGNED:.*]] = arith.andi
//  DEVICE-NEXT:   scf.if %[[ALIGNED]] {
//  DEVICE-NEXT:     vector.load
//  DEVICE-NEXT:     vector.store
//       DEVICE:   } else {
// DEVICE-COUNT-8:   memref.load
func.func @copy_f16(%in: memref<4x16xf16>, %out: memref<4x16xf16>) {
  linalg.copy ins(%in : memref<4x16xf16>) outs(%out : memref<4x16xf16>)
  return
}

// -----

// Rows of 2 are not a multiple of the vector, but the 12 elements are in
// the loops' order: each vector is 4 consecutive flat points (3 vectors),
// each lane's indices decomposed on its own, stored through a 1-D view of
// the buffer (a vector crosses its rows).
// CHECK-LABEL: func.func @flat_order
//   CHECK-DAG:   %[[C3_I32:.*]] = arith.constant 3 : i32
//       CHECK:   gpu.launch
//       CHECK:     arith.cmpi ult, %{{.*}}, %[[C3_I32]] : i32
// CHECK-COUNT-4:   arith.addf
//       CHECK:     vector.from_elements {{.*}} : vector<4xi32>
//       CHECK:     memref.collapse_shape %{{.*}} {{\[}}[0, 1, 2]] : memref<2x3x2xf32> into memref<12xf32>
//       CHECK:     vector.store %{{.*}} {alignment = 16 : i64} : memref<12xf32>, vector<4xf32>
//   CHECK-NOT:     memref.store
func.func @flat_order(%a: memref<2x3x2xf32>, %b: memref<2x3x2xf32>, %out: memref<2x3x2xf32>) {
  linalg.add ins(%a, %b : memref<2x3x2xf32>, memref<2x3x2xf32>) outs(%out : memref<2x3x2xf32>)
  return
}

// -----

// 9 elements: two whole vectors, and a tail of one element that the third
// thread stores alone.
// CHECK-LABEL: func.func @flat_tail
//   CHECK-DAG:   %[[C2:.*]] = arith.constant 2 : i32
//   CHECK-DAG:   %[[C3:.*]] = arith.constant 3 : i32
//       CHECK:   gpu.launch
//       CHECK:     %[[FLAT:.*]] = arith.index_castui %{{.*}} : index to i32
//       CHECK:     arith.cmpi ult, %[[FLAT]], %[[C3]] : i32
//       CHECK:     %[[WHOLE:.*]] = arith.cmpi ult, %[[FLAT]], %[[C2]] : i32
//  CHECK-NEXT:     scf.if %[[WHOLE]] {
//       CHECK:       %[[ROWS:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0, 1]] : memref<3x3xf32> into memref<9xf32>
//       CHECK:       vector.store %{{.*}}, %[[ROWS]][%{{.*}}] {alignment = 16 : i64} : memref<9xf32>, vector<4xf32>
//       CHECK:     } else {
//       CHECK:       memref.load
//  CHECK-NEXT:       memref.store %{{.*}} : memref<3x3xf32>
//  CHECK-NEXT:     }
func.func @flat_tail(%in: memref<3x3xf32>, %out: memref<3x3xf32>) {
  linalg.copy ins(%in : memref<3x3xf32>) outs(%out : memref<3x3xf32>)
  return
}

// -----

// Sixteen i8 lanes; two f64 lanes, the input read along its columns (no
// vector load: its lanes are not contiguous).
// CHECK-LABEL: func.func @i8_fill
//       CHECK:   vector.store %{{.*}} {alignment = 16 : i64} : memref<2x32xi8>, vector<16xi8>
// CHECK-LABEL: func.func @f64_transpose
//   CHECK-NOT:   vector.load
// CHECK-COUNT-2: memref.load %{{.*}} : memref<4x6xf64>
//       CHECK:   vector.from_elements %{{.*}}, %{{.*}} : vector<2xi64>
//       CHECK:   vector.store %{{.*}} {alignment = 16 : i64} : memref<6x4xf64>, vector<2xf64>
func.func @i8_fill(%out: memref<2x32xi8>) {
  %c = arith.constant 7 : i8
  linalg.fill ins(%c : i8) outs(%out : memref<2x32xi8>)
  return
}
func.func @f64_transpose(%in: memref<4x6xf64>, %out: memref<6x4xf64>) {
  linalg.transpose ins(%in : memref<4x6xf64>) outs(%out : memref<6x4xf64>) permutation = [1, 0]
  return
}

// -----

// One element a thread where vectors do not fit: signed or unsigned
// integers (no bitcast to lanes), sub-byte elements, fewer elements than
// a vector, dynamic sizes, reductions.
// CHECK-LABEL: func.func @unsigned_stays_scalar
//   CHECK-NOT:   vector.
//       CHECK:   memref.store %{{.*}} : memref<16xui8>
// CHECK-LABEL: func.func @sub_byte_stays_scalar
//   CHECK-NOT:   vector.
//       CHECK:   memref.store %{{.*}} : memref<32xi4>
// CHECK-LABEL: func.func @short_stays_scalar
//   CHECK-NOT:   vector.
//       CHECK:   memref.store %{{.*}} : memref<1x3xf32>
// CHECK-LABEL: func.func @dynamic_stays_scalar
//   CHECK-NOT:   vector.
//       CHECK:   memref.store %{{.*}} : memref<?xf32>
// CHECK-LABEL: func.func @reduction_stays_scalar
//   CHECK-NOT:   vector.
//       CHECK:   memref.store %{{.*}} : memref<8xf32>
//   CHECK-NOT:   vector.
func.func @unsigned_stays_scalar(%in: memref<16xui8>, %out: memref<16xui8>) {
  linalg.copy ins(%in : memref<16xui8>) outs(%out : memref<16xui8>)
  return
}
func.func @sub_byte_stays_scalar(%in: memref<32xi4>, %out: memref<32xi4>) {
  linalg.copy ins(%in : memref<32xi4>) outs(%out : memref<32xi4>)
  return
}
func.func @short_stays_scalar(%in: memref<1x3xf32>, %out: memref<1x3xf32>) {
  linalg.copy ins(%in : memref<1x3xf32>) outs(%out : memref<1x3xf32>)
  return
}
func.func @dynamic_stays_scalar(%in: memref<?xf32>, %out: memref<?xf32>) {
  linalg.copy ins(%in : memref<?xf32>) outs(%out : memref<?xf32>)
  return
}
#rows = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @reduction_stays_scalar(%in: memref<8x16xf32>, %out: memref<8xf32>) {
  linalg.generic {indexing_maps = [#rows, #row], iterator_types = ["parallel", "reduction"]}
      ins(%in : memref<8x16xf32>) outs(%out : memref<8xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// The output's row depends on the innermost loop too: the lanes would not
// be one row, so one element a thread (nor are the elements in the loops'
// order).
// CHECK-LABEL: func.func @row_by_parity
//   CHECK-NOT:   vector.
//       CHECK:   memref.store %{{.*}} : memref<2x4xi32>
//   CHECK-NOT:   vector.
func.func @row_by_parity(%in: memref<2x4xi32>, %out: memref<2x4xi32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                                   affine_map<(d0, d1) -> ((d0 + d1) mod 2, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%in : memref<2x4xi32>) outs(%out : memref<2x4xi32>) {
  ^bb0(%a: i32, %b: i32):
    linalg.yield %a : i32
  }
  return
}

// -----

// No points (the outermost loop is empty): no kernel, and no division by
// the empty loop's size when planning one.
// CHECK-LABEL: func.func @no_points
//   CHECK-NOT:   gpu.launch
//       CHECK:   return
func.func @no_points(%in: memref<0x16xf32>, %out: memref<0x16xf32>) {
  linalg.copy ins(%in : memref<0x16xf32>) outs(%out : memref<0x16xf32>)
  return
}
