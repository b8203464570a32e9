// RUN: patches-opt %s --convert-patches-to-linalg -split-input-file | FileCheck %s
// RUN: patches-opt %s --convert-patches-to-linalg=strategy=gather -split-input-file | FileCheck %s

// The affine form: one linalg.generic over (b, c, w..., o...). Its input map
// is the op's index map (o * s + w * r + offset), its result map places
// feature c * K + k(w), and a tensor of the filter's shape bounds the window
// loops. It copies: the body yields the input element unchanged.

// CHECK-DAG: #[[$IN1:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3 * 2 + d2 * 3)>
// CHECK-DAG: #[[$WIN1:.+]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG: #[[$OUT1:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 3 + d2, d3)>
// CHECK-LABEL: func.func @valid_1d_strided_dilated
// CHECK-SAME:    (%[[X:.+]]: tensor<2x3x11xf32>)
// CHECK-NOT:     tensor.pad
// CHECK-DAG:     %[[WINDOW:.+]] = tensor.empty() : tensor<3xf32>
// CHECK-DAG:     %[[INIT:.+]] = tensor.empty() : tensor<2x9x3xf32>
// CHECK:         %[[R:.+]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN1]], #[[$WIN1]], #[[$OUT1]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel", "parallel"]
// CHECK-SAME:      ins(%[[X]], %[[WINDOW]] : tensor<2x3x11xf32>, tensor<3xf32>)
// CHECK-SAME:      outs(%[[INIT]] : tensor<2x9x3xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32, %{{.+}}: f32):
// CHECK-NEXT:      linalg.yield %[[IN]] : f32
// CHECK:         return %[[R]]
func.func @valid_1d_strided_dilated(%x: tensor<2x3x11xf32>) -> tensor<2x9x3xf32> {
  %y = patches.extract %x filter_shape = [3] window_strides = [2] padding = VALID
         rhs_dilation = [3] : tensor<2x3x11xf32> -> tensor<2x9x3xf32>
  return %y : tensor<2x9x3xf32>
}

// -----

// SAME on a static 5x5 with a 3x3 window pads by one on each side; the pad
// reads zero.

// CHECK-DAG: #[[$IN2:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4, d3 + d5)>
// CHECK-DAG: #[[$WIN2:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d3)>
// CHECK-DAG: #[[$OUT2:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 9 + d2 * 3 + d3, d4, d5)>
// CHECK-LABEL: func.func @same_2d_nchw
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PADDED:.+]] = tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           tensor.yield %[[ZERO]] : f32
// CHECK:         } : tensor<1x2x5x5xf32> to tensor<1x2x7x7xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN2]], #[[$WIN2]], #[[$OUT2]]]
// CHECK-SAME:      ins(%[[PADDED]], %{{.+}} : tensor<1x2x7x7xf32>, tensor<3x3xf32>)
// CHECK-SAME:      outs(%{{.+}} : tensor<1x18x5x5xf32>)
func.func @same_2d_nchw(%x: tensor<1x2x5x5xf32>) -> tensor<1x18x5x5xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
         : tensor<1x2x5x5xf32> -> tensor<1x18x5x5xf32>
  return %y : tensor<1x18x5x5xf32>
}

// -----

// NHWC/HWIO/NHWC: the maps follow the layouts; negative low padding crops
// by offsetting the index map instead of slicing, positive high padding pads.

// CHECK-DAG: #[[$IN3:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d4 * 2 + d2 + 1, d5 + d3 * 2, d1)>
// CHECK-DAG: #[[$WIN3:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d3)>
// CHECK-DAG: #[[$OUT3:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d4, d5, d1 * 4 + d2 * 2 + d3)>
// CHECK-LABEL: func.func @nhwc_cropped
// CHECK:         tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 2, 1, 0]
// CHECK:         } : tensor<2x6x5x3xi32> to tensor<2x8x6x3xi32>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN3]], #[[$WIN3]], #[[$OUT3]]]
// CHECK-SAME:      outs(%{{.+}} : tensor<2x3x4x12xi32>)
func.func @nhwc_cropped(%x: tensor<2x6x5x3xi32>) -> tensor<2x3x4x12xi32> {
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [2, 1]
         padding = [[-1, 2], [0, 1]] rhs_dilation = [1, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x6x5x3xi32> -> tensor<2x3x4x12xi32>
  return %y : tensor<2x3x4x12xi32>
}

// -----

// 3-D with permuted layouts: the canonical spatial order is rhs_spec's
// (Z, Y, X here), so filter_shape [2, 1, 3] is Z=2, Y=1, X=3.

// CHECK-DAG: #[[$IN4:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d4 + d7, d0, d3 + d6, d2 + d5)>
// CHECK-DAG: #[[$WIN4:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d2, d3, d4)>
// CHECK-DAG: #[[$OUT4:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 * 6 + d2 * 3 + d3 * 3 + d4, d5, d6, d7)>
// CHECK-LABEL: func.func @permuted_3d
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN4]], #[[$WIN4]], #[[$OUT4]]]
// CHECK-SAME:      outs(%{{.+}} : tensor<1x12x3x4x2xf16>)
func.func @permuted_3d(%x: tensor<2x4x1x4x4xf16>) -> tensor<1x12x3x4x2xf16> {
  %y = patches.extract %x filter_shape = [2, 1, 3] window_strides = [1, 1, 1]
         padding = VALID dimension_numbers = ("CXNYZ", "ZYXIO", "NCZYX")
         : tensor<2x4x1x4x4xf16> -> tensor<1x12x3x4x2xf16>
  return %y : tensor<1x12x3x4x2xf16>
}

