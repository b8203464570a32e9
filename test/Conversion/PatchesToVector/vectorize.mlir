// RUN: patches-opt %s --convert-patches-to-vector=vector-bits=512 --canonicalize --cse -split-input-file | FileCheck %s

// NCHW, stride 1, SAME: one forall iteration per (c, kh, oh) writes the
// rows of kw = 0, 1, 2 (features c * 9 + kh * 3 + kw, a [3, 20] tile), which
// read one input row at shifted offsets (the batch of size 1 folds away).
// Each row is built with kw a constant, so its padding split, vector counts
// and masks are constants: kw = 0 fills one element of left padding, copies
// 16 elements unmasked and 3 masked; kw = 2 copies 16 + 3 and fills one on
// the right. Rows whose kh falls into padding are zero-filled.

// CHECK-LABEL: func.func @nchw_same
// CHECK-DAG:     %[[ZEROS:.+]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK:         scf.forall (%[[C:.+]], %[[KH:.+]], %[[OH:.+]]) in (2, 3, 20) shared_outs(%[[OUT:.+]] = %{{.+}})
// CHECK:           %[[C9:.+]] = arith.muli %[[C]], %{{.+}} : index
// CHECK:           %[[KH3:.+]] = arith.muli %[[KH]], %{{.+}} : index
// CHECK:           %[[F:.+]] = arith.addi %[[C9]], %[[KH3]] : index
// CHECK:           %[[TILE:.+]] = tensor.extract_slice %[[OUT]][0, %[[F]], %[[OH]], 0] [1, 3, 1, 20] [1, 1, 1, 1] : tensor<1x18x20x20xf32> to tensor<1x3x1x20xf32>
// CHECK:           %[[ROW0:.+]] = tensor.extract_slice %[[TILE]][0, 0, 0, 0] [1, 1, 1, 20] [1, 1, 1, 1] : tensor<1x3x1x20xf32> to tensor<20xf32>
// CHECK:           %[[VALID:.+]] = arith.andi
// CHECK:           %[[BUILT0:.+]] = scf.if %[[VALID]] -> (tensor<20xf32>) {
// Left padding, then the interior: unmasked, then the masked tail.
// CHECK:             %[[ONE:.+]] = vector.constant_mask [1] : vector<16xi1>
// CHECK:             %[[PAD:.+]] = vector.transfer_write %[[ZEROS]], %[[ROW0]][%{{.+}}], %[[ONE]] {in_bounds = [true]} : vector<16xf32>, tensor<20xf32>
// CHECK:             %[[V:.+]] = vector.transfer_read %{{.+}}, %{{.+}} {in_bounds = [true]} : tensor<1x2x20x20xf32>, vector<16xf32>
// CHECK:             %[[W:.+]] = vector.transfer_write %[[V]], %[[PAD]][%{{.+}}] {in_bounds = [true]} : vector<16xf32>, tensor<20xf32>
// CHECK:             %[[THREE:.+]] = vector.constant_mask [3] : vector<16xi1>
// CHECK:             %[[T:.+]] = vector.transfer_read %{{.+}}, %{{.+}}, %[[THREE]] : tensor<1x2x20x20xf32>, vector<16xf32>
// CHECK:             vector.transfer_write %[[T]], %[[W]][%{{.+}}], %[[THREE]] : vector<16xf32>, tensor<20xf32>
// CHECK:           } else {
// CHECK:             vector.transfer_write %[[ZEROS]], %[[ROW0]][%{{.+}}] {in_bounds = [true]}
// CHECK:           }
// CHECK:           %[[TILE0:.+]] = tensor.insert_slice %[[BUILT0]] into %[[TILE]][0, 0, 0, 0] [1, 1, 1, 20]
// CHECK:           tensor.extract_slice %[[TILE0]][0, 1, 0, 0] [1, 1, 1, 20]
// CHECK:           %[[TILE1:.+]] = tensor.insert_slice %{{.+}} into %[[TILE0]][0, 1, 0, 0] [1, 1, 1, 20]
// The last row reads from column 1 and fills one element on the right.
// CHECK:           tensor.extract_slice %[[TILE1]][0, 2, 0, 0] [1, 1, 1, 20]
// CHECK:           scf.if %[[VALID]] -> (tensor<20xf32>) {
// CHECK:             vector.transfer_read %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %[[C1:c1]]], %{{.+}} {in_bounds = [true]}
// CHECK:             vector.constant_mask [1] : vector<16xi1>
// CHECK:           %[[TILE2:.+]] = tensor.insert_slice %{{.+}} into %[[TILE1]][0, 2, 0, 0] [1, 1, 1, 20]
// CHECK:           scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[TILE2]] into %[[OUT]][0, %[[F]], %[[OH]], 0] [1, 3, 1, 20] [1, 1, 1, 1]
func.func @nchw_same(%x: tensor<1x2x20x20xf32>) -> tensor<1x18x20x20xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
         : tensor<1x2x20x20xf32> -> tensor<1x18x20x20xf32>
  return %y : tensor<1x18x20x20xf32>
}

// -----

// Stride 2: wide reads of 2 * 16 elements, every other lane kept. The
// shuffle moves the bits as integers, never as floats.

// CHECK-LABEL: func.func @strided
// CHECK:           %[[WIDE:.+]] = vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<1x1x64xf32>, vector<32xf32>
// CHECK:           %[[WIDEBITS:.+]] = arith.bitcast %[[WIDE]] : vector<32xf32> to vector<32xi32>
// CHECK:           %[[KEPT:.+]] = vector.shuffle %[[WIDEBITS]], %[[WIDEBITS]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30] : vector<32xi32>, vector<32xi32>
// CHECK:           %[[KEPTF:.+]] = arith.bitcast %[[KEPT]] : vector<16xi32> to vector<16xf32>
// CHECK:           vector.transfer_write %[[KEPTF]]
// The rest (of the row of window position 2, which reads from 2 to 64):
// a masked wide read that stops at the input's end and a masked store, no
// element by element.
// CHECK:           %[[READABLE:.+]] = vector.constant_mask [30] : vector<32xi1>
// CHECK:           vector.transfer_read %{{.+}}, %[[READABLE]] : tensor<1x1x64xf32>, vector<32xf32>
// CHECK:           vector.shuffle
// CHECK:           %[[STORED:.+]] = vector.constant_mask [15] : vector<16xi1>
// CHECK:           vector.transfer_write %{{.+}}, %[[STORED]]
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
