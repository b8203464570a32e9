// RUN: patches-opt %s --convert-patches-to-linalg=strategy=conv -split-input-file | FileCheck %s

// The worked example, NCHW: transpose to channels-last, the one-hot filter
// (H, W, C, K) whose element (w0, w1, c, m) is 1 where m = w0 * 2 + w1, the
// named 2-D depthwise convolution into zeros, (C, K) collapsed into C * K
// features and the result transposed back to NCHW.

// CHECK-LABEL: func.func @nchw_2d
// CHECK-SAME:    (%[[X:.*]]: tensor<1x1x3x3xf32>)
// CHECK:         %[[XT_INIT:.*]] = tensor.empty() : tensor<1x3x3x1xf32>
// CHECK:         %[[XT:.*]] = linalg.transpose ins(%[[X]] : tensor<1x1x3x3xf32>) outs(%[[XT_INIT]] : tensor<1x3x3x1xf32>) permutation = [0, 2, 3, 1]
// CHECK:         %[[F_INIT:.*]] = tensor.empty() : tensor<2x2x1x4xf32>
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[F:.*]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel", "parallel", "parallel"]
// CHECK-SAME:        outs(%[[F_INIT]] : tensor<2x2x1x4xf32>)
// CHECK:           %[[W0:.*]] = linalg.index 0 : index
// CHECK:           %[[C2:.*]] = arith.constant 2 : index
// CHECK:           %[[ROW:.*]] = arith.muli %[[W0]], %[[C2]] : index
// CHECK:           %[[W1:.*]] = linalg.index 1 : index
// CHECK:           %[[K:.*]] = arith.addi %[[ROW]], %[[W1]] : index
// CHECK:           %[[M:.*]] = linalg.index 3 : index
// CHECK:           %[[HOT:.*]] = arith.cmpi eq, %[[K]], %[[M]] : index
// CHECK:           %[[V:.*]] = arith.select %[[HOT]], %[[ONE]], %[[ZERO]] : f32
// CHECK:           linalg.yield %[[V]] : f32
// CHECK:         %[[ACC_INIT:.*]] = tensor.empty() : tensor<1x2x2x1x4xf32>
// CHECK:         %[[ACC_ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ACC_ZERO]] : f32) outs(%[[ACC_INIT]] : tensor<1x2x2x1x4xf32>)
// CHECK:         %[[CONV:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm
// CHECK-SAME:        {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME:        ins(%[[XT]], %[[F]] : tensor<1x3x3x1xf32>, tensor<2x2x1x4xf32>) outs(%[[ACC]] : tensor<1x2x2x1x4xf32>)
// CHECK:         %[[FEATURES:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1], [2], [3, 4]] : tensor<1x2x2x1x4xf32> into tensor<1x2x2x4xf32>
// CHECK:         %[[OUT_INIT:.*]] = tensor.empty() : tensor<1x4x2x2xf32>
// CHECK:         %[[OUT:.*]] = linalg.transpose ins(%[[FEATURES]] : tensor<1x2x2x4xf32>) outs(%[[OUT_INIT]] : tensor<1x4x2x2xf32>) permutation = [0, 3, 1, 2]
// CHECK:         return %[[OUT]]
func.func @nchw_2d(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %y : tensor<1x4x2x2xf32>
}

// -----

// NHWC/HWIO/NHWC needs no transpose. Positive padding is a tensor.pad, the
// negative high padding of W an extract_slice; strides and rhs dilation go
// to the named op.

// CHECK-LABEL: func.func @nhwc_2d
// CHECK-SAME:    (%[[X:.*]]: tensor<2x9x9x3xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 1, 0, 0] high[0, 1, 0, 0]
// CHECK:         } : tensor<2x9x9x3xf32> to tensor<2x11x9x3xf32>
// CHECK:         %[[CROPPED:.*]] = tensor.extract_slice %[[PADDED]][0, 0, 0, 0] [2, 11, 8, 3] [1, 1, 1, 1] : tensor<2x11x9x3xf32> to tensor<2x11x8x3xf32>
// CHECK:         %[[F:.*]] = linalg.generic
// CHECK:           arith.constant 3 : index
// CHECK:           arith.cmpi eq
// CHECK:         } -> tensor<3x3x3x9xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill
// CHECK:         %[[CONV:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm
// CHECK-SAME:        {dilations = dense<2> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
// CHECK-SAME:        ins(%[[CROPPED]], %[[F]] : tensor<2x11x8x3xf32>, tensor<3x3x3x9xf32>) outs(%[[ACC]] : tensor<2x4x4x3x9xf32>)
// CHECK:         %[[FEATURES:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1], [2], [3, 4]] : tensor<2x4x4x3x9xf32> into tensor<2x4x4x27xf32>
// CHECK-NOT:     linalg.transpose
// CHECK:         return %[[FEATURES]]
func.func @nhwc_2d(%x: tensor<2x9x9x3xf32>) -> tensor<2x4x4x27xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[1, 1], [0, -1]] rhs_dilation = [2, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST
         : tensor<2x9x9x3xf32> -> tensor<2x4x4x27xf32>
  return %y : tensor<2x4x4x27xf32>
}

