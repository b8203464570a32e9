// Regression tests of issue #13's wrong answers, run on every CPU route:
// the vectorized default, the linalg gather, -O0 and -O3 JIT code, and the
// emulated GPU kernels. Each result is printed as raw bits.
//
// RUN: patches-opt %s --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-lower-to-llvm=vectorize=false \
// RUN: | mlir-runner -O0 -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-lower-to-llvm=vector-bits=128 \
// RUN: | mlir-runner -O3 -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-lower-to-llvm-emulating-gpu \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

func.func private @printMemrefI32(tensor<*xi32>)

// bf16 denormals (0x0001, 0x8001) and signalling NaNs (0x7f81, 0xff81)
// through lhs dilation and padding (the scalar path, an scf.if per
// element): flushed to 0x0000/0x8000 and quieted to 0x7fc1 before.
func.func @bf16_lhs_dilation() {
  %bits = arith.constant dense<[[[1, -32767, 32641, -127, 16256, 0]]]> : tensor<1x1x6xi16>
  %x = arith.bitcast %bits : tensor<1x1x6xi16> to tensor<1x1x6xbf16>
  %p = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[1, 1]]
         lhs_dilation = [2] : tensor<1x1x6xbf16> -> tensor<1x2x12xbf16>
  %pb = arith.bitcast %p : tensor<1x2x12xbf16> to tensor<1x2x12xi16>
  %w = arith.extui %pb : tensor<1x2x12xi16> to tensor<1x2x12xi32>
  %u = tensor.cast %w : tensor<1x2x12xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [1, 2, 12]
// CHECK-NEXT:  {{\[\[\[}}0, 1, 0, 32769, 0, 32641, 0, 65409, 0, 16256, 0, 0],
// CHECK-NEXT:  [1, 0, 32769, 0, 32641, 0, 65409, 0, 16256, 0, 0, 0]]]

// The same through explicit padding alone (the padded GPU kernels read it
// in place with a bounds test).
func.func @bf16_padding() {
  %bits = arith.constant dense<[[[1, -32767, 32641, -127, 16256, 0]]]> : tensor<1x1x6xi16>
  %x = arith.bitcast %bits : tensor<1x1x6xi16> to tensor<1x1x6xbf16>
  %p = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[1, 1]]
         : tensor<1x1x6xbf16> -> tensor<1x2x7xbf16>
  %pb = arith.bitcast %p : tensor<1x2x7xbf16> to tensor<1x2x7xi16>
  %w = arith.extui %pb : tensor<1x2x7xi16> to tensor<1x2x7xi32>
  %u = tensor.cast %w : tensor<1x2x7xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [1, 2, 7]
// CHECK-NEXT:  {{\[\[\[}}0, 1, 32769, 32641, 65409, 16256, 0],
// CHECK-NEXT:  [1, 32769, 32641, 65409, 16256, 0, 0]]]

// complex<bf16> through lhs dilation: the parts, imaginary ones printed.
func.func @complex_bf16_lhs_dilation() {
  %bits = arith.constant dense<[[[1, -32767, 32641, -127, 16256, 0]]]> : tensor<1x1x6xi16>
  %f = arith.bitcast %bits : tensor<1x1x6xi16> to tensor<1x1x6xbf16>
  %e = tensor.empty() : tensor<1x1x6xcomplex<bf16>>
  %x = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (a, b, c)>],
                       iterator_types = ["parallel", "parallel", "parallel"]}
       ins(%f : tensor<1x1x6xbf16>) outs(%e : tensor<1x1x6xcomplex<bf16>>) {
  ^bb0(%a: bf16, %o: complex<bf16>):
    %zero = arith.constant 0.0 : bf16
    %c = complex.create %zero, %a : complex<bf16>
    linalg.yield %c : complex<bf16>
  } -> tensor<1x1x6xcomplex<bf16>>
  %p = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[1, 1]]
         lhs_dilation = [2] : tensor<1x1x6xcomplex<bf16>> -> tensor<1x2x12xcomplex<bf16>>
  %e2 = tensor.empty() : tensor<1x2x12xi32>
  %w = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (a, b, c)>],
                       iterator_types = ["parallel", "parallel", "parallel"]}
       ins(%p : tensor<1x2x12xcomplex<bf16>>) outs(%e2 : tensor<1x2x12xi32>) {
  ^bb0(%a: complex<bf16>, %o: i32):
    %im = complex.im %a : complex<bf16>
    %ib = arith.bitcast %im : bf16 to i16
    %iw = arith.extui %ib : i16 to i32
    linalg.yield %iw : i32
  } -> tensor<1x2x12xi32>
  %u = tensor.cast %w : tensor<1x2x12xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [1, 2, 12]
