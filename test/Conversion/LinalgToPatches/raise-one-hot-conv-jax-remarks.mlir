// RUN: patches-opt %s -split-input-file -allow-unregistered-dialect -verify-diagnostics \
// RUN:   --patches-raise-one-hot-conv=remarks=true | FileCheck %s

// Near misses of the forms in raise-one-hot-conv-jax.mlir: each left alone
// with a remark that says what did not match.

// The ungrouped (C = 1) generic, its filter off by one: hot at m == kw + 1.
// CHECK-LABEL: func.func @ungrouped_off_by_one(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.generic
func.func @ungrouped_off_by_one(%x: tensor<1x5x1xf32>) -> tensor<1x4x2xf32> {
  %e0 = tensor.empty() : tensor<2x1x2xf32>
  %filter = linalg.generic {indexing_maps = [affine_map<(o, i, w) -> (o, i, w)>],
                            iterator_types = ["parallel", "parallel", "parallel"]}
      outs(%e0 : tensor<2x1x2xf32>) {
  ^bb0(%out: f32):
    %o = linalg.index 0 : index
    %w = linalg.index 2 : index
    %c1 = arith.constant 1 : index
    %w1 = arith.addi %w, %c1 : index
    %eq = arith.cmpi eq, %o, %w1 : index
    %v = arith.uitofp %eq : i1 to f32
    linalg.yield %v : f32
  } -> tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1x4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x4x2xf32>) -> tensor<1x4x2xf32>
  // expected-remark @below {{not raised to patches.extract: the filter is not one-hot: element [0, 0, 0] is 0, not 1}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (o, ci, kw)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%x, %filter : tensor<1x5x1xf32>, tensor<2x1x2xf32>)
      outs(%init : tensor<1x4x2xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %m = arith.mulf %in, %f : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x4x2xf32>
  return %y : tensor<1x4x2xf32>
}

// -----

// rhs dilation as a filter inserted into zeros, but with a one between its
// taps: the element the dilated window must leave zero.
// CHECK-LABEL: func.func @dilated_filter_between_taps(
// CHECK-NOT:     patches.extract
func.func @dilated_filter_between_taps(%x: tensor<1x6x1xf32>) -> tensor<1x4x2xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0, 0.0]], [[0.0, 1.0, 1.0]]]> : tensor<2x1x3xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1x4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x4x2xf32>) -> tensor<1x4x2xf32>
  // expected-remark @below {{not raised to patches.extract: the filter is not one-hot: element [1, 0, 1] is 1, not 0}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (o, ci, kw)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%x, %filter : tensor<1x6x1xf32>, tensor<2x1x3xf32>)
      outs(%init : tensor<1x4x2xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %m = arith.mulf %in, %f : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x4x2xf32>
  return %y : tensor<1x4x2xf32>
}

// -----

