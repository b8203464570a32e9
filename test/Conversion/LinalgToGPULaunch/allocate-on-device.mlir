// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// patches-allocate-on-device, which the GPU pipelines run in device-buffers
// mode after deallocations are placed and before they are lowered: what
// bufferization allocated is device memory. memref.alloc becomes gpu.alloc,
// synchronous on a stream of its own; bufferization.clone a device buffer
// and a copy (a kernel, once patches-linalg-to-gpu-launch{device-buffers}
// has run); a constant (memref.get_global) is copied into a device buffer
// where it is read, freed at the end of the block. The deallocations stay
// (patches-linalg-to-gpu-launch{device-buffers} frees device memory with
// gpu.dealloc once they are lowered).
//
// RUN: patches-opt %s -split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-allocate-on-device))" \
// RUN: | FileCheck %s

// CHECK-LABEL: func.func @result
//  CHECK-SAME:   (%[[N:.*]]: index) -> memref<?x4xf32>
//       CHECK:   %[[T0:.*]] = gpu.wait async
//       CHECK:   %[[BUF:.*]], %[[T1:.*]] = gpu.alloc async [%[[T0]]] (%[[N]]) : memref<?x4xf32>
//       CHECK:   gpu.wait [%[[T1]]]
//       CHECK:   %[[TMP:.*]], %{{.*}} = gpu.alloc async [%{{.*}}] () : memref<16xi8>
//       CHECK:   call @use(%[[BUF]], %[[TMP]])
//       CHECK:   memref.dealloc %[[TMP]] : memref<16xi8>
//   CHECK-NOT:   memref.alloc
//       CHECK:   return %[[BUF]]
func.func private @use(memref<?x4xf32>, memref<16xi8>)
func.func @result(%n: index) -> memref<?x4xf32> {
  %buffer = memref.alloc(%n) {alignment = 64 : i64} : memref<?x4xf32>
  %scratch = memref.alloc() : memref<16xi8>
  call @use(%buffer, %scratch) : (memref<?x4xf32>, memref<16xi8>) -> ()
  memref.dealloc %scratch : memref<16xi8>
  return %buffer : memref<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @clone
//  CHECK-SAME:   (%[[SRC:.*]]: memref<?x8xf32>) -> memref<?x8xf32>
//       CHECK:   %[[C0:.*]] = arith.constant 0 : index
//       CHECK:   %[[N:.*]] = memref.dim %[[SRC]], %[[C0]]
//       CHECK:   %[[BUF:.*]], %{{.*}} = gpu.alloc async [%{{.*}}] (%[[N]]) : memref<?x8xf32>
//       CHECK:   memref.copy %[[SRC]], %[[BUF]]
//       CHECK:   return %[[BUF]]
func.func @clone(%src: memref<?x8xf32>) -> memref<?x8xf32> {
  %copy = bufferization.clone %src : memref<?x8xf32> to memref<?x8xf32>
  return %copy : memref<?x8xf32>
}

// -----

// CHECK-LABEL: func.func @constant
//       CHECK:   %[[HOST:.*]] = memref.get_global @table : memref<2x3xf32>
//       CHECK:   %[[DEV:.*]], %{{.*}} = gpu.alloc async [%{{.*}}] () : memref<2x3xf32>
//       CHECK:   %[[T0:.*]] = gpu.wait async
//       CHECK:   %[[T1:.*]] = gpu.memcpy async [%[[T0]]] %[[DEV]], %[[HOST]] : memref<2x3xf32>, memref<2x3xf32>
//       CHECK:   gpu.wait [%[[T1]]]
//       CHECK:   %[[VIEW:.*]] = memref.subview %[[DEV]]
//       CHECK:   call @read(%[[VIEW]])
//       CHECK:   gpu.dealloc async [%{{.*}}] %[[DEV]]
//  CHECK-NEXT:   gpu.wait
//  CHECK-NEXT:   return
memref.global "private" constant @table : memref<2x3xf32> = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]>
func.func private @read(memref<3xf32, strided<[1], offset: 3>>)
func.func @constant() {
  %table = memref.get_global @table : memref<2x3xf32>
  %row = memref.subview %table[1, 0] [1, 3] [1, 1]
      : memref<2x3xf32> to memref<3xf32, strided<[1], offset: 3>>
  call @read(%row) : (memref<3xf32, strided<[1], offset: 3>>) -> ()
  return
}
