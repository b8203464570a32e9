// RUN: patches-opt %s --patches-raise-one-hot-conv | FileCheck %s
// RUN: patches-opt %s -verify-diagnostics \
// RUN:   --patches-raise-one-hot-conv="max-evaluated-elements=16 remarks=true" \
// RUN:   | FileCheck %s --check-prefix=BOUND

// A computed filter needing more evaluation than the bound: raised with the
// default bound, left alone with 16 (the 4x4 eye alone is 16 elements).

// CHECK-LABEL: func.func @bound(
// CHECK:         patches.extract
// BOUND-LABEL: func.func @bound(
// BOUND-NOT:     patches.extract
// BOUND:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @bound(%x: tensor<1x3x3x1xf32>) -> tensor<1x2x2x1x4xf32> {
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
  %filter = tensor.expand_shape %eye [[0, 1, 2], [3]] output_shape [2, 2, 1, 4] : tensor<4x4xf32> into tensor<2x2x1x4xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2x2x1x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2x1x4xf32>) -> tensor<1x2x2x1x4xf32>
  // expected-remark @below {{the filter is not a constant: 'linalg.generic' needs more than max-evaluated-elements = 16 evaluated elements}}
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%x, %filter : tensor<1x3x3x1xf32>, tensor<2x2x1x4xf32>)
         outs(%init : tensor<1x2x2x1x4xf32>) -> tensor<1x2x2x1x4xf32>
  return %y : tensor<1x2x2x1x4xf32>
}
