// RUN: patches-opt %s --convert-patches-to-linalg -split-input-file | FileCheck %s
// RUN: patches-opt %s --convert-patches-to-linalg=strategy=conv -split-input-file | FileCheck %s
// RUN: patches-opt %s --convert-patches-to-linalg --canonicalize --cse -split-input-file | FileCheck %s --check-prefix=CANON

// patches.fold is a gather-sum: one linalg.generic whose parallel loops are
// the result's dimensions and whose reduction loops are the window
// positions. At input element i and window position w the body finds the
// output position o = (i * l + lo - w * r) / s that read i through w, and
// adds patches[b, c * K + k(w), o] under scf.if when that window exists.
// Distinct parallel points write distinct elements: nothing races. Both
// strategies lower it alike.

// CHECK-DAG: #[[$WINDOW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[$RESULT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @all_clauses
// CHECK-SAME:    (%[[Y:.+]]: tensor<2x8x4x27xf32>)
// CHECK:         %[[EMPTY:.+]] = tensor.empty() : tensor<2x9x9x3xf32>
// CHECK:         %[[ZEROS:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[EMPTY]] : tensor<2x9x9x3xf32>)
// CHECK:         %[[WIN:.+]] = tensor.empty() : tensor<3x3xf32>
// CHECK:         %[[SUM:.+]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$WINDOW]], #[[$RESULT]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME:      ins(%[[WIN]] : tensor<3x3xf32>)
// CHECK-SAME:      outs(%[[ZEROS]] : tensor<2x9x9x3xf32>)
// CHECK:           %[[READ:.+]] = scf.if %{{.+}} -> (f32) {
// CHECK:             %[[P:.+]] = tensor.extract %[[Y]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}] : tensor<2x8x4x27xf32>
// CHECK:             %[[ADD:.+]] = arith.addf %{{.+}}, %[[P]] : f32
// CHECK:             scf.yield %[[ADD]] : f32
// CHECK:           } else {
// CHECK:             scf.yield %{{.+}} : f32
// CHECK:           linalg.yield %[[READ]] : f32
// CHECK:         return %[[SUM]]

