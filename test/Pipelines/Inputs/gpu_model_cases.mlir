// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Extractions of ResNet-50's later stages at batch 32 (3x3 stride 1 on
// 28x28, 14x14 and 7x7, NCHW and NHWC; the 1x1 stride-2 downsampling), for
// the static cost check (lower-to-nvvm-ptx-cost.mlir): rows that are not a
// multiple of the vector (14, 7) and batches that the thread loop takes in
// chunks.

func.func @stage2_3x3_nchw(%x: tensor<32x128x28x28xf32>) -> tensor<32x1152x28x28xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      : tensor<32x128x28x28xf32> -> tensor<32x1152x28x28xf32>
  return %y : tensor<32x1152x28x28xf32>
}

func.func @stage3_3x3_nchw(%x: tensor<32x256x14x14xf32>) -> tensor<32x2304x14x14xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      : tensor<32x256x14x14xf32> -> tensor<32x2304x14x14xf32>
  return %y : tensor<32x2304x14x14xf32>
}

func.func @stage4_3x3_nchw(%x: tensor<32x512x7x7xf32>) -> tensor<32x4608x7x7xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      : tensor<32x512x7x7xf32> -> tensor<32x4608x7x7xf32>
  return %y : tensor<32x4608x7x7xf32>
}

func.func @stage4_3x3_nhwc(%x: tensor<32x7x7x512xf32>) -> tensor<32x7x7x4608xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      dimension_numbers = ("NHWC", "HWIO", "NHWC")
      : tensor<32x7x7x512xf32> -> tensor<32x7x7x4608xf32>
  return %y : tensor<32x7x7x4608xf32>
}

func.func @downsample_1x1_s2_nchw(%x: tensor<32x256x56x56xf32>) -> tensor<32x256x28x28xf32> {
  %y = patches.extract %x filter_shape = [1, 1] window_strides = [2, 2] padding = VALID
      : tensor<32x256x56x56xf32> -> tensor<32x256x28x28xf32>
  return %y : tensor<32x256x28x28xf32>
}
