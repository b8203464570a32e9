// Folds and canonicalization of patches.extract: an extraction that only
// permutes dimensions (one window position, unit strides, no lhs dilation,
// no padding) is its input, a tensor.cast of it or a linalg.transpose; an
// extraction of a small int/float constant is a constant.
// RUN: patches-opt %s -canonicalize -split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// Identity extractions fold to their input
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @identity_valid
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @identity_valid(%x: tensor<2x3x5x4xf32>) -> tensor<2x3x5x4xf32> {
  %0 = patches.extract %x filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<2x3x5x4xf32> -> tensor<2x3x5x4xf32>
  return %0 : tensor<2x3x5x4xf32>
}

// -----

// Explicit zero padding; the rhs dilation of a one-position window changes
// nothing; a layout (NHWC) that the result keeps.
// CHECK-LABEL: func @identity_explicit_zero_padding
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x4x3xi8>)
// CHECK-NEXT: return %[[X]]
func.func @identity_explicit_zero_padding(%x: tensor<2x5x4x3xi8>) -> tensor<2x5x4x3xi8> {
  %0 = patches.extract %x filter_shape = [1, 1] window_strides = [1, 1] padding = [[0, 0], [0, 0]]
         rhs_dilation = [3, 2] dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST
         : tensor<2x5x4x3xi8> -> tensor<2x5x4x3xi8>
  return %0 : tensor<2x5x4x3xi8>
}

// -----

// SAME and SAME_LOWER with a one-position window at stride 1 pad by zero,
// also on dynamic sizes.
// CHECK-LABEL: func @identity_same_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x3x?x?xf16>)
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @identity_same_dynamic(%x: tensor<?x3x?x?xf16>) -> (tensor<?x3x?x?xf16>, tensor<?x3x?x?xf16>) {
  %0 = patches.extract %x filter_shape = [1, 1] window_strides = [1, 1] padding = SAME : tensor<?x3x?x?xf16> -> tensor<?x3x?x?xf16>
  %1 = patches.extract %x filter_shape = [1, 1] window_strides = [1, 1] padding = SAME_LOWER : tensor<?x3x?x?xf16> -> tensor<?x3x?x?xf16>
  return %0, %1 : tensor<?x3x?x?xf16>, tensor<?x3x?x?xf16>
}

// -----

// n = 0: the feature size is C * 1.
// CHECK-LABEL: func @identity_no_spatial_dims
// CHECK-SAME: (%[[X:.*]]: tensor<4x3xi32>)
// CHECK-NEXT: return %[[X]]
func.func @identity_no_spatial_dims(%x: tensor<4x3xi32>) -> tensor<4x3xi32> {
  %0 = patches.extract %x filter_shape = [] window_strides = [] padding = VALID : tensor<4x3xi32> -> tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// -----

// A result type more static than the input's: a cast.
// CHECK-LABEL: func @identity_refined_type
// CHECK-SAME: (%[[X:.*]]: tensor<?x3x?xf32>)
// CHECK-NEXT: %[[CAST:.*]] = tensor.cast %[[X]] : tensor<?x3x?xf32> to tensor<2x3x7xf32>
// CHECK-NEXT: return %[[CAST]]
func.func @identity_refined_type(%x: tensor<?x3x?xf32>) -> tensor<2x3x7xf32> {
  %0 = patches.extract %x filter_shape = [1] window_strides = [1] padding = VALID : tensor<?x3x?xf32> -> tensor<2x3x7xf32>
  return %0 : tensor<2x3x7xf32>
}

//===----------------------------------------------------------------------===//
// Permutations become linalg.transpose
//===----------------------------------------------------------------------===//

// -----

// NCHW -> NHWC: result dimension i is input dimension [0, 2, 3, 1][i].
// CHECK-LABEL: func @transpose_nchw_to_nhwc
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5x4xf32>)
// CHECK-NEXT: %[[INIT:.*]] = tensor.empty() : tensor<2x5x4x3xf32>
// CHECK-NEXT: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<2x3x5x4xf32>) outs(%[[INIT]] : tensor<2x5x4x3xf32>) permutation = [0, 2, 3, 1]
// CHECK-NEXT: return %[[T]]
func.func @transpose_nchw_to_nhwc(%x: tensor<2x3x5x4xf32>) -> tensor<2x5x4x3xf32> {
  %0 = patches.extract %x filter_shape = [1, 1] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NCHW", "OIHW", "NHWC") : tensor<2x3x5x4xf32> -> tensor<2x5x4x3xf32>
  return %0 : tensor<2x5x4x3xf32>
}

// -----

