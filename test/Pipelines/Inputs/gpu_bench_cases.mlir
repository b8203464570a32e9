// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The cases of the GPU benchmark (bench/gpu/bench.py) at batch 32, for the
// static checks of their kernels (lower-to-nvvm-resources.mlir,
// lower-to-nvvm-ptx-cost.mlir).

func.func @resnet_3x3_nchw(%x: tensor<32x64x56x56xf32>) -> tensor<32x576x56x56xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      : tensor<32x64x56x56xf32> -> tensor<32x576x56x56xf32>
  return %y : tensor<32x576x56x56xf32>
}

func.func @resnet_3x3_nhwc(%x: tensor<32x56x56x64xf32>) -> tensor<32x56x56x576xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      dimension_numbers = ("NHWC", "HWIO", "NHWC")
      : tensor<32x56x56x64xf32> -> tensor<32x56x56x576xf32>
  return %y : tensor<32x56x56x576xf32>
}

func.func @stem_7x7_s2_nchw(%x: tensor<32x3x224x224xf32>) -> tensor<32x147x112x112xf32> {
  %y = patches.extract %x filter_shape = [7, 7] window_strides = [2, 2] padding = SAME
      : tensor<32x3x224x224xf32> -> tensor<32x147x112x112xf32>
  return %y : tensor<32x147x112x112xf32>
}

func.func @rhs_dilation_nchw(%x: tensor<32x64x56x56xf32>) -> tensor<32x576x56x56xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      rhs_dilation = [2, 2] : tensor<32x64x56x56xf32> -> tensor<32x576x56x56xf32>
  return %y : tensor<32x576x56x56xf32>
}

func.func @conv3d_ncdhw(%x: tensor<32x3x16x112x112xf32>) -> tensor<32x81x16x112x112xf32> {
  %y = patches.extract %x filter_shape = [3, 3, 3] window_strides = [1, 1, 1] padding = SAME
      : tensor<32x3x16x112x112xf32> -> tensor<32x81x16x112x112xf32>
  return %y : tensor<32x81x16x112x112xf32>
}

func.func @window9_ncw(%x: tensor<32x64x16000xf32>) -> tensor<32x576x16000xf32> {
  %y = patches.extract %x filter_shape = [9] window_strides = [1] padding = SAME
      : tensor<32x64x16000xf32> -> tensor<32x576x16000xf32>
  return %y : tensor<32x576x16000xf32>
}

func.func @lhs_dilation_nchw(%x: tensor<32x64x28x28xf32>) -> tensor<32x576x55x55xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
      padding = [[1, 1], [1, 1]] lhs_dilation = [2, 2]
      : tensor<32x64x28x28xf32> -> tensor<32x576x55x55xf32>
  return %y : tensor<32x576x55x55xf32>
}
