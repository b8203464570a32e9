// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The vector kernels on the caller's memrefs (device-buffers), whose
// alignment is only known at run time: views of a byte buffer at offsets
// that are and are not multiples of 16 take the vector path or the
// per-element one, and either way the results are bit-exact (compared
// with a scalar reference on the host; f16 lanes carry every bit pattern,
// signalling NaNs included). The kernels run on the host
// (patches-emulate-gpu-on-host), where device memory is host memory.
//
// RUN: patches-opt %s --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{device-buffers=true},patches-emulate-gpu-on-host),canonicalize,lower-affine,convert-scf-to-cf,expand-strided-metadata,convert-vector-to-llvm,finalize-memref-to-llvm,convert-arith-to-llvm,convert-index-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

// Each line: the input's and the output's byte offsets, then the number of
// elements that differ from the reference (and the elements compared).
// CHECK:      copy_f16 0 0: 0 of 64
// CHECK-NEXT: copy_f16 2 0: 0 of 64
// CHECK-NEXT: copy_f16 0 6: 0 of 64
// CHECK-NEXT: copy_f16 16 2: 0 of 64
// CHECK-NEXT: copy_i8 0 0: 0 of 64
// CHECK-NEXT: copy_i8 1 16: 0 of 64
// CHECK-NEXT: copy_i8 16 3: 0 of 64
// CHECK-NEXT: copy_flat_f32 0 0: 0 of 15
// CHECK-NEXT: copy_flat_f32 4 8: 0 of 15
// CHECK-NEXT: gather_f32 0 0: 0 of 576
// CHECK-NEXT: gather_f32 4 0: 0 of 576
// CHECK-NEXT: gather_f32 0 8: 0 of 576
// CHECK-NEXT: gather_f32 20 36: 0 of 576

func.func @copy_f16(%in: memref<4x16xf16>, %out: memref<4x16xf16>) {
  linalg.copy ins(%in : memref<4x16xf16>) outs(%out : memref<4x16xf16>)
  return
}

// Rows of 5: flat vectors (through a 1-D view) and a tail of 3.
func.func @copy_flat_f32(%in: memref<3x5xf32>, %out: memref<3x5xf32>) {
  linalg.copy ins(%in : memref<3x5xf32>) outs(%out : memref<3x5xf32>)
  return
}

func.func @copy_i8(%in: memref<2x32xi8>, %out: memref<2x32xi8>) {
  linalg.copy ins(%in : memref<2x32xi8>) outs(%out : memref<2x32xi8>)
  return
}

// A 3x1 window, SAME, NCHW, as patches-extract-to-linalg builds it: rows of
// 8 elements, two vectors of four, read as vectors where the whole vector
// is inside the input (the padding is along H only).
func.func @gather_f32(%in: memref<2x3x4x8xf32>, %padded: memref<2x3x6x8xf32>,
                      %window: memref<3x1xf32>, %out: memref<2x9x4x8xf32>) {
  %c0_i32 = arith.constant 0 : i32
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4, d3 + d5)>,
                                   affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d3)>,
                                   affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 3 + d2 + d3, d4, d5)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%padded, %window : memref<2x3x6x8xf32>, memref<3x1xf32>) outs(%out : memref<2x9x4x8xf32>) {
  ^bb0(%p: f32, %w: f32, %o: f32):
    %n = linalg.index 0 : index
    %c = linalg.index 1 : index
    %kh = linalg.index 2 : index
    %oh = linalg.index 4 : index
    %ow = linalg.index 5 : index
    %sum = arith.addi %kh, %oh : index
    %ih = arith.subi %sum, %c1 : index
    %inside = arith.cmpi ult, %ih, %c4 : index
    %bits = scf.if %inside -> (i32) {
      %x = memref.load %in[%n, %c, %ih, %ow] : memref<2x3x4x8xf32>
      %xb = arith.bitcast %x : f32 to i32
      scf.yield %xb : i32
    } else {
      scf.yield %c0_i32 : i32
    }
    %y = arith.bitcast %bits : i32 to f32
    linalg.yield %y : f32
  }
  return
}

