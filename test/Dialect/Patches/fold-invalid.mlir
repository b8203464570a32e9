// patches.fold checks its operand against the extraction from its result
// type, and its clauses exactly as patches.extract does.
// RUN: patches-opt %s -split-input-file -verify-diagnostics

func.func @patches_size_differs(%y: tensor<1x4x2x3xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error@+1 {{'patches.fold' op patches dimension 3 has size 3, but the extraction from the result type gives 2: expected patches type 'tensor<1x4x2x2xf32>'}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4x2x3xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// The feature dimension is C * K: 2 channels of 2x2 windows are 8 features.
func.func @feature_size_differs(%y: tensor<1x4x2x2xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{patches dimension 1 has size 4, but the extraction from the result type gives 8: expected patches type 'tensor<1x8x2x2xf32>'}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4x2x2xf32> -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @layout_is_applied(%y: tensor<1x4x2x2xf32>) -> tensor<1x3x3x1xf32> {
  // expected-error@+1 {{expected patches type 'tensor<1x2x2x4xf32>'}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x4x2x2xf32> -> tensor<1x3x3x1xf32>
  return %0 : tensor<1x3x3x1xf32>
}

// -----

func.func @element_types_differ(%y: tensor<1x4x2x2xf16>) -> tensor<1x1x3x3xf32> {
  // expected-error@+1 {{patches element type 'f16' differs from the result element type 'f32': expected patches type 'tensor<1x4x2x2xf32>'}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4x2x2xf16> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

func.func @patches_rank_differs(%y: tensor<1x4x4xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error@+1 {{patches have rank 3, but the result has rank 4: expected patches type 'tensor<1x4x2x2xf32>'}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4x4xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

func.func @result_rank_does_not_match_filter(%y: tensor<1x4x2x2xf32>) -> tensor<1x1x3xf32> {
  // expected-error@+1 {{'patches.fold' op expected a result of rank 4 (2 + 2 spatial dimensions of filter_shape), but the result has rank 3}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4x2x2xf32> -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

// The clauses are checked by the shared geometry.
func.func @clause_error(%y: tensor<1x4x2x2xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error@+1 {{rhs_dilation[1] = 0 must be at least 1}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID rhs_dilation = [1, 0] : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

func.func @string_padding_with_lhs_dilation(%y: tensor<1x4x2x2xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error@+1 {{padding = SAME cannot be combined with lhs_dilation = [1, 2]}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = SAME lhs_dilation = [1, 2] : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

func.func @unranked_patches(%y: tensor<*xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error@+1 {{invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<*xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

func.func @unknown_precision(%y: tensor<1x4x2x2xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error@+1 {{unknown precision 'LOW', expected DEFAULT, HIGH or HIGHEST}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID precision = LOW : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// A dynamic spatial size of the result needs its operand.
func.func @missing_spatial_size(%y: tensor<1x2x?xf32>) -> tensor<1x1x?xf32> {
  // expected-error@+1 {{'patches.fold' op expected 1 spatial_sizes operands, one per dynamic spatial size of the result, but got 0}}
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x?xf32> -> tensor<1x1x?xf32>
  return %0 : tensor<1x1x?xf32>
}

// -----

// Batch and channels come from the patches: they take no operand.
func.func @spatial_size_for_a_static_result(%y: tensor<?x2x2xf32>, %n: index) -> tensor<?x1x3xf32> {
  // expected-error@+1 {{expected 0 spatial_sizes operands, one per dynamic spatial size of the result, but got 1}}
  %0 = patches.fold %y spatial_sizes(%n) filter_shape = [2] window_strides = [1] padding = VALID : tensor<?x2x2xf32> -> tensor<?x1x3xf32>
  return %0 : tensor<?x1x3xf32>
}

// -----

// expected-note@+1 {{prior use here}}
func.func @spatial_size_not_an_index(%y: tensor<1x2x?xf32>, %w: i64) -> tensor<1x1x?xf32> {
  // expected-error@+1 {{use of value '%w' expects different type than prior uses: 'index' vs 'i64'}}
  %0 = patches.fold %y spatial_sizes(%w) filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x?xf32> -> tensor<1x1x?xf32>
  return %0 : tensor<1x1x?xf32>
}

// -----

// With a dynamic channel size the channels are features / K, which must be
// exact: the fifth of 5 features belongs to no channel of 2x2 windows (it
// was dropped, and only runtime verification caught it).
func.func @features_not_a_multiple_of_the_window(%y: tensor<1x5x2x2xf32>) -> tensor<1x?x3x3xf32> {
  // expected-error@+1 {{'patches.fold' op patches feature size 5 (dimension 1) is not a multiple of the 4 window positions of filter_shape}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x5x2x2xf32> -> tensor<1x?x3x3xf32>
  return %0 : tensor<1x?x3x3xf32>
}

// -----

// The sums start from zero: a type without one cannot be folded.
func.func @fold_no_zero(%y: tensor<1x2x2xf8E8M0FNU>) -> tensor<1x1x3xf8E8M0FNU> {
  // expected-error@+1 {{'patches.fold' op element type 'f8E8M0FNU' has no zero, which the sums start from and the input elements that no patch reads hold}}
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x2xf8E8M0FNU> -> tensor<1x1x3xf8E8M0FNU>
  return %0 : tensor<1x1x3xf8E8M0FNU>
}

// -----

func.func @fold_padding_int64_min(%y: tensor<1x1x3xf32>) -> tensor<1x1x5xf32> {
  // expected-error@+1 {{'patches.fold' op padding [-9223372036854775808, 9223372036854775807] of spatial dimension 0 is out of range: padding values must be at least -2^63 + 1}}
  %0 = patches.fold %y filter_shape = [1] window_strides = [1] padding = [[-9223372036854775808, 9223372036854775807]] : tensor<1x1x3xf32> -> tensor<1x1x5xf32>
  return %0 : tensor<1x1x5xf32>
}
