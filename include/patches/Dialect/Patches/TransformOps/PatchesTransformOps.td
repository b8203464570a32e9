//===- PatchesTransformOps.td - Transform ops of patches ---*- tablegen -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Transform-dialect ops that patches adds for its schedules.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_TRANSFORMOPS_PATCHESTRANSFORMOPS_TD
#define PATCHES_DIALECT_PATCHES_TRANSFORMOPS_PATCHESTRANSFORMOPS_TD

include "mlir/Dialect/Transform/IR/TransformDialect.td"
include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/OpBase.td"

/// A transform op of patches: in the transform dialect (as every transform
/// op is), with its C++ class in `patches::transform`.
class Patches_TransformOp<string mnemonic, list<Trait> traits = []>
    : Op<Transform_Dialect, mnemonic, traits> {
  let cppNamespace = "::patches::transform";
}

def ApplyBubbleUpExtractSliceThroughCollapsePatternsOp : Patches_TransformOp<
    "apply_patterns.patches.bubble_up_extract_slice_through_collapse",
    [DeclareOpInterfaceMethods<PatternDescriptorOpInterface>]> {
  let summary = "Swap tensor.extract_slice with the tensor.collapse_shape it "
                "slices, for loop-variant offsets that are known to be aligned";
  let description = [{
    Rewrites `tensor.extract_slice(tensor.collapse_shape(%src))` into
    `tensor.collapse_shape(tensor.extract_slice(%src))` where the slice is,
    in every reassociation group, one contiguous box of `%src`:

    * a group with at most one dimension of size other than 1 takes the
      offset and size as they are (static or dynamic);
    * a group of several such dimensions `[A0, ..., An]` (all static) needs a
      static slice size `s` and an offset known to be a multiple of `s`
      (a constant, an induction variable of a loop whose lower bound and
      step are multiples of `s`, or sums and products of those, as
      `affine.apply`, `arith.addi` or `arith.muli`), and `s` of the form
      `Sk * A(k+1) * ... * An` with `Sk` dividing `Ak`. The slice is then
      `[1, ..., 1, Sk, A(k+1), ..., An]` at the offset's
      `affine.delinearize_index` into the group's shape.

    Upstream's `apply_patterns.tensor.bubble_up_extract_slice` needs static
    offsets for such groups, so it cannot move the slices a tiling loop takes
    (their offsets are the induction variables). With this pattern a
    `linalg.matmul` tiled over `M` at `tensor.collapse_shape` of an
    `(N, OH, OW, K)` patches tensor to `(N * OH * OW, K)` reads a slice of
    the 4-D tensor, into which `transform.structured.fuse_into_containing_op`
    fuses the `patches.extract`. The tile size along `M` must divide `OW`,
    or be `c * OW` with `c` dividing `OH`, or `c * OH * OW` with `c`
    dividing `N`.

    Slices with non-unit strides, rank-reducing slices and slices whose
    alignment cannot be proven are left alone.

    ```mlir
    %c = tensor.collapse_shape %p [[0, 1, 2], [3]]
        : tensor<2x5x8x27xf32> into tensor<80x27xf32>
    scf.for %m = %c0 to %c80 step %c4 ... {
      %s = tensor.extract_slice %c[%m, 0] [4, 27] [1, 1]
          : tensor<80x27xf32> to tensor<4x27xf32>
    ```
    becomes
    ```mlir
      %i:3 = affine.delinearize_index %m into (2, 5, 8) : index, index, index
      %t = tensor.extract_slice %p[%i#0, %i#1, %i#2, 0] [1, 1, 4, 27]
          [1, 1, 1, 1] : tensor<2x5x8x27xf32> to tensor<1x1x4x27xf32>
      %s = tensor.collapse_shape %t [[0, 1, 2], [3]]
          : tensor<1x1x4x27xf32> into tensor<4x27xf32>
    ```
  }];

  let assemblyFormat = "attr-dict";
}

def ConvertConvToPatchesOp : Patches_TransformOp<
    "patches.convert_conv_to_patches",
    [FunctionalStyleTransformOpTrait,
     MemoryEffectsOpInterface,
     TransformOpInterface,
     TransformEachOpTrait,
     ReportTrackingListenerFailuresOpTrait]> {
  let summary = "Rewrite a linalg convolution as patches.extract and a "
                "contraction";
  let description = [{
    Rewrites each target, a linalg convolution on tensors (named or
    `linalg.generic`), as `convert-linalg-conv-to-patches` does: one
    `patches.extract` of its input in the input's own layout, a contraction
    of the patches with the once-reshaped filter (`linalg.matmul`,
    `linalg.batch_matmul`, their quantized forms or a `linalg.generic`) and
    the reshapes between them.

    Returns handles to the extractions (`patches`) and to the contractions
    (`contraction`), one of each per target, in order. A target the rewrite
    does not take is a silenceable failure whose message says why.

    ```mlir
    %patches, %gemm = transform.patches.convert_conv_to_patches %conv
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    ```
  }];

  let arguments = (ins TransformHandleTypeInterface:$target);
  let results = (outs TransformHandleTypeInterface:$patches,
                      TransformHandleTypeInterface:$contraction);
  let assemblyFormat =
      "$target attr-dict `:` functional-type($target, results)";
  let extraClassDeclaration = [{
    ::mlir::DiagnosedSilenceableFailure applyToOne(
        ::mlir::transform::TransformRewriter &rewriter,
        ::mlir::linalg::LinalgOp target,
        ::mlir::transform::ApplyToEachResultList &results,
        ::mlir::transform::TransformState &state);
  }];
}

#endif // PATCHES_DIALECT_PATCHES_TRANSFORMOPS_PATCHESTRANSFORMOPS_TD
