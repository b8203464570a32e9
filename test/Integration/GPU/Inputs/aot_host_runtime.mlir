// Strided copies (memrefCopy) and prints of every rank the suites print,
// for aot_host_runtime.test.
func.func private @printMemrefI32(memref<*xi32>)
func.func private @printMemrefI64(memref<*xi64>)

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  %src = memref.alloc() : memref<4x6xi32>
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c6 step %c1 {
      %k = arith.muli %i, %c6 : index
      %l = arith.addi %k, %j : index
      %v = arith.index_cast %l : index to i32
      %w = arith.subi %v, %v : i32
      %x = arith.subi %w, %v : i32
      memref.store %x, %src[%i, %j] : memref<4x6xi32>
    }
  }
  // A transposed, strided view copied into a contiguous buffer and back
  // into a strided one: memrefCopy both ways.
  %view = memref.subview %src[1, 1] [3, 2] [1, 2] : memref<4x6xi32> to memref<3x2xi32, strided<[6, 2], offset: 7>>
  %t = memref.transpose %view (i, j) -> (j, i) : memref<3x2xi32, strided<[6, 2], offset: 7>> to memref<2x3xi32, strided<[2, 6], offset: 7>>
  %dense = memref.alloc() : memref<2x3xi32>
  memref.copy %t, %dense : memref<2x3xi32, strided<[2, 6], offset: 7>> to memref<2x3xi32>
  %u0 = memref.cast %dense : memref<2x3xi32> to memref<*xi32>
  call @printMemrefI32(%u0) : (memref<*xi32>) -> ()
  %back = memref.alloc() : memref<5x7xi32>
  %bview = memref.subview %back[1, 2] [2, 3] [2, 1] : memref<5x7xi32> to memref<2x3xi32, strided<[14, 1], offset: 9>>
  memref.copy %dense, %bview : memref<2x3xi32> to memref<2x3xi32, strided<[14, 1], offset: 9>>
  %u1 = memref.cast %bview : memref<2x3xi32, strided<[14, 1], offset: 9>> to memref<*xi32>
  call @printMemrefI32(%u1) : (memref<*xi32>) -> ()
  // Rank 0 and rank 3 of i64, extreme values.
  %s = memref.alloc() : memref<i64>
  %min = arith.constant -9223372036854775808 : i64
  memref.store %min, %s[] : memref<i64>
  %u2 = memref.cast %s : memref<i64> to memref<*xi64>
  call @printMemrefI64(%u2) : (memref<*xi64>) -> ()
  %r3 = memref.alloc() : memref<2x1x2xi64>
  %max = arith.constant 9223372036854775807 : i64
  scf.for %i = %c0 to %c1 step %c1 {
    memref.store %max, %r3[%c0, %c0, %c0] : memref<2x1x2xi64>
    memref.store %min, %r3[%c0, %c0, %c1] : memref<2x1x2xi64>
    memref.store %max, %r3[%c1, %c0, %c0] : memref<2x1x2xi64>
    memref.store %min, %r3[%c1, %c0, %c1] : memref<2x1x2xi64>
  }
  %u3 = memref.cast %r3 : memref<2x1x2xi64> to memref<*xi64>
  call @printMemrefI64(%u3) : (memref<*xi64>) -> ()
  return
}