// -----

// lhs dilation: the index form. The feature index decodes into (c, w), each
// position maps into the dilated, padded input, and only a position that
// lands on an input element is read (under scf.if), so nothing reads out of
// bounds; the rest is zero.

// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @lhs_dilated_1d
// CHECK-SAME:    (%[[X:.+]]: tensor<1x2x3xf32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK:         linalg.generic {indexing_maps = [#[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:      outs(%{{.+}} : tensor<1x4x5xf32>)
// CHECK:           affine.delinearize_index %{{.+}} into (2) : index, index
// CHECK:           arith.floordivsi
// CHECK:           arith.remsi
// CHECK:           arith.andi
// CHECK:           %[[OK:.+]] = arith.andi
// CHECK-NEXT:      %[[V:.+]] = scf.if %[[OK]] -> (i32) {
// CHECK-NEXT:        %[[E:.+]] = tensor.extract %[[X]]
// CHECK-NEXT:        %[[BITS:.+]] = arith.bitcast %[[E]] : f32 to i32
// CHECK-NEXT:        scf.yield %[[BITS]] : i32
// CHECK-NEXT:      } else {
// CHECK-NEXT:        scf.yield %[[ZERO]] : i32
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[VF:.+]] = arith.bitcast %[[V]] : i32 to f32
// CHECK-NEXT:      linalg.yield %[[VF]] : f32
func.func @lhs_dilated_1d(%x: tensor<1x2x3xf32>) -> tensor<1x4x5xf32> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1]
         padding = [[1, 0]] lhs_dilation = [2] : tensor<1x2x3xf32> -> tensor<1x4x5xf32>
  return %y : tensor<1x4x5xf32>
}

// -----

// SAME on a dynamic size: the padding is computed at run time from
// tensor.dim through the geometry, and the result is sized from it.

// CHECK-LABEL: func.func @same_lower_dynamic
// CHECK:         %[[D:.+]] = tensor.dim %{{.+}}, %{{.+}} : tensor<?x3x?xf32>
// CHECK:         affine.max
// CHECK:         %[[INIT:.+]] = tensor.empty(%{{.+}}, %{{.+}}) : tensor<?x9x?xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%[[INIT]] : tensor<?x9x?xf32>)
// CHECK:           scf.if
func.func @same_lower_dynamic(%x: tensor<?x3x?xf32>) -> tensor<?x9x?xf32> {
  %y = patches.extract %x filter_shape = [3] window_strides = [2] padding = SAME_LOWER
         : tensor<?x3x?xf32> -> tensor<?x9x?xf32>
  return %y : tensor<?x9x?xf32>
}

// -----

// n = 0: the result is the input in out_spec's layout (a transpose as a
// generic with permutation maps).

// CHECK-DAG: #[[$IN0:.+]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[$WIN0:.+]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[$OUT0:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @no_spatial_dims
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN0]], #[[$WIN0]], #[[$OUT0]]]
// CHECK-SAME:      outs(%{{.+}} : tensor<4x3xi8>)
func.func @no_spatial_dims(%x: tensor<3x4xi8>) -> tensor<4x3xi8> {
  %y = patches.extract %x filter_shape = [] window_strides = [] padding = []
         dimension_numbers = ("CN", "OI", "NC") : tensor<3x4xi8> -> tensor<4x3xi8>
  return %y : tensor<4x3xi8>
}

// -----

// A written result type more static than the inferred one gets a cast. With
// dynamic sizes the gather is guarded: it runs only when the result is not
// empty and the input has elements, else the result is zeros (so the IR stays
// valid if canonicalization later makes the sizes static).

// CHECK-LABEL: func.func @refined_result_type
// CHECK:         %[[IF:.+]] = scf.if %{{.+}} -> (tensor<?x4x2x2xf32>) {
// CHECK:           %[[G:.+]] = linalg.generic
// CHECK:           scf.yield %[[G]] : tensor<?x4x2x2xf32>
// CHECK:         } else {
// CHECK:           %[[Z:.+]] = linalg.fill
// CHECK:           scf.yield %[[Z]] : tensor<?x4x2x2xf32>
// CHECK:         }
// CHECK:         %[[C:.+]] = tensor.cast %[[IF]] : tensor<?x4x2x2xf32> to tensor<1x4x2x2xf32>
// CHECK:         return %[[C]]
func.func @refined_result_type(%x: tensor<?x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<?x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %y : tensor<1x4x2x2xf32>
}

// -----

// Signed and unsigned integers: arith has no constants of them, so the
// padding's zero is the signless zero, cast.

// CHECK-LABEL: func.func @unsigned
// CHECK-SAME:    (%[[X:.+]]: tensor<1x1x3xui8>)
// CHECK:         %[[C:.+]] = arith.constant 0 : i8
// CHECK:         %[[ZERO:.+]] = builtin.unrealized_conversion_cast %[[C]] : i8 to ui8
// CHECK:         tensor.pad %[[X]]
// CHECK:           tensor.yield %[[ZERO]] : ui8
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.+}} : tensor<1x2x3xui8>)
func.func @unsigned(%x: tensor<1x1x3xui8>) -> tensor<1x2x3xui8> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = SAME
         : tensor<1x1x3xui8> -> tensor<1x2x3xui8>
  return %y : tensor<1x2x3xui8>
}
