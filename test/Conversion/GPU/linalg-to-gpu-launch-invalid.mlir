// RUN: not patches-opt %s \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{block-size=2048}))" \
// RUN:   2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not patches-opt %s \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{index-bitwidth=16}))" \
// RUN:   2>&1 | FileCheck %s --check-prefix=WIDTH

// CUDA allows at most 1024 threads per block; index arithmetic is 32 or 64
// bits wide.

// BLOCK: error: block-size must be in [1, 1024], got 2048
// WIDTH: error: index-bitwidth must be 32 or 64, got 16
func.func @f(%out: memref<8xf32>) {
  return
}
