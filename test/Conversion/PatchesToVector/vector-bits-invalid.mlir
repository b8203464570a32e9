// vector-bits out of range is a clear error that names the value, from the
// pass and from the CPU pipeline that forwards it, when the options are
// parsed: one line, and no IR (the input is never read).
// RUN: not patches-opt %s --convert-patches-to-vector=vector-bits=4 2>&1 | FileCheck %s --check-prefix=SMALL --implicit-check-not=func
// RUN: not patches-opt %s --convert-patches-to-vector=vector-bits=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not patches-opt %s --convert-patches-to-vector=vector-bits=68719476736 2>&1 | FileCheck %s --check-prefix=LARGE
// RUN: not patches-opt %s --convert-patches-to-vector=vector-bits=65536 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not patches-opt %s --patches-lower-to-llvm=vector-bits=4096 2>&1 | FileCheck %s --check-prefix=PIPELINE

// SMALL: error: vector-bits must be between 8 and 2048, got 4
// NEGATIVE: error: vector-bits must be between 8 and 2048, got -1
// LARGE: error: vector-bits must be between 8 and 2048, got 68719476736
// HUGE: error: vector-bits must be between 8 and 2048, got 65536
// PIPELINE: error: vector-bits must be between 8 and 2048, got 4096
func.func @f(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
