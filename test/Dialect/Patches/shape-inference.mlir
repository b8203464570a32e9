// Result shapes of patches.extract, computed by hand from SEMANTICS.md:
//   D = d == 0 ? 0 : (d - 1) * l + 1,  W = (k - 1) * r + 1,
//   SAME: out = ceil(d / s), p = max((out - 1) * s + W - d, 0),
//         lo = p // 2, hi = p - lo (SAME_LOWER swaps), resolved on d, not D;
//   o = max(0, floor((D + lo + hi - W) / s) + 1); features = C * prod(k).
// The valid ops pass only if the written type equals the inferred one; the
// wrong ones must be rejected with the expected type in the message.
// RUN: patches-opt %s -split-input-file -verify-diagnostics | FileCheck %s

//===----------------------------------------------------------------------===//
// SAME and SAME_LOWER: out = ceil(d / s) whatever the window
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @same
func.func @same(%x: tensor<1x1x10xf32>) {
  // s = 1: 10.
  // CHECK: -> tensor<1x3x10xf32>
  %0 = patches.extract %x filter_shape = [3] window_strides = [1] padding = SAME : tensor<1x1x10xf32> -> tensor<1x3x10xf32>
  // s = 3: ceil(10 / 3) = 4 (p = 3 * 3 + 3 - 10 = 2, (10 + 2 - 3) // 3 + 1 = 4).
  // CHECK: -> tensor<1x3x4xf32>
  %1 = patches.extract %x filter_shape = [3] window_strides = [3] padding = SAME : tensor<1x1x10xf32> -> tensor<1x3x4xf32>
  // r = 3, W = 7, s = 2: 5 (p = 4 * 2 + 7 - 10 = 5, (10 + 5 - 7) // 2 + 1 = 5).
  // CHECK: -> tensor<1x3x5xf32>
  %2 = patches.extract %x filter_shape = [3] window_strides = [2] padding = SAME rhs_dilation = [3] : tensor<1x1x10xf32> -> tensor<1x3x5xf32>
  // s = 4 > W = 1: p = max(2 * 4 + 1 - 10, 0) = 0, (10 - 1) // 4 + 1 = 3 = ceil(10 / 4).
  // CHECK: -> tensor<1x1x3xf32>
  %3 = patches.extract %x filter_shape = [1] window_strides = [4] padding = SAME : tensor<1x1x10xf32> -> tensor<1x1x3xf32>
  // A window (W = 21) twice the input: p = 20, still 10 positions.
  // CHECK: -> tensor<1x11x10xf32>
  %4 = patches.extract %x filter_shape = [11] window_strides = [1] padding = SAME rhs_dilation = [2] : tensor<1x1x10xf32> -> tensor<1x11x10xf32>
  return
}

// -----

// CHECK-LABEL: func @same_lower
func.func @same_lower(%x: tensor<1x2x10xf32>) {
  // Same sizes as SAME, the padding is only swapped: ceil(10 / 3) = 4.
  // CHECK: -> tensor<1x6x4xf32>
  %0 = patches.extract %x filter_shape = [3] window_strides = [3] padding = SAME_LOWER : tensor<1x2x10xf32> -> tensor<1x6x4xf32>
  // CHECK: -> tensor<1x8x5xf32>
  %1 = patches.extract %x filter_shape = [4] window_strides = [2] padding = SAME_LOWER rhs_dilation = [3] : tensor<1x2x10xf32> -> tensor<1x8x5xf32>
  return
}

// -----

// A zero-size spatial dimension: out = ceil(0 / s) = 0.
// CHECK-LABEL: func @same_empty_input
func.func @same_empty_input(%x: tensor<1x1x0xf32>) {
  // CHECK: -> tensor<1x3x0xf32>
  %0 = patches.extract %x filter_shape = [3] window_strides = [1] padding = SAME : tensor<1x1x0xf32> -> tensor<1x3x0xf32>
  // CHECK: -> tensor<1x1x0xf32>
  %1 = patches.extract %x filter_shape = [1] window_strides = [2] padding = SAME_LOWER : tensor<1x1x0xf32> -> tensor<1x1x0xf32>
  return
}