func.func @run_copy_f16(%in_off: index, %out_off: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %raw_in = memref.alloc() {alignment = 64} : memref<2048xi8>
  %raw_out = memref.alloc() {alignment = 64} : memref<4096xi8>
  // The input's bytes: a pattern with every byte value; the output's: 0xff.
  // (Filled here: a function's arguments and results are device memory in
  // device-buffers mode, which the host may not touch.)
  %f0 = arith.constant 0 : index
  %f1 = arith.constant 1 : index
  %f2048 = arith.constant 2048 : index
  %f4096 = arith.constant 4096 : index
  %k = arith.constant 37 : i64
  %ones = arith.constant -1 : i8
  scf.for %i = %f0 to %f2048 step %f1 {
    %i64 = arith.index_cast %i : index to i64
    %m = arith.muli %i64, %k : i64
    %b = arith.trunci %m : i64 to i8
    memref.store %b, %raw_in[%i] : memref<2048xi8>
  }
  scf.for %i = %f0 to %f4096 step %f1 {
    memref.store %ones, %raw_out[%i] : memref<4096xi8>
  }
  %in = memref.view %raw_in[%in_off][] : memref<2048xi8> to memref<4x16xf16>
  %out = memref.view %raw_out[%out_off][] : memref<4096xi8> to memref<4x16xf16>
  call @copy_f16(%in, %out) : (memref<4x16xf16>, memref<4x16xf16>) -> ()
  %in_bits = memref.view %raw_in[%in_off][] : memref<2048xi8> to memref<4x16xi16>
  %out_bits = memref.view %raw_out[%out_off][] : memref<4096xi8> to memref<4x16xi16>
  %wrong = scf.for %r = %c0 to %c4 step %c1 iter_args(%acc = %c0) -> (index) {
    %row = scf.for %col = %c0 to %c16 step %c1 iter_args(%acc2 = %acc) -> (index) {
      %x = memref.load %in_bits[%r, %col] : memref<4x16xi16>
      %y = memref.load %out_bits[%r, %col] : memref<4x16xi16>
      %ne = arith.cmpi ne, %x, %y : i16
      %one = arith.select %ne, %c1, %c0 : index
      %next = arith.addi %acc2, %one : index
      scf.yield %next : index
    }
    scf.yield %row : index
  }
  memref.dealloc %raw_in : memref<2048xi8>
  memref.dealloc %raw_out : memref<4096xi8>
  return %wrong : index
}

func.func @run_copy_i8(%in_off: index, %out_off: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c32 = arith.constant 32 : index
  %raw_in = memref.alloc() {alignment = 64} : memref<2048xi8>
  %raw_out = memref.alloc() {alignment = 64} : memref<4096xi8>
  // The input's bytes: a pattern with every byte value; the output's: 0xff.
  // (Filled here: a function's arguments and results are device memory in
  // device-buffers mode, which the host may not touch.)
  %f0 = arith.constant 0 : index
  %f1 = arith.constant 1 : index
  %f2048 = arith.constant 2048 : index
  %f4096 = arith.constant 4096 : index
  %k = arith.constant 37 : i64
  %ones = arith.constant -1 : i8
  scf.for %i = %f0 to %f2048 step %f1 {
    %i64 = arith.index_cast %i : index to i64
    %m = arith.muli %i64, %k : i64
    %b = arith.trunci %m : i64 to i8
    memref.store %b, %raw_in[%i] : memref<2048xi8>
  }
  scf.for %i = %f0 to %f4096 step %f1 {
    memref.store %ones, %raw_out[%i] : memref<4096xi8>
  }
  %in = memref.view %raw_in[%in_off][] : memref<2048xi8> to memref<2x32xi8>
  %out = memref.view %raw_out[%out_off][] : memref<4096xi8> to memref<2x32xi8>
  call @copy_i8(%in, %out) : (memref<2x32xi8>, memref<2x32xi8>) -> ()
  %wrong = scf.for %r = %c0 to %c2 step %c1 iter_args(%acc = %c0) -> (index) {
    %row = scf.for %col = %c0 to %c32 step %c1 iter_args(%acc2 = %acc) -> (index) {
      %x = memref.load %in[%r, %col] : memref<2x32xi8>
      %y = memref.load %out[%r, %col] : memref<2x32xi8>
      %ne = arith.cmpi ne, %x, %y : i8
      %one = arith.select %ne, %c1, %c0 : index
      %next = arith.addi %acc2, %one : index
      scf.yield %next : index
    }
    scf.yield %row : index
  }
  memref.dealloc %raw_in : memref<2048xi8>
  memref.dealloc %raw_out : memref<4096xi8>
  return %wrong : index
}

