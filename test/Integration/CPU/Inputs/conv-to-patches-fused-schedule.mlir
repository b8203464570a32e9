// The schedule of conv-to-patches-fused.mlir: the convolution of @fused
// rewritten by transform.patches.convert_conv_to_patches, the resulting
// linalg.matmul tiled over (M, F, K) = (4, 2, 10) (4 divides OW = 8), the
// slice of its patches operand moved above the tensor.collapse_shape, and
// the patches.extract fused into the innermost loop.
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly}) {
    %fn = transform.structured.match ops{["func.func"]}
      attributes {sym_name = "fused"} in %root
      : (!transform.any_op) -> !transform.any_op
    %conv = transform.structured.match ops{["linalg.conv_2d_nhwc_hwcf"]} in %fn
      : (!transform.any_op) -> !transform.any_op
    %patches, %matmul = transform.patches.convert_conv_to_patches %conv
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %tiled, %loops:3 = transform.structured.tile_using_for %matmul
      tile_sizes [4, 2, 10]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
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
