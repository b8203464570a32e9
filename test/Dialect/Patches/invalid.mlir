// Every configuration that jax.lax.conv_general_dilated_patches rejects is a
// verifier error on the op that names the offending clause and value.
// RUN: patches-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Operand and result types
//===----------------------------------------------------------------------===//

func.func @input_rank_does_not_match_filter(%x: tensor<1x1x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{'patches.extract' op expected an input of rank 4 (2 + 2 spatial dimensions of filter_shape = [2, 2]), but the input has rank 3}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

// Rank 1 is below the minimum of N and C even for zero spatial dimensions.
func.func @input_rank_below_two(%x: tensor<3xf32>) -> tensor<3x1xf32> {
  // expected-error@+1 {{expected an input of rank 2 (2 + 0 spatial dimensions of filter_shape = []), but the input has rank 1}}
  %0 = patches.extract %x filter_shape = [] window_strides = [] padding = VALID : tensor<3xf32> -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @unranked_input(%x: tensor<*xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<*xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @memref_input(%x: memref<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{invalid kind of type specified: expected builtin.tensor, but found 'memref<1x1x3x3xf32>'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : memref<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @vector_element_type(%x: tensor<1x1x3x3xvector<2xf32>>) -> tensor<1x4x2x2xvector<2xf32>> {
  // expected-error@+1 {{operand #0 must be ranked tensor of integer or index or floating-point or complex type with floating-point elements values, but got 'tensor<1x1x3x3xvector<2xf32>>'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xvector<2xf32>> -> tensor<1x4x2x2xvector<2xf32>>
  return %0 : tensor<1x4x2x2xvector<2xf32>>
}

// -----

func.func @unranked_result(%x: tensor<1x1x3x3xf32>) -> tensor<*xf32> {
  // expected-error@+1 {{invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @wrong_result_shape(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x3x3xf32> {
  // expected-error@+1 {{result dimension 2 has size 3, but the extraction gives 2: expected result type 'tensor<1x4x2x2xf32>'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

func.func @wrong_result_rank(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x4xf32> {
  // expected-error@+1 {{result has rank 3, but the input has rank 4: expected result type 'tensor<1x4x2x2xf32>'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

// -----

// The op moves values, so the element type never changes.
func.func @wrong_result_element_type(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf16> {
  // expected-error@+1 {{result element type 'f16' differs from the input element type 'f32': expected result type 'tensor<1x4x2x2xf32>'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf16>
  return %0 : tensor<1x4x2x2xf16>
}

// -----

//===----------------------------------------------------------------------===//
// Per-spatial-dimension lists
//===----------------------------------------------------------------------===//

func.func @window_strides_too_short(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{window_strides = [1] has 1 elements, expected 2 (one per spatial dimension)}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @lhs_dilation_too_long(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{lhs_dilation = [1, 1, 1] has 3 elements, expected 2 (one per spatial dimension)}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[0, 0], [0, 0]] lhs_dilation = [1, 1, 1] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @rhs_dilation_too_short(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{rhs_dilation = [] has 0 elements, expected 2 (one per spatial dimension)}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID rhs_dilation = [] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @zero_filter_size(%x: tensor<1x1x3x3xf32>) -> tensor<1x0x3x2xf32> {
  // expected-error@+1 {{filter_shape[0] = 0 must be at least 1}}
  %0 = patches.extract %x filter_shape = [0, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x0x3x2xf32>
  return %0 : tensor<1x0x3x2xf32>
}

// -----

func.func @negative_filter_size(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{filter_shape[1] = -2 must be at least 1}}
  %0 = patches.extract %x filter_shape = [2, -2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @zero_stride(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{window_strides[1] = 0 must be at least 1}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 0] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @negative_stride(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{window_strides[0] = -1 must be at least 1}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [-1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @zero_lhs_dilation(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{lhs_dilation[0] = 0 must be at least 1}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[0, 0], [0, 0]] lhs_dilation = [0, 1] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @negative_lhs_dilation(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{lhs_dilation[1] = -3 must be at least 1}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[0, 0], [0, 0]] lhs_dilation = [1, -3] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @zero_rhs_dilation(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{rhs_dilation[1] = 0 must be at least 1}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID rhs_dilation = [1, 0] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @negative_rhs_dilation(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{rhs_dilation[0] = -1 must be at least 1}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID rhs_dilation = [-1, 1] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Padding
//===----------------------------------------------------------------------===//

func.func @too_few_padding_pairs(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{padding has 1 [low, high] pairs, expected 2 (one per spatial dimension)}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[0, 0]] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @padding_pairs_without_spatial_dims(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{padding has 1 [low, high] pairs, expected 0 (one per spatial dimension)}}
  %0 = patches.extract %x filter_shape = [] window_strides = [] padding = [[1, 1]] : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// JAX: "String padding is not implemented for transposed convolution".
func.func @same_padding_with_lhs_dilation(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x3x5xf32> {
  // expected-error@+1 {{padding = SAME cannot be combined with lhs_dilation = [1, 2]: as in JAX, string padding is not implemented for transposed convolution; give explicit [low, high] pairs}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = SAME lhs_dilation = [1, 2] : tensor<1x1x3x3xf32> -> tensor<1x4x3x5xf32>
  return %0 : tensor<1x4x3x5xf32>
}

// -----

func.func @valid_padding_with_lhs_dilation(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error@+1 {{padding = VALID cannot be combined with lhs_dilation = [3, 1]}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID lhs_dilation = [3, 1] : tensor<1x1x3x3xf32> -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @same_lower_padding_with_lhs_dilation(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x3x3xf32> {
  // expected-error@+1 {{padding = SAME_LOWER cannot be combined with lhs_dilation = [2, 2]}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = SAME_LOWER lhs_dilation = [2, 2] : tensor<1x1x3x3xf32> -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// 3 + (-2) + (-2) < 0. (Cropping to exactly zero is valid: shape-inference.mlir.)
func.func @padding_crops_below_zero(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x0x2xf32> {
  // expected-error@+1 {{padding [-2, -2] crops spatial dimension 0 (size 3 after lhs dilation) below zero}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[-2, -2], [0, 0]] : tensor<1x1x3x3xf32> -> tensor<1x4x0x2xf32>
  return %0 : tensor<1x4x0x2xf32>
}

// -----

// The check uses the lhs-dilated size: (3 - 1) * 2 + 1 = 5, and 5 - 6 < 0.
func.func @padding_crops_dilated_size_below_zero(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x0x2xf32> {
  // expected-error@+1 {{padding [-3, -3] crops spatial dimension 1 (size 5 after lhs dilation) below zero}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[0, 0], [-3, -3]] lhs_dilation = [1, 2] : tensor<1x1x3x3xf32> -> tensor<1x4x0x2xf32>
  return %0 : tensor<1x4x0x2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Dimension numbers
//===----------------------------------------------------------------------===//

func.func @lhs_spec_too_short(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers lhs spec "NCH" has 3 characters, expected 4 (2 + 2 spatial dimensions)}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCH", "OIHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @rhs_spec_too_long(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers rhs spec "OIHWD" has 5 characters, expected 4 (2 + 2 spatial dimensions)}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "OIHWD", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @out_spec_empty(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers out spec "" has 0 characters, expected 4 (2 + 2 spatial dimensions)}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "OIHW", "") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @lhs_spec_without_n(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers lhs spec "BCHW" has no 'N'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("BCHW", "OIHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

// The specification text's own example: lowercase 'c' is a spatial name, so
// lhs_spec has no feature dimension and JAX rejects it.
func.func @spec_text_example_has_no_c(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers lhs spec "NcHW" has no 'C'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NcHW", "OIwh", "CNHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @rhs_spec_without_o(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers rhs spec "NIHW" has no 'O'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "NIHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @rhs_spec_without_i(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers rhs spec "OCHW" has no 'I'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "OCHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @out_spec_without_c(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers out spec "NFHW" has no 'C'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "OIHW", "NFHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @lhs_spec_repeats_n(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers lhs spec "NCNW" repeats the character 'N'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCNW", "OIHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @rhs_spec_repeats_i(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers rhs spec "OIIW" repeats the character 'I'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "OIIW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @out_spec_repeats_spatial_name(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers out spec "NCHH" repeats the character 'H'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "OIHW", "NCHH") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

func.func @lhs_spatial_names_differ_from_rhs(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers must have the same spatial names in all three specs, but 'X' of lhs spec "NCHX" is not in rhs spec "OIHW"}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHX", "OIHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

// Spatial names are case-sensitive.
func.func @out_spatial_names_differ_from_rhs(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{dimension_numbers must have the same spatial names in all three specs, but 'h' of out spec "NChW" is not in rhs spec "OIHW"}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "OIHW", "NChW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

// 'O' is a spatial name in lhs_spec, which the rhs_spec cannot have.
func.func @lhs_spatial_name_is_o(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{but 'O' of lhs spec "NCOW" is not in rhs spec "OIHW"}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCOW", "OIHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Sizes that overflow 64 bits
//===----------------------------------------------------------------------===//

// 2^62 * 4 window positions.
func.func @window_volume_overflows(%x: tensor<1x1x3x3xf32>) -> tensor<1x?x0x0xf32> {
  // expected-error@+1 {{filter_shape = [4611686018427387904, 4] has more than 2^63 - 1 window positions}}
  %0 = patches.extract %x filter_shape = [4611686018427387904, 4] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x?x0x0xf32>
  return %0 : tensor<1x?x0x0xf32>
}

// -----

// C = 2^62 channels times K = 4 window positions.
func.func @feature_size_overflows(%x: tensor<1x4611686018427387904x3x3xf32>) -> tensor<1x?x2x2xf32> {
  // expected-error@+1 {{the feature size 4611686018427387904 (input channels) * 4 (window positions) overflows 64 bits}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4611686018427387904x3x3xf32> -> tensor<1x?x2x2xf32>
  return %0 : tensor<1x?x2x2xf32>
}

// -----

// (2 - 1) * (2^63 - 1) + 1 overflows.
func.func @rhs_dilation_overflows_window(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x0x2xf32> {
  // expected-error@+1 {{the window of spatial dimension 0 ((filter_shape[0] - 1) * rhs_dilation[0] + 1 with filter_shape[0] = 2, rhs_dilation[0] = 9223372036854775807) overflows 64 bits}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID rhs_dilation = [9223372036854775807, 1] : tensor<1x1x3x3xf32> -> tensor<1x4x0x2xf32>
  return %0 : tensor<1x4x0x2xf32>
}

// -----

// (3 - 1) * 2^62 + 1 overflows.
func.func @lhs_dilation_overflows_input(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x?x2xf32> {
  // expected-error@+1 {{spatial dimension 1 of size 3 with lhs_dilation[1] = 4611686018427387904 overflows 64 bits}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[0, 0], [0, 0]] lhs_dilation = [1, 4611686018427387904] : tensor<1x1x3x3xf32> -> tensor<1x4x?x2xf32>
  return %0 : tensor<1x4x?x2xf32>
}

// -----

func.func @explicit_padding_overflows(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x?x2xf32> {
  // expected-error@+1 {{padding [9223372036854775807, 0] of spatial dimension 0 overflows 64 bits}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[9223372036854775807, 0], [0, 0]] : tensor<1x1x3x3xf32> -> tensor<1x4x?x2xf32>
  return %0 : tensor<1x4x?x2xf32>
}

// -----

// Found while fuzzing: the padded size 5 - 4 + (2^63 - 2) = 2^63 - 1 fits, but
// the lowerings pad by the positive part alone, 5 + 2^63 - 2, which does not.
func.func @positive_padding_overflows(%x: tensor<1x1x5xf32>) -> tensor<1x1x2xf32> {
  // expected-error@+1 {{padding [-4, 9223372036854775806] of spatial dimension 0 overflows 64 bits}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [4611686018427387904] padding = [[-4, 9223372036854775806]] : tensor<1x1x5xf32> -> tensor<1x1x2xf32>
  return %0 : tensor<1x1x2xf32>
}

// -----

// Found while fuzzing: 5 * 2^62 input elements, while the result is small;
// the lowerings' row-major strides of the input wrapped.
func.func @input_elements_overflow(%x: tensor<1x5x4611686018427387904xi8>) -> tensor<1x5x2xi8> {
  // expected-error@+1 {{the input (1x5x4611686018427387904) is too large: its strides overflow 64 bits}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [2305843009213693952] padding = VALID : tensor<1x5x4611686018427387904xi8> -> tensor<1x5x2xi8>
  return %0 : tensor<1x5x2xi8>
}

// -----

// 4 * 2^60 input elements fit, but the lowerings materialize the input padded
// to 4 * 2^61 = 2^63.
func.func @padded_input_elements_overflow(%x: tensor<1x4x1152921504606846976xi8>) -> tensor<1x4x2xi8> {
  // expected-error@+1 {{the input padded by the positive parts of the padding (to 1x4x2305843009213693952) is too large: its strides overflow 64 bits}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [1152921504606846976] padding = [[0, 1152921504606846976]] : tensor<1x4x1152921504606846976xi8> -> tensor<1x4x2xi8>
  return %0 : tensor<1x4x2xi8>
}

// -----

// Found while fuzzing: with a dynamic size, the padding alone (2^61 rows of
// 5 * 3 elements) is too large; the lowering built a negative offset.
func.func @dynamic_padded_input_overflow(%x: tensor<?x3x?x5xf32>) -> tensor<?x12x?x2xf32> {
  // expected-error@+1 {{the input padded by the positive parts of the padding (to ?x3x(? + 2305843009213693952)x5) is too large: its strides overflow 64 bits}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 2] padding = [[2305843009213693952, 0], [0, 0]] : tensor<?x3x?x5xf32> -> tensor<?x12x?x2xf32>
  return %0 : tensor<?x12x?x2xf32>
}

// -----

// An empty input still has the strides of its other dimensions.
func.func @empty_input_strides_overflow(%x: tensor<0x4x4611686018427387904xf32>) -> tensor<0x4x1xf32> {
  // expected-error@+1 {{the input (0x4x4611686018427387904) is too large: its strides overflow 64 bits}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [4611686018427387904] padding = VALID : tensor<0x4x4611686018427387904xf32> -> tensor<0x4x1xf32>
  return %0 : tensor<0x4x1xf32>
}

// -----

// The same for an empty result: its memref strides (4 * (2^62 - 3)) wrapped
// silently in the lowered code.
func.func @empty_result_strides_overflow(%x: tensor<0x1x4611686018427387904xf32>) -> tensor<0x4x4611686018427387901xf32> {
  // expected-error@+1 {{the result (0x4x4611686018427387901) is too large: its strides overflow 64 bits}}
  %0 = patches.extract %x filter_shape = [4] window_strides = [1] padding = VALID : tensor<0x1x4611686018427387904xf32> -> tensor<0x4x4611686018427387901xf32>
  return %0 : tensor<0x4x4611686018427387901xf32>
}

// -----

// SAME needs (ceil(2 / 1) - 1) * 1 + W - 2 with W = 2^63 - 1.
func.func @same_padding_overflows(%x: tensor<1x1x2xf32>) -> tensor<1x2x2xf32> {
  // expected-error@+1 {{SAME padding of spatial dimension 0 overflows 64 bits}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = SAME rhs_dilation = [9223372036854775806] : tensor<1x1x2xf32> -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}

// -----

// Every size fits, but 2^40 * 2^20 * 2^4 = 2^64 elements do not.
func.func @result_element_count_overflows(%x: tensor<1099511627776x1048576x16xi8>) -> tensor<1099511627776x1048576x16xi8> {
  // expected-error@+1 {{the result would have more than 2^63 - 1 elements}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [1] padding = VALID : tensor<1099511627776x1048576x16xi8> -> tensor<1099511627776x1048576x16xi8>
  return %0 : tensor<1099511627776x1048576x16xi8>
}

// -----

//===----------------------------------------------------------------------===//
// Values that collide with the dynamic-size marker, and element types
//===----------------------------------------------------------------------===//

// -2^63 is ShapedType::kDynamic: read as a static padding it meant
// "unknown", and any result size verified.
func.func @padding_int64_min(%x: tensor<1x1x5xf32>) -> tensor<1x1x3xf32> {
  // expected-error@+1 {{'patches.extract' op padding [-9223372036854775808, 9223372036854775807] of spatial dimension 0 is out of range: padding values must be at least -2^63 + 1}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [1] padding = [[-9223372036854775808, 9223372036854775807]] : tensor<1x1x5xf32> -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

// One more is an ordinary crop, computed exactly.
func.func @padding_int64_min_plus_one(%x: tensor<1x1x5xf32>) -> tensor<1x1x3xf32> {
  // expected-error@+1 {{padding [-9223372036854775807, 0] crops spatial dimension 0 (size 5 after lhs dilation) below zero}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [1] padding = [[-9223372036854775807, 0]] : tensor<1x1x5xf32> -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

func.func @padding_int64_min_high(%x: tensor<1x1x5xf32>) -> tensor<1x1x3xf32> {
  // expected-error@+1 {{padding [0, -9223372036854775808] of spatial dimension 0 is out of range}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [1] padding = [[0, -9223372036854775808]] : tensor<1x1x5xf32> -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

// f8E8M0FNU has no zero: padding cannot be read.
func.func @no_zero_padded(%x: tensor<1x1x2xf8E8M0FNU>) -> tensor<1x2x2xf8E8M0FNU> {
  // expected-error@+1 {{'patches.extract' op element type 'f8E8M0FNU' has no zero, but this extraction reads zeros (positive or SAME padding, or the holes of lhs dilation); only unpadded, undilated extractions of it are defined}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[1, 0]] : tensor<1x1x2xf8E8M0FNU> -> tensor<1x2x2xf8E8M0FNU>
  return %0 : tensor<1x2x2xf8E8M0FNU>
}

// -----

func.func @no_zero_same(%x: tensor<1x1x4xf8E8M0FNU>) -> tensor<1x3x4xf8E8M0FNU> {
  // expected-error@+1 {{element type 'f8E8M0FNU' has no zero, but this extraction reads zeros}}
  %0 = patches.extract %x filter_shape = [3] window_strides = [1] padding = SAME : tensor<1x1x4xf8E8M0FNU> -> tensor<1x3x4xf8E8M0FNU>
  return %0 : tensor<1x3x4xf8E8M0FNU>
}

// -----

func.func @no_zero_lhs_dilated(%x: tensor<1x1x2xf8E8M0FNU>) -> tensor<1x1x3xf8E8M0FNU> {
  // expected-error@+1 {{element type 'f8E8M0FNU' has no zero, but this extraction reads zeros}}
  %0 = patches.extract %x filter_shape = [1] window_strides = [1] padding = [[0, 0]] lhs_dilation = [2] : tensor<1x1x2xf8E8M0FNU> -> tensor<1x1x3xf8E8M0FNU>
  return %0 : tensor<1x1x3xf8E8M0FNU>
}

// -----

func.func @no_zero_dynamic_same(%x: tensor<1x1x?xf8E8M0FNU>) -> tensor<1x3x?xf8E8M0FNU> {
  // expected-error@+1 {{element type 'f8E8M0FNU' has no zero, but this extraction reads zeros}}
  %0 = patches.extract %x filter_shape = [3] window_strides = [1] padding = SAME : tensor<1x1x?xf8E8M0FNU> -> tensor<1x3x?xf8E8M0FNU>
  return %0 : tensor<1x3x?xf8E8M0FNU>
}

// -----

// tf32 is a compute type: MLIR gives it no storage.
func.func @tf32(%x: tensor<1x1x4xtf32>) -> tensor<1x2x3xtf32> {
  // expected-error@+1 {{'patches.extract' op element type 'tf32' has no storage format (tf32 is a compute type); extract patches of f32 and round them}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x4xtf32> -> tensor<1x2x3xtf32>
  return %0 : tensor<1x2x3xtf32>
}

// -----

func.func @complex_tf32(%x: tensor<1x1x4xcomplex<tf32>>) -> tensor<1x2x3xcomplex<tf32>> {
  // expected-error@+1 {{element type 'complex<tf32>' has no storage format}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x4xcomplex<tf32>> -> tensor<1x2x3xcomplex<tf32>>
  return %0 : tensor<1x2x3xcomplex<tf32>>
}

// -----

// The custom form rejects a type of the wrong kind as it parses; the
// generic form reaches the verifier with the same problem.
func.func @unranked_input_generic(%x: tensor<*xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error@+1 {{operand #0 must be ranked tensor of integer or index or floating-point or complex type with floating-point elements values, but got 'tensor<*xf32>'}}
  %0 = "patches.extract"(%x) <{filter_shape = array<i64: 2, 2>, padding = #patches.padding<VALID>, window_strides = array<i64: 1, 1>}> : (tensor<*xf32>) -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
