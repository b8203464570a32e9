// Grouped linalg.generic convolutions (feature groups = C) as StableHLO's
// general conversion writes them for non-canonical layouts, executed as
// written and after --patches-raise-one-hot-conv: the same values on
// integer-valued inputs, those of conv_general_dilated_patches (checked
// against a NumPy model of it when written). JAX's default NCHW/OIHW with
// padding and a stride, and one case of JAX's NonOverlapping test grid,
// ("CWHN", "HOWI", "NCHW") with filter_shape (3, 2), and 1-D NCW with lhs
// dilation and negative padding.
// RUN: patches-opt %s --patches-raise-one-hot-conv | FileCheck %s --check-prefix=RAISED
// RUN: patches-opt %s --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-raise-one-hot-conv --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// RAISED-LABEL: func.func @grouped_nchw(
// RAISED-NOT:     linalg.generic
// RAISED:         patches.extract
// RAISED-LABEL: func.func @grouped_cwhn(
// RAISED-NOT:     linalg.generic
// RAISED:         patches.extract {{.*}} dimension_numbers = ("CWHN", "OIHW", "NCHW")
// RAISED-LABEL: func.func @grouped_ncw(
// RAISED-NOT:     linalg.generic
// RAISED:         patches.extract {{.*}} padding = {{\[\[}}-1, -1]] lhs_dilation = [2]

// NCHW: row c * 4 + kh * 2 + kw, column oh * 2 + ow. CWHN: row n, column
// kh * 2 + kw. NCW: row c * 3 + kw, column ow.
// CHECK:      sizes = [8, 6]
// CHECK-NEXT: {{\[\[}}0, 0, 1, 3, 5, 7],
// CHECK-NEXT:  [0, 0, 2, 4, 6, 8],
// CHECK-NEXT:  [1, 3, 5, 7, 9, 11],
// CHECK-NEXT:  [2, 4, 6, 8, 10, 12],
// CHECK-NEXT:  [0, 0, 13, 15, 17, 19],
// CHECK-NEXT:  [0, 0, 14, 16, 18, 20],
// CHECK-NEXT:  [13, 15, 17, 19, 21, 23],
// CHECK-NEXT:  [14, 16, 18, 20, 22, 24]]
// CHECK:      sizes = [4, 6]
// CHECK-NEXT: {{\[\[}}1, 13, 5, 17, 9, 21],
// CHECK-NEXT:  [2, 14, 6, 18, 10, 22],
// CHECK-NEXT:  [3, 15, 7, 19, 11, 23],
// CHECK-NEXT:  [4, 16, 8, 20, 12, 24]]
// CHECK:      sizes = [6, 3]
// CHECK-NEXT: {{\[\[}}0, 0, 0],
// CHECK-NEXT:  [2, 3, 4],
// CHECK-NEXT:  [0, 0, 0],
// CHECK-NEXT:  [0, 0, 0],
// CHECK-NEXT:  [7, 8, 9],
// CHECK-NEXT:  [0, 0, 0]]

