// RUN: patches-opt %s --convert-patches-to-vector=vector-bits=512 --canonicalize --cse -split-input-file | FileCheck %s

// NCHW, stride 1, SAME: one forall iteration per result row, over
// (c, kh, oh, kw): the row's window position innermost, so consecutive rows
// read one input row at shifted offsets; the feature is c * 9 + kh * 3 + kw
// (the batch of size 1 folds away). Rows whose other coordinate falls into
// padding are zero-filled; other rows
// fill the left padding, copy the interior with unmasked vectors, finish
// with one masked vector, and fill the right padding.

// CHECK-LABEL: func.func @nchw_same
// CHECK-DAG:     %[[ZEROS:.+]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK:         scf.forall (%[[C:.+]], %[[KH:.+]], %[[OH:.+]], %[[KW:.+]]) in (2, 3, 20, 3) shared_outs(%[[OUT:.+]] = %{{.+}})
// CHECK:           %[[C9:.+]] = arith.muli %[[C]], %{{.+}} : index
// CHECK:           %[[KH3:.+]] = arith.muli %[[KH]], %{{.+}} : index
// CHECK:           %[[CKH:.+]] = arith.addi %[[C9]], %[[KH3]] : index
// CHECK:           %[[F:.+]] = arith.addi %[[CKH]], %[[KW]] : index
// CHECK:           %[[ROW:.+]] = tensor.extract_slice %[[OUT]][0, %[[F]], %[[OH]], 0] [1, 1, 1, 20] [1, 1, 1, 1] : tensor<1x18x20x20xf32> to tensor<20xf32>
// CHECK:           scf.if %{{.+}} -> (tensor<20xf32>) {
// Left padding.
// CHECK:             scf.for
// CHECK:               vector.transfer_write %[[ZEROS]], %{{.+}} {in_bounds = [true]}
// CHECK:             vector.transfer_write %[[ZEROS]], %{{.+}}, %{{.+}} : vector<16xf32>, tensor<20xf32>
// The interior: unmasked copies, then the masked tail.
// CHECK:             scf.for
// CHECK:               %[[V:.+]] = vector.transfer_read %{{.+}}, %{{.+}} {in_bounds = [true]} : tensor<1x2x20x20xf32>, vector<16xf32>
// CHECK:               vector.transfer_write %[[V]], %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<20xf32>
// CHECK:             %[[MASK:.+]] = vector.create_mask %{{.+}} : vector<16xi1>
// CHECK:             %[[T:.+]] = vector.transfer_read %{{.+}}, %{{.+}}, %[[MASK]] : tensor<1x2x20x20xf32>, vector<16xf32>
// CHECK:             vector.transfer_write %[[T]], %{{.+}}, %[[MASK]] : vector<16xf32>, tensor<20xf32>
// Right padding.
// CHECK:             scf.for
// CHECK:               vector.transfer_write %[[ZEROS]]
// CHECK:           } else {
// CHECK:             vector.transfer_write %[[ZEROS]], %[[ROW]][%{{.+}}] {in_bounds = [true]}
// CHECK:           }
// CHECK:           scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %{{.+}} into %[[OUT]][0, %[[F]], %[[OH]], 0] [1, 1, 1, 20]
func.func @nchw_same(%x: tensor<1x2x20x20xf32>) -> tensor<1x18x20x20xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
         : tensor<1x2x20x20xf32> -> tensor<1x18x20x20xf32>
  return %y : tensor<1x18x20x20xf32>
}

// -----

// Stride 2: wide reads of 2 * 16 elements, every other lane kept. The
// shuffle moves the bits as integers, never as floats.

// CHECK-LABEL: func.func @strided
// CHECK:         scf.forall
// CHECK:           %[[WIDE:.+]] = vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<1x1x64xf32>, vector<32xf32>
// CHECK:           %[[WIDEBITS:.+]] = arith.bitcast %[[WIDE]] : vector<32xf32> to vector<32xi32>
// CHECK:           %[[KEPT:.+]] = vector.shuffle %[[WIDEBITS]], %[[WIDEBITS]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30] : vector<32xi32>, vector<32xi32>
// CHECK:           %[[KEPTF:.+]] = arith.bitcast %[[KEPT]] : vector<16xi32> to vector<16xf32>
// CHECK:           vector.transfer_write %[[KEPTF]]
// The rest: masked wide reads that stop at the input's end and masked
// stores, no element by element.
// CHECK:           scf.for
// CHECK:             %[[READABLE:.+]] = vector.create_mask %{{.+}} : vector<32xi1>
// CHECK:             vector.transfer_read %{{.+}}, %[[READABLE]] : tensor<1x1x64xf32>, vector<32xf32>
// CHECK:             vector.shuffle
// CHECK:             %[[STORED:.+]] = vector.create_mask %{{.+}} : vector<16xi1>
// CHECK:             vector.transfer_write %{{.+}}, %[[STORED]]
// CHECK-NOT:       tensor.extract %
func.func @strided(%x: tensor<1x1x64xf32>) -> tensor<1x3x32xf32> {
  %y = patches.extract %x filter_shape = [3] window_strides = [2] padding = SAME
         : tensor<1x1x64xf32> -> tensor<1x3x32xf32>
  return %y : tensor<1x3x32xf32>
}

// -----