// The mixed-type grouped generic (f16 -> f32) with a wrong group count: two
// input features per group.
// CHECK-LABEL: func.func @mixed_two_features_per_group(
// CHECK-NOT:     patches.extract
func.func @mixed_two_features_per_group(%x: tensor<1x4x3xf16>, %filter: tensor<2x2x2x2xf16>) -> tensor<1x2x2x2xf32> {
  %xg = tensor.expand_shape %x [[0], [1, 2], [3]] output_shape [1, 2, 2, 3] : tensor<1x4x3xf16> into tensor<1x2x2x3xf16>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  // expected-remark @below {{not raised to patches.extract: a grouped convolution with 2 feature groups of 2 input features each, not one per group}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(g, ci, m, ow, kw, n) -> (n, g, ci, ow + kw)>,
                       affine_map<(g, ci, m, ow, kw, n) -> (g, m, ci, kw)>,
                       affine_map<(g, ci, m, ow, kw, n) -> (n, g, m, ow)>],
      iterator_types = ["parallel", "reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%xg, %filter : tensor<1x2x2x3xf16>, tensor<2x2x2x2xf16>)
      outs(%init : tensor<1x2x2x2xf32>) {
  ^bb0(%in: f16, %f: f16, %acc: f32):
    %a = arith.extf %in : f16 to f32
    %b = arith.extf %f : f16 to f32
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

// The mixed-type depthwise named op (f16 -> f32) whose input is padded
// with 1.0.
// CHECK-LABEL: func.func @mixed_nonzero_padding(
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
func.func @mixed_nonzero_padding(%x: tensor<1x3x1xf16>) -> tensor<1x4x1x2xf32> {
  %one = arith.constant 1.0 : f16
  %padded = tensor.pad %x low[0, 1, 0] high[0, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %one : f16
  } : tensor<1x3x1xf16> to tensor<1x5x1xf16>
  %filter = arith.constant dense<[[[1.0, 0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf16>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x4x1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x4x1x2xf32>) -> tensor<1x4x1x2xf32>
  // expected-remark @below {{not raised to patches.extract: the input's tensor.pad pads with a value that is not a constant zero}}
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%padded, %filter : tensor<1x5x1xf16>, tensor<2x1x2xf16>)
         outs(%init : tensor<1x4x1x2xf32>) -> tensor<1x4x1x2xf32>
  return %y : tensor<1x4x1x2xf32>
}

// -----

// The ungrouped generic, its input padded with 1.0.
// CHECK-LABEL: func.func @ungrouped_nonzero_padding(
// CHECK-NOT:     patches.extract
func.func @ungrouped_nonzero_padding(%x: tensor<1x3x1xi32>) -> tensor<1x4x2xi32> {
  %one = arith.constant 1 : i32
  %padded = tensor.pad %x low[0, 1, 0] high[0, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %one : i32
  } : tensor<1x3x1xi32> to tensor<1x5x1xi32>
  %filter = arith.constant dense<[[[1, 0]], [[0, 1]]]> : tensor<2x1x2xi32>
  %zero = arith.constant 0 : i32
  %e1 = tensor.empty() : tensor<1x4x2xi32>
  %init = linalg.fill ins(%zero : i32) outs(%e1 : tensor<1x4x2xi32>) -> tensor<1x4x2xi32>
  // expected-remark @below {{not raised to patches.extract: the input's tensor.pad pads with a value that is not a constant zero}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (o, ci, kw)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%padded, %filter : tensor<1x5x1xi32>, tensor<2x1x2xi32>)
      outs(%init : tensor<1x4x2xi32>) {
  ^bb0(%in: i32, %f: i32, %acc: i32):
    %m = arith.muli %in, %f : i32
    %s = arith.addi %acc, %m : i32
    linalg.yield %s : i32
  } -> tensor<1x4x2xi32>
  return %y : tensor<1x4x2xi32>
}

// -----

// The grouped form without spatial dimensions, taking a maximum.
// CHECK-LABEL: func.func @no_spatial_not_multiply_add(
// CHECK-NOT:     patches.extract
func.func @no_spatial_not_multiply_add(%x: tensor<2x5xf32>) -> tensor<5x1x2xf32> {
  %one = arith.constant 1.0 : f32
  %e0 = tensor.empty() : tensor<5x1x1xf32>
  %filter = linalg.fill ins(%one : f32) outs(%e0 : tensor<5x1x1xf32>) -> tensor<5x1x1xf32>
  %xg = tensor.expand_shape %x [[0], [1, 2]] output_shape [2, 5, 1] : tensor<2x5xf32> into tensor<2x5x1xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<5x1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e1 : tensor<5x1x2xf32>) -> tensor<5x1x2xf32>
  // expected-remark @below {{not raised to patches.extract: the payload is not a multiply-accumulate}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(g, ci, o, n) -> (n, g, ci)>,
                       affine_map<(g, ci, o, n) -> (g, o, ci)>,
                       affine_map<(g, ci, o, n) -> (g, o, n)>],
      iterator_types = ["parallel", "reduction", "parallel", "parallel"]}
      ins(%xg, %filter : tensor<2x5x1xf32>, tensor<5x1x1xf32>)
      outs(%init : tensor<5x1x2xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %m = arith.maximumf %in, %f : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<5x1x2xf32>
  return %y : tensor<5x1x2xf32>
}

// -----

// The mixed-type payload converting the product, not the operands.
// CHECK-LABEL: func.func @converts_the_product(
// CHECK-NOT:     patches.extract
func.func @converts_the_product(%x: tensor<1x3x1xf16>) -> tensor<1x2x2xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf16>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  // expected-remark @below {{not raised to patches.extract: the payload converts the accumulator or the product, not the operands}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (kw, ci, o)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%x, %filter : tensor<1x3x1xf16>, tensor<2x1x2xf16>)
      outs(%init : tensor<1x2x2xf32>) {
  ^bb0(%in: f16, %f: f16, %acc: f32):
    %m = arith.mulf %in, %f : f16
    %w = arith.extf %m : f16 to f32
    %s = arith.addf %acc, %w : f32
    linalg.yield %s : f32
  } -> tensor<1x2x2xf32>
  return %y : tensor<1x2x2xf32>
}