// Dynamic sizes come from the input; the spatial names of out are placed by
// the canonical (rhs) order: lhs "NWCH" -> out "HCNW".
// CHECK-LABEL: func @transpose_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x3x?xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[H:.*]] = tensor.dim %[[X]], %[[C3]]
// CHECK-DAG: %[[N:.*]] = tensor.dim %[[X]], %[[C0]]
// CHECK: %[[INIT:.*]] = tensor.empty(%[[H]], %[[N]]) : tensor<?x3x?x4xf32>
// CHECK-NEXT: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<?x4x3x?xf32>) outs(%[[INIT]] : tensor<?x3x?x4xf32>) permutation = [3, 2, 0, 1]
// CHECK-NEXT: return %[[T]]
func.func @transpose_dynamic(%x: tensor<?x4x3x?xf32>) -> tensor<?x3x?x4xf32> {
  %0 = patches.extract %x filter_shape = [1, 1] window_strides = [1, 1] padding = SAME
         dimension_numbers = ("NWCH", "OIHW", "HCNW") : tensor<?x4x3x?xf32> -> tensor<?x3x?x4xf32>
  return %0 : tensor<?x3x?x4xf32>
}

// -----

// n = 0: "NC" -> "CN". The result is more static than the transpose, so a
// cast follows it, which linalg's own canonicalization then moves onto the
// input.
// CHECK-LABEL: func @transpose_no_spatial_dims
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xi32>)
// CHECK-DAG: %[[INIT:.*]] = tensor.empty() : tensor<3x4xi32>
// CHECK-DAG: %[[CAST:.*]] = tensor.cast %[[X]] : tensor<?x3xi32> to tensor<4x3xi32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[CAST]] : tensor<4x3xi32>) outs(%[[INIT]] : tensor<3x4xi32>) permutation = [1, 0]
// CHECK-NEXT: return %[[T]]
func.func @transpose_no_spatial_dims(%x: tensor<?x3xi32>) -> tensor<3x4xi32> {
  %0 = patches.extract %x filter_shape = [] window_strides = [] padding = VALID
         dimension_numbers = ("NC", "OI", "CN") : tensor<?x3xi32> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

//===----------------------------------------------------------------------===//
// Not permutations: nothing folds
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @not_identity
// CHECK-COUNT-6: patches.extract
// CHECK-NOT: patches.extract
// CHECK-NOT: linalg.transpose
func.func @not_identity(%x: tensor<1x2x6xf32>) -> (tensor<1x4x5xf32>, tensor<1x2x3xf32>, tensor<1x2x7xf32>, tensor<1x2x11xf32>, tensor<1x2x3xf32>, tensor<1x2x4xf32>) {
  // Two window positions.
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x6xf32> -> tensor<1x4x5xf32>
  // Stride 2.
  %1 = patches.extract %x filter_shape = [1] window_strides = [2] padding = VALID : tensor<1x2x6xf32> -> tensor<1x2x3xf32>
  // Padding.
  %2 = patches.extract %x filter_shape = [1] window_strides = [1] padding = [[0, 1]] : tensor<1x2x6xf32> -> tensor<1x2x7xf32>
  // lhs dilation.
  %3 = patches.extract %x filter_shape = [1] window_strides = [1] padding = [[0, 0]] lhs_dilation = [2] : tensor<1x2x6xf32> -> tensor<1x2x11xf32>
  // SAME at stride 2: ceil(6 / 2) positions.
  %4 = patches.extract %x filter_shape = [1] window_strides = [2] padding = SAME : tensor<1x2x6xf32> -> tensor<1x2x3xf32>
  // Cropping.
  %5 = patches.extract %x filter_shape = [1] window_strides = [1] padding = [[-1, -1]] : tensor<1x2x6xf32> -> tensor<1x2x4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<1x4x5xf32>, tensor<1x2x3xf32>, tensor<1x2x7xf32>, tensor<1x2x11xf32>, tensor<1x2x3xf32>, tensor<1x2x4xf32>
}

//===----------------------------------------------------------------------===//
// Constant folding
//===----------------------------------------------------------------------===//

// -----

// The worked example: feature k holds window position k of each window.
// CHECK-LABEL: func @constant_worked_example
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00, 2.000000e+00], [4.000000e+00, 5.000000e+00]], {{\[\[}}2.000000e+00, 3.000000e+00], [5.000000e+00, 6.000000e+00]], {{\[\[}}4.000000e+00, 5.000000e+00], [7.000000e+00, 8.000000e+00]], {{\[\[}}5.000000e+00, 6.000000e+00], [8.000000e+00, 9.000000e+00]]]]> : tensor<1x4x2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @constant_worked_example() -> tensor<1x4x2x2xf32> {
  %x = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

// Padding makes a splat input non-splat: w = 0 reads the low padding at o = 0.
// CHECK-LABEL: func @constant_splat_with_padding
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<{{\[\[\[}}0.000000e+00, 7.000000e+00], [7.000000e+00, 7.000000e+00]]]> : tensor<1x2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @constant_splat_with_padding() -> tensor<1x2x2xf32> {
  %x = arith.constant dense<7.0> : tensor<1x1x2xf32>
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[1, 0]] : tensor<1x1x2xf32> -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}

