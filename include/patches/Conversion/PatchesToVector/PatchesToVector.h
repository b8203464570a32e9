//===- PatchesToVector.h - Vectorized CPU gather ----------------*- C++ -*-===//

#ifndef PATCHES_CONVERSION_PATCHESTOVECTOR_PATCHESTOVECTOR_H
#define PATCHES_CONVERSION_PATCHESTOVECTOR_PATCHESTOVECTOR_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace patches {

class ExtractOp;

/// Options of the vectorized gather.
struct PatchesToVectorOptions {
  /// Width of the vectors, in bits (512: one AVX-512 register of f32 x 16).
  int64_t vectorBits = 512;
};

/// Whether `op` can be lowered by the vectorized gather.
bool canLowerToVectorLoops(ExtractOp op);

/// Adds the pattern that lowers each `patches.extract` the vectorized gather
/// handles (see `canLowerToVectorLoops`) to vectorized loops.
void populatePatchesToVectorPatterns(mlir::RewritePatternSet &patterns,
                                     const PatchesToVectorOptions &options = {});

#define GEN_PASS_DECL_CONVERTPATCHESTOVECTOR
#include "patches/Conversion/Passes.h.inc"

} // namespace patches

#endif // PATCHES_CONVERSION_PATCHESTOVECTOR_PATCHESTOVECTOR_H