// -----

// An operand changed by an op that is not a conversion (a negation).
// CHECK-LABEL: func.func @negated_operand(
// CHECK-NOT:     patches.extract
func.func @negated_operand(%x: tensor<1x3x1xf32>) -> tensor<1x2x2xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  // expected-remark @below {{not raised to patches.extract: the payload applies 'arith.negf' to an operand, which is not a conversion}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (kw, ci, o)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%x, %filter : tensor<1x3x1xf32>, tensor<2x1x2xf32>)
      outs(%init : tensor<1x2x2xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %n = arith.negf %in : f32
    %m = arith.mulf %n, %f : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x2xf32>
  return %y : tensor<1x2x2xf32>
}

// -----

// A boolean filter sign-extended: true becomes -1, not 1.
// CHECK-LABEL: func.func @filter_sign_extended(
// CHECK-NOT:     patches.extract
func.func @filter_sign_extended(%x: tensor<1x3x1xi32>) -> tensor<1x2x2xi32> {
  %filter = arith.constant dense<[[[true, false]], [[false, true]]]> : tensor<2x1x2xi1>
  %zero = arith.constant 0 : i32
  %e1 = tensor.empty() : tensor<1x2x2xi32>
  %init = linalg.fill ins(%zero : i32) outs(%e1 : tensor<1x2x2xi32>) -> tensor<1x2x2xi32>
  // expected-remark @below {{not raised to patches.extract: the payload's conversion of the filter does not keep 1 as 1}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (kw, ci, o)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%x, %filter : tensor<1x3x1xi32>, tensor<2x1x2xi1>)
      outs(%init : tensor<1x2x2xi32>) {
  ^bb0(%in: i32, %f: i1, %acc: i32):
    %b = arith.extsi %f : i1 to i32
    %m = arith.muli %in, %b : i32
    %s = arith.addi %acc, %m : i32
    linalg.yield %s : i32
  } -> tensor<1x2x2xi32>
  return %y : tensor<1x2x2xi32>
}

// -----

// A precision_config that names no precision the extraction has.
// CHECK-LABEL: func.func @unknown_precision(
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
func.func @unknown_precision(%x: tensor<1x3x1xf32>) -> tensor<1x2x1x2xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2x1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x1x2xf32>) -> tensor<1x2x1x2xf32>
  // expected-remark @below {{not raised to patches.extract: its precision_config is not a list of DEFAULT, HIGH or HIGHEST precisions}}
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>,
          precision_config = [#stablehlo<precision FASTEST>, #stablehlo<precision DEFAULT>]}
         ins(%x, %filter : tensor<1x3x1xf32>, tensor<2x1x2xf32>)
         outs(%init : tensor<1x2x1x2xf32>) -> tensor<1x2x1x2xf32>
  return %y : tensor<1x2x1x2xf32>
}

// -----

// Ordinary convolutions are no candidates: a named one of two input
// channels, an ungrouped generic one of two; no remark.
// CHECK-LABEL: func.func @ordinary_convolutions(
// CHECK:         linalg.conv_2d_nhwc_hwcf
// CHECK:         linalg.generic
func.func @ordinary_convolutions(%x: tensor<1x3x3x2xf32>, %f: tensor<2x2x2x4xf32>,
                                 %x2: tensor<1x5x2xf32>, %f2: tensor<2x2x2xf32>)
    -> (tensor<1x2x2x4xf32>, tensor<1x4x2xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2x2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2x4xf32>) -> tensor<1x2x2x4xf32>
  %y = linalg.conv_2d_nhwc_hwcf
         {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
         ins(%x, %f : tensor<1x3x3x2xf32>, tensor<2x2x2x4xf32>)
         outs(%init : tensor<1x2x2x4xf32>) -> tensor<1x2x2x4xf32>
  %e1 = tensor.empty() : tensor<1x4x2xf32>
  %init2 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x4x2xf32>) -> tensor<1x4x2xf32>
  %y2 = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (o, ci, kw)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%x2, %f2 : tensor<1x5x2xf32>, tensor<2x2x2xf32>)
      outs(%init2 : tensor<1x4x2xf32>) {
  ^bb0(%in: f32, %w: f32, %acc: f32):
    %m = arith.mulf %in, %w : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x4x2xf32>
  return %y, %y2 : tensor<1x2x2x4xf32>, tensor<1x4x2xf32>
}

