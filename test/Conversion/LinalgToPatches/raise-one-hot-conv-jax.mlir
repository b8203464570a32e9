// RUN: patches-opt %s -split-input-file -allow-unregistered-dialect -verify-diagnostics \
// RUN:   --patches-raise-one-hot-conv=remarks=true | FileCheck %s

// The forms StableHLO's conversion writes for JAX's
// conv_general_dilated_patches beyond the grouped NCHW one: a widening
// preferred_element_type (operands narrower than the result, the payload
// converts them), the precision JAX passes, C = 1 (no feature groups: an
// ungrouped generic or an ordinary named convolution), no spatial
// dimension, rhs dilation written as the filter inserted into zeros, and a
// 1x..x1 window (a depthwise op without multiplier). The computed filter is
// JAX's (jnp.eye, broadcast, reshape, moveaxis) as StableHLO writes it.

// preferred_element_type = f32 on an f16 input: the depthwise named op
// converts its operands. Raised as the extraction of the f16 input, then
// the payload's conversion of every element (a copy commutes with it).
// CHECK-LABEL: func.func @depthwise_f16_to_f32(
// CHECK-SAME:      %[[X:.+]]: tensor<1x4x2xf16>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [3] window_strides = [1]
// CHECK-SAME:        padding = {{\[\[}}0, 0]] dimension_numbers = ("NWC", "WIO", "NWC")
// CHECK-SAME:        : tensor<1x4x2xf16> -> tensor<1x2x6xf16>
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<1x2x6xf32>
// CHECK:         %[[C:.+]] = linalg.generic {{.*}} ins(%[[P]] : tensor<1x2x6xf16>) outs(%[[E]] : tensor<1x2x6xf32>)
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:         tensor.expand_shape %[[C]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 2, 2, 3]
// CHECK-NOT:     linalg.depthwise_conv_1d_nwc_wcm
func.func @depthwise_f16_to_f32(%x: tensor<1x4x2xf16>) -> tensor<1x2x2x3xf32> {
  %one = arith.constant 1.0 : f16
  %zero16 = arith.constant 0.0 : f16
  %zero = arith.constant 0.0 : f32
  %filter = tensor.generate {
  ^bb0(%kw: index, %c: index, %m: index):
    %eq = arith.cmpi eq, %kw, %m : index
    %v = arith.select %eq, %one, %zero16 : f16
    tensor.yield %v : f16
  } : tensor<3x2x3xf16>
  %empty = tensor.empty() : tensor<1x2x2x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x4x2xf16>, tensor<3x2x3xf16>)
         outs(%init : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}

// -----

