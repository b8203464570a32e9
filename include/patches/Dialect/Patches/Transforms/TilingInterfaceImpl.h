//===- TilingInterfaceImpl.h - Tiling patches.extract -----------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `patches.extract` as a `TilingInterface` op, so the upstream tiling and
// tile-and-fuse drivers (`scf::tileUsingSCF`, the `transform.structured`
// tiling and fusion ops) work on it. Attached as an external model; the
// dialect promises it, so forgetting the registration is an error.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_TRANSFORMS_TILINGINTERFACEIMPL_H
#define PATCHES_DIALECT_PATCHES_TRANSFORMS_TILINGINTERFACEIMPL_H

#include "mlir/IR/DialectRegistry.h"

namespace patches {

/// Attaches `TilingInterface` to `patches.extract` when the patches dialect
/// is loaded (and loads the dialects a tile is computed with).
void registerTilingInterfaceExternalModels(mlir::DialectRegistry &registry);

} // namespace patches

#endif // PATCHES_DIALECT_PATCHES_TRANSFORMS_TILINGINTERFACEIMPL_H
