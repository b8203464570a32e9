// The worked example through the GPU pipeline's kernels, run on the host
// (patches-lower-to-llvm-emulating-gpu): what the GPU computes, checked on
// machines without one.
//
// RUN: patches-opt %S/Inputs/worked_example.mlir --patches-lower-to-llvm-emulating-gpu \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %S/Inputs/worked_example.mlir \
// RUN:     "--patches-lower-to-llvm-emulating-gpu=strategy=conv block-size=3" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// The extraction is a kernel (not folded at compile time), in both forms.
// RUN: patches-opt %S/Inputs/worked_example.mlir --patches-lower-to-nvvm | FileCheck %s --check-prefix=KERNEL
// KERNEL: gpu.binary @extract_kernel
// RUN: patches-opt %S/Inputs/worked_example.mlir -o /dev/null --patches-lower-to-llvm-emulating-gpu \
// RUN:   --mlir-print-ir-after=patches-linalg-to-gpu-launch 2>&1 | FileCheck %s --check-prefix=LAUNCH
// LAUNCH: gpu.launch

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
