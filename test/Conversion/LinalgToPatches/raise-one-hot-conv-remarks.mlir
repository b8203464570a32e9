// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --patches-raise-one-hot-conv=remarks=true | FileCheck %s

// Near misses, each left alone with a remark that says why.

// A computed filter off by one: hot at m == kw + 1.

// CHECK-LABEL: func.func @computed_off_by_one(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
func.func @computed_off_by_one(%x: tensor<1x5x2xf32>) -> tensor<1x3x2x3xf32> {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %c1 = arith.constant 1 : index
  %filter = tensor.generate {
  ^bb0(%kw: index, %c: index, %m: index):
    %k = arith.addi %kw, %c1 : index
    %eq = arith.cmpi eq, %k, %m : index
    %v = arith.select %eq, %one, %zero : f32
    tensor.yield %v : f32
  } : tensor<3x2x3xf32>
  %empty = tensor.empty() : tensor<1x3x2x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x2x3xf32>) -> tensor<1x3x2x3xf32>
  // expected-remark @below {{not raised to patches.extract: the filter is not one-hot: element [0, 0, 0] is 0, not 1}}
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x5x2xf32>, tensor<3x2x3xf32>)
         outs(%init : tensor<1x3x2x3xf32>) -> tensor<1x3x2x3xf32>
  return %y : tensor<1x3x2x3xf32>
}

// -----

// A -0.0 where the filter must hold +0.0.

// CHECK-LABEL: func.func @negative_zero(
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
func.func @negative_zero(%x: tensor<1x5x1xf32>) -> tensor<1x4x1x2xf32> {
  %filter = arith.constant dense<[[[1.0, -0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x4x1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x4x1x2xf32>) -> tensor<1x4x1x2xf32>
  // expected-remark @below {{the filter is not one-hot: element [0, 0, 1] is -0, not 0}}
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x5x1xf32>, tensor<2x1x2xf32>)
         outs(%init : tensor<1x4x1x2xf32>) -> tensor<1x4x1x2xf32>
  return %y : tensor<1x4x1x2xf32>
}

// -----

// A group shape that is not the window's: 5 outputs per channel for a 2x2
// window.

// CHECK-LABEL: func.func @wrong_group_size(
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @wrong_group_size(%x: tensor<1x3x3x1xf32>, %filter: tensor<2x2x1x5xf32>) -> tensor<1x2x2x1x5xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2x2x1x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2x1x5xf32>) -> tensor<1x2x2x1x5xf32>
  // expected-remark @below {{the channel multiplier 5 is not the window size 4}}
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%x, %filter : tensor<1x3x3x1xf32>, tensor<2x2x1x5xf32>)
         outs(%init : tensor<1x2x2x1x5xf32>) -> tensor<1x2x2x1x5xf32>
  return %y : tensor<1x2x2x1x5xf32>
}

// -----

// A padding value that is not zero.

// CHECK-LABEL: func.func @nonzero_padding_value(
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
func.func @nonzero_padding_value(%x: tensor<1x4x1xf32>) -> tensor<1x4x1x2xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %padded = tensor.pad %x low[0, 1, 0] high[0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %one : f32
  } : tensor<1x4x1xf32> to tensor<1x5x1xf32>
  %empty = tensor.empty() : tensor<1x4x1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x4x1x2xf32>) -> tensor<1x4x1x2xf32>
  // expected-remark @below {{the input's tensor.pad pads with a value that is not a constant zero}}
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%padded, %filter : tensor<1x5x1xf32>, tensor<2x1x2xf32>)
         outs(%init : tensor<1x4x1x2xf32>) -> tensor<1x4x1x2xf32>
  return %y : tensor<1x4x1x2xf32>
}

// -----

// The convolution's maps, but a maximum instead of a multiply-add.

#input = affine_map<(n, w, c, m, kw) -> (n, w + kw, c)>
#filter = affine_map<(n, w, c, m, kw) -> (kw, c, m)>
#output = affine_map<(n, w, c, m, kw) -> (n, w, c, m)>
// CHECK-LABEL: func.func @not_multiply_add(
// CHECK:         linalg.generic
func.func @not_multiply_add(%x: tensor<1x5x1xf32>) -> tensor<1x4x1x2xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x4x1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x4x1x2xf32>) -> tensor<1x4x1x2xf32>
  // expected-remark @below {{the payload is not a multiply-accumulate}}
  %y = linalg.generic {indexing_maps = [#input, #filter, #output],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %filter : tensor<1x5x1xf32>, tensor<2x1x2xf32>)
      outs(%init : tensor<1x4x1x2xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.maximumf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x4x1x2xf32>
  return %y : tensor<1x4x1x2xf32>
}

