// Round trips of patches.fold, the adjoint of patches.extract: the same
// clauses and printer rules, with the patches type before the arrow and the
// (written, not inferred) input type after it.
// RUN: patches-opt %s -verify-roundtrip | FileCheck %s
// RUN: patches-opt %s | patches-opt | FileCheck %s
// RUN: patches-opt %s -mlir-print-op-generic | patches-opt | FileCheck %s
// RUN: patches-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func @all_clauses
// CHECK-SAME: (%[[Y:.*]]: tensor<2x8x4x27xf32>)
// CHECK: patches.fold %[[Y]] filter_shape = [3, 3] window_strides = [2, 1] padding = {{\[\[}}1, 1], [0, -1]] lhs_dilation = [2, 1] rhs_dilation = [2, 2] dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST : tensor<2x8x4x27xf32> -> tensor<2x9x9x3xf32>
// GENERIC-LABEL: sym_name = "all_clauses"
// GENERIC: "patches.fold"(%{{.*}}) <{dimension_numbers = #patches.dimension_numbers<"NHWC", "HWIO", "NHWC">, filter_shape = array<i64: 3, 3>, lhs_dilation = array<i64: 2, 1>, padding = #patches.padding<{{\[\[}}1, 1], [0, -1]]>, precision = #patches.precision<HIGHEST>, rhs_dilation = array<i64: 2, 2>, window_strides = array<i64: 2, 1>}> : (tensor<2x8x4x27xf32>) -> tensor<2x9x9x3xf32>
func.func @all_clauses(%y: tensor<2x8x4x27xf32>) -> tensor<2x9x9x3xf32> {
  %0 = patches.fold %y filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[1, 1], [0, -1]] lhs_dilation = [2, 1] rhs_dilation = [2, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST
         : tensor<2x8x4x27xf32> -> tensor<2x9x9x3xf32>
  return %0 : tensor<2x9x9x3xf32>
}

// Defaults are omitted, as for patches.extract.
// CHECK-LABEL: func @defaults_are_omitted
// CHECK: patches.fold %{{.*}} filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
func.func @defaults_are_omitted(%y: tensor<1x4x2x2xf32>) -> tensor<1x1x3x3xf32> {
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         lhs_dilation = [1, 1] rhs_dilation = [1, 1]
         dimension_numbers = ("NCHW", "OIHW", "NCHW") precision = DEFAULT
         : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// Strides lose information: inputs of size 5 and 6 give the same patches
// (SAME, stride 2: 3 output positions), so both result types verify.
// CHECK-LABEL: func @result_type_is_written
// CHECK: patches.fold %{{.*}} filter_shape = [3] window_strides = [2] padding = SAME : tensor<1x3x3xi32> -> tensor<1x1x5xi32>
// CHECK: patches.fold %{{.*}} filter_shape = [3] window_strides = [2] padding = SAME : tensor<1x3x3xi32> -> tensor<1x1x6xi32>
func.func @result_type_is_written(%y: tensor<1x3x3xi32>) -> (tensor<1x1x5xi32>, tensor<1x1x6xi32>) {
  %0 = patches.fold %y filter_shape = [3] window_strides = [2] padding = SAME : tensor<1x3x3xi32> -> tensor<1x1x5xi32>
  %1 = patches.fold %y filter_shape = [3] window_strides = [2] padding = SAME : tensor<1x3x3xi32> -> tensor<1x1x6xi32>
  return %0, %1 : tensor<1x1x5xi32>, tensor<1x1x6xi32>
}

// Dynamic sizes on either side are compatible; a dynamic spatial size of
// the result is an operand (the patches cannot give it back). Complex
// elements and zero spatial dimensions are accepted.
// CHECK-LABEL: func @dynamic_and_other_types
// CHECK-SAME: (%[[Y:.*]]: tensor<?x6x?xf64>, %{{.*}}: tensor<4x2xcomplex<f32>>, %[[W:.*]]: index)
// CHECK: patches.fold %[[Y]] spatial_sizes(%[[W]]) filter_shape = [2] window_strides = [1] padding = {{\[\[}}1, 0]] : tensor<?x6x?xf64> -> tensor<2x3x?xf64>
// CHECK: patches.fold %{{.*}} filter_shape = [] window_strides = [] padding = VALID : tensor<4x2xcomplex<f32>> -> tensor<4x2xcomplex<f32>>
// GENERIC-LABEL: sym_name = "dynamic_and_other_types"
// GENERIC: "patches.fold"(%{{.*}}, %{{.*}}) <{filter_shape = array<i64: 2>, padding = #patches.padding<{{\[\[}}1, 0]]>, precision = #patches.precision<DEFAULT>, window_strides = array<i64: 1>}> : (tensor<?x6x?xf64>, index) -> tensor<2x3x?xf64>
func.func @dynamic_and_other_types(%y: tensor<?x6x?xf64>, %z: tensor<4x2xcomplex<f32>>, %w: index) -> (tensor<2x3x?xf64>, tensor<4x2xcomplex<f32>>) {
  %0 = patches.fold %y spatial_sizes(%w) filter_shape = [2] window_strides = [1] padding = [[1, 0]] : tensor<?x6x?xf64> -> tensor<2x3x?xf64>
  %1 = patches.fold %z filter_shape = [] window_strides = [] padding = VALID : tensor<4x2xcomplex<f32>> -> tensor<4x2xcomplex<f32>>
  return %0, %1 : tensor<2x3x?xf64>, tensor<4x2xcomplex<f32>>
}

// Two dynamic spatial sizes in result dimension order (NHWC: H, then W);
// dynamic batch and channels need no operand.
// CHECK-LABEL: func @all_dynamic
// CHECK-SAME: (%[[Y:.*]]: tensor<?x?x?x?xf32>, %[[H:.*]]: index, %[[W:.*]]: index)
// CHECK: patches.fold %[[Y]] spatial_sizes(%[[H]], %[[W]]) filter_shape = [3, 3] window_strides = [2, 2] padding = SAME dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
func.func @all_dynamic(%y: tensor<?x?x?x?xf32>, %h: index, %w: index) -> tensor<?x?x?x?xf32> {
  %0 = patches.fold %y spatial_sizes(%h, %w) filter_shape = [3, 3] window_strides = [2, 2] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}