// -----

// 1-D, NCW, SAME resolved statically to (0, 1); i32.

// CHECK-LABEL: func.func @ncw_1d
// CHECK:         %[[XT:.*]] = linalg.transpose ins(%{{.*}} : tensor<2x3x8xi32>) outs(%{{.*}} : tensor<2x8x3xi32>) permutation = [0, 2, 1]
// CHECK:         %[[PADDED:.*]] = tensor.pad %[[XT]] low[0, 0, 0] high[0, 1, 0]
// CHECK:         } : tensor<2x8x3xi32> to tensor<2x9x3xi32>
// CHECK:         %[[F:.*]] = linalg.generic
// CHECK:           %[[W:.*]] = linalg.index 0 : index
// CHECK:           %[[M:.*]] = linalg.index 2 : index
// CHECK:           arith.cmpi eq, %[[W]], %[[M]] : index
// CHECK:         } -> tensor<3x3x3xi32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<2x4x3x3xi32>)
// CHECK:         %[[CONV:.*]] = linalg.depthwise_conv_1d_nwc_wcm
// CHECK-SAME:        strides = dense<2> : tensor<1xi64>
// CHECK-SAME:        ins(%[[PADDED]], %[[F]] : tensor<2x9x3xi32>, tensor<3x3x3xi32>) outs(%[[ACC]] : tensor<2x4x3x3xi32>)
// CHECK:         %[[FEATURES:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1], [2, 3]] : tensor<2x4x3x3xi32> into tensor<2x4x9xi32>
// CHECK:         linalg.transpose ins(%[[FEATURES]] : tensor<2x4x9xi32>) outs(%{{.*}} : tensor<2x9x4xi32>) permutation = [0, 2, 1]
func.func @ncw_1d(%x: tensor<2x3x8xi32>) -> tensor<2x9x4xi32> {
  %y = patches.extract %x filter_shape = [3] window_strides = [2]
         padding = SAME : tensor<2x3x8xi32> -> tensor<2x9x4xi32>
  return %y : tensor<2x9x4xi32>
}

// -----

// 3-D, NDHWC, f16: the filter's window index is w0 * 4 + w1 * 2 + w2.

// CHECK-LABEL: func.func @ndhwc_3d
// CHECK-SAME:    (%[[X:.*]]: tensor<1x4x4x4x2xf16>)
// CHECK:         %[[F:.*]] = linalg.generic
// CHECK:           linalg.index 0 : index
// CHECK:           arith.constant 4 : index
// CHECK:           linalg.index 1 : index
// CHECK:           arith.constant 2 : index
// CHECK:           linalg.index 2 : index
// CHECK:           %[[M:.*]] = linalg.index 4 : index
// CHECK:           arith.cmpi eq, %{{.*}}, %[[M]] : index
// CHECK:         } -> tensor<2x2x2x2x8xf16>
// CHECK:         %[[CONV:.*]] = linalg.depthwise_conv_3d_ndhwc_dhwcm
// CHECK-SAME:        ins(%[[X]], %[[F]] : tensor<1x4x4x4x2xf16>, tensor<2x2x2x2x8xf16>) outs(%{{.*}} : tensor<1x3x3x3x2x8xf16>)
// CHECK:         %[[FEATURES:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1], [2], [3], [4, 5]] : tensor<1x3x3x3x2x8xf16> into tensor<1x3x3x3x16xf16>
// CHECK:         return %[[FEATURES]]
func.func @ndhwc_3d(%x: tensor<1x4x4x4x2xf16>) -> tensor<1x3x3x3x16xf16> {
  %y = patches.extract %x filter_shape = [2, 2, 2] window_strides = [1, 1, 1]
         padding = VALID dimension_numbers = ("NDHWC", "DHWIO", "NDHWC")
         : tensor<1x4x4x4x2xf16> -> tensor<1x3x3x3x16xf16>
  return %y : tensor<1x3x3x3x16xf16>
}

