//===- PatchesTransformOps.h - Transform ops of patches ---------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The transform-dialect extension of patches
// (`transform.apply_patterns.patches.*`) and the rewrite patterns behind it.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_TRANSFORMOPS_PATCHESTRANSFORMOPS_H
#define PATCHES_DIALECT_PATCHES_TRANSFORMOPS_PATCHESTRANSFORMOPS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Transform/IR/TransformTypes.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace patches {

/// Registers the patches transform ops with the transform dialect.
void registerTransformDialectExtension(mlir::DialectRegistry &registry);

/// Adds the pattern that swaps `tensor.extract_slice` with the
/// `tensor.collapse_shape` it slices when the slice is contiguous in every
/// reassociation group, including loop-variant offsets known to be multiples
/// of the slice size (the transform op
/// `apply_patterns.patches.bubble_up_extract_slice_through_collapse`).
void populateBubbleUpExtractSliceThroughCollapsePatterns(
    mlir::RewritePatternSet &patterns);

} // namespace patches

#define GET_OP_CLASSES
#include "patches/Dialect/Patches/TransformOps/PatchesTransformOps.h.inc"

#endif // PATCHES_DIALECT_PATCHES_TRANSFORMOPS_PATCHESTRANSFORMOPS_H
