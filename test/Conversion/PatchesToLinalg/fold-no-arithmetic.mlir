// patches.fold adds: element types that arith and LLVM only store (the f8,
// f6 and f4 formats) are an error at the op that names the type, never IR
// left half lowered.
// RUN: patches-opt %s -split-input-file -verify-diagnostics --convert-patches-to-linalg

func.func @fold_f6E3M2FN(%y: tensor<1x2x3xf6E3M2FN>) -> tensor<1x1x4xf6E3M2FN> {
  // expected-error@+2 {{'patches.fold' op cannot be lowered: element type 'f6E3M2FN' has no addition, which the sums need}}
  // expected-error@+1 {{failed to legalize operation 'patches.fold'}}
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x3xf6E3M2FN> -> tensor<1x1x4xf6E3M2FN>
  return %0 : tensor<1x1x4xf6E3M2FN>
}

// -----

func.func @fold_f8E4M3FN(%y: tensor<1x2x3xf8E4M3FN>) -> tensor<1x1x4xf8E4M3FN> {
  // expected-error@+2 {{element type 'f8E4M3FN' has no addition}}
  // expected-error@+1 {{failed to legalize operation 'patches.fold'}}
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x3xf8E4M3FN> -> tensor<1x1x4xf8E4M3FN>
  return %0 : tensor<1x1x4xf8E4M3FN>
}
