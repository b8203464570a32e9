// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The static speed check of the GPU kernels: for the benchmark's cases at
// batch 32 (NCHW and NHWC 3x3, 7x7 stride 2, rhs dilation 2, 3-D, 1-D, lhs
// dilation 2), the PTX instructions each kernel spends per output element
// stored, per iteration of its thread loop (both of its paths: the one
// where a whole vector reads inside the input, and the per-element one),
// must not exceed 8. An H200 issues about 33 T thread-instructions a
// second and its HBM3e moves about 4.8 TB/s: a kernel storing 4-byte
// elements can afford about 27 instructions per element before the issue
// rate, not memory, bounds it.
//
// The one-element-a-thread kernels (vector-stores=false) fail the same
// check: it can fail.
//
// RUN: patches-opt %S/Inputs/gpu_bench_cases.mlir --patches-lower-to-nvvm=format=isa \
// RUN: | %python %S/Inputs/extract_ptx.py \
// RUN: | %python %S/Inputs/ptx_cost.py --max-per-element 8 \
// RUN: | FileCheck %s
// RUN: patches-opt %S/Inputs/gpu_model_cases.mlir --patches-lower-to-nvvm=format=isa \
// RUN: | %python %S/Inputs/extract_ptx.py \
// RUN: | %python %S/Inputs/ptx_cost.py --max-per-element 8 \
// RUN: | FileCheck %s --check-prefix=MODEL
// RUN: patches-opt %S/Inputs/gpu_bench_cases.mlir "--patches-lower-to-nvvm=format=isa vector-stores=false" \
// RUN: | %python %S/Inputs/extract_ptx.py \
// RUN: | not %python %S/Inputs/ptx_cost.py --max-per-element 8 \
// RUN: | FileCheck %s --check-prefix=SCALAR

// Each kernel loops over the batch (its two paths are two loops, the fast
// one unrolled twice by LLVM); every loop stores whole vectors.
// CHECK-COUNT-2: cost resnet_3x3_nchw_kernel loop {{.*}}: {{[0-9]+}} instructions, {{[48]}} elements stored, {{[0-7]\.[0-9]+|8\.00}} per element
// CHECK-COUNT-2: cost resnet_3x3_nhwc_kernel loop {{.*}}: {{[0-9]+}} instructions, {{[48]}} elements stored, {{[0-7]\.[0-9]+|8\.00}} per element
// CHECK-COUNT-2: cost stem_7x7_s2_nchw_kernel loop {{.*}}: {{[0-9]+}} instructions, {{[48]}} elements stored, {{[0-7]\.[0-9]+|8\.00}} per element
// CHECK-COUNT-2: cost rhs_dilation_nchw_kernel loop {{.*}}: {{[0-9]+}} instructions, {{[48]}} elements stored, {{[0-7]\.[0-9]+|8\.00}} per element
// CHECK-COUNT-2: cost conv3d_ncdhw_kernel loop {{.*}}: {{[0-9]+}} instructions, {{[48]}} elements stored, {{[0-7]\.[0-9]+|8\.00}} per element
// CHECK-COUNT-2: cost window9_ncw_kernel loop {{.*}}: {{[0-9]+}} instructions, {{[48]}} elements stored, {{[0-7]\.[0-9]+|8\.00}} per element
// CHECK-COUNT-2: cost lhs_dilation_nchw_kernel loop {{.*}}: {{[0-9]+}} instructions, {{[48]}} elements stored, {{[0-7]\.[0-9]+|8\.00}} per element
// CHECK-NOT: cost

// ResNet-50's later stages (rows of 28, 14 and 7; the 7x7 stage's batch
// loop in chunks of 16) and its 1x1 stride-2 downsampling.
// MODEL-COUNT-2: cost stage2_3x3_nchw_kernel loop {{.*}} per element
// MODEL-COUNT-2: cost stage3_3x3_nchw_kernel loop {{.*}} per element
// MODEL-COUNT-2: cost stage4_3x3_nchw_kernel loop {{.*}} per element
// MODEL-COUNT-2: cost stage4_3x3_nhwc_kernel loop {{.*}} per element
// MODEL:         cost downsample_1x1_s2_nchw_kernel loop {{.*}} per element
// MODEL-NOT:     cost

// One element a thread, no loop: tens of instructions per element.
// SCALAR-COUNT-7: cost {{[a-z0-9_]+}}_kernel straight: {{[0-9]+}} instructions, 1 elements stored, {{[1-9][0-9]\.[0-9]+}} per element
