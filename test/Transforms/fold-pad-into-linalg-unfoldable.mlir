// RUN: patches-opt %s -split-input-file -verify-diagnostics --patches-fold-pad-into-linalg \
// RUN: | FileCheck %s

// A padded operand whose indexing map the payload cannot compute (a
// division by a negative constant) is not folded, and nothing is built
// before that is known: the pattern created the placeholder and the index
// ops, then failed, and the driver retried it until its limit, reporting
// "division by non-positive value is not supported" each time.

#in = affine_map<(d0) -> (d0 floordiv -1)>
#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @negative_divisor
//  CHECK-SAME:   %[[X:.*]]: tensor<8xf32>
//       CHECK:   %[[P:.*]] = tensor.pad %[[X]] low[1] high[2]
//       CHECK:   %[[INIT:.*]] = tensor.empty() : tensor<1xf32>
//   CHECK-NOT:   tensor.empty
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[P]] : tensor<11xf32>) outs(%[[INIT]] : tensor<1xf32>)
//  CHECK-NEXT:   ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
//  CHECK-NEXT:     linalg.yield %[[IN]] : f32
func.func @negative_divisor(%x: tensor<8xf32>) -> tensor<1xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[1] high[2] {
  ^bb0(%i: index):
    tensor.yield %zero : f32
  } : tensor<8xf32> to tensor<11xf32>
  %init = tensor.empty() : tensor<1xf32>
  %r = linalg.generic {indexing_maps = [#in, #id], iterator_types = ["parallel"]}
      ins(%p : tensor<11xf32>) outs(%init : tensor<1xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1xf32>
  return %r : tensor<1xf32>
}

// -----

// A dynamic padded size is computed from the pad's sizes, without reifying
// the pad: low + source size + high.
#id2 = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @dynamic
//  CHECK-SAME:   %[[X:.*]]: tensor<?xf32>, %[[H:.*]]: index
//   CHECK-DAG:   %[[C0:.*]] = arith.constant 0 : index
//   CHECK-DAG:   %[[N:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?xf32>
//       CHECK:   %[[SIZE:.*]] = affine.apply #{{.*}}()[%[[N]], %[[H]]]
//       CHECK:   tensor.empty(%[[SIZE]]) : tensor<?xf32>
//   CHECK-NOT:   tensor.pad
//       CHECK:   linalg.generic
func.func @dynamic(%x: tensor<?xf32>, %h: index, %init: tensor<?xf32>) -> tensor<?xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[2] high[%h] {
  ^bb0(%i: index):
    tensor.yield %zero : f32
  } : tensor<?xf32> to tensor<?xf32>
  %r = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel"]}
      ins(%p : tensor<?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}
