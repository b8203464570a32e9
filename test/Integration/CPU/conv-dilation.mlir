// lhs and rhs dilation, executed with the conv strategy.
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=conv \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

func.func @main() {
  %x = arith.constant dense<[[[1, 2, 3]]]> : tensor<1x1x3xi32>

  // lhs dilation 2 and padding (1, 1): [0, 1, 0, 2, 0, 3, 0]; six windows
  // of 2.
  // CHECK:      sizes = [1, 2, 6]
  // CHECK-NEXT: {{\[\[\[}}0,   1,   0,   2,   0,   3],
  // CHECK-NEXT:   [1,   0,   2,   0,   3,   0]]]
  %a = patches.extract %x filter_shape = [2] window_strides = [1]
         padding = [[1, 1]] lhs_dilation = [2] : tensor<1x1x3xi32> -> tensor<1x2x6xi32>
  %au = tensor.cast %a : tensor<1x2x6xi32> to tensor<*xi32>
  call @printMemrefI32(%au) : (tensor<*xi32>) -> ()

  // rhs dilation 2: a window of 2 spans 3, [x0, x2] and [x1, x3], ...
  // CHECK:      sizes = [1, 2, 3]
  // CHECK-NEXT: {{\[\[\[}}1,   2,   3],
  // CHECK-NEXT:   [3,   4,   5]]]
  %y = arith.constant dense<[[[1, 2, 3, 4, 5]]]> : tensor<1x1x5xi32>
  %b = patches.extract %y filter_shape = [2] window_strides = [1]
         padding = VALID rhs_dilation = [2] : tensor<1x1x5xi32> -> tensor<1x2x3xi32>
  %bu = tensor.cast %b : tensor<1x2x3xi32> to tensor<*xi32>
  call @printMemrefI32(%bu) : (tensor<*xi32>) -> ()

  // Both, in 2-D: lhs dilation 2 on H and padding (0, 1) on W make
  // [[1, 2, 0], [0, 0, 0], [3, 4, 0]]; a 2x2 filter with rhs dilation 2 on
  // W reads columns 0 and 2 of rows (oh, oh + 1).
  // CHECK:      sizes = [1, 4, 2, 1]
  // CHECK-NEXT: {{\[\[\[\[}}1],
  // CHECK-NEXT:    [0]],
  // CHECK-NEXT:   {{\[\[}}0],
  // CHECK-NEXT:    [0]],
  // CHECK-NEXT:   {{\[\[}}0],
  // CHECK-NEXT:    [3]],
  // CHECK-NEXT:   {{\[\[}}0],
  // CHECK-NEXT:    [0]]]]
  %z = arith.constant dense<[[[[1, 2], [3, 4]]]]> : tensor<1x1x2x2xi32>
  %c = patches.extract %z filter_shape = [2, 2] window_strides = [1, 1]
         padding = [[0, 0], [0, 1]] lhs_dilation = [2, 1] rhs_dilation = [1, 2]
         : tensor<1x1x2x2xi32> -> tensor<1x4x2x1xi32>
  %cu = tensor.cast %c : tensor<1x4x2x1xi32> to tensor<*xi32>
  call @printMemrefI32(%cu) : (tensor<*xi32>) -> ()

  // lhs dilation 3 with stride 2 and cropping: [1, 0, 0, 2, 0, 0, 3] cropped
  // by (1, 1) is [0, 0, 2, 0, 0]; windows of 2 at 0, 2.
  // CHECK:      sizes = [1, 2, 2]
  // CHECK-NEXT: {{\[\[\[}}0,   2],
  // CHECK-NEXT:   [0,   0]]]
  %d = patches.extract %x filter_shape = [2] window_strides = [2]
         padding = [[-1, -1]] lhs_dilation = [3] : tensor<1x1x3xi32> -> tensor<1x2x2xi32>
  %du = tensor.cast %d : tensor<1x2x2xi32> to tensor<*xi32>
  call @printMemrefI32(%du) : (tensor<*xi32>) -> ()
  return
}

func.func private @printMemrefI32(tensor<*xi32>)
