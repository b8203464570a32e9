// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Output maps and operand sharing that the vector kernels must get right,
// run on the host against the CPU pipeline:
//  * an output row chosen by the innermost loop too ((d0 + d1) mod 2): its
//    lanes are not one row, so one element a thread;
//  * one input element broadcast to two outputs' vectors (the load's
//    bitcasts of each output: patches-move-bits-as-integers must keep them
//    dominated);
//  * two outputs, one of them transposed.
//
// RUN: patches-opt %s --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.cpu
// RUN: patches-opt %s --patches-lower-to-llvm-emulating-gpu \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.gpu
// RUN: diff %t.cpu %t.gpu
// RUN: patches-opt %s "--patches-lower-to-llvm-emulating-gpu=min-threads=0 block-size=3" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.loop
// RUN: diff %t.cpu %t.loop
// RUN: FileCheck %s --input-file=%t.gpu

// CHECK:      sizes = [2, 4]
// CHECK-NEXT: {{\[\[}}0,   5,   2,   7],
// CHECK-NEXT: [4,   1,   6,   3]]
// CHECK-COUNT-4: Unranked Memref

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @row_by_parity(%x: tensor<2x4xi32>, %o: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %r = linalg.generic {indexing_maps = [#id, affine_map<(d0, d1) -> ((d0 + d1) mod 2, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<2x4xi32>) outs(%o : tensor<2x4xi32>) {
  ^bb0(%a: i32, %b: i32):
    linalg.yield %a : i32
  } -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

func.func @broadcast_twice(%x: tensor<2xf32>, %o1: tensor<2x8xf32>, %o2: tensor<2x8xf32>)
    -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %r0, %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, #id, #id],
                             iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<2xf32>) outs(%o1, %o2 : tensor<2x8xf32>, tensor<2x8xf32>) {
  ^bb0(%b0: f32, %b1: f32, %b2: f32):
    linalg.yield %b0, %b0 : f32, f32
  } -> (tensor<2x8xf32>, tensor<2x8xf32>)
  return %r0, %r1 : tensor<2x8xf32>, tensor<2x8xf32>
}

func.func @one_transposed(%x: tensor<1x8xf32>, %o1: tensor<1x8xf32>, %o2: tensor<8x1xf32>)
    -> (tensor<1x8xf32>, tensor<8x1xf32>) {
  %r0, %r1 = linalg.generic {indexing_maps = [#id, #id, affine_map<(d0, d1) -> (d1, d0)>],
                             iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<1x8xf32>) outs(%o1, %o2 : tensor<1x8xf32>, tensor<8x1xf32>) {
  ^bb0(%b0: f32, %b1: f32, %b2: f32):
    linalg.yield %b0, %b0 : f32, f32
  } -> (tensor<1x8xf32>, tensor<8x1xf32>)
  return %r0, %r1 : tensor<1x8xf32>, tensor<8x1xf32>
}

func.func @main() {
  %x = arith.constant dense<[[0, 1, 2, 3], [4, 5, 6, 7]]> : tensor<2x4xi32>
  %o = arith.constant dense<-1> : tensor<2x4xi32>
  %r = call @row_by_parity(%x, %o) : (tensor<2x4xi32>, tensor<2x4xi32>) -> tensor<2x4xi32>
  %u = tensor.cast %r : tensor<2x4xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()


  %b = arith.constant dense<[1.5, -0.0]> : tensor<2xf32>
  %bo = arith.constant dense<7.0> : tensor<2x8xf32>
  %b0, %b1 = call @broadcast_twice(%b, %bo, %bo)
      : (tensor<2xf32>, tensor<2x8xf32>, tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>)
  %bi0 = arith.bitcast %b0 : tensor<2x8xf32> to tensor<2x8xi32>
  %bu0 = tensor.cast %bi0 : tensor<2x8xi32> to tensor<*xi32>
  call @printMemrefI32(%bu0) : (tensor<*xi32>) -> ()
  %bi1 = arith.bitcast %b1 : tensor<2x8xf32> to tensor<2x8xi32>
  %bu1 = tensor.cast %bi1 : tensor<2x8xi32> to tensor<*xi32>
  call @printMemrefI32(%bu1) : (tensor<*xi32>) -> ()

  %t = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]]> : tensor<1x8xf32>
  %t1 = arith.constant dense<0.0> : tensor<1x8xf32>
  %t2 = arith.constant dense<0.0> : tensor<8x1xf32>
  %ta, %tb = call @one_transposed(%t, %t1, %t2)
      : (tensor<1x8xf32>, tensor<1x8xf32>, tensor<8x1xf32>) -> (tensor<1x8xf32>, tensor<8x1xf32>)
  %tbi = arith.bitcast %tb : tensor<8x1xf32> to tensor<8x1xi32>
  %tbu = tensor.cast %tbi : tensor<8x1xi32> to tensor<*xi32>
  call @printMemrefI32(%tbu) : (tensor<*xi32>) -> ()
  %tai = arith.bitcast %ta : tensor<1x8xf32> to tensor<1x8xi32>
  %tau = tensor.cast %tai : tensor<1x8xi32> to tensor<*xi32>
  call @printMemrefI32(%tau) : (tensor<*xi32>) -> ()
  return
}

func.func private @printMemrefI32(tensor<*xi32>)