// -----

// The holes of lhs dilation read zero: the dilated input is [1, 0, 2, 0, 3];
// NWC layouts on both sides, so the 2 features are innermost.
// CHECK-LABEL: func @constant_lhs_dilation_int
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<{{\[\[}}[1, 0], [0, 2], [2, 0], [0, 3]]]> : tensor<1x4x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @constant_lhs_dilation_int() -> tensor<1x4x2xi32> {
  %x = arith.constant dense<[[[1], [2], [3]]]> : tensor<1x3x1xi32>
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[0, 0]] lhs_dilation = [2]
         dimension_numbers = ("NWC", "WIO", "NWC") : tensor<1x3x1xi32> -> tensor<1x4x2xi32>
  return %0 : tensor<1x4x2xi32>
}

// -----

// Values are copied bit for bit: a NaN payload and a negative zero survive;
// the padding is +0.
// CHECK-LABEL: func @constant_bit_exact
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<{{\[\[}}[0x7FC00001, -0.000000e+00], [-0.000000e+00, 0.000000e+00]]]> : tensor<1x2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @constant_bit_exact() -> tensor<1x2x2xf32> {
  %x = arith.constant dense<[[[0x7FC00001, -0.0]]]> : tensor<1x1x2xf32>
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[0, 1]] : tensor<1x1x2xf32> -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}

// -----

// 2 * 2048 = 4096 result elements: at the limit, folded (to a splat: no
// padding); one more position is past it.
// CHECK-LABEL: func @constant_size_limit
// CHECK-DAG: %[[FOLDED:.*]] = arith.constant dense<5> : tensor<1x2x2048xi16>
// CHECK-DAG: %[[X:.*]] = arith.constant dense<5> : tensor<1x1x2050xi16>
// CHECK: %[[KEPT:.*]] = patches.extract %[[X]]
// CHECK-NEXT: return %[[FOLDED]], %[[KEPT]]
func.func @constant_size_limit() -> (tensor<1x2x2048xi16>, tensor<1x2x2049xi16>) {
  %x = arith.constant dense<5> : tensor<1x1x2049xi16>
  %y = arith.constant dense<5> : tensor<1x1x2050xi16>
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x2049xi16> -> tensor<1x2x2048xi16>
  %1 = patches.extract %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x2050xi16> -> tensor<1x2x2049xi16>
  return %0, %1 : tensor<1x2x2048xi16>, tensor<1x2x2049xi16>
}

// -----

// A splat input far too large to index is never indexed: a stride of 2^40
// leaves two windows.
// CHECK-LABEL: func @constant_huge_splat
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<1.500000e+00> : tensor<1x1x2xf64>
// CHECK-NEXT: return %[[C]]
func.func @constant_huge_splat() -> tensor<1x1x2xf64> {
  %x = arith.constant dense<1.5> : tensor<1x1x1099511627777xf64>
  %0 = patches.extract %x filter_shape = [1] window_strides = [1099511627776] padding = VALID : tensor<1x1x1099511627777xf64> -> tensor<1x1x2xf64>
  return %0 : tensor<1x1x2xf64>
}

// -----

// i1 and index elements fold too; the padding of i1 is false.
// CHECK-LABEL: func @constant_i1_and_index
// CHECK-DAG: %[[B:.*]] = arith.constant dense<{{\[\[}}[false, true], [true, true]]]> : tensor<1x2x2xi1>
// CHECK-DAG: %[[I:.*]] = arith.constant dense<7> : tensor<1x1x1xindex>
// CHECK-NOT: patches.extract
// CHECK: return %[[B]], %[[I]]
func.func @constant_i1_and_index() -> (tensor<1x2x2xi1>, tensor<1x1x1xindex>) {
  %x = arith.constant dense<true> : tensor<1x1x2xi1>
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[1, 0]] : tensor<1x1x2xi1> -> tensor<1x2x2xi1>
  %y = arith.constant dense<[[[7, 8]]]> : tensor<1x1x2xindex>
  %1 = patches.extract %y filter_shape = [1] window_strides = [2] padding = VALID : tensor<1x1x2xindex> -> tensor<1x1x1xindex>
  return %0, %1 : tensor<1x2x2xi1>, tensor<1x1x1xindex>
}

// -----