// CHECK-NEXT:  {{\[\[\[}}0, 1, 0, 32769, 0, 32641, 0, 65409, 0, 16256, 0, 0],
// CHECK-NEXT:  [1, 0, 32769, 0, 32641, 0, 65409, 0, 16256, 0, 0, 0]]]

// i1, the storage of masks: 1x1x2x600, filter [1, 2], SAME (vector rows
// far past the vector width). More than half the elements were wrong, some
// read back as 0xc0. Checked against the definition: feature k at output
// (h, o) is x[h, o + k], or 0 past the end; the count of mismatches is
// printed.
func.func @i1_rows() {
  %e = tensor.empty() : tensor<1x1x2x600xi1>
  // A pseudo-random bit pattern: bit 3 of (7 * i + 3 * h)^2.
  %x = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       outs(%e : tensor<1x1x2x600xi1>) {
  ^bb0(%o: i1):
    %h = linalg.index 2 : index
    %i = linalg.index 3 : index
    %c7 = arith.constant 7 : index
    %c3 = arith.constant 3 : index
    %t = arith.muli %i, %c7 : index
    %s = arith.muli %h, %c3 : index
    %v = arith.addi %t, %s : index
    %sq = arith.muli %v, %v : index
    %sh = arith.shrui %sq, %c3 : index
    %b = arith.index_cast %sh : index to i64
    %bit = arith.trunci %b : i64 to i1
    linalg.yield %bit : i1
  } -> tensor<1x1x2x600xi1>
  %p = patches.extract %x filter_shape = [1, 2] window_strides = [1, 1] padding = SAME
         : tensor<1x1x2x600xi1> -> tensor<1x2x2x600xi1>
  %zero = arith.constant dense<0> : tensor<i32>
  %count = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> ()>],
                           iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
       ins(%p : tensor<1x2x2x600xi1>) outs(%zero : tensor<i32>) {
  ^bb0(%got: i1, %acc: i32):
    %k = linalg.index 1 : index
    %h = linalg.index 2 : index
    %o = linalg.index 3 : index
    %c0 = arith.constant 0 : index
    %c600 = arith.constant 600 : index
    %at = arith.addi %o, %k : index
    %inside = arith.cmpi slt, %at, %c600 : index
    %clamped = arith.minsi %at, %c600 : index
    %c599 = arith.constant 599 : index
    %read = arith.minsi %clamped, %c599 : index
    %xv = tensor.extract %x[%c0, %c0, %h, %read] : tensor<1x1x2x600xi1>
    %false = arith.constant false
    %want = arith.select %inside, %xv, %false : i1
    %bad = arith.cmpi ne, %got, %want : i1
    %badi = arith.extui %bad : i1 to i32
    %next = arith.addi %acc, %badi : i32
    linalg.yield %next : i32
  } -> tensor<i32>
  %u = tensor.cast %count : tensor<i32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: rank = 0
// CHECK-NEXT:  [0]

func.func @main() {
  call @bf16_lhs_dilation() : () -> ()
  call @bf16_padding() : () -> ()
  call @complex_bf16_lhs_dilation() : () -> ()
  call @i1_rows() : () -> ()
  return
}
