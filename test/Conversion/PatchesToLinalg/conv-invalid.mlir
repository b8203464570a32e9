// RUN: patches-opt %s --convert-patches-to-linalg=strategy=conv -split-input-file -verify-diagnostics

// The one-hot filter has K * K * C elements, here 2^65, although the result
// has only 2^33: the op is valid, but the conv strategy cannot hold it.

func.func @huge_filter(%x: tensor<1x2x65536x65536xf32>) -> tensor<1x8589934592x1x1xf32> {
  // expected-error @+2 {{its one-hot filter would have K * K * C elements (K = 4294967296 window positions, C = 2 channels), more than 2^63 - 1; use the gather strategy}}
  // expected-error @+1 {{failed to legalize operation 'patches.extract'}}
  %y = patches.extract %x filter_shape = [65536, 65536] window_strides = [1, 1] padding = VALID
         : tensor<1x2x65536x65536xf32> -> tensor<1x8589934592x1x1xf32>
  return %y : tensor<1x8589934592x1x1xf32>
}
