// Round trips of patches.extract through the custom and the generic form.
// The printer must write exactly the custom form and omit every optional
// clause that holds its default.
// RUN: patches-opt %s -verify-roundtrip | FileCheck %s
// RUN: patches-opt %s | patches-opt | FileCheck %s
// RUN: patches-opt %s -mlir-print-op-generic | patches-opt | FileCheck %s
// RUN: patches-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func @all_clauses
// CHECK-SAME: (%[[X:.*]]: tensor<2x9x9x3xf32>)
// CHECK: patches.extract %[[X]] filter_shape = [3, 3] window_strides = [2, 1] padding = {{\[\[}}1, 1], [0, -1]] lhs_dilation = [2, 1] rhs_dilation = [2, 2] dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST : tensor<2x9x9x3xf32> -> tensor<2x8x4x27xf32>
// GENERIC-LABEL: sym_name = "all_clauses"
// GENERIC: "patches.extract"(%{{.*}}) <{dimension_numbers = #patches.dimension_numbers<"NHWC", "HWIO", "NHWC">, filter_shape = array<i64: 3, 3>, lhs_dilation = array<i64: 2, 1>, padding = #patches.padding<{{\[\[}}1, 1], [0, -1]]>, precision = #patches.precision<HIGHEST>, rhs_dilation = array<i64: 2, 2>, window_strides = array<i64: 2, 1>}> : (tensor<2x9x9x3xf32>) -> tensor<2x8x4x27xf32>
func.func @all_clauses(%x: tensor<2x9x9x3xf32>) -> tensor<2x8x4x27xf32> {
  // H: D = 17, W = 5, (17 + 2 - 5) // 2 + 1 = 8; W: W = 5, (9 - 1 - 5) + 1 = 4.
  %0 = patches.extract %x filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[1, 1], [0, -1]] lhs_dilation = [2, 1] rhs_dilation = [2, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST
         : tensor<2x9x9x3xf32> -> tensor<2x8x4x27xf32>
  return %0 : tensor<2x8x4x27xf32>
}

