// RUN: patches-opt %s -split-input-file --patches-raise-one-hot-conv | FileCheck %s

// The one-hot depthwise convolution, with a zero tensor.pad, strides and
// dilations: the extraction of the unpadded input, split back to
// (N, OH, OW, C, M).

// CHECK-LABEL: func.func @padded_strided_dilated(
// CHECK-SAME:      %[[X:.+]]: tensor<1x5x6x2xf32>
// CHECK-NOT:     tensor.pad
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [2, 1]
// CHECK-SAME:        padding = {{\[\[}}1, 0], [0, 1]] rhs_dilation = [1, 2]
// CHECK-SAME:        dimension_numbers = ("NHWC", "HWIO", "NHWC")
// CHECK-SAME:        : tensor<1x5x6x2xf32> -> tensor<1x3x5x8xf32>
// CHECK:         %[[Y:.+]] = tensor.expand_shape %[[P]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 3, 5, 2, 4]
// CHECK-SAME:        : tensor<1x3x5x8xf32> into tensor<1x3x5x2x4xf32>
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
// CHECK:         return %[[Y]]
func.func @padded_strided_dilated(%x: tensor<1x5x6x2xf32>) -> tensor<1x3x5x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x5x6x2xf32> to tensor<1x6x7x2xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %empty = tensor.empty() : tensor<1x3x5x2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x5x2x4xf32>) -> tensor<1x3x5x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<[2, 1]> : tensor<2xi64>, dilations = dense<[1, 2]> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x6x7x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x5x2x4xf32>) -> tensor<1x3x5x2x4xf32>
  return %y : tensor<1x3x5x2x4xf32>
}

// -----

// JAX's form after StableHLO: the HWIO filter (KH, KW, 1, C * K) reshaped
// to (KH, KW, C, K), integers, a zero constant as the output, no padding.

// CHECK-LABEL: func.func @jax_filter_integers(
// CHECK-SAME:      %[[X:.+]]: tensor<2x4x4x2xi32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [1, 1]
// CHECK-SAME:        padding = {{\[\[}}0, 0], [0, 0]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
// CHECK-SAME:        : tensor<2x4x4x2xi32> -> tensor<2x3x3x8xi32>
// CHECK:         tensor.expand_shape %[[P]]
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
func.func @jax_filter_integers(%x: tensor<2x4x4x2xi32>) -> tensor<2x3x3x2x4xi32> {
  %hwio = arith.constant dense<[[[[1, 0, 0, 0, 1, 0, 0, 0]], [[0, 1, 0, 0, 0, 1, 0, 0]]], [[[0, 0, 1, 0, 0, 0, 1, 0]], [[0, 0, 0, 1, 0, 0, 0, 1]]]]> : tensor<2x2x1x8xi32>
  %filter = tensor.expand_shape %hwio [[0], [1], [2], [3, 4]] output_shape [2, 2, 1, 2, 4]
      : tensor<2x2x1x8xi32> into tensor<2x2x1x2x4xi32>
  %filter4 = tensor.collapse_shape %filter [[0], [1], [2, 3], [4]]
      : tensor<2x2x1x2x4xi32> into tensor<2x2x2x4xi32>
  %init = arith.constant dense<0> : tensor<2x3x3x2x4xi32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%x, %filter4 : tensor<2x4x4x2xi32>, tensor<2x2x2x4xi32>)
         outs(%init : tensor<2x3x3x2x4xi32>) -> tensor<2x3x3x2x4xi32>
  return %y : tensor<2x3x3x2x4xi32>
}

// -----

// Not raised: one hot element of the filter is zero.

// CHECK-LABEL: func.func @one_wrong_element(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @one_wrong_element(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %pad = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %pad : f32
  } : tensor<1x3x3x2xf32> to tensor<1x4x4x2xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %start = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x3x2x4xf32>
  %init = linalg.fill ins(%start : f32) outs(%empty : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  return %y : tensor<1x3x3x2x4xf32>
}

// -----

// Not raised: a -0.0 in the filter (x * -0.0 is not x * +0.0).

// CHECK-LABEL: func.func @negative_zero_in_filter(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @negative_zero_in_filter(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %pad = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %pad : f32
  } : tensor<1x3x3x2xf32> to tensor<1x4x4x2xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, -0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %start = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x3x2x4xf32>
  %init = linalg.fill ins(%start : f32) outs(%empty : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  return %y : tensor<1x3x3x2x4xf32>
}

// -----

// Not raised: the hot position is kw * KH + kh, not kh * KW + kw.

// CHECK-LABEL: func.func @window_order_swapped(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @window_order_swapped(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %pad = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %pad : f32
  } : tensor<1x3x3x2xf32> to tensor<1x4x4x2xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]]], [[[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %start = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x3x2x4xf32>
  %init = linalg.fill ins(%start : f32) outs(%empty : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  return %y : tensor<1x3x3x2x4xf32>
}

// -----

// Not raised: the input is padded with 1.0.

// CHECK-LABEL: func.func @nonzero_padding_value(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @nonzero_padding_value(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %pad = arith.constant 1.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %pad : f32
  } : tensor<1x3x3x2xf32> to tensor<1x4x4x2xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %start = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x3x2x4xf32>
  %init = linalg.fill ins(%start : f32) outs(%empty : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  return %y : tensor<1x3x3x2x4xf32>
}

// -----

// Not raised: the padding pads the channel dimension.

// CHECK-LABEL: func.func @padded_channels(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @padded_channels(%x: tensor<1x4x4x1xf32>) -> tensor<1x3x3x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %pad = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 0, 0, 1] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %pad : f32
  } : tensor<1x4x4x1xf32> to tensor<1x4x4x2xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %start = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x3x2x4xf32>
  %init = linalg.fill ins(%start : f32) outs(%empty : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  return %y : tensor<1x3x3x2x4xf32>
}

// -----

// Not raised: the output starts at 1.0, not 0.

// CHECK-LABEL: func.func @nonzero_init(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @nonzero_init(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %pad = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %pad : f32
  } : tensor<1x3x3x2xf32> to tensor<1x4x4x2xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %start = arith.constant 1.0 : f32
  %empty = tensor.empty() : tensor<1x3x3x2x4xf32>
  %init = linalg.fill ins(%start : f32) outs(%empty : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  return %y : tensor<1x3x3x2x4xf32>
}

