// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// patches-linalg-to-gpu-launch{device-buffers}: the memrefs are in device
// memory already, so each launch takes them as they are, between a
// `gpu.wait async` and a `gpu.wait`: no device buffers, copies or frees, no
// contiguous host copy of a strided view. The kernel is the one of the host
// mode (test/Conversion/LinalgToGPULaunch/linalg-to-gpu-launch.mlir); a
// memref.copy becomes a copy kernel. (An op that cannot be a kernel is an
// error: device-buffers-invalid.mlir.)
//
// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{device-buffers=true vector-stores=false}),canonicalize)" \
// RUN: | FileCheck %s
// The same kernel body in both modes.
// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{vector-stores=false}),canonicalize)" \
// RUN: | FileCheck %s --check-prefix=BODY
// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{device-buffers=true vector-stores=false}),canonicalize)" \
// RUN: | FileCheck %s --check-prefix=BODY

#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @add
//  CHECK-SAME:   %[[A:.*]]: memref<1000xf32>, %[[B:.*]]: memref<1000xf32>, %[[OUT:.*]]: memref<1000xf32>
//   CHECK-NOT:   gpu.alloc
//   CHECK-NOT:   gpu.memcpy
//       CHECK:   %[[T0:.*]] = gpu.wait async
//   CHECK-NOT:   gpu.alloc
//   CHECK-NOT:   gpu.memcpy
//       CHECK:   %[[T1:.*]] = gpu.launch async [%[[T0]]] blocks
//       CHECK:       memref.load %[[A]][
//       CHECK:       memref.load %[[B]][
//       CHECK:       memref.store %{{.*}}, %[[OUT]][
//       CHECK:     gpu.terminator
//  CHECK-NEXT:   }
//  CHECK-NEXT:   gpu.wait [%[[T1]]]
//  CHECK-NEXT:   return

// BODY-LABEL: func.func @add
//       BODY:   gpu.launch async [%{{.*}}] blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[C4:.*]], %{{.*}} = %[[C1:.*]], %{{.*}} = %[[C1]]) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[C256:.*]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]])
//  BODY-NEXT:     %[[TX32:.*]] = arith.index_castui %[[TX]] : index to i32
//  BODY-NEXT:     %[[BX32:.*]] = arith.index_castui %[[BX]] : index to i32
//  BODY-NEXT:     %[[BASE:.*]] = arith.muli %[[BX32]], %{{.*}} : i32
//  BODY-NEXT:     %[[FLAT:.*]] = arith.addi %[[BASE]], %[[TX32]] : i32
//  BODY-NEXT:     %[[IN:.*]] = arith.cmpi ult, %[[FLAT]], %{{.*}} : i32
//  BODY-NEXT:     scf.if %[[IN]] {
//  BODY-NEXT:       %[[I:.*]] = arith.index_castui %[[FLAT]] : i32 to index
//  BODY-NEXT:       %[[X:.*]] = memref.load %{{.*}}[%[[I]]]
//  BODY-NEXT:       %[[Y:.*]] = memref.load %{{.*}}[%[[I]]]
//  BODY-NEXT:       %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
//  BODY-NEXT:       memref.store %[[S]], %{{.*}}[%[[I]]]
//  BODY-NEXT:     }
//  BODY-NEXT:     gpu.terminator
func.func @add(%a: memref<1000xf32>, %b: memref<1000xf32>, %out: memref<1000xf32>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A strided view is read in place by the kernel (no contiguous host copy);
// an output the op also reads (an accumulation) is not copied in either.

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @strided_accumulate
//  CHECK-SAME:   %[[IN:.*]]: memref<8x8xf16>, %[[OUT:.*]]: memref<4x4xf16>
//       CHECK:   %[[VIEW:.*]] = memref.subview %[[IN]]
//   CHECK-NOT:   memref.alloc
//   CHECK-NOT:   memref.copy
//   CHECK-NOT:   gpu.alloc
//   CHECK-NOT:   gpu.memcpy
//       CHECK:   gpu.launch async
//   CHECK-DAG:       memref.load %[[VIEW]][
//   CHECK-DAG:       memref.load %[[OUT]][
//       CHECK:       memref.store %{{.*}}, %[[OUT]][
//       CHECK:   gpu.wait [
//   CHECK-NOT:   gpu.
//       CHECK:   return
// BODY-LABEL: func.func @strided_accumulate
func.func @strided_accumulate(%in: memref<8x8xf16>, %out: memref<4x4xf16>) {
  %view = memref.subview %in[2, 2] [4, 4] [1, 1]
      : memref<8x8xf16> to memref<4x4xf16, strided<[8, 1], offset: 18>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%view : memref<4x4xf16, strided<[8, 1], offset: 18>>) outs(%out : memref<4x4xf16>) {
  ^bb0(%x: f16, %o: f16):
    %s = arith.addf %x, %o : f16
    linalg.yield %s : f16
  }
  return
}

