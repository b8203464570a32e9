//===- PatchesToVector.h - Vectorized CPU gather ----------------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_CONVERSION_PATCHESTOVECTOR_PATCHESTOVECTOR_H
#define PATCHES_CONVERSION_PATCHESTOVECTOR_PATCHESTOVECTOR_H

#include "patches/Dialect/Patches/IR/PatchesGeometry.h"
#include "patches/Target/CPUTarget.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

#include <memory>
#include <string>

namespace patches {

class ExtractOp;

/// Options of the vectorized gather.
struct PatchesToVectorOptions {
  /// Width of every vector, in bits; 0: the widths the target CPU's row
  /// strategy chooses for each kind of row (CPUTarget.h).
  int64_t vectorBits = 0;
  /// The CPU where the IR names none (`native`: the host).
  std::string cpu = "native";
  /// Results larger than this many bytes have their aligned row stores
  /// marked for streaming (non-temporal) stores; -1: results larger than
  /// the last-level cache (kDefaultNontemporalBytes), rows of 1 KiB or
  /// more.
  int64_t nontemporalBytes = -1;
};

/// The size above which a result does not fit the last-level cache, for
/// `nontemporal-bytes=-1`: 32 MiB, the L3 of one Zen 4 CCD, and about the
/// share of a socket's L3 that a core of the project's Intel Xeons gets.
/// (LLVM's target information knows no cache sizes for x86, and a VM's
/// sysconf reports the whole package's L3.)
constexpr int64_t kDefaultNontemporalBytes = 32 << 20;

/// Whether `op` can be lowered by the vectorized gather; `geometry` is
/// the op's, the overload without it computes it.
bool canLowerToVectorLoops(ExtractOp op, const ExtractGeometry &geometry);
bool canLowerToVectorLoops(ExtractOp op);

/// Adds the pattern that lowers each `patches.extract` the vectorized gather
/// handles (see `canLowerToVectorLoops`) to vectorized loops.
void populatePatchesToVectorPatterns(
    mlir::RewritePatternSet &patterns,
    const PatchesToVectorOptions &options = {});

#define GEN_PASS_DECL_CONVERTPATCHESTOVECTOR
#include "patches/Conversion/Passes.h.inc"

} // namespace patches

#endif // PATCHES_CONVERSION_PATCHESTOVECTOR_PATCHESTOVECTOR_H
