// Element types, executed with the conv strategy: the one-hot convolution
// reproduces every integer and every finite float exactly (1 * x + 0 * y).
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=conv \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

func.func @main() {
  // i32 extremes survive the multiply-accumulate (no overflow: 0 * x = 0).
  // CHECK:      sizes = [1, 2, 3]
  // CHECK-NEXT: {{\[\[\[}}2147483647,   -2147483648,   -7],
  // CHECK-NEXT:   [-2147483648,   -7,   0]]]
  %i = arith.constant dense<[[[2147483647, -2147483648, -7]]]> : tensor<1x1x3xi32>
  %pi = patches.extract %i filter_shape = [2] window_strides = [1]
          padding = [[0, 1]] : tensor<1x1x3xi32> -> tensor<1x2x3xi32>
  %piu = tensor.cast %pi : tensor<1x2x3xi32> to tensor<*xi32>
  call @printMemrefI32(%piu) : (tensor<*xi32>) -> ()

  // f16: the largest finite value, a subnormal and a value with all
  // mantissa bits set, computed in f16 and printed through arith.extf.
  // CHECK:      sizes = [1, 2, 3]
  // CHECK-NEXT: {{\[\[\[}}65504,   5.96046e-08,   -1.99902],
  // CHECK-NEXT:   [5.96046e-08,   -1.99902,   0]]]
  %h = arith.constant dense<[[[65504.0, 5.9604645e-08, -1.9990234]]]> : tensor<1x1x3xf16>
  %ph = patches.extract %h filter_shape = [2] window_strides = [1]
          padding = [[0, 1]] : tensor<1x1x3xf16> -> tensor<1x2x3xf16>
  %phf = arith.extf %ph : tensor<1x2x3xf16> to tensor<1x2x3xf32>
  %phu = tensor.cast %phf : tensor<1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%phu) : (tensor<*xf32>) -> ()

  // bf16, likewise.
  // CHECK:      sizes = [1, 2, 3]
  // CHECK-NEXT: {{\[\[\[}}3.38953e+38,   1.00781,   -0.00390625],
  // CHECK-NEXT:   [1.00781,   -0.00390625,   0]]]
  %g = arith.constant dense<[[[3.3895314e+38, 1.0078125, -0.00390625]]]> : tensor<1x1x3xbf16>
  %pg = patches.extract %g filter_shape = [2] window_strides = [1]
          padding = [[0, 1]] : tensor<1x1x3xbf16> -> tensor<1x2x3xbf16>
  %pgf = arith.extf %pg : tensor<1x2x3xbf16> to tensor<1x2x3xf32>
  %pgu = tensor.cast %pgf : tensor<1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%pgu) : (tensor<*xf32>) -> ()

  // index takes the linalg.generic convolution; printed as i32.
  // CHECK:      sizes = [1, 2, 2]
  // CHECK-NEXT: {{\[\[\[}}5,   6],
  // CHECK-NEXT:   [6,   7]]]
  %n = arith.constant dense<[[[5, 6, 7]]]> : tensor<1x1x3xindex>
  %pn = patches.extract %n filter_shape = [2] window_strides = [1]
          padding = VALID : tensor<1x1x3xindex> -> tensor<1x2x2xindex>
  %pni = arith.index_cast %pn : tensor<1x2x2xindex> to tensor<1x2x2xi32>
  %pnu = tensor.cast %pni : tensor<1x2x2xi32> to tensor<*xi32>
  call @printMemrefI32(%pnu) : (tensor<*xi32>) -> ()

  // f64 in 2-D (the named op), printed as f64.
  // CHECK:      sizes = [1, 4, 1, 1]
  // CHECK-NEXT: {{\[\[\[\[}}0.1]],
  // CHECK-NEXT:   {{\[\[}}1e+300]],
  // CHECK-NEXT:   {{\[\[}}-3.5]],
  // CHECK-NEXT:   {{\[\[}}4.94066e-324]]]]
  %d = arith.constant dense<[[[[0.1, 1.0e300], [-3.5, 4.9e-324]]]]> : tensor<1x1x2x2xf64>
  %pd = patches.extract %d filter_shape = [2, 2] window_strides = [1, 1]
          padding = VALID : tensor<1x1x2x2xf64> -> tensor<1x4x1x1xf64>
  %pdu = tensor.cast %pd : tensor<1x4x1x1xf64> to tensor<*xf64>
  call @printMemrefF64(%pdu) : (tensor<*xf64>) -> ()
  return
}

func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefF64(tensor<*xf64>)