// lhs dilation 2 along the row: 8 contiguous input elements per vector of
// 16 outputs, zeros shuffled in between.

// CHECK-LABEL: func.func @lhs_dilated
// CHECK:         scf.forall
// CHECK:           %[[NARROW:.+]] = vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<1x1x40xf32>, vector<8xf32>
// CHECK:           %[[NARROWBITS:.+]] = arith.bitcast %[[NARROW]] : vector<8xf32> to vector<8xi32>
// CHECK:           vector.shuffle %[[NARROWBITS]], %{{.+}} [0, 8, 1, 8, 2, 8, 3, 8, 4, 8, 5, 8, 6, 8, 7, 8] : vector<8xi32>, vector<8xi32>
func.func @lhs_dilated(%x: tensor<1x1x40xf32>) -> tensor<1x2x80xf32> {
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = [[1, 1]]
         lhs_dilation = [2] : tensor<1x1x40xf32> -> tensor<1x2x80xf32>
  return %y : tensor<1x2x80xf32>
}

// -----

// NHWC: the feature is innermost. Per output position, 16 channels are read
// from each of the K = 4 window positions (clamped, and replaced by zeros
// where the position is in padding, as integers), transposed in registers (which the
// canonicalizer spells as to/from_elements) and stored sequentially as
// features c * 4 + k.

// CHECK-LABEL: func.func @nhwc
// CHECK:         scf.forall (%{{.+}}, %{{.+}}) in (8, 8)
// CHECK:           scf.for %[[BLOCK:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %{{.+}}) -> (tensor<128xf32>)
// CHECK:             %[[R0:.+]] = vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<1x8x8x32xf32>, vector<16xf32>
// CHECK:             %[[B0:.+]] = arith.bitcast %[[R0]] : vector<16xf32> to vector<16xi32>
// CHECK:             %[[K0:.+]] = arith.select %{{.+}}, %[[B0]], %{{.+}} : vector<16xi32>
// CHECK:             %[[R1:.+]] = vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<1x8x8x32xf32>, vector<16xf32>
// CHECK:             %[[B1:.+]] = arith.bitcast %[[R1]] : vector<16xf32> to vector<16xi32>
// CHECK:             %[[K1:.+]] = arith.select %{{.+}}, %[[B1]], %{{.+}} : vector<16xi32>
// CHECK:             %[[R2:.+]] = vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<1x8x8x32xf32>, vector<16xf32>
// CHECK:             %[[B2:.+]] = arith.bitcast %[[R2]] : vector<16xf32> to vector<16xi32>
// CHECK:             %[[K2:.+]] = arith.select %{{.+}}, %[[B2]], %{{.+}} : vector<16xi32>
// CHECK:             %[[R3:.+]] = vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<1x8x8x32xf32>, vector<16xf32>
// CHECK:             %[[B3:.+]] = arith.bitcast %[[R3]] : vector<16xf32> to vector<16xi32>
// CHECK:             %[[K3:.+]] = arith.select %{{.+}}, %[[B3]], %{{.+}} : vector<16xi32>
// CHECK:             %[[E0:.+]]:16 = vector.to_elements %[[K0]]
// CHECK:             %[[E1:.+]]:16 = vector.to_elements %[[K1]]
// CHECK:             %[[E2:.+]]:16 = vector.to_elements %[[K2]]
// CHECK:             %[[E3:.+]]:16 = vector.to_elements %[[K3]]
// CHECK:             %[[T:.+]] = vector.from_elements %[[E0]]#0, %[[E1]]#0, %[[E2]]#0, %[[E3]]#0, %[[E0]]#1, %[[E1]]#1, {{.*}} : vector<16x4xi32>
// The block is 16 * 4 consecutive features from c0 * 4: one flat write (a
// 2-D one went through a stack buffer and a loop of 4-element copies).
// CHECK:             %[[FLAT:.+]] = vector.shape_cast %[[T]] : vector<16x4xi32> to vector<64xi32>
// CHECK:             %[[TF:.+]] = arith.bitcast %[[FLAT]] : vector<64xi32> to vector<64xf32>
// CHECK:             vector.transfer_write %[[TF]], %{{.+}}[%{{.+}}] {in_bounds = [true]} : vector<64xf32>, tensor<128xf32>
// CHECK-NOT:       tensor.collapse_shape
func.func @nhwc(%x: tensor<1x8x8x32xf32>) -> tensor<1x8x8x128xf32> {
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x8x8x32xf32> -> tensor<1x8x8x128xf32>
  return %y : tensor<1x8x8x128xf32>
}

// -----

// What the vector path leaves to convert-patches-to-linalg: dynamic shapes
// and complex elements.

// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-2: patches.extract
// CHECK-NOT:     scf.forall
func.func @left_alone(%x: tensor<?x1x8xf32>, %z: tensor<1x1x8xcomplex<f32>>)
    -> (tensor<?x2x7xf32>, tensor<1x2x7xcomplex<f32>>) {
  %y = patches.extract %x filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<?x1x8xf32> -> tensor<?x2x7xf32>
  %w = patches.extract %z filter_shape = [2] window_strides = [1] padding = VALID
         : tensor<1x1x8xcomplex<f32>> -> tensor<1x2x7xcomplex<f32>>
  return %y, %w : tensor<?x2x7xf32>, tensor<1x2x7xcomplex<f32>>
}
