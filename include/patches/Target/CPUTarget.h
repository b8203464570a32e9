//===- CPUTarget.h - The CPU the gather is generated for --------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The CPU pipeline generates code for one CPU. Where a compiler put its
// target into the IR, that target is used; elsewhere the pipeline's `cpu`
// option (default: the host). From the CPU, LLVM's target information gives
// the triple, the data layout and the features, and a short table gives the
// widths at which the vectorized gather writes each kind of row.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_TARGET_CPUTARGET_H
#define PATCHES_TARGET_CPUTARGET_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

#include <optional>
#include <string>

namespace patches {

/// Receives the message of a target that cannot be resolved (and returns
/// failure). Without one, `error: <message>` is printed to stderr.
using TargetErrorHandler =
    llvm::function_ref<mlir::LogicalResult(const llvm::Twine &)>;

/// The vector width, in bits, at which the vectorized gather writes each
/// kind of row on a CPU, and why.
struct RowStrategy {
  /// Stride-1 rows and the zero fills of padding: unmasked loads and stores.
  int64_t copyBits = 0;
  /// Rows with stride > 1: a wide load and one shuffle per vector stored.
  int64_t stridedBits = 0;
  /// Rows with lhs dilation: a narrow load shuffled with zeros.
  int64_t dilatedBits = 0;
  /// Feature-innermost rows (NHWC): one load per window position and a
  /// transpose in registers.
  int64_t transposeBits = 0;
  std::string why;

  /// The same width for every kind.
  static RowStrategy uniform(int64_t bits, llvm::StringRef why) {
    return {bits, bits, bits, bits, why.str()};
  }
};

/// The vector widths, in bits, that the vectorized code (the gather's rows, the
/// contractions' blocks) accepts: from one byte to the widest hardware vector
/// (SVE's 2048 bits). Wider vectors blew up LLVM's code generator
/// (`vector<8192xi1>` never finished, `SmallVector unable to grow` at 65536
/// bits of i4).
constexpr int64_t kMinVectorBits = 8;
constexpr int64_t kMaxVectorBits = 2048;

/// Why `vectorBits` is no width the vectorized code builds (nor 0, the
/// target's choice), or "" when it is one: the pass and the CPU pipeline
/// report this message.
std::string checkVectorBits(int64_t vectorBits);

/// A CPU, resolved.
struct CPUTarget {
  /// LLVM's target triple (the host's unless the IR names one).
  std::string triple;
  /// LLVM's name of the CPU (the host's for `native`).
  std::string cpu;
  /// Its features as `+f,-g,...`: the host's for `native`, the IR's where
  /// it gives them, else empty (the CPU's name implies them).
  std::string features;
  /// The data layout LLVM's target machine uses for it.
  std::string dataLayout;
  /// How the vectorized gather writes rows on it.
  RowStrategy rows;
};

/// What the IR says about the target an op is compiled for, innermost
/// first: `target_cpu` and `target_features` of the enclosing function
/// (`func.func` or `llvm.func`); the module's `llvm.target`
/// (`#llvm.target<triple, chip, features>`) or `llvm.target_triple`; and
/// the DLTI device "CPU" entry `max_vector_op_width` (bits). Empty fields
/// are unspecified.
struct TargetRequest {
  std::string triple;
  std::string cpu;
  std::string features;
  std::optional<int64_t> maxVectorBits;
  /// The op whose attributes named the CPU (for diagnostics), if any.
  mlir::Operation *source = nullptr;
};

/// Reads the target the IR asks for at `op`.
TargetRequest getTargetRequest(mlir::Operation *op);

/// Resolves `cpu` (empty or `native`: the host, with the host's features)
/// with `features` for `triple` (empty: the host's), reporting an unknown
/// target or CPU through `errorHandler`.
mlir::FailureOr<CPUTarget>
resolveCPUTarget(llvm::StringRef cpu, llvm::StringRef features = "",
                 llvm::StringRef triple = "",
                 TargetErrorHandler errorHandler = nullptr);

/// Resolves the target at `op`: the CPU the IR names (with its features),
/// else `defaultCPU` with `defaultFeatures`, for the IR's triple or the
/// host's. A DLTI `max_vector_op_width` caps the row widths. Errors are
/// reported at the op that named the target (or `op`) when `emitErrors`.
mlir::FailureOr<CPUTarget>
resolveCPUTargetAt(mlir::Operation *op, llvm::StringRef defaultCPU,
                   llvm::StringRef defaultFeatures = "",
                   bool emitErrors = true);

} // namespace patches

#endif // PATCHES_TARGET_CPUTARGET_H