// -----

// rhs_spec "OIWH" makes W the first canonical spatial dimension: the input
// goes to (N, W, H, C), filter_shape = [3, 2] is (W, H), and the output
// comes back from (N, W, H, F).

// CHECK-LABEL: func.func @rhs_order
// CHECK:         %[[XT:.*]] = linalg.transpose ins(%{{.*}} : tensor<1x2x5x6xf32>) outs(%{{.*}} : tensor<1x6x5x2xf32>) permutation = [0, 3, 2, 1]
// CHECK:         %[[F:.*]] = linalg.generic
// CHECK:         } -> tensor<3x2x2x6xf32>
// CHECK:         %[[CONV:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm
// CHECK-SAME:        ins(%[[XT]], %[[F]] : tensor<1x6x5x2xf32>, tensor<3x2x2x6xf32>) outs(%{{.*}} : tensor<1x4x4x2x6xf32>)
// CHECK:         %[[FEATURES:.*]] = tensor.collapse_shape %[[CONV]]
// CHECK:         linalg.transpose ins(%[[FEATURES]] : tensor<1x4x4x12xf32>) outs(%{{.*}} : tensor<1x12x4x4xf32>) permutation = [0, 3, 2, 1]
func.func @rhs_order(%x: tensor<1x2x5x6xf32>) -> tensor<1x12x4x4xf32> {
  %y = patches.extract %x filter_shape = [3, 2] window_strides = [1, 1]
         padding = VALID dimension_numbers = ("NCHW", "OIWH", "NCHW")
         : tensor<1x2x5x6xf32> -> tensor<1x12x4x4xf32>
  return %y : tensor<1x12x4x4xf32>
}

// -----

// lhs dilation 2: the input is inserted with stride 2 into zeros of size
// D + 2 = (5 - 1) * 2 + 1 + 2 = 11 at the low padding 2; the high padding
// -1 then crops to 10.

// CHECK-LABEL: func.func @lhs_dilation
// CHECK-SAME:    (%[[X:.*]]: tensor<1x5x2xi32>)
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<1x11x2xi32>
// CHECK:         %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%[[EMPTY]] : tensor<1x11x2xi32>)
// CHECK:         %[[DILATED:.*]] = tensor.insert_slice %[[X]] into %[[ZEROS]][0, 2, 0] [1, 5, 2] [1, 2, 1] : tensor<1x5x2xi32> into tensor<1x11x2xi32>
// CHECK:         %[[CROPPED:.*]] = tensor.extract_slice %[[DILATED]][0, 0, 0] [1, 10, 2] [1, 1, 1] : tensor<1x11x2xi32> to tensor<1x10x2xi32>
// CHECK-NOT:     tensor.pad
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
// CHECK-SAME:        ins(%[[CROPPED]], %{{.*}} : tensor<1x10x2xi32>, tensor<2x2x2xi32>) outs(%{{.*}} : tensor<1x9x2x2xi32>)
func.func @lhs_dilation(%x: tensor<1x5x2xi32>) -> tensor<1x9x4xi32> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1]
         padding = [[2, -1]] lhs_dilation = [2]
         dimension_numbers = ("NWC", "WIO", "NWC")
         : tensor<1x5x2xi32> -> tensor<1x9x4xi32>
  return %y : tensor<1x9x4xi32>
}

// -----

// n = 0 has no named op: a linalg.generic over (b, c, m) with no reduction;
// the filter (C, 1) is hot where m = 0.

