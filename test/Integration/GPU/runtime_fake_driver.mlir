// The host side of patches-lower-to-nvvm and the CUDA runtime wrapper, run
// by mlir-runner without a GPU: a stand-in libcuda.so.1 logs every driver
// call (kernels do not run). Checks the calls in order: the PTX module
// loaded at start-up, one stream, device buffers (input 36 bytes, output 64),
// the input copied in, the launch (one block of 256 threads), the profile
// line PATCHES_CUDA_PROFILE asks for, the output copied out, the frees, the
// synchronization; then a driver error reported with the call and its
// CUresult, and exit status 1.
//
// REQUIRES: cuda-runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %cxx_compiler -shared -fPIC %S/Inputs/fake_cuda_driver.cpp -o %t.dir/libcuda.so.1
// RUN: patches-opt %S/Inputs/worked_example.mlir --patches-lower-to-nvvm -o %t.mlir
// RUN: env LD_LIBRARY_PATH=%t.dir PATCHES_CUDA_PROFILE=1 mlir-runner %t.mlir -e main \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s
// RUN: env LD_LIBRARY_PATH=%t.dir FAKE_CUDA_FAIL=cuLaunchKernel not mlir-runner %t.mlir -e main \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s --check-prefix=LAUNCH
// RUN: env LD_LIBRARY_PATH=%t.dir FAKE_CUDA_FAIL=cuInit not mlir-runner %t.mlir -e main \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s --check-prefix=INIT

// CHECK:      fake-cuda: cuInit
// CHECK-NEXT: fake-cuda: cuModuleLoadDataEx ptx entry=extract_kernel target=sm_90
// CHECK-NEXT: fake-cuda: cuStreamCreate
// CHECK-NEXT: fake-cuda: cuMemAllocAsync 36
// CHECK-NEXT: fake-cuda: cuMemcpyAsync 36
// CHECK-NEXT: fake-cuda: cuMemAllocAsync 64
// CHECK-NEXT: fake-cuda: cuModuleGetFunction extract_kernel
// CHECK-NEXT: fake-cuda: cuLaunchKernel extract_kernel grid=1x1x1 block=256x1x1 shared=0 params=yes
// CHECK-NEXT: patches_cuda_runtime: profile kernel=extract_kernel grid=1x1x1 block=256x1x1 ms=0.500000
// CHECK-NEXT: fake-cuda: cuMemcpyAsync 64
// CHECK-NEXT: fake-cuda: cuMemFreeAsync
// CHECK-NEXT: fake-cuda: cuMemFreeAsync
// CHECK-NEXT: fake-cuda: cuStreamSynchronize
// CHECK-NEXT: fake-cuda: cuStreamDestroy
// CHECK-NEXT: fake-cuda: cuModuleUnload

// LAUNCH: patches_cuda_runtime: cuLaunchKernel(extract_kernel) failed: CUDA_ERROR_NO_DEVICE (100): no CUDA-capable device is detected
// LAUNCH-NOT: fake-cuda

// INIT: fake-cuda: cuInit
// INIT-NEXT: patches_cuda_runtime: cuInit(0) failed: CUDA_ERROR_NO_DEVICE (100): no CUDA-capable device is detected
// INIT-NOT: fake-cuda
