//===- PatchesAttrs.h - Attributes of the patches dialect -------*- C++ -*-===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_H
#define PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"

#include "patches/Dialect/Patches/IR/PatchesEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "patches/Dialect/Patches/IR/PatchesAttrs.h.inc"

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_H