// CHECK-DAG:   #[[$IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:   #[[$FILTER:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @n0
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xf32>)
// CHECK:         %[[F:.*]] = linalg.generic
// CHECK:           %[[POS:.*]] = arith.constant 0 : index
// CHECK:           %[[M:.*]] = linalg.index 1 : index
// CHECK:           arith.cmpi eq, %[[POS]], %[[M]] : index
// CHECK:         } -> tensor<3x1xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill
// CHECK:         %[[CONV:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$FILTER]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:        ins(%[[X]], %[[F]] : tensor<2x3xf32>, tensor<3x1xf32>) outs(%[[ACC]] : tensor<2x3x1xf32>)
// CHECK:           ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[C:.*]]: f32):
// CHECK:             %[[PRODUCT:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK:             %[[SUM:.*]] = arith.addf %[[C]], %[[PRODUCT]] : f32
// CHECK:             linalg.yield %[[SUM]] : f32
// CHECK:         %[[FEATURES:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2]] : tensor<2x3x1xf32> into tensor<2x3xf32>
// CHECK:         linalg.transpose ins(%[[FEATURES]] : tensor<2x3xf32>) outs(%{{.*}} : tensor<3x2xf32>) permutation = [1, 0]
func.func @n0(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %y = patches.extract %x filter_shape = [] window_strides = [] padding = VALID
         dimension_numbers = ("NC", "OI", "CN") : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// n = 4: a linalg.generic over (b, o0..o3, c, m, w0..w3), reducing over w.

// CHECK-DAG:   #[[$IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10) -> (d0, d1 + d7, d2 + d8, d3 + d9, d4 + d10, d5)>
// CHECK-DAG:   #[[$FILTER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10) -> (d7, d8, d9, d10, d5, d6)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10) -> (d0, d1, d2, d3, d4, d5, d6)>
// CHECK-LABEL: func.func @n4
// CHECK:         linalg.transpose {{.*}} permutation = [0, 2, 3, 4, 5, 1]
// CHECK:         } -> tensor<2x2x2x2x1x16xf32>
// CHECK:         %[[CONV:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$FILTER]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "reduction"]}
// CHECK-SAME:        outs(%{{.*}} : tensor<1x1x1x1x2x1x16xf32>)
// CHECK:         tensor.collapse_shape %[[CONV]] {{\[}}[0], [1], [2], [3], [4], [5, 6]]
// CHECK:         linalg.transpose {{.*}} permutation = [0, 5, 1, 2, 3, 4]
func.func @n4(%x: tensor<1x1x2x2x2x3xf32>) -> tensor<1x16x1x1x1x2xf32> {
  %y = patches.extract %x filter_shape = [2, 2, 2, 2] window_strides = [1, 1, 1, 1]
         padding = VALID : tensor<1x1x2x2x2x3xf32> -> tensor<1x16x1x1x1x2xf32>
  return %y : tensor<1x16x1x1x1x2xf32>
}

// -----

// The named convolutions cannot multiply `index`: a linalg.generic with
// arith.muli/addi instead.

// CHECK-LABEL: func.func @index_2d
// CHECK-NOT:     linalg.depthwise_conv
// CHECK:         linalg.generic
// CHECK:           arith.select %{{.*}}, %{{.*}}, %{{.*}} : index
// CHECK:         } -> tensor<2x2x2x4xindex>
// CHECK:         linalg.fill ins(%{{.*}} : index)
// CHECK:         linalg.generic
// CHECK-SAME:        iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK:             %[[PRODUCT:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK:             arith.addi %{{.*}}, %[[PRODUCT]] : index
// CHECK:         tensor.collapse_shape {{.*}} into tensor<1x2x2x8xindex>
// CHECK-NOT:     linalg.depthwise_conv
func.func @index_2d(%x: tensor<1x3x3x2xindex>) -> tensor<1x2x2x8xindex> {
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x3x3x2xindex> -> tensor<1x2x2x8xindex>
  return %y : tensor<1x2x2x8xindex>
}

// -----

// Complex numbers use the named op; the hot value is (1, 0).

// CHECK-LABEL: func.func @complex_1d
// CHECK-DAG:     complex.constant [1.000000e+00 : f32, 0.000000e+00 : f32] : complex<f32>
// CHECK-DAG:     complex.constant [0.000000e+00 : f32, 0.000000e+00 : f32] : complex<f32>
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
// CHECK-SAME:        outs(%{{.*}} : tensor<1x3x2x2xcomplex<f32>>)
func.func @complex_1d(%x: tensor<1x2x4xcomplex<f32>>) -> tensor<1x4x3xcomplex<f32>> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x2x4xcomplex<f32>> -> tensor<1x4x3xcomplex<f32>>
  return %y : tensor<1x4x3xcomplex<f32>>
}

// -----

// Dynamic sizes: SAME padding computed from tensor.dim through the geometry;
// the whole computation is guarded on a non-empty result (N, C, output
// size), the padding on a non-empty input.

