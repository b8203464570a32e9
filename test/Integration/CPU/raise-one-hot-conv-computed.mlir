// Computed one-hot filters and the new input forms, executed as written (a
// linalg convolution) and after --patches-raise-one-hot-conv (a
// patches.extract): the same values on integer-valued inputs, and those of
// conv_general_dilated_patches (checked against a NumPy model of it when
// written). 1-D (tensor.generate filter, stride and rhs dilation 2), 2-D
// NHWC (JAX's eye/broadcast/reshape/transpose filter, padding), 3-D integers
// (index arithmetic), lhs dilation (strided insertion into zeros) and
// negative padding (a crop).
// RUN: patches-opt %s --patches-raise-one-hot-conv | FileCheck %s --check-prefix=RAISED
// RUN: patches-opt %s --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-raise-one-hot-conv --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// RAISED-LABEL: func.func @conv_1d(
// RAISED-NOT:     linalg.depthwise_conv_1d_nwc_wcm
// RAISED:         patches.extract
// RAISED-LABEL: func.func @conv_2d(
// RAISED-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
// RAISED:         patches.extract
// RAISED-LABEL: func.func @conv_3d(
// RAISED-NOT:     linalg.depthwise_conv_3d_ndhwc_dhwcm
// RAISED:         patches.extract
// RAISED-LABEL: func.func @conv_lhs_dilation(
// RAISED-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
// RAISED:         patches.extract {{.*}} lhs_dilation = [2, 2]
// RAISED-LABEL: func.func @conv_negative_padding(
// RAISED-NOT:     linalg.depthwise_conv_2d_nhwc_hwcm
// RAISED:         patches.extract {{.*}} padding = {{\[\[}}-1, -1], [1, 0]]
// RAISED-LABEL: func.func @main(

// CHECK:      sizes = [2, 6]
// CHECK-NEXT: {{\[\[}}1, 5, 9, 2, 6, 10],
// CHECK-NEXT:  [5, 9, 13, 6, 10, 14]]
// CHECK:      sizes = [9, 8]
// CHECK-NEXT: {{\[\[}}0, 0, 1, 3, 0, 0, 2, 4],
// CHECK-NEXT:  [0, 0, 3, 5, 0, 0, 4, 6],
// CHECK-NEXT:  [0, 0, 5, 0, 0, 0, 6, 0],
// CHECK-NEXT:  [1, 3, 7, 9, 2, 4, 8, 10],
// CHECK-NEXT:  [3, 5, 9, 11, 4, 6, 10, 12],
// CHECK-NEXT:  [5, 0, 11, 0, 6, 0, 12, 0],
// CHECK-NEXT:  [7, 9, 13, 15, 8, 10, 14, 16],
// CHECK-NEXT:  [9, 11, 15, 17, 10, 12, 16, 18],
// CHECK-NEXT:  [11, 0, 17, 0, 12, 0, 18, 0]]
// CHECK:      sizes = [8, 4]
// CHECK-NEXT: {{\[\[}}1, 2, 7, 8],
// CHECK-NEXT:  [2, 3, 8, 9],
// CHECK-NEXT:  [4, 5, 10, 11],
// CHECK-NEXT:  [5, 6, 11, 12],
// CHECK-NEXT:  [7, 8, 13, 14],
// CHECK-NEXT:  [8, 9, 14, 15],
// CHECK-NEXT:  [10, 11, 16, 17],
// CHECK-NEXT:  [11, 12, 17, 18]]
// CHECK:      sizes = [25, 4]
// CHECK-NEXT: {{\[\[}}0, 0, 1, 0],
// CHECK-NEXT:  [0, 0, 0, 2],
// CHECK-NEXT:  [0, 0, 2, 0],
// CHECK-NEXT:  [0, 0, 0, 3],
// CHECK-NEXT:  [0, 0, 3, 0],
// CHECK-NEXT:  [1, 0, 0, 0],
// CHECK-NEXT:  [0, 2, 0, 0],
// CHECK-NEXT:  [2, 0, 0, 0],
// CHECK-NEXT:  [0, 3, 0, 0],
// CHECK-NEXT:  [3, 0, 0, 0],
// CHECK-NEXT:  [0, 0, 4, 0],
// CHECK-NEXT:  [0, 0, 0, 5],
// CHECK-NEXT:  [0, 0, 5, 0],
// CHECK-NEXT:  [0, 0, 0, 6],
// CHECK-NEXT:  [0, 0, 6, 0],
// CHECK-NEXT:  [4, 0, 0, 0],
// CHECK-NEXT:  [0, 5, 0, 0],
// CHECK-NEXT:  [5, 0, 0, 0],
// CHECK-NEXT:  [0, 6, 0, 0],
// CHECK-NEXT:  [6, 0, 0, 0],
// CHECK-NEXT:  [0, 0, 7, 0],
// CHECK-NEXT:  [0, 0, 0, 8],
// CHECK-NEXT:  [0, 0, 8, 0],
// CHECK-NEXT:  [0, 0, 0, 9],
// CHECK-NEXT:  [0, 0, 9, 0]]
// CHECK:      sizes = [10, 4]
// CHECK-NEXT: {{\[\[}}0, 6, 0, 11],
// CHECK-NEXT:  [6, 7, 11, 12],
// CHECK-NEXT:  [7, 8, 12, 13],
// CHECK-NEXT:  [8, 9, 13, 14],
// CHECK-NEXT:  [9, 10, 14, 15],
// CHECK-NEXT:  [0, 11, 0, 16],
// CHECK-NEXT:  [11, 12, 16, 17],
// CHECK-NEXT:  [12, 13, 17, 18],
// CHECK-NEXT:  [13, 14, 18, 19],
// CHECK-NEXT:  [14, 15, 19, 20]]

