//===- Passes.h - Conversion passes of patches ------------------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_CONVERSION_PASSES_H
#define PATCHES_CONVERSION_PASSES_H

#include "patches/Conversion/LinalgConvToPatches/LinalgConvToPatches.h"
#include "patches/Conversion/LinalgToGPULaunch/LinalgToGPULaunch.h"
#include "patches/Conversion/LinalgToPatches/LinalgToPatches.h"
#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Conversion/PatchesToVector/PatchesToVector.h"

namespace patches {

#define GEN_PASS_REGISTRATION
#include "patches/Conversion/Passes.h.inc"

} // namespace patches

#endif // PATCHES_CONVERSION_PASSES_H