// -----

// A copy between buffers (what bufferization makes of a returned clone or
// an insert_slice) is a kernel on the device.

// CHECK-LABEL: func.func @copy
//  CHECK-SAME:   %[[SRC:.*]]: memref<4x8xi8, strided<[16, 1]>>, %[[DST:.*]]: memref<4x8xi8>
//   CHECK-NOT:   memref.copy
//       CHECK:   gpu.launch async
//       CHECK:       %[[V:.*]] = memref.load %[[SRC]][
//       CHECK:       memref.store %[[V]], %[[DST]][
// BODY-LABEL: func.func @copy
func.func @copy(%src: memref<4x8xi8, strided<[16, 1]>>, %dst: memref<4x8xi8>) {
  memref.copy %src, %dst : memref<4x8xi8, strided<[16, 1]>> to memref<4x8xi8>
  return
}

// -----

// Once deallocations are lowered: device memory (arguments, gpu.alloc,
// call results) is freed with gpu.dealloc; the lowering's bookkeeping
// (memref.alloc, which patches-allocate-on-device ran before) stays host
// memory, which the host reads and frees.

// CHECK-LABEL: func.func @frees
//  CHECK-SAME:   %[[ARG:.*]]: memref<8xf32>
//       CHECK:   %[[FLAGS:.*]] = memref.alloc() : memref<2xi1>
//       CHECK:   %[[FLAG:.*]] = memref.load %[[FLAGS]]
//       CHECK:   scf.if %[[FLAG]] {
//       CHECK:   %[[T0:.*]] = gpu.wait async
//       CHECK:   %[[T1:.*]] = gpu.dealloc async [%[[T0]]] %[[ARG]] : memref<8xf32>
//       CHECK:   gpu.wait [%[[T1]]]
//       CHECK:   %[[BASE:[^,]*]], %{{.*}} = memref.extract_strided_metadata
//       CHECK:   gpu.dealloc async [%{{.*}}] %[[BASE]] : memref<f32>
//       CHECK:   memref.dealloc %[[FLAGS]] : memref<2xi1>
// BODY-LABEL: func.func @frees
func.func @frees(%arg: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %t0 = gpu.wait async
  %device, %t1 = gpu.alloc async [%t0] () : memref<4xf32>
  gpu.wait [%t1]
  %flags = memref.alloc() : memref<2xi1>
  %flag = memref.load %flags[%c0] : memref<2xi1>
  scf.if %flag {
    memref.dealloc %arg : memref<8xf32>
  }
  %base, %offset, %size, %stride = memref.extract_strided_metadata %device : memref<4xf32> -> memref<f32>, index, index, index
  memref.dealloc %base : memref<f32>
  memref.dealloc %flags : memref<2xi1>
  return
}

// -----

// A device buffer that no kernel reads or writes once the op is a kernel
// (an input the payload does not use: the padded input that
// patches-fold-pad-into-linalg leaves as a shape only) is not allocated at
// all, nor freed; a buffer the kernel writes stays.

#in = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @unused_device_buffer
//  CHECK-SAME:   %[[OUT:.*]]: memref<16xf32>
//   CHECK-NOT:   gpu.alloc
//       CHECK:   %[[USED:.*]], %{{.*}} = gpu.alloc async [%{{.*}}] () : memref<16xf32>
//   CHECK-NOT:   gpu.alloc
//       CHECK:   gpu.launch
//       CHECK:   gpu.launch
//   CHECK-NOT:   gpu.dealloc async [%{{.*}}] %{{.*}} : memref<64xf32>
//       CHECK:   gpu.dealloc async [%{{.*}}] %[[USED]] : memref<16xf32>
//   CHECK-NOT:   gpu.alloc
//   CHECK-NOT:   gpu.dealloc
//       CHECK:   return
func.func @unused_device_buffer(%out: memref<16xf32>) {
  %t0 = gpu.wait async
  %shape, %t1 = gpu.alloc async [%t0] () : memref<64xf32>
  gpu.wait [%t1]
  %t2 = gpu.wait async
  %used, %t3 = gpu.alloc async [%t2] () : memref<16xf32>
  gpu.wait [%t3]
  %c = arith.constant 2.0 : f32
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0 * 4)>, #in], iterator_types = ["parallel"]}
      ins(%shape : memref<64xf32>) outs(%used : memref<16xf32>) {
  ^bb0(%unused: f32, %o: f32):
    linalg.yield %c : f32
  }
  linalg.copy ins(%used : memref<16xf32>) outs(%out : memref<16xf32>)
  memref.dealloc %shape : memref<64xf32>
  memref.dealloc %used : memref<16xf32>
  return
}
