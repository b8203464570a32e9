// Every named pipeline ends by checking that only its target dialects are
// left, and fails at the first op left (math.erf has no lowering to the
// LLVM dialect on the host) instead of exiting 0 with it in the output.

// RUN: not patches-opt %s --patches-lower-to-llvm -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LLVM
// RUN: not patches-opt %s --patches-lower-to-llvm=num-threads=2 -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=THREADS
// RUN: not patches-opt %s --patches-lower-to-llvm-emulating-gpu -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=EMULATED
// RUN: not patches-opt %s --patches-lower-to-nvvm -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NVVM

// LLVM:     check-lowered.mlir:[[@LINE+8]]:8: error: 'math.erf' op was not lowered by patches-lower-to-llvm to the llvm dialect
// THREADS:  check-lowered.mlir:[[@LINE+7]]:8: error: 'math.erf' op was not lowered by patches-lower-to-llvm to the llvm, omp dialects
// EMULATED: check-lowered.mlir:[[@LINE+6]]:8: error: 'math.erf' op was not lowered by patches-lower-to-llvm-emulating-gpu to the llvm dialect
// NVVM:     check-lowered.mlir:[[@LINE+5]]:8: error: 'math.erf' op was not lowered by patches-lower-to-nvvm to the llvm dialect (or gpu.binary, gpu.launch_func)
func.func @erf(%x: tensor<1x1x3x3xf32>, %s: f32) -> (tensor<1x4x2x2xf32>, f32) {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  // The extraction is lowered; the error is at the op that is not.
  %e = math.erf %s : f32
  return %0, %e : tensor<1x4x2x2xf32>, f32
}
