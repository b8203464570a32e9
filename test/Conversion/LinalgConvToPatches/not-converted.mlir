// Convolutions that convert-linalg-conv-to-patches leaves alone, each with
// the remark that says why (remarks=true; remarks-off.mlir: none without).
// RUN: patches-opt %s --convert-linalg-conv-to-patches=remarks=true -split-input-file -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @nonzero_padding(
// CHECK:         tensor.pad
// CHECK:         linalg.conv_2d_nhwc_hwcf
// CHECK-NOT:     patches.extract
func.func @nonzero_padding(%x: tensor<1x5x5x3xf32>, %w: tensor<3x3x3x4xf32>, %o: tensor<1x5x5x4xf32>) -> tensor<1x5x5x4xf32> {
  %one = arith.constant 1.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %one : f32
  } : tensor<1x5x5x3xf32> to tensor<1x7x7x3xf32>
  // expected-remark @below {{convolution not rewritten to patches.extract: its input is a tensor.pad whose padding value is not a constant zero}}
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x7x7x3xf32>, tensor<3x3x3x4xf32>) outs(%o : tensor<1x5x5x4xf32>) -> tensor<1x5x5x4xf32>
  return %0 : tensor<1x5x5x4xf32>
}

// -----

// -0.0 is not the extraction's padding (+0.0): x * -0.0 differs in sign.
// CHECK-LABEL: func.func @negative_zero_padding(
// CHECK:         linalg.conv_2d_nhwc_hwcf
func.func @negative_zero_padding(%x: tensor<1x5x5x3xf32>, %w: tensor<3x3x3x4xf32>, %o: tensor<1x5x5x4xf32>) -> tensor<1x5x5x4xf32> {
  %nz = arith.constant -0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %nz : f32
  } : tensor<1x5x5x3xf32> to tensor<1x7x7x3xf32>
  // expected-remark @below {{its input is a tensor.pad whose padding value is not a constant zero}}
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x7x7x3xf32>, tensor<3x3x3x4xf32>) outs(%o : tensor<1x5x5x4xf32>) -> tensor<1x5x5x4xf32>
  return %0 : tensor<1x5x5x4xf32>
}

// -----

// A max instead of a sum (a pooling-like payload).
// CHECK-LABEL: func.func @max_payload(
// CHECK:         linalg.generic
// CHECK:           arith.maximumf
func.func @max_payload(%x: tensor<1x5x5x3xf32>, %w: tensor<2x2x3x4xf32>, %o: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-remark @below {{the payload is not a multiply-accumulate (no addition yielded)}}
  %0 = linalg.generic {
      indexing_maps = [affine_map<(n, h, w, f, kh, kw, c) -> (n, h + kh, w + kw, c)>,
                       affine_map<(n, h, w, f, kh, kw, c) -> (kh, kw, c, f)>,
                       affine_map<(n, h, w, f, kh, kw, c) -> (n, h, w, f)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<1x5x5x3xf32>, tensor<2x2x3x4xf32>) outs(%o : tensor<1x4x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.maximumf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// A sum of the operands, not of their product.
// CHECK-LABEL: func.func @add_payload(
// CHECK:         linalg.generic
func.func @add_payload(%x: tensor<1x5x5x3xf32>, %w: tensor<2x2x3x4xf32>, %o: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-remark @below {{the payload is not a multiply-accumulate (the output is not added to a product)}}
  %0 = linalg.generic {
      indexing_maps = [affine_map<(n, h, w, f, kh, kw, c) -> (n, h + kh, w + kw, c)>,
                       affine_map<(n, h, w, f, kh, kw, c) -> (kh, kw, c, f)>,
                       affine_map<(n, h, w, f, kh, kw, c) -> (n, h, w, f)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<1x5x5x3xf32>, tensor<2x2x3x4xf32>) outs(%o : tensor<1x4x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %s = arith.addf %a, %b : f32
    %r = arith.addf %acc, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// The product reads the output.
// CHECK-LABEL: func.func @product_reads_output(
// CHECK:         linalg.generic
func.func @product_reads_output(%x: tensor<1x5x5x3xf32>, %w: tensor<2x2x3x4xf32>, %o: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-remark @below {{the payload's product reads the output}}
  %0 = linalg.generic {
      indexing_maps = [affine_map<(n, h, w, f, kh, kw, c) -> (n, h + kh, w + kw, c)>,
                       affine_map<(n, h, w, f, kh, kw, c) -> (kh, kw, c, f)>,
                       affine_map<(n, h, w, f, kh, kw, c) -> (n, h, w, f)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<1x5x5x3xf32>, tensor<2x2x3x4xf32>) outs(%o : tensor<1x4x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %s = arith.mulf %a, %acc : f32
    %m = arith.mulf %s, %b : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic(
// CHECK:         linalg.conv_2d_nhwc_hwcf
func.func @dynamic(%x: tensor<?x5x5x3xf32>, %w: tensor<2x2x3x4xf32>, %o: tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32> {
  // expected-remark @below {{it has dynamic shapes}}
  %0 = linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<?x5x5x3xf32>, tensor<2x2x3x4xf32>) outs(%o : tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  return %0 : tensor<?x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @buffers(
// CHECK:         linalg.conv_2d_nhwc_hwcf
func.func @buffers(%x: memref<1x5x5x3xf32>, %w: memref<2x2x3x4xf32>, %o: memref<1x4x4x4xf32>) {
  // expected-remark @below {{it operates on buffers, not tensors}}
  linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x5x5x3xf32>, memref<2x2x3x4xf32>) outs(%o : memref<1x4x4x4xf32>)
  return
}

// -----

// Pooling: the "filter" is only a window shape, the payload a plain sum.
// CHECK-LABEL: func.func @pooling(
// CHECK:         linalg.pooling_nhwc_sum
func.func @pooling(%x: tensor<1x5x5x3xf32>, %w: tensor<2x2xf32>, %o: tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32> {
  // expected-remark @below {{the payload is not a multiply-accumulate (the output is not added to a product)}}
  %0 = linalg.pooling_nhwc_sum {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x5x5x3xf32>, tensor<2x2xf32>) outs(%o : tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

// -----

// The payload reads a loop index.
// CHECK-LABEL: func.func @index_payload(
// CHECK:         linalg.generic
func.func @index_payload(%x: tensor<1x5x5x3xi32>, %w: tensor<2x2x3x4xi32>, %o: tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32> {
  // expected-remark @below {{the payload reads loop indices (linalg.index)}}
  %0 = linalg.generic {
      indexing_maps = [affine_map<(n, h, w, f, kh, kw, c) -> (n, h + kh, w + kw, c)>,
                       affine_map<(n, h, w, f, kh, kw, c) -> (kh, kw, c, f)>,
                       affine_map<(n, h, w, f, kh, kw, c) -> (n, h, w, f)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<1x5x5x3xi32>, tensor<2x2x3x4xi32>) outs(%o : tensor<1x4x4x4xi32>) {
  ^bb0(%a: i32, %b: i32, %acc: i32):
    %i = linalg.index 4 : index
    %ii = arith.index_cast %i : index to i32
    %s = arith.muli %a, %ii : i32
    %m = arith.muli %s, %b : i32
    %r = arith.addi %acc, %m : i32
    linalg.yield %r : i32
  } -> tensor<1x4x4x4xi32>
  return %0 : tensor<1x4x4x4xi32>
}
