// The specification's worked example on an NVIDIA GPU, with both strategies
// and the kernels as PTX (JIT-compiled by the driver when they load).
//
// REQUIRES: cuda-gpu
// RUN: patches-opt %S/Inputs/worked_example.mlir --patches-lower-to-nvvm \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN: | FileCheck %s
// RUN: patches-opt %S/Inputs/worked_example.mlir --patches-lower-to-nvvm=strategy=conv \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN: | FileCheck %s

// CHECK:      rank = 4 offset = 0 sizes = [1, 1, 3, 3]
// CHECK:      rank = 4 offset = 0 sizes = [1, 4, 2, 2]
// CHECK-NEXT: {{\[\[\[\[}}1, 2],
// CHECK-NEXT: [4, 5]],
// CHECK-NEXT: {{\[\[}}2, 3],
// CHECK-NEXT: [5, 6]],
// CHECK-NEXT: {{\[\[}}4, 5],
// CHECK-NEXT: [7, 8]],
// CHECK-NEXT: {{\[\[}}5, 6],
// CHECK-NEXT: [8, 9]]]]
