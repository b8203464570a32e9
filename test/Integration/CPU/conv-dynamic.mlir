// Dynamic sizes and empty results, executed with the conv strategy. The
// extraction is written once on fully dynamic tensors and called with
// several shapes, including ones that make the result or the input empty.
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=conv \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// SAME with stride 2: padding resolved at run time from the input size.
func.func @same(%x: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %y = patches.extract %x filter_shape = [3] window_strides = [2] padding = SAME
         : tensor<?x?x?xf32> -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

// lhs dilation 2 and explicit padding (1, 1).
func.func @dilated(%x: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1]
         padding = [[1, 1]] lhs_dilation = [2] : tensor<?x?x?xf32> -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

func.func @print(%t: tensor<?x?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  // d = 5: padding (1, 1), windows at 0, 2, 4 of [0, 1, 2, 3, 4, 5, 0].
  // CHECK:      sizes = [1, 3, 3]
  // CHECK-NEXT: {{\[\[\[}}0,   2,   4],
  // CHECK-NEXT:   [1,   3,   5],
  // CHECK-NEXT:   [2,   4,   0]]]
  %five = arith.constant dense<[[[1.0, 2.0, 3.0, 4.0, 5.0]]]> : tensor<1x1x5xf32>
  %x5 = tensor.cast %five : tensor<1x1x5xf32> to tensor<?x?x?xf32>
  %a = call @same(%x5) : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  call @print(%a) : (tensor<?x?x?xf32>) -> ()

  // d = 4, two channels: padding (0, 1), windows at 0, 2 of
  // [1, 2, 3, 4, 0] and [5, 6, 7, 8, 0].
  // CHECK:      sizes = [1, 6, 2]
  // CHECK-NEXT: {{\[\[\[}}1,   3],
  // CHECK-NEXT:   [2,   4],
  // CHECK-NEXT:   [3,   0],
  // CHECK-NEXT:   [5,   7],
  // CHECK-NEXT:   [6,   8],
  // CHECK-NEXT:   [7,   0]]]
  %four = arith.constant dense<[[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]]> : tensor<1x2x4xf32>
  %x4 = tensor.cast %four : tensor<1x2x4xf32> to tensor<?x?x?xf32>
  %b = call @same(%x4) : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  call @print(%b) : (tensor<?x?x?xf32>) -> ()

  // N = 0 and C = 0 give empty results.
  // CHECK:      sizes = [3]
  // CHECK-NEXT: [0, 3, 3]
  // CHECK:      sizes = [3]
  // CHECK-NEXT: [2, 0, 3]
  %n0 = tensor.empty() : tensor<0x1x5xf32>
  %xn0 = tensor.cast %n0 : tensor<0x1x5xf32> to tensor<?x?x?xf32>
  %c = call @same(%xn0) : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %cs = tensor.cast %c : tensor<?x?x?xf32> to tensor<*xf32>
  call @printSizes(%cs) : (tensor<*xf32>) -> ()
  %c0 = tensor.empty() : tensor<2x0x5xf32>
  %xc0 = tensor.cast %c0 : tensor<2x0x5xf32> to tensor<?x?x?xf32>
  %d = call @same(%xc0) : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %ds = tensor.cast %d : tensor<?x?x?xf32> to tensor<*xf32>
  call @printSizes(%ds) : (tensor<*xf32>) -> ()

  // A spatial size of 0 with SAME gives no output positions.
  // CHECK:      sizes = [3]
  // CHECK-NEXT: [1, 3, 0]
  %w0 = tensor.empty() : tensor<1x1x0xf32>
  %xw0 = tensor.cast %w0 : tensor<1x1x0xf32> to tensor<?x?x?xf32>
  %e = call @same(%xw0) : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %es = tensor.cast %e : tensor<?x?x?xf32> to tensor<*xf32>
  call @printSizes(%es) : (tensor<*xf32>) -> ()

  // With explicit padding it still has one, made of padding only.
  // CHECK:      sizes = [1, 2, 1]
  // CHECK-NEXT: {{\[\[\[}}0],
  // CHECK-NEXT:   [0]]]
  %f = call @dilated(%xw0) : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  call @print(%f) : (tensor<?x?x?xf32>) -> ()

  // lhs dilation of a dynamic input: [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0].
  // CHECK:      sizes = [1, 2, 10]
  // CHECK-NEXT: {{\[\[\[}}0,   1,   0,   2,   0,   3,   0,   4,   0,   5],
  // CHECK-NEXT:   [1,   0,   2,   0,   3,   0,   4,   0,   5,   0]]]
  %g = call @dilated(%x5) : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  call @print(%g) : (tensor<?x?x?xf32>) -> ()

  // A statically empty result (C = 0).
  // CHECK:      sizes = [3]
  // CHECK-NEXT: [1, 0, 4]
  %h = tensor.empty() : tensor<1x0x5xf32>
  %ph = patches.extract %h filter_shape = [2] window_strides = [1] padding = VALID
          : tensor<1x0x5xf32> -> tensor<1x0x4xf32>
  %phs = tensor.cast %ph : tensor<1x0x4xf32> to tensor<*xf32>
  call @printSizes(%phs) : (tensor<*xf32>) -> ()
  return
}

// Prints only the sizes, as "[0, 3, 3]": printMemrefF32 of an empty
// memref prints whatever lies where its first element would be.
func.func @printSizes(%t: tensor<*xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %s0 = tensor.dim %t, %c0 : tensor<*xf32>
  %s1 = tensor.dim %t, %c1 : tensor<*xf32>
  %s2 = tensor.dim %t, %c2 : tensor<*xf32>
  %sizes = tensor.from_elements %s0, %s1, %s2 : tensor<3xindex>
  %sizes32 = arith.index_cast %sizes : tensor<3xindex> to tensor<3xi32>
  %u = tensor.cast %sizes32 : tensor<3xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)
