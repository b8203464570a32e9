// The conv strategy multiplies: element types that arith and LLVM only
// store (the f8, f6 and f4 formats) are an error at the op that names the
// type, never IR left half lowered. The gather moves them.
// RUN: patches-opt %s -split-input-file -verify-diagnostics --convert-patches-to-linalg=strategy=conv
// RUN: patches-opt %s -split-input-file --convert-patches-to-linalg=strategy=gather | FileCheck %s --check-prefix=GATHER

// GATHER-LABEL: func.func @conv_f8E4M3FN
// GATHER-NOT:     patches.extract
// GATHER:         linalg.generic
// GATHER-NOT:     arith.mulf
func.func @conv_f8E4M3FN(%x: tensor<1x1x4xf8E4M3FN>) -> tensor<1x2x4xf8E4M3FN> {
  // expected-error@+2 {{'patches.extract' op cannot be lowered with the conv strategy: element type 'f8E4M3FN' has no multiply, which the one-hot convolution needs; the gather strategy moves it exactly}}
  // expected-error@+1 {{failed to legalize operation 'patches.extract'}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = SAME : tensor<1x1x4xf8E4M3FN> -> tensor<1x2x4xf8E4M3FN>
  return %0 : tensor<1x2x4xf8E4M3FN>
}

// -----

// GATHER-LABEL: func.func @conv_f4E2M1FN
func.func @conv_f4E2M1FN(%x: tensor<1x1x4xf4E2M1FN>) -> tensor<1x2x3xf4E2M1FN> {
  // expected-error@+2 {{element type 'f4E2M1FN' has no multiply}}
  // expected-error@+1 {{failed to legalize operation 'patches.extract'}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x4xf4E2M1FN> -> tensor<1x2x3xf4E2M1FN>
  return %0 : tensor<1x2x3xf4E2M1FN>
}

// -----

// GATHER-LABEL: func.func @conv_complex_f8
func.func @conv_complex_f8(%x: tensor<1x1x4xcomplex<f8E5M2>>) -> tensor<1x2x3xcomplex<f8E5M2>> {
  // expected-error@+2 {{element type 'complex<f8E5M2>' has no multiply}}
  // expected-error@+1 {{failed to legalize operation 'patches.extract'}}
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x4xcomplex<f8E5M2>> -> tensor<1x2x3xcomplex<f8E5M2>>
  return %0 : tensor<1x2x3xcomplex<f8E5M2>>
}
