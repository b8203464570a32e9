// RUN: patches-opt %s -split-input-file --patches-raise-one-hot-conv | FileCheck %s

// JAX's filter as StableHLO's conversion computes it, NHWC: jnp.eye as a
// linalg.generic of indices, broadcast over the channels, reshaped to OIHW
// (O = c * K + k), transposed to HWIO, reshaped to (KH, KW, C, K).

// CHECK-LABEL: func.func @computed_eye_2d(
// CHECK-SAME:      %[[X:.+]]: tensor<1x4x4x2xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [1, 1]
// CHECK-SAME:        padding = {{\[\[}}0, 0], [0, 0]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
// CHECK-SAME:        : tensor<1x4x4x2xf32> -> tensor<1x3x3x8xf32>
// CHECK:         %[[Y:.+]] = tensor.expand_shape %[[P]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 3, 3, 2, 4]
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
// CHECK:         return %[[Y]]
func.func @computed_eye_2d(%x: tensor<1x4x4x2xf32>) -> tensor<1x3x3x2x4xf32> {
  %e0 = tensor.empty() : tensor<4x4xf32>
  %eye = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>],
                         iterator_types = ["parallel", "parallel"]}
      outs(%e0 : tensor<4x4xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %eq = arith.cmpi eq, %i, %j : index
    %f = arith.uitofp %eq : i1 to f32
    linalg.yield %f : f32
  } -> tensor<4x4xf32>
  %e1 = tensor.empty() : tensor<2x4x4xf32>
  %b = linalg.broadcast ins(%eye : tensor<4x4xf32>) outs(%e1 : tensor<2x4x4xf32>) dimensions = [0]
  %c = tensor.collapse_shape %b [[0, 1], [2]] : tensor<2x4x4xf32> into tensor<8x4xf32>
  %oihw = tensor.expand_shape %c [[0, 1], [2, 3]] output_shape [8, 1, 2, 2] : tensor<8x4xf32> into tensor<8x1x2x2xf32>
  %e2 = tensor.empty() : tensor<2x2x1x8xf32>
  %hwio = linalg.transpose ins(%oihw : tensor<8x1x2x2xf32>) outs(%e2 : tensor<2x2x1x8xf32>) permutation = [2, 3, 1, 0]
  %shape = arith.constant dense<[2, 2, 2, 4]> : tensor<4xi64>
  %filter = tensor.reshape %hwio(%shape) : (tensor<2x2x1x8xf32>, tensor<4xi64>) -> tensor<2x2x2x4xf32>
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

// 1-D, the filter a tensor.generate with a compare and a select, a
// linalg.fill of a constant selected from.

// CHECK-LABEL: func.func @generate_1d(
// CHECK-SAME:      %[[X:.+]]: tensor<1x7x2xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [3] window_strides = [2]
// CHECK-SAME:        padding = {{\[\[}}0, 0]] rhs_dilation = [2] dimension_numbers = ("NWC", "WIO", "NWC")
// CHECK-SAME:        : tensor<1x7x2xf32> -> tensor<1x2x6xf32>
// CHECK:         tensor.expand_shape %[[P]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 2, 2, 3]
// CHECK-NOT:     linalg.depthwise_conv_1d_nwc_wcm
func.func @generate_1d(%x: tensor<1x7x2xf32>) -> tensor<1x2x2x3xf32> {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %filter = tensor.generate {
  ^bb0(%kw: index, %c: index, %m: index):
    %eq = arith.cmpi eq, %kw, %m : index
    %v = arith.select %eq, %one, %zero : f32
    tensor.yield %v : f32
  } : tensor<3x2x3xf32>
  %empty = tensor.empty() : tensor<1x2x2x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<2> : tensor<1xi64>, dilations = dense<2> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x7x2xf32>, tensor<3x2x3xf32>)
         outs(%init : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}

// -----

// 3-D integers: m == kd * 2 + kh * 2 + kw from index arithmetic, extui.