// -----

// 2-D, per dimension in canonical (rhs_spec) order: H: s = 2, ceil(7 / 2) = 4;
// W: s = 3, ceil(5 / 3) = 2.
// CHECK-LABEL: func @same_2d
func.func @same_2d(%x: tensor<2x3x7x5xf32>) {
  // CHECK: -> tensor<2x27x4x2xf32>
  %0 = patches.extract %x filter_shape = [3, 3] window_strides = [2, 3] padding = SAME rhs_dilation = [2, 1] : tensor<2x3x7x5xf32> -> tensor<2x27x4x2xf32>
  return
}

// -----

func.func @same_wrong_size(%x: tensor<1x1x10xf32>) {
  // VALID would give (10 - 3) // 3 + 1 = 3; SAME pads to ceil(10 / 3) = 4.
  // expected-error@+1 {{result dimension 2 has size 3, but the extraction gives 4: expected result type 'tensor<1x3x4xf32>'}}
  %0 = patches.extract %x filter_shape = [3] window_strides = [3] padding = SAME : tensor<1x1x10xf32> -> tensor<1x3x3xf32>
  return
}

// -----

func.func @same_lower_wrong_size(%x: tensor<1x2x10xf32>) {
  // expected-error@+1 {{result dimension 2 has size 4, but the extraction gives 5: expected result type 'tensor<1x8x5xf32>'}}
  %0 = patches.extract %x filter_shape = [4] window_strides = [2] padding = SAME_LOWER rhs_dilation = [3] : tensor<1x2x10xf32> -> tensor<1x8x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// VALID: o = max(0, floor((d - W) / s) + 1)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @valid
func.func @valid(%x: tensor<1x1x10xf32>) {
  // 10 - 3 + 1 = 8.
  // CHECK: -> tensor<1x3x8xf32>
  %0 = patches.extract %x filter_shape = [3] window_strides = [1] padding = VALID : tensor<1x1x10xf32> -> tensor<1x3x8xf32>
  // 7 // 3 + 1 = 3.
  // CHECK: -> tensor<1x3x3xf32>
  %1 = patches.extract %x filter_shape = [3] window_strides = [3] padding = VALID : tensor<1x1x10xf32> -> tensor<1x3x3xf32>
  // r = 4, W = 9, s = 2: 1 // 2 + 1 = 1.
  // CHECK: -> tensor<1x3x1xf32>
  %2 = patches.extract %x filter_shape = [3] window_strides = [2] padding = VALID rhs_dilation = [4] : tensor<1x1x10xf32> -> tensor<1x3x1xf32>
  // The window exactly covers the input: 1.
  // CHECK: -> tensor<1x10x1xf32>
  %3 = patches.extract %x filter_shape = [10] window_strides = [5] padding = VALID : tensor<1x1x10xf32> -> tensor<1x10x1xf32>
  return
}

// -----

// Windows larger than the input give an empty output, not an error.
// CHECK-LABEL: func @valid_empty_output
func.func @valid_empty_output(%x: tensor<1x1x10xf32>, %e: tensor<1x1x0xf32>) {
  // r = 5, W = 11: floor(-1 / 1) + 1 = 0.
  // CHECK: -> tensor<1x3x0xf32>
  %0 = patches.extract %x filter_shape = [3] window_strides = [1] padding = VALID rhs_dilation = [5] : tensor<1x1x10xf32> -> tensor<1x3x0xf32>
  // W = 11, s = 4: floor(-1 / 4) + 1 = 0 (floor, not truncation, of -1 / 4).
  // CHECK: -> tensor<1x11x0xf32>
  %1 = patches.extract %x filter_shape = [11] window_strides = [4] padding = VALID : tensor<1x1x10xf32> -> tensor<1x11x0xf32>
  // d = 0: max(0, floor(-1 / 1) + 1) = 0.
  // CHECK: -> tensor<1x1x0xf32>
  %2 = patches.extract %e filter_shape = [1] window_strides = [1] padding = VALID : tensor<1x1x0xf32> -> tensor<1x1x0xf32>
  return
}

// -----

func.func @valid_wrong_size(%x: tensor<1x1x10xf32>) {
  // floor(-1 / 4) + 1 = 0; truncating division would wrongly give 1.
  // expected-error@+1 {{result dimension 2 has size 1, but the extraction gives 0: expected result type 'tensor<1x11x0xf32>'}}
  %0 = patches.extract %x filter_shape = [11] window_strides = [4] padding = VALID : tensor<1x1x10xf32> -> tensor<1x11x1xf32>
  return
}

// -----

func.func @wrong_feature_size(%x: tensor<1x3x10xf32>) {
  // C * prod(filter_shape) = 3 * 2, not prod(filter_shape) alone.
  // expected-error@+1 {{result dimension 1 has size 2, but the extraction gives 6: expected result type 'tensor<1x6x9xf32>'}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x3x10xf32> -> tensor<1x2x9xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Explicit padding, with both dilations
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @explicit
func.func @explicit(%x: tensor<1x1x10xf32>) {
  // (10 + 2 + 1 - 3) // 2 + 1 = 6.
  // CHECK: -> tensor<1x3x6xf32>
  %0 = patches.extract %x filter_shape = [3] window_strides = [2] padding = [[2, 1]] : tensor<1x1x10xf32> -> tensor<1x3x6xf32>
  // Only low padding: (10 + 3 - 2) // 2 + 1 = 6.
  // CHECK: -> tensor<1x2x6xf32>
  %1 = patches.extract %x filter_shape = [2] window_strides = [2] padding = [[3, 0]] : tensor<1x1x10xf32> -> tensor<1x2x6xf32>
  // Explicit zeros are VALID: 8.
  // CHECK: -> tensor<1x3x8xf32>
  %2 = patches.extract %x filter_shape = [3] window_strides = [1] padding = [[0, 0]] : tensor<1x1x10xf32> -> tensor<1x3x8xf32>
  return
}

// -----

// CHECK-LABEL: func @explicit_with_dilations
func.func @explicit_with_dilations(%x: tensor<1x1x5xf32>, %y: tensor<1x1x4xf32>) {
  // l = 3: D = (4 - 1) * 3 + 1 = 10; 10 - 3 + 1 = 8.
  // CHECK: -> tensor<1x3x8xf32>
  %0 = patches.extract %y filter_shape = [3] window_strides = [1] padding = [[0, 0]] lhs_dilation = [3] : tensor<1x1x4xf32> -> tensor<1x3x8xf32>
  // l = 2: D = 9; r = 3: W = 4; s = 2; (9 + 1 + 2 - 4) // 2 + 1 = 5.
  // CHECK: -> tensor<1x2x5xf32>
  %1 = patches.extract %x filter_shape = [2] window_strides = [2] padding = [[1, 2]] lhs_dilation = [2] rhs_dilation = [3] : tensor<1x1x5xf32> -> tensor<1x2x5xf32>
  // l = 2, cropped: D = 9; (9 - 1 - 1 - 2) // 2 + 1 = 3.
  // CHECK: -> tensor<1x2x3xf32>
  %2 = patches.extract %x filter_shape = [2] window_strides = [2] padding = [[-1, -1]] lhs_dilation = [2] : tensor<1x1x5xf32> -> tensor<1x2x3xf32>
  return
}

// -----

// lhs dilation of sizes 0 and 1: D = 0 and D = 1, not (d - 1) * l + 1 < 1.
// CHECK-LABEL: func @explicit_lhs_dilation_of_tiny_sizes
func.func @explicit_lhs_dilation_of_tiny_sizes(%e: tensor<1x1x0xf32>, %o: tensor<1x1x1xf32>) {
  // D = 0, padded to 2, k = 2: 1 window made only of padding.
  // CHECK: -> tensor<1x2x1xf32>
  %0 = patches.extract %e filter_shape = [2] window_strides = [1] padding = [[1, 1]] lhs_dilation = [3] : tensor<1x1x0xf32> -> tensor<1x2x1xf32>
  // D = 1: 1.
  // CHECK: -> tensor<1x1x1xf32>
  %1 = patches.extract %o filter_shape = [1] window_strides = [1] padding = [[0, 0]] lhs_dilation = [5] : tensor<1x1x1xf32> -> tensor<1x1x1xf32>
  return
}

// -----

// lhs dilation applies per dimension, in canonical (rhs_spec) order.
// CHECK-LABEL: func @explicit_2d_dilations_canonical_order
func.func @explicit_2d_dilations_canonical_order(%x: tensor<4x6x2x1xf32>) {
  // rhs_spec "WHIO": canonical order is (W, H).
  // W (lhs dim 1): d = 6, l = 1, k = 3, r = 1, s = 2, pad (1, 1): (6 + 2 - 3) // 2 + 1 = 3.
  // H (lhs dim 0): d = 4, l = 2 -> D = 7, k = 2, r = 2 -> W = 3, s = 1, pad (0, 0): 5.
  // out_spec "NHWC": 1 x 5 x 3 x (2 * 3 * 2 = 12).
  // CHECK: -> tensor<1x5x3x12xf32>
  %0 = patches.extract %x filter_shape = [3, 2] window_strides = [2, 1] padding = [[1, 1], [0, 0]] lhs_dilation = [1, 2] rhs_dilation = [1, 2] dimension_numbers = ("HWCN", "WHIO", "NHWC") : tensor<4x6x2x1xf32> -> tensor<1x5x3x12xf32>
  return
}

// -----

func.func @explicit_dilation_wrong_size(%x: tensor<1x1x5xf32>) {
  // Resolving on the undilated size would give (5 + 3 - 4) // 2 + 1 = 3.
  // expected-error@+1 {{result dimension 2 has size 3, but the extraction gives 5: expected result type 'tensor<1x2x5xf32>'}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [2] padding = [[1, 2]] lhs_dilation = [2] rhs_dilation = [3] : tensor<1x1x5xf32> -> tensor<1x2x3xf32>
  return
}

// -----

func.func @explicit_2d_wrong_size(%x: tensor<4x6x2x1xf32>) {
  // The spatial sizes in canonical (W, H) order instead of out_spec order.
  // expected-error@+1 {{result dimension 1 has size 3, but the extraction gives 5: expected result type 'tensor<1x5x3x12xf32>'}}
  %0 = patches.extract %x filter_shape = [3, 2] window_strides = [2, 1] padding = [[1, 1], [0, 0]] lhs_dilation = [1, 2] rhs_dilation = [1, 2] dimension_numbers = ("HWCN", "WHIO", "NHWC") : tensor<4x6x2x1xf32> -> tensor<1x3x5x12xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Negative (cropping) explicit padding
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @negative_padding
func.func @negative_padding(%x: tensor<1x1x10xf32>) {
  // 10 - 3 - 4 = 3, k = 3: 1.
  // CHECK: -> tensor<1x3x1xf32>
  %0 = patches.extract %x filter_shape = [3] window_strides = [1] padding = [[-3, -4]] : tensor<1x1x10xf32> -> tensor<1x3x1xf32>
  // One side crops, the other pads: 10 - 2 + 3 = 11, s = 3: (11 - 2) // 3 + 1 = 4.
  // CHECK: -> tensor<1x2x4xf32>
  %1 = patches.extract %x filter_shape = [2] window_strides = [3] padding = [[-2, 3]] : tensor<1x1x10xf32> -> tensor<1x2x4xf32>
  // 10 - 8 = 2 < W = 3: floor(-1 / 1) + 1 = 0.
  // CHECK: -> tensor<1x3x0xf32>
  %2 = patches.extract %x filter_shape = [3] window_strides = [1] padding = [[-4, -4]] : tensor<1x1x10xf32> -> tensor<1x3x0xf32>
  // Cropped to exactly 0 is allowed (only below 0 is an error): 0.
  // CHECK: -> tensor<1x1x0xf32>
  %3 = patches.extract %x filter_shape = [1] window_strides = [1] padding = [[-5, -5]] : tensor<1x1x10xf32> -> tensor<1x1x0xf32>
  return
}

// -----

func.func @negative_padding_wrong_size(%x: tensor<1x1x10xf32>) {
  // expected-error@+1 {{result dimension 2 has size 6, but the extraction gives 4: expected result type 'tensor<1x2x4xf32>'}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [3] padding = [[-2, 3]] : tensor<1x1x10xf32> -> tensor<1x2x6xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Dynamic sizes: a result dimension is ? exactly where an input dimension it
// depends on is ?
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @dynamic
func.func @dynamic(%b: tensor<?x3x10xf32>, %c: tensor<2x?x10xf32>, %s: tensor<2x3x?xf32>, %all: tensor<?x?x?xf32>) {
  // Batch only: ? x 9 x 8.
  // CHECK: -> tensor<?x9x8xf32>
  %0 = patches.extract %b filter_shape = [3] window_strides = [1] padding = VALID : tensor<?x3x10xf32> -> tensor<?x9x8xf32>
  // Channels only: the feature size C * 3 is ?.
  // CHECK: -> tensor<2x?x8xf32>
  %1 = patches.extract %c filter_shape = [3] window_strides = [1] padding = VALID : tensor<2x?x10xf32> -> tensor<2x?x8xf32>
  // Spatial only, for each kind of padding.
  // CHECK: -> tensor<2x9x?xf32>
  %2 = patches.extract %s filter_shape = [3] window_strides = [2] padding = SAME : tensor<2x3x?xf32> -> tensor<2x9x?xf32>
  // CHECK: -> tensor<2x9x?xf32>
  %3 = patches.extract %s filter_shape = [3] window_strides = [2] padding = SAME_LOWER : tensor<2x3x?xf32> -> tensor<2x9x?xf32>
  // CHECK: -> tensor<2x9x?xf32>
  %4 = patches.extract %s filter_shape = [3] window_strides = [2] padding = VALID : tensor<2x3x?xf32> -> tensor<2x9x?xf32>
  // CHECK: -> tensor<2x9x?xf32>
  %5 = patches.extract %s filter_shape = [3] window_strides = [1] padding = [[-1, 2]] lhs_dilation = [2] : tensor<2x3x?xf32> -> tensor<2x9x?xf32>
  // CHECK: -> tensor<?x?x?xf32>
  %6 = patches.extract %all filter_shape = [3] window_strides = [1] padding = VALID : tensor<?x?x?xf32> -> tensor<?x?x?xf32>
  return
}

// -----

// Only the dynamic spatial dimension is ?; the static one is still computed.
// CHECK-LABEL: func @dynamic_one_of_two_spatial_dims
func.func @dynamic_one_of_two_spatial_dims(%x: tensor<1x1x?x7xf32>) {
  // W: ceil(7 / 2) = 4.
  // CHECK: -> tensor<1x9x?x4xf32>
  %0 = patches.extract %x filter_shape = [3, 3] window_strides = [2, 2] padding = SAME : tensor<1x1x?x7xf32> -> tensor<1x9x?x4xf32>
  return
}

// -----

// A static size where inference gives ? refines the type and is accepted.
// CHECK-LABEL: func @static_result_refines_dynamic
func.func @static_result_refines_dynamic(%x: tensor<?x3x?xf32>) {
  // CHECK: tensor<?x3x?xf32> -> tensor<2x9x5xf32>
  %0 = patches.extract %x filter_shape = [3] window_strides = [2] padding = SAME : tensor<?x3x?xf32> -> tensor<2x9x5xf32>
  return
}

// -----

func.func @dynamic_result_where_static(%x: tensor<2x3x?xf32>) {
  // expected-error@+1 {{result dimension 1 has size ?, but the extraction gives 9: expected result type 'tensor<2x9x?xf32>'}}
  %0 = patches.extract %x filter_shape = [3] window_strides = [2] padding = SAME : tensor<2x3x?xf32> -> tensor<2x?x?xf32>
  return
}

// -----

func.func @dynamic_result_where_static_spatial(%x: tensor<1x1x?x7xf32>) {
  // expected-error@+1 {{result dimension 3 has size ?, but the extraction gives 4: expected result type 'tensor<1x9x?x4xf32>'}}
  %0 = patches.extract %x filter_shape = [3, 3] window_strides = [2, 2] padding = SAME : tensor<1x1x?x7xf32> -> tensor<1x9x?x?xf32>
  return
}
