// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{vector-stores=false}),canonicalize)" \
// RUN: | FileCheck %s
// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{index-bitwidth=64 block-size=128 vector-stores=false}),canonicalize)" \
// RUN: | FileCheck %s --check-prefix=WIDE

// An elementwise op: device buffers for the inputs, copied in; the output,
// which the op overwrites, is only copied out. 1000 points, 256 threads per
// block: 4 blocks, each thread tests flat < 1000 once, in 32 bits.

#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @add
//  CHECK-SAME:   %[[A:.*]]: memref<1000xf32>, %[[B:.*]]: memref<1000xf32>, %[[OUT:.*]]: memref<1000xf32>
//   CHECK-DAG:   %[[C1:.*]] = arith.constant 1 : index
//   CHECK-DAG:   %[[C4:.*]] = arith.constant 4 : index
//   CHECK-DAG:   %[[C256:.*]] = arith.constant 256 : index
//   CHECK-DAG:   %[[C256_I32:.*]] = arith.constant 256 : i32
//   CHECK-DAG:   %[[C1000_I32:.*]] = arith.constant 1000 : i32
//       CHECK:   %[[T0:.*]] = gpu.wait async
//       CHECK:   %[[DA:.*]], %[[T1:.*]] = gpu.alloc async [%[[T0]]] () : memref<1000xf32>
//       CHECK:   %[[T2:.*]] = gpu.memcpy async [%[[T1]]] %[[DA]], %[[A]]
//       CHECK:   %[[DB:.*]], %[[T3:.*]] = gpu.alloc async [%[[T2]]] () : memref<1000xf32>
//       CHECK:   %[[T4:.*]] = gpu.memcpy async [%[[T3]]] %[[DB]], %[[B]]
//       CHECK:   %[[DOUT:.*]], %[[T5:.*]] = gpu.alloc async [%[[T4]]] () : memref<1000xf32>
//   CHECK-NOT:   gpu.memcpy
//       CHECK:   %[[T6:.*]] = gpu.launch async [%[[T5]]] blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[C4]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]]) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[C256]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]])
//       CHECK:     %[[TX32:.*]] = arith.index_castui %[[TX]] : index to i32
//       CHECK:     %[[BX32:.*]] = arith.index_castui %[[BX]] : index to i32
//       CHECK:     %[[BASE:.*]] = arith.muli %[[BX32]], %[[C256_I32]] : i32
//       CHECK:     %[[FLAT:.*]] = arith.addi %[[BASE]], %[[TX32]] : i32
//       CHECK:     %[[IN:.*]] = arith.cmpi ult, %[[FLAT]], %[[C1000_I32]] : i32
//       CHECK:     scf.if %[[IN]] {
//       CHECK:       %[[I:.*]] = arith.index_castui %[[FLAT]] : i32 to index
//       CHECK:       %[[X:.*]] = memref.load %[[DA]][%[[I]]]
//       CHECK:       %[[Y:.*]] = memref.load %[[DB]][%[[I]]]
//       CHECK:       %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
//       CHECK:       memref.store %[[S]], %[[DOUT]][%[[I]]]
//       CHECK:     gpu.terminator
//       CHECK:   %[[T7:.*]] = gpu.memcpy async [%[[T6]]] %[[OUT]], %[[DOUT]]
//       CHECK:   %[[T8:.*]] = gpu.dealloc async [%[[T7]]] %[[DA]]
//       CHECK:   %[[T9:.*]] = gpu.dealloc async [%[[T8]]] %[[DB]]
//       CHECK:   %[[T10:.*]] = gpu.dealloc async [%[[T9]]] %[[DOUT]]
//       CHECK:   gpu.wait [%[[T10]]]

