// RUN: patches-opt %s --convert-patches-to-linalg -split-input-file -verify-diagnostics | FileCheck %s
// RUN: patches-opt %s --convert-patches-to-linalg=strategy=conv -split-input-file -verify-diagnostics | FileCheck %s

// patches.fold is a scatter-add: a zero-filled accumulator of the padded,
// lhs-dilated input, one linalg.generic over (b, c, w..., o...) that adds
// each patch element (read through the extraction's result map) into the
// slot it was read from (the padded input map), and the strided slice of the
// input's elements. Both strategies lower it alike.

// H: D = (9 - 1) * 2 + 1 = 17 dilated, padded by (1, 1): 19 slots, the input
// at offset 1, stride 2. W: D = 9, padding (0, -1) crops: 9 slots, offset 0.
// CHECK-DAG: #[[$PATCHES:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d4, d5, d1 * 9 + d2 * 3 + d3)>
// CHECK-DAG: #[[$WINDOW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d3)>
// CHECK-DAG: #[[$ACC:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d4 * 2 + d2 * 2, d5 + d3 * 2, d1)>
// CHECK-LABEL: func.func @all_clauses
// CHECK-SAME:    (%[[Y:.+]]: tensor<2x8x4x27xf32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[EMPTY:.+]] = tensor.empty() : tensor<2x19x9x3xf32>
// CHECK:         %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<2x19x9x3xf32>)
// CHECK:         %[[WIN:.+]] = tensor.empty() : tensor<3x3xf32>
// CHECK:         %[[SUM:.+]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$PATCHES]], #[[$WINDOW]], #[[$ACC]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "reduction"]
// CHECK-SAME:      ins(%[[Y]], %[[WIN]] : tensor<2x8x4x27xf32>, tensor<3x3xf32>)
// CHECK-SAME:      outs(%[[ACC]] : tensor<2x19x9x3xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32, %[[OUT:.+]]: f32):
// CHECK-NEXT:      %[[ADD:.+]] = arith.addf %[[OUT]], %[[IN]] : f32
// CHECK-NEXT:      linalg.yield %[[ADD]] : f32
// CHECK:         %[[X:.+]] = tensor.extract_slice %[[SUM]][0, 1, 0, 0] [2, 9, 9, 3] [1, 2, 1, 1] : tensor<2x19x9x3xf32> to tensor<2x9x9x3xf32>
// CHECK:         return %[[X]]
func.func @all_clauses(%y: tensor<2x8x4x27xf32>) -> tensor<2x9x9x3xf32> {
  %0 = patches.fold %y filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[1, 1], [0, -1]] lhs_dilation = [2, 1] rhs_dilation = [2, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST
         : tensor<2x8x4x27xf32> -> tensor<2x9x9x3xf32>
  return %0 : tensor<2x9x9x3xf32>
}

// -----

// Negative low padding: the windows start 2 inside the input, so the map
// adds 2, and the accumulator (no positive padding) is the result itself.
// CHECK-DAG: #[[$ACC:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 + d3 + 2)>
// CHECK-LABEL: func.func @negative_padding_no_slice
// CHECK:         %[[SUM:.+]] = linalg.generic
// CHECK-SAME:      #[[$ACC]]]
// CHECK-SAME:      outs(%{{.+}} : tensor<1x1x6xi32>)
// CHECK:           arith.addi
// CHECK-NOT:     tensor.extract_slice
// CHECK:         return %[[SUM]]
func.func @negative_padding_no_slice(%y: tensor<1x2x3xi32>) -> tensor<1x1x6xi32> {
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = [[-2, 0]] : tensor<1x2x3xi32> -> tensor<1x1x6xi32>
  return %0 : tensor<1x1x6xi32>
}

// -----

// CHECK-LABEL: func.func @complex_elements
// CHECK:         linalg.generic
// CHECK:           complex.add %{{.+}}, %{{.+}} : complex<f32>
func.func @complex_elements(%y: tensor<1x2x2xcomplex<f32>>) -> tensor<1x1x3xcomplex<f32>> {
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x2xcomplex<f32>> -> tensor<1x1x3xcomplex<f32>>
  return %0 : tensor<1x1x3xcomplex<f32>>
}

// -----

// A dynamic patches operand is cast to the shape the result type fixes.
// CHECK-LABEL: func.func @dynamic_patches
// CHECK-SAME:    (%[[Y:.+]]: tensor<?x2x2xf32>)
// CHECK:         %[[C:.+]] = tensor.cast %[[Y]] : tensor<?x2x2xf32> to tensor<1x2x2xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[C]], %{{.+}} : tensor<1x2x2xf32>, tensor<2xf32>)
func.func @dynamic_patches(%y: tensor<?x2x2xf32>) -> tensor<1x1x3xf32> {
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<?x2x2xf32> -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

// Empty shapes: no patches make zeros; an empty result is just empty.
// CHECK-LABEL: func.func @empty_patches
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<1x1x1x3xi32>
// CHECK:         %[[Z:.+]] = linalg.fill ins(%{{.+}} : i32) outs(%[[E]] : tensor<1x1x1x3xi32>)
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[Z]]
func.func @empty_patches(%y: tensor<1x4x0x2xi32>) -> tensor<1x1x1x3xi32> {
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4x0x2xi32> -> tensor<1x1x1x3xi32>
  return %0 : tensor<1x1x1x3xi32>
}

// CHECK-LABEL: func.func @empty_result
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<0x1x3x3xf32>
// CHECK-NEXT:    return %[[E]]
func.func @empty_result(%y: tensor<0x4x2x2xf32>) -> tensor<0x1x3x3xf32> {
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<0x4x2x2xf32> -> tensor<0x1x3x3xf32>
  return %0 : tensor<0x1x3x3xf32>
}

// -----

func.func @dynamic_result(%y: tensor<1x2x?xf32>) -> tensor<1x1x?xf32> {
  // expected-error@+2 {{patches.fold with dynamic sizes is not supported yet}}
  // expected-error@+1 {{failed to legalize operation 'patches.fold'}}
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x?xf32> -> tensor<1x1x?xf32>
  return %0 : tensor<1x1x?xf32>
}

// -----

func.func @signed_integers(%y: tensor<1x2x4xsi8>) -> tensor<1x1x3xsi8> {
  // expected-error@+2 {{patches.fold of 'si8' is not supported: it sums, and arith adds only signless integers}}
  // expected-error@+1 {{failed to legalize operation 'patches.fold'}}
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = [[1, 1]] : tensor<1x2x4xsi8> -> tensor<1x1x3xsi8>
  return %0 : tensor<1x1x3xsi8>
}
