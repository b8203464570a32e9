// The rewrite of the named convolutions: the extraction's clauses (in the
// input's own layout), the filter's transpose and collapse into the
// feature order c * K + k, and the contraction.
// RUN: patches-opt %s --convert-linalg-conv-to-patches -split-input-file | FileCheck %s

// Channels-last: [M, R] x [R, F]; the filter HWCF becomes (C, H, W, F).
// CHECK-LABEL: func.func @conv_2d_nhwc_hwcf(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<2x9x10x3xf32>, %[[W:[a-z0-9]+]]: tensor<3x2x3x4xf32>, %[[O:[a-z0-9]+]]: tensor<2x4x9x4xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [3, 2] window_strides = [2, 1] padding = VALID
// CHECK-SAME:      dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x9x10x3xf32> -> tensor<2x4x9x18xf32>
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[W]] : tensor<3x2x3x4xf32>) outs(%{{.+}} : tensor<3x3x2x4xf32>) permutation = [2, 0, 1, 3]
// CHECK:         %[[WC:.+]] = tensor.collapse_shape %[[T]] {{\[\[}}0, 1, 2], [3]] : tensor<3x3x2x4xf32> into tensor<18x4xf32>
// CHECK:         %[[PC:.+]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1, 2], [3]] : tensor<2x4x9x18xf32> into tensor<72x18xf32>
// CHECK:         %[[OC:.+]] = tensor.collapse_shape %[[O]] {{\[\[}}0, 1, 2], [3]] : tensor<2x4x9x4xf32> into tensor<72x4xf32>
// CHECK:         %[[MM:.+]] = linalg.matmul ins(%[[PC]], %[[WC]] : tensor<72x18xf32>, tensor<18x4xf32>) outs(%[[OC]] : tensor<72x4xf32>)
// CHECK:         %[[Y:.+]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1, 2], [3]] output_shape [2, 4, 9, 4]
// CHECK:         return %[[Y]]
func.func @conv_2d_nhwc_hwcf(%x: tensor<2x9x10x3xf32>, %w: tensor<3x2x3x4xf32>, %o: tensor<2x4x9x4xf32>) -> tensor<2x4x9x4xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<[2, 1]> : tensor<2xi64>, dilations = dense<[1, 1]> : tensor<2xi64>}
    ins(%x, %w : tensor<2x9x10x3xf32>, tensor<3x2x3x4xf32>) outs(%o : tensor<2x4x9x4xf32>) -> tensor<2x4x9x4xf32>
  return %0 : tensor<2x4x9x4xf32>
}

// -----