// CHECK-DAG:   #[[$TOTAL:.*]] = affine_map<()[s0] -> ((s0 ceildiv 2 - 1) * 2 - s0 + 3, 0)>
// CHECK-DAG:   #[[$LOW:.*]] = affine_map<()[s0] -> (s0 floordiv 2)>
// CHECK-DAG:   #[[$HIGH:.*]] = affine_map<()[s0] -> (s0 - s0 floordiv 2)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<()[s0, s1] -> ((s0 + s1 - 3) floordiv 2 + 1, 0)>
// CHECK-LABEL: func.func @dynamic_same
// CHECK-SAME:    (%[[X:.*]]: tensor<?x?x?xf32>)
// CHECK-DAG:     %[[N:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG:     %[[C:.*]] = tensor.dim %[[X]], %c2
// CHECK-DAG:     %[[D:.*]] = tensor.dim %[[X]], %c1
// CHECK:         %[[TOTAL:.*]] = affine.max #[[$TOTAL]]()[%[[D]]]
// CHECK:         %[[LO:.*]] = affine.apply #[[$LOW]]()[%[[TOTAL]]]
// CHECK:         %[[HI:.*]] = affine.apply #[[$HIGH]]()[%[[TOTAL]]]
// CHECK:         %[[O:.*]] = affine.max #[[$OUT]]()[%[[TOTAL]], %[[D]]]
// CHECK:         arith.cmpi ne, %[[N]]
// CHECK:         arith.cmpi ne, %[[C]]
// CHECK:         arith.cmpi ne, %[[O]]
// CHECK:         %[[NON_EMPTY:.*]] = arith.andi
// CHECK:         %[[RESULT:.*]] = scf.if %[[NON_EMPTY]] -> (tensor<?x?x?xf32>) {
// CHECK:           %[[HAS_INPUT:.*]] = arith.cmpi ne, %[[D]]
// CHECK:           %[[PADDED:.*]] = scf.if %[[HAS_INPUT]] -> (tensor<?x?x?xf32>) {
// CHECK:             %[[P:.*]] = tensor.pad %[[X]] low[0, %[[LO]], 0] high[0, %[[HI]], 0]
// CHECK:             scf.yield %[[P]]
// CHECK:           } else {
// CHECK:             %[[Z:.*]] = linalg.fill
// CHECK:             scf.yield %[[Z]]
// CHECK:           }
// CHECK:           %[[F_INIT:.*]] = tensor.empty(%[[C]]) : tensor<3x?x3xf32>
// CHECK:           %[[F:.*]] = linalg.generic {{.*}} outs(%[[F_INIT]] : tensor<3x?x3xf32>)
// CHECK:           %[[ACC_INIT:.*]] = tensor.empty(%[[N]], %[[O]], %[[C]]) : tensor<?x?x?x3xf32>
// CHECK:           %[[ACC:.*]] = linalg.fill {{.*}} outs(%[[ACC_INIT]] : tensor<?x?x?x3xf32>)
// CHECK:           %[[CONV:.*]] = linalg.depthwise_conv_1d_nwc_wcm {{.*}} ins(%[[PADDED]], %[[F]] : tensor<?x?x?xf32>, tensor<3x?x3xf32>) outs(%[[ACC]] : tensor<?x?x?x3xf32>)
// CHECK:           %[[FEATURES:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1], [2, 3]] : tensor<?x?x?x3xf32> into tensor<?x?x?xf32>
// CHECK:           scf.yield %[[FEATURES]]
// CHECK:         } else {
// CHECK:           %[[EMPTY:.*]] = tensor.empty(%[[N]], %[[O]], %{{.*}}) : tensor<?x?x?xf32>
// CHECK:           scf.yield %[[EMPTY]]
// CHECK:         }
// CHECK:         return %[[RESULT]]
func.func @dynamic_same(%x: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %y = patches.extract %x filter_shape = [3] window_strides = [2] padding = SAME
         dimension_numbers = ("NWC", "WIO", "NWC")
         : tensor<?x?x?xf32> -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

// -----

// A dynamic size with explicit negative padding crops at an offset and size
// clamped to the (dynamic) padded size.

// CHECK-DAG:   #[[$OFFSET:.*]] = affine_map<()[s0] -> (s0, 1)>
// CHECK-DAG:   #[[$SIZE:.*]] = affine_map<()[s0] -> (s0 - 3, 0)>
// CHECK-LABEL: func.func @dynamic_crop
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x?xf32>)
// CHECK:         %[[D:.*]] = tensor.dim %[[X]], %c2
// CHECK:         scf.if
// CHECK:           %[[XT:.*]] = linalg.transpose
// CHECK-NOT:       tensor.pad
// CHECK:           %[[OFFSET:.*]] = affine.min #[[$OFFSET]]()[%[[D]]]
// CHECK:           %[[SIZE:.*]] = affine.max #[[$SIZE]]()[%[[D]]]
// CHECK:           %[[CROPPED:.*]] = tensor.extract_slice %[[XT]][0, %[[OFFSET]], 0] [1, %[[SIZE]], 2] [1, 1, 1] : tensor<1x?x2xf32> to tensor<1x?x2xf32>
// CHECK:           linalg.depthwise_conv_1d_nwc_wcm {{.*}} ins(%[[CROPPED]], %{{.*}} : tensor<1x?x2xf32>, tensor<2x2x2xf32>)
func.func @dynamic_crop(%x: tensor<1x2x?xf32>) -> tensor<1x4x?xf32> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1]
         padding = [[-1, -2]] : tensor<1x2x?xf32> -> tensor<1x4x?xf32>
  return %y : tensor<1x4x?xf32>
}

