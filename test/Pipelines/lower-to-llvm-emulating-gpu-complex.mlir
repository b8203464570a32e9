// Complex elements through the GPU pipelines: the padded extraction is a
// kernel (its complex zero captured from above), and the emulated kernels
// are lowered completely (complex.constant was left behind, exit 0) and
// give the CPU pipeline's values.
//
// RUN: patches-opt %s --patches-lower-to-llvm-emulating-gpu \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s "--patches-lower-to-llvm-emulating-gpu=block-size=5 index-bitwidth=64" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-lower-to-llvm-emulating-gpu | FileCheck %s --check-prefix=LOWERED
// RUN: patches-opt %s -o /dev/null --patches-lower-to-llvm-emulating-gpu \
// RUN:   --mlir-print-ir-after=patches-linalg-to-gpu-launch 2>&1 | FileCheck %s --check-prefix=LAUNCH
// RUN: patches-opt %s --patches-lower-to-nvvm | FileCheck %s --check-prefix=NVVM

// LOWERED-NOT: complex.
// LAUNCH-COUNT-2: gpu.launch
// NVVM: gpu.binary @extract_c32_kernel
// NVVM: gpu.binary @extract_c64_kernel

func.func private @printMemrefC32(tensor<*xcomplex<f32>>)
func.func private @printMemrefC64(tensor<*xcomplex<f64>>)

func.func @extract_c32(%x: tensor<1x1x2x3xcomplex<f32>>) -> tensor<1x4x2x3xcomplex<f32>> {
  %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = SAME
         : tensor<1x1x2x3xcomplex<f32>> -> tensor<1x4x2x3xcomplex<f32>>
  return %p : tensor<1x4x2x3xcomplex<f32>>
}

func.func @extract_c64(%x: tensor<1x2x3x1xcomplex<f64>>) -> tensor<1x2x3x4xcomplex<f64>> {
  %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = SAME_LOWER
         dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x2x3x1xcomplex<f64>> -> tensor<1x2x3x4xcomplex<f64>>
  return %p : tensor<1x2x3x4xcomplex<f64>>
}

func.func @main() {
  %x32 = arith.constant dense<[[[[(1.0, -1.0), (2.0, -2.0), (3.0, -3.0)],
                                 [(4.0, -4.0), (5.0, -5.0), (6.5, -0.0)]]]]> : tensor<1x1x2x3xcomplex<f32>>
  %p32 = call @extract_c32(%x32) : (tensor<1x1x2x3xcomplex<f32>>) -> tensor<1x4x2x3xcomplex<f32>>
  %u32 = tensor.cast %p32 : tensor<1x4x2x3xcomplex<f32>> to tensor<*xcomplex<f32>>
  call @printMemrefC32(%u32) : (tensor<*xcomplex<f32>>) -> ()

  %x64 = arith.constant dense<[[[[(1.0, 0.5)], [(2.0, 1.5)], [(3.0, 2.5)]],
                                [[(4.0, 3.5)], [(5.0, 4.5)], [(6.0, 5.5)]]]]> : tensor<1x2x3x1xcomplex<f64>>
  %p64 = call @extract_c64(%x64) : (tensor<1x2x3x1xcomplex<f64>>) -> tensor<1x2x3x4xcomplex<f64>>
  %u64 = tensor.cast %p64 : tensor<1x2x3x4xcomplex<f64>> to tensor<*xcomplex<f64>>
  call @printMemrefC64(%u64) : (tensor<*xcomplex<f64>>) -> ()
  return
}

// CHECK:      sizes = [1, 4, 2, 3]
// CHECK-NEXT: {{\[\[\[\[}}(1,-1), (2,-2), (3,-3)],
// CHECK-NEXT: [(4,-4), (5,-5), (6.5,-0)]],
// CHECK-NEXT: {{\[\[}}(2,-2), (3,-3), (0,0)],
// CHECK-NEXT: [(5,-5), (6.5,-0), (0,0)]],
// CHECK-NEXT: {{\[\[}}(4,-4), (5,-5), (6.5,-0)],
// CHECK-NEXT: [(0,0), (0,0), (0,0)]],
// CHECK-NEXT: {{\[\[}}(5,-5), (6.5,-0), (0,0)],
// CHECK-NEXT: [(0,0), (0,0), (0,0)]]]]
// CHECK:      sizes = [1, 2, 3, 4]
// CHECK-NEXT: {{\[\[\[\[}}(0,0), (0,0), (0,0), (1,0.5)],
// CHECK-NEXT: [(0,0), (0,0), (1,0.5), (2,1.5)],
// CHECK-NEXT: [(0,0), (0,0), (2,1.5), (3,2.5)]],
// CHECK-NEXT: {{\[\[}}(0,0), (1,0.5), (0,0), (4,3.5)],
// CHECK-NEXT: [(1,0.5), (2,1.5), (4,3.5), (5,4.5)],
// CHECK-NEXT: [(2,1.5), (3,2.5), (5,4.5), (6,5.5)]]]]
