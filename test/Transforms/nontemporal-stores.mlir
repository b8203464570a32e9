// RUN: patches-opt %s --pass-pipeline='builtin.module(func.func(patches-nontemporal-stores))' -split-input-file | FileCheck %s

// A marked loop storing one vector at start + i * 8 of a unit-stride
// memref: versioned on the first store's alignment (the aligned pointer,
// the view's offset, the start, in bytes, modulo the vector's 32 bytes);
// aligned, the stores are non-temporal; the function ends with sfence.

// CHECK-LABEL: func.func @streams
// CHECK-SAME:    (%[[ROW:.+]]: memref<64xf32, strided<[1], offset: ?>>, %[[V:.+]]: vector<8xf32>, %[[START:.+]]: index, %[[N:.+]]: index)
// CHECK:         %[[FIRST:.+]] = arith.muli %[[C0:.+]], %[[C8:.+]] : index
// CHECK:         %[[AT:.+]] = arith.addi %[[START]], %[[FIRST]] : index
// CHECK:         %{{[^,]+}}, %[[OFFSET:[^,]+]], %{{[^,]+}}, %{{[^ ]+}} = memref.extract_strided_metadata %[[ROW]]
// CHECK:         %[[ELEMENT:.+]] = arith.addi %[[OFFSET]], %[[AT]] : index
// CHECK:         %[[POINTER:.+]] = memref.extract_aligned_pointer_as_index %[[ROW]]
// CHECK:         %[[BYTES:.+]] = arith.muli %[[ELEMENT]], %{{.+}} : index
// CHECK:         %[[ADDRESS:.+]] = arith.addi %[[POINTER]], %[[BYTES]] : index
// CHECK:         %[[MIS:.+]] = arith.remui %[[ADDRESS]], %{{.+}} : index
// CHECK:         %[[ALIGNED:.+]] = arith.cmpi eq, %[[MIS]], %{{.+}} : index
// CHECK:         scf.if %[[ALIGNED]] {
// CHECK:           scf.for %[[I:.+]] =
// CHECK:             vector.store %[[V]], %[[ROW]][%{{.+}}] {alignment = 32 : i64, nontemporal = true}
// CHECK-NOT:         vector.transfer_write
// CHECK:         } else {
// CHECK:           scf.for
// CHECK:             vector.transfer_write %[[V]], %[[ROW]][%{{.+}}] {in_bounds = [true]}
// CHECK-NOT:     patches.nontemporal
// CHECK:         llvm.call_intrinsic "llvm.x86.sse.sfence"() : () -> ()
// CHECK-NEXT:    return
module attributes {llvm.target_triple = "x86_64-unknown-linux-gnu"} {
  func.func @streams(%row: memref<64xf32, strided<[1], offset: ?>>, %v: vector<8xf32>, %start: index, %n: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    scf.for %i = %c0 to %n step %c1 {
      %s = arith.muli %i, %c8 : index
      %at = arith.addi %start, %s : index
      vector.transfer_write %v, %row[%at] {in_bounds = [true]} : vector<8xf32>, memref<64xf32, strided<[1], offset: ?>>
    } {patches.nontemporal}
    return
  }
}

// -----

// Marked loops of other forms lose the mark and keep their stores: steps
// that are not the vector's length, a masked store, a strided memref, an
// unmarked loop. No fence.

// CHECK-LABEL: func.func @left_alone
// CHECK-NOT:     scf.if
// CHECK-NOT:     vector.store
// CHECK-NOT:     patches.nontemporal
// CHECK-NOT:     sfence
func.func @left_alone(%row: memref<64xf32>, %strided: memref<64xf32, strided<[2]>>, %v: vector<8xf32>, %m: vector<8xi1>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %n step %c1 {
    %at = arith.muli %i, %c4 : index
    vector.transfer_write %v, %row[%at] {in_bounds = [true]} : vector<8xf32>, memref<64xf32>
  } {patches.nontemporal}
  scf.for %i = %c0 to %n step %c1 {
    %at = arith.muli %i, %c8 : index
    vector.transfer_write %v, %row[%at], %m {in_bounds = [true]} : vector<8xf32>, memref<64xf32>
  } {patches.nontemporal}
  scf.for %i = %c0 to %n step %c1 {
    %at = arith.muli %i, %c8 : index
    vector.transfer_write %v, %strided[%at] {in_bounds = [true]} : vector<8xf32>, memref<64xf32, strided<[2]>>
  } {patches.nontemporal}
  scf.for %i = %c0 to %n step %c1 {
    %at = arith.muli %i, %c8 : index
    vector.transfer_write %v, %row[%at] {in_bounds = [true]} : vector<8xf32>, memref<64xf32>
  }
  return
}

// -----

// Another architecture streams too (AArch64 has non-temporal stores), but
// x86's fence is not emitted there.

// CHECK-LABEL: func.func @aarch64
// CHECK:         vector.store %{{.+}} {alignment = 16 : i64, nontemporal = true}
// CHECK-NOT:     sfence
module attributes {llvm.target_triple = "aarch64-unknown-linux-gnu"} {
  func.func @aarch64(%row: memref<64xf32>, %v: vector<4xf32>, %n: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %n step %c1 {
      %at = arith.muli %i, %c4 : index
      vector.transfer_write %v, %row[%at] {in_bounds = [true]} : vector<4xf32>, memref<64xf32>
    } {patches.nontemporal}
    return
  }
}