// CHECK-LABEL: func.func @index_arithmetic_3d(
// CHECK-SAME:      %[[X:.+]]: tensor<1x3x2x3x1xi32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 1, 2] window_strides = [1, 1, 1]
// CHECK-SAME:        padding = {{\[\[}}0, 0], [0, 0], [0, 0]] dimension_numbers = ("NDHWC", "DHWIO", "NDHWC")
// CHECK-SAME:        : tensor<1x3x2x3x1xi32> -> tensor<1x2x2x2x4xi32>
// CHECK:         tensor.expand_shape %[[P]] {{\[\[}}0], [1], [2], [3], [4, 5]] output_shape [1, 2, 2, 2, 1, 4]
// CHECK-NOT:     linalg.depthwise_conv_3d_ndhwc_dhwcm
func.func @index_arithmetic_3d(%x: tensor<1x3x2x3x1xi32>) -> tensor<1x2x2x2x1x4xi32> {
  %e = tensor.empty() : tensor<2x1x2x1x4xi32>
  %filter = linalg.generic {indexing_maps = [affine_map<(d, h, w, c, m) -> (d, h, w, c, m)>],
                            iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      outs(%e : tensor<2x1x2x1x4xi32>) {
  ^bb0(%out: i32):
    %two = arith.constant 2 : index
    %kd = linalg.index 0 : index
    %kh = linalg.index 1 : index
    %kw = linalg.index 2 : index
    %m = linalg.index 4 : index
    %a = arith.muli %kd, %two : index
    %b = arith.muli %kh, %two : index
    %s = arith.addi %a, %b : index
    %t = arith.addi %s, %kw : index
    %eq = arith.cmpi eq, %t, %m : index
    %v = arith.extui %eq : i1 to i32
    linalg.yield %v : i32
  } -> tensor<2x1x2x1x4xi32>
  %init = arith.constant dense<0> : tensor<1x2x2x2x1x4xi32>
  %y = linalg.depthwise_conv_3d_ndhwc_dhwcm
         {strides = dense<1> : tensor<3xi64>, dilations = dense<1> : tensor<3xi64>}
         ins(%x, %filter : tensor<1x3x2x3x1xi32>, tensor<2x1x2x1x4xi32>)
         outs(%init : tensor<1x2x2x2x1x4xi32>) -> tensor<1x2x2x2x1x4xi32>
  return %y : tensor<1x2x2x2x1x4xi32>
}

// -----

// lhs dilation: a strided tensor.insert_slice into zeros, its offset and
// the zeros past the last element the padding.

// CHECK-LABEL: func.func @lhs_dilation(
// CHECK-SAME:      %[[X:.+]]: tensor<1x3x3x1xf32>
// CHECK-NOT:     tensor.insert_slice
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [1, 1]
// CHECK-SAME:        padding = {{\[\[}}1, 0], [0, 1]] lhs_dilation = [2, 2]
// CHECK-SAME:        : tensor<1x3x3x1xf32> -> tensor<1x5x5x4xf32>
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
func.func @lhs_dilation(%x: tensor<1x3x3x1xf32>) -> tensor<1x5x5x1x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x6x6x1xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x6x6x1xf32>) -> tensor<1x6x6x1xf32>
  %dilated = tensor.insert_slice %x into %zeros[0, 1, 0, 0] [1, 3, 3, 1] [1, 2, 2, 1]
      : tensor<1x3x3x1xf32> into tensor<1x6x6x1xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x1x4xf32>
  %empty = tensor.empty() : tensor<1x5x5x1x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x5x5x1x4xf32>) -> tensor<1x5x5x1x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%dilated, %filter : tensor<1x6x6x1xf32>, tensor<2x2x1x4xf32>)
         outs(%init : tensor<1x5x5x1x4xf32>) -> tensor<1x5x5x1x4xf32>
  return %y : tensor<1x5x5x1x4xf32>
}

// -----

// Negative padding: a tensor.extract_slice crops H, a tensor.pad then pads
// W (not cropped).

