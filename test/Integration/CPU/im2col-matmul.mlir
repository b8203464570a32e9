// A convolution as im2col + linalg.matmul: the 4-D patches tensor
// (N, OH, OW, C * KH * KW) goes through tensor.collapse_shape to the
// matmul's (N * OH * OW, C * KH * KW) operand. The schedule tiles the
// matmul, moves the slice of each tile above the collapse and fuses the
// extraction into the loop nest; the result is compared with
// linalg.conv_2d_nhwc_hwcf on the same integer-valued data (every sum is
// exact, so the results must be equal, not close).
// RUN: patches-opt %s --transform-preload-library=transform-library-paths=%p/Inputs/im2col-matmul-schedule.mlir \
// RUN:   --transform-interpreter --canonicalize \
// RUN: | FileCheck %s --check-prefix=TILED
// RUN: patches-opt %s --transform-preload-library=transform-library-paths=%p/Inputs/im2col-matmul-schedule.mlir \
// RUN:   --transform-interpreter \
// RUN: | patches-opt --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// The schedule applied: no patches.extract and no collapse of the whole
// patches tensor are left at the top level (once the canonicalizer has
// removed what the schedule leaves dead); each innermost iteration computes
// a [1, 1, 4, <=10] patches tile at the delinearized row offset, collapses
// it and multiplies it. The reference keeps its convolution.
// TILED-LABEL: func.func @im2col_matmul(
// TILED-SAME:      %[[X:.+]]: tensor<2x9x8x3xf32>
// TILED-NOT:     patches.extract
// TILED-NOT:     tensor.collapse_shape
// TILED:         scf.for %[[M:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// TILED:           scf.for
// TILED:             scf.for
// TILED:               %[[ROW:.+]]:3 = affine.delinearize_index %[[M]] into (2, 5, 8)
// TILED:               %[[TILE:.+]] = linalg.generic
// TILED-SAME:              outs(%{{.+}} : tensor<1x1x4x?xf32>)
// TILED:                 tensor.extract %[[X]][%[[ROW]]#0,
// TILED:               %[[LHS:.+]] = tensor.collapse_shape %[[TILE]] {{\[\[}}0, 1, 2], [3]] : tensor<1x1x4x?xf32> into tensor<4x?xf32>
// TILED:               linalg.matmul ins(%[[LHS]], %{{.+}} : tensor<4x?xf32>, tensor<?x?xf32>)
// TILED:         tensor.expand_shape
// TILED-LABEL: func.func @conv(
// TILED:         linalg.conv_2d_nhwc_hwcf

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#all = affine_map<(d0, d1, d2, d3) -> ()>

// Strides (2, 1), rhs dilation (1, 2), padding (1, 1) in H and (2, 2) in W:
// OH = (9 + 2 - 3) / 2 + 1 = 5, OW = 8 + 4 - 5 + 1 = 8; feature
// k = c * 9 + (kh * 3 + kw).
func.func @im2col_matmul(%x: tensor<2x9x8x3xf32>, %w: tensor<27x5xf32>) -> tensor<2x5x8x5xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[1, 1], [2, 2]] rhs_dilation = [1, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x9x8x3xf32> -> tensor<2x5x8x27xf32>
  %lhs = tensor.collapse_shape %p [[0, 1, 2], [3]] : tensor<2x5x8x27xf32> into tensor<80x27xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<80x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<80x5xf32>) -> tensor<80x5xf32>
  %y = linalg.matmul ins(%lhs, %w : tensor<80x27xf32>, tensor<27x5xf32>)
                     outs(%init : tensor<80x5xf32>) -> tensor<80x5xf32>
  %out = tensor.expand_shape %y [[0, 1, 2], [3]] output_shape [2, 5, 8, 5]
      : tensor<80x5xf32> into tensor<2x5x8x5xf32>
  return %out : tensor<2x5x8x5xf32>
}

func.func @conv(%x: tensor<2x9x8x3xf32>, %w: tensor<3x3x3x5xf32>) -> tensor<2x5x8x5xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 2, 0] high[0, 1, 2, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<2x9x8x3xf32> to tensor<2x11x12x3xf32>
  %empty = tensor.empty() : tensor<2x5x8x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x5x8x5xf32>) -> tensor<2x5x8x5xf32>
  %y = linalg.conv_2d_nhwc_hwcf {strides = dense<[2, 1]> : tensor<2xi64>,
                                 dilations = dense<[1, 2]> : tensor<2xi64>}
      ins(%padded, %w : tensor<2x11x12x3xf32>, tensor<3x3x3x5xf32>)
      outs(%init : tensor<2x5x8x5xf32>) -> tensor<2x5x8x5xf32>
  return %y : tensor<2x5x8x5xf32>
}

/// A tensor of `shape`'s shape with t[i0, i1, i2, i3] =
/// (a0 * i0 + a1 * i1 + a2 * i2 + a3 * i3) mod m - m / 2: small integers of
/// both signs.
func.func @fill_integers(%shape: tensor<?x?x?x?xf32>, %a0: index, %a1: index,
                         %a2: index, %a3: index, %m: index) -> tensor<?x?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %d0 = tensor.dim %shape, %c0 : tensor<?x?x?x?xf32>
  %d1 = tensor.dim %shape, %c1 : tensor<?x?x?x?xf32>
  %d2 = tensor.dim %shape, %c2 : tensor<?x?x?x?xf32>
  %d3 = tensor.dim %shape, %c3 : tensor<?x?x?x?xf32>
  // A new tensor: writing into %shape would return the caller's buffer.
  %t = tensor.empty(%d0, %d1, %d2, %d3) : tensor<?x?x?x?xf32>
  %r = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%t : tensor<?x?x?x?xf32>) {
  ^bb0(%out: f32):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %t0 = arith.muli %i0, %a0 : index
    %t1 = arith.muli %i1, %a1 : index
    %t2 = arith.muli %i2, %a2 : index
    %t3 = arith.muli %i3, %a3 : index
    %s01 = arith.addi %t0, %t1 : index
    %s23 = arith.addi %t2, %t3 : index
    %s = arith.addi %s01, %s23 : index
    %mod = arith.remui %s, %m : index
    %half = arith.divui %m, %c2 : index
    %v = arith.subi %mod, %half : index
    %vi = arith.index_cast %v : index to i64
    %vf = arith.sitofp %vi : i64 to f32
    linalg.yield %vf : f32
  } -> tensor<?x?x?x?xf32>
  return %r : tensor<?x?x?x?xf32>
}

