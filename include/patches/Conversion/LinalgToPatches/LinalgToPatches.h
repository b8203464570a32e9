//===- LinalgToPatches.h - Raising linalg to patches ------------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_CONVERSION_LINALGTOPATCHES_LINALGTOPATCHES_H
#define PATCHES_CONVERSION_LINALGTOPATCHES_LINALGTOPATCHES_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

namespace patches {

#define GEN_PASS_DECL_RAISEONEHOTCONVTOPATCHES
#include "patches/Conversion/Passes.h.inc"

/// Adds the pattern of `patches-raise-one-hot-conv`: a depthwise
/// convolution with a one-hot filter (a constant, or computed from constants
/// and indices within `options.maxEvaluatedElements`) becomes
/// `patches.extract`. With `options.remarks`, a candidate left alone gets a
/// remark each time the pattern fails on it (the pass tries each once).
void populateRaiseOneHotConvPatterns(
    mlir::RewritePatternSet &patterns,
    const RaiseOneHotConvToPatchesOptions &options = {});

} // namespace patches

#endif // PATCHES_CONVERSION_LINALGTOPATCHES_LINALGTOPATCHES_H
