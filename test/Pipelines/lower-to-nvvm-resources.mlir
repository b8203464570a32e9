// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// What the gather kernels of the GPU benchmark's cases (bench/gpu/bench.py,
// batch 32) cost per thread, as ptxas reports it for sm_90: no shared
// memory, no stack and no spills. Each thread stores 16-byte vectors
// (vector-stores, the default): one path where every lane reads inside the
// input, one with a per-element test, each loop unrolled by LLVM, so a few
// loads and stores per kernel (lower-to-nvvm-ptx-cost.mlir counts what
// they cost per element). With vector-stores=false, each thread moves its
// one element: exactly one global load and one global store. This is the
// static half of the issue's speed target; bench/gpu/run.sh measures the
// other half on a GPU.
//
// REQUIRES: ptxas
// RUN: patches-opt %S/Inputs/gpu_bench_cases.mlir --patches-lower-to-nvvm=format=isa \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py \
// RUN:     --ptxas %ptxas --arch sm_90 --resources \
// RUN: | FileCheck %s --check-prefix=VECTOR
// RUN: patches-opt %S/Inputs/gpu_bench_cases.mlir "--patches-lower-to-nvvm=format=isa vector-stores=false" \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py \
// RUN:     --ptxas %ptxas --arch sm_90 --resources \
// RUN: | FileCheck %s --check-prefix=SCALAR

// VECTOR: assembled 7 PTX modules
// VECTOR-COUNT-7: resources {{[a-z0-9_]+}}_kernel: registers {{[0-9]+}}, stack 0, spill stores 0, spill loads 0, smem 0, global loads {{[1-9][0-9]*}}, global stores {{[1-9][0-9]*}}
// VECTOR-NOT: resources

// SCALAR: assembled 7 PTX modules
// SCALAR-COUNT-7: resources {{[a-z0-9_]+}}_kernel: registers {{[0-9]+}}, stack 0, spill stores 0, spill loads 0, smem 0, global loads 1, global stores 1
// SCALAR-NOT: resources
