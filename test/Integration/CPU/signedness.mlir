// Signed and unsigned integers through both strategies. arith has no ops on
// them: the gather moves their bits (the vector path leaves them to the
// linalg gather), and the conv strategy convolves their signless twins
// (castSignedness); the padding zero is the signless zero, cast. The print
// functions take the signless type of the same width (same ABI), so
// 40000 : ui16 prints as -25536.
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=gather \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --patches-lower-to-llvm=strategy=conv \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

func.func @main() {
  %x = arith.constant dense<[[[40000, 2, 3]]]> : tensor<1x1x3xui16>
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = SAME
         : tensor<1x1x3xui16> -> tensor<1x2x3xui16>
  %u = tensor.cast %y : tensor<1x2x3xui16> to tensor<*xui16>
  call @printMemrefI16(%u) : (tensor<*xui16>) -> ()

  %s = arith.constant dense<[[[-7, 8, 9]]]> : tensor<1x1x3xsi32>
  %d = tensor.cast %s : tensor<1x1x3xsi32> to tensor<?x1x?xsi32>
  %z = patches.extract %d filter_shape = [2] window_strides = [1] padding = [[1, 0]]
         : tensor<?x1x?xsi32> -> tensor<?x2x?xsi32>
  %v = tensor.cast %z : tensor<?x2x?xsi32> to tensor<*xsi32>
  call @printMemrefI32(%v) : (tensor<*xsi32>) -> ()
  return
}

func.func private @printMemrefI16(tensor<*xui16>) attributes { llvm.emit_c_interface }
func.func private @printMemrefI32(tensor<*xsi32>)

// CHECK:      sizes = [1, 2, 3]
// CHECK-NEXT: {{\[\[\[}}-25536, 2, 3],
// CHECK-NEXT: [2, 3, 0]]]
// CHECK:      sizes = [1, 2, 3]
// CHECK-NEXT: {{\[\[\[}}0, -7, 8],
// CHECK-NEXT: [-7, 8, 9]]]
