// The conversion lowers an extraction of a constant with the requested
// strategy instead of folding it into a constant: folding is -canonicalize's
// job, and the conv strategy's arithmetic differs from a copy on non-finite
// values.
// RUN: patches-opt %s --convert-patches-to-linalg=strategy=gather | FileCheck %s --check-prefix=GATHER
// RUN: patches-opt %s --convert-patches-to-linalg=strategy=conv | FileCheck %s --check-prefix=CONV

// GATHER-LABEL: func @constant_input
// GATHER: %[[X:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00]]]> : tensor<1x1x3xf32>
// GATHER: %[[G:.*]] = linalg.generic
// GATHER-SAME: ins(%[[X]], %{{.*}} : tensor<1x1x3xf32>, tensor<2xf32>)
// GATHER: return %[[G]]
// CONV-LABEL: func @constant_input
// CONV: %[[X:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00]]]> : tensor<1x1x3xf32>
// CONV: linalg.transpose ins(%[[X]]
// CONV: linalg.depthwise_conv_1d_nwc_wcm
func.func @constant_input() -> tensor<1x2x2xf32> {
  %x = arith.constant dense<[[[1.0, 2.0, 3.0]]]> : tensor<1x1x3xf32>
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x3xf32> -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}
