// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The worked example lowered with device-buffers=true, run by mlir-runner on
// the runtime wrapper and the logging stand-in driver: main copies its
// constant input into device memory once; @extract then allocates its
// 64-byte result on the device and launches the kernel on the two device
// buffers (their addresses the kernel's parameters), with no copy in or
// out; main frees the buffers. (main reads the
// result on the host to print it, which the stand-in's host memory allows;
// on a GPU the caller would copy it back.)
//
// REQUIRES: cuda-runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %cxx_compiler -shared -fPIC %S/Inputs/fake_cuda_driver.cpp -o %t.dir/libcuda.so.1
// RUN: patches-opt %S/Inputs/worked_example.mlir "--patches-lower-to-nvvm=device-buffers=true" -o %t.mlir
// RUN: env LD_LIBRARY_PATH=%t.dir FAKE_CUDA_PARAMS=12 mlir-runner %t.mlir -e main \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s

// CHECK:      fake-cuda: cuInit
// CHECK-NEXT: fake-cuda: cuModuleLoadDataEx ptx entry=extract_kernel target=sm_90
// CHECK-NEXT: fake-cuda: cuModuleLoadDataEx ptx entry=main_kernel target=sm_90
// main: the constant input into a device buffer.
// CHECK-NEXT: fake-cuda: cuStreamCreate
// CHECK-NEXT: fake-cuda: cuMemAllocAsync 36 at=[[INPUT:0x[0-9a-f]+]]
// CHECK-NEXT: fake-cuda: cuStreamSynchronize
// CHECK-NEXT: fake-cuda: cuStreamDestroy
// CHECK-NEXT: fake-cuda: cuStreamCreate
// CHECK-NEXT: fake-cuda: cuMemcpyAsync 36
// CHECK-NEXT: fake-cuda: cuStreamSynchronize
// CHECK-NEXT: fake-cuda: cuStreamDestroy
// @extract: its result on the device (and nothing else: the window that
// bufferization allocated, which the kernel does not read, is not), the
// launch on the input and the result as they are, and no copy.
// CHECK-NEXT: fake-cuda: cuStreamCreate
// CHECK-NEXT: fake-cuda: cuMemAllocAsync 64 at=[[RESULT:0x[0-9a-f]+]]
// CHECK-NEXT: fake-cuda: cuStreamSynchronize
// CHECK-NEXT: fake-cuda: cuStreamDestroy
// CHECK-NEXT: fake-cuda: cuStreamCreate
// CHECK-NEXT: fake-cuda: cuModuleGetFunction extract_kernel
// CHECK-NEXT: fake-cuda: cuLaunchKernel extract_kernel grid=1x1x1 block=256x1x1 shared=0 params=yes
// The descriptors' fields: the input's (allocated, aligned, offset, 4
// sizes, 4 strides), then the result's.
// CHECK-NEXT: fake-cuda:   param 0 = [[INPUT]]
// CHECK-NEXT: fake-cuda:   param 1 = [[INPUT]]
// CHECK:      fake-cuda:   param 11 = [[RESULT]]
// CHECK-NEXT: fake-cuda: cuStreamSynchronize
// CHECK-NEXT: fake-cuda: cuStreamDestroy
// CHECK-NOT:  cuMemFreeAsync
// main, to print its input: a device copy of it by a copy kernel, not a
// memcpy; then the frees.
// CHECK-NOT:  cuMemcpy
// CHECK:      fake-cuda: cuLaunchKernel main_kernel
// CHECK-NOT:  cuMemcpy
// CHECK:      fake-cuda: cuMemFreeAsync
// CHECK-NOT:  cuMemcpy
// CHECK:      fake-cuda: cuModuleUnload