// With 64-bit index arithmetic and 128 threads: 8 blocks, index math.
// WIDE-LABEL: func.func @add
//   WIDE-DAG:   %[[C8:.*]] = arith.constant 8 : index
//   WIDE-DAG:   %[[C128:.*]] = arith.constant 128 : index
//   WIDE-DAG:   %[[C1000:.*]] = arith.constant 1000 : index
//       WIDE:   gpu.launch async {{.*}} blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[C8]], {{.*}} threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[C128]],
//   WIDE-NOT:     i32
//       WIDE:     %[[BASE:.*]] = arith.muli %[[BX]], %[[C128]] : index
//       WIDE:     %[[FLAT:.*]] = arith.addi %[[BASE]], %[[TX]] : index
//       WIDE:     arith.cmpi ult, %[[FLAT]], %[[C1000]] : index
func.func @add(%a: memref<1000xf32>, %b: memref<1000xf32>, %out: memref<1000xf32>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Coalescing: the flat index walks the output in memory order. The output
// is indexed (d1, d0), so d0 (size 4), its contiguous dimension, varies
// fastest: it is the remainder of the flat index.

#id = affine_map<(d0, d1) -> (d0, d1)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @transpose
//   CHECK-DAG:   %[[C4:.*]] = arith.constant 4 : i32
//       CHECK:   %[[DIN:.*]], %{{.*}} = gpu.alloc async {{.*}} : memref<4x8xf32>
//       CHECK:   %[[DOUT:.*]], %{{.*}} = gpu.alloc async {{.*}} : memref<8x4xf32>
//       CHECK:   gpu.launch
//       CHECK:     %[[FLAT:.*]] = arith.index_castui %{{.*}} : index to i32
//       CHECK:     scf.if
//       CHECK:       %[[R:.*]] = arith.remui %[[FLAT]], %[[C4]] : i32
//       CHECK:       %[[Q:.*]] = arith.divui %[[FLAT]], %[[C4]] : i32
//       CHECK:       %[[D0:.*]] = arith.index_castui %[[R]] : i32 to index
//       CHECK:       %[[D1:.*]] = arith.index_castui %[[Q]] : i32 to index
//       CHECK:       %[[V:.*]] = memref.load %[[DIN]][%[[D0]], %[[D1]]]
//       CHECK:       memref.store %[[V]], %[[DOUT]][%[[D1]], %[[D0]]]
func.func @transpose(%in: memref<4x8xf32>, %out: memref<8x4xf32>) {
  linalg.generic {indexing_maps = [#id, #transposed],
                  iterator_types = ["parallel", "parallel"]}
      ins(%in : memref<4x8xf32>) outs(%out : memref<8x4xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  }
  return
}

// -----

// A feature index like patches' c * K + k: k (coefficient 1) varies
// fastest, and the op writes every element (3 * 4 = 12), so the output is
// not copied in. An operand the payload does not read gets no device
// buffer. With stride 2 the second op leaves holes: its output is copied in
// so that they keep their values.

#shape = affine_map<(d0, d1) -> (d0, d1)>
#window = affine_map<(d0, d1) -> (d1)>
#feature = affine_map<(d0, d1) -> (d0 * 4 + d1)>
#holes = affine_map<(d0, d1) -> (d0 * 4 + d1 * 2)>
// CHECK-LABEL: func.func @mixed_radix
//  CHECK-SAME:   %[[IN:.*]]: memref<4xi8>, %[[OUT:.*]]: memref<12xi8>, %[[OUT2:.*]]: memref<12xi8>
//   CHECK-DAG:   %[[C4:.*]] = arith.constant 4 : i32
//       CHECK:   %[[DIN:.*]], %[[T1:.*]] = gpu.alloc async [%{{.*}}] () : memref<4xi8>
//       CHECK:   %[[T2:.*]] = gpu.memcpy async [%[[T1]]] %[[DIN]], %[[IN]]
//       CHECK:   %[[DOUT:.*]], %[[T3:.*]] = gpu.alloc async [%[[T2]]] () : memref<12xi8>
//       CHECK:   gpu.launch async [%[[T3]]]
//       CHECK:     %[[R:.*]] = arith.remui %{{.*}}, %[[C4]] : i32
//       CHECK:     %[[K:.*]] = arith.index_castui %[[R]] : i32 to index
//       CHECK:     %[[C:.*]] = arith.index_castui %{{.*}} : i32 to index
//       CHECK:     %[[V:.*]] = memref.load %[[DIN]][%[[K]]]
//       CHECK:     %[[CK:.*]] = arith.muli %[[C]], %{{.*}} overflow<nsw> : index
//       CHECK:     %[[F:.*]] = arith.addi %[[CK]], %[[K]] : index
//       CHECK:     memref.store %[[V]], %[[DOUT]][%[[F]]]
//       CHECK:   gpu.memcpy async [%{{.*}}] %[[OUT]], %[[DOUT]]
//       CHECK:   gpu.wait
//       CHECK:   %[[DOUT2:.*]], %[[T4:.*]] = gpu.alloc async [%{{.*}}] () : memref<12xi8>
//       CHECK:   %[[T5:.*]] = gpu.memcpy async [%[[T4]]] %[[DOUT2]], %[[OUT2]]
//       CHECK:   gpu.launch async [%[[T5]]]
//       CHECK:   gpu.memcpy async [%{{.*}}] %[[OUT2]], %[[DOUT2]]
func.func @mixed_radix(%in: memref<4xi8>, %out: memref<12xi8>, %out2: memref<12xi8>) {
  %shape = memref.alloc() : memref<3x4xi8>
  linalg.generic {indexing_maps = [#shape, #window, #feature],
                  iterator_types = ["parallel", "parallel"]}
      ins(%shape, %in : memref<3x4xi8>, memref<4xi8>) outs(%out : memref<12xi8>) {
  ^bb0(%s: i8, %x: i8, %o: i8):
    linalg.yield %x : i8
  }
  %shape2 = memref.alloc() : memref<3x2xi8>
  linalg.generic {indexing_maps = [#shape, #holes],
                  iterator_types = ["parallel", "parallel"]}
      ins(%shape2 : memref<3x2xi8>) outs(%out2 : memref<12xi8>) {
  ^bb0(%s: i8, %o: i8):
    %c = arith.constant 7 : i8
    linalg.yield %c : i8
  }
  return
}

// -----

// Dynamic sizes: no launch when the space is empty; a grid-stride loop in
// 64 bits over min(ceil(size / 256), 2^31 - 1) blocks. The reduction runs
// inside the thread, from the output's old value, which is copied in.

#in = affine_map<(d0, d1) -> (d0, d1)>
#rows = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @row_sum
//  CHECK-SAME:   %[[IN:.*]]: memref<?x?xf32>, %[[OUT:.*]]: memref<?xf32>
//   CHECK-DAG:   %[[C0:.*]] = arith.constant 0 : index
//   CHECK-DAG:   %[[C1:.*]] = arith.constant 1 : index
//   CHECK-DAG:   %[[C256:.*]] = arith.constant 256 : index
//   CHECK-DAG:   %[[MAX:.*]] = arith.constant 2147483647 : index
//       CHECK:   %[[ROWS:.*]] = memref.dim %[[IN]], %[[C0]]
//       CHECK:   %[[COLS:.*]] = memref.dim %[[IN]], %[[C1]]
//       CHECK:   %[[NEED:.*]] = arith.ceildivui %[[ROWS]], %[[C256]] : index
//       CHECK:   %[[GRID:.*]] = arith.minui %[[NEED]], %[[MAX]] : index
//       CHECK:   %[[NONEMPTY:.*]] = arith.cmpi ne, %[[ROWS]], %[[C0]] : index
//       CHECK:   scf.if %[[NONEMPTY]] {
//       CHECK:     %[[DIN:.*]], %{{.*}} = gpu.alloc async [%{{.*}}] (%{{.*}}, %{{.*}}) : memref<?x?xf32>
//       CHECK:     gpu.memcpy async [%{{.*}}] %[[DIN]], %[[IN]]
//       CHECK:     %[[DOUT:.*]], %{{.*}} = gpu.alloc async [%{{.*}}] (%{{.*}}) : memref<?xf32>
//       CHECK:     gpu.memcpy async [%{{.*}}] %[[DOUT]], %[[OUT]]
//       CHECK:     gpu.launch async {{.*}} blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%[[GX:.*]] = %[[GRID]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]]) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in
//       CHECK:       %[[BASE:.*]] = arith.muli %[[BX]], %[[C256]] : index
//       CHECK:       %[[FIRST:.*]] = arith.addi %[[BASE]], %[[TX]] : index
//       CHECK:       %[[STRIDE:.*]] = arith.muli %[[GX]], %[[C256]] : index
//       CHECK:       scf.for %[[ROW:.*]] = %[[FIRST]] to %[[ROWS]] step %[[STRIDE]] {
//       CHECK:         %[[INIT:.*]] = memref.load %[[DOUT]][%[[ROW]]]
//       CHECK:         %[[SUM:.*]] = scf.for %[[COL:.*]] = %[[C0]] to %[[COLS]] step %[[C1]] iter_args(%[[ACC:.*]] = %[[INIT]]) -> (f32) {
//       CHECK:           %[[X:.*]] = memref.load %[[DIN]][%[[ROW]], %[[COL]]]
//       CHECK:           %[[NEXT:.*]] = arith.addf %[[X]], %[[ACC]] : f32
//       CHECK:           scf.yield %[[NEXT]] : f32
//       CHECK:         memref.store %[[SUM]], %[[DOUT]][%[[ROW]]]
//       CHECK:     gpu.memcpy async [%{{.*}}] %[[OUT]], %[[DOUT]]
func.func @row_sum(%in: memref<?x?xf32>, %out: memref<?xf32>) {
  linalg.generic {indexing_maps = [#in, #rows], iterator_types = ["parallel", "reduction"]}
      ins(%in : memref<?x?xf32>) outs(%out : memref<?xf32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Past the grid's x limit: 2^31 - 1 blocks and a grid-stride loop, in 64
// bits. A scalar input is used as is.

// CHECK-LABEL: func.func @huge_fill
//   CHECK-DAG:   %[[MAX:.*]] = arith.constant 2147483647 : index
//   CHECK-DAG:   %[[SIZE:.*]] = arith.constant 1099511627776 : index
//   CHECK-DAG:   %[[ONE:.*]] = arith.constant 1 : i8
//       CHECK:   gpu.launch async {{.*}} in (%{{.*}} = %[[MAX]],
//       CHECK:     scf.for %[[I:.*]] = %{{.*}} to %[[SIZE]] step %{{.*}} {
//       CHECK:       memref.store %[[ONE]], %{{.*}}[%[[I]]] : memref<1099511627776xi8>
func.func @huge_fill(%out: memref<1099511627776xi8>) {
  %one = arith.constant 1 : i8
  linalg.fill ins(%one : i8) outs(%out : memref<1099511627776xi8>)
  return
}

// -----

// 32-bit unsigned arithmetic as long as flat indices stay below 2^32: here
// 3e9 points (printed as a negative i32).

// CHECK-LABEL: func.func @wide_fill
//   CHECK-DAG:   %[[SIZE:.*]] = arith.constant -1294967296 : i32
//   CHECK-DAG:   %[[BLOCKS:.*]] = arith.constant 11718750 : index
//       CHECK:   gpu.launch async {{.*}} in (%{{.*}} = %[[BLOCKS]],
//       CHECK:     %[[FLAT:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
//       CHECK:     arith.cmpi ult, %[[FLAT]], %[[SIZE]] : i32
//       CHECK:     arith.index_castui %[[FLAT]] : i32 to index
func.func @wide_fill(%out: memref<3000000000xi8>) {
  %one = arith.constant 1 : i8
  linalg.fill ins(%one : i8) outs(%out : memref<3000000000xi8>)
  return
}

// -----

// A strided view goes through a contiguous host copy; a memref the payload
// loads from directly gets a device copy too.

// CHECK-LABEL: func.func @strided_and_captured
//  CHECK-SAME:   %[[IN:.*]]: memref<8x8xf16>, %[[TABLE:.*]]: memref<16xf16>, %[[OUT:.*]]: memref<4x4xf16>
//       CHECK:   %[[VIEW:.*]] = memref.subview %[[IN]]
//       CHECK:   %[[HOST:.*]] = memref.alloc() : memref<4x4xf16>
//       CHECK:   memref.copy %[[VIEW]], %[[HOST]]
//       CHECK:   %[[DVIEW:.*]], %[[T1:.*]] = gpu.alloc async [%{{.*}}] () : memref<4x4xf16>
//       CHECK:   gpu.memcpy async [%[[T1]]] %[[DVIEW]], %[[HOST]]
//       CHECK:   %[[DOUT:.*]], %{{.*}} = gpu.alloc async
//       CHECK:   %[[DTABLE:.*]], %[[T2:.*]] = gpu.alloc async [%{{.*}}] () : memref<16xf16>
//       CHECK:   gpu.memcpy async [%[[T2]]] %[[DTABLE]], %[[TABLE]]
//       CHECK:   gpu.launch
//       CHECK:     memref.load %[[DVIEW]]
//       CHECK:     memref.load %[[DTABLE]]
//       CHECK:     memref.store %{{.*}}, %[[DOUT]]
//       CHECK:   gpu.memcpy async [%{{.*}}] %[[OUT]], %[[DOUT]]
//       CHECK:   gpu.wait [%{{.*}}]
//       CHECK:   memref.dealloc %[[HOST]]
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @strided_and_captured(%in: memref<8x8xf16>, %table: memref<16xf16>, %out: memref<4x4xf16>) {
  %c0 = arith.constant 0 : index
  %view = memref.subview %in[2, 2] [4, 4] [1, 1]
      : memref<8x8xf16> to memref<4x4xf16, strided<[8, 1], offset: 18>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%view : memref<4x4xf16, strided<[8, 1], offset: 18>>) outs(%out : memref<4x4xf16>) {
  ^bb0(%x: f16, %o: f16):
    %t = memref.load %table[%c0] : memref<16xf16>
    %s = arith.addf %x, %t : f16
    linalg.yield %s : f16
  }
  return
}

// -----

// What cannot run on the GPU stays, with a remark.

func.func private @callee(f32) -> f32
// CHECK-LABEL: func.func @with_call
//   CHECK-NOT:   gpu.launch
//       CHECK:   linalg.generic
func.func @with_call(%in: memref<8xf32>, %out: memref<8xf32>) {
  // expected-remark @below {{left on the host: its payload calls a function}}
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%in : memref<8xf32>) outs(%out : memref<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %v = func.call @callee(%x) : (f32) -> f32
    linalg.yield %v : f32
  }
  return
}

// -----

// A complex value from above (the padding value of a padded complex
// extraction) is captured like a float: the op is a kernel.

// CHECK-LABEL: func.func @complex_capture
//  CHECK-SAME:   %[[IN:.*]]: memref<8xcomplex<f32>>, %{{.*}}: memref<8xcomplex<f32>>
//       CHECK:   %[[ZERO:.*]] = complex.constant [0.000000e+00 : f32, 0.000000e+00 : f32] : complex<f32>
//       CHECK:   gpu.launch
//       CHECK:     arith.select %{{.*}}, %{{.*}}, %[[ZERO]] : complex<f32>
//   CHECK-NOT:   linalg.generic
func.func @complex_capture(%in: memref<8xcomplex<f32>>, %out: memref<8xcomplex<f32>>) {
  %zero = complex.constant [0.0 : f32, 0.0 : f32] : complex<f32>
  %c4 = arith.constant 4 : index
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%in : memref<8xcomplex<f32>>) outs(%out : memref<8xcomplex<f32>>) {
  ^bb0(%x: complex<f32>, %o: complex<f32>):
    %i = linalg.index 0 : index
    %low = arith.cmpi ult, %i, %c4 : index
    %v = arith.select %low, %x, %zero : complex<f32>
    linalg.yield %v : complex<f32>
  }
  return
}

// -----

// A vector from above is not: the op stays on the host.

// CHECK-LABEL: func.func @vector_capture
//   CHECK-NOT:   gpu.launch
//       CHECK:   linalg.generic
func.func @vector_capture(%in: memref<8xf32>, %out: memref<8xf32>, %v: vector<2xf32>) {
  // expected-remark @below {{left on the host: its payload uses a value of a type other than memref, integer, index, float or complex from above}}
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%in : memref<8xf32>) outs(%out : memref<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %e = vector.extract %v[0] : f32 from vector<2xf32>
    %s = arith.addf %x, %e : f32
    linalg.yield %s : f32
  }
  return
}