// -----

// A statically empty result is just tensor.empty.

// CHECK-LABEL: func.func @empty_result
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty() : tensor<1x0x4xf32>
// CHECK-NEXT:    return %[[EMPTY]]
func.func @empty_result(%x: tensor<1x0x5xf32>) -> tensor<1x0x4xf32> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x0x5xf32> -> tensor<1x0x4xf32>
  return %y : tensor<1x0x4xf32>
}

// -----

// A written result type more static than the inferred one gets a cast.

// CHECK-LABEL: func.func @more_static_result
// CHECK:         %[[RESULT:.*]] = scf.if %{{.*}} -> (tensor<?x4x4xf32>)
// CHECK:         %[[CAST:.*]] = tensor.cast %[[RESULT]] : tensor<?x4x4xf32> to tensor<3x4x4xf32>
// CHECK:         return %[[CAST]]
func.func @more_static_result(%x: tensor<?x2x5xf32>) -> tensor<3x4x4xf32> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<?x2x5xf32> -> tensor<3x4x4xf32>
  return %y : tensor<3x4x4xf32>
}

// -----

// arith has no signed or unsigned integers: the input is reinterpreted as
// its signless twin (an elementwise copy through
// builtin.unrealized_conversion_cast, which the LLVM lowering erases), the
// convolution runs on i8, and the result is reinterpreted back.
// CHECK-LABEL: func.func @unsigned_1d
// CHECK-SAME:    (%[[X:.+]]: tensor<1x1x3xui8>)
// CHECK:         %[[XS:.+]] = linalg.generic
// CHECK-SAME:      ins(%[[X]] : tensor<1x1x3xui8>) outs(%{{.+}} : tensor<1x1x3xi8>)
// CHECK:           builtin.unrealized_conversion_cast %{{.+}} : ui8 to i8
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
// CHECK-SAME:      tensor<1x3x1xi8>, tensor<2x1x2xi8>
// CHECK:         %[[Y:.+]] = linalg.generic
// CHECK-SAME:      outs(%{{.+}} : tensor<1x2x2xui8>)
// CHECK:           builtin.unrealized_conversion_cast %{{.+}} : i8 to ui8
// CHECK:         return %[[Y]]
func.func @unsigned_1d(%x: tensor<1x1x3xui8>) -> tensor<1x2x2xui8> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x1x3xui8> -> tensor<1x2x2xui8>
  return %y : tensor<1x2x2xui8>
}

// -----

// Dynamic sizes carry through the reinterpreting copies.
// CHECK-LABEL: func.func @signed_dynamic
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.+}} : tensor<?x2x3x3xi32>)
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
// CHECK:           builtin.unrealized_conversion_cast %{{.+}} : i32 to si32
func.func @signed_dynamic(%x: tensor<?x2x3x3xsi32>) -> tensor<?x8x2x2xsi32> {
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<?x2x3x3xsi32> -> tensor<?x8x2x2xsi32>
  return %y : tensor<?x8x2x2xsi32>
}
