//===- Passes.h - Transforms of patches -------------------------*- C++ -*-===//

#ifndef PATCHES_TRANSFORMS_PASSES_H
#define PATCHES_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

#include <memory>
#include <optional>
#include <string>

namespace patches {

/// Adds the pattern of `patches-fold-pad-into-linalg`: a `linalg.generic`
/// on tensors reads through a `tensor.pad` input with a bounds test.
void populateFoldPadIntoLinalgPatterns(mlir::RewritePatternSet &patterns);

/// Adds the pattern of `raise-one-hot-conv-to-patches`: a depthwise
/// convolution with a constant one-hot filter becomes `patches.extract`.
void populateRaiseOneHotConvPatterns(mlir::RewritePatternSet &patterns);

/// Adds the patterns of `patches-move-bits-as-integers`: LLVM loads and
/// stores of floats that are only moved load and store integers.
void populateMoveBitsAsIntegersPatterns(mlir::RewritePatternSet &patterns);

/// The first problem of `patches-linalg-to-gpu-launch`'s options (checked
/// by the pass and by the GPU pipelines that forward them), if any.
std::optional<std::string>
checkLinalgToGPULaunchOptions(int64_t blockSize, unsigned indexBitwidth);

#define GEN_PASS_DECL
#include "patches/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "patches/Transforms/Passes.h.inc"

} // namespace patches

#endif // PATCHES_TRANSFORMS_PASSES_H