// JAX's default NCHW with preferred_element_type = f32 on f16, and the
// precision JAX passes (precision, DEFAULT), where the producer keeps it as
// a discardable precision_config in StableHLO's own spelling: the grouped
// generic's payload converts both operands; the precision of the input
// becomes the extraction's.
// CHECK-LABEL: func.func @grouped_nchw_f16_to_f32_highest(
// CHECK-SAME:      %[[X:.+]]: tensor<1x2x3x3xf16>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [1, 1]
// CHECK-SAME:        padding = {{\[\[}}0, 0], [0, 0]] precision = HIGHEST : tensor<1x2x3x3xf16> -> tensor<1x8x2x2xf16>
// CHECK:         %[[C:.+]] = linalg.generic
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:         tensor.expand_shape %[[C]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 4, 2, 2]
// CHECK-NOT:     iterator_types = {{.*}}reduction
func.func @grouped_nchw_f16_to_f32_highest(%x: tensor<1x2x3x3xf16>) -> tensor<1x8x2x2xf32> {
  %e0 = tensor.empty() : tensor<4x4xf16>
  %eye = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>],
                         iterator_types = ["parallel", "parallel"]}
      outs(%e0 : tensor<4x4xf16>) {
  ^bb0(%out: f16):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %eq = arith.cmpi eq, %i, %j : index
    %v = arith.uitofp %eq : i1 to f16
    linalg.yield %v : f16
  } -> tensor<4x4xf16>
  %e1 = tensor.empty() : tensor<2x4x4xf16>
  %tiled = linalg.broadcast ins(%eye : tensor<4x4xf16>) outs(%e1 : tensor<2x4x4xf16>) dimensions = [0]
  %flat = tensor.collapse_shape %tiled [[0, 1], [2]] : tensor<2x4x4xf16> into tensor<8x4xf16>
  %oihw = tensor.expand_shape %flat [[0], [1, 2, 3]] output_shape [8, 1, 2, 2] : tensor<8x4xf16> into tensor<8x1x2x2xf16>
  %groups = tensor.expand_shape %oihw [[0, 1], [2], [3], [4]] output_shape [2, 4, 1, 2, 2] : tensor<8x1x2x2xf16> into tensor<2x4x1x2x2xf16>
  %xg = tensor.expand_shape %x [[0], [1, 2], [3], [4]] output_shape [1, 2, 1, 3, 3] : tensor<1x2x3x3xf16> into tensor<1x2x1x3x3xf16>
  %zero = arith.constant 0.0 : f32
  %e2 = tensor.empty() : tensor<1x2x4x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x2x4x2x2xf32>) -> tensor<1x2x4x2x2xf32>
  %y = linalg.generic {
      indexing_maps = [affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (n, g, ci, oh + kh, ow + kw)>,
                       affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (g, m, ci, kh, kw)>,
                       affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (n, g, m, oh, ow)>],
      iterator_types = ["parallel", "reduction", "parallel", "parallel", "reduction", "parallel", "reduction", "parallel"],
      precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision DEFAULT>]}
      ins(%xg, %groups : tensor<1x2x1x3x3xf16>, tensor<2x4x1x2x2xf16>)
      outs(%init : tensor<1x2x4x2x2xf32>) {
  ^bb0(%in: f16, %f: f16, %acc: f32):
    %a = arith.extf %in : f16 to f32
    %b = arith.extf %f : f16 to f32
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x4x2x2xf32>
  %r = tensor.collapse_shape %y [[0], [1, 2], [3], [4]] : tensor<1x2x4x2x2xf32> into tensor<1x8x2x2xf32>
  return %r : tensor<1x8x2x2xf32>
}

// -----

// C = 1 (JAX's Overlapping1D: NHC, OIH, NHC): no feature groups, so no
// split; rhs dilation 2 written as StableHLO's general conversion writes
// it, the filter (3, 1, 3) inserted into zeros with stride 2 in W: the
// extraction's rhs_dilation. SAME padding (2, 2) as a tensor.pad.
// CHECK-LABEL: func.func @ungrouped_rhs_dilation(
// CHECK-SAME:      %[[X:.+]]: tensor<1x5x1xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [3] window_strides = [1]
// CHECK-SAME:        padding = {{\[\[}}2, 2]] rhs_dilation = [2] dimension_numbers = ("NWC", "OIW", "NWC")
// CHECK-SAME:        : tensor<1x5x1xf32> -> tensor<1x5x3xf32>
// CHECK-NEXT:    return %[[P]]
func.func @ungrouped_rhs_dilation(%x: tensor<1x5x1xf32>) -> tensor<1x5x3xf32> {
  %e0 = tensor.empty() : tensor<3x3xf32>
  %eye = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>],
                         iterator_types = ["parallel", "parallel"]}
      outs(%e0 : tensor<3x3xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %eq = arith.cmpi eq, %i, %j : index
    %v = arith.uitofp %eq : i1 to f32
    linalg.yield %v : f32
  } -> tensor<3x3xf32>
  %oiw = tensor.expand_shape %eye [[0], [1, 2]] output_shape [3, 1, 3] : tensor<3x3xf32> into tensor<3x1x3xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<3x1x5xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<3x1x5xf32>) -> tensor<3x1x5xf32>
  %dilated = tensor.insert_slice %oiw into %z1[0, 0, 0] [3, 1, 3] [1, 1, 2] : tensor<3x1x3xf32> into tensor<3x1x5xf32>
  %padded = tensor.pad %x low[0, 2, 0] high[0, 2, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %zero : f32
  } : tensor<1x5x1xf32> to tensor<1x9x1xf32>
  %e2 = tensor.empty() : tensor<1x5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x5x3xf32>) -> tensor<1x5x3xf32>
  %y = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (o, ci, kw)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%padded, %dilated : tensor<1x9x1xf32>, tensor<3x1x5xf32>)
      outs(%init : tensor<1x5x3xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %m = arith.mulf %in, %f : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x5x3xf32>
  return %y : tensor<1x5x3xf32>
}

// -----

