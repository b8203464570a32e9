//===- PatchesToLinalg.h - Lower patches.extract to linalg ------*- C++ -*-===//

#ifndef PATCHES_CONVERSION_PATCHESTOLINALG_PATCHESTOLINALG_H
#define PATCHES_CONVERSION_PATCHESTOLINALG_PATCHESTOLINALG_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"
#include "llvm/Support/CommandLine.h"

#include <memory>

namespace patches {

class ExtractOp;

/// How `patches.extract` becomes linalg.
enum class LoweringStrategy {
  /// A direct gather: exact for every input.
  Gather,
  /// JAX's formulation: a depthwise convolution with a one-hot filter.
  Conv,
};

/// The command-line spelling of the strategies (`gather`, `conv`), shared by
/// the conversion pass and the pipelines.
inline llvm::cl::ValuesClass loweringStrategyValues() {
  return llvm::cl::values(
      clEnumValN(LoweringStrategy::Gather, "gather",
                 "a direct, exact gather"),
      clEnumValN(LoweringStrategy::Conv, "conv",
                 "JAX's depthwise convolution with a one-hot filter"));
}

/// Options of the patches-to-linalg patterns.
struct PatchesToLinalgOptions {
  LoweringStrategy strategy = LoweringStrategy::Gather;
};

/// Adds the pattern that lowers `patches.extract` by `options.strategy`.
void populatePatchesToLinalgPatterns(
    mlir::RewritePatternSet &patterns,
    const PatchesToLinalgOptions &options = {});

/// Adds the pattern that lowers `patches.fold` (a scatter-add into a padded
/// accumulator; one form for every strategy).
void populateFoldToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// Builds the gather lowering of `op` at the builder's insertion point and
/// returns the value that replaces its result. Emits an error on `op` and
/// fails where it cannot.
mlir::FailureOr<mlir::Value> buildGatherLowering(mlir::OpBuilder &b,
                                                 ExtractOp op);

/// Builds the one-hot-convolution lowering of `op`, likewise.
mlir::FailureOr<mlir::Value> buildConvLowering(mlir::OpBuilder &b,
                                               ExtractOp op);

#define GEN_PASS_DECL_CONVERTPATCHESTOLINALG
#include "patches/Conversion/Passes.h.inc"

} // namespace patches

#endif // PATCHES_CONVERSION_PATCHESTOLINALG_PATCHESTOLINALG_H
