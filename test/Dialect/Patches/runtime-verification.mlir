// RUN: patches-opt %s -generate-runtime-verification -cse -split-input-file \
// RUN:   | FileCheck %s

// Static sizes are the verifier's: no run-time check.
// CHECK-LABEL: func @extract_static
// CHECK-NOT:     cf.assert
// CHECK:         patches.extract
func.func @extract_static(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %p : tensor<1x4x2x2xf32>
}

// -----

// A dynamic result size is whatever the input gives: no check either.
// CHECK-LABEL: func @extract_dynamic_result
// CHECK-NOT:     cf.assert
// CHECK:         patches.extract
func.func @extract_dynamic_result(%x: tensor<?x1x?x3xf32>) -> tensor<?x4x?x3xf32> {
  %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = SAME : tensor<?x1x?x3xf32> -> tensor<?x4x?x3xf32>
  return %p : tensor<?x4x?x3xf32>
}

// -----

// Static result sizes over dynamic input sizes are checked, batch and the
// output height that VALID gives (h - 1).
// CHECK-LABEL: func @extract_static_result
// CHECK-SAME:    (%[[X:.*]]: tensor<?x1x?x3xf32>)
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG:     %[[N:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG:     %[[H:.*]] = tensor.dim %[[X]], %c2
// CHECK-DAG:     %[[OH:.*]] = affine.max {{.*}}[%[[H]]]
// CHECK:         %[[BATCH_OK:.*]] = arith.cmpi eq, %[[N]], %[[C2]]
// CHECK:         cf.assert %[[BATCH_OK]], "{{.*}}result dimension 0 has static size 2, but the input's runtime size gives another
// CHECK:         %[[HEIGHT_OK:.*]] = arith.cmpi eq, %[[OH]], %[[C2]]
// CHECK:         cf.assert %[[HEIGHT_OK]], "{{.*}}result dimension 2 has static size 2
// CHECK-NOT:     cf.assert
// CHECK:         patches.extract
func.func @extract_static_result(%x: tensor<?x1x?x3xf32>) -> tensor<2x4x2x2xf32> {
  %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID : tensor<?x1x?x3xf32> -> tensor<2x4x2x2xf32>
  return %p : tensor<2x4x2x2xf32>
}

// -----

// Explicit padding on a dynamic size: D + lo + hi >= 0, with the lhs
// dilation in D = (d - 1) * 2 + 1.
// CHECK-LABEL: func @extract_explicit_padding
// CHECK:         %[[D:.*]] = affine.max
// CHECK:         %[[PADDED:.*]] = arith.addi %[[D]], %c-3
// CHECK:         %[[OK:.*]] = arith.cmpi sge, %[[PADDED]], %c0
// CHECK:         cf.assert %[[OK]], "{{.*}}explicit padding [-2, -1] of spatial dimension 0 crops more than the whole dilated input
// CHECK-NOT:     cf.assert
// CHECK:         patches.extract
func.func @extract_explicit_padding(%x: tensor<1x1x?xf32>) -> tensor<1x2x?xf32> {
  %p = patches.extract %x filter_shape = [2] window_strides = [1]
         padding = [[-2, -1]] lhs_dilation = [2]
         : tensor<1x1x?xf32> -> tensor<1x2x?xf32>
  return %p : tensor<1x2x?xf32>
}

// -----

// CHECK-LABEL: func @fold_static
// CHECK-NOT:     cf.assert
// CHECK:         patches.fold
func.func @fold_static(%y: tensor<1x4x2x2xf32>) -> tensor<1x1x3x3xf32> {
  %x = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
  return %x : tensor<1x1x3x3xf32>
}

// -----

// Dynamic everything: spatial sizes non-negative, features a multiple of
// K = 9 (channels come from them), the static batch, and each spatial size
// of the patches against what SAME with stride 2 gives for %h and %w.
// CHECK-LABEL: func @fold_dynamic
// CHECK-SAME:    (%[[Y:.*]]: tensor<?x?x?x?xf32>, %[[H:.*]]: index, %[[W:.*]]: index)
// CHECK:         arith.cmpi sge, %[[H]], %c0
// CHECK:         cf.assert {{.*}}spatial_sizes operand 0 is negative
// CHECK:         arith.cmpi sge, %[[W]], %c0
// CHECK:         cf.assert {{.*}}spatial_sizes operand 1 is negative
// CHECK:         %[[F:.*]] = tensor.dim %[[Y]], %c1
// CHECK:         arith.remui %[[F]], %c9
// CHECK:         cf.assert {{.*}}the patches' feature size is not a multiple of the window volume 9
// CHECK:         cf.assert {{.*}}patches dimension 0 (batch) differs from the extraction's for the result sizes
// CHECK:         cf.assert {{.*}}patches dimension 2 (spatial dimension 0) differs
// CHECK:         cf.assert {{.*}}patches dimension 3 (spatial dimension 1) differs
// CHECK-NOT:     cf.assert
// CHECK:         patches.fold
func.func @fold_dynamic(%y: tensor<?x?x?x?xf32>, %h: index, %w: index)
    -> tensor<2x?x?x?xf32> {
  %x = patches.fold %y spatial_sizes(%h, %w) filter_shape = [3, 3]
         window_strides = [2, 2] padding = SAME
         : tensor<?x?x?x?xf32> -> tensor<2x?x?x?xf32>
  return %x : tensor<2x?x?x?xf32>
}

// -----

// Static channels over dynamic features: the features are checked against
// C * K = 8, in the layout's own dimension (NHWC: the last).
// CHECK-LABEL: func @fold_static_channels
// CHECK-NOT:     remui
// CHECK:         %[[F:.*]] = tensor.dim %{{.*}}, %c3
// CHECK:         arith.cmpi eq, %[[F]], %c8
// CHECK:         cf.assert {{.*}}patches dimension 3 (features) differs
// CHECK-NOT:     cf.assert
// CHECK:         patches.fold
func.func @fold_static_channels(%y: tensor<1x2x2x?xf32>) -> tensor<1x3x3x2xf32> {
  %x = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x2x2x?xf32> -> tensor<1x3x3x2xf32>
  return %x : tensor<1x3x3x2xf32>
}

// -----

// A constant spatial_sizes operand is beyond the verifier's view (and
// canonicalization leaves one that contradicts the patches alone): height 5
// gives 4 positions, not the patches' 2, so the check stays and fails
// whenever the op runs. The sizes that agree (width 3 gives 2) are dropped.
// CHECK-LABEL: func @fold_constant_size_contradicts_patches
// CHECK:         %[[FALSE:.*]] = arith.cmpi eq, %c2, %c4
// CHECK:         cf.assert %[[FALSE]], "{{.*}}patches dimension 2 (spatial dimension 0) differs
// CHECK-NOT:     cf.assert
// CHECK:         patches.fold
func.func @fold_constant_size_contradicts_patches(%y: tensor<1x4x2x2xf32>)
    -> tensor<1x1x?x3xf32> {
  %c5 = arith.constant 5 : index
  %x = patches.fold %y spatial_sizes(%c5) filter_shape = [2, 2]
         window_strides = [1, 1] padding = VALID
         : tensor<1x4x2x2xf32> -> tensor<1x1x?x3xf32>
  return %x : tensor<1x1x?x3xf32>
}