func.func @run_copy_flat_f32(%in_off: index, %out_off: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %raw_in = memref.alloc() {alignment = 64} : memref<2048xi8>
  %raw_out = memref.alloc() {alignment = 64} : memref<4096xi8>
  // The input's bytes: a pattern with every byte value; the output's: 0xff.
  // (Filled here: a function's arguments and results are device memory in
  // device-buffers mode, which the host may not touch.)
  %f0 = arith.constant 0 : index
  %f1 = arith.constant 1 : index
  %f2048 = arith.constant 2048 : index
  %f4096 = arith.constant 4096 : index
  %k = arith.constant 37 : i64
  %ones = arith.constant -1 : i8
  scf.for %i = %f0 to %f2048 step %f1 {
    %i64 = arith.index_cast %i : index to i64
    %m = arith.muli %i64, %k : i64
    %b = arith.trunci %m : i64 to i8
    memref.store %b, %raw_in[%i] : memref<2048xi8>
  }
  scf.for %i = %f0 to %f4096 step %f1 {
    memref.store %ones, %raw_out[%i] : memref<4096xi8>
  }
  %in_f = memref.view %raw_in[%in_off][] : memref<2048xi8> to memref<3x5xf32>
  %out_f = memref.view %raw_out[%out_off][] : memref<4096xi8> to memref<3x5xf32>
  call @copy_flat_f32(%in_f, %out_f) : (memref<3x5xf32>, memref<3x5xf32>) -> ()
  %in = memref.view %raw_in[%in_off][] : memref<2048xi8> to memref<3x5xi32>
  %out = memref.view %raw_out[%out_off][] : memref<4096xi8> to memref<3x5xi32>
  %wrong = scf.for %r = %c0 to %c3 step %c1 iter_args(%acc = %c0) -> (index) {
    %row = scf.for %col = %c0 to %c5 step %c1 iter_args(%acc2 = %acc) -> (index) {
      %x = memref.load %in[%r, %col] : memref<3x5xi32>
      %y = memref.load %out[%r, %col] : memref<3x5xi32>
      %ne = arith.cmpi ne, %x, %y : i32
      %one = arith.select %ne, %c1, %c0 : index
      %next = arith.addi %acc2, %one : index
      scf.yield %next : index
    }
    scf.yield %row : index
  }
  memref.dealloc %raw_in : memref<2048xi8>
  memref.dealloc %raw_out : memref<4096xi8>
  return %wrong : index
}

