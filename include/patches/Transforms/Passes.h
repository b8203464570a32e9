//===- Passes.h - Transforms of patches -------------------------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_TRANSFORMS_PASSES_H
#define PATCHES_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

#include <memory>
#include <optional>
#include <string>

namespace patches {

/// The unit attribute on an `scf.for` whose vector stores
/// `patches-nontemporal-stores` makes non-temporal where they are aligned
/// (`convert-patches-to-vector` sets it on rows of results beyond the
/// last-level cache).
constexpr llvm::StringLiteral kNontemporalLoopAttrName = "patches.nontemporal";

/// Adds the pattern of `patches-fold-pad-into-linalg`: a `linalg.generic`
/// on tensors reads through a `tensor.pad` input with a bounds test.
void populateFoldPadIntoLinalgPatterns(mlir::RewritePatternSet &patterns);

/// Adds the patterns of `patches-move-bits-as-integers`: LLVM loads and
/// stores of floats that are only moved load and store integers.
void populateMoveBitsAsIntegersPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_DECL
#include "patches/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "patches/Transforms/Passes.h.inc"

} // namespace patches

#endif // PATCHES_TRANSFORMS_PASSES_H
