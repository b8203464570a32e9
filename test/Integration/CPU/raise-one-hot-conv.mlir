// The one-hot depthwise convolution, executed as written (a linalg
// convolution) and after --patches-raise-one-hot-conv (a patches.extract):
// the same values on finite inputs. Padding (1, 1) x (1, 0), stride (1, 2).
// RUN: patches-opt %s --patches-raise-one-hot-conv | FileCheck %s --check-prefix=RAISED
// RUN: patches-opt %s --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-raise-one-hot-conv --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// RAISED-LABEL: func.func @conv(
// RAISED-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
// RAISED:         patches.extract

// Row oh * 2 + ow, column c * 4 + kh * 2 + kw: the padded input at
// (oh + kh, 2 * ow + kw, c), x holding 1 .. 24 in (h, w, c) order.
// CHECK:      sizes = [8, 8]
// CHECK-NEXT: {{\[\[}}0, 0, 0, 1, 0, 0, 0, 2],
// CHECK-NEXT:  [0, 0, 3, 5, 0, 0, 4, 6],
// CHECK-NEXT:  [0, 1, 0, 9, 0, 2, 0, 10],
// CHECK-NEXT:  [3, 5, 11, 13, 4, 6, 12, 14],
// CHECK-NEXT:  [0, 9, 0, 17, 0, 10, 0, 18],
// CHECK-NEXT:  [11, 13, 19, 21, 12, 14, 20, 22],
// CHECK-NEXT:  [0, 17, 0, 0, 0, 18, 0, 0],
// CHECK-NEXT:  [19, 21, 0, 0, 20, 22, 0, 0]]
// The input is an argument: a constant one would let the extraction fold.
func.func @conv(%x: tensor<1x3x4x2xf32>) -> tensor<8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x3x4x2xf32> to tensor<1x5x5x2xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x2x4xf32>
  %empty = tensor.empty() : tensor<1x4x2x2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x4x2x2x4xf32>) -> tensor<1x4x2x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<[1, 2]> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x5x5x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x4x2x2x4xf32>) -> tensor<1x4x2x2x4xf32>
  %rows = tensor.collapse_shape %y [[0, 1, 2], [3, 4]] : tensor<1x4x2x2x4xf32> into tensor<8x8xf32>
  return %rows : tensor<8x8xf32>
}

func.func @main() {
  %x = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]], [[9.0, 10.0], [11.0, 12.0], [13.0, 14.0], [15.0, 16.0]], [[17.0, 18.0], [19.0, 20.0], [21.0, 22.0], [23.0, 24.0]]]]> : tensor<1x3x4x2xf32>
  %rows = call @conv(%x) : (tensor<1x3x4x2xf32>) -> tensor<8x8xf32>
  %u = tensor.cast %rows : tensor<8x8xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