// -----

// The named convolution of one channel, its filter off by one.
// CHECK-LABEL: func.func @single_channel_off_by_one(
// CHECK:         linalg.conv_1d_nwc_wcf
func.func @single_channel_off_by_one(%x: tensor<1x3x1xf32>) -> tensor<1x2x2xf32> {
  %filter = arith.constant dense<[[[0.0, 1.0]], [[1.0, 0.0]]]> : tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  // expected-remark @below {{not raised to patches.extract: the filter is not one-hot: element [0, 0, 0] is 0, not 1}}
  %y = linalg.conv_1d_nwc_wcf
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x3x1xf32>, tensor<2x1x2xf32>)
         outs(%init : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  return %y : tensor<1x2x2xf32>
}

// -----

// The named convolution of one channel, its input padded with 1.
// CHECK-LABEL: func.func @single_channel_nonzero_padding(
// CHECK:         linalg.conv_1d_nwc_wcf
func.func @single_channel_nonzero_padding(%x: tensor<1x3x1xi32>) -> tensor<1x4x2xi32> {
  %one = arith.constant 1 : i32
  %padded = tensor.pad %x low[0, 1, 0] high[0, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %one : i32
  } : tensor<1x3x1xi32> to tensor<1x5x1xi32>
  %filter = arith.constant dense<[[[1, 0]], [[0, 1]]]> : tensor<2x1x2xi32>
  %zero = arith.constant 0 : i32
  %empty = tensor.empty() : tensor<1x4x2xi32>
  %init = linalg.fill ins(%zero : i32) outs(%empty : tensor<1x4x2xi32>) -> tensor<1x4x2xi32>
  // expected-remark @below {{not raised to patches.extract: the input's tensor.pad pads with a value that is not a constant zero}}
  %y = linalg.conv_1d_nwc_wcf
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%padded, %filter : tensor<1x5x1xi32>, tensor<2x1x2xi32>)
         outs(%init : tensor<1x4x2xi32>) -> tensor<1x4x2xi32>
  return %y : tensor<1x4x2xi32>
}

// -----

// The depthwise op without multiplier, a filter element 2 where it must be
// one.
// CHECK-LABEL: func.func @no_multiplier_not_one(
// CHECK:         linalg.depthwise_conv_1d_nwc_wc
func.func @no_multiplier_not_one(%x: tensor<1x3x2xf32>) -> tensor<1x3x2xf32> {
  %filter = arith.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x2xf32>) -> tensor<1x3x2xf32>
  // expected-remark @below {{not raised to patches.extract: the filter is not one-hot: element [0, 1] is 2, not 1}}
  %y = linalg.depthwise_conv_1d_nwc_wc
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x3x2xf32>, tensor<1x2xf32>)
         outs(%init : tensor<1x3x2xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}

// -----

// The depthwise op without multiplier on a 2-wide window: one output per
// channel for two window positions.
// CHECK-LABEL: func.func @no_multiplier_wide_window(
// CHECK:         linalg.depthwise_conv_1d_nwc_wc
func.func @no_multiplier_wide_window(%x: tensor<1x3x2xf32>) -> tensor<1x2x2xf32> {
  %filter = arith.constant dense<[[1.0, 1.0], [0.0, 0.0]]> : tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  // expected-remark @below {{not raised to patches.extract: the channel multiplier 1 is not the window size 2}}
  %y = linalg.depthwise_conv_1d_nwc_wc
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x3x2xf32>, tensor<2x2xf32>)
         outs(%init : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  return %y : tensor<1x2x2xf32>
}

// -----

