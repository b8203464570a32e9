//===- Passes.h - Testing passes of patches ---------------------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_TESTING_PASSES_H
#define PATCHES_TESTING_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace patches {

#define GEN_PASS_DECL
#include "patches/Testing/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "patches/Testing/Passes.h.inc"

} // namespace patches

#endif // PATCHES_TESTING_PASSES_H
