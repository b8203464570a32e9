//===- GatherTile.h - The gather of a result tile ---------------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The exact gather of any tile of a `patches.extract` result, shared by the
// gather lowering's index form and the tiling interface.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_UTILS_GATHERTILE_H
#define PATCHES_DIALECT_PATCHES_UTILS_GATHERTILE_H

#include "patches/Dialect/Patches/IR/PatchesGeometry.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

namespace patches {

class ExtractOp;

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

#endif // PATCHES_DIALECT_PATCHES_UTILS_GATHERTILE_H
