// A convolution as im2col + GEMM, the extraction fused into the GEMM's
// tiles, against linalg.conv_2d_nhwc_hwcf on the same integer-valued data;
// and a tiled extraction (lhs and rhs dilation, cropping, NCHW) against the
// untiled one. Integer values keep every sum exact, so the results must be
// equal, not close.
// RUN: patches-opt %s --transform-preload-library=transform-library-paths=%p/Inputs/im2col-gemm-schedule.mlir \
// RUN:   --transform-interpreter --canonicalize \
// RUN: | FileCheck %s --check-prefix=TILED
// RUN: patches-opt %s --transform-preload-library=transform-library-paths=%p/Inputs/im2col-gemm-schedule.mlir \
// RUN:   --transform-interpreter \
// RUN: | patches-opt --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// The schedule applied: no patches.extract is left in the tiled functions
// (once the canonicalizer has removed the untiled ops the schedule leaves
// dead; the pipeline below also runs on the IR as the schedule leaves it).
// TILED-LABEL: func.func @im2col_gemm(
// TILED-NOT:     patches.extract
// TILED:         scf.for
// TILED:           scf.for
// TILED:             tensor.extract %arg0
// TILED-LABEL: func.func @tiled_extract(
// TILED-NOT:     patches.extract
// TILED:         scf.for
// TILED-LABEL: func.func @reference_extract(
// TILED:         patches.extract

#patches = affine_map<(n, oh, ow, f, k) -> (n, oh, ow, k)>
#weights = affine_map<(n, oh, ow, f, k) -> (k, f)>
#out = affine_map<(n, oh, ow, f, k) -> (n, oh, ow, f)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#all = affine_map<(d0, d1, d2, d3) -> ()>

// out[n, oh, ow, f] = sum_k patches[n, oh, ow, k] * w[k, f], with feature
// k = c * 9 + (kh * 3 + kw).
func.func @im2col_gemm(%x: tensor<2x7x6x2xf32>, %w: tensor<18x3xf32>) -> tensor<2x4x6x3xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[1, 1], [1, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x7x6x2xf32> -> tensor<2x4x6x18xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x4x6x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x4x6x3xf32>) -> tensor<2x4x6x3xf32>
  %y = linalg.generic {indexing_maps = [#patches, #weights, #out],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%p, %w : tensor<2x4x6x18xf32>, tensor<18x3xf32>) outs(%init : tensor<2x4x6x3xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<2x4x6x3xf32>
  return %y : tensor<2x4x6x3xf32>
}

func.func @conv(%x: tensor<2x7x6x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<2x4x6x3xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<2x7x6x2xf32> to tensor<2x9x8x2xf32>
  %empty = tensor.empty() : tensor<2x4x6x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x4x6x3xf32>) -> tensor<2x4x6x3xf32>
  %y = linalg.conv_2d_nhwc_hwcf {strides = dense<[2, 1]> : tensor<2xi64>,
                                 dilations = dense<1> : tensor<2xi64>}
      ins(%padded, %w : tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>)
      outs(%init : tensor<2x4x6x3xf32>) -> tensor<2x4x6x3xf32>
  return %y : tensor<2x4x6x3xf32>
}

func.func @tiled_extract(%x: tensor<2x3x5x4xf32>) -> tensor<2x18x5x3xf32> {
  %p = patches.extract %x filter_shape = [2, 3] window_strides = [2, 1]
         padding = [[2, -1], [1, 2]] lhs_dilation = [2, 1] rhs_dilation = [1, 2]
         dimension_numbers = ("NCHW", "OIHW", "NCHW")
         : tensor<2x3x5x4xf32> -> tensor<2x18x5x3xf32>
  return %p : tensor<2x18x5x3xf32>
}

