// transform.patches.convert_conv_to_patches: the handles it returns are the
// extraction and the contraction; a convolution it does not take is a
// silenceable failure that says why.
// RUN: patches-opt %s --transform-interpreter -split-input-file -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @handles(
// CHECK:         patches.extract {{.*}} {handle = "patches"}
// CHECK:         linalg.matmul {handle = "contraction"}
func.func @handles(%x: tensor<1x6x6x3xf32>, %w: tensor<3x3x3x4xf32>, %o: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x6x6x3xf32>, tensor<3x3x3x4xf32>) outs(%o : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %conv = transform.structured.match ops{["linalg.conv_2d_nhwc_hwcf"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %patches, %contraction = transform.patches.convert_conv_to_patches %conv
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %p = transform.param.constant "patches" -> !transform.any_param
    %c = transform.param.constant "contraction" -> !transform.any_param
    transform.annotate %patches "handle" = %p : !transform.any_op, !transform.any_param
    transform.annotate %contraction "handle" = %c : !transform.any_op, !transform.any_param
    transform.yield
  }
}

// -----

// A depthwise convolution: the contraction is a linalg.generic.
// CHECK-LABEL: func.func @depthwise(
// CHECK:         patches.extract {{.*}} {handle = "patches"}
// CHECK:         linalg.generic {{.*}} {handle = "contraction"}
func.func @depthwise(%x: tensor<1x6x6x3xf32>, %w: tensor<3x3x3xf32>, %o: tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x6x6x3xf32>, tensor<3x3x3xf32>) outs(%o : tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %conv = transform.structured.match ops{["linalg.depthwise_conv_2d_nhwc_hwc"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %patches, %contraction = transform.patches.convert_conv_to_patches %conv
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %p = transform.param.constant "patches" -> !transform.any_param
    %c = transform.param.constant "contraction" -> !transform.any_param
    transform.annotate %patches "handle" = %p : !transform.any_op, !transform.any_param
    transform.annotate %contraction "handle" = %c : !transform.any_op, !transform.any_param
    transform.yield
  }
}

// -----

func.func @not_taken(%x: tensor<?x6x6x3xf32>, %w: tensor<3x3x3x4xf32>, %o: tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32> {
  // expected-note @below {{target op}}
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<?x6x6x3xf32>, tensor<3x3x3x4xf32>) outs(%o : tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  return %0 : tensor<?x4x4x4xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %conv = transform.structured.match ops{["linalg.conv_2d_nhwc_hwcf"]} in %root
      : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{could not rewrite the convolution to patches.extract: it has dynamic shapes}}
    %patches, %contraction = transform.patches.convert_conv_to_patches %conv
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
