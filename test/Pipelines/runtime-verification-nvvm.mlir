// The runtime checks of -generate-runtime-verification stay on the host in
// the GPU pipeline: they become a branch to puts + abort in the host code,
// before the kernel launch, and the kernel itself is unchanged.
// RUN: patches-opt %s -generate-runtime-verification --patches-lower-to-nvvm \
// RUN: | FileCheck %s

// CHECK-DAG: llvm.func @abort()
// CHECK-DAG: llvm.func @puts(!llvm.ptr)
// CHECK-DAG: llvm.mlir.global private constant @assert_msg
// CHECK-LABEL: llvm.func @extract_claims_batch_2
// CHECK:         %[[MSG:.*]] = llvm.mlir.addressof @assert_msg
// CHECK:         %[[OK:.*]] = llvm.icmp "eq" %arg3, %{{.*}} : i64
// CHECK-NEXT:    llvm.cond_br %[[OK]], ^{{.*}}, ^[[FAIL:bb[0-9]+]]
// CHECK:         gpu.launch_func <{{.*}}> @extract_claims_batch_2_kernel
// CHECK:       ^[[FAIL]]:
// CHECK-NEXT:    llvm.call @puts(%[[MSG]])
// CHECK-NEXT:    llvm.call @abort()
// CHECK:       gpu.binary @extract_claims_batch_2_kernel
func.func @extract_claims_batch_2(%x: tensor<?x1x3x3xf32>) -> tensor<2x4x2x2xf32> {
  %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID : tensor<?x1x3x3xf32> -> tensor<2x4x2x2xf32>
  return %p : tensor<2x4x2x2xf32>
}