// The reference: out[n, c * 3 + kh, oh, ow] is in[n, c, oh + kh - 1, ow]
// where that row exists, else +0.0 (all bits zero).
func.func @run_gather_f32(%in_off: index, %out_off: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0 : i32
  %raw_in = memref.alloc() {alignment = 64} : memref<2048xi8>
  %raw_out = memref.alloc() {alignment = 64} : memref<4096xi8>
  // The input's bytes: a pattern with every byte value; the output's: 0xff.
  // (Filled here: a function's arguments and results are device memory in
  // device-buffers mode, which the host may not touch.)
  %f0 = arith.constant 0 : index
  %f1 = arith.constant 1 : index
  %f2048 = arith.constant 2048 : index
  %f4096 = arith.constant 4096 : index
  %k = arith.constant 37 : i64
  %ones = arith.constant -1 : i8
  scf.for %i = %f0 to %f2048 step %f1 {
    %i64 = arith.index_cast %i : index to i64
    %m = arith.muli %i64, %k : i64
    %b = arith.trunci %m : i64 to i8
    memref.store %b, %raw_in[%i] : memref<2048xi8>
  }
  scf.for %i = %f0 to %f4096 step %f1 {
    memref.store %ones, %raw_out[%i] : memref<4096xi8>
  }
  %in = memref.view %raw_in[%in_off][] : memref<2048xi8> to memref<2x3x4x8xf32>
  %out = memref.view %raw_out[%out_off][] : memref<4096xi8> to memref<2x9x4x8xf32>
  %padded = memref.alloc() : memref<2x3x6x8xf32>
  %window = memref.alloc() : memref<3x1xf32>
  call @gather_f32(%in, %padded, %window, %out)
      : (memref<2x3x4x8xf32>, memref<2x3x6x8xf32>, memref<3x1xf32>, memref<2x9x4x8xf32>) -> ()
  %in_bits = memref.view %raw_in[%in_off][] : memref<2048xi8> to memref<2x3x4x8xi32>
  %out_bits = memref.view %raw_out[%out_off][] : memref<4096xi8> to memref<2x9x4x8xi32>
  %wrong = scf.for %n = %c0 to %c2 step %c1 iter_args(%a0 = %c0) -> (index) {
    %w1 = scf.for %c = %c0 to %c3 step %c1 iter_args(%a1 = %a0) -> (index) {
      %w2 = scf.for %kh = %c0 to %c3 step %c1 iter_args(%a2 = %a1) -> (index) {
        %w3 = scf.for %oh = %c0 to %c4 step %c1 iter_args(%a3 = %a2) -> (index) {
          %w4 = scf.for %ow = %c0 to %c8 step %c1 iter_args(%a4 = %a3) -> (index) {
            %s = arith.addi %oh, %kh : index
            %ih = arith.subi %s, %c1 : index
            %ge = arith.cmpi sge, %ih, %c0 : index
            %lt = arith.cmpi slt, %ih, %c4 : index
            %inside = arith.andi %ge, %lt : i1
            %expected = scf.if %inside -> (i32) {
              %x = memref.load %in_bits[%n, %c, %ih, %ow] : memref<2x3x4x8xi32>
              scf.yield %x : i32
            } else {
              scf.yield %zero : i32
            }
            %c3c = arith.muli %c, %c3 : index
            %f = arith.addi %c3c, %kh : index
            %y = memref.load %out_bits[%n, %f, %oh, %ow] : memref<2x9x4x8xi32>
            %ne = arith.cmpi ne, %expected, %y : i32
            %one = arith.select %ne, %c1, %c0 : index
            %next = arith.addi %a4, %one : index
            scf.yield %next : index
          }
          scf.yield %w4 : index
        }
        scf.yield %w3 : index
      }
      scf.yield %w2 : index
    }
    scf.yield %w1 : index
  }
  memref.dealloc %padded : memref<2x3x6x8xf32>
  memref.dealloc %window : memref<3x1xf32>
  memref.dealloc %raw_in : memref<2048xi8>
  memref.dealloc %raw_out : memref<4096xi8>
  return %wrong : index
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c20 = arith.constant 20 : index
  %c36 = arith.constant 36 : index
  %r0 = call @run_copy_f16(%c0, %c0) : (index, index) -> index
  vector.print str "copy_f16 0 0: "
  vector.print %r0 : index punctuation <no_punctuation>
  vector.print str " of 64\n"
  %r1 = call @run_copy_f16(%c2, %c0) : (index, index) -> index
  vector.print str "copy_f16 2 0: "
  vector.print %r1 : index punctuation <no_punctuation>
  vector.print str " of 64\n"
  %r2 = call @run_copy_f16(%c0, %c6) : (index, index) -> index
  vector.print str "copy_f16 0 6: "
  vector.print %r2 : index punctuation <no_punctuation>
  vector.print str " of 64\n"
  %r3 = call @run_copy_f16(%c16, %c2) : (index, index) -> index
  vector.print str "copy_f16 16 2: "
  vector.print %r3 : index punctuation <no_punctuation>
  vector.print str " of 64\n"
  %r4 = call @run_copy_i8(%c0, %c0) : (index, index) -> index
  vector.print str "copy_i8 0 0: "
  vector.print %r4 : index punctuation <no_punctuation>
  vector.print str " of 64\n"
  %r5 = call @run_copy_i8(%c1, %c16) : (index, index) -> index
  vector.print str "copy_i8 1 16: "
  vector.print %r5 : index punctuation <no_punctuation>
  vector.print str " of 64\n"
  %r6 = call @run_copy_i8(%c16, %c3) : (index, index) -> index
  vector.print str "copy_i8 16 3: "
  vector.print %r6 : index punctuation <no_punctuation>
  vector.print str " of 64\n"
  %f0 = call @run_copy_flat_f32(%c0, %c0) : (index, index) -> index
  vector.print str "copy_flat_f32 0 0: "
  vector.print %f0 : index punctuation <no_punctuation>
  vector.print str " of 15\n"
  %f1 = call @run_copy_flat_f32(%c4, %c8) : (index, index) -> index
  vector.print str "copy_flat_f32 4 8: "
  vector.print %f1 : index punctuation <no_punctuation>
  vector.print str " of 15\n"
  %r7 = call @run_gather_f32(%c0, %c0) : (index, index) -> index
  vector.print str "gather_f32 0 0: "
  vector.print %r7 : index punctuation <no_punctuation>
  vector.print str " of 576\n"
  %r8 = call @run_gather_f32(%c4, %c0) : (index, index) -> index
  vector.print str "gather_f32 4 0: "
  vector.print %r8 : index punctuation <no_punctuation>
  vector.print str " of 576\n"
  %r9 = call @run_gather_f32(%c0, %c8) : (index, index) -> index
  vector.print str "gather_f32 0 8: "
  vector.print %r9 : index punctuation <no_punctuation>
  vector.print str " of 576\n"
  %r10 = call @run_gather_f32(%c20, %c36) : (index, index) -> index
  vector.print str "gather_f32 20 36: "
  vector.print %r10 : index punctuation <no_punctuation>
  vector.print str " of 576\n"
  return
}