func.func @reference_extract(%x: tensor<2x3x5x4xf32>) -> tensor<2x18x5x3xf32> {
  %p = patches.extract %x filter_shape = [2, 3] window_strides = [2, 1]
         padding = [[2, -1], [1, 2]] lhs_dilation = [2, 1] rhs_dilation = [1, 2]
         dimension_numbers = ("NCHW", "OIHW", "NCHW")
         : tensor<2x3x5x4xf32> -> tensor<2x18x5x3xf32>
  return %p : tensor<2x18x5x3xf32>
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
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  %c9 = arith.constant 9 : index
  %c11 = arith.constant 11 : index

  // x[n, h, w, c] = (11 n + 7 h + 3 w + 5 c) mod 9 - 4;
  // w[kh, kw, c, f] = (5 kh + 3 kw + 7 c + 2 f) mod 7 - 3.
  %x0 = tensor.empty() : tensor<2x7x6x2xf32>
  %x0d = tensor.cast %x0 : tensor<2x7x6x2xf32> to tensor<?x?x?x?xf32>
  %xd = call @fill_integers(%x0d, %c11, %c7, %c3, %c5, %c9)
      : (tensor<?x?x?x?xf32>, index, index, index, index, index) -> tensor<?x?x?x?xf32>
  %x = tensor.cast %xd : tensor<?x?x?x?xf32> to tensor<2x7x6x2xf32>
  %w0 = tensor.empty() : tensor<3x3x2x3xf32>
  %w0d = tensor.cast %w0 : tensor<3x3x2x3xf32> to tensor<?x?x?x?xf32>
  %wd = call @fill_integers(%w0d, %c5, %c3, %c7, %c2, %c7)
      : (tensor<?x?x?x?xf32>, index, index, index, index, index) -> tensor<?x?x?x?xf32>
  %w = tensor.cast %wd : tensor<?x?x?x?xf32> to tensor<3x3x2x3xf32>

  // The GEMM's weights: w_gemm[c * 9 + kh * 3 + kw, f] = w[kh, kw, c, f].
  %wt0 = tensor.empty() : tensor<2x3x3x3xf32>
  %wt = linalg.transpose ins(%w : tensor<3x3x2x3xf32>) outs(%wt0 : tensor<2x3x3x3xf32>)
      permutation = [2, 0, 1, 3]
  %wg = tensor.collapse_shape %wt [[0, 1, 2], [3]] : tensor<2x3x3x3xf32> into tensor<18x3xf32>

  // CHECK: 0
  // CHECK-NEXT: 1608
  %gemm = call @im2col_gemm(%x, %wg) : (tensor<2x7x6x2xf32>, tensor<18x3xf32>) -> tensor<2x4x6x3xf32>
  %conv = call @conv(%x, %w) : (tensor<2x7x6x2xf32>, tensor<3x3x2x3xf32>) -> tensor<2x4x6x3xf32>
  %gemmd = tensor.cast %gemm : tensor<2x4x6x3xf32> to tensor<?x?x?x?xf32>
  %convd = tensor.cast %conv : tensor<2x4x6x3xf32> to tensor<?x?x?x?xf32>
  call @compare(%gemmd, %convd) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> ()

  // y[n, c, h, w] = (11 n + 5 c + 7 h + 3 w) mod 9 - 4.
  // CHECK-NEXT: 0
  // CHECK-NEXT: 323
  %y0 = tensor.empty() : tensor<2x3x5x4xf32>
  %y0d = tensor.cast %y0 : tensor<2x3x5x4xf32> to tensor<?x?x?x?xf32>
  %yd = call @fill_integers(%y0d, %c11, %c5, %c7, %c3, %c9)
      : (tensor<?x?x?x?xf32>, index, index, index, index, index) -> tensor<?x?x?x?xf32>
  %y = tensor.cast %yd : tensor<?x?x?x?xf32> to tensor<2x3x5x4xf32>
  %tiled = call @tiled_extract(%y) : (tensor<2x3x5x4xf32>) -> tensor<2x18x5x3xf32>
  %reference = call @reference_extract(%y) : (tensor<2x3x5x4xf32>) -> tensor<2x18x5x3xf32>
  %tiledd = tensor.cast %tiled : tensor<2x18x5x3xf32> to tensor<?x?x?x?xf32>
  %referenced = tensor.cast %reference : tensor<2x18x5x3xf32> to tensor<?x?x?x?xf32>
  call @compare(%tiledd, %referenced) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> ()
  return
}
