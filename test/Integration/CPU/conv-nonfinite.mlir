// Where the two strategies differ, side by side on the same input. The
// gather copies every value, so infinities, NaN and -0 come out as they went
// in. The conv strategy computes sum_k x[k] * onehot[k] like JAX: a window
// holding an infinity gets 0 * inf = NaN in its other features (and a NaN
// spreads to all of them), and -0 comes out as +0 (+0 + -0 = +0).
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=gather \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=GATHER
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=conv \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=CONV

func.func @main() {
  // x = [1, inf, 3, -0]; windows of 2: [1, inf], [inf, 3], [3, -0].
  // Feature 0 is each window's first element, feature 1 its second.
  // GATHER:      sizes = [1, 2, 3]
  // GATHER-NEXT: {{\[\[\[}}1,   inf,   3],
  // GATHER-NEXT:   [inf,   3,   -0]]]
  // CONV:        sizes = [1, 2, 3]
  // CONV-NEXT:   {{\[\[\[}}{{-?}}nan,   inf,   3],
  // CONV-NEXT:     [inf,   {{-?}}nan,   0]]]
  %x = arith.constant dense<[[[1.0, 0x7F800000, 3.0, -0.0]]]> : tensor<1x1x4xf32>
  %a = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x1x4xf32> -> tensor<1x2x3xf32>
  %au = tensor.cast %a : tensor<1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%au) : (tensor<*xf32>) -> ()

  // y = [[-inf, NaN], [2, 4]] in 2-D (the named 2-D convolution); its 2x1
  // windows are the columns [-inf, 2] and [NaN, 4]. A NaN makes its whole
  // window NaN in conv.
  // GATHER:      sizes = [1, 2, 1, 2]
  // GATHER-NEXT: {{\[\[\[\[}}-inf,   {{-?}}nan]],
  // GATHER-NEXT:   {{\[\[}}2,   4]]]]
  // CONV:        sizes = [1, 2, 1, 2]
  // CONV-NEXT:   {{\[\[\[\[}}-inf,   {{-?}}nan]],
  // CONV-NEXT:     {{\[\[}}{{-?}}nan,   {{-?}}nan]]]]
  %y = arith.constant dense<[[[[0xFF800000, 0x7FC00000], [2.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %b = patches.extract %y filter_shape = [2, 1] window_strides = [1, 1] padding = VALID
         : tensor<1x1x2x2xf32> -> tensor<1x2x1x2xf32>
  %bu = tensor.cast %b : tensor<1x2x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%bu) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