// No spatial dimension (JAX's NonOverlapping (2, 5), ("NC", "OI", "CN")):
// five groups of one feature, filter (5, 1, 1) of ones, output CN.
// CHECK-LABEL: func.func @grouped_no_spatial(
// CHECK-SAME:      %[[X:.+]]: tensor<2x5xi32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [] window_strides = []
// CHECK-SAME:        padding = [] dimension_numbers = ("NC", "OI", "CN") : tensor<2x5xi32> -> tensor<5x2xi32>
// CHECK:         tensor.expand_shape %[[P]] {{\[\[}}0, 1], [2]] output_shape [5, 1, 2]
func.func @grouped_no_spatial(%x: tensor<2x5xi32>) -> tensor<5x2xi32> {
  %one = arith.constant 1 : i32
  %e0 = tensor.empty() : tensor<5x1x1xi32>
  %filter = linalg.fill ins(%one : i32) outs(%e0 : tensor<5x1x1xi32>) -> tensor<5x1x1xi32>
  %xg = tensor.expand_shape %x [[0], [1, 2]] output_shape [2, 5, 1] : tensor<2x5xi32> into tensor<2x5x1xi32>
  %zero = arith.constant 0 : i32
  %e1 = tensor.empty() : tensor<5x1x2xi32>
  %init = linalg.fill ins(%zero : i32) outs(%e1 : tensor<5x1x2xi32>) -> tensor<5x1x2xi32>
  %y = linalg.generic {
      indexing_maps = [affine_map<(g, ci, o, n) -> (n, g, ci)>,
                       affine_map<(g, ci, o, n) -> (g, o, ci)>,
                       affine_map<(g, ci, o, n) -> (g, o, n)>],
      iterator_types = ["parallel", "reduction", "parallel", "parallel"]}
      ins(%xg, %filter : tensor<2x5x1xi32>, tensor<5x1x1xi32>)
      outs(%init : tensor<5x1x2xi32>) {
  ^bb0(%in: i32, %f: i32, %acc: i32):
    %m = arith.muli %in, %f : i32
    %s = arith.addi %acc, %m : i32
    linalg.yield %s : i32
  } -> tensor<5x1x2xi32>
  %r = tensor.collapse_shape %y [[0, 1], [2]] : tensor<5x1x2xi32> into tensor<5x2xi32>
  return %r : tensor<5x2xi32>
}

// -----

