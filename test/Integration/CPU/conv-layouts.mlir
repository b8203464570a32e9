// Dimension numbers and 3-D, executed with the conv strategy.
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=conv \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

func.func @main() {
  // NHWC with two channels: channel 0 holds 1..9, channel 1 ten times that.
  // Each output position lists c0's 2x2 window, then c1's (f = c * 4 + k).
  // CHECK:      sizes = [1, 2, 2, 8]
  // CHECK-NEXT: {{\[\[\[\[}}1,   2,   4,   5,   10,   20,   40,   50],
  // CHECK-NEXT:    [2,   3,   5,   6,   20,   30,   50,   60]],
  // CHECK-NEXT:   {{\[\[}}4,   5,   7,   8,   40,   50,   70,   80],
  // CHECK-NEXT:    [5,   6,   8,   9,   50,   60,   80,   90]]]]
  %x = arith.constant dense<[[[[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]],
                              [[4.0, 40.0], [5.0, 50.0], [6.0, 60.0]],
                              [[7.0, 70.0], [8.0, 80.0], [9.0, 90.0]]]]>
         : tensor<1x3x3x2xf32>
  %a = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x3x3x2xf32> -> tensor<1x2x2x8xf32>
  %au = tensor.cast %a : tensor<1x2x2x8xf32> to tensor<*xf32>
  call @printMemrefF32(%au) : (tensor<*xf32>) -> ()

  // rhs_spec "OIWH" makes the order (W, H): filter_shape = [1, 2] is one
  // column by two rows, so k = 1 is the element below. The output is CHWN.
  // CHECK:      sizes = [2, 2, 2, 1]
  // CHECK-NEXT: {{\[\[\[\[}}1],
  // CHECK-NEXT:    [2]],
  // CHECK-NEXT:   {{\[\[}}3],
  // CHECK-NEXT:    [4]]],
  // CHECK-NEXT:  {{\[\[\[}}3],
  // CHECK-NEXT:    [4]],
  // CHECK-NEXT:   {{\[\[}}5],
  // CHECK-NEXT:    [6]]]]
  %y = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %b = patches.extract %y filter_shape = [1, 2] window_strides = [1, 1]
         padding = VALID dimension_numbers = ("NCHW", "OIWH", "CHWN")
         : tensor<1x1x3x2xf32> -> tensor<2x2x2x1xf32>
  %bu = tensor.cast %b : tensor<2x2x2x1xf32> to tensor<*xf32>
  call @printMemrefF32(%bu) : (tensor<*xf32>) -> ()

  // 3-D, NCDHW: the one 2x2x2 window of 1..8, in row-major order, padded by
  // one zero plane at the end of D with stride 2 on D for a second window.
  // CHECK:      sizes = [1, 8, 2, 1, 1]
  // CHECK-NEXT: {{\[\[\[\[\[}}1]],
  // CHECK-NEXT:     {{\[\[}}0]]],
  // CHECK-NEXT:   {{\[\[\[}}2]],
  // CHECK-NEXT:     {{\[\[}}0]]],
  // CHECK-NEXT:   {{\[\[\[}}3]],
  // CHECK-NEXT:     {{\[\[}}0]]],
  // CHECK-NEXT:   {{\[\[\[}}4]],
  // CHECK-NEXT:     {{\[\[}}0]]],
  // CHECK-NEXT:   {{\[\[\[}}5]],
  // CHECK-NEXT:     {{\[\[}}0]]],
  // CHECK-NEXT:   {{\[\[\[}}6]],
  // CHECK-NEXT:     {{\[\[}}0]]],
  // CHECK-NEXT:   {{\[\[\[}}7]],
  // CHECK-NEXT:     {{\[\[}}0]]],
  // CHECK-NEXT:   {{\[\[\[}}8]],
  // CHECK-NEXT:     {{\[\[}}0]]]]]
  %z = arith.constant dense<[[[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]]]>
         : tensor<1x1x2x2x2xf32>
  %c = patches.extract %z filter_shape = [2, 2, 2] window_strides = [2, 1, 1]
         padding = [[0, 2], [0, 0], [0, 0]] : tensor<1x1x2x2x2xf32> -> tensor<1x8x2x1x1xf32>
  %cu = tensor.cast %c : tensor<1x8x2x1x1xf32> to tensor<*xf32>
  call @printMemrefF32(%cu) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