// CHECK-LABEL: func.func @negative_padding(
// CHECK-SAME:      %[[X:.+]]: tensor<1x5x5x1xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [1, 1]
// CHECK-SAME:        padding = {{\[\[}}-1, -1], [1, 0]]
// CHECK-SAME:        : tensor<1x5x5x1xf32> -> tensor<1x2x5x4xf32>
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
func.func @negative_padding(%x: tensor<1x5x5x1xf32>) -> tensor<1x2x5x1x4xf32> {
  %zero = arith.constant 0.0 : f32
  %cropped = tensor.extract_slice %x[0, 1, 0, 0] [1, 3, 5, 1] [1, 1, 1, 1]
      : tensor<1x5x5x1xf32> to tensor<1x3x5x1xf32>
  %padded = tensor.pad %cropped low[0, 0, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x3x5x1xf32> to tensor<1x3x6x1xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x1x4xf32>
  %empty = tensor.empty() : tensor<1x2x5x1x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x5x1x4xf32>) -> tensor<1x2x5x1x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x3x6x1xf32>, tensor<2x2x1x4xf32>)
         outs(%init : tensor<1x2x5x1x4xf32>) -> tensor<1x2x5x1x4xf32>
  return %y : tensor<1x2x5x1x4xf32>
}

// -----

// Not raised: a zero padding of a cropped dimension is not one padding
// (the zeros are not where the crop was).

// CHECK-LABEL: func.func @pad_after_crop(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @pad_after_crop(%x: tensor<1x5x5x1xf32>) -> tensor<1x4x4x1x4xf32> {
  %zero = arith.constant 0.0 : f32
  %cropped = tensor.extract_slice %x[0, 1, 0, 0] [1, 4, 5, 1] [1, 1, 1, 1]
      : tensor<1x5x5x1xf32> to tensor<1x4x5x1xf32>
  %padded = tensor.pad %cropped low[0, 1, 0, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x5x1xf32> to tensor<1x5x5x1xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x1x4xf32>
  %empty = tensor.empty() : tensor<1x4x4x1x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x4x4x1x4xf32>) -> tensor<1x4x4x1x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x5x5x1xf32>, tensor<2x2x1x4xf32>)
         outs(%init : tensor<1x4x4x1x4xf32>) -> tensor<1x4x4x1x4xf32>
  return %y : tensor<1x4x4x1x4xf32>
}

// -----

// A filter computed from a linalg.fill read by a linalg.generic (its
// payload a compare, select, and a multiply with the filled value) and an
// elementwise linalg.map with a conversion: every op of the chain is
// evaluated.

// CHECK-LABEL: func.func @fill_generic_map(
// CHECK:         patches.extract
// CHECK-NOT:     linalg.depthwise_conv_1d_nwc_wcm
func.func @fill_generic_map(%x: tensor<1x4x2xf32>) -> tensor<1x3x2x2xf32> {
  %two = arith.constant 2 : i32
  %e0 = tensor.empty() : tensor<2x2x2xi32>
  %twos = linalg.fill ins(%two : i32) outs(%e0 : tensor<2x2x2xi32>) -> tensor<2x2x2xi32>
  %e1 = tensor.empty() : tensor<2x2x2xi32>
  %halves = linalg.generic {indexing_maps = [affine_map<(k, c, m) -> (k, c, m)>, affine_map<(k, c, m) -> (k, c, m)>],
                            iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%twos : tensor<2x2x2xi32>) outs(%e1 : tensor<2x2x2xi32>) {
  ^bb0(%t: i32, %o: i32):
    %k = linalg.index 0 : index
    %m = linalg.index 2 : index
    %eq = arith.cmpi eq, %k, %m : index
    %one = arith.constant 1 : i32
    %zero = arith.constant 0 : i32
    %v = arith.select %eq, %one, %zero : i32
    %w = arith.muli %v, %t : i32
    linalg.yield %w : i32
  } -> tensor<2x2x2xi32>
  %e2 = tensor.empty() : tensor<2x2x2xf32>
  %filter = linalg.map ins(%halves : tensor<2x2x2xi32>) outs(%e2 : tensor<2x2x2xf32>)
      (%h: i32, %out: f32) {
        %f = arith.sitofp %h : i32 to f32
        %half = arith.constant 0.5 : f32
        %g = arith.mulf %f, %half : f32
        linalg.yield %g : f32
      }
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x4x2xf32>, tensor<2x2x2xf32>)
         outs(%init : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}