// The grouped form without spatial dimensions, a filter element 0 where it
// must be one.
// CHECK-LABEL: func.func @no_spatial_off(
// CHECK-NOT:     patches.extract
func.func @no_spatial_off(%x: tensor<2x3xi32>) -> tensor<3x1x2xi32> {
  %filter = arith.constant dense<[[[1]], [[0]], [[1]]]> : tensor<3x1x1xi32>
  %xg = tensor.expand_shape %x [[0], [1, 2]] output_shape [2, 3, 1] : tensor<2x3xi32> into tensor<2x3x1xi32>
  %zero = arith.constant 0 : i32
  %e1 = tensor.empty() : tensor<3x1x2xi32>
  %init = linalg.fill ins(%zero : i32) outs(%e1 : tensor<3x1x2xi32>) -> tensor<3x1x2xi32>
  // expected-remark @below {{not raised to patches.extract: the filter is not one-hot: element [1, 0, 0] is 0, not 1}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(g, ci, o, n) -> (n, g, ci)>,
                       affine_map<(g, ci, o, n) -> (g, o, ci)>,
                       affine_map<(g, ci, o, n) -> (g, o, n)>],
      iterator_types = ["parallel", "reduction", "parallel", "parallel"]}
      ins(%xg, %filter : tensor<2x3x1xi32>, tensor<3x1x1xi32>)
      outs(%init : tensor<3x1x2xi32>) {
  ^bb0(%in: i32, %f: i32, %acc: i32):
    %m = arith.muli %in, %f : i32
    %s = arith.addi %acc, %m : i32
    linalg.yield %s : i32
  } -> tensor<3x1x2xi32>
  return %y : tensor<3x1x2xi32>
}

// -----

// The mixed-type depthwise named op (f16 -> f32), its filter off by one.
// CHECK-LABEL: func.func @mixed_off_by_one(
// CHECK:         linalg.depthwise_conv_1d_nwc_wcm
func.func @mixed_off_by_one(%x: tensor<1x3x1xf16>) -> tensor<1x2x1x2xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0]], [[1.0, 0.0]]]> : tensor<2x1x2xf16>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x2x1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x1x2xf32>) -> tensor<1x2x1x2xf32>
  // expected-remark @below {{not raised to patches.extract: the filter is not one-hot: element [1, 0, 0] is 1, not 0}}
  %y = linalg.depthwise_conv_1d_nwc_wcm
         {strides = dense<1> : tensor<1xi64>, dilations = dense<1> : tensor<1xi64>}
         ins(%x, %filter : tensor<1x3x1xf16>, tensor<2x1x2xf16>)
         outs(%init : tensor<1x2x1x2xf32>) -> tensor<1x2x1x2xf32>
  return %y : tensor<1x2x1x2xf32>
}

// -----

// The ungrouped generic taking a maximum.
// CHECK-LABEL: func.func @ungrouped_not_multiply_add(
// CHECK-NOT:     patches.extract
func.func @ungrouped_not_multiply_add(%x: tensor<1x3x1xf32>) -> tensor<1x2x2xf32> {
  %filter = arith.constant dense<[[[1.0, 0.0]], [[0.0, 1.0]]]> : tensor<2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  // expected-remark @below {{not raised to patches.extract: the payload is not a multiply-accumulate}}
  %y = linalg.generic {
      indexing_maps = [affine_map<(ci, o, ow, kw, n) -> (n, ow + kw, ci)>,
                       affine_map<(ci, o, ow, kw, n) -> (kw, ci, o)>,
                       affine_map<(ci, o, ow, kw, n) -> (n, ow, o)>],
      iterator_types = ["reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%x, %filter : tensor<1x3x1xf32>, tensor<2x1x2xf32>)
      outs(%init : tensor<1x2x2xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %m = arith.mulf %in, %f : f32
    %s = arith.maximumf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x2xf32>
  return %y : tensor<1x2x2xf32>
}

// -----

// A matrix product as a generic (no spatial dimension, four output
// features): no candidate, no remark.
// CHECK-LABEL: func.func @matmul_generic(
// CHECK:         linalg.generic
func.func @matmul_generic(%a: tensor<3x1xf32>, %b: tensor<1x4xf32>) -> tensor<3x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<3x4xf32>) -> tensor<3x4xf32>
  %y = linalg.generic {
      indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>,
                       affine_map<(m, n, k) -> (m, n)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<3x1xf32>, tensor<1x4xf32>) outs(%init : tensor<3x4xf32>) {
  ^bb0(%x: f32, %w: f32, %acc: f32):
    %m = arith.mulf %x, %w : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
