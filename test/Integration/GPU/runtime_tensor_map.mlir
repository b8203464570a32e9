// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// mgpuTensorMapEncodeTiledMemref of the CUDA runtime wrapper: the call that
// upstream's convert-nvgpu-to-nvvm makes of nvgpu.tma.create.descriptor
// (then gpu-lower-to-nvvm-pipeline), run by mlir-runner on the logging
// stand-in driver. Checks the cuTensorMapEncodeTiled arguments: the data
// type, the rank, the sizes innermost first, the strides of the outer
// dimensions in bytes, the box innermost first, unit element strides, and
// interleave, swizzle, L2 promotion and out-of-bounds fill as the descriptor
// type says; the map copied to device memory once per distinct map; its
// address passed to the kernel. Then the error reports: a memref whose
// innermost dimension is not contiguous and a box dimension over 256 (the
// wrapper's own checks), and a failing cuTensorMapEncodeTiled (the report
// lists its arguments).
//
// REQUIRES: cuda-runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %cxx_compiler -shared -fPIC %S/Inputs/fake_cuda_driver.cpp -o %t.dir/libcuda.so.1
// RUN: mlir-opt %s --convert-nvgpu-to-nvvm \
// RUN:     --gpu-lower-to-nvvm-pipeline="cubin-chip=sm_90 cubin-features=+ptx80 cubin-format=isa" -o %t.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.mlir | FileCheck %s --check-prefix=IR
// RUN: env LD_LIBRARY_PATH=%t.dir FAKE_CUDA_PARAMS=4 mlir-runner %t.mlir -e main \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s
// RUN: env LD_LIBRARY_PATH=%t.dir not mlir-runner %t.mlir -e strided \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s --check-prefix=STRIDED
// RUN: env LD_LIBRARY_PATH=%t.dir not mlir-runner %t.mlir -e big_box \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s --check-prefix=BOX
// RUN: env LD_LIBRARY_PATH=%t.dir FAKE_CUDA_FAIL=cuTensorMapEncodeTiled not mlir-runner %t.mlir -e main \
// RUN:     -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%patches_cuda_runtime \
// RUN:     2>&1 >/dev/null | FileCheck %s --check-prefix=FAIL

// The signature upstream's lowering calls: the rank and the ranked
// descriptor of the unranked memref, data type, interleave, swizzle, L2
// promotion and OOB fill as i64, and the box's address; it returns the map.
// IR: declare ptr @mgpuTensorMapEncodeTiledMemref(i64, ptr, i64, i64, i64, i64, i64, ptr)

// 64x128xf32 (type 7), box 8x32, 128-byte swizzle (3), 256-byte L2
// promotion (3), zero fill (0).
// CHECK:      fake-cuda: cuMemAllocAsync 32768
// CHECK:      fake-cuda: cuTensorMapEncodeTiled type=7 rank=2 dims=[128,64] strides=[512] box=[32,8] elementStrides=[1,1] interleave=0 swizzle=3 l2promo=3 oob=0 aligned16=yes
// CHECK-NEXT: fake-cuda: cuMemAlloc 128
// CHECK-NEXT: fake-cuda: cuMemcpyHtoD 128 to=[[MAP_A:0x[0-9a-f]+]]
// The same map again: the device copy is shared.
// CHECK-NEXT: fake-cuda: cuTensorMapEncodeTiled type=7 rank=2 dims=[128,64] strides=[512] box=[32,8]
// CHECK-NOT:  cuMemAlloc 128
// 4x16x64xf16 (type 6), box 2x8x32, 64-byte swizzle (2), 128-byte L2
// promotion (2), NaN fill (1).
// CHECK:      fake-cuda: cuTensorMapEncodeTiled type=6 rank=3 dims=[64,16,4] strides=[128,2048] box=[32,8,2] elementStrides=[1,1,1] interleave=0 swizzle=2 l2promo=2 oob=1 aligned16=yes
// CHECK-NEXT: fake-cuda: cuMemAlloc 128
// CHECK-NEXT: fake-cuda: cuMemcpyHtoD 128 to=[[MAP_B:0x[0-9a-f]+]]
// 1-D 256xbf16 (type 9), box 64, no swizzle, no promotion.
// CHECK-NEXT: fake-cuda: cuTensorMapEncodeTiled type=9 rank=1 dims=[256] strides=[] box=[64] elementStrides=[1] interleave=0 swizzle=0 l2promo=0 oob=0 aligned16=yes
// CHECK-NEXT: fake-cuda: cuMemAlloc 128
// CHECK-NEXT: fake-cuda: cuMemcpyHtoD 128 to=[[MAP_C:0x[0-9a-f]+]]
// The kernel gets the maps' device addresses.
// CHECK:      fake-cuda: cuLaunchKernel main_kernel grid=1x1x1 block=1x1x1 shared=0 params=yes
// CHECK-NEXT: fake-cuda:   param 0 = [[MAP_A]]
// CHECK-NEXT: fake-cuda:   param 1 = [[MAP_A]]
// CHECK-NEXT: fake-cuda:   param 2 = [[MAP_B]]
// CHECK-NEXT: fake-cuda:   param 3 = [[MAP_C]]
// CHECK:      fake-cuda: cuModuleUnload

