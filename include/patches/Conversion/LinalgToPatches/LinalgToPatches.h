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
/// convolution with a constant one-hot filter becomes `patches.extract`.
void populateRaiseOneHotConvPatterns(mlir::RewritePatternSet &patterns);

} // namespace patches

#endif // PATCHES_CONVERSION_LINALGTOPATCHES_LINALGTOPATCHES_H
