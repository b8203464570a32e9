// Without remarks=true, a convolution left alone is reported by nothing.
// RUN: patches-opt %s --convert-linalg-conv-to-patches 2>&1 | FileCheck %s --implicit-check-not=remark

// CHECK-LABEL: func.func @nonzero_padding(
// CHECK:         linalg.conv_2d_nhwc_hwcf
func.func @nonzero_padding(%x: tensor<1x5x5x3xf32>, %w: tensor<3x3x3x4xf32>, %o: tensor<1x5x5x4xf32>) -> tensor<1x5x5x4xf32> {
  %one = arith.constant 1.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %one : f32
  } : tensor<1x5x5x3xf32> to tensor<1x7x7x3xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x7x7x3xf32>, tensor<3x3x3x4xf32>) outs(%o : tensor<1x5x5x4xf32>) -> tensor<1x5x5x4xf32>
  return %0 : tensor<1x5x5x4xf32>
}
