// RUN: patches-opt %s --convert-patches-to-linalg=strategy=conv -split-input-file -verify-diagnostics

// Signed and unsigned integers have no arithmetic in arith, so the conv
// strategy cannot multiply them; the gather strategy copies them.

func.func @unsigned(%x: tensor<1x1x3xui8>) -> tensor<1x2x2xui8> {
  // expected-error @+2 {{cannot be lowered with the conv strategy: it computes a convolution, and the element type 'ui8' has no arithmetic}}
  // expected-error @+1 {{failed to legalize operation 'patches.extract'}}
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x1x3xui8> -> tensor<1x2x2xui8>
  return %y : tensor<1x2x2xui8>
}

// -----

func.func @signed(%x: tensor<?x2x3x3xsi32>) -> tensor<?x8x2x2xsi32> {
  // expected-error @+2 {{the element type 'si32' has no arithmetic}}
  // expected-error @+1 {{failed to legalize operation 'patches.extract'}}
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<?x2x3x3xsi32> -> tensor<?x8x2x2xsi32>
  return %y : tensor<?x8x2x2xsi32>
}

// -----

// The one-hot filter has K * K * C elements, here 2^65, although the result
// has only 2^33: the op is valid, but the conv strategy cannot hold it.

func.func @huge_filter(%x: tensor<1x2x65536x65536xf32>) -> tensor<1x8589934592x1x1xf32> {
  // expected-error @+2 {{its one-hot filter would have K * K * C elements (K = 4294967296 window positions, C = 2 channels), more than 2^63 - 1; use the gather strategy}}
  // expected-error @+1 {{failed to legalize operation 'patches.extract'}}
  %y = patches.extract %x filter_shape = [65536, 65536] window_strides = [1, 1] padding = VALID
         : tensor<1x2x65536x65536xf32> -> tensor<1x8589934592x1x1xf32>
  return %y : tensor<1x8589934592x1x1xf32>
}
