//===- PatchesAttrs.h - Attributes of the patches dialect -------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_H
#define PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"

#include "patches/Dialect/Patches/IR/PatchesEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "patches/Dialect/Patches/IR/PatchesAttrs.h.inc"

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_H