// Dilations of all ones, the default layouts and DEFAULT precision are
// dropped; the pattern is one line, so nothing may remain between the
// padding and the types.
// CHECK-LABEL: func @defaults_are_omitted
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
func.func @defaults_are_omitted(%x: tensor<1x1x3x3xf32>) -> (tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>) {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         lhs_dilation = [1, 1] rhs_dilation = [1, 1]
         dimension_numbers = ("NCHW", "OIHW", "NCHW") precision = DEFAULT
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  // The same in the generic form, every default written out.
  %1 = "patches.extract"(%x) <{filter_shape = array<i64: 2, 2>, window_strides = array<i64: 1, 1>,
         padding = #patches.padding<VALID>, lhs_dilation = array<i64: 1, 1>,
         rhs_dilation = array<i64: 1, 1>,
         dimension_numbers = #patches.dimension_numbers<"NCHW", "OIHW", "NCHW">,
         precision = #patches.precision<DEFAULT>}>
         : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
  return %0, %1 : tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>
}

// The default layouts are default whatever the spatial letters are, and
// wherever rhs_spec puts O and I (the filter is implicit).
// CHECK-LABEL: func @default_layouts_with_other_letters
// CHECK: patches.extract %{{.*}} filter_shape = [1, 2] window_strides = [1, 1] padding = VALID : tensor<1x2x5x4xf32> -> tensor<1x4x5x3xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [1, 2] window_strides = [1, 1] padding = VALID : tensor<1x2x5x4xf32> -> tensor<1x4x5x3xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [1, 2] window_strides = [1, 1] padding = VALID : tensor<1x2x5x4xf32> -> tensor<1x4x5x3xf32>
func.func @default_layouts_with_other_letters(%x: tensor<1x2x5x4xf32>) -> (tensor<1x4x5x3xf32>, tensor<1x4x5x3xf32>, tensor<1x4x5x3xf32>) {
  %0 = patches.extract %x filter_shape = [1, 2] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NCab", "OIab", "NCab") : tensor<1x2x5x4xf32> -> tensor<1x4x5x3xf32>
  %1 = patches.extract %x filter_shape = [1, 2] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NCYX", "OIYX", "NCYX") : tensor<1x2x5x4xf32> -> tensor<1x4x5x3xf32>
  %2 = patches.extract %x filter_shape = [1, 2] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NCHW", "HWIO", "NCHW") : tensor<1x2x5x4xf32> -> tensor<1x4x5x3xf32>
  return %0, %1, %2 : tensor<1x4x5x3xf32>, tensor<1x4x5x3xf32>, tensor<1x4x5x3xf32>
}

// The same letters in another rhs order are not the default: canonical
// order is (Y, X), so filter_shape = [2, 1] is 2 along Y (lhs dim 3).
// CHECK-LABEL: func @rhs_order_is_not_default
// CHECK: patches.extract %{{.*}} filter_shape = [2, 1] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCXY", "OIYX", "NCXY") : tensor<1x1x5x4xf32> -> tensor<1x2x5x3xf32>
func.func @rhs_order_is_not_default(%x: tensor<1x1x5x4xf32>) -> tensor<1x2x5x3xf32> {
  %0 = patches.extract %x filter_shape = [2, 1] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NCXY", "OIYX", "NCXY") : tensor<1x1x5x4xf32> -> tensor<1x2x5x3xf32>
  return %0 : tensor<1x2x5x3xf32>
}

// Arbitrary spatial letters in three different orders. Canonical (Y, X):
// Y = lhs dim 2 (9), k = 3, s = 2, SAME: 5; X = lhs dim 1 (7), k = 2, s = 1,
// SAME: 7. out "CNYX": 3 * 6 = 18 x 2 x 5 x 7.
// CHECK-LABEL: func @arbitrary_spatial_letters
// CHECK: patches.extract %{{.*}} filter_shape = [3, 2] window_strides = [2, 1] padding = SAME dimension_numbers = ("NXYC", "YXIO", "CNYX") : tensor<2x7x9x3xf32> -> tensor<18x2x5x7xf32>
func.func @arbitrary_spatial_letters(%x: tensor<2x7x9x3xf32>) -> tensor<18x2x5x7xf32> {
  %0 = patches.extract %x filter_shape = [3, 2] window_strides = [2, 1] padding = SAME
         dimension_numbers = ("NXYC", "YXIO", "CNYX") : tensor<2x7x9x3xf32> -> tensor<18x2x5x7xf32>
  return %0 : tensor<18x2x5x7xf32>
}

// Layout strings are printed escaped, so any character round-trips.
// CHECK-LABEL: func @escaped_spatial_letters
// CHECK: dimension_numbers = ("N\22C", "\22OI", "NC\22")
// CHECK: dimension_numbers = ("N\\C", "OI\\", "\\CN")
func.func @escaped_spatial_letters(%x: tensor<1x3x1xf32>) -> (tensor<1x2x2xf32>, tensor<3x1x1xf32>) {
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         dimension_numbers = ("N\"C", "\"OI", "NC\"") : tensor<1x3x1xf32> -> tensor<1x2x2xf32>
  %1 = patches.extract %x filter_shape = [1] window_strides = [1] padding = VALID
         dimension_numbers = ("N\\C", "OI\\", "\\CN") : tensor<1x3x1xf32> -> tensor<3x1x1xf32>
  return %0, %1 : tensor<1x2x2xf32>, tensor<3x1x1xf32>
}

// filter_shape = []: the result is the input, permuted per out_spec.
// CHECK-LABEL: func @zero_spatial_dims
// CHECK: patches.extract %{{.*}} filter_shape = [] window_strides = [] padding = VALID : tensor<3x4xf32> -> tensor<3x4xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [] window_strides = [] padding = [] : tensor<3x4xf32> -> tensor<3x4xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [] window_strides = [] padding = SAME dimension_numbers = ("NC", "OI", "CN") : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [] window_strides = [] padding = VALID dimension_numbers = ("CN", "IO", "NC") : tensor<3x4xf32> -> tensor<4x3xf32>
func.func @zero_spatial_dims(%x: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>, tensor<4x3xf32>, tensor<4x3xf32>) {
  %0 = patches.extract %x filter_shape = [] window_strides = [] padding = VALID : tensor<3x4xf32> -> tensor<3x4xf32>
  %1 = patches.extract %x filter_shape = [] window_strides = [] padding = [] : tensor<3x4xf32> -> tensor<3x4xf32>
  // N = 3, C = 4, written out as CN.
  %2 = patches.extract %x filter_shape = [] window_strides = [] padding = SAME
         dimension_numbers = ("NC", "OI", "CN") : tensor<3x4xf32> -> tensor<4x3xf32>
  // C = 3, N = 4, written out as NC.
  %3 = patches.extract %x filter_shape = [] window_strides = [] padding = VALID
         dimension_numbers = ("CN", "IO", "NC") : tensor<3x4xf32> -> tensor<4x3xf32>
  return %0, %1, %2, %3 : tensor<3x4xf32>, tensor<3x4xf32>, tensor<4x3xf32>, tensor<4x3xf32>
}

// CHECK-LABEL: func @one_spatial_dim
// CHECK: patches.extract %{{.*}} filter_shape = [3] window_strides = [2] padding = SAME_LOWER : tensor<2x3x10xf32> -> tensor<2x9x5xf32>
func.func @one_spatial_dim(%x: tensor<2x3x10xf32>) -> tensor<2x9x5xf32> {
  %0 = patches.extract %x filter_shape = [3] window_strides = [2] padding = SAME_LOWER
         : tensor<2x3x10xf32> -> tensor<2x9x5xf32>
  return %0 : tensor<2x9x5xf32>
}

// (4 - 2) + 1 = 3, (5 - 2) // 2 + 1 = 2, W = 3: (7 - 3) // 3 + 1 = 2;
// 2 * 8 features.
// CHECK-LABEL: func @three_spatial_dims
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2, 2] window_strides = [1, 2, 3] padding = VALID rhs_dilation = [1, 1, 2] : tensor<1x2x4x5x7xf32> -> tensor<1x16x3x2x2xf32>
func.func @three_spatial_dims(%x: tensor<1x2x4x5x7xf32>) -> tensor<1x16x3x2x2xf32> {
  %0 = patches.extract %x filter_shape = [2, 2, 2] window_strides = [1, 2, 3] padding = VALID
         rhs_dilation = [1, 1, 2] : tensor<1x2x4x5x7xf32> -> tensor<1x16x3x2x2xf32>
  return %0 : tensor<1x16x3x2x2xf32>
}

