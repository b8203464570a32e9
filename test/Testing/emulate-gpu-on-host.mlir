// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-emulate-gpu-on-host,cse))" \
// RUN: | FileCheck %s

// Device memory becomes host memory; the launch, loops over blocks (z, y, x)
// and threads (z, y, x) in which the ids are the loop indices.

// CHECK-LABEL: func.func @copy_kernel
//  CHECK-SAME:   %[[IN:.*]]: memref<64xf32>, %[[OUT:.*]]: memref<64xf32>
//   CHECK-DAG:   %[[C1:.*]] = arith.constant 1 : index
//   CHECK-DAG:   %[[C2:.*]] = arith.constant 2 : index
//   CHECK-DAG:   %[[C32:.*]] = arith.constant 32 : index
//   CHECK-NOT:   gpu.
//       CHECK:   %[[DIN:.*]] = memref.alloc() : memref<64xf32>
//       CHECK:   memref.copy %[[IN]], %[[DIN]]
//       CHECK:   %[[DOUT:.*]] = memref.alloc() : memref<64xf32>
//       CHECK:   %[[C0:.*]] = arith.constant 0 : index
//       CHECK:   scf.for %{{.*}} = %[[C0]] to %[[C1]] step %[[C1]] {
//       CHECK:     scf.for %{{.*}} = %[[C0]] to %[[C1]] step %[[C1]] {
//       CHECK:       scf.for %[[BX:.*]] = %[[C0]] to %[[C2]] step %[[C1]] {
//       CHECK:         scf.for %{{.*}} = %[[C0]] to %[[C1]] step %[[C1]] {
//       CHECK:           scf.for %{{.*}} = %[[C0]] to %[[C1]] step %[[C1]] {
//       CHECK:             scf.for %[[TX:.*]] = %[[C0]] to %[[C32]] step %[[C1]] {
//       CHECK:               %[[BASE:.*]] = arith.muli %[[BX]], %[[C32]] : index
//       CHECK:               %[[I:.*]] = arith.addi %[[BASE]], %[[TX]] : index
//       CHECK:               %[[V:.*]] = memref.load %[[DIN]][%[[I]]]
//       CHECK:               memref.store %[[V]], %[[DOUT]][%[[I]]]
//       CHECK:   memref.copy %[[DOUT]], %[[OUT]]
//       CHECK:   memref.dealloc %[[DIN]]
//       CHECK:   memref.dealloc %[[DOUT]]
//   CHECK-NOT:   gpu.
//       CHECK:   return
func.func @copy_kernel(%in: memref<64xf32>, %out: memref<64xf32>) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c32 = arith.constant 32 : index
  %t0 = gpu.wait async
  %din, %t1 = gpu.alloc async [%t0] () : memref<64xf32>
  %t2 = gpu.memcpy async [%t1] %din, %in : memref<64xf32>, memref<64xf32>
  %dout, %t3 = gpu.alloc async [%t2] () : memref<64xf32>
  %t4 = gpu.launch async [%t3] blocks(%bx, %by, %bz) in (%gx = %c2, %gy = %c1, %gz = %c1)
                               threads(%tx, %ty, %tz) in (%sx = %c32, %sy = %c1, %sz = %c1) {
    %base = arith.muli %bx, %sx : index
    %i = arith.addi %base, %tx : index
    %v = memref.load %din[%i] : memref<64xf32>
    memref.store %v, %dout[%i] : memref<64xf32>
    gpu.terminator
  }
  %t5 = gpu.memcpy async [%t4] %out, %dout : memref<64xf32>, memref<64xf32>
  %t6 = gpu.dealloc async [%t5] %din : memref<64xf32>
  %t7 = gpu.dealloc async [%t6] %dout : memref<64xf32>
  gpu.wait [%t7]
  return
}

// -----

// Threads that synchronize cannot run one after another.

func.func @barrier(%out: memref<32xf32>) {
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c32, %sy = %c1, %sz = %c1) {
    // expected-error @below {{'gpu.barrier' op cannot be emulated on the host}}
    gpu.barrier
    gpu.terminator
  }
  return
}
