// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// patches-lower-to-nvvm{device-buffers=true}: the lowered function takes its
// input and returns its result in device memory. Its host code allocates
// the result on the device (gpu.alloc, mgpuMemAlloc) and launches the
// kernel on the buffers it is given: no host allocation, no copy in or out,
// no free of what it returns. The kernel and its launch are those of the
// default host-buffer mode: the same outlined launch, the same PTX.
//
// RUN: patches-opt %s "--patches-lower-to-nvvm=device-buffers=true" -o /dev/null \
// RUN:   --mlir-print-ir-after=gpu-kernel-outlining 2>&1 \
// RUN: | FileCheck %s --check-prefix=OUTLINED
// RUN: patches-opt %s "--patches-lower-to-nvvm=device-buffers=true" -o /dev/null \
// RUN:   --mlir-print-ir-after=patches-linalg-to-gpu-launch 2>&1 \
// RUN: | FileCheck %s --check-prefix=DEVICE
// RUN: patches-opt %s --patches-lower-to-nvvm -o /dev/null \
// RUN:   --mlir-print-ir-after=gpu-kernel-outlining 2>&1 \
// RUN: | FileCheck %s --check-prefix=OUTLINED
// RUN: patches-opt %s "--patches-lower-to-nvvm=device-buffers=true" | FileCheck %s --check-prefix=FINAL
// RUN: patches-opt %s "--patches-lower-to-nvvm=device-buffers=true" \
// RUN: | %python %S/Inputs/extract_ptx.py > %t.device.ptx
// RUN: patches-opt %s --patches-lower-to-nvvm | %python %S/Inputs/extract_ptx.py > %t.host.ptx
// RUN: diff %t.host.ptx %t.device.ptx
// RUN: FileCheck %s --input-file=%t.device.ptx --check-prefix=PTX
// The emulating pipeline takes the option too.
// RUN: patches-opt %s "--patches-lower-to-llvm-emulating-gpu=device-buffers=true" -o /dev/null \
// RUN:   --mlir-print-ir-after=patches-linalg-to-gpu-launch 2>&1 \
// RUN: | FileCheck %s --check-prefix=DEVICE

// The launch, in both modes: 2 * 27 * 8 * 8 = 3456 elements, stored as 864
// vectors of four: 4 blocks.
// OUTLINED-LABEL: func.func @nchw_same
// OUTLINED:       gpu.launch_func async [%{{.*}}] @nchw_same_kernel::@nchw_same_kernel
// OUTLINED-SAME:      blocks in (%c4, %c1, %c1) threads in (%c256, %c1, %c1)
// OUTLINED-SAME:      args(%{{.*}} : memref<2x3x8x8xf32>, %{{.*}} : memref<2x27x8x8xf32>)
// OUTLINED:       gpu.func @nchw_same_kernel(%{{.*}}: memref<2x3x8x8xf32>, %{{.*}}: memref<2x27x8x8xf32>) kernel

// Device mode: the result is a device buffer, the kernel reads the argument
// itself, nothing is copied, and the result is not freed.
// DEVICE-LABEL: func.func @nchw_same
// DEVICE-SAME:    (%[[IN:.*]]: memref<2x3x8x8xf32>) -> memref<2x27x8x8xf32>
// DEVICE-NOT:     memref.alloc
// DEVICE-NOT:     gpu.memcpy
// DEVICE:         %[[OUT:.*]], %{{.*}} = gpu.alloc async [%{{.*}}] () : memref<2x27x8x8xf32>
// Bufferization's temporaries that the kernel does not read (the padded
// input that patches-fold-pad-into-linalg left as a shape only, the
// window) are not allocated: no cuMemAlloc and cuMemFree per call.
// DEVICE-NOT:     gpu.alloc
// DEVICE-NOT:     gpu.memcpy
// DEVICE:         gpu.launch async
// DEVICE:           memref.load %[[IN]][
// DEVICE:           vector.store %{{.*}}, %[[OUT]][
// DEVICE:           gpu.terminator
// DEVICE-NOT:     gpu.memcpy
// DEVICE-NOT:     gpu.dealloc
// DEVICE-NOT:     memref.dealloc
// DEVICE:         return %[[OUT]]

// FINAL-LABEL: llvm.func @nchw_same
// FINAL-NOT:     llvm.call @malloc
// FINAL-NOT:     llvm.call @mgpuMemcpy
// FINAL:         llvm.call @mgpuMemAlloc
// FINAL-NOT:     llvm.call @malloc
// FINAL-NOT:     llvm.call @mgpuMemcpy
// FINAL:         gpu.launch_func <%{{.*}} : !llvm.ptr> @nchw_same_kernel::@nchw_same_kernel
// FINAL-SAME:        args(%arg0 : !llvm.ptr, %arg1 : !llvm.ptr,
// FINAL-NOT:     llvm.call @mgpuMemcpy
// FINAL-NOT:     llvm.call @malloc
// FINAL:         llvm.return
// FINAL:       gpu.binary @nchw_same_kernel

// PTX: .entry nchw_same_kernel

func.func @nchw_same(%input: tensor<2x3x8x8xf32>) -> tensor<2x27x8x8xf32> {
  %patches = patches.extract %input filter_shape = [3, 3] window_strides = [1, 1]
               padding = SAME : tensor<2x3x8x8xf32> -> tensor<2x27x8x8xf32>
  return %patches : tensor<2x27x8x8xf32>
}
