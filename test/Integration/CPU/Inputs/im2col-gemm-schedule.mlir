// The schedule of im2col-gemm.mlir: the GEMM tiled over (n, oh) with the
// extraction fused into its loops, and a standalone extraction tiled with
// partial tiles and feature tiles that cut across channels.
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly}) {
    %gemm_fn = transform.structured.match ops{["func.func"]}
      attributes {sym_name = "im2col_gemm"} in %root
      : (!transform.any_op) -> !transform.any_op
    %gemm = transform.structured.match ops{["linalg.generic"]} in %gemm_fn
      : (!transform.any_op) -> !transform.any_op
    %fused, %gemm_loops:2 = transform.structured.fuse %gemm
      tile_sizes [1, 1, 0, 0, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)

    %tiled_fn = transform.structured.match ops{["func.func"]}
      attributes {sym_name = "tiled_extract"} in %root
      : (!transform.any_op) -> !transform.any_op
    %extract = transform.structured.match ops{["patches.extract"]} in %tiled_fn
      : (!transform.any_op) -> !transform.any_op
    %tiled, %loops:4 = transform.structured.tile_using_for %extract
      tile_sizes [1, 4, 2, 2]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