// JAX's default layout: NCHW input, OIHW filter, NCHW output, as
// StableHLO's general conversion writes feature_group_count = C: the input's
// C split into (G, 1), the filter's O into (G, K), a linalg.generic over
// (g, ci, m, oh, kh, ow, kw, n), the output's (G, K) collapsed. The filter
// is jnp.eye(4) broadcast over the channels and reshaped to OIHW; padding
// (1, 0) x (0, 1), stride (1, 2).
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
// JAX's NonOverlapping case lhs (1, 2, 3, 4), filter_shape (3, 2),
// strides (1, 1), no padding, dimension_numbers ("CWHN", "HOWI", "NCHW"):
// input (C, W, H, N) split to (G, 1, W, H, N), filter (KH, O, KW, I) split
// to (KH, G, K, KW, I), output (N, G, K, OH, OW).
#cwhn_in = affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (g, ci, ow + kw, oh + kh, n)>
#cwhn_fi = affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (kh, g, m, kw, ci)>
#cwhn_out = affine_map<(g, ci, m, oh, kh, ow, kw, n) -> (n, g, m, oh, ow)>
func.func @grouped_cwhn(%x: tensor<1x2x3x4xf32>) -> tensor<4x6x1x1xf32> {
  %zero = arith.constant 0.0 : f32
  %grouped = tensor.expand_shape %x [[0, 1], [2], [3], [4]] output_shape [1, 1, 2, 3, 4]
      : tensor<1x2x3x4xf32> into tensor<1x1x2x3x4xf32>
  %e = tensor.empty() : tensor<3x1x6x2x1xf32>
  %filter = linalg.generic {indexing_maps = [affine_map<(kh, g, m, kw, i) -> (kh, g, m, kw, i)>],
                            iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      outs(%e : tensor<3x1x6x2x1xf32>) {
  ^bb0(%o: f32):
    %c2 = arith.constant 2 : index
    %kh = linalg.index 0 : index
    %m = linalg.index 2 : index
    %kw = linalg.index 3 : index
    %a = arith.muli %kh, %c2 : index
    %k = arith.addi %a, %kw : index
    %eq = arith.cmpi eq, %k, %m : index
    %f = arith.uitofp %eq : i1 to f32
    linalg.yield %f : f32
  } -> tensor<3x1x6x2x1xf32>
  %e2 = tensor.empty() : tensor<4x1x6x1x1xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x1x6x1x1xf32>) -> tensor<4x1x6x1x1xf32>
  %y = linalg.generic {indexing_maps = [#cwhn_in, #cwhn_fi, #cwhn_out],
                       iterator_types = ["parallel", "reduction", "parallel", "parallel", "reduction", "parallel", "reduction", "parallel"]}
      ins(%grouped, %filter : tensor<1x1x2x3x4xf32>, tensor<3x1x6x2x1xf32>)
      outs(%init : tensor<4x1x6x1x1xf32>) {
  ^bb0(%a: f32, %w: f32, %acc: f32):
    %p = arith.mulf %a, %w : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x1x6x1x1xf32>
  %r = tensor.collapse_shape %y [[0], [1, 2], [3], [4]] : tensor<4x1x6x1x1xf32> into tensor<4x6x1x1xf32>
  return %r : tensor<4x6x1x1xf32>
}

// 1-D NCW (JAX's default layout for one spatial dimension) with lhs
// dilation 2 (a strided insertion into zeros) and a crop of one element at
// each end (negative padding), window 3, stride 2.
#ncw_in = affine_map<(g, ci, m, ow, kw, n) -> (n, g, ci, ow * 2 + kw)>
#ncw_fi = affine_map<(g, ci, m, ow, kw, n) -> (g, m, ci, kw)>
#ncw_out = affine_map<(g, ci, m, ow, kw, n) -> (n, g, m, ow)>
func.func @grouped_ncw(%x: tensor<1x2x5xf32>) -> tensor<1x6x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x2x9xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x2x9xf32>) -> tensor<1x2x9xf32>
  %dilated = tensor.insert_slice %x into %zeros[0, 0, 0] [1, 2, 5] [1, 1, 2]
      : tensor<1x2x5xf32> into tensor<1x2x9xf32>
  %cropped = tensor.extract_slice %dilated[0, 0, 1] [1, 2, 7] [1, 1, 1]
      : tensor<1x2x9xf32> to tensor<1x2x7xf32>
  %grouped = tensor.expand_shape %cropped [[0], [1, 2], [3]] output_shape [1, 2, 1, 7]
      : tensor<1x2x7xf32> into tensor<1x2x1x7xf32>
  %e = tensor.empty() : tensor<2x3x1x3xf32>
  %filter = linalg.generic {indexing_maps = [affine_map<(g, m, i, k) -> (g, m, i, k)>],
                            iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%e : tensor<2x3x1x3xf32>) {
  ^bb0(%o: f32):
    %m = linalg.index 1 : index
    %k = linalg.index 3 : index
    %eq = arith.cmpi eq, %k, %m : index
    %f = arith.uitofp %eq : i1 to f32
    linalg.yield %f : f32
  } -> tensor<2x3x1x3xf32>
  %e2 = tensor.empty() : tensor<1x2x3x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %y = linalg.generic {indexing_maps = [#ncw_in, #ncw_fi, #ncw_out],
                       iterator_types = ["parallel", "reduction", "parallel", "parallel", "reduction", "parallel"]}
      ins(%grouped, %filter : tensor<1x2x1x7xf32>, tensor<2x3x1x3xf32>)
      outs(%init : tensor<1x2x3x3xf32>) {
  ^bb0(%a: f32, %w: f32, %acc: f32):
    %p = arith.mulf %a, %w : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x2x3x3xf32>
  %r = tensor.collapse_shape %y [[0], [1, 2], [3]] : tensor<1x2x3x3xf32> into tensor<1x6x3xf32>
  return %r : tensor<1x6x3xf32>
}

func.func @main() {
  %x = arith.constant dense<[[[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]], [[13.0, 14.0, 15.0, 16.0], [17.0, 18.0, 19.0, 20.0], [21.0, 22.0, 23.0, 24.0]]]]> : tensor<1x2x3x4xf32>
  %y = call @grouped_nchw(%x) : (tensor<1x2x3x4xf32>) -> tensor<1x8x3x2xf32>
  %rows = tensor.collapse_shape %y [[0, 1], [2, 3]] : tensor<1x8x3x2xf32> into tensor<8x6xf32>
  %u = tensor.cast %rows : tensor<8x6xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  %z = call @grouped_cwhn(%x) : (tensor<1x2x3x4xf32>) -> tensor<4x6x1x1xf32>
  %zrows = tensor.collapse_shape %z [[0], [1, 2, 3]] : tensor<4x6x1x1xf32> into tensor<4x6xf32>
  %v = tensor.cast %zrows : tensor<4x6xf32> to tensor<*xf32>
  call @printMemrefF32(%v) : (tensor<*xf32>) -> ()
  %x1 = arith.constant dense<[[[1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0]]]> : tensor<1x2x5xf32>
  %w = call @grouped_ncw(%x1) : (tensor<1x2x5xf32>) -> tensor<1x6x3xf32>
  %wrows = tensor.collapse_shape %w [[0, 1], [2]] : tensor<1x6x3xf32> into tensor<6x3xf32>
  %wu = tensor.cast %wrows : tensor<6x3xf32> to tensor<*xf32>
  call @printMemrefF32(%wu) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
