// RUN: patches-opt %s -split-input-file --patches-fold-pad-into-linalg --cse | FileCheck %s

// A padded input becomes a bounds test on the source index in the payload;
// the padded operand only keeps the shape.

#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @pad_1d
//  CHECK-SAME:   %[[X:.*]]: tensor<8xf32>
//   CHECK-DAG:   %[[C1:.*]] = arith.constant 1 : index
//   CHECK-DAG:   %[[C8:.*]] = arith.constant 8 : index
//   CHECK-DAG:   %[[ZERO:.*]] = arith.constant 0 : i32
//   CHECK-NOT:   tensor.pad
//   CHECK-DAG:   %[[SHAPE:.*]] = tensor.empty() : tensor<11xf32>
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[SHAPE]] : tensor<11xf32>)
//       CHECK:     %[[I:.*]] = linalg.index 0 : index
//       CHECK:     %[[SRC:.*]] = arith.subi %[[I]], %[[C1]] : index
//       CHECK:     %[[IN:.*]] = arith.cmpi ult, %[[SRC]], %[[C8]] : index
// The element moves as the integer of its width, never as a float.
//       CHECK:     %[[V:.*]] = scf.if %[[IN]] -> (i32) {
//       CHECK:       %[[E:.*]] = tensor.extract %[[X]][%[[SRC]]] : tensor<8xf32>
//       CHECK:       %[[EB:.*]] = arith.bitcast %[[E]] : f32 to i32
//       CHECK:       scf.yield %[[EB]] : i32
//       CHECK:     } else {
//       CHECK:       scf.yield %[[ZERO]] : i32
//       CHECK:     %[[VF:.*]] = arith.bitcast %[[V]] : i32 to f32
//       CHECK:     linalg.yield %[[VF]] : f32
func.func @pad_1d(%x: tensor<8xf32>) -> tensor<11xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[1] high[2] {
  ^bb0(%i: index):
    tensor.yield %zero : f32
  } : tensor<8xf32> to tensor<11xf32>
  %init = tensor.empty() : tensor<11xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%p : tensor<11xf32>) outs(%init : tensor<11xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<11xf32>
  return %r : tensor<11xf32>
}

// -----

// The index comes from the operand's map (a strided window read); only the
// padded dimension is tested; the constant padding value defined inside the
// pad's region is cloned (and hoisted as constants are).

#in = affine_map<(d0, d1, d2) -> (d0, d1 * 2 + d2)>
#out = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @strided_window
//  CHECK-SAME:   %[[X:.*]]: tensor<2x7xi8>
//   CHECK-DAG:   %[[C2:.*]] = arith.constant 2 : index
//   CHECK-DAG:   %[[C7:.*]] = arith.constant 7 : index
//   CHECK-DAG:   %[[PAD:.*]] = arith.constant -1 : i8
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%{{.*}} : tensor<2x9xi8>)
//       CHECK:     %[[B:.*]] = linalg.index 0 : index
//       CHECK:     %[[O:.*]] = linalg.index 1 : index
//       CHECK:     %[[W:.*]] = linalg.index 2 : index
//       CHECK:     %[[S:.*]] = arith.muli %[[O]], %[[C2]]
//       CHECK:     %[[P:.*]] = arith.addi %[[S]], %[[W]]
//       CHECK:     %[[SRC:.*]] = arith.subi %[[P]], %[[C2]] : index
//   CHECK-NOT:     arith.cmpi ult, %[[B]]
//       CHECK:     %[[IN:.*]] = arith.cmpi ult, %[[SRC]], %[[C7]] : index
//       CHECK:     scf.if %[[IN]] -> (i8) {
//       CHECK:       tensor.extract %[[X]][%{{.*}}, %[[SRC]]] : tensor<2x7xi8>
//       CHECK:     } else {
//       CHECK:       scf.yield %[[PAD]] : i8
func.func @strided_window(%x: tensor<2x7xi8>) -> tensor<2x4x2xi8> {
  %p = tensor.pad %x low[0, 2] high[0, 0] {
  ^bb0(%i: index, %j: index):
    %minus_one = arith.constant -1 : i8
    tensor.yield %minus_one : i8
  } : tensor<2x7xi8> to tensor<2x9xi8>
  %init = tensor.empty() : tensor<2x4x2xi8>
  %r = linalg.generic {indexing_maps = [#in, #out],
                       iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%p : tensor<2x9xi8>) outs(%init : tensor<2x4x2xi8>) {
  ^bb0(%in: i8, %out: i8):
    linalg.yield %in : i8
  } -> tensor<2x4x2xi8>
  return %r : tensor<2x4x2xi8>
}

// -----

// Dynamic sizes: the placeholder gets the padded size, the test the
// source's size.

#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @dynamic
//  CHECK-SAME:   %[[X:.*]]: tensor<?xf32>, %[[LOW:.*]]: index
//   CHECK-DAG:   %[[C0:.*]] = arith.constant 0 : index
//   CHECK-DAG:   %[[D:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?xf32>
//       CHECK:   tensor.empty(%{{.*}}) : tensor<?xf32>
//       CHECK:   linalg.generic
//       CHECK:     %[[I:.*]] = linalg.index 0 : index
//       CHECK:     %[[SRC:.*]] = arith.subi %[[I]], %[[LOW]] : index
//       CHECK:     arith.cmpi ult, %[[SRC]], %[[D]] : index
func.func @dynamic(%x: tensor<?xf32>, %low: index, %init: tensor<?xf32>) -> tensor<?xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[%low] high[1] {
  ^bb0(%i: index):
    tensor.yield %zero : f32
  } : tensor<?xf32> to tensor<?xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%p : tensor<?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// Left alone: a padding value that depends on the index, a nofold pad, and
// a pad whose element the payload does not read.

#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @not_folded
//       CHECK:   %[[P0:.*]] = tensor.pad
//       CHECK:   linalg.generic {{.*}} ins(%[[P0]] :
//       CHECK:   %[[P1:.*]] = tensor.pad {{.*}} nofold
//       CHECK:   linalg.generic {{.*}} ins(%[[P1]] :
//       CHECK:   %[[P2:.*]] = tensor.pad
//       CHECK:   linalg.generic {{.*}} ins(%[[P2]] :
func.func @not_folded(%x: tensor<8xi32>) -> (tensor<9xi32>, tensor<9xi32>, tensor<9xi32>) {
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<9xi32>
  %p0 = tensor.pad %x low[1] high[0] {
  ^bb0(%i: index):
    %v = arith.index_cast %i : index to i32
    tensor.yield %v : i32
  } : tensor<8xi32> to tensor<9xi32>
  %r0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%p0 : tensor<9xi32>) outs(%init : tensor<9xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  } -> tensor<9xi32>
  %p1 = tensor.pad %x nofold low[1] high[0] {
  ^bb0(%i: index):
    tensor.yield %zero : i32
  } : tensor<8xi32> to tensor<9xi32>
  %r1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%p1 : tensor<9xi32>) outs(%init : tensor<9xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  } -> tensor<9xi32>
  %p2 = tensor.pad %x low[0] high[1] {
  ^bb0(%i: index):
    tensor.yield %zero : i32
  } : tensor<8xi32> to tensor<9xi32>
  %r2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%p2 : tensor<9xi32>) outs(%init : tensor<9xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %zero : i32
  } -> tensor<9xi32>
  return %r0, %r1, %r2 : tensor<9xi32>, tensor<9xi32>, tensor<9xi32>
}