// -----

// Not raised: a channel multiplier of 5 for a 2x2 window (the group shape
// is not JAX's), though the first four columns are one-hot.

// CHECK-LABEL: func.func @wrong_multiplier(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @wrong_multiplier(%x: tensor<1x4x4x2xf32>) -> tensor<1x3x3x2x5xf32> {
  %zero = arith.constant 0.0 : f32
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0, 0.0]], [[0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0, 0.0]]]]> : tensor<2x2x2x5xf32>
  %empty = tensor.empty() : tensor<1x3x3x2x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x3x2x5xf32>) -> tensor<1x3x3x2x5xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%x, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x5xf32>)
         outs(%init : tensor<1x3x3x2x5xf32>) -> tensor<1x3x3x2x5xf32>
  return %y : tensor<1x3x3x2x5xf32>
}

// -----

// Not raised: the output (2x2) is smaller than the number of windows (3x3);
// it would be a slice of the extraction.

// CHECK-LABEL: func.func @partial_output(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @partial_output(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %empty = tensor.empty() : tensor<1x2x2x2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2x2x4xf32>) -> tensor<1x2x2x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%x, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x2x2x2x4xf32>) -> tensor<1x2x2x2x4xf32>
  return %y : tensor<1x2x2x2x4xf32>
}

// -----

// Not raised: the filter is a function argument, not a constant.

// CHECK-LABEL: func.func @filter_not_constant(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @filter_not_constant(%x: tensor<1x4x4x2xf32>, %filter: tensor<2x2x2x4xf32>) -> tensor<1x3x3x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x3x2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%x, %filter : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  return %y : tensor<1x3x3x2x4xf32>
}

// -----

// The same convolution as a linalg.generic, as generalization writes it
// (its maps give stride (2, 1) and dilation (1, 2)).

// CHECK-LABEL: func.func @generic_form(
// CHECK-SAME:      %[[X:.+]]: tensor<1x6x7x2xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [2, 1]
// CHECK-SAME:        padding = {{\[\[}}0, 0], [0, 0]] rhs_dilation = [1, 2]
// CHECK-SAME:        : tensor<1x6x7x2xf32> -> tensor<1x3x5x8xf32>
// CHECK:         tensor.expand_shape %[[P]]
// CHECK-NOT:     linalg.generic
#input_generic_form = affine_map<(n, oh, ow, c, m, kh, kw) -> (n, oh * 2 + kh, ow + kw * 2, c)>
#filter_generic_form = affine_map<(n, oh, ow, c, m, kh, kw) -> (kh, kw, c, m)>
#out_generic_form = affine_map<(n, oh, ow, c, m, kh, kw) -> (n, oh, ow, c, m)>
func.func @generic_form(%x: tensor<1x6x7x2xf32>) -> tensor<1x3x5x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %empty = tensor.empty() : tensor<1x3x5x2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x5x2x4xf32>) -> tensor<1x3x5x2x4xf32>
  %y = linalg.generic {indexing_maps = [#input_generic_form, #filter_generic_form, #out_generic_form],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%x, %filter : tensor<1x6x7x2xf32>, tensor<2x2x2x4xf32>) outs(%init : tensor<1x3x5x2x4xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %p = arith.mulf %in, %f : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x3x5x2x4xf32>
  return %y : tensor<1x3x5x2x4xf32>
}

// -----

// Not raised: the generic has the convolution's maps but takes a maximum,
// not a sum.

// CHECK-LABEL: func.func @generic_not_accumulating(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.generic
#input_generic_not_accumulating = affine_map<(n, oh, ow, c, m, kh, kw) -> (n, oh * 2 + kh, ow + kw * 2, c)>
#filter_generic_not_accumulating = affine_map<(n, oh, ow, c, m, kh, kw) -> (kh, kw, c, m)>
#out_generic_not_accumulating = affine_map<(n, oh, ow, c, m, kh, kw) -> (n, oh, ow, c, m)>
func.func @generic_not_accumulating(%x: tensor<1x6x7x2xf32>) -> tensor<1x3x5x2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %empty = tensor.empty() : tensor<1x3x5x2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x5x2x4xf32>) -> tensor<1x3x5x2x4xf32>
  %y = linalg.generic {indexing_maps = [#input_generic_not_accumulating, #filter_generic_not_accumulating, #out_generic_not_accumulating],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%x, %filter : tensor<1x6x7x2xf32>, tensor<2x2x2x4xf32>) outs(%init : tensor<1x3x5x2x4xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %p = arith.mulf %in, %f : f32
    %s = arith.maximumf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x3x5x2x4xf32>
  return %y : tensor<1x3x5x2x4xf32>
}
