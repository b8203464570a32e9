// An unknown strategy is an error when the options are parsed that lists the
// valid ones (LLVM's enum parser said only "Cannot find option named"), for
// the pass in both spellings and for the pipelines; the input is not read.
// RUN: not patches-opt %s --convert-patches-to-linalg=strategy=im2col 2>&1 | FileCheck %s --implicit-check-not=func
// RUN: not patches-opt %s -p 'builtin.module(convert-patches-to-linalg{strategy=im2col})' 2>&1 | FileCheck %s --implicit-check-not=func
// RUN: not patches-opt %s --patches-lower-to-llvm=strategy=im2col 2>&1 | FileCheck %s --implicit-check-not=func

// CHECK: for the --strategy option: 'im2col' is not one of gather, conv
func.func @f(%x: tensor<1x1x3xf32>) -> tensor<1x2x2xf32> {
  %0 = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x1x3xf32> -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}