// 1-D: the filter a tensor.generate, stride 2, rhs dilation 2.
func.func @conv_1d(%x: tensor<1x7x2xf32>) -> tensor<2x6xf32> {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %filter = tensor.generate {
  ^bb0(%kw: index, %c: index, %m: index):
    %eq = arith.cmpi eq, %kw, %m : index
    %v = arith.select %eq, %one, %zero : f32
    tensor.yield %v : f32
  } : tensor<3x2x3xf32>
  %empty = tensor.empty() : tensor<1x2x2x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<2> : tensor<1xi64>, dilations = dense<2> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x7x2xf32>, tensor<3x2x3xf32>)
         outs(%init : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %rows = tensor.collapse_shape %y [[0, 1], [2, 3]] : tensor<1x2x2x3xf32> into tensor<2x6xf32>
  return %rows : tensor<2x6xf32>
}

// 2-D NHWC: JAX's filter (eye, broadcast, reshape to OIHW, transpose to
// HWIO, reshape), padding (1, 0) x (0, 1).
func.func @conv_2d(%x: tensor<1x3x3x2xf32>) -> tensor<9x8xf32> {
  %e0 = tensor.empty() : tensor<4x4xf32>
  %eye = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>],
                         iterator_types = ["parallel", "parallel"]}
      outs(%e0 : tensor<4x4xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %eq = arith.cmpi eq, %i, %j : index
    %f = arith.uitofp %eq : i1 to f32
    linalg.yield %f : f32
  } -> tensor<4x4xf32>
  %e1 = tensor.empty() : tensor<2x4x4xf32>
  %b = linalg.broadcast ins(%eye : tensor<4x4xf32>) outs(%e1 : tensor<2x4x4xf32>) dimensions = [0]
  %c = tensor.collapse_shape %b [[0, 1], [2]] : tensor<2x4x4xf32> into tensor<8x4xf32>
  %oihw = tensor.expand_shape %c [[0, 1], [2, 3]] output_shape [8, 1, 2, 2] : tensor<8x4xf32> into tensor<8x1x2x2xf32>
  %e2 = tensor.empty() : tensor<2x2x1x8xf32>
  %hwio = linalg.transpose ins(%oihw : tensor<8x1x2x2xf32>) outs(%e2 : tensor<2x2x1x8xf32>) permutation = [2, 3, 1, 0]
  %filter = tensor.expand_shape %hwio [[0], [1], [2], [3, 4]] output_shape [2, 2, 1, 2, 4] : tensor<2x2x1x8xf32> into tensor<2x2x1x2x4xf32>
  %filter4 = tensor.collapse_shape %filter [[0], [1], [2, 3], [4]] : tensor<2x2x1x2x4xf32> into tensor<2x2x2x4xf32>
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x3x3x2xf32> to tensor<1x4x4x2xf32>
  %empty = tensor.empty() : tensor<1x3x3x2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter4 : tensor<1x4x4x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x3x3x2x4xf32>) -> tensor<1x3x3x2x4xf32>
  %rows = tensor.collapse_shape %y [[0, 1, 2], [3, 4]] : tensor<1x3x3x2x4xf32> into tensor<9x8xf32>
  return %rows : tensor<9x8xf32>
}