// CHECK-LABEL: func @four_spatial_dims
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2, 2, 2] window_strides = [1, 1, 1, 1] padding = {{\[\[}}0, 0], [1, 0], [0, 1], [1, 1]] lhs_dilation = [1, 1, 1, 2] : tensor<1x1x3x3x3x3xf32> -> tensor<1x16x2x3x3x6xf32>
func.func @four_spatial_dims(%x: tensor<1x1x3x3x3x3xf32>) -> tensor<1x16x2x3x3x6xf32> {
  // The last dimension: D = 5, 5 + 2 - 2 + 1 = 6.
  %0 = patches.extract %x filter_shape = [2, 2, 2, 2] window_strides = [1, 1, 1, 1]
         padding = [[0, 0], [1, 0], [0, 1], [1, 1]] lhs_dilation = [1, 1, 1, 2]
         : tensor<1x1x3x3x3x3xf32> -> tensor<1x16x2x3x3x6xf32>
  return %0 : tensor<1x16x2x3x3x6xf32>
}

// H: 6 - 1 - 2 = 3, k = 2: 2; W: 6 + 2 - 3 = 5, k = 2: 4.
// CHECK-LABEL: func @negative_padding
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2] window_strides = [1, 1] padding = {{\[\[}}-1, -2], [2, -3]] : tensor<1x1x6x6xf32> -> tensor<1x4x2x4xf32>
func.func @negative_padding(%x: tensor<1x1x6x6xf32>) -> tensor<1x4x2x4xf32> {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[-1, -2], [2, -3]]
         : tensor<1x1x6x6xf32> -> tensor<1x4x2x4xf32>
  return %0 : tensor<1x4x2x4xf32>
}

// CHECK-LABEL: func @dynamic_dims
// CHECK: patches.extract %{{.*}} filter_shape = [3, 3] window_strides = [1, 2] padding = VALID : tensor<?x3x?x8xf32> -> tensor<?x27x?x3xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2] window_strides = [2, 2] padding = SAME dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
func.func @dynamic_dims(%x: tensor<?x3x?x8xf32>, %y: tensor<?x?x?x?xf32>) -> (tensor<?x27x?x3xf32>, tensor<?x?x?x?xf32>) {
  %0 = patches.extract %x filter_shape = [3, 3] window_strides = [1, 2] padding = VALID
         : tensor<?x3x?x8xf32> -> tensor<?x27x?x3xf32>
  %1 = patches.extract %y filter_shape = [2, 2] window_strides = [2, 2] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x27x?x3xf32>, tensor<?x?x?x?xf32>
}

