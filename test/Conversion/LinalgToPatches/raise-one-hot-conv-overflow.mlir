// RUN: patches-opt %s -verify-diagnostics --patches-raise-one-hot-conv | FileCheck %s

// A valid one-hot convolution whose extraction could not be an op: its
// result, (2^31 - 2)^2 x 9 elements, has more than 2^63 - 1. The pattern
// fails quietly (it printed the op error while the pass exited 0) and the
// convolution stays.
// CHECK-LABEL: func.func @overflowing_extraction
//   CHECK-NOT:   patches.extract
//       CHECK:   linalg.depthwise_conv_2d_nhwc_hwcm
func.func @overflowing_extraction(%x: tensor<1x2147483648x2147483648x1xf32>) -> tensor<1x2147483646x2147483646x1x9xf32> {
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]],
                                   [[0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]],
                                   [[0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]],
                                  [[[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]],
                                   [[0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]],
                                   [[0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]]],
                                  [[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0]],
                                   [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0]],
                                   [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]]]]> : tensor<3x3x1x9xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2147483646x2147483646x1x9xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2147483646x2147483646x1x9xf32>) -> tensor<1x2147483646x2147483646x1x9xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %filter : tensor<1x2147483648x2147483648x1xf32>, tensor<3x3x1x9xf32>)
         outs(%init : tensor<1x2147483646x2147483646x1x9xf32>) -> tensor<1x2147483646x2147483646x1x9xf32>
  return %y : tensor<1x2147483646x2147483646x1x9xf32>
}
