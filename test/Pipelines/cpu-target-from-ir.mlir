// The CPU pipeline takes its target from the IR where a compiler put it: a
// function's target_cpu (and target_features), else the module's
// llvm.target or llvm.target_triple; a DLTI "CPU" device's
// max_vector_op_width caps the widths. The `cpu` option only fills in.
// RUN: patches-opt %s -split-input-file --patches-lower-to-llvm=cpu=sapphirerapids | FileCheck %s
// RUN: patches-opt %s -split-input-file --patches-lower-to-llvm | FileCheck %s --check-prefix=HOST
// REQUIRES: x86

// The function's own CPU wins over the option: 256-bit rows for Zen 4.
// CHECK-LABEL: llvm.func @function_cpu
// CHECK-SAME:    target_cpu = "znver4"
// CHECK:         llvm.load {{.+}} -> vector<8x{{[if]}}32>
// CHECK-NOT:     vector<16x
// HOST-LABEL:  llvm.func @function_cpu
// HOST-SAME:     target_cpu = "znver4"
// HOST-NOT:      target_features
func.func @function_cpu(%x: tensor<1x2x34x34xf32>) -> tensor<1x18x32x32xf32>
    attributes {target_cpu = "znver4"} {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
         padding = VALID : tensor<1x2x34x34xf32> -> tensor<1x18x32x32xf32>
  return %y : tensor<1x18x32x32xf32>
}

// -----

// The module's llvm.target names the CPU of every function.
// CHECK-LABEL: module attributes
// CHECK-SAME:    llvm.target_triple = "x86_64-unknown-linux-gnu"
// CHECK-LABEL: llvm.func @module_target
// CHECK-SAME:    target_cpu = "x86-64-v3"
// CHECK:         llvm.load {{.+}} -> vector<8x{{[if]}}32>
// CHECK-NOT:     vector<16x
module attributes {llvm.target = #llvm.target<triple = "x86_64-unknown-linux-gnu", chip = "x86-64-v3">} {
  func.func @module_target(%x: tensor<1x2x34x34xf32>) -> tensor<1x18x32x32xf32> {
    %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
           padding = VALID : tensor<1x2x34x34xf32> -> tensor<1x18x32x32xf32>
    return %y : tensor<1x18x32x32xf32>
  }
}

// -----

// DLTI caps the width at 128 bits, whatever the CPU.
// CHECK-LABEL: llvm.func @dlti_width
// CHECK-SAME:    target_cpu = "sapphirerapids"
// CHECK:         llvm.load {{.+}} -> vector<4x{{[if]}}32>
// CHECK-NOT:     vector<8x
// HOST-LABEL:  llvm.func @dlti_width
// HOST:          llvm.load {{.+}} -> vector<4x{{[if]}}32>
module attributes {dlti.target_system_spec = #dlti.target_system_spec<
    "CPU" = #dlti.target_device_spec<"max_vector_op_width" = 128 : ui32>>} {
  func.func @dlti_width(%x: tensor<1x2x34x34xf32>) -> tensor<1x18x32x32xf32> {
    %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
           padding = VALID : tensor<1x2x34x34xf32> -> tensor<1x18x32x32xf32>
    return %y : tensor<1x18x32x32xf32>
  }
}

// -----

// Another architecture: its data layout, 128-bit NEON rows, and the CPU the
// module names.
// HOST-LABEL: module attributes
// HOST-SAME:    llvm.data_layout = "e-m:e-{{.*}}-Fn32"
// HOST-SAME:    llvm.target_triple = "aarch64-unknown-linux-gnu"
// HOST-LABEL: llvm.func @arm
// HOST-SAME:    target_cpu = "neoverse-v2"
// HOST:         llvm.load {{.+}} -> vector<4x{{[if]}}32>
// HOST-NOT:     vector<8x
module attributes {llvm.target = #llvm.target<triple = "aarch64-unknown-linux-gnu", chip = "neoverse-v2">} {
  func.func @arm(%x: tensor<1x2x34x34xf32>) -> tensor<1x18x32x32xf32> {
    %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
           padding = VALID : tensor<1x2x34x34xf32> -> tensor<1x18x32x32xf32>
    return %y : tensor<1x18x32x32xf32>
  }
}
