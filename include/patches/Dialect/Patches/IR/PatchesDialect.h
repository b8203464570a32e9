//===- PatchesDialect.h - The patches dialect -------------------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESDIALECT_H
#define PATCHES_DIALECT_PATCHES_IR_PATCHESDIALECT_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "patches/Dialect/Patches/IR/PatchesOpsDialect.h.inc"

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESDIALECT_H