/// Prints max |a - b| and sum |a|.
func.func @compare(%a: tensor<?x?x?x?xf32>, %b: tensor<?x?x?x?xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<f32>) -> tensor<f32>
  %r:2 = linalg.generic {indexing_maps = [#id4, #id4, #all, #all],
                         iterator_types = ["reduction", "reduction", "reduction", "reduction"]}
      ins(%a, %b : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>)
      outs(%init, %init : tensor<f32>, tensor<f32>) {
  ^bb0(%x: f32, %y: f32, %max: f32, %sum: f32):
    %d = arith.subf %x, %y : f32
    %ad = math.absf %d : f32
    %m = arith.maximumf %max, %ad : f32
    %ax = math.absf %x : f32
    %s = arith.addf %sum, %ax : f32
    linalg.yield %m, %s : f32, f32
  } -> (tensor<f32>, tensor<f32>)
  %max = tensor.extract %r#0[] : tensor<f32>
  %sum = tensor.extract %r#1[] : tensor<f32>
  vector.print %max : f32
  vector.print %sum : f32
  return
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  %c9 = arith.constant 9 : index
  %c11 = arith.constant 11 : index

  // x[n, h, w, c] = (11 n + 7 h + 3 w + 5 c) mod 9 - 4;
  // w[kh, kw, c, f] = (5 kh + 3 kw + 7 c + 2 f) mod 7 - 3.
  %x0 = tensor.empty() : tensor<2x9x8x3xf32>
  %x0d = tensor.cast %x0 : tensor<2x9x8x3xf32> to tensor<?x?x?x?xf32>
  %xd = call @fill_integers(%x0d, %c11, %c7, %c3, %c5, %c9)
      : (tensor<?x?x?x?xf32>, index, index, index, index, index) -> tensor<?x?x?x?xf32>
  %x = tensor.cast %xd : tensor<?x?x?x?xf32> to tensor<2x9x8x3xf32>
  %w0 = tensor.empty() : tensor<3x3x3x5xf32>
  %w0d = tensor.cast %w0 : tensor<3x3x3x5xf32> to tensor<?x?x?x?xf32>
  %wd = call @fill_integers(%w0d, %c5, %c3, %c7, %c2, %c7)
      : (tensor<?x?x?x?xf32>, index, index, index, index, index) -> tensor<?x?x?x?xf32>
  %w = tensor.cast %wd : tensor<?x?x?x?xf32> to tensor<3x3x3x5xf32>

  // The matmul's weights: w_mm[c * 9 + kh * 3 + kw, f] = w[kh, kw, c, f].
  %wt0 = tensor.empty() : tensor<3x3x3x5xf32>
  %wt = linalg.transpose ins(%w : tensor<3x3x3x5xf32>) outs(%wt0 : tensor<3x3x3x5xf32>)
      permutation = [2, 0, 1, 3]
  %wm = tensor.collapse_shape %wt [[0, 1, 2], [3]] : tensor<3x3x3x5xf32> into tensor<27x5xf32>

  %mm = call @im2col_matmul(%x, %wm) : (tensor<2x9x8x3xf32>, tensor<27x5xf32>) -> tensor<2x5x8x5xf32>
  %conv = call @conv(%x, %w) : (tensor<2x9x8x3xf32>, tensor<3x3x3x5xf32>) -> tensor<2x5x8x5xf32>

  // Max |matmul - conv| is 0; sum |matmul| is that of the convolution
  // (computed independently), so the outputs are not all zero.
  // CHECK: 0
  // CHECK-NEXT: 7452
  %mmd = tensor.cast %mm : tensor<2x5x8x5xf32> to tensor<?x?x?x?xf32>
  %convd = tensor.cast %conv : tensor<2x5x8x5xf32> to tensor<?x?x?x?xf32>
  call @compare(%mmd, %convd) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> ()

  // A few outputs of the tiled matmul: a corner window that reads the
  // padding, an interior one, and the last element (last M tile, partial
  // F tile).
  // CHECK-NEXT: 36
  // CHECK-NEXT: 42
  // CHECK-NEXT: -48
  // CHECK-NEXT: -27
  %v0 = tensor.extract %mm[%c0, %c0, %c0, %c0] : tensor<2x5x8x5xf32>
  vector.print %v0 : f32
  %v1 = tensor.extract %mm[%c0, %c2, %c3, %c1] : tensor<2x5x8x5xf32>
  vector.print %v1 : f32
  %v2 = tensor.extract %mm[%c1, %c3, %c5, %c2] : tensor<2x5x8x5xf32>
  vector.print %v2 : f32
  %v3 = tensor.extract %mm[%c1, %c4, %c7, %c4] : tensor<2x5x8x5xf32>
  vector.print %v3 : f32
  return
}
