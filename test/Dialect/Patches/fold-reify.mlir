// tensor.dim of a fold's result: batch and channels come from the patches
// (channels = features / K); a dynamic spatial size cannot be recovered from
// them (strides and padding lose it), so it is an operand of the op.
// RUN: patches-opt %s -resolve-ranked-shaped-type-result-dims | FileCheck %s

// NWC input, NCW patches, K = 3.
// CHECK-DAG: #[[$CHANNELS:.*]] = affine_map<()[s0] -> (s0 floordiv 3)>
// CHECK-LABEL: func @batch_and_channels
// CHECK-SAME: (%[[Y:.*]]: tensor<?x?x4xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C9:.*]] = arith.constant 9 : index
// CHECK-DAG: %[[N:.*]] = tensor.dim %[[Y]], %[[C0]]
// CHECK-DAG: %[[F:.*]] = tensor.dim %[[Y]], %[[C1]]
// CHECK-DAG: %[[C:.*]] = affine.apply #[[$CHANNELS]]()[%[[F]]]
// CHECK-NOT: patches.fold
// CHECK: return %[[N]], %[[C9]], %[[C]]
func.func @batch_and_channels(%y: tensor<?x?x4xf32>) -> (index, index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %x = patches.fold %y filter_shape = [3] window_strides = [2] padding = VALID
         dimension_numbers = ("NWC", "WIO", "NCW") : tensor<?x?x4xf32> -> tensor<?x9x?xf32>
  %n = tensor.dim %x, %c0 : tensor<?x9x?xf32>
  %w = tensor.dim %x, %c1 : tensor<?x9x?xf32>
  %c = tensor.dim %x, %c2 : tensor<?x9x?xf32>
  return %n, %w, %c : index, index, index
}

// A dynamic spatial size is the op's operand.
// CHECK-LABEL: func @spatial_size_is_the_operand
// CHECK-SAME: (%{{.*}}: tensor<1x3x4xf32>, %[[W:.*]]: index)
// CHECK-NOT: tensor.dim
// CHECK: return %[[W]]
func.func @spatial_size_is_the_operand(%y: tensor<1x3x4xf32>, %w: index) -> index {
  %c2 = arith.constant 2 : index
  %x = patches.fold %y spatial_sizes(%w) filter_shape = [3] window_strides = [2] padding = SAME
         : tensor<1x3x4xf32> -> tensor<1x1x?xf32>
  %d = tensor.dim %x, %c2 : tensor<1x1x?xf32>
  return %d : index
}
