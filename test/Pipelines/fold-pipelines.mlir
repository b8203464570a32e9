// patches.fold down both pipelines. On the CPU it becomes loops in the LLVM
// dialect. On the GPU the gather-sum is a kernel: one thread per result
// element (its output is indexed by the parallel loops alone, so no two
// threads write the same element), the window loop inside the thread; the
// zero fill of the result is a kernel before it. Nothing stays on the host.
//
// RUN: patches-opt %s --patches-lower-to-llvm | FileCheck %s --check-prefix=CPU
// RUN: patches-opt %s --patches-lower-to-nvvm 2>&1 | FileCheck %s --check-prefix=GPU

// CPU-LABEL: llvm.func @fold
// CPU-NOT:     patches.fold
// CPU-NOT:     linalg.
// CPU:         llvm.fadd
// CPU:         llvm.return

// GPU-NOT: remark
// GPU-LABEL: llvm.func @fold
// GPU:         gpu.launch_func {{.*}} @fold_kernel::@fold_kernel
// GPU:         gpu.launch_func {{.*}} @fold_kernel_0::@fold_kernel
// GPU-NOT:     llvm.fadd
// GPU:         llvm.return
// GPU:       gpu.binary @fold_kernel
// GPU:       gpu.binary @fold_kernel_0
// The sum's kernel: a loop over the 3x3 window positions in each thread,
// reading the patches where a window exists.
// GPU-SAME:    add.rn.f32
func.func @fold(%y: tensor<2x7x4x27xf32>) -> tensor<2x9x9x3xf32> {
  %0 = patches.fold %y filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[0, 1], [0, -1]] lhs_dilation = [2, 1] rhs_dilation = [2, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x7x4x27xf32> -> tensor<2x9x9x3xf32>
  return %0 : tensor<2x9x9x3xf32>
}
