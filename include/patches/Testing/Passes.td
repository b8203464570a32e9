//===- Passes.td - Testing passes of patches ----------------*- tablegen -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes that exist for testing: a reference execution of GPU kernels on
// the host, for machines without a GPU.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_TESTING_PASSES_TD
#define PATCHES_TESTING_PASSES_TD

include "mlir/Pass/PassBase.td"

def EmulateGPUOnHost : Pass<"patches-emulate-gpu-on-host",
                            "::mlir::func::FuncOp"> {
  let summary = "Run gpu.launch kernels and GPU memory ops on the host";
  let description = [{
    A reference execution of the kernels that `patches-linalg-to-gpu-launch`
    builds, for testing them on machines without a GPU: every `gpu.launch`
    becomes sequential `scf.for` loops over its blocks and threads (its body
    inlined, block and thread ids being the loop indices), `gpu.alloc`,
    `gpu.memcpy` and `gpu.dealloc` become `memref.alloc`, `memref.copy` and
    `memref.dealloc`, and `gpu.wait` disappears. Kernels whose threads do not
    communicate (no barriers, shuffles or shared memory, which are rejected)
    compute the same results as on the GPU; the CPU pipeline then runs them.
  }];
  let dependentDialects = [
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

#endif // PATCHES_TESTING_PASSES_TD