// The index arithmetic, after canonicalization: the geometry's inverse of
// the position, q = i * l - (w * r - lo), a window when q is a
// non-negative multiple of the stride below the output size. H (loop 1):
// q = i * 2 - (w * 2 - 1) (lhs dilation 2, low padding 1, rhs dilation 2),
// stride 2, below 8 output rows. W (loop 2): q = i - w * 2 (padding
// (0, -1)), stride 1, below 4 output columns. The feature is
// c * 9 + w_h * 3 + w_w.
// CANON-LABEL: func.func @all_clauses
// CANON-SAME:    (%[[Y:.+]]: tensor<2x8x4x27xf32>)
// CANON-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CANON-DAG:     %[[CM1:.+]] = arith.constant -1 : index
// CANON-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CANON-DAG:     %[[C3:.+]] = arith.constant 3 : index
// CANON-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CANON-DAG:     %[[C8:.+]] = arith.constant 8 : index
// CANON-DAG:     %[[C9:.+]] = arith.constant 9 : index
// CANON:         linalg.generic
// CANON-DAG:       %[[B:.+]] = linalg.index 0 : index
// CANON-DAG:       %[[IH:.+]] = linalg.index 1 : index
// CANON-DAG:       %[[IW:.+]] = linalg.index 2 : index
// CANON-DAG:       %[[C:.+]] = linalg.index 3 : index
// CANON-DAG:       %[[WH:.+]] = linalg.index 4 : index
// CANON-DAG:       %[[WW:.+]] = linalg.index 5 : index
// CANON-DAG:       %[[CK:.+]] = arith.muli %[[C]], %[[C9]] : index
// CANON-DAG:       %[[WH3:.+]] = arith.muli %[[WH]], %[[C3]] : index
// CANON-DAG:       %[[F0:.+]] = arith.addi %[[CK]], %[[WH3]] : index
// CANON-DAG:       %[[F:.+]] = arith.addi %[[F0]], %[[WW]] : index
// CANON-DAG:       %[[WH2:.+]] = arith.muli %[[WH]], %[[C2]] : index
// CANON-DAG:       %[[OFFH:.+]] = arith.addi %[[WH2]], %[[CM1]] : index
// CANON-DAG:       %[[IH2:.+]] = arith.muli %[[IH]], %[[C2]] : index
// CANON-DAG:       %[[QH:.+]] = arith.subi %[[IH2]], %[[OFFH]] : index
// CANON-DAG:       %[[OH:.+]] = arith.floordivsi %[[QH]], %[[C2]] : index
// CANON-DAG:       %[[RH:.+]] = arith.remsi %[[QH]], %[[C2]] : index
// CANON-DAG:       arith.cmpi eq, %[[RH]], %[[C0]] : index
// CANON-DAG:       arith.cmpi sge, %[[QH]], %[[C0]] : index
// CANON-DAG:       arith.cmpi slt, %[[OH]], %[[C8]] : index
// CANON-DAG:       %[[WW2:.+]] = arith.muli %[[WW]], %[[C2]] : index
// CANON-DAG:       %[[QW:.+]] = arith.subi %[[IW]], %[[WW2]] : index
// CANON-DAG:       arith.cmpi sge, %[[QW]], %[[C0]] : index
// CANON-DAG:       arith.cmpi slt, %[[QW]], %[[C4]] : index
// CANON:           scf.if
// CANON-NEXT:        tensor.extract %[[Y]][%[[B]], %[[OH]], %[[QW]], %[[F]]] : tensor<2x8x4x27xf32>
func.func @all_clauses(%y: tensor<2x8x4x27xf32>) -> tensor<2x9x9x3xf32> {
  %0 = patches.fold %y filter_shape = [3, 3] window_strides = [2, 1]
         padding = [[1, 1], [0, -1]] lhs_dilation = [2, 1] rhs_dilation = [2, 2]
         dimension_numbers = ("NHWC", "HWIO", "NHWC") precision = HIGHEST
         : tensor<2x8x4x27xf32> -> tensor<2x9x9x3xf32>
  return %0 : tensor<2x9x9x3xf32>
}

// -----

// Negative low padding: the windows start 2 inside the input, so the window
// reading element i through w starts at q = i - (w + 2).
// CANON-LABEL: func.func @negative_padding
// CANON-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CANON-DAG:     %[[C3:.+]] = arith.constant 3 : index
// CANON:         linalg.generic
// CANON-DAG:       %[[I:.+]] = linalg.index 2 : index
// CANON-DAG:       %[[W:.+]] = linalg.index 3 : index
// CANON-DAG:       %[[OFFSET:.+]] = arith.addi %[[W]], %[[C2]] : index
// CANON-DAG:       %[[Q:.+]] = arith.subi %[[I]], %[[OFFSET]] : index
// CANON-DAG:       arith.cmpi slt, %[[Q]], %[[C3]] : index
// CANON:           arith.addi
func.func @negative_padding(%y: tensor<1x2x3xi32>) -> tensor<1x1x6xi32> {
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = [[-2, 0]] : tensor<1x2x3xi32> -> tensor<1x1x6xi32>
  return %0 : tensor<1x1x6xi32>
}

// -----

// CHECK-LABEL: func.func @complex_elements
// CHECK:         linalg.generic
// CHECK:           complex.add %{{.+}}, %{{.+}} : complex<f32>
func.func @complex_elements(%y: tensor<1x2x2xcomplex<f32>>) -> tensor<1x1x3xcomplex<f32>> {
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<1x2x2xcomplex<f32>> -> tensor<1x1x3xcomplex<f32>>
  return %0 : tensor<1x1x3xcomplex<f32>>
}

// -----

