// Padding forms and strides, executed with the conv strategy.
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=conv \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

func.func @main() {
  %x = arith.constant dense<[[[1.0, 2.0, 3.0, 4.0, 5.0]]]> : tensor<1x1x5xf32>

  // Explicit padding that pads low and crops high: [0, 0, 1, 2, 3, 4], stride
  // 2: windows [0, 0, 1] and [1, 2, 3].
  // CHECK:      sizes = [1, 3, 2]
  // CHECK-NEXT: {{\[\[\[}}0,   1],
  // CHECK-NEXT:   [0,   2],
  // CHECK-NEXT:   [1,   3]]]
  %a = patches.extract %x filter_shape = [3] window_strides = [2]
         padding = [[2, -1]] : tensor<1x1x5xf32> -> tensor<1x3x2xf32>
  %au = tensor.cast %a : tensor<1x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%au) : (tensor<*xf32>) -> ()

  // SAME, stride 2: ceil(5 / 2) = 3 outputs, padding (1, 1):
  // [0, 1, 2, 3, 4, 5, 0], windows at 0, 2, 4.
  // CHECK:      sizes = [1, 3, 3]
  // CHECK-NEXT: {{\[\[\[}}0,   2,   4],
  // CHECK-NEXT:   [1,   3,   5],
  // CHECK-NEXT:   [2,   4,   0]]]
  %b = patches.extract %x filter_shape = [3] window_strides = [2]
         padding = SAME : tensor<1x1x5xf32> -> tensor<1x3x3xf32>
  %bu = tensor.cast %b : tensor<1x3x3xf32> to tensor<*xf32>
  call @printMemrefF32(%bu) : (tensor<*xf32>) -> ()

  // SAME_LOWER with an even window puts the odd padding low: (1, 0).
  // CHECK:      sizes = [1, 2, 5]
  // CHECK-NEXT: {{\[\[\[}}0,   1,   2,   3,   4],
  // CHECK-NEXT:   [1,   2,   3,   4,   5]]]
  %c = patches.extract %x filter_shape = [2] window_strides = [1]
         padding = SAME_LOWER : tensor<1x1x5xf32> -> tensor<1x2x5xf32>
  %cu = tensor.cast %c : tensor<1x2x5xf32> to tensor<*xf32>
  call @printMemrefF32(%cu) : (tensor<*xf32>) -> ()

  // ... and SAME puts it high: (0, 1).
  // CHECK:      sizes = [1, 2, 5]
  // CHECK-NEXT: {{\[\[\[}}1,   2,   3,   4,   5],
  // CHECK-NEXT:   [2,   3,   4,   5,   0]]]
  %d = patches.extract %x filter_shape = [2] window_strides = [1]
         padding = SAME : tensor<1x1x5xf32> -> tensor<1x2x5xf32>
  %du = tensor.cast %d : tensor<1x2x5xf32> to tensor<*xf32>
  call @printMemrefF32(%du) : (tensor<*xf32>) -> ()

  // VALID, stride 3: windows at 0 and 3 ([1, 2] and [4, 5]).
  // CHECK:      sizes = [1, 2, 2]
  // CHECK-NEXT: {{\[\[\[}}1,   4],
  // CHECK-NEXT:   [2,   5]]]
  %e = patches.extract %x filter_shape = [2] window_strides = [3]
         padding = VALID : tensor<1x1x5xf32> -> tensor<1x2x2xf32>
  %eu = tensor.cast %e : tensor<1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%eu) : (tensor<*xf32>) -> ()

  // 2-D, two channels, cropping both sides of W and padding H:
  // channel 0 holds 1..6 as 2x3, channel 1 the same times 10. Padding
  // [[1, 0], [-1, -1]] leaves rows [0, r0, r1] of column 1: one 2x1 window
  // per output row, features c * 2 + k.
  // CHECK:      sizes = [1, 4, 2, 1]
  // CHECK-NEXT: {{\[\[\[\[}}0],
  // CHECK-NEXT:    [2]],
  // CHECK-NEXT:   {{\[\[}}2],
  // CHECK-NEXT:    [5]],
  // CHECK-NEXT:   {{\[\[}}0],
  // CHECK-NEXT:    [20]],
  // CHECK-NEXT:   {{\[\[}}20],
  // CHECK-NEXT:    [50]]]]
  %y = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
                              [[10.0, 20.0, 30.0], [40.0, 50.0, 60.0]]]]>
         : tensor<1x2x2x3xf32>
  %f = patches.extract %y filter_shape = [2, 1] window_strides = [1, 1]
         padding = [[1, 0], [-1, -1]] : tensor<1x2x2x3xf32> -> tensor<1x4x2x1xf32>
  %fu = tensor.cast %f : tensor<1x4x2x1xf32> to tensor<*xf32>
  call @printMemrefF32(%fu) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
