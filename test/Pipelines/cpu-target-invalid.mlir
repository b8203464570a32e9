// A CPU the IR names that LLVM does not know is an error at the op that
// names it, not a warning of LLVM's code generator and a generic build.
// RUN: patches-opt %s -split-input-file -verify-diagnostics --patches-lower-to-llvm
// REQUIRES: x86

// expected-error @below {{cpu 'pentium9' is not a CPU that LLVM knows for}}
func.func @unknown_cpu(%x: tensor<1x2x34x34xf32>) -> tensor<1x18x32x32xf32>
    attributes {target_cpu = "pentium9"} {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
         padding = VALID : tensor<1x2x34x34xf32> -> tensor<1x18x32x32xf32>
  return %y : tensor<1x18x32x32xf32>
}

// -----

// expected-error @below {{no LLVM target for triple 'mips9-unknown-nowhere'}}
module attributes {llvm.target_triple = "mips9-unknown-nowhere"} {
  func.func @unknown_triple(%x: tensor<1x2x34x34xf32>) -> tensor<1x18x32x32xf32> {
    %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
           padding = VALID : tensor<1x2x34x34xf32> -> tensor<1x18x32x32xf32>
    return %y : tensor<1x18x32x32xf32>
  }
}
