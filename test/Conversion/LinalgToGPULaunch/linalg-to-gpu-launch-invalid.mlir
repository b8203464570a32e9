// RUN: not patches-opt %s --patches-linalg-to-gpu-launch=block-size=2048 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BLOCK --implicit-check-not={{.}}
// RUN: not patches-opt %s --patches-linalg-to-gpu-launch=block-size=0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BLOCK0 --implicit-check-not={{.}}
// RUN: not patches-opt %s --patches-linalg-to-gpu-launch=index-bitwidth=16 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WIDTH --implicit-check-not={{.}}
// RUN: not patches-opt %s --patches-linalg-to-gpu-launch=min-threads=-5 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MIN-THREADS --implicit-check-not={{.}}
// RUN: not patches-opt %s \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{block-size=2048}))" \
// RUN:   2>&1 | FileCheck %s --check-prefix=NESTED --implicit-check-not={{.}}

// CUDA allows at most 1024 threads per block; index arithmetic is 32 or 64
// bits wide. The options are checked when they are parsed: one error, no IR
// (block-size=0 was an op error with the function printed, once per
// function).

// BLOCK: {{^}}<unknown>:0: error: block-size must be in [1, 1024], got 2048
// BLOCK0: {{^}}<unknown>:0: error: block-size must be in [1, 1024], got 0
// WIDTH: {{^}}<unknown>:0: error: index-bitwidth must be 32 or 64, got 16
// MIN-THREADS: {{^}}<unknown>:0: error: min-threads must be 0 or more, got -5
// NESTED:      {{^}}<unknown>:0: error: block-size must be in [1, 1024], got 2048
// NESTED-NEXT: {{^}}failed to add `patches-linalg-to-gpu-launch` with options `block-size=2048`
// NESTED-NEXT: {{^}}failed to add `func.func` with options `` to inner pipeline
func.func @f(%out: memref<8xf32>) {
  return
}

func.func @g(%out: memref<8xf32>) {
  return
}