// FHWC: the filter becomes (C, H, W, F); i8 x i8 -> i32 stays a matmul.
// CHECK-LABEL: func.func @conv_2d_nhwc_fhwc(
// CHECK:         patches.extract %{{.+}} filter_shape = [3, 3] window_strides = [1, 1] padding = VALID
// CHECK-SAME:      dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x6x6x3xi8> -> tensor<1x4x4x27xi8>
// CHECK:         linalg.transpose ins(%{{.+}} : tensor<4x3x3x3xi8>) outs(%{{.+}} : tensor<3x3x3x4xi8>) permutation = [3, 1, 2, 0]
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<16x27xi8>, tensor<27x4xi8>) outs(%{{.+}} : tensor<16x4xi32>)
func.func @conv_2d_nhwc_fhwc(%x: tensor<1x6x6x3xi8>, %w: tensor<4x3x3x3xi8>, %o: tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32> {
  %0 = linalg.conv_2d_nhwc_fhwc {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x6x6x3xi8>, tensor<4x3x3x3xi8>) outs(%o : tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32>
  return %0 : tensor<1x4x4x4xi32>
}

// -----

// Channels-first, batch 1: [F, R] x [R, M], the filter FCHW only
// collapsed; the output is one row short of the last window (high padding
// -1 crops it); dilation 2 is rhs_dilation.
// CHECK-LABEL: func.func @conv_2d_nchw_fchw(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<1x3x9x10xf32>, %[[W:[a-z0-9]+]]: tensor<4x3x3x2xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [3, 2] window_strides = [2, 1] padding = {{\[\[}}0, 0], [0, -1]] rhs_dilation = [2, 1] : tensor<1x3x9x10xf32> -> tensor<1x18x3x8xf32>
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[WC:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<4x3x3x2xf32> into tensor<4x18xf32>
// CHECK:         %[[PC:.+]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1], [2, 3]] : tensor<1x18x3x8xf32> into tensor<18x24xf32>
// CHECK:         linalg.matmul ins(%[[WC]], %[[PC]] : tensor<4x18xf32>, tensor<18x24xf32>) outs(%{{.+}} : tensor<4x24xf32>)
func.func @conv_2d_nchw_fchw(%x: tensor<1x3x9x10xf32>, %w: tensor<4x3x3x2xf32>, %o: tensor<1x4x3x8xf32>) -> tensor<1x4x3x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {strides = dense<[2, 1]> : tensor<2xi64>, dilations = dense<[2, 1]> : tensor<2xi64>}
    ins(%x, %w : tensor<1x3x9x10xf32>, tensor<4x3x3x2xf32>) outs(%o : tensor<1x4x3x8xf32>) -> tensor<1x4x3x8xf32>
  return %0 : tensor<1x4x3x8xf32>
}

// -----

// Channels-first with batch 2: no matmul shape without moving the batch, so
// a linalg.generic over (n, f, oh, ow, r).
// CHECK-DAG: #[[$PM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4, d2, d3)>
// CHECK-DAG: #[[$WM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4)>
// CHECK-DAG: #[[$OM:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_2d_nchw_fchw_batch2(
// CHECK:         %[[P:.+]] = patches.extract %{{.+}} : tensor<2x3x6x6xf32> -> tensor<2x27x4x4xf32>
// CHECK:         %[[WC:.+]] = tensor.collapse_shape %{{.+}} {{\[\[}}0], [1, 2, 3]] : tensor<4x3x3x3xf32> into tensor<4x27xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$PM]], #[[$WM]], #[[$OM]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME:      ins(%[[P]], %[[WC]] :
// CHECK:           arith.mulf
// CHECK:           arith.addf
func.func @conv_2d_nchw_fchw_batch2(%x: tensor<2x3x6x6xf32>, %w: tensor<4x3x3x3xf32>, %o: tensor<2x4x4x4xf32>) -> tensor<2x4x4x4xf32> {
  %0 = linalg.conv_2d_nchw_fchw {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<2x3x6x6xf32>, tensor<4x3x3x3xf32>) outs(%o : tensor<2x4x4x4xf32>) -> tensor<2x4x4x4xf32>
  return %0 : tensor<2x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv_1d_nwc_wcf(
// CHECK:         patches.extract %{{.+}} filter_shape = [3] window_strides = [2] padding = VALID dimension_numbers = ("NWC", "WIO", "NWC") : tensor<2x9x3xf32> -> tensor<2x4x9xf32>
// CHECK:         linalg.transpose {{.*}} permutation = [1, 0, 2]
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<8x9xf32>, tensor<9x4xf32>)
func.func @conv_1d_nwc_wcf(%x: tensor<2x9x3xf32>, %w: tensor<3x3x4xf32>, %o: tensor<2x4x4xf32>) -> tensor<2x4x4xf32> {
  %0 = linalg.conv_1d_nwc_wcf {strides = dense<2> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
    ins(%x, %w : tensor<2x9x3xf32>, tensor<3x3x4xf32>) outs(%o : tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
  return %0 : tensor<2x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv_1d_ncw_fcw(
// CHECK:         patches.extract %{{.+}} filter_shape = [3] window_strides = [1] padding = VALID rhs_dilation = [2] : tensor<1x3x9xi32> -> tensor<1x9x5xi32>
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<4x9xi32>, tensor<9x5xi32>)
func.func @conv_1d_ncw_fcw(%x: tensor<1x3x9xi32>, %w: tensor<4x3x3xi32>, %o: tensor<1x4x5xi32>) -> tensor<1x4x5xi32> {
  %0 = linalg.conv_1d_ncw_fcw {strides = dense<1> : tensor<1xi64>, dilations = dense<2> : tensor<1xi64>}
    ins(%x, %w : tensor<1x3x9xi32>, tensor<4x3x3xi32>) outs(%o : tensor<1x4x5xi32>) -> tensor<1x4x5xi32>
  return %0 : tensor<1x4x5xi32>
}

// -----

// CHECK-LABEL: func.func @conv_3d_ndhwc_dhwcf(
// CHECK:         patches.extract %{{.+}} filter_shape = [2, 2, 2] window_strides = [1, 1, 1] padding = VALID dimension_numbers = ("NDHWC", "DHWIO", "NDHWC") : tensor<1x4x5x6x2xf32> -> tensor<1x3x4x5x16xf32>
// CHECK:         linalg.transpose {{.*}} permutation = [3, 0, 1, 2, 4]
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<60x16xf32>, tensor<16x3xf32>)
func.func @conv_3d_ndhwc_dhwcf(%x: tensor<1x4x5x6x2xf32>, %w: tensor<2x2x2x2x3xf32>, %o: tensor<1x3x4x5x3xf32>) -> tensor<1x3x4x5x3xf32> {
  %0 = linalg.conv_3d_ndhwc_dhwcf {strides = dense<1> : tensor<3xi64>, dilations = dense<1> : tensor<3xi64>}
    ins(%x, %w : tensor<1x4x5x6x2xf32>, tensor<2x2x2x2x3xf32>) outs(%o : tensor<1x3x4x5x3xf32>) -> tensor<1x3x4x5x3xf32>
  return %0 : tensor<1x3x4x5x3xf32>
}

// -----

// CHECK-LABEL: func.func @conv_3d_ncdhw_fcdhw(
// CHECK:         patches.extract %{{.+}} filter_shape = [2, 2, 2] window_strides = [1, 1, 1] padding = VALID : tensor<1x2x4x5x6xf32> -> tensor<1x16x3x4x5xf32>
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<3x16xf32>, tensor<16x60xf32>)
func.func @conv_3d_ncdhw_fcdhw(%x: tensor<1x2x4x5x6xf32>, %w: tensor<3x2x2x2x2xf32>, %o: tensor<1x3x3x4x5xf32>) -> tensor<1x3x3x4x5xf32> {
  %0 = linalg.conv_3d_ncdhw_fcdhw {strides = dense<1> : tensor<3xi64>, dilations = dense<1> : tensor<3xi64>}
    ins(%x, %w : tensor<1x2x4x5x6xf32>, tensor<3x2x2x2x2xf32>) outs(%o : tensor<1x3x3x4x5xf32>) -> tensor<1x3x3x4x5xf32>
  return %0 : tensor<1x3x3x4x5xf32>
}

// -----

// No batch, no channel: unit N and C added, then the unit N dropped from
// the patches; the contraction is a generic (no output channel).
// CHECK-LABEL: func.func @conv_2d(
// CHECK:         %[[XE:.+]] = tensor.expand_shape %{{.+}} {{\[\[}}0, 1], [2, 3]] output_shape [1, 5, 6, 1] : tensor<5x6xf32> into tensor<1x5x6x1xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[XE]] filter_shape = [2, 3] {{.*}} dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x5x6x1xf32> -> tensor<1x4x4x6xf32>
// CHECK:         tensor.collapse_shape %[[P]] {{\[\[}}0, 1], [2], [3]] : tensor<1x4x4x6xf32> into tensor<4x4x6xf32>
// CHECK:         tensor.collapse_shape %{{.+}} {{\[\[}}0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK:         linalg.generic
func.func @conv_2d(%x: tensor<5x6xf32>, %w: tensor<2x3xf32>, %o: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = linalg.conv_2d ins(%x, %w : tensor<5x6xf32>, tensor<2x3xf32>) outs(%o : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// Grouped, batch 1: G and C collapsed into the extraction's channel, the
// features split into (G, C * K); a batch_matmul over the groups.
// CHECK-LABEL: func.func @conv_2d_ngchw_fgchw(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<1x2x3x5x5xf32>, %[[W:[a-z0-9]+]]: tensor<4x2x3x2x2xf32>
// CHECK:         %[[XC:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x3x5x5xf32> into tensor<1x6x5x5xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[XC]] filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x6x5x5xf32> -> tensor<1x24x4x4xf32>
// CHECK:         %[[PE:.+]] = tensor.expand_shape %[[P]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 12, 4, 4]
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[W]] : tensor<4x2x3x2x2xf32>) outs(%{{.+}} : tensor<2x4x3x2x2xf32>) permutation = [1, 0, 2, 3, 4]
// CHECK:         %[[WC:.+]] = tensor.collapse_shape %[[T]] {{\[\[}}0], [1], [2, 3, 4]] : tensor<2x4x3x2x2xf32> into tensor<2x4x12xf32>
// CHECK:         %[[PC:.+]] = tensor.collapse_shape %[[PE]] {{\[\[}}0, 1], [2], [3, 4]] : tensor<1x2x12x4x4xf32> into tensor<2x12x16xf32>
// CHECK:         linalg.batch_matmul ins(%[[WC]], %[[PC]] : tensor<2x4x12xf32>, tensor<2x12x16xf32>) outs(%{{.+}} : tensor<2x4x16xf32>)
func.func @conv_2d_ngchw_fgchw(%x: tensor<1x2x3x5x5xf32>, %w: tensor<4x2x3x2x2xf32>, %o: tensor<1x2x4x4x4xf32>) -> tensor<1x2x4x4x4xf32> {
  %0 = linalg.conv_2d_ngchw_fgchw {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x3x5x5xf32>, tensor<4x2x3x2x2xf32>) outs(%o : tensor<1x2x4x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  return %0 : tensor<1x2x4x4x4xf32>
}

// -----

// GFCHW is already in order: no transpose.
// CHECK-LABEL: func.func @conv_2d_ngchw_gfchw(
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.batch_matmul ins(%{{.+}}, %{{.+}} : tensor<2x4x12xf32>, tensor<2x12x16xf32>)
func.func @conv_2d_ngchw_gfchw(%x: tensor<1x2x3x5x5xf32>, %w: tensor<2x4x3x2x2xf32>, %o: tensor<1x2x4x4x4xf32>) -> tensor<1x2x4x4x4xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x3x5x5xf32>, tensor<2x4x3x2x2xf32>) outs(%o : tensor<1x2x4x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  return %0 : tensor<1x2x4x4x4xf32>
}

// -----

// Grouped channels-last: the group is not leading, so a generic.
// CHECK-DAG: #[[$PM:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>
// CHECK-DAG: #[[$WM:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d5, d4)>
// CHECK-DAG: #[[$OM:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @conv_2d_nhwgc_gfhwc(
// CHECK:         tensor.collapse_shape %{{.+}} {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x5x5x2x3xf32> into tensor<1x5x5x6xf32>
// CHECK:         patches.extract {{.*}} dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x5x5x6xf32> -> tensor<1x4x4x24xf32>
// CHECK:         tensor.expand_shape %{{.+}} {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 4, 4, 2, 12]
// CHECK:         linalg.transpose ins(%{{.+}} : tensor<2x4x2x2x3xf32>) outs(%{{.+}} : tensor<2x3x2x2x4xf32>) permutation = [0, 4, 2, 3, 1]
// CHECK:         tensor.collapse_shape %{{.+}} {{\[\[}}0], [1, 2, 3], [4]] : tensor<2x3x2x2x4xf32> into tensor<2x12x4xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$PM]], #[[$WM]], #[[$OM]]]
func.func @conv_2d_nhwgc_gfhwc(%x: tensor<1x5x5x2x3xf32>, %w: tensor<2x4x2x2x3xf32>, %o: tensor<1x4x4x2x4xf32>) -> tensor<1x4x4x2x4xf32> {
  %0 = linalg.conv_2d_nhwgc_gfhwc {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x5x5x2x3xf32>, tensor<2x4x2x2x3xf32>) outs(%o : tensor<1x4x4x2x4xf32>) -> tensor<1x4x4x2x4xf32>
  return %0 : tensor<1x4x4x2x4xf32>
}

// -----

// A tensor.pad of H and W with +0.0 becomes the explicit padding.
// CHECK-LABEL: func.func @padded(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<1x5x5x3xf32>
// CHECK-NOT:     tensor.pad
// CHECK:         patches.extract %[[X]] filter_shape = [3, 3] window_strides = [1, 1] padding = {{\[\[}}1, 1], [1, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x5x5x3xf32> -> tensor<1x5x5x27xf32>
// CHECK:         linalg.matmul
func.func @padded(%x: tensor<1x5x5x3xf32>, %w: tensor<3x3x3x4xf32>, %o: tensor<1x5x5x4xf32>) -> tensor<1x5x5x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x5x5x3xf32> to tensor<1x7x7x3xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x7x7x3xf32>, tensor<3x3x3x4xf32>) outs(%o : tensor<1x5x5x4xf32>) -> tensor<1x5x5x4xf32>
  return %0 : tensor<1x5x5x4xf32>
}

// -----

// A pad of the channels too stays, and the extraction reads it.
// CHECK-LABEL: func.func @padded_channels(
// CHECK:         %[[PAD:.+]] = tensor.pad
// CHECK:         patches.extract %[[PAD]] filter_shape = [3, 3] window_strides = [1, 1] padding = VALID
func.func @padded_channels(%x: tensor<1x7x7x2xi32>, %w: tensor<3x3x3x4xi32>, %o: tensor<1x5x5x4xi32>) -> tensor<1x5x5x4xi32> {
  %zero = arith.constant 0 : i32
  %p = tensor.pad %x low[0, 0, 0, 0] high[0, 0, 0, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : i32
  } : tensor<1x7x7x2xi32> to tensor<1x7x7x3xi32>
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x7x7x3xi32>, tensor<3x3x3x4xi32>) outs(%o : tensor<1x5x5x4xi32>) -> tensor<1x5x5x4xi32>
  return %0 : tensor<1x5x5x4xi32>
}

// -----

// An output with fewer windows than fit: the high padding crops the rest
// (8 = (2 - 1) * 2 + 3 + 3 rows: -3; columns: -1).
// CHECK-LABEL: func.func @fewer_windows(
// CHECK:         patches.extract %{{.+}} filter_shape = [3, 3] window_strides = [2, 2] padding = {{\[\[}}0, -3], [0, -1]] {{.*}} : tensor<1x8x8x3xf32> -> tensor<1x2x3x27xf32>
func.func @fewer_windows(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %o: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<2> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) outs(%o : tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  return %0 : tensor<1x2x3x4xf32>
}

// -----

// A constant filter is transposed and collapsed as a constant: W x C x F =
// 2 x 2 x 1 holding w[k][c] = 1 + 2k + c becomes (C * K) x F in the order
// c * K + k: [1, 3, 2, 4].
// CHECK-LABEL: func.func @constant_filter(
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[WC:.+]] = arith.constant dense<{{\[\[}}1], [3], [2], [4]]> : tensor<4x1xi32>
// CHECK:         linalg.matmul ins(%{{.+}}, %[[WC]] : tensor<4x4xi32>, tensor<4x1xi32>)
func.func @constant_filter(%x: tensor<1x5x2xi32>, %o: tensor<1x4x1xi32>) -> tensor<1x4x1xi32> {
  %w = arith.constant dense<[[[1], [2]], [[3], [4]]]> : tensor<2x2x1xi32>
  %0 = linalg.conv_1d_nwc_wcf {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
    ins(%x, %w : tensor<1x5x2xi32>, tensor<2x2x1xi32>) outs(%o : tensor<1x4x1xi32>) -> tensor<1x4x1xi32>
  return %0 : tensor<1x4x1xi32>
}