// Empty batch, empty channels (C = 0 is accepted, SEMANTICS.md), empty
// spatial dimension.
// CHECK-LABEL: func @zero_size_dims
// CHECK: tensor<0x3x4x4xf32> -> tensor<0x12x3x3xf32>
// CHECK: tensor<2x0x4x4xf32> -> tensor<2x0x3x3xf32>
// CHECK: tensor<1x1x0x4xf32> -> tensor<1x4x0x3xf32>
// CHECK: tensor<1x1x0x4xf32> -> tensor<1x4x0x4xf32>
func.func @zero_size_dims(%n: tensor<0x3x4x4xf32>, %c: tensor<2x0x4x4xf32>, %s: tensor<1x1x0x4xf32>)
    -> (tensor<0x12x3x3xf32>, tensor<2x0x3x3xf32>, tensor<1x4x0x3xf32>, tensor<1x4x0x4xf32>) {
  %0 = patches.extract %n filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<0x3x4x4xf32> -> tensor<0x12x3x3xf32>
  %1 = patches.extract %c filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<2x0x4x4xf32> -> tensor<2x0x3x3xf32>
  %2 = patches.extract %s filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x0x4xf32> -> tensor<1x4x0x3xf32>
  %3 = patches.extract %s filter_shape = [2, 2] window_strides = [1, 1] padding = SAME : tensor<1x1x0x4xf32> -> tensor<1x4x0x4xf32>
  return %0, %1, %2, %3 : tensor<0x12x3x3xf32>, tensor<2x0x3x3xf32>, tensor<1x4x0x3xf32>, tensor<1x4x0x4xf32>
}

// The op copies values, so every scalar element type is accepted.
// CHECK-LABEL: func @element_types
// CHECK: tensor<1x1x2x2xi8> -> tensor<1x1x2x2xi8>
// CHECK: tensor<1x1x2x2xi32> -> tensor<1x1x2x2xi32>
// CHECK: tensor<1x1x2x2xi1> -> tensor<1x1x2x2xi1>
// CHECK: tensor<1x1x2x2xindex> -> tensor<1x1x2x2xindex>
// CHECK: tensor<1x1x2x2xf16> -> tensor<1x1x2x2xf16>
// CHECK: tensor<1x1x2x2xbf16> -> tensor<1x1x2x2xbf16>
// CHECK: tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
// CHECK: tensor<1x1x2x2xf64> -> tensor<1x1x2x2xf64>
// CHECK: tensor<1x1x2x2xcomplex<f32>> -> tensor<1x1x2x2xcomplex<f32>>
func.func @element_types(%i8: tensor<1x1x2x2xi8>, %i32: tensor<1x1x2x2xi32>, %i1: tensor<1x1x2x2xi1>,
                         %idx: tensor<1x1x2x2xindex>, %f16: tensor<1x1x2x2xf16>, %bf16: tensor<1x1x2x2xbf16>,
                         %f32: tensor<1x1x2x2xf32>, %f64: tensor<1x1x2x2xf64>, %c: tensor<1x1x2x2xcomplex<f32>>) {
  %0 = patches.extract %i8 filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xi8> -> tensor<1x1x2x2xi8>
  %1 = patches.extract %i32 filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xi32> -> tensor<1x1x2x2xi32>
  %2 = patches.extract %i1 filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xi1> -> tensor<1x1x2x2xi1>
  %3 = patches.extract %idx filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xindex> -> tensor<1x1x2x2xindex>
  %4 = patches.extract %f16 filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xf16> -> tensor<1x1x2x2xf16>
  %5 = patches.extract %bf16 filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xbf16> -> tensor<1x1x2x2xbf16>
  %6 = patches.extract %f32 filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  %7 = patches.extract %f64 filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xf64> -> tensor<1x1x2x2xf64>
  %8 = patches.extract %c filter_shape = [1, 1] window_strides = [1, 1] padding = VALID : tensor<1x1x2x2xcomplex<f32>> -> tensor<1x1x2x2xcomplex<f32>>
  return
}

