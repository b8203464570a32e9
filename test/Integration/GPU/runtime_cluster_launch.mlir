// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// mgpuLaunchClusterKernel of the CUDA runtime wrapper, called by the host
// code that upstream's lowering (gpu-lower-to-nvvm-pipeline: gpu-to-llvm and
// the gpu.binary translation) makes of a `gpu.launch_func ... clusters in`,
// run by mlir-runner on the logging stand-in driver. Checks the
// cuLaunchKernelEx configuration (grid and block in blocks and threads,
// dynamic shared memory, the cluster dimension as its one attribute), the
// opt-ins a launch needs (dynamic shared memory beyond 48 KiB; clusters of
// more than 8 blocks), the profile line, and the error reports: a grid that
// is not a whole number of clusters, more shared memory than the device has,
// and a failing cuLaunchKernelEx.
//
// REQUIRES: cuda-runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %cxx_compiler -shared -fPIC %S/Inputs/fake_cuda_driver.cpp -o %t.dir/libcuda.so.1
// RUN: mlir-opt %s --gpu-lower-to-nvvm-pipeline="cubin-chip=sm_90 cubin-features=+ptx80 cubin-format=isa" -o %t.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.mlir | FileCheck %s --check-prefix=IR
// RUN: env LD_LIBRARY_PATH=%t.dir PATCHES_CUDA_PROFILE=1 mlir-runner %t.mlir -e main \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s
// RUN: env LD_LIBRARY_PATH=%t.dir not mlir-runner %t.mlir -e uneven_grid \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s --check-prefix=UNEVEN
// RUN: env LD_LIBRARY_PATH=%t.dir not mlir-runner %t.mlir -e too_much_shared \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s --check-prefix=SHARED
// RUN: env LD_LIBRARY_PATH=%t.dir FAKE_CUDA_FAIL=cuLaunchKernelEx not mlir-runner %t.mlir -e main \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s --check-prefix=FAIL

// The signature upstream's translation calls: cluster, grid and block sizes
// as i64, the shared memory as i32, stream, params, extra (no parameter
// count, unlike mgpuLaunchKernel).
// IR: declare void @mgpuLaunchClusterKernel(ptr, i64, i64, i64, i64, i64, i64, i64, i64, i64, i32, ptr, ptr, ptr)

// A portable cluster (2x1x1 of a 8x4x1 grid), no dynamic shared memory.
// CHECK:      fake-cuda: cuModuleGetFunction cluster_kernel
// CHECK-NEXT: fake-cuda: cuStreamCreate
// CHECK-NEXT: fake-cuda: cuLaunchKernelEx cluster_kernel grid=8x4x1 block=128x1x1 shared=0 params=yes attrs=1
// CHECK-NEXT: fake-cuda:   attr cluster=2x1x1
// CHECK-NEXT: patches_cuda_runtime: profile kernel=cluster_kernel cluster=2x1x1 grid=8x4x1 block=128x1x1 ms=0.500000
// A cluster of 16 blocks (4x4x1) and 64 KiB of dynamic shared memory: both
// opt-ins (attribute 8, the dynamic shared size; 14, non-portable clusters).
// CHECK:      fake-cuda: cuStreamCreate
// CHECK-NEXT: fake-cuda: cuFuncSetAttribute cluster_kernel attribute=8 value=65536
// CHECK-NEXT: fake-cuda: cuFuncSetAttribute cluster_kernel attribute=14 value=1
// CHECK-NEXT: fake-cuda: cuLaunchKernelEx cluster_kernel grid=16x16x1 block=32x2x1 shared=65536 params=yes attrs=1
// CHECK-NEXT: fake-cuda:   attr cluster=4x4x1
// CHECK-NEXT: patches_cuda_runtime: profile kernel=cluster_kernel cluster=4x4x1 grid=16x16x1 block=32x2x1 ms=0.500000
// A launch without clusters still goes through cuLaunchKernel.
// CHECK:      fake-cuda: cuStreamCreate
// CHECK-NEXT: fake-cuda: cuLaunchKernel cluster_kernel grid=3x1x1 block=64x1x1 shared=0 params=yes
// CHECK-NEXT: patches_cuda_runtime: profile kernel=cluster_kernel grid=3x1x1 block=64x1x1 ms=0.500000
// CHECK:      fake-cuda: cuMemFreeAsync
// CHECK:      fake-cuda: cuModuleUnload

