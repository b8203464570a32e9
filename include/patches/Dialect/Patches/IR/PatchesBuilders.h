//===- PatchesBuilders.h - IR that every lowering builds --------*- C++ -*-===//
//
// Pieces of IR shared by the lowerings and the tiling interface: the scalar
// constants the op reads (padding's zero) or computes with (the one-hot
// filter's one), and the gather of a result tile.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESBUILDERS_H
#define PATCHES_DIALECT_PATCHES_IR_PATCHESBUILDERS_H

#include "patches/Dialect/Patches/IR/PatchesGeometry.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

#include <utility>

namespace patches {

class ExtractOp;

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

/// For a position `q` (index) on a grid of spacing `step`: the grid index
/// q / step, and an i1 that holds when q is a grid point with an index below
/// `bound` (q >= 0, step divides q, q / step < bound). Reading an input
/// element through lhs dilation and finding the window that read one
/// through a stride are both this test.
std::pair<mlir::Value, mlir::Value> buildGridIndex(mlir::OpBuilder &b,
                                                   mlir::Location loc,
                                                   mlir::Value q, int64_t step,
                                                   mlir::Value bound);

/// The tile of `op`'s result at `offsets` with `sizes` (in `out_spec`
/// order) as a `linalg.generic` over the tile that reads the whole input:
/// each element decodes (c, w) from its absolute feature index, maps its
/// position into the dilated, padded input through the geometry, and reads
/// the input under `scf.if` only where that lands on an input element
/// (padding and dilation holes are zero, and nothing reads out of bounds).
/// Exact for every configuration; with zero offsets and the full sizes it
/// is the whole extraction.
mlir::linalg::GenericOp
buildGatherTile(mlir::OpBuilder &b, ExtractOp op,
                const ExtractGeometry &geometry,
                llvm::ArrayRef<mlir::OpFoldResult> offsets,
                llvm::ArrayRef<mlir::OpFoldResult> sizes);

} // namespace patches

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESBUILDERS_H
