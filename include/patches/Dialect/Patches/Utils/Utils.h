//===- Utils.h - Element and shape helpers of the lowerings -----*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What every lowering of patches builds besides index arithmetic (which the
// geometry owns, PatchesGeometry.h): the constants the op reads (padding's
// zero) or computes with (the one-hot filter's one), the integer types
// elements move as, the signless twins that arith computes signed and
// unsigned integers with, and the guard that keeps empty shapes out of the
// upstream ops that reject them.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_UTILS_UTILS_H
#define PATCHES_DIALECT_PATCHES_UTILS_UTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace patches {

/// The zero of a scalar type the op supports (integer of any signedness,
/// index, float or complex): what padding and the holes of lhs dilation
/// read.
mlir::Value createZero(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Type elementType);

/// The one of such a type (the one-hot filter's hot value).
mlir::Value createOne(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Type elementType);

/// The type a gather moves elements of `elementType` (or vectors of them)
/// as: floats as signless integers of their width, everything else as it
/// is. Copies never pass a float through a select, a phi or a shuffle: a
/// target that computes those in another format (x86 promotes bf16 to f32)
/// quiets signalling NaNs and flushes denormals on the way back.
mlir::Type getMoveType(mlir::Type elementOrVectorType);
/// `value` bitcast to its move type (a no-op where that is its own type).
mlir::Value toMoveType(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value value);
/// A value of a move type bitcast back to `type` (scalar or vector).
mlir::Value fromMoveType(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value value, mlir::Type type);

/// Whether the lowerings can add and multiply values of `type`: every
/// integer, index and complex type and the floats from f16 to f128; not the
/// small float formats (f8, f6, f4), which arith and LLVM only store. The
/// conv strategy and patches.fold's sums need it; the gather does not.
bool hasArithmetic(mlir::Type type);

/// A scalar element of any type the op takes as the values it moves as:
/// its move type, or for `complex<F>` the move types of its two parts (no
/// bitcast of a complex number lowers, and an LLVM struct of two `bf16` in
/// a phi is promoted like each `bf16`).
llvm::SmallVector<mlir::Type> getMoveTypes(mlir::Type elementType);
llvm::SmallVector<mlir::Value>
toMoveValues(mlir::OpBuilder &b, mlir::Location loc, mlir::Value element);
/// The element of `elementType` that `parts` (of `getMoveTypes`) move.
mlir::Value fromMoveValues(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::ValueRange parts, mlir::Type elementType);

/// The type arith computes `type` with: the signless integer of the same
/// width for a signed or unsigned integer type (arith has no ops on those;
/// two's complement wraps alike), `type` itself otherwise.
mlir::Type getSignlessType(mlir::Type type);
/// `value` (a scalar, or a tensor of scalars) as the same bits of `type`,
/// where one of the two is the other's signless twin: a
/// `builtin.unrealized_conversion_cast`, which the LLVM lowering erases
/// (`reconcile-unrealized-casts`). `value` itself where it has `type`.
/// Every signed/unsigned value the lowerings compute passes through this.
mlir::Value castSignedness(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value value, mlir::Type type);

/// A zero-filled tensor of `sizes`.
mlir::Value createZeroTensor(mlir::OpBuilder &b, mlir::Location loc,
                             llvm::ArrayRef<mlir::OpFoldResult> sizes,
                             mlir::Type elementType);

/// `build()` where every size in `sizes` is nonzero, else `buildEmpty()`,
/// cast to `type`. With a dynamic size this is an `scf.if` on the sizes, so
/// that what `build` makes never meets an empty shape: the upstream
/// verifiers reject zero-size slices, pads and windows that fit no output,
/// which canonicalization could otherwise expose by making the sizes
/// static. Statically empty sizes build only `buildEmpty`.
mlir::Value buildIfNonEmpty(
    mlir::OpBuilder &b, mlir::Location loc,
    llvm::ArrayRef<mlir::OpFoldResult> sizes, mlir::RankedTensorType type,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location)> build,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location)>
        buildEmpty);

} // namespace patches

#endif // PATCHES_DIALECT_PATCHES_UTILS_UTILS_H
