// A clause written with its default value is stored as if absent, by the
// parser as by the builders: ops that mean the same are the same IR, so
// -cse merges them without a print and parse in between (before, the
// written `lhs_dilation = [1, 1]` stayed an attribute until printed).
// RUN: patches-opt %s -split-input-file --cse | FileCheck %s
// RUN: patches-opt %s -split-input-file -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @defaults_merge
// CHECK:         %[[P:.+]] = patches.extract %{{.+}} filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
// CHECK-NOT:     patches.extract
// CHECK:         return %[[P]], %[[P]], %[[P]]
// GENERIC-LABEL: sym_name = "defaults_merge"
// GENERIC-NOT:   lhs_dilation
// GENERIC-NOT:   rhs_dilation
// GENERIC-NOT:   dimension_numbers
func.func @defaults_merge(%x: tensor<1x1x3x3xf32>) -> (tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>) {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         lhs_dilation = [1, 1] rhs_dilation = [1, 1] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  %1 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         dimension_numbers = ("NCHW", "HWIO", "NCHW") precision = DEFAULT : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  %2 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0, %1, %2 : tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>
}

// -----

// A non-default value stays.
// CHECK-LABEL: func.func @non_default_kept
// CHECK:         patches.extract %{{.+}} rhs_dilation = [1, 2] dimension_numbers = ("NHWC", "HWIO", "NHWC")
// GENERIC-LABEL: sym_name = "non_default_kept"
// GENERIC:       rhs_dilation = array<i64: 1, 2>
func.func @non_default_kept(%x: tensor<1x3x3x1xf32>) -> tensor<1x2x1x4xf32> {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         lhs_dilation = [1, 1] rhs_dilation = [1, 2] dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x3x3x1xf32> -> tensor<1x2x1x4xf32>
  return %0 : tensor<1x2x1x4xf32>
}
