// The conversion's output uses upstream ops only: stock mlir-opt takes it to
// LLVM and mlir-runner runs it. Both forms of the gather (affine with
// tensor.pad; index with scf.if for lhs dilation) and the conv strategy.
// RUN: patches-opt %s --convert-patches-to-linalg=strategy=gather \
// RUN: | mlir-opt --pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}, buffer-deallocation-pipeline, func.func(convert-linalg-to-loops), convert-scf-to-cf, expand-strided-metadata, lower-affine, finalize-memref-to-llvm, convert-arith-to-llvm, convert-index-to-llvm, convert-func-to-llvm, convert-cf-to-llvm, reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s
// RUN: patches-opt %s --convert-patches-to-linalg=strategy=conv \
// RUN: | mlir-opt --pass-pipeline="builtin.module(one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}, buffer-deallocation-pipeline, func.func(convert-linalg-to-loops), convert-scf-to-cf, expand-strided-metadata, lower-affine, finalize-memref-to-llvm, convert-arith-to-llvm, convert-index-to-llvm, convert-func-to-llvm, convert-cf-to-llvm, reconcile-unrealized-casts)" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %s

func.func @main() {
  %x = arith.constant dense<[[[1.0, 2.0, 3.0]]]> : tensor<1x1x3xf32>
  // SAME, window 2: padding [0, 1]; windows (1,2), (2,3), (3,0).
  %same = patches.extract %x filter_shape = [2] window_strides = [1] padding = SAME
            : tensor<1x1x3xf32> -> tensor<1x2x3xf32>
  %u = tensor.cast %same : tensor<1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  // lhs dilation 2: dilated 1 0 2 0 3, padding [1, 0]: 0 1 0 2 0 3.
  %dil = patches.extract %x filter_shape = [2] window_strides = [2] padding = [[1, 0]]
           lhs_dilation = [2] : tensor<1x1x3xf32> -> tensor<1x2x3xf32>
  %v = tensor.cast %dil : tensor<1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%v) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)

// CHECK:      sizes = [1, 2, 3]
// CHECK-NEXT: {{\[\[\[}}1, 2, 3],
// CHECK-NEXT: [2, 3, 0]]]
// CHECK:      sizes = [1, 2, 3]
// CHECK-NEXT: {{\[\[\[}}0, 0, 0],
// CHECK-NEXT: [1, 2, 3]]]