// arith adds only signless integers: signed and unsigned ones are added as
// their signless twins, through casts that the LLVM lowering erases.
// CHECK-LABEL: func.func @unsigned_integers
// CHECK:         ^bb0(%{{.+}}: ui8, %[[OUT:.+]]: ui8):
// CHECK:         scf.if
// CHECK:           %[[P:.+]] = tensor.extract %{{.+}} : tensor<1x2x4xui8>
// CHECK-NEXT:      %[[A:.+]] = builtin.unrealized_conversion_cast %[[OUT]] : ui8 to i8
// CHECK-NEXT:      %[[B:.+]] = builtin.unrealized_conversion_cast %[[P]] : ui8 to i8
// CHECK:           %[[S:.+]] = arith.addi %[[A]], %[[B]] : i8
// CHECK:           %[[R:.+]] = builtin.unrealized_conversion_cast %[[S]] : i8 to ui8
// CHECK:           scf.yield %[[R]] : ui8
func.func @unsigned_integers(%y: tensor<1x2x4xui8>) -> tensor<1x1x3xui8> {
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = [[1, 1]] : tensor<1x2x4xui8> -> tensor<1x1x3xui8>
  return %0 : tensor<1x1x3xui8>
}

// -----

// A dynamic patches operand is cast to the shape the result type fixes.
// CHECK-LABEL: func.func @dynamic_patches
// CHECK-SAME:    (%[[Y:.+]]: tensor<?x2x2xf32>)
// CHECK:         %[[C:.+]] = tensor.cast %[[Y]] : tensor<?x2x2xf32> to tensor<1x2x2xf32>
// CHECK:         linalg.generic
// CHECK:           tensor.extract %[[C]]
func.func @dynamic_patches(%y: tensor<?x2x2xf32>) -> tensor<1x1x3xf32> {
  %0 = patches.fold %y filter_shape = [2] window_strides = [1] padding = VALID : tensor<?x2x2xf32> -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

// Dynamic sizes: the batch from the patches, the channels from the features
// (F / K), the spatial size from its operand; SAME padding of that size is
// computed at run time, and so is the output size the body compares with.
// CANON-DAG: #[[$CHANNELS:.+]] = affine_map<()[s0] -> (s0 floordiv 3)>
// CANON-DAG: #[[$PAD_TOTAL:.+]] = affine_map<()[s0] -> (-s0 + (s0 ceildiv 2) * 2 + 1, 0)>
// CANON-LABEL: func.func @dynamic_result
// CANON-SAME:    (%[[Y:.+]]: tensor<?x?x?xf32>, %[[W:.+]]: index)
// CANON-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CANON-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CANON-DAG:     %[[N:.+]] = tensor.dim %[[Y]], %[[C0]] : tensor<?x?x?xf32>
// CANON-DAG:     %[[F:.+]] = tensor.dim %[[Y]], %[[C1]] : tensor<?x?x?xf32>
// CANON-DAG:     %[[C:.+]] = affine.apply #[[$CHANNELS]]()[%[[F]]]
// CANON-DAG:     affine.max #[[$PAD_TOTAL]]()[%[[W]]]
// CANON-DAG:     %[[E:.+]] = tensor.empty(%[[N]], %[[C]], %[[W]]) : tensor<?x?x?xf32>
// CANON:         linalg.fill ins(%{{.+}} : f32) outs(%[[E]] : tensor<?x?x?xf32>)
// CANON:         linalg.generic
// CANON:           scf.if
// CANON:             tensor.extract %[[Y]]
func.func @dynamic_result(%y: tensor<?x?x?xf32>, %w: index) -> tensor<?x?x?xf32> {
  %0 = patches.fold %y spatial_sizes(%w) filter_shape = [3] window_strides = [2] padding = SAME : tensor<?x?x?xf32> -> tensor<?x?x?xf32>
  return %0 : tensor<?x?x?xf32>
}

// -----

// Empty shapes need no special case: the loops run zero times or the body
// never finds a window.
// CHECK-LABEL: func.func @empty_patches
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.+}} : tensor<1x1x1x3xi32>)
func.func @empty_patches(%y: tensor<1x4x0x2xi32>) -> tensor<1x1x1x3xi32> {
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x4x0x2xi32> -> tensor<1x1x1x3xi32>
  return %0 : tensor<1x1x1x3xi32>
}
