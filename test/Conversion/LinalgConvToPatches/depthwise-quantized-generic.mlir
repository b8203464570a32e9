// The rewrite of depthwise, quantized and linalg.generic convolutions: the
// contraction is a linalg.generic holding the convolution's own payload
// where no matmul form fits, and the quantized matmuls keep the zero points.
// RUN: patches-opt %s --convert-linalg-conv-to-patches -split-input-file | FileCheck %s

// Depthwise: the channel is the extraction's C; the features split into
// (C, K) and reduced over K against the filter as (C, K).
// CHECK-DAG: #[[$PM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[$WM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, d4)>
// CHECK-DAG: #[[$OM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @depthwise_conv_2d_nhwc_hwc(
// CHECK:         %[[P:.+]] = patches.extract %{{.+}} filter_shape = [3, 3] window_strides = [1, 1] padding = VALID dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x6x6x3xf32> -> tensor<1x4x4x27xf32>
// CHECK:         %[[PE:.+]] = tensor.expand_shape %[[P]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 4, 4, 3, 9]
// CHECK:         %[[T:.+]] = linalg.transpose ins(%{{.+}} : tensor<3x3x3xf32>) outs(%{{.+}} : tensor<3x3x3xf32>) permutation = [2, 0, 1]
// CHECK:         %[[WC:.+]] = tensor.collapse_shape %[[T]] {{\[\[}}0], [1, 2]] : tensor<3x3x3xf32> into tensor<3x9xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$PM]], #[[$WM]], #[[$OM]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME:      ins(%[[PE]], %[[WC]] : tensor<1x4x4x3x9xf32>, tensor<3x9xf32>)
// CHECK:         ^bb0(%[[A:.+]]: f32, %[[B:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK:           %[[M:.+]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK:           %[[S:.+]] = arith.addf %[[ACC]], %[[M]] : f32
// CHECK:           linalg.yield %[[S]]
func.func @depthwise_conv_2d_nhwc_hwc(%x: tensor<1x6x6x3xf32>, %w: tensor<3x3x3xf32>, %o: tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x6x6x3xf32>, tensor<3x3x3xf32>) outs(%o : tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

// -----

// With a channel multiplier: the filter as (C, K, M).
// CHECK-DAG: #[[$PM:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>
// CHECK-DAG: #[[$WM:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d5, d4)>
// CHECK-DAG: #[[$OM:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @depthwise_conv_2d_nhwc_hwcm(
// CHECK:         patches.extract {{.*}} : tensor<1x5x5x3xf32> -> tensor<1x4x4x12xf32>
// CHECK:         linalg.transpose ins(%{{.+}} : tensor<2x2x3x2xf32>) outs(%{{.+}} : tensor<3x2x2x2xf32>) permutation = [2, 0, 1, 3]
// CHECK:         tensor.collapse_shape %{{.+}} {{\[\[}}0], [1, 2], [3]] : tensor<3x2x2x2xf32> into tensor<3x4x2xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$PM]], #[[$WM]], #[[$OM]]]
func.func @depthwise_conv_2d_nhwc_hwcm(%x: tensor<1x5x5x3xf32>, %w: tensor<2x2x3x2xf32>, %o: tensor<1x4x4x3x2xf32>) -> tensor<1x4x4x3x2xf32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwcm {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x5x5x3xf32>, tensor<2x2x3x2xf32>) outs(%o : tensor<1x4x4x3x2xf32>) -> tensor<1x4x4x3x2xf32>
  return %0 : tensor<1x4x4x3x2xf32>
}

// -----