// Canonical layouts and C = 1: StableHLO writes an ordinary named
// convolution (filter (KH, KW, 1, K)), i8 -> i32 (preferred_element_type):
// the extraction of the i8 input, sign-extended.
// CHECK-LABEL: func.func @conv_single_channel_i8_to_i32(
// CHECK-SAME:      %[[X:.+]]: tensor<1x3x3x1xi8>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [1, 1]
// CHECK-SAME:        padding = {{\[\[}}0, 0], [0, 0]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
// CHECK-SAME:        : tensor<1x3x3x1xi8> -> tensor<1x2x2x4xi8>
// CHECK:         %[[C:.+]] = linalg.generic
// CHECK:           arith.extsi %{{.*}} : i8 to i32
// CHECK:         return %[[C]] : tensor<1x2x2x4xi32>
func.func @conv_single_channel_i8_to_i32(%x: tensor<1x3x3x1xi8>) -> tensor<1x2x2x4xi32> {
  %filter = arith.constant dense<[[[[1, 0, 0, 0]], [[0, 1, 0, 0]]], [[[0, 0, 1, 0]], [[0, 0, 0, 1]]]]> : tensor<2x2x1x4xi8>
  %zero = arith.constant 0 : i32
  %empty = tensor.empty() : tensor<1x2x2x4xi32>
  %init = linalg.fill ins(%zero : i32) outs(%empty : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
  %y = linalg.conv_2d_nhwc_hwcf
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%x, %filter : tensor<1x3x3x1xi8>, tensor<2x2x1x4xi8>)
         outs(%init : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
  return %y : tensor<1x2x2x4xi32>
}

// -----

// A 1x1 window with C = 3 in canonical layouts: StableHLO's depthwise op
// without multiplier (filter (1, 1, 3) of ones); padding (1, 0) x (0, 1).
// CHECK-LABEL: func.func @depthwise_no_multiplier(
// CHECK-SAME:      %[[X:.+]]: tensor<1x2x2x3xf32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [1, 1] window_strides = [1, 1]
// CHECK-SAME:        padding = {{\[\[}}1, 0], [0, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
// CHECK-SAME:        : tensor<1x2x2x3xf32> -> tensor<1x3x3x3xf32>
// CHECK-NEXT:    return %[[P]]
func.func @depthwise_no_multiplier(%x: tensor<1x2x2x3xf32>) -> tensor<1x3x3x3xf32> {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x1x3xf32>
  %filter = linalg.fill ins(%one : f32) outs(%e0 : tensor<1x1x3xf32>) -> tensor<1x1x3xf32>
  %padded = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x2x3xf32> to tensor<1x3x3x3xf32>
  %empty = tensor.empty() : tensor<1x3x3x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwc
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%padded, %filter : tensor<1x3x3x3xf32>, tensor<1x1x3xf32>)
         outs(%init : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}

// -----

// A stablehlo.convert of the input before the convolution (an elementwise
// generic) and of the result after it: both stay, the convolution between
// them is raised on the converted input.
// CHECK-LABEL: func.func @converts_around(
// CHECK:         %[[W:.+]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1x4x1xf16>)
// CHECK:           arith.extf
// CHECK:         %[[P:.+]] = patches.extract %[[W]] filter_shape = [2]
// CHECK:         %[[Y:.+]] = tensor.expand_shape %[[P]]
// CHECK:         linalg.generic {{.*}} ins(%[[Y]] : tensor<1x3x1x2xf32>)
// CHECK:           arith.truncf
// CHECK-NOT:     linalg.depthwise_conv_1d_nwc_wcm
func.func @converts_around(%x: tensor<1x4x1xf16>) -> tensor<1x3x1x2xf16> {
  %e0 = tensor.empty() : tensor<1x4x1xf32>
  %wide = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (a, b, c)>],
                          iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x4x1xf16>) outs(%e0 : tensor<1x4x1xf32>) {
  ^bb0(%in: f16, %out: f32):
    %v = arith.extf %in : f16 to f32
    linalg.yield %v : f32
  } -> tensor<1x4x1xf32>
  %filter = arith.constant dense<[[[1.0, 0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x1x2xf32>) -> tensor<1x3x1x2xf32>
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%wide, %filter : tensor<1x4x1xf32>, tensor<2x1x2xf32>)
         outs(%init : tensor<1x3x1x2xf32>) -> tensor<1x3x1x2xf32>
  %e1 = tensor.empty() : tensor<1x3x1x2xf16>
  %narrow = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
                            iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x3x1x2xf32>) outs(%e1 : tensor<1x3x1x2xf16>) {
  ^bb0(%in: f32, %out: f16):
    %v = arith.truncf %in : f32 to f16
    linalg.yield %v : f16
  } -> tensor<1x3x1x2xf16>
  return %narrow : tensor<1x3x1x2xf16>
}

// -----

// The mixed-type depthwise convolution and its fill, both generalized
// (--linalg-generalize-named-ops): upstream's matcher takes the generic
// with the conversions in its payload; the init is evaluated to zeros.
// CHECK-LABEL: func.func @generalized_f16_to_f32(
// CHECK-SAME:      %[[X:.+]]: tensor<1x4x2xf16>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [3] window_strides = [1]
// CHECK-SAME:        : tensor<1x4x2xf16> -> tensor<1x2x6xf16>
// CHECK:         arith.extf %{{.*}} : f16 to f32
// CHECK-NOT:     reduction
func.func @generalized_f16_to_f32(%x: tensor<1x4x2xf16>) -> tensor<1x2x2x3xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]], [[0.0, 0.0, 1.0], [0.0, 0.0, 1.0]]]> : tensor<3x2x3xf16>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2x2x3xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> ()>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
                          iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%zero : f32) outs(%empty : tensor<1x2x2x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x2x2x3xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(n, w, c, m, kw) -> (n, w + kw, c)>,
                                        affine_map<(n, w, c, m, kw) -> (kw, c, m)>,
                                        affine_map<(n, w, c, m, kw) -> (n, w, c, m)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %filter : tensor<1x4x2xf16>, tensor<3x2x3xf16>) outs(%init : tensor<1x2x2x3xf32>) {
  ^bb0(%in: f16, %f: f16, %acc: f32):
    %a = arith.extf %in : f16 to f32
    %b = arith.extf %f : f16 to f32
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}
