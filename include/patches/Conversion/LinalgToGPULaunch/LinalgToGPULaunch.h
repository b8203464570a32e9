//===- LinalgToGPULaunch.h - Each linalg op as one GPU kernel ---*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_CONVERSION_LINALGTOGPULAUNCH_LINALGTOGPULAUNCH_H
#define PATCHES_CONVERSION_LINALGTOGPULAUNCH_LINALGTOGPULAUNCH_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Pass/Pass.h"

#include <cstdint>
#include <optional>
#include <string>

namespace patches {

#define GEN_PASS_DECL_LINALGTOGPULAUNCH
#define GEN_PASS_DECL_ALLOCATEONDEVICE
#define GEN_PASS_DECL_WIDENKERNELARGUMENTS
#include "patches/Conversion/Passes.h.inc"

/// The first problem of `patches-linalg-to-gpu-launch`'s options (checked
/// by the pass and by the GPU pipelines that forward them), if any.
std::optional<std::string> checkLinalgToGPULaunchOptions(int64_t blockSize,
                                                         unsigned indexBitwidth,
                                                         int64_t minThreads);

/// The token of a fresh stream (`gpu.wait async`), for one synchronous
/// operation; `endGPUStream` waits for it (`gpu.wait`).
mlir::Value beginGPUStream(mlir::OpBuilder &b, mlir::Location loc);
void endGPUStream(mlir::OpBuilder &b, mlir::Location loc, mlir::Value token);
/// Frees the device buffer `buffer`, synchronously on a stream of its own.
void freeOnDevice(mlir::OpBuilder &b, mlir::Location loc, mlir::Value buffer);

} // namespace patches

#endif // PATCHES_CONVERSION_LINALGTOGPULAUNCH_LINALGTOGPULAUNCH_H
