// RUN: patches-opt %s --convert-patches-to-vector=vector-bits=256 --canonicalize --cse -split-input-file | FileCheck %s

// NHWC with 8 lanes of 32 bits and K = 9: per block of 8 channels, the 9
// window positions' vectors (replaced by zeros where in padding), the first
// 8 transposed by the unpack network (pairs, pairs of pairs, halves: 24
// two-source shuffles), each channel's 8 features stored at c * 9, then
// the 9th position's lanes stored one per channel at c * 9 + 8.

// CHECK-LABEL: func.func @nhwc_k9
// CHECK-COUNT-9: arith.select %{{.+}}, %{{.+}}, %{{.+}} : vector<8xi32>
// CHECK-COUNT-8: vector.shuffle %{{.+}}, %{{.+}} [{{0, 8, 1, 9, 4, 12, 5, 13|2, 10, 3, 11, 6, 14, 7, 15}}] : vector<8xi32>, vector<8xi32>
// CHECK-COUNT-8: vector.shuffle %{{.+}}, %{{.+}} [{{0, 1, 8, 9, 4, 5, 12, 13|2, 3, 10, 11, 6, 7, 14, 15}}] : vector<8xi32>, vector<8xi32>
// CHECK-COUNT-8: vector.shuffle %{{.+}}, %{{.+}} [{{0, 1, 2, 3, 8, 9, 10, 11|4, 5, 6, 7, 12, 13, 14, 15}}] : vector<8xi32>, vector<8xi32>
// CHECK:         vector.transfer_write %{{.+}}, %{{.+}}[%[[C0:.+]]] {in_bounds = [true]} : vector<8xf32>, tensor<72xf32>
// CHECK:         vector.transfer_write %{{.+}}, %{{.+}}[%[[C9:.+]]] {in_bounds = [true]} : vector<8xf32>, tensor<72xf32>
// CHECK-COUNT-6: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<8xf32>, tensor<72xf32>
// CHECK:         vector.transpose %{{.+}}, [1, 0] : vector<1x8xi32> to vector<8x1xi32>
// CHECK-COUNT-8: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<1xf32>, tensor<72xf32>
// CHECK-NOT:     vector.shape_cast
func.func @nhwc_k9(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x72xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x4x4x8xf32> -> tensor<1x4x4x72xf32>
  return %y : tensor<1x4x4x72xf32>
}

// -----

// 16-bit elements keep the flat transpose (the unpack network is for 8
// lanes of 32 bits).

// CHECK-LABEL: func.func @nhwc_f16
// CHECK-NOT:     vector.shuffle %{{.+}}, %{{.+}} [0, 8, 1, 9, 4, 12, 5, 13]
// CHECK:         vector.shape_cast
func.func @nhwc_f16(%x: tensor<1x4x4x16xf16>) -> tensor<1x4x4x144xf16> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x4x4x16xf16> -> tensor<1x4x4x144xf16>
  return %y : tensor<1x4x4x144xf16>
}
