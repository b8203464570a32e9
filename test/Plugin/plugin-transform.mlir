// Stock mlir-opt with libPatchesPlugin.so: the plugin also attaches
// TilingInterface to patches.extract and registers the patches transform
// ops, so upstream tiling transforms and the patches patterns work on it.

// RUN: mlir-opt %s --load-dialect-plugin=%patches_lib_dir/libPatchesPlugin.so \
// RUN:   --transform-interpreter --canonicalize | FileCheck %s

// Tiling the output rows by 2: the tile is a gather (linalg.generic) inside
// the loop, and the extraction is gone.
// CHECK-LABEL: func.func @tile_rows(
// CHECK-NOT:     patches.extract
// CHECK:         scf.for
// CHECK:           linalg.generic
// CHECK-SAME:        outs(%{{.+}} : tensor<1x?x5x18xf32>)
// CHECK:           tensor.insert_slice
// CHECK-NOT:     patches.extract
func.func @tile_rows(%x: tensor<1x5x5x2xf32>) -> tensor<1x5x5x18xf32> {
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
         padding = SAME dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x5x5x2xf32> -> tensor<1x5x5x18xf32>
  return %p : tensor<1x5x5x18xf32>
}

// The patches pattern moves a 5-row slice of a collapsed (1, 5, 5, 18)
// tensor at a constant offset of 10 onto the 4-D tensor.
// CHECK-LABEL: func.func @bubble_up(
// CHECK-SAME:    %[[P:.+]]: tensor<1x5x5x18xf32>
// CHECK:         %[[S:.+]] = tensor.extract_slice %[[P]][0, 2, 0, 0] [1, 1, 5, 18] [1, 1, 1, 1]
// CHECK:         tensor.collapse_shape %[[S]] {{\[\[}}0, 1, 2], [3]]
func.func @bubble_up(%p: tensor<1x5x5x18xf32>) -> tensor<5x18xf32> {
  %c = tensor.collapse_shape %p [[0, 1, 2], [3]] : tensor<1x5x5x18xf32> into tensor<25x18xf32>
  %s = tensor.extract_slice %c[10, 0] [5, 18] [1, 1] : tensor<25x18xf32> to tensor<5x18xf32>
  return %s : tensor<5x18xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %extract = transform.structured.match ops{["patches.extract"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %tiled, %rows = transform.structured.tile_using_for %extract
      tile_sizes [0, 2]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %bubble = transform.structured.match ops{["func.func"]} attributes{sym_name = "bubble_up"} in %root
      : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %bubble {
      transform.apply_patterns.patches.bubble_up_extract_slice_through_collapse
    } : !transform.any_op
    transform.yield
  }
}
