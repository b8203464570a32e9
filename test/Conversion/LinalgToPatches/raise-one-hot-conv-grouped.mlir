// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --patches-raise-one-hot-conv=remarks=true | FileCheck %s

// JAX's default layout: NCHW input, OIHW filter, NCHW output, as
// StableHLO's general conversion writes feature_group_count = C: the input's
// C split into (G, 1), the filter's O into (G, K), a linalg.generic over
// (g, ci, m, oh, kh, ow, kw, n), the output's (G, K) collapsed. The filter
// is jnp.eye(4) broadcast over the channels and reshaped to OIHW; padding
// (1, 0) x (0, 1), stride (1, 2).
// CHECK-LABEL: func.func @grouped_nchw(
// CHECK-SAME:      %[[X:.+]]: tensor<1x2x3x4xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2, 2] window_strides = [1, 2]
// CHECK-SAME:        padding = {{\[\[}}1, 0], [0, 1]] : tensor<1x2x3x4xf32> -> tensor<1x8x3x2xf32>
// CHECK:         %[[Y:.+]] = tensor.expand_shape %[[P]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 4, 3, 2]
// CHECK:         tensor.collapse_shape %[[Y]]
#in = affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (n, g, ci, oh + kh, ow * 2 + kw)>
#fi = affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (g, m, ci, kh, kw)>
#out = affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (n, g, m, oh, ow)>
func.func @grouped_nchw(%x: tensor<1x2x3x4xf32>) -> tensor<1x8x3x2xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 0, 1, 0] high[0, 0, 0, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x3x4xf32> to tensor<1x2x4x5xf32>
  %grouped = tensor.expand_shape %padded [[0], [1, 2], [3], [4]] output_shape [1, 2, 1, 4, 5]
      : tensor<1x2x4x5xf32> into tensor<1x2x1x4x5xf32>
  %e0 = tensor.empty() : tensor<4x4xf32>
  %eye = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>],
                         iterator_types = ["parallel", "parallel"]}
      outs(%e0 : tensor<4x4xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %eq = arith.cmpi eq, %i, %j : index
    %f = arith.uitofp %eq : i1 to f32
    linalg.yield %f : f32
  } -> tensor<4x4xf32>
  %e1 = tensor.empty() : tensor<2x4x4xf32>
  %b = linalg.broadcast ins(%eye : tensor<4x4xf32>) outs(%e1 : tensor<2x4x4xf32>) dimensions = [0]
  %oihw = tensor.expand_shape %b [[0], [1, 2], [3, 4]] output_shape [2, 4, 1, 2, 2]
      : tensor<2x4x4xf32> into tensor<2x4x1x2x2xf32>
  %e2 = tensor.empty() : tensor<1x2x4x3x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x2x4x3x2xf32>) -> tensor<1x2x4x3x2xf32>
  %y = linalg.generic {indexing_maps = [#in, #fi, #out],
                       iterator_types = ["parallel", "reduction", "parallel", "parallel", "reduction", "parallel", "reduction", "parallel"]}
      ins(%grouped, %oihw : tensor<1x2x1x4x5xf32>, tensor<2x4x1x2x2xf32>)
      outs(%init : tensor<1x2x4x3x2xf32>) {
  ^bb0(%a: f32, %w: f32, %acc: f32):
    %p = arith.mulf %a, %w : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x2x4x3x2xf32>
  %r = tensor.collapse_shape %y [[0], [1, 2], [3], [4]] : tensor<1x2x4x3x2xf32> into tensor<1x8x3x2xf32>
  return %r : tensor<1x8x3x2xf32>
}

// -----

// The same grouped form in channels-last layouts (input (N, H, W, G, 1),
// filter (H, W, 1, G, K), output (N, H, W, G, K)), 1-D: the specs follow
// the operands.

#in = affine_map<(n, ow, kw, g, ci, m) -> (n, ow + kw * 2, g, ci)>
#fi = affine_map<(n, ow, kw, g, ci, m) -> (kw, ci, g, m)>
#out = affine_map<(n, ow, kw, g, ci, m) -> (n, ow, g, m)>
// CHECK-LABEL: func.func @grouped_nwc_dilated(
// CHECK-SAME:      %[[X:.+]]: tensor<1x6x3xi32>
// CHECK:         %[[P:.+]] = patches.extract %[[X]] filter_shape = [2] window_strides = [1]
// CHECK-SAME:        padding = {{\[\[}}0, 0]] rhs_dilation = [2] dimension_numbers = ("NWC", "OIW", "NWC")
// CHECK-SAME:        : tensor<1x6x3xi32> -> tensor<1x4x6xi32>
// CHECK:         tensor.expand_shape %[[P]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 4, 3, 2]
// CHECK-NOT:     linalg.generic
func.func @grouped_nwc_dilated(%x: tensor<1x6x3xi32>) -> tensor<1x4x3x2xi32> {
  %grouped = tensor.expand_shape %x [[0], [1], [2, 3]] output_shape [1, 6, 3, 1]
      : tensor<1x6x3xi32> into tensor<1x6x3x1xi32>
  %e = tensor.empty() : tensor<2x1x3x2xi32>
  %filter = linalg.generic {indexing_maps = [affine_map<(k, i, g, m) -> (k, i, g, m)>],
                            iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%e : tensor<2x1x3x2xi32>) {
  ^bb0(%o: i32):
    %k = linalg.index 0 : index
    %m = linalg.index 3 : index
    %eq = arith.cmpi eq, %k, %m : index
    %v = arith.extui %eq : i1 to i32
    linalg.yield %v : i32
  } -> tensor<2x1x3x2xi32>
  %init = arith.constant dense<0> : tensor<1x4x3x2xi32>
  %y = linalg.generic {indexing_maps = [#in, #fi, #out],
                       iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction", "parallel"]}
      ins(%grouped, %filter : tensor<1x6x3x1xi32>, tensor<2x1x3x2xi32>)
      outs(%init : tensor<1x4x3x2xi32>) {
  ^bb0(%a: i32, %w: i32, %acc: i32):
    %p = arith.muli %a, %w : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<1x4x3x2xi32>
  return %y : tensor<1x4x3x2xi32>
}

// -----

// Not raised: two input features per group (feature_group_count = C / 2).

#in = affine_map<(n, ow, kw, g, ci, m) -> (n, ow + kw, g, ci)>
#fi = affine_map<(n, ow, kw, g, ci, m) -> (kw, ci, g, m)>
#out = affine_map<(n, ow, kw, g, ci, m) -> (n, ow, g, m)>
// CHECK-LABEL: func.func @two_features_per_group(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.generic
func.func @two_features_per_group(%x: tensor<1x4x2x2xf32>, %filter: tensor<2x2x2x2xf32>) -> tensor<1x3x2x2xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  // expected-remark @below {{a grouped convolution with 2 feature groups of 2 input features each, not one per group}}
  %y = linalg.generic {indexing_maps = [#in, #fi, #out],
                       iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction", "parallel"]}
      ins(%x, %filter : tensor<1x4x2x2xf32>, tensor<2x2x2x2xf32>)
      outs(%init : tensor<1x3x2x2xf32>) {
  ^bb0(%a: f32, %w: f32, %acc: f32):
    %p = arith.mulf %a, %w : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}

// -----

// Not raised: the grouped form with a filter hot at m == kw + 1.

#in = affine_map<(n, ow, kw, g, ci, m) -> (n, ow + kw, g, ci)>
#fi = affine_map<(n, ow, kw, g, ci, m) -> (kw, ci, g, m)>
#out = affine_map<(n, ow, kw, g, ci, m) -> (n, ow, g, m)>
// CHECK-LABEL: func.func @grouped_off_by_one(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.generic
func.func @grouped_off_by_one(%x: tensor<1x4x2xf32>) -> tensor<1x3x2x2xf32> {
  %grouped = tensor.expand_shape %x [[0], [1], [2, 3]] output_shape [1, 4, 2, 1]
      : tensor<1x4x2xf32> into tensor<1x4x2x1xf32>
  %filter = arith.constant dense<[[[[0.0, 1.0], [0.0, 1.0]]], [[[0.0, 0.0], [0.0, 0.0]]]]> : tensor<2x1x2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  // expected-remark @below {{the filter is not one-hot: element [0, 0, 0, 0] is 0, not 1}}
  %y = linalg.generic {indexing_maps = [#in, #fi, #out],
                       iterator_types = ["parallel", "parallel", "reduction", "parallel", "reduction", "parallel"]}
      ins(%grouped, %filter : tensor<1x4x2x1xf32>, tensor<2x1x2x2xf32>)
      outs(%init : tensor<1x3x2x2xf32>) {
  ^bb0(%a: f32, %w: f32, %acc: f32):
    %p = arith.mulf %a, %w : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}

// -----

// Not raised: the grouped NCW form with the input padded by 1.0.

#in = affine_map<(g, ci, m, ow, kw, n) -> (n, g, ci, ow + kw)>
#fi = affine_map<(g, ci, m, ow, kw, n) -> (g, m, ci, kw)>
#out = affine_map<(g, ci, m, ow, kw, n) -> (n, g, m, ow)>
// CHECK-LABEL: func.func @grouped_nonzero_padding(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.generic
func.func @grouped_nonzero_padding(%x: tensor<1x1x3xf32>) -> tensor<1x1x2x3xf32> {
  %one = arith.constant 1.0 : f32
  %padded = tensor.pad %x low[0, 0, 1] high[0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %one : f32
  } : tensor<1x1x3xf32> to tensor<1x1x4xf32>
  %grouped = tensor.expand_shape %padded [[0], [1, 2], [3]] output_shape [1, 1, 1, 4]
      : tensor<1x1x4xf32> into tensor<1x1x1x4xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0]], [[0.0, 1.0]]]]> : tensor<1x2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1x2x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1x2x3xf32>) -> tensor<1x1x2x3xf32>
  // expected-remark @below {{the input's tensor.pad pads with a value that is not a constant zero}}
  %y = linalg.generic {indexing_maps = [#in, #fi, #out],
                       iterator_types = ["parallel", "reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%grouped, %filter : tensor<1x1x1x4xf32>, tensor<1x2x1x2xf32>)
      outs(%init : tensor<1x1x2x3xf32>) {
  ^bb0(%a: f32, %w: f32, %acc: f32):
    %p = arith.mulf %a, %w : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x1x2x3xf32>
  return %y : tensor<1x1x2x3xf32>
}

// -----

// Not raised: the grouped NCW form taking a maximum.

#in = affine_map<(g, ci, m, ow, kw, n) -> (n, g, ci, ow + kw)>
#fi = affine_map<(g, ci, m, ow, kw, n) -> (g, m, ci, kw)>
#out = affine_map<(g, ci, m, ow, kw, n) -> (n, g, m, ow)>
// CHECK-LABEL: func.func @grouped_not_multiply_add(
// CHECK-NOT:     patches.extract
// CHECK:         linalg.generic
func.func @grouped_not_multiply_add(%x: tensor<1x1x3xf32>) -> tensor<1x1x2x2xf32> {
  %grouped = tensor.expand_shape %x [[0], [1, 2], [3]] output_shape [1, 1, 1, 3]
      : tensor<1x1x3xf32> into tensor<1x1x1x3xf32>
  %filter = arith.constant dense<[[[[1.0, 0.0]], [[0.0, 1.0]]]]> : tensor<1x2x1x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1x2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  // expected-remark @below {{the payload is not a multiply-accumulate}}
  %y = linalg.generic {indexing_maps = [#in, #fi, #out],
                       iterator_types = ["parallel", "reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%grouped, %filter : tensor<1x1x1x3xf32>, tensor<1x2x1x2xf32>)
      outs(%init : tensor<1x1x2x2xf32>) {
  ^bb0(%a: f32, %w: f32, %acc: f32):
    %p = arith.mulf %a, %w : f32
    %s = arith.maximumf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// -----

// 3-D NCDHW, stride 2 in W: the grouped form with three spatial pairs
// (NCDHW, OIDHW, NCDHW are the op's default dimension numbers).

#in = affine_map<(g, ci, m, od, kd, oh, kh, ow, kw, n) -> (n, g, ci, od + kd, oh + kh, ow * 2 + kw)>
#fi = affine_map<(g, ci, m, od, kd, oh, kh, ow, kw, n) -> (g, m, ci, kd, kh, kw)>
#out = affine_map<(g, ci, m, od, kd, oh, kh, ow, kw, n) -> (n, g, m, od, oh, ow)>
// CHECK-LABEL: func.func @grouped_ncdhw(
// CHECK-SAME:      %[[X:.+]]: tensor<1x1x3x2x5xi32>
// CHECK:         patches.extract %[[X]] filter_shape = [2, 1, 2] window_strides = [1, 1, 2]
// CHECK-SAME:        padding = {{\[\[}}0, 0], [0, 0], [0, 0]] : tensor<1x1x3x2x5xi32> -> tensor<1x4x2x2x2xi32>
// CHECK-NOT:     linalg.generic
func.func @grouped_ncdhw(%x: tensor<1x1x3x2x5xi32>) -> tensor<1x1x4x2x2x2xi32> {
  %grouped = tensor.expand_shape %x [[0], [1, 2], [3], [4], [5]] output_shape [1, 1, 1, 3, 2, 5]
      : tensor<1x1x3x2x5xi32> into tensor<1x1x1x3x2x5xi32>
  %e = tensor.empty() : tensor<1x4x1x2x1x2xi32>
  %filter = linalg.generic {indexing_maps = [affine_map<(g, m, i, d, h, w) -> (g, m, i, d, h, w)>],
                            iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      outs(%e : tensor<1x4x1x2x1x2xi32>) {
  ^bb0(%o: i32):
    %c2 = arith.constant 2 : index
    %m = linalg.index 1 : index
    %d = linalg.index 3 : index
    %h = linalg.index 4 : index
    %w = linalg.index 5 : index
    %a = arith.muli %d, %c2 : index
    %b = arith.addi %a, %h : index
    %k = arith.addi %b, %w : index
    %eq = arith.cmpi eq, %k, %m : index
    %v = arith.extui %eq : i1 to i32
    linalg.yield %v : i32
  } -> tensor<1x4x1x2x1x2xi32>
  %init = arith.constant dense<0> : tensor<1x1x4x2x2x2xi32>
  %y = linalg.generic {indexing_maps = [#in, #fi, #out],
                       iterator_types = ["parallel", "reduction", "parallel", "parallel", "reduction", "parallel", "reduction", "parallel", "reduction", "parallel"]}
      ins(%grouped, %filter : tensor<1x1x1x3x2x5xi32>, tensor<1x4x1x2x1x2xi32>)
      outs(%init : tensor<1x1x4x2x2x2xi32>) {
  ^bb0(%a: i32, %w: i32, %acc: i32):
    %p = arith.muli %a, %w : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<1x1x4x2x2x2xi32>
  return %y : tensor<1x1x4x2x2x2xi32>
}
