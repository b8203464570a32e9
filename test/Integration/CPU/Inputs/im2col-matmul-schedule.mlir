// The schedule of im2col-matmul.mlir: the linalg.matmul tiled over
// (M, F, K) = (4, 2, 10), the slice of its im2col operand moved above the
// tensor.collapse_shape, and the patches.extract fused into the innermost
// loop. 4 divides OW = 8, so every M tile is a run of 4 windows in one
// output row, which is one slice [1, 1, 4, K] of the 4-D patches tensor; F
// (5) and K (27) end in partial tiles, and the K tiles cut across channels
// (9 features each).
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly}) {
    %fn = transform.structured.match ops{["func.func"]}
      attributes {sym_name = "im2col_matmul"} in %root
      : (!transform.any_op) -> !transform.any_op
    %matmul = transform.structured.match ops{["linalg.matmul"]} in %fn
      : (!transform.any_op) -> !transform.any_op
    %tiled, %loops:3 = transform.structured.tile_using_for %matmul
      tile_sizes [4, 2, 10]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    // extract_slice(collapse_shape(patches)) -> collapse_shape(extract_slice(patches)).
    transform.apply_patterns to %fn {
      transform.apply_patterns.patches.bubble_up_extract_slice_through_collapse
    } : !transform.any_op
    %extract = transform.structured.match ops{["patches.extract"]} in %fn
      : (!transform.any_op) -> !transform.any_op
    %fused, %loop = transform.structured.fuse_into_containing_op %extract into %loops#2
      : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