// 3-D integers: m == kd * 2 + kh * 2 + kw from index arithmetic.
func.func @conv_3d(%x: tensor<1x3x2x3x1xi32>) -> tensor<8x4xi32> {
  %e = tensor.empty() : tensor<2x1x2x1x4xi32>
  %filter = linalg.generic {indexing_maps = [affine_map<(d, h, w, c, m) -> (d, h, w, c, m)>],
                            iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      outs(%e : tensor<2x1x2x1x4xi32>) {
  ^bb0(%out: i32):
    %two = arith.constant 2 : index
    %kd = linalg.index 0 : index
    %kh = linalg.index 1 : index
    %kw = linalg.index 2 : index
    %m = linalg.index 4 : index
    %a = arith.muli %kd, %two : index
    %b = arith.muli %kh, %two : index
    %s = arith.addi %a, %b : index
    %t = arith.addi %s, %kw : index
    %eq = arith.cmpi eq, %t, %m : index
    %v = arith.extui %eq : i1 to i32
    linalg.yield %v : i32
  } -> tensor<2x1x2x1x4xi32>
  %init = arith.constant dense<0> : tensor<1x2x2x2x1x4xi32>
  %y = linalg.depthwise_conv_3d_ndhwc_dhwcm
         {strides = dense<1> : tensor<3xi64>, dilations = dense<1> : tensor<3xi64>}
         ins(%x, %filter : tensor<1x3x2x3x1xi32>, tensor<2x1x2x1x4xi32>)
         outs(%init : tensor<1x2x2x2x1x4xi32>) -> tensor<1x2x2x2x1x4xi32>
  %rows = tensor.collapse_shape %y [[0, 1, 2, 3], [4, 5]] : tensor<1x2x2x2x1x4xi32> into tensor<8x4xi32>
  return %rows : tensor<8x4xi32>
}

// lhs dilation 2 x 2 as a strided insertion into zeros at offset (1, 0)
// in a 6x6 tensor: padding (1, 0) x (0, 1).
func.func @conv_lhs_dilation(%x: tensor<1x3x3x1xf32>) -> tensor<25x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x6x6x1xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x6x6x1xf32>) -> tensor<1x6x6x1xf32>
  %dilated = tensor.insert_slice %x into %zeros[0, 1, 0, 0] [1, 3, 3, 1] [1, 2, 2, 1]
      : tensor<1x3x3x1xf32> into tensor<1x6x6x1xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x1x4xf32>
  %empty = tensor.empty() : tensor<1x5x5x1x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x5x5x1x4xf32>) -> tensor<1x5x5x1x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%dilated, %filter : tensor<1x6x6x1xf32>, tensor<2x2x1x4xf32>)
         outs(%init : tensor<1x5x5x1x4xf32>) -> tensor<1x5x5x1x4xf32>
  %rows = tensor.collapse_shape %y [[0, 1, 2], [3, 4]] : tensor<1x5x5x1x4xf32> into tensor<25x4xf32>
  return %rows : tensor<25x4xf32>
}