// STRIDED: patches_cuda_runtime: mgpuTensorMapEncodeTiledMemref: the innermost dimension has stride 2, a tensor map needs 1: rank=2 type=7 address={{0x[0-9a-f]+}} dims=[64,64] strides=[512] box=[32,8]
// STRIDED-NOT: fake-cuda: cuTensorMapEncodeTiled

// BOX: patches_cuda_runtime: mgpuTensorMapEncodeTiledMemref: box dimension 1 is 512, not in [1, 256]
// BOX-NOT: fake-cuda: cuTensorMapEncodeTiled

// FAIL:      fake-cuda: cuTensorMapEncodeTiled type=7
// FAIL-NEXT: patches_cuda_runtime: cuTensorMapEncodeTiled(rank=2 type=7 address={{0x[0-9a-f]+}} dims=[128,64] strides=[512] box=[32,8] interleave=0 swizzle=3 l2promo=3 oob=0) failed: CUDA_ERROR_NO_DEVICE (100): no CUDA-capable device is detected
// FAIL-NOT:  fake-cuda

!map2d = !nvgpu.tensormap.descriptor<tensor = memref<8x32xf32, 3>, swizzle = swizzle_128b, l2promo = l2promo_256b, oob = zero, interleave = none>
!map3d = !nvgpu.tensormap.descriptor<tensor = memref<2x8x32xf16, 3>, swizzle = swizzle_64b, l2promo = l2promo_128b, oob = nan, interleave = none>
!map1d = !nvgpu.tensormap.descriptor<tensor = memref<64xbf16, 3>, swizzle = none, l2promo = none, oob = zero, interleave = none>

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %token = gpu.wait async
  %a, %t1 = gpu.alloc async [%token] () : memref<64x128xf32>
  %b, %t2 = gpu.alloc async [%t1] () : memref<4x16x64xf16>
  %c, %t3 = gpu.alloc async [%t2] () : memref<256xbf16>
  gpu.wait [%t3]
  %ua = memref.cast %a : memref<64x128xf32> to memref<*xf32>
  %ub = memref.cast %b : memref<4x16x64xf16> to memref<*xf16>
  %uc = memref.cast %c : memref<256xbf16> to memref<*xbf16>
  %map_a = nvgpu.tma.create.descriptor %ua box[%c8, %c32] : memref<*xf32> -> !map2d
  %map_a2 = nvgpu.tma.create.descriptor %ua box[%c8, %c32] : memref<*xf32> -> !map2d
  %map_b = nvgpu.tma.create.descriptor %ub box[%c2, %c8, %c32] : memref<*xf16> -> !map3d
  %map_c = nvgpu.tma.create.descriptor %uc box[%c64] : memref<*xbf16> -> !map1d
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    nvgpu.tma.prefetch.descriptor %map_a : !map2d
    nvgpu.tma.prefetch.descriptor %map_a2 : !map2d
    nvgpu.tma.prefetch.descriptor %map_b : !map3d
    nvgpu.tma.prefetch.descriptor %map_c : !map1d
    gpu.terminator
  }
  %f1 = gpu.dealloc async [%t3] %a : memref<64x128xf32>
  %f2 = gpu.dealloc async [%f1] %b : memref<4x16x64xf16>
  %f3 = gpu.dealloc async [%f2] %c : memref<256xbf16>
  gpu.wait [%f3]
  return
}

// Every other column of a 64x128 buffer: not a tensor map.
func.func @strided() {
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %token = gpu.wait async
  %a, %t1 = gpu.alloc async [%token] () : memref<64x128xf32>
  gpu.wait [%t1]
  %columns = memref.subview %a[0, 0] [64, 64] [1, 2]
      : memref<64x128xf32> to memref<64x64xf32, strided<[128, 2]>>
  %u = memref.cast %columns : memref<64x64xf32, strided<[128, 2]>> to memref<*xf32>
  %map = nvgpu.tma.create.descriptor %u box[%c8, %c32] : memref<*xf32> -> !map2d
  return
}

// A box wider than the 256 elements a tensor map allows.
func.func @big_box() {
  %c8 = arith.constant 8 : index
  %c512 = arith.constant 512 : index
  %token = gpu.wait async
  %a, %t1 = gpu.alloc async [%token] () : memref<64x1024xf32>
  gpu.wait [%t1]
  %u = memref.cast %a : memref<64x1024xf32> to memref<*xf32>
  %map = nvgpu.tma.create.descriptor %u box[%c8, %c512] : memref<*xf32> -> !map2d
  return
}
