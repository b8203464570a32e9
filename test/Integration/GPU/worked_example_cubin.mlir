// The worked example with the kernels as a cubin for sm_90 (assembled by
// ptxas at compile time) and as a fatbinary.
//
// REQUIRES: cuda-gpu, ptxas
// RUN: patches-opt %S/Inputs/worked_example.mlir --patches-lower-to-nvvm=format=bin \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN: | FileCheck %s
// RUN: patches-opt %S/Inputs/worked_example.mlir --patches-lower-to-nvvm=format=fatbin \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN: | FileCheck %s

// CHECK:      rank = 4 offset = 0 sizes = [1, 4, 2, 2]
// CHECK-NEXT: {{\[\[\[\[}}1, 2],
// CHECK-NEXT: [4, 5]],
// CHECK-NEXT: {{\[\[}}2, 3],
// CHECK-NEXT: [5, 6]],
// CHECK-NEXT: {{\[\[}}4, 5],
// CHECK-NEXT: [7, 8]],
// CHECK-NEXT: {{\[\[}}5, 6],
// CHECK-NEXT: [8, 9]]]]
