// RUN: patches-opt %s --patches-move-bits-as-integers -split-input-file | FileCheck %s

// A bf16 moved through an integer phi: the load and the store become i16
// accesses, so no bitcast is left for InstCombine to sink through the phi
// (which made it a bf16 phi again, kept in an f32 register on x86).
// CHECK-LABEL: llvm.func @scalar_move(
// CHECK-SAME:      %[[SRC:.+]]: !llvm.ptr, %[[DST:.+]]: !llvm.ptr, %[[C:.+]]: i1)
// CHECK:         %[[BITS:.+]] = llvm.load %[[SRC]] {alignment = 2 : i64} : !llvm.ptr -> i16
// CHECK:         llvm.cond_br %[[C]], ^[[B1:.+]](%[[BITS]] : i16)
// CHECK:       ^{{.+}}(%[[PHI:.+]]: i16):
// CHECK-NEXT:    llvm.store %[[PHI]], %[[DST]] {alignment = 2 : i64} : i16, !llvm.ptr
// CHECK-NOT:     llvm.bitcast
llvm.func @scalar_move(%src: !llvm.ptr, %dst: !llvm.ptr, %c: i1) {
  %zero = llvm.mlir.constant(0 : i16) : i16
  %v = llvm.load %src {alignment = 2 : i64} : !llvm.ptr -> bf16
  %b = llvm.bitcast %v : bf16 to i16
  llvm.cond_br %c, ^move(%b : i16), ^move(%zero : i16)
^move(%phi: i16):
  %f = llvm.bitcast %phi : i16 to bf16
  llvm.store %f, %dst {alignment = 2 : i64} : bf16, !llvm.ptr
  llvm.return
}

// -----

// A load with a use that is not such a bitcast stays a float load.
// CHECK-LABEL: llvm.func @load_used_as_float(
// CHECK:         %[[V:.+]] = llvm.load %{{.+}} : !llvm.ptr -> bf16
// CHECK:         llvm.bitcast %[[V]] : bf16 to i16
// CHECK:         llvm.fpext %[[V]]
llvm.func @load_used_as_float(%src: !llvm.ptr, %dst: !llvm.ptr) -> f32 {
  %v = llvm.load %src : !llvm.ptr -> bf16
  %b = llvm.bitcast %v : bf16 to i16
  llvm.store %b, %dst : i16, !llvm.ptr
  %e = llvm.fpext %v : bf16 to f32
  llvm.return %e : f32
}

// -----

// complex<bf16>: each part of the loaded struct is loaded as an i16 at its
// field address, and the assembled struct is stored field by field.
// CHECK-LABEL: llvm.func @complex_move(
// CHECK-SAME:      %[[SRC:.+]]: !llvm.ptr, %[[DST:.+]]: !llvm.ptr)
// CHECK-DAG:     %[[IMADDR:.+]] = llvm.getelementptr inbounds %[[SRC]][0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(bf16, bf16)>
// CHECK-DAG:     %[[RE:.+]] = llvm.load %[[SRC]] {alignment = 4 : i64} : !llvm.ptr -> i16
// CHECK-DAG:     %[[IM:.+]] = llvm.load %[[IMADDR]] {alignment = 2 : i64} : !llvm.ptr -> i16
// CHECK-DAG:     llvm.store %[[RE]], %[[DST]] {alignment = 4 : i64} : i16, !llvm.ptr
// CHECK-DAG:     %[[DSTIM:.+]] = llvm.getelementptr inbounds %[[DST]][0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(bf16, bf16)>
// CHECK-DAG:     llvm.store %[[IM]], %[[DSTIM]] {alignment = 2 : i64} : i16, !llvm.ptr
// CHECK-NOT:     llvm.bitcast
// CHECK-NOT:     llvm.insertvalue
llvm.func @complex_move(%src: !llvm.ptr, %dst: !llvm.ptr) {
  %s = llvm.load %src {alignment = 4 : i64} : !llvm.ptr -> !llvm.struct<(bf16, bf16)>
  %re = llvm.extractvalue %s[0] : !llvm.struct<(bf16, bf16)>
  %im = llvm.extractvalue %s[1] : !llvm.struct<(bf16, bf16)>
  %reb = llvm.bitcast %re : bf16 to i16
  %imb = llvm.bitcast %im : bf16 to i16
  %ref = llvm.bitcast %reb : i16 to bf16
  %imf = llvm.bitcast %imb : i16 to bf16
  %p = llvm.mlir.poison : !llvm.struct<(bf16, bf16)>
  %a = llvm.insertvalue %ref, %p[0] : !llvm.struct<(bf16, bf16)>
  %b = llvm.insertvalue %imf, %a[1] : !llvm.struct<(bf16, bf16)>
  llvm.store %b, %dst {alignment = 4 : i64} : !llvm.struct<(bf16, bf16)>, !llvm.ptr
  llvm.return
}

// -----

// Vectors (the vectorized gather's selects) and masked stores alike.
// CHECK-LABEL: llvm.func @vector_move(
// CHECK:         %[[BITS:.+]] = llvm.load %{{.+}} : !llvm.ptr -> vector<8xi16>
// CHECK:         %[[SEL:.+]] = llvm.select %{{.+}}, %[[BITS]], %{{.+}} : i1, vector<8xi16>
// CHECK:         llvm.intr.masked.store %[[SEL]], %{{.+}}, %{{.+}} {alignment = 2 : i32} : vector<8xi16>, vector<8xi1> into !llvm.ptr
llvm.func @vector_move(%src: !llvm.ptr, %dst: !llvm.ptr, %c: i1, %mask: vector<8xi1>) {
  %zero = llvm.mlir.zero : vector<8xi16>
  %v = llvm.load %src : !llvm.ptr -> vector<8xbf16>
  %b = llvm.bitcast %v : vector<8xbf16> to vector<8xi16>
  %s = llvm.select %c, %b, %zero : i1, vector<8xi16>
  %f = llvm.bitcast %s : vector<8xi16> to vector<8xbf16>
  llvm.intr.masked.store %f, %dst, %mask {alignment = 2 : i32} : vector<8xbf16>, vector<8xi1> into !llvm.ptr
  llvm.return
}

// -----

// Two bitcasts of one load, used in between: the integer load takes the
// float load's place, before both (made at the one matched last, it would
// not dominate the other's users).
// CHECK-LABEL: llvm.func @two_bitcasts(
// CHECK:         %[[BITS:.+]] = llvm.load %{{.+}} {alignment = 4 : i64} : !llvm.ptr -> i32
// CHECK-NEXT:    llvm.store %[[BITS]], %{{.+}} : i32, !llvm.ptr
// CHECK-NEXT:    llvm.store %[[BITS]], %{{.+}} : i32, !llvm.ptr
// CHECK-NOT:     llvm.bitcast
llvm.func @two_bitcasts(%src: !llvm.ptr, %a: !llvm.ptr, %b: !llvm.ptr) {
  %v = llvm.load %src {alignment = 4 : i64} : !llvm.ptr -> f32
  %x = llvm.bitcast %v : f32 to i32
  llvm.store %x, %a : i32, !llvm.ptr
  %y = llvm.bitcast %v : f32 to i32
  llvm.store %y, %b : i32, !llvm.ptr
  llvm.return
}