// CHECK-LABEL: func @precisions
// CHECK: padding = VALID precision = HIGH :
// CHECK: padding = VALID precision = HIGHEST :
func.func @precisions(%x: tensor<1x1x3x3xf32>) -> (tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>) {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID precision = HIGH
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  %1 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID precision = HIGHEST
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0, %1 : tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>
}

// An op written in the generic form prints in the custom form.
// H: 3 + 1 - 2 + 1 = 3; W: 3 + 1 - 2 + 1 = 3; 2 * 4 features.
// CHECK-LABEL: func @generic_form_input
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2] window_strides = [1, 1] padding = {{\[\[}}1, 0], [0, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGH : tensor<1x3x3x2xf32> -> tensor<1x3x3x8xf32>
func.func @generic_form_input(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x8xf32> {
  %0 = "patches.extract"(%x) <{filter_shape = array<i64: 2, 2>, window_strides = array<i64: 1, 1>,
         padding = #patches.padding<[[1, 0], [0, 1]]>,
         dimension_numbers = #patches.dimension_numbers<"NHWC", "HWIO", "NHWC">,
         precision = #patches.precision<HIGH>}> : (tensor<1x3x3x2xf32>) -> tensor<1x3x3x8xf32>
  return %0 : tensor<1x3x3x8xf32>
}

// Discardable attributes survive after the clauses.
// CHECK-LABEL: func @discardable_attributes
// CHECK: patches.extract %{{.*}} filter_shape = [2, 2] window_strides = [1, 1] padding = VALID {tag = "keep"} : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
// GENERIC-LABEL: sym_name = "discardable_attributes"
// GENERIC: "patches.extract"(%{{.*}}) <{filter_shape = array<i64: 2, 2>, padding = #patches.padding<VALID>, precision = #patches.precision<DEFAULT>, window_strides = array<i64: 1, 1>}> {tag = "keep"} : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
func.func @discardable_attributes(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID {tag = "keep"}
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// JAX's own spellings: padding strings in any case (JAX upper-cases them)
// and lax.Precision's names and aliases, bare or quoted. The printer writes
// the canonical keywords.
// CHECK-LABEL: func @jax_spellings
// CHECK: patches.extract %{{.*}} filter_shape = [3] window_strides = [1] padding = SAME : tensor<1x1x5xf32> -> tensor<1x3x5xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [3] window_strides = [2] padding = SAME_LOWER precision = HIGHEST : tensor<1x1x5xf32> -> tensor<1x3x3xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [3] window_strides = [1] padding = VALID precision = HIGH : tensor<1x1x5xf32> -> tensor<1x3x3xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [3] window_strides = [1] padding = VALID : tensor<1x1x5xf32> -> tensor<1x3x3xf32>
// CHECK: patches.extract %{{.*}} filter_shape = [3] window_strides = [1] padding = VALID precision = HIGHEST : tensor<1x1x5xf32> -> tensor<1x3x3xf32>
func.func @jax_spellings(%x: tensor<1x1x5xf32>) {
  %0 = patches.extract %x filter_shape = [3] window_strides = [1] padding = same
         precision = "default" : tensor<1x1x5xf32> -> tensor<1x3x5xf32>
  %1 = patches.extract %x filter_shape = [3] window_strides = [2] padding = "same_lower"
         precision = float32 : tensor<1x1x5xf32> -> tensor<1x3x3xf32>
  %2 = patches.extract %x filter_shape = [3] window_strides = [1] padding = "Valid"
         precision = "tensorfloat32" : tensor<1x1x5xf32> -> tensor<1x3x3xf32>
  %3 = patches.extract %x filter_shape = [3] window_strides = [1] padding = VALID
         precision = bfloat16 : tensor<1x1x5xf32> -> tensor<1x3x3xf32>
  %4 = "patches.extract"(%x) <{filter_shape = array<i64: 3>, window_strides = array<i64: 1>,
         padding = #patches.padding<"valid">, precision = #patches.precision<HIGHEST>}>
         : (tensor<1x1x5xf32>) -> tensor<1x3x3xf32>
  return
}