// Negative padding: H cropped by (1, 1), W padded by (1, 0).
func.func @conv_negative_padding(%x: tensor<1x5x5x1xf32>) -> tensor<10x4xf32> {
  %zero = arith.constant 0.0 : f32
  %cropped = tensor.extract_slice %x[0, 1, 0, 0] [1, 3, 5, 1] [1, 1, 1, 1]
      : tensor<1x5x5x1xf32> to tensor<1x3x5x1xf32>
  %padded = tensor.pad %cropped low[0, 0, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x3x5x1xf32> to tensor<1x3x6x1xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0, 1.0]]]]> : tensor<2x2x1x4xf32>
  %empty = tensor.empty() : tensor<1x2x5x1x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x5x1x4xf32>) -> tensor<1x2x5x1x4xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x3x6x1xf32>, tensor<2x2x1x4xf32>)
         outs(%init : tensor<1x2x5x1x4xf32>) -> tensor<1x2x5x1x4xf32>
  %rows = tensor.collapse_shape %y [[0, 1, 2], [3, 4]] : tensor<1x2x5x1x4xf32> into tensor<10x4xf32>
  return %rows : tensor<10x4xf32>
}

func.func @main() {
  %x1 = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0], [9.0, 10.0], [11.0, 12.0], [13.0, 14.0]]]> : tensor<1x7x2xf32>
  %y1 = call @conv_1d(%x1) : (tensor<1x7x2xf32>) -> tensor<2x6xf32>
  %u1 = tensor.cast %y1 : tensor<2x6xf32> to tensor<*xf32>
  call @printMemrefF32(%u1) : (tensor<*xf32>) -> ()

  %x2 = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]], [[13.0, 14.0], [15.0, 16.0], [17.0, 18.0]]]]> : tensor<1x3x3x2xf32>
  %y2 = call @conv_2d(%x2) : (tensor<1x3x3x2xf32>) -> tensor<9x8xf32>
  %u2 = tensor.cast %y2 : tensor<9x8xf32> to tensor<*xf32>
  call @printMemrefF32(%u2) : (tensor<*xf32>) -> ()

  %x3 = arith.constant dense<[[[[[1], [2], [3]], [[4], [5], [6]]], [[[7], [8], [9]], [[10], [11], [12]]], [[[13], [14], [15]], [[16], [17], [18]]]]]> : tensor<1x3x2x3x1xi32>
  %y3 = call @conv_3d(%x3) : (tensor<1x3x2x3x1xi32>) -> tensor<8x4xi32>
  %u3 = tensor.cast %y3 : tensor<8x4xi32> to tensor<*xi32>
  call @printMemrefI32(%u3) : (tensor<*xi32>) -> ()

  %x4 = arith.constant dense<[[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]], [[7.0], [8.0], [9.0]]]]> : tensor<1x3x3x1xf32>
  %y4 = call @conv_lhs_dilation(%x4) : (tensor<1x3x3x1xf32>) -> tensor<25x4xf32>
  %u4 = tensor.cast %y4 : tensor<25x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u4) : (tensor<*xf32>) -> ()

  %x5 = arith.constant dense<[[[[1.0], [2.0], [3.0], [4.0], [5.0]], [[6.0], [7.0], [8.0], [9.0], [10.0]], [[11.0], [12.0], [13.0], [14.0], [15.0]], [[16.0], [17.0], [18.0], [19.0], [20.0]], [[21.0], [22.0], [23.0], [24.0], [25.0]]]]> : tensor<1x5x5x1xf32>
  %y5 = call @conv_negative_padding(%x5) : (tensor<1x5x5x1xf32>) -> tensor<10x4xf32>
  %u5 = tensor.cast %y5 : tensor<10x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u5) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)
