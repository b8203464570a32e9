// patches.fold down both pipelines. On the CPU it becomes loops in the LLVM
// dialect. On the GPU the accumulation is not a kernel (its output is
// indexed by its reduction loops, so threads would race): it stays as loops
// on the host, with a remark, while the accumulator's fill is a kernel.
//
// RUN: patches-opt %s --patches-lower-to-llvm | FileCheck %s --check-prefix=CPU
// RUN: patches-opt %s --patches-lower-to-nvvm 2>&1 | FileCheck %s --check-prefix=GPU

// CPU-LABEL: llvm.func @fold
// CPU-NOT:     patches.fold
// CPU-NOT:     linalg.
// CPU:         llvm.fadd
// CPU:         llvm.return

// GPU: remark: left on the host: an output is indexed by a reduction loop
// GPU-LABEL: llvm.func @fold
// GPU:         gpu.launch_func {{.*}} @fold_kernel::@fold_kernel
// GPU:         llvm.fadd
// GPU:         llvm.return
// GPU:       gpu.binary @fold_kernel
func.func @fold(%y: tensor<2x8x4x27xf32>) -> tensor<2x9x9x3xf32> {
  %0 = patches.fold %y filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[1, 1], [0, -1]] lhs_dilation = [2, 1] rhs_dilation = [2, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<2x8x4x27xf32> -> tensor<2x9x9x3xf32>
  return %0 : tensor<2x9x9x3xf32>
}
