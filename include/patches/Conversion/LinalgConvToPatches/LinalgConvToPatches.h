//===- LinalgConvToPatches.h - Convolutions as patches + GEMM ---*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The rewrite of linalg convolutions into one `patches.extract` (im2col), a
// contraction with the reshaped filter, and the reshapes between them:
// the pass `convert-linalg-conv-to-patches`, its patterns and the function
// behind both (and behind `transform.patches.convert_conv_to_patches`).
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_CONVERSION_LINALGCONVTOPATCHES_LINALGCONVTOPATCHES_H
#define PATCHES_CONVERSION_LINALGCONVTOPATCHES_LINALGCONVTOPATCHES_H

#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

#include <string>

namespace patches {

#define GEN_PASS_DECL_CONVERTLINALGCONVTOPATCHES
#include "patches/Conversion/Passes.h.inc"

/// What a convolution became.
struct ConvToPatchesResult {
  /// The extraction of the convolution's input.
  ExtractOp extract;
  /// The contraction of the patches with the filter: `linalg.matmul`,
  /// `linalg.batch_matmul`, their quantized forms, or a `linalg.generic`.
  mlir::linalg::LinalgOp contraction;
};

/// Whether `op` is a convolution that `convertConvToPatches` considers at
/// all: a named convolution (`linalg::ConvolutionOpInterface`) or a
/// `linalg.generic` that `linalg::isaConvolutionOpInterface` accepts.
bool isConvolutionCandidate(mlir::Operation *op);

/// Checks, building nothing, whether `convertConvToPatches` rewrites `op`;
/// on failure `why` (if given) says why.
mlir::LogicalResult canConvertConvToPatches(mlir::linalg::LinalgOp op,
                                            std::string *why = nullptr);

/// Replaces the convolution `op` by a `patches.extract` of its input, a
/// contraction and reshapes. Fails, building nothing, where
/// `canConvertConvToPatches` does (with the same `why`).
mlir::FailureOr<ConvToPatchesResult>
convertConvToPatches(mlir::RewriterBase &rewriter, mlir::linalg::LinalgOp op,
                     std::string *why = nullptr);

/// Adds the patterns of `convert-linalg-conv-to-patches`: every convolution
/// that `convertConvToPatches` takes is rewritten (failures are reported
/// with `notifyMatchFailure`).
void populateConvToPatchesPatterns(mlir::RewritePatternSet &patterns);

} // namespace patches

#endif // PATCHES_CONVERSION_LINALGCONVTOPATCHES_LINALGCONVTOPATCHES_H
