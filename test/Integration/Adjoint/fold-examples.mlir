// Hand-computed folds, run on the CPU.
// RUN: patches-opt %s --patches-lower-to-llvm | \
// RUN:   mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)

// The example of docs/Patches.md: all-ones patches of the four 2x2 windows
// of a 3x3 image give each element the number of windows covering it.
// CHECK-LABEL: Unranked Memref
// CHECK-SAME: sizes = [1, 1, 3, 3]
// CHECK-NEXT: {{\[\[\[\[}}1, 2, 1],
// CHECK-NEXT: [2, 4, 2],
// CHECK-NEXT: [1, 2, 1]]]]
func.func @window_counts() {
  %y = arith.constant dense<1.0> : tensor<1x4x2x2xf32>
  %x = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
  %u = tensor.cast %x : tensor<1x1x3x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// Input 3 dilated to 5 (x0 _ x1 _ x2), padded by one low: windows of 2 at
// stride 2 start at padded positions 0, 2, 4. Window position 0 reads the
// padding, then two holes, so feature 0 (10, 20, 30) is dropped; position 1
// reads x0, x1, x2, which receive feature 1 (1, 2, 3).
// CHECK-LABEL: Unranked Memref
// CHECK-SAME: sizes = [1, 1, 3]
// CHECK-NEXT: {{\[\[\[}}1, 2, 3]]]
func.func @padding_and_holes_are_dropped() {
  %y = arith.constant dense<[[[10, 20, 30], [1, 2, 3]]]> : tensor<1x2x3xi32>
  %x = patches.fold %y filter_shape = [2] window_strides = [2] padding = [[1, 0]]
         lhs_dilation = [2] : tensor<1x2x3xi32> -> tensor<1x1x3xi32>
  %u = tensor.cast %x : tensor<1x1x3xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

// Negative padding crops x0 and x4 away: nothing reads them, so they are 0.
// Windows of 2 at stride 1 over x1..x3 overlap at x2.
// CHECK-LABEL: Unranked Memref
// CHECK-SAME: sizes = [1, 1, 5]
// CHECK-NEXT: {{\[\[\[}}0, 1, 12, 20, 0]]]
func.func @cropped_elements_receive_nothing() {
  %y = arith.constant dense<[[[1, 2], [10, 20]]]> : tensor<1x2x2xi32>
  %x = patches.fold %y filter_shape = [2] window_strides = [1] padding = [[-1, -1]]
         : tensor<1x2x2xi32> -> tensor<1x1x5xi32>
  %u = tensor.cast %x : tensor<1x1x5xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func @main() {
  call @window_counts() : () -> ()
  call @padding_and_holes_are_dropped() : () -> ()
  call @cropped_elements_receive_nothing() : () -> ()
  return
}