// Depthwise channels-first, stride 2 with one row and column of the input
// unused (cropped).
// CHECK-DAG: #[[$PM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d3, d4, d1, d2)>
// CHECK-DAG: #[[$WM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, d4)>
// CHECK-DAG: #[[$OM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d3, d1, d2)>
// CHECK-LABEL: func.func @depthwise_conv_2d_nchw_chw(
// CHECK:         patches.extract %{{.+}} filter_shape = [3, 3] window_strides = [2, 2] padding = {{\[\[}}0, -1], [0, -1]] : tensor<2x3x6x6xf32> -> tensor<2x27x2x2xf32>
// CHECK:         tensor.expand_shape %{{.+}} {{\[\[}}0], [1, 2], [3], [4]] output_shape [2, 3, 9, 2, 2]
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.generic {indexing_maps = [#[[$PM]], #[[$WM]], #[[$OM]]]
func.func @depthwise_conv_2d_nchw_chw(%x: tensor<2x3x6x6xf32>, %w: tensor<3x3x3xf32>, %o: tensor<2x3x2x2xf32>) -> tensor<2x3x2x2xf32> {
  %0 = linalg.depthwise_conv_2d_nchw_chw {strides = dense<2> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<2x3x6x6xf32>, tensor<3x3x3xf32>) outs(%o : tensor<2x3x2x2xf32>) -> tensor<2x3x2x2xf32>
  return %0 : tensor<2x3x2x2xf32>
}

// -----

// Quantized channels-last: linalg.quantized_matmul(patches, filter, zx, zw).
// CHECK-LABEL: func.func @conv_2d_nhwc_hwcf_q(
// CHECK-SAME:      %{{.+}}: tensor<1x5x5x3xi8>, %{{.+}}: tensor<2x2x3x4xi8>, %[[ZX:[a-z0-9]+]]: i32, %[[ZW:[a-z0-9]+]]: i32
// CHECK:         %[[P:.+]] = patches.extract {{.*}} : tensor<1x5x5x3xi8> -> tensor<1x4x4x12xi8>
// CHECK:         %[[WC:.+]] = tensor.collapse_shape %{{.+}} : tensor<3x2x2x4xi8> into tensor<12x4xi8>
// CHECK:         %[[PC:.+]] = tensor.collapse_shape %[[P]]
// CHECK:         linalg.quantized_matmul ins(%[[PC]], %[[WC]], %[[ZX]], %[[ZW]] : tensor<16x12xi8>, tensor<12x4xi8>, i32, i32) outs(%{{.+}} : tensor<16x4xi32>)
func.func @conv_2d_nhwc_hwcf_q(%x: tensor<1x5x5x3xi8>, %w: tensor<2x2x3x4xi8>, %zx: i32, %zw: i32, %o: tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32> {
  %0 = linalg.conv_2d_nhwc_hwcf_q {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w, %zx, %zw : tensor<1x5x5x3xi8>, tensor<2x2x3x4xi8>, i32, i32) outs(%o : tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32>
  return %0 : tensor<1x4x4x4xi32>
}

// -----

// Quantized channels-first: the filter first, so the zero points swap.
// CHECK-LABEL: func.func @conv_2d_nchw_fchw_q(
// CHECK-SAME:      %[[ZX:[a-z0-9]+]]: i32, %[[ZW:[a-z0-9]+]]: i32
// CHECK:         linalg.quantized_matmul ins(%{{.+}}, %{{.+}}, %[[ZW]], %[[ZX]] : tensor<4x27xi8>, tensor<27x16xi8>, i32, i32)
func.func @conv_2d_nchw_fchw_q(%x: tensor<1x3x6x6xi8>, %w: tensor<4x3x3x3xi8>, %zx: i32, %zw: i32, %o: tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32> {
  %0 = linalg.conv_2d_nchw_fchw_q {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w, %zx, %zw : tensor<1x3x6x6xi8>, tensor<4x3x3x3xi8>, i32, i32) outs(%o : tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32>
  return %0 : tensor<1x4x4x4xi32>
}

// -----

// Quantized grouped: linalg.quantized_batch_matmul.
// CHECK-LABEL: func.func @conv_2d_ngchw_gfchw_q(
// CHECK-SAME:      %[[ZX:[a-z0-9]+]]: i32, %[[ZW:[a-z0-9]+]]: i32
// CHECK:         linalg.quantized_batch_matmul ins(%{{.+}}, %{{.+}}, %[[ZW]], %[[ZX]] : tensor<2x4x12xi8>, tensor<2x12x16xi8>, i32, i32)
func.func @conv_2d_ngchw_gfchw_q(%x: tensor<1x2x3x5x5xi8>, %w: tensor<2x4x3x2x2xi8>, %zx: i32, %zw: i32, %o: tensor<1x2x4x4x4xi32>) -> tensor<1x2x4x4x4xi32> {
  %0 = linalg.conv_2d_ngchw_gfchw_q {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w, %zx, %zw : tensor<1x2x3x5x5xi8>, tensor<2x4x3x2x2xi8>, i32, i32) outs(%o : tensor<1x2x4x4x4xi32>) -> tensor<1x2x4x4x4xi32>
  return %0 : tensor<1x2x4x4x4xi32>
}

// -----

// Quantized depthwise: a generic with the zero points as scalars and the
// convolution's payload (x - zx) * (w - zw).
// CHECK-DAG: #[[$Z:.+]] = affine_map<(d0, d1, d2, d3, d4) -> ()>
// CHECK-LABEL: func.func @depthwise_conv_2d_nhwc_hwc_q(
// CHECK-SAME:      %[[ZX:[a-z0-9]+]]: i32, %[[ZW:[a-z0-9]+]]: i32
// CHECK:         linalg.generic {indexing_maps = [#{{.+}}, #{{.+}}, #[[$Z]], #[[$Z]], #{{.+}}]
// CHECK-SAME:      ins(%{{.+}}, %{{.+}}, %[[ZX]], %[[ZW]] : tensor<1x4x4x3x9xi8>, tensor<3x9xi8>, i32, i32)
// CHECK:           arith.subi
// CHECK:           arith.subi
// CHECK:           arith.muli
// CHECK:           arith.addi
func.func @depthwise_conv_2d_nhwc_hwc_q(%x: tensor<1x6x6x3xi8>, %w: tensor<3x3x3xi8>, %zx: i32, %zw: i32, %o: tensor<1x4x4x3xi32>) -> tensor<1x4x4x3xi32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwc_q {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w, %zx, %zw : tensor<1x6x6x3xi8>, tensor<3x3x3xi8>, i32, i32) outs(%o : tensor<1x4x4x3xi32>) -> tensor<1x4x4x3xi32>
  return %0 : tensor<1x4x4x3xi32>
}

// -----

// A linalg.generic convolution (strides 2 and 1, dilation 1 and 2) with
// unsigned extensions: a generic contraction that keeps them.
// CHECK-DAG: #[[$PM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[$WM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d4, d3)>
// CHECK-DAG: #[[$OM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @generic_unsigned(
// CHECK:         patches.extract %{{.+}} filter_shape = [2, 2] window_strides = [2, 1] padding = {{\[\[}}0, -1], [0, 0]] rhs_dilation = [1, 2] dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x7x7x3xi8> -> tensor<1x3x5x12xi8>
// CHECK:         linalg.transpose {{.*}} permutation = [2, 0, 1, 3]
// CHECK:         linalg.generic {indexing_maps = [#[[$PM]], #[[$WM]], #[[$OM]]]
// CHECK:           arith.extui
// CHECK:           arith.extui
// CHECK:           arith.muli
// CHECK:           arith.addi
#in = affine_map<(n, h, w, f, kh, kw, c) -> (n, 2 * h + kh, w + 2 * kw, c)>
#fl = affine_map<(n, h, w, f, kh, kw, c) -> (kh, kw, c, f)>
#out = affine_map<(n, h, w, f, kh, kw, c) -> (n, h, w, f)>
func.func @generic_unsigned(%x: tensor<1x7x7x3xi8>, %w: tensor<2x2x3x4xi8>, %o: tensor<1x3x5x4xi32>) -> tensor<1x3x5x4xi32> {
  %0 = linalg.generic {indexing_maps = [#in, #fl, #out],
      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<1x7x7x3xi8>, tensor<2x2x3x4xi8>) outs(%o : tensor<1x3x5x4xi32>) {
  ^bb0(%a: i8, %b: i8, %acc: i32):
    %ea = arith.extui %a : i8 to i32
    %eb = arith.extui %b : i8 to i32
    %m = arith.muli %ea, %eb : i32
    %r = arith.addi %acc, %m : i32
    linalg.yield %r : i32
  } -> tensor<1x3x5x4xi32>
  return %0 : tensor<1x3x5x4xi32>
}