// UNEVEN: patches_cuda_runtime: cuLaunchKernelEx(cluster_kernel) not called: cluster=2x2x1 grid=8x3x1 block=128x1x1: the grid is not a whole number of clusters
// UNEVEN-NOT: fake-cuda: cuLaunchKernelEx

// SHARED: patches_cuda_runtime: cuLaunchKernelEx(cluster_kernel) not called: 300000 bytes of dynamic shared memory exceed the device's limit of 232448
// SHARED-NOT: fake-cuda: cuLaunchKernelEx

// FAIL:      fake-cuda: cuLaunchKernelEx cluster_kernel grid=8x4x1
// FAIL:      patches_cuda_runtime: cuLaunchKernelEx(cluster_kernel) failed: CUDA_ERROR_NO_DEVICE (100): no CUDA-capable device is detected
// FAIL-NOT:  fake-cuda

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @cluster_kernel(%buffer: memref<16xf32>) kernel {
      %c0 = arith.constant 0 : index
      %cluster = gpu.cluster_id x
      %value = arith.index_cast %cluster : index to i32
      %float = arith.sitofp %value : i32 to f32
      memref.store %float, %buffer[%c0] : memref<16xf32>
      gpu.return
    }
  }

  func.func @main() {
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    %c16 = arith.constant 16 : index
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %c128 = arith.constant 128 : index
    %shared = arith.constant 65536 : i32
    %token = gpu.wait async
    %buffer, %allocated = gpu.alloc async [%token] () : memref<16xf32>
    gpu.wait [%allocated]
    gpu.launch_func @kernels::@cluster_kernel
        clusters in (%c2, %c1, %c1) blocks in (%c8, %c4, %c1)
        threads in (%c128, %c1, %c1) args(%buffer : memref<16xf32>)
    gpu.launch_func @kernels::@cluster_kernel
        clusters in (%c4, %c4, %c1) blocks in (%c16, %c16, %c1)
        threads in (%c32, %c2, %c1) dynamic_shared_memory_size %shared
        args(%buffer : memref<16xf32>)
    gpu.launch_func @kernels::@cluster_kernel
        blocks in (%c3, %c1, %c1) threads in (%c64, %c1, %c1)
        args(%buffer : memref<16xf32>)
    %freed = gpu.dealloc async [%allocated] %buffer : memref<16xf32>
    gpu.wait [%freed]
    return
  }

  func.func @uneven_grid() {
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c8 = arith.constant 8 : index
    %c128 = arith.constant 128 : index
    %token = gpu.wait async
    %buffer, %allocated = gpu.alloc async [%token] () : memref<16xf32>
    gpu.wait [%allocated]
    gpu.launch_func @kernels::@cluster_kernel
        clusters in (%c2, %c2, %c1) blocks in (%c8, %c3, %c1)
        threads in (%c128, %c1, %c1) args(%buffer : memref<16xf32>)
    return
  }

  func.func @too_much_shared() {
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c128 = arith.constant 128 : index
    %shared = arith.constant 300000 : i32
    %token = gpu.wait async
    %buffer, %allocated = gpu.alloc async [%token] () : memref<16xf32>
    gpu.wait [%allocated]
    gpu.launch_func @kernels::@cluster_kernel
        clusters in (%c2, %c1, %c1) blocks in (%c2, %c1, %c1)
        threads in (%c128, %c1, %c1) dynamic_shared_memory_size %shared
        args(%buffer : memref<16xf32>)
    return
  }
}
