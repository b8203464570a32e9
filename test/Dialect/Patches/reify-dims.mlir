// tensor.dim of an extraction's result resolves to the computed size: a
// constant where the size is static, arith/affine ops on tensor.dim of the
// input where it is dynamic (the op reifies its result shape through the
// geometry).
// RUN: patches-opt %s -resolve-ranked-shaped-type-result-dims -split-input-file | FileCheck %s

// NWC -> NCW, filter 3 dilated by 2 (W = 5) at stride 2, VALID:
// out = max((d - 5) floordiv 2 + 1, 0); features = 4 * 3 = 12.
// CHECK-DAG: #[[$OUT:.*]] = affine_map<()[s0] -> ((s0 - 5) floordiv 2 + 1, 0)>
// CHECK-LABEL: func @dynamic_sizes
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x4xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C12:.*]] = arith.constant 12 : index
// CHECK-DAG: %[[N:.*]] = tensor.dim %[[X]], %[[C0]]
// CHECK-DAG: %[[D:.*]] = tensor.dim %[[X]], %[[C1]]
// CHECK-DAG: %[[O:.*]] = affine.max #[[$OUT]]()[%[[D]]]
// CHECK-NOT: patches.extract
// CHECK: return %[[N]], %[[C12]], %[[O]]
func.func @dynamic_sizes(%x: tensor<?x?x4xf32>) -> (index, index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %y = patches.extract %x filter_shape = [3] window_strides = [2] padding = VALID rhs_dilation = [2]
         dimension_numbers = ("NWC", "WIO", "NCW") : tensor<?x?x4xf32> -> tensor<?x12x?xf32>
  %n = tensor.dim %y, %c0 : tensor<?x12x?xf32>
  %f = tensor.dim %y, %c1 : tensor<?x12x?xf32>
  %o = tensor.dim %y, %c2 : tensor<?x12x?xf32>
  return %n, %f, %o : index, index, index
}

// -----

// Dynamic channels: features = C * K as an affine map of tensor.dim.
// CHECK-DAG: #[[$FEATURES:.*]] = affine_map<()[s0] -> (s0 * 6)>
// CHECK-LABEL: func @dynamic_channels
// CHECK-SAME: (%[[X:.*]]: tensor<2x?x5x5xi8>)
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C:.*]] = tensor.dim %[[X]], %[[C1]]
// CHECK: %[[F:.*]] = affine.apply #[[$FEATURES]]()[%[[C]]]
// CHECK: return %[[F]]
func.func @dynamic_channels(%x: tensor<2x?x5x5xi8>) -> index {
  %c1 = arith.constant 1 : index
  %y = patches.extract %x filter_shape = [2, 3] window_strides = [1, 1] padding = SAME : tensor<2x?x5x5xi8> -> tensor<2x?x5x5xi8>
  %f = tensor.dim %y, %c1 : tensor<2x?x5x5xi8>
  return %f : index
}

// -----

// A static result size is a constant.
// CHECK-LABEL: func @static_size
// CHECK-NEXT: %[[C4:.*]] = arith.constant 4 : index
// CHECK-NEXT: return %[[C4]]
func.func @static_size(%x: tensor<1x1x3x3xf32>) -> index {
  %c1 = arith.constant 1 : index
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  %f = tensor.dim %y, %c1 : tensor<1x4x2x2xf32>
  return %f : index
}
