// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The worked example in device-buffers mode, its kernels run on the host
// (patches-lower-to-llvm-emulating-gpu=device-buffers=true, where device
// memory is host memory): @extract gets its input and returns its result
// as device buffers, main's constant is copied to a device buffer; the
// results are the host mode's, for both strategies.
//
// RUN: patches-opt %S/Inputs/worked_example.mlir "--patches-lower-to-llvm-emulating-gpu=device-buffers=true" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %S/Inputs/worked_example.mlir \
// RUN:     "--patches-lower-to-llvm-emulating-gpu=device-buffers=true strategy=conv block-size=3" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
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
