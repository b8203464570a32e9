//===- Passes.cpp - C API of the patches passes ---------------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The creation and registration functions of patches-c/Passes.h, generated
// by mlir-tblgen (-gen-pass-capi-impl) from the three Passes.td files. The
// generated code calls `create<Pass>()`, `register<Pass>()` and
// `register<Group>Passes()` unqualified: they are in namespace patches.
//
//===----------------------------------------------------------------------===//

#include "patches-c/Passes.h"
#include "patches/Conversion/Passes.h"
#include "patches/Testing/Passes.h"
#include "patches/Transforms/Passes.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/Pass/Pass.h"

using namespace mlir;
using namespace patches;

extern "C" {
#include "patches/Conversion/Passes.capi.cpp.inc"
#include "patches/Testing/Passes.capi.cpp.inc"
#include "patches/Transforms/Passes.capi.cpp.inc"
}
