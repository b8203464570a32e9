// transform.patches.convert_conv_to_patches composed with the tile-and-fuse
// of im2col-matmul.mlir: a padded linalg.conv_2d_nhwc_hwcf becomes
// patches.extract + linalg.matmul, the matmul is tiled over (M, F, K) =
// (4, 2, 10) and the extraction fused into the innermost loop. The result is
// compared, element by element, with the same convolution lowered as it is
// (integer-valued data: every sum is exact, so they must be equal).
// RUN: patches-opt %s --transform-preload-library=transform-library-paths=%p/Inputs/conv-to-patches-fused-schedule.mlir \
// RUN:   --transform-interpreter --canonicalize \
// RUN: | FileCheck %s --check-prefix=TILED
// RUN: patches-opt %s --transform-preload-library=transform-library-paths=%p/Inputs/conv-to-patches-fused-schedule.mlir \
// RUN:   --transform-interpreter \
// RUN: | patches-opt --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// The schedule applied: the filter transposed and collapsed once, no
// convolution and no whole patches tensor at the top level; each innermost
// iteration gathers a [1, 1, 4, <=10] patches tile (the fused extraction,
// padding read as zero) and multiplies it.
// TILED-LABEL: func.func @fused(
// TILED-NOT:     linalg.conv_2d_nhwc_hwcf
// TILED-NOT:     patches.extract
// TILED:         linalg.transpose
// TILED-SAME:      permutation = [2, 0, 1, 3]
// TILED:         scf.for %[[M:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// TILED:           scf.for
// TILED:             scf.for
// TILED:               affine.delinearize_index %[[M]] into (2, 9, 8)
// TILED:               %[[TILE:.+]] = linalg.generic
// TILED:               } -> tensor<1x1x4x?xf32>
// TILED:               %[[ROWS:.+]] = tensor.collapse_shape %[[TILE]]
// TILED:               linalg.matmul ins(%[[ROWS]],
// TILED-LABEL: func.func @reference(
// TILED:         linalg.conv_2d_nhwc_hwcf

// CHECK: mismatches: 0

func.func @fused(%x: tensor<2x9x8x3xf32>, %w: tensor<3x3x3x5xf32>) -> tensor<2x9x8x5xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<2x9x8x3xf32> to tensor<2x11x10x3xf32>
  %empty = tensor.empty() : tensor<2x9x8x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x9x8x5xf32>) -> tensor<2x9x8x5xf32>
  %y = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%padded, %w : tensor<2x11x10x3xf32>, tensor<3x3x3x5xf32>) outs(%init : tensor<2x9x8x5xf32>) -> tensor<2x9x8x5xf32>
  return %y : tensor<2x9x8x5xf32>
}

func.func @reference(%x: tensor<2x9x8x3xf32>, %w: tensor<3x3x3x5xf32>) -> tensor<2x9x8x5xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<2x9x8x3xf32> to tensor<2x11x10x3xf32>
  %empty = tensor.empty() : tensor<2x9x8x5xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x9x8x5xf32>) -> tensor<2x9x8x5xf32>
  %y = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%padded, %w : tensor<2x11x10x3xf32>, tensor<3x3x3x5xf32>) outs(%init : tensor<2x9x8x5xf32>) -> tensor<2x9x8x5xf32>
  return %y : tensor<2x9x8x5xf32>
}

func.func @main() {
  // x[n, h, w, c] = (n * 7 + h * 3 + w * 5 + c) mod 9 - 4 and
  // w[kh, kw, c, f] = (kh * 2 + kw + c * 3 + f) mod 5 - 2: small integers.
  %ex = tensor.empty() : tensor<2x9x8x3xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(n, h, w, c) -> (n, h, w, c)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%ex : tensor<2x9x8x3xf32>) {
  ^bb0(%out: f32):
    %n = linalg.index 0 : index
    %h = linalg.index 1 : index
    %w = linalg.index 2 : index
    %c = linalg.index 3 : index
    %v = affine.apply affine_map<(n, h, w, c) -> ((n * 7 + h * 3 + w * 5 + c) mod 9 - 4)>(%n, %h, %w, %c)
    %i = arith.index_cast %v : index to i32
    %f = arith.sitofp %i : i32 to f32
    linalg.yield %f : f32
  } -> tensor<2x9x8x3xf32>
  %ew = tensor.empty() : tensor<3x3x3x5xf32>
  %w = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%ew : tensor<3x3x3x5xf32>) {
  ^bb0(%out: f32):
    %a = linalg.index 0 : index
    %b = linalg.index 1 : index
    %c = linalg.index 2 : index
    %d = linalg.index 3 : index
    %v = affine.apply affine_map<(a, b, c, d) -> ((a * 2 + b + c * 3 + d) mod 5 - 2)>(%a, %b, %c, %d)
    %i = arith.index_cast %v : index to i32
    %f = arith.sitofp %i : i32 to f32
    linalg.yield %f : f32
  } -> tensor<3x3x3x5xf32>
  %fused = call @fused(%x, %w) : (tensor<2x9x8x3xf32>, tensor<3x3x3x5xf32>) -> tensor<2x9x8x5xf32>
  %ref = call @reference(%x, %w) : (tensor<2x9x8x3xf32>, tensor<3x3x3x5xf32>) -> tensor<2x9x8x5xf32>
  // The number of elements that differ.
  %c0 = arith.constant 0 : i32
  %e0 = tensor.empty() : tensor<i32>
  %z = linalg.fill ins(%c0 : i32) outs(%e0 : tensor<i32>) -> tensor<i32>
  %count = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>,
                                            affine_map<(a, b, c, d) -> (a, b, c, d)>,
                                            affine_map<(a, b, c, d) -> ()>],
                           iterator_types = ["reduction", "reduction", "reduction", "reduction"]}
      ins(%fused, %ref : tensor<2x9x8x5xf32>, tensor<2x9x8x5xf32>) outs(%z : tensor<i32>) {
  ^bb0(%a: f32, %b: f32, %acc: i32):
    %ne = arith.cmpf une, %a, %b : f32
    %one = arith.extui %ne : i1 to i32
    %s = arith.addi %acc, %one : i32
    linalg.yield %s : i32
  } -> tensor<i32>
  %n = tensor.extract %count[] : tensor<i32>
  vector.print str "mismatches: "
  vector.print %n : i32
  return
}
