// RUN: patches-opt %s --convert-patches-to-vector="vector-bits=256 nontemporal-bytes=0" --canonicalize --cse -split-input-file | FileCheck %s --check-prefix=STREAM
// RUN: patches-opt %s --convert-patches-to-vector="vector-bits=256" --canonicalize --cse -split-input-file | FileCheck %s --check-prefix=DEFAULT

// A result larger than nontemporal-bytes: each row's full vectors start at
// a multiple of the vector (row positions 8, 0, 0 here; the first row's
// padding element and the 7 input elements before position 8 are stored by
// masked vectors) and their loop is marked for patches-nontemporal-stores.
// By default (results beyond the last-level cache, rows of 1 KiB or more)
// this small result is not marked, and the first row's vectors start right
// after its padding.

// STREAM-LABEL: func.func @row
// STREAM:         vector.constant_mask [1] : vector<8xi1>
// STREAM:         %[[PEEL:.+]] = vector.constant_mask [7] : vector<8xi1>
// STREAM:         %[[HEAD:.+]] = vector.transfer_read %{{.+}}[%{{.+}}, %{{.+}}, %[[C0:.+]]], %{{.+}}, %[[PEEL]]
// STREAM:         vector.transfer_write %[[HEAD]], %{{.+}}[%[[C1:.+]]], %[[PEEL]]
// STREAM:         scf.for %[[I:.+]] = %{{.+}} to %[[C36:.+]] step
// STREAM:           %[[AT:.+]] = arith.muli %[[I]], %[[C8:.+]] : index
// STREAM:           %[[OUT:.+]] = arith.addi %[[AT]], %[[C8]] : index
// STREAM:           vector.transfer_write %{{.+}}, %{{.+}}[%[[OUT]]] {in_bounds = [true]}
// STREAM:         } {patches.nontemporal}
// STREAM:         scf.for
// STREAM:         } {patches.nontemporal}
// STREAM:         scf.for
// STREAM:         } {patches.nontemporal}

// DEFAULT-LABEL: func.func @row
// DEFAULT-NOT:     patches.nontemporal
func.func @row(%x: tensor<1x1x300xf32>) -> tensor<1x3x300xf32> {
  %y = patches.extract %x filter_shape = [3] window_strides = [1] padding = SAME
         : tensor<1x1x300xf32> -> tensor<1x3x300xf32>
  return %y : tensor<1x3x300xf32>
}

// -----

// The feature-innermost transpose is not marked (its loop stores several
// vectors per block, at steps of C * K).

// STREAM-LABEL: func.func @nhwc
// STREAM-NOT:     patches.nontemporal
func.func @nhwc(%x: tensor<1x4x4x16xf32>) -> tensor<1x4x4x144xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<1x4x4x16xf32> -> tensor<1x4x4x144xf32>
  return %y : tensor<1x4x4x144xf32>
}
