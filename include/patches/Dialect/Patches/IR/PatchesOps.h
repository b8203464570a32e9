//===- PatchesOps.h - Operations of the patches dialect ---------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESOPS_H
#define PATCHES_DIALECT_PATCHES_IR_PATCHESOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/RuntimeVerifiableOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "patches/Dialect/Patches/IR/PatchesAttrs.h"
#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/Dialect/Patches/IR/PatchesGeometry.h"

namespace patches {
// The generated declarations spell interface types as the `mlir` namespace
// does (RuntimeVerifiableOpInterface's method), as CIRCT's LLVM.h does.
using mlir::function_ref;
using mlir::Operation;
using mlir::StringRef;
} // namespace patches

#define GET_OP_CLASSES
#include "patches/Dialect/Patches/IR/PatchesOps.h.inc"

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESOPS_H
