// patches-reduce shrinks a module to what keeps a failure: of these three
// functions, only the extraction whose one-hot filter would overflow makes
// the conv strategy fail, so only it is left.
// RUN: patches-reduce %s -reduction-tree='traversal-mode=0 test=%S/Inputs/conv-strategy-fails.sh' \
// RUN: | FileCheck %s

// CHECK-NOT: func.func @small_nchw
// CHECK-NOT: func.func @small_nhwc
// CHECK:     func.func @huge_window
// CHECK:       patches.extract
// CHECK-NOT: func.func

func.func @small_nchw(%x: tensor<1x2x5x5xf32>) -> tensor<1x18x5x5xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      : tensor<1x2x5x5xf32> -> tensor<1x18x5x5xf32>
  return %y : tensor<1x18x5x5xf32>
}

// K = 2^32 window positions: K * K * C = 2^64 overflows.
func.func @huge_window(%x: tensor<1x1x?xf32>) -> tensor<1x4294967296x?xf32> {
  %y = patches.extract %x filter_shape = [4294967296] window_strides = [1] padding = SAME
      : tensor<1x1x?xf32> -> tensor<1x4294967296x?xf32>
  return %y : tensor<1x4294967296x?xf32>
}

func.func @small_nhwc(%x: tensor<1x5x5x2xf32>) -> tensor<1x5x5x18xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      dimension_numbers = ("NHWC", "HWIO", "NHWC")
      : tensor<1x5x5x2xf32> -> tensor<1x5x5x18xf32>
  return %y : tensor<1x5x5x18xf32>
}