// Complex elements are not folded.
// CHECK-LABEL: func @constant_complex_not_folded
// CHECK: patches.extract
func.func @constant_complex_not_folded() -> tensor<1x2x1xcomplex<f32>> {
  %x = arith.constant dense<(1.0, 2.0)> : tensor<1x1x2xcomplex<f32>>
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x2xcomplex<f32>> -> tensor<1x2x1xcomplex<f32>>
  return %0 : tensor<1x2x1xcomplex<f32>>
}

// -----

// patches.fold: a constant spatial size becomes static in the result type,
// and a tensor.cast keeps the type the users had.
// CHECK-LABEL: func @fold_constant_spatial_size
// CHECK-SAME: (%[[Y:.*]]: tensor<1x9x?x3xf32>, %[[H:.*]]: index)
// CHECK: %[[X:.*]] = patches.fold %[[Y]] spatial_sizes(%[[H]]) filter_shape = [3, 3] window_strides = [2, 2] padding = SAME : tensor<1x9x?x3xf32> -> tensor<1x1x?x6xf32>
// CHECK: %[[C:.*]] = tensor.cast %[[X]] : tensor<1x1x?x6xf32> to tensor<1x1x?x?xf32>
// CHECK: return %[[C]]
func.func @fold_constant_spatial_size(%y: tensor<1x9x?x3xf32>, %h: index) -> tensor<1x1x?x?xf32> {
  %w = arith.constant 6 : index
  %0 = patches.fold %y spatial_sizes(%h, %w) filter_shape = [3, 3] window_strides = [2, 2] padding = SAME
         : tensor<1x9x?x3xf32> -> tensor<1x1x?x?xf32>
  return %0 : tensor<1x1x?x?xf32>
}

// -----

// A constant size that contradicts the static patches (4 rows give 2 output
// rows, not the patches' 3) is left for run time: folding it would make the
// op invalid.
// CHECK-LABEL: func @fold_contradicting_size_kept
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: patches.fold %{{.*}} spatial_sizes(%[[C4]]) {{.*}} : tensor<1x3x3xf32> -> tensor<1x1x?xf32>
func.func @fold_contradicting_size_kept(%y: tensor<1x3x3xf32>) -> tensor<1x1x?xf32> {
  %c4 = arith.constant 4 : index
  %0 = patches.fold %y spatial_sizes(%c4) filter_shape = [3] window_strides = [2] padding = SAME
         : tensor<1x3x3xf32> -> tensor<1x1x?xf32>
  return %0 : tensor<1x1x?xf32>
}

// -----

// spatial_sizes follow the result's dimension order, not the canonical
// (rhs_spec) order: here W (dimension 1) comes first, though H is canonical
// dimension 0. The constant is W's; pairing it with H gave another type
// and other values.
// CHECK-LABEL: func @fold_constant_spatial_size_permuted_layout
// CHECK-SAME: (%[[Y:.*]]: tensor<1x6x?x3xf32>, %[[H:.*]]: index)
// CHECK: %[[X:.*]] = patches.fold %[[Y]] spatial_sizes(%[[H]]) filter_shape = [3, 1] window_strides = [1, 1] padding = VALID dimension_numbers = ("NWHC", "HWIO", "NWHC") : tensor<1x6x?x3xf32> -> tensor<1x6x?x1xf32>
// CHECK: %[[C:.*]] = tensor.cast %[[X]] : tensor<1x6x?x1xf32> to tensor<1x?x?x1xf32>
// CHECK: return %[[C]]
func.func @fold_constant_spatial_size_permuted_layout(%y: tensor<1x6x?x3xf32>, %h: index) -> tensor<1x?x?x1xf32> {
  %w = arith.constant 6 : index
  %0 = patches.fold %y spatial_sizes(%w, %h) filter_shape = [3, 1] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NWHC", "HWIO", "NWHC")
         : tensor<1x6x?x3xf32> -> tensor<1x?x?x1xf32>
  return %0 : tensor<1x?x?x1xf32>
}

// -----

// The same with the constant for H (dimension 2, the second operand).
// CHECK-LABEL: func @fold_constant_second_spatial_size_permuted_layout
// CHECK-SAME: (%[[Y:.*]]: tensor<1x?x4x3xf32>, %[[W:.*]]: index)
// CHECK: patches.fold %[[Y]] spatial_sizes(%[[W]]) {{.*}} : tensor<1x?x4x3xf32> -> tensor<1x?x6x1xf32>
func.func @fold_constant_second_spatial_size_permuted_layout(%y: tensor<1x?x4x3xf32>, %w: index) -> tensor<1x?x?x1xf32> {
  %h = arith.constant 6 : index
  %0 = patches.fold %y spatial_sizes(%w, %h) filter_shape = [3, 1] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NWHC", "HWIO", "NWHC")
         : tensor<1x?x4x3xf32> -> tensor<1x?x?x1xf32>
  return %0 : tensor<1x?x?x1xf32>
}
