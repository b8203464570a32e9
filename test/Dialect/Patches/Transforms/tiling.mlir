// RUN: patches-opt %s --transform-interpreter --split-input-file --canonicalize --cse | FileCheck %s

// Tiling the output rows by 2 and the features by 4: both loops end in a
// partial tile (5 rows, 18 features), and the feature tiles cut across the
// channels (9 features each). Each tile is a linalg.generic over the tile
// that reads the whole input at absolute result indices (tile index plus
// tile offset), under a bounds test for the SAME padding.

// CHECK-DAG:   #[[$ROWS:.+]] = affine_map<(d0) -> (-d0 + 5, 2)>
// CHECK-DAG:   #[[$FEATURES:.+]] = affine_map<(d0) -> (-d0 + 18, 4)>
// CHECK-LABEL: func.func @tile_rows_and_features(
// CHECK-SAME:      %[[X:.+]]: tensor<1x5x5x2xf32>
// CHECK-DAG:     %[[CM1:.+]] = arith.constant -1 : index
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C5:.+]] = arith.constant 5 : index
// CHECK-DAG:     %[[C18:.+]] = arith.constant 18 : index
// CHECK-DAG:     %[[INIT:.+]] = tensor.empty() : tensor<1x5x5x18xf32>
// CHECK:         %[[OUTER:.+]] = scf.for %[[OH:.+]] = %[[C0]] to %[[C5]] step %[[C2]] iter_args(%[[ACC0:.+]] = %[[INIT]])
// CHECK:           %[[INNER:.+]] = scf.for %[[F:.+]] = %[[C0]] to %[[C18]] step %[[C4]] iter_args(%[[ACC1:.+]] = %[[ACC0]])
// CHECK-DAG:         %[[NROWS:.+]] = affine.min #[[$ROWS]](%[[OH]])
// CHECK-DAG:         %[[NFEATURES:.+]] = affine.min #[[$FEATURES]](%[[F]])
// CHECK:             %[[EMPTY:.+]] = tensor.empty(%[[NROWS]], %[[NFEATURES]]) : tensor<1x?x5x?xf32>
// CHECK:             %[[TILE:.+]] = linalg.generic
// CHECK-SAME:            iterator_types = ["parallel", "parallel", "parallel", "parallel"]
// CHECK-SAME:            outs(%[[EMPTY]] : tensor<1x?x5x?xf32>)
// CHECK:               %[[I3:.+]] = linalg.index 3 : index
// CHECK:               %[[FEATURE:.+]] = arith.addi %[[I3]], %[[F]] : index
// CHECK:               %[[CW:.+]]:3 = affine.delinearize_index %[[FEATURE]] into (3, 3) : index, index, index
// CHECK:               %[[OFFSET:.+]] = arith.addi %[[CW]]#1, %[[CM1]] : index
// CHECK:               %[[I1:.+]] = linalg.index 1 : index
// CHECK:               %[[ROW:.+]] = arith.addi %[[I1]], %[[OH]] : index
// CHECK:               %[[HP:.+]] = arith.addi %[[ROW]], %[[OFFSET]] : index
// CHECK:               %[[READ:.+]] = scf.if
// CHECK:                 %[[V:.+]] = tensor.extract %[[X]][%[[C0]], %[[HP]], %{{.+}}, %[[CW]]#0] : tensor<1x5x5x2xf32>
// CHECK:                 %[[VBITS:.+]] = arith.bitcast %[[V]] : f32 to i32
// CHECK:                 scf.yield %[[VBITS]] : i32
// CHECK:               } else {
// CHECK:                 scf.yield %{{.+}} : i32
// CHECK:               %[[READF:.+]] = arith.bitcast %[[READ]] : i32 to f32
// CHECK:               linalg.yield %[[READF]] : f32
// CHECK:             %[[INSERTED:.+]] = tensor.insert_slice %[[TILE]] into %[[ACC1]][0, %[[OH]], 0, %[[F]]] [1, %[[NROWS]], 5, %[[NFEATURES]]] [1, 1, 1, 1]
// CHECK:             scf.yield %[[INSERTED]] : tensor<1x5x5x18xf32>
// CHECK:           scf.yield %[[INNER]] : tensor<1x5x5x18xf32>
// CHECK:         return %[[OUTER]] : tensor<1x5x5x18xf32>
func.func @tile_rows_and_features(%x: tensor<1x5x5x2xf32>) -> tensor<1x5x5x18xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
         padding = SAME dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x5x5x2xf32> -> tensor<1x5x5x18xf32>
  return %p : tensor<1x5x5x18xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %extract = transform.structured.match ops{["patches.extract"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %rows, %features = transform.structured.tile_using_for %extract
      tile_sizes [0, 2, 0, 4]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// im2col + GEMM: the contraction over the 4-D patches tensor,
// out[n, oh, ow, f] = sum_k patches[n, oh, ow, k] * w[k, f], tiled over
// (n, oh) with the extraction fused: each tile computes only the patches of
// its output row, inside the loop. (A linalg.matmul behind a
// tensor.collapse_shape to [N*OH*OW, C*K] fuses too, with the patches
// bubble-up pattern: see @fuse_into_matmul below.)

// CHECK-LABEL: func.func @fuse_into_gemm(
// CHECK-SAME:      %[[X:.+]]: tensor<2x6x6x3xf32>, %[[W:.+]]: tensor<27x8xf32>
// CHECK-DAG:     %[[CM1:.+]] = arith.constant -1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK:         scf.for %[[N:.+]] = {{.+}} iter_args
// CHECK:           scf.for %[[OH:.+]] = {{.+}} iter_args
// CHECK:             %[[PATCHES:.+]] = linalg.generic
// CHECK-SAME:            outs(%{{.+}} : tensor<1x1x3x27xf32>)
// CHECK:               %[[CW:.+]]:3 = affine.delinearize_index %{{.+}} into (3, 3)
// CHECK:               %[[OFFSET:.+]] = arith.addi %[[CW]]#1, %[[CM1]] : index
// CHECK:               %[[ROW:.+]] = arith.muli %[[OH]], %[[C2]] : index
// CHECK:               %[[HP:.+]] = arith.addi %[[ROW]], %[[OFFSET]] : index
// CHECK:               tensor.extract %[[X]][%[[N]], %[[HP]], %{{.+}}, %[[CW]]#0] : tensor<2x6x6x3xf32>
// CHECK:             %[[PRODUCT:.+]] = linalg.generic
// CHECK-SAME:            iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME:            ins(%[[PATCHES]], %[[W]] : tensor<1x1x3x27xf32>, tensor<27x8xf32>)
// CHECK-SAME:            outs(%{{.+}} : tensor<1x1x3x8xf32>)
// CHECK:             tensor.insert_slice %[[PRODUCT]]
#patches = affine_map<(n, oh, ow, f, k) -> (n, oh, ow, k)>
#weights = affine_map<(n, oh, ow, f, k) -> (k, f)>
#out = affine_map<(n, oh, ow, f, k) -> (n, oh, ow, f)>
func.func @fuse_into_gemm(%x: tensor<2x6x6x3xf32>, %w: tensor<27x8xf32>) -> tensor<2x3x3x8xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [2, 2]
         padding = [[1, 1], [1, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x6x6x3xf32> -> tensor<2x3x3x27xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x3x3x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x3x3x8xf32>) -> tensor<2x3x3x8xf32>
  %y = linalg.generic {indexing_maps = [#patches, #weights, #out],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%p, %w : tensor<2x3x3x27xf32>, tensor<27x8xf32>) outs(%init : tensor<2x3x3x8xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<2x3x3x8xf32>
  return %y : tensor<2x3x3x8xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %gemm = transform.structured.match ops{["linalg.generic"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %fused, %loops:2 = transform.structured.fuse %gemm tile_sizes [1, 1, 0, 0, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// A dynamic height with SAME padding: the loop runs to the output height
// and the body subtracts the low padding, both computed from tensor.dim of
// the input (never of the result, which the loop replaces).

// CHECK-LABEL: func.func @dynamic_same_padding(
// CHECK-SAME:      %[[X:.+]]: tensor<1x?x5x2xf32>
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK:         %[[H:.+]] = tensor.dim %[[X]], %[[C1]] : tensor<1x?x5x2xf32>
// CHECK:         %[[PAD:.+]] = affine.max #{{.+}}()[%[[H]]]
// CHECK:         %[[OH:.+]] = affine.max #{{.+}}()[%[[PAD]], %[[H]]]
// CHECK:         %[[INIT:.+]] = tensor.empty(%[[OH]]) : tensor<1x?x5x18xf32>
// CHECK:         scf.for %[[ROW0:.+]] = %{{.+}} to %[[OH]] step %[[C2]] iter_args(%{{.+}} = %[[INIT]])
// CHECK:           %[[LOW:.+]] = affine.apply #{{.+}}()[%[[PAD]]]
// CHECK:           linalg.generic
// CHECK:             %[[CW:.+]]:3 = affine.delinearize_index %{{.+}} into (3, 3)
// CHECK:             %[[OFFSET:.+]] = arith.subi %[[CW]]#1, %[[LOW]] : index
// CHECK:             %[[I1:.+]] = linalg.index 1 : index
// CHECK:             %[[ROW:.+]] = arith.addi %[[I1]], %[[ROW0]] : index
// CHECK:             %[[STRIDED:.+]] = arith.muli %[[ROW]], %[[C2]] : index
// CHECK:             %[[I:.+]] = arith.addi %[[STRIDED]], %[[OFFSET]] : index
// CHECK:             arith.cmpi slt, %[[I]], %[[H]] : index
func.func @dynamic_same_padding(%x: tensor<1x?x5x2xf32>) -> tensor<1x?x5x18xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [2, 1]
         padding = SAME dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x?x5x2xf32> -> tensor<1x?x5x18xf32>
  return %p : tensor<1x?x5x18xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %extract = transform.structured.match ops{["patches.extract"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %rows = transform.structured.tile_using_for %extract
      tile_sizes [0, 2, 0, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// im2col + linalg.matmul: the 4-D patches tensor collapsed to the matmul's
// [N*OH*OW, C*K] operand. Tiling the matmul over M by OW = 3 makes every
// tile one output row; apply_patterns.patches.bubble_up_extract_slice_through_collapse
// turns the tile's slice of the collapse into a [1, 1, 3, 27] slice of the
// patches tensor at the row's delinearized offset (upstream's
// bubble_up_extract_slice wants static offsets there), and
// fuse_into_containing_op then computes that slice in the loop, as a
// linalg.generic tile that reads the input at image %N and window row %OH.

// CHECK-LABEL: func.func @fuse_into_matmul(
// CHECK-SAME:      %[[X:.+]]: tensor<2x6x6x3xf32>, %[[W:.+]]: tensor<27x8xf32>
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[CM1:.+]] = arith.constant -1 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C3:.+]] = arith.constant 3 : index
// CHECK-DAG:     %[[C18:.+]] = arith.constant 18 : index
// CHECK-NOT:     patches.extract
// CHECK:         %[[LOOP:.+]] = scf.for %[[M:[^ ]+]] = %[[C0]] to %[[C18]] step %[[C3]] iter_args(%[[ACC:.+]] = %{{.+}})
// CHECK:           %[[ROW:.+]]:3 = affine.delinearize_index %[[M]] into (2, 3, 3) : index, index, index
// CHECK:           %[[PATCHES:.+]] = linalg.generic
// CHECK-SAME:          outs(%{{.+}} : tensor<1x1x3x27xf32>)
// CHECK:             %[[CW:.+]]:3 = affine.delinearize_index %{{.+}} into (3, 3)
// CHECK:             %[[OFFSET:.+]] = arith.addi %[[CW]]#1, %[[CM1]] : index
// CHECK:             %[[STRIDED:.+]] = arith.muli %[[ROW]]#1, %[[C2]] : index
// CHECK:             %[[HP:.+]] = arith.addi %[[STRIDED]], %[[OFFSET]] : index
// CHECK:             tensor.extract %[[X]][%[[ROW]]#0, %[[HP]], %{{.+}}, %[[CW]]#0] : tensor<2x6x6x3xf32>
// CHECK:           %[[LHS:.+]] = tensor.collapse_shape %[[PATCHES]] {{\[\[}}0, 1, 2], [3]] : tensor<1x1x3x27xf32> into tensor<3x27xf32>
// CHECK:           %[[OUT:.+]] = tensor.extract_slice %[[ACC]][%[[M]], 0] [3, 8] [1, 1]
// CHECK:           %[[PRODUCT:.+]] = linalg.matmul ins(%[[LHS]], %[[W]] : tensor<3x27xf32>, tensor<27x8xf32>) outs(%[[OUT]] : tensor<3x8xf32>)
// CHECK:           tensor.insert_slice %[[PRODUCT]] into %[[ACC]][%[[M]], 0] [3, 8] [1, 1]
// CHECK:         return %[[LOOP]] : tensor<18x8xf32>
func.func @fuse_into_matmul(%x: tensor<2x6x6x3xf32>, %w: tensor<27x8xf32>) -> tensor<18x8xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [2, 2]
         padding = [[1, 1], [1, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x6x6x3xf32> -> tensor<2x3x3x27xf32>
  %lhs = tensor.collapse_shape %p [[0, 1, 2], [3]] : tensor<2x3x3x27xf32> into tensor<18x27xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<18x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<18x8xf32>) -> tensor<18x8xf32>
  %y = linalg.matmul ins(%lhs, %w : tensor<18x27xf32>, tensor<27x8xf32>)
                     outs(%init : tensor<18x8xf32>) -> tensor<18x8xf32>
  return %y : tensor<18x8xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %matmul = transform.structured.match ops{["linalg.matmul"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %rows = transform.structured.tile_using_for %matmul tile_sizes [3, 0, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %func = transform.structured.match ops{["func.func"]} in %root
      : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %func {
      transform.apply_patterns.patches.bubble_up_extract_slice_through_collapse
    } : !transform.any_op
    %extract = transform.structured.match ops{["patches.extract"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %fused, %loop = transform.structured.fuse_into_containing_op %extract into %rows
      : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// The same with scf.forall and M tiles of OH * OW = 9 (one image each): the
// tile offset is affine.apply(i * 9), a multiple of 9, so the slice is
// [1, 3, 3, 27] at image %ROW#0 and the fused tile covers all window rows.

// CHECK-DAG:   #[[$IMAGE:.+]] = affine_map<(d0) -> (d0 * 9)>
// CHECK-LABEL: func.func @fuse_into_matmul_forall(
// CHECK-SAME:      %[[X:.+]]: tensor<2x6x6x3xf32>, %[[W:.+]]: tensor<27x8xf32>
// CHECK-NOT:     patches.extract
// CHECK:         scf.forall (%[[I:.+]], %[[J:.+]]) in (2, 2)
// CHECK:           %[[M:.+]] = affine.apply #[[$IMAGE]](%[[I]])
// CHECK:           %[[ROW:.+]]:2 = affine.delinearize_index %[[M]] into (2, 9) : index, index
// CHECK:           %[[PATCHES:.+]] = linalg.generic
// CHECK-SAME:          outs(%{{.+}} : tensor<1x3x3x27xf32>)
// CHECK:             tensor.extract %[[X]][%[[ROW]]#0, %{{.+}}, %{{.+}}, %{{.+}}] : tensor<2x6x6x3xf32>
// CHECK:           %[[LHS:.+]] = tensor.collapse_shape %[[PATCHES]] {{\[\[}}0, 1, 2], [3]] : tensor<1x3x3x27xf32> into tensor<9x27xf32>
// CHECK:           linalg.matmul ins(%[[LHS]], %{{.+}} : tensor<9x27xf32>, tensor<27x4xf32>)
func.func @fuse_into_matmul_forall(%x: tensor<2x6x6x3xf32>, %w: tensor<27x8xf32>) -> tensor<18x8xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [2, 2]
         padding = [[1, 1], [1, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x6x6x3xf32> -> tensor<2x3x3x27xf32>
  %lhs = tensor.collapse_shape %p [[0, 1, 2], [3]] : tensor<2x3x3x27xf32> into tensor<18x27xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<18x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<18x8xf32>) -> tensor<18x8xf32>
  %y = linalg.matmul ins(%lhs, %w : tensor<18x27xf32>, tensor<27x8xf32>)
                     outs(%init : tensor<18x8xf32>) -> tensor<18x8xf32>
  return %y : tensor<18x8xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %matmul = transform.structured.match ops{["linalg.matmul"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %forall = transform.structured.tile_using_forall %matmul tile_sizes [9, 4]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %func = transform.structured.match ops{["func.func"]} in %root
      : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %func {
      transform.apply_patterns.patches.bubble_up_extract_slice_through_collapse
    } : !transform.any_op
    %extract = transform.structured.match ops{["patches.extract"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %fused, %loop = transform.structured.fuse_into_containing_op %extract into %forall
      : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// M tiles of 6 = 2 * OW are not one box of the [2, 3, 3] rows (2 does not
// divide OH = 3: the tile at 6 spans rows 2 of image 0 and 0 of image 1),
// so the slice stays on the collapse and nothing can be fused.

// CHECK-LABEL: func.func @misaligned_rows(
// CHECK:         %[[P:.+]] = patches.extract
// CHECK:         %[[LHS:.+]] = tensor.collapse_shape %[[P]]
// CHECK:         scf.for %[[M:[^ ]+]] =
// CHECK:           tensor.extract_slice %[[LHS]][%[[M]], 0] [6, 27] [1, 1]
// CHECK-NOT:       affine.delinearize_index
// CHECK:           linalg.matmul
func.func @misaligned_rows(%x: tensor<2x6x6x3xf32>, %w: tensor<27x8xf32>) -> tensor<18x8xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [2, 2]
         padding = [[1, 1], [1, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x6x6x3xf32> -> tensor<2x3x3x27xf32>
  %lhs = tensor.collapse_shape %p [[0, 1, 2], [3]] : tensor<2x3x3x27xf32> into tensor<18x27xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<18x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<18x8xf32>) -> tensor<18x8xf32>
  %y = linalg.matmul ins(%lhs, %w : tensor<18x27xf32>, tensor<27x8xf32>)
                     outs(%init : tensor<18x8xf32>) -> tensor<18x8xf32>
  return %y : tensor<18x8xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %matmul = transform.structured.match ops{["linalg.matmul"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %rows = transform.structured.tile_using_for %matmul tile_sizes [6, 0, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %func = transform.structured.match ops{["func.func"]} in %root
      : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %func {
      transform.apply_patterns.patches.bubble_up_extract_slice_through_collapse
    } : !transform.any_op
    transform.yield
  }
}

// -----

// A result with a zero-size dimension tiles into valid IR: upstream's slice
// verifiers reject a static offset into a zero-size dimension ("offset 1 is
// out-of-bounds: 0 >= 0" was the error), so the domain gives that offset as
// a value, and canonicalization folds the empty loop nest away.

// CHECK-LABEL: func.func @tile_empty_result(
// CHECK-SAME:      %{{.+}}: tensor<1x0x5xf32>) -> tensor<1x0x4xf32>
// CHECK:         %[[R:.+]] = linalg.generic
// CHECK:           } -> tensor<1x0x4xf32>
// CHECK:         return %[[R]] : tensor<1x0x4xf32>
func.func @tile_empty_result(%x: tensor<1x0x5xf32>) -> tensor<1x0x4xf32> {
  %p = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x0x5xf32> -> tensor<1x0x4xf32>
  return %p : tensor<1x0x4xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %extract = transform.structured.match ops{["patches.extract"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %extract tile_sizes [0, 0, 4]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// The same along the empty dimension itself.

// CHECK-LABEL: func.func @tile_empty_dimension(
// CHECK:         return %{{.+}} : tensor<1x0x4xf32>
func.func @tile_empty_dimension(%x: tensor<1x0x5xf32>) -> tensor<1x0x4xf32> {
  %p = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x0x5xf32> -> tensor<1x0x4xf32>
  return %p : tensor<1x0x4xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %extract = transform.structured.match ops{["patches.extract"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %extract tile_sizes [0, 2, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// A result type more static than the inferred one (1x?x4 where the input
// 1x?x? gives 1x?x?): the destination has the written type, so the tiled
// loop returns it (it returned a 1x?x? value from a 1x?x4 function).

// CHECK-LABEL: func.func @tile_refined_result_type(
// CHECK-SAME:      %[[X:.+]]: tensor<1x?x?xf32>) -> tensor<1x?x4xf32>
// CHECK:         %[[INIT:.+]] = tensor.empty(%{{.+}}) : tensor<1x?x4xf32>
// CHECK:         %[[LOOP:.+]] = scf.for {{.+}} iter_args(%{{.+}} = %[[INIT]]) -> (tensor<1x?x4xf32>)
// CHECK:         return %[[LOOP]] : tensor<1x?x4xf32>
func.func @tile_refined_result_type(%x: tensor<1x?x?xf32>) -> tensor<1x?x4xf32> {
  %p = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x?x?xf32> -> tensor<1x?x4xf32>
  return %p : tensor<1x?x4xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %extract = transform.structured.match ops{["patches.extract"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %extract tile_sizes [0, 2, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// The pattern alone: an offset of unknown alignment is left alone for a
// 3-row slice (it could straddle two window rows), while a 1-row slice is
// one box at any offset.

// CHECK-LABEL: func.func @unknown_offset(
// CHECK-SAME:      %[[T:.+]]: tensor<2x3x3x27xf32>, %[[OFF:.+]]: index
// CHECK:         %[[C:.+]] = tensor.collapse_shape %[[T]]
// CHECK:         tensor.extract_slice %[[C]][%[[OFF]], 0] [3, 27] [1, 1]
func.func @unknown_offset(%t: tensor<2x3x3x27xf32>, %off: index) -> tensor<3x27xf32> {
  %c = tensor.collapse_shape %t [[0, 1, 2], [3]] : tensor<2x3x3x27xf32> into tensor<18x27xf32>
  %s = tensor.extract_slice %c[%off, 0] [3, 27] [1, 1] : tensor<18x27xf32> to tensor<3x27xf32>
  return %s : tensor<3x27xf32>
}

// CHECK-LABEL: func.func @unit_rows(
// CHECK-SAME:      %[[T:.+]]: tensor<2x3x3x27xf32>, %[[OFF:.+]]: index
// CHECK:         %[[I:.+]]:3 = affine.delinearize_index %[[OFF]] into (2, 3, 3)
// CHECK:         %[[S:.+]] = tensor.extract_slice %[[T]][%[[I]]#0, %[[I]]#1, %[[I]]#2, 0] [1, 1, 1, 27] [1, 1, 1, 1]
// CHECK:         tensor.collapse_shape %[[S]] {{\[\[}}0, 1, 2], [3]] : tensor<1x1x1x27xf32> into tensor<1x27xf32>
func.func @unit_rows(%t: tensor<2x3x3x27xf32>, %off: index) -> tensor<1x27xf32> {
  %c = tensor.collapse_shape %t [[0, 1, 2], [3]] : tensor<2x3x3x27xf32> into tensor<18x27xf32>
  %s = tensor.extract_slice %c[%off, 0] [1, 27] [1, 1] : tensor<18x27xf32> to tensor<1x27xf32>
  return %s : tensor<1x27xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %funcs = transform.structured.match ops{["func.func"]} in %root
      : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.patches.bubble_up_extract_slice_through_collapse
    } : !transform.any_op
    transform.yield
  }
}
