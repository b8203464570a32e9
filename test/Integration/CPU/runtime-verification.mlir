// Checks that -generate-runtime-verification adds for what dynamic sizes
// leave to run time, executed. Sizes that agree run as before; each
// disagreement stops the program with the op and the reason. stdbuf keeps
// the message, which puts writes just before abort, from staying in a buffer.
//
// RUN: patches-opt %s -generate-runtime-verification --patches-lower-to-llvm \
// RUN:   -o %t.mlir
// RUN: mlir-runner %t.mlir -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s
// RUN: not --crash stdbuf -o0 mlir-runner %t.mlir -e extract_wrong_batch \
// RUN:   -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=BATCH
// RUN: not --crash stdbuf -o0 mlir-runner %t.mlir -e extract_wrong_width \
// RUN:   -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=WIDTH
// RUN: not --crash stdbuf -o0 mlir-runner %t.mlir -e extract_cropped_away \
// RUN:   -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=CROP
// RUN: not --crash stdbuf -o0 mlir-runner %t.mlir -e fold_wrong_spatial_size \
// RUN:   -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=FOLD-SPATIAL
// RUN: not --crash stdbuf -o0 mlir-runner %t.mlir -e fold_negative_size \
// RUN:   -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=FOLD-NEGATIVE
// RUN: not --crash stdbuf -o0 mlir-runner %t.mlir -e fold_ragged_features \
// RUN:   -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=FOLD-FEATURES

// The result type claims batch 2 and a 2x2 output; the input is dynamic.
func.func @extract_claims_2x2(%x: tensor<?x1x?x?xi32>) -> tensor<2x4x2x2xi32> {
  %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID : tensor<?x1x?x?xi32> -> tensor<2x4x2x2xi32>
  return %p : tensor<2x4x2x2xi32>
}

// Cropping 3 of a dynamic height: fine for 3 rows or more.
func.func @extract_crops_3(%x: tensor<1x1x?x2xi32>) -> tensor<1x1x?x2xi32> {
  %p = patches.extract %x filter_shape = [1, 1] window_strides = [1, 1]
         padding = [[-2, -1], [0, 0]] : tensor<1x1x?x2xi32> -> tensor<1x1x?x2xi32>
  return %p : tensor<1x1x?x2xi32>
}

// The adjoint of a 2x2 VALID extraction on an h x w image of batch 1.
func.func @fold_2x2(%y: tensor<?x?x?x?xi32>, %h: index, %w: index)
    -> tensor<1x?x?x?xi32> {
  %x = patches.fold %y spatial_sizes(%h, %w) filter_shape = [2, 2]
         window_strides = [1, 1] padding = VALID
         : tensor<?x?x?x?xi32> -> tensor<1x?x?x?xi32>
  return %x : tensor<1x?x?x?xi32>
}

func.func @image(%n: index, %h: index, %w: index) -> tensor<?x1x?x?xi32> {
  %c1 = arith.constant 1 : i32
  %e = tensor.empty(%n, %h, %w) : tensor<?x1x?x?xi32>
  %x = linalg.fill ins(%c1 : i32) outs(%e : tensor<?x1x?x?xi32>) -> tensor<?x1x?x?xi32>
  return %x : tensor<?x1x?x?xi32>
}

func.func @patches(%f: index, %oh: index, %ow: index) -> tensor<?x?x?x?xi32> {
  %c1 = arith.constant 1 : i32
  %c1i = arith.constant 1 : index
  %e = tensor.empty(%c1i, %f, %oh, %ow) : tensor<?x?x?x?xi32>
  %y = linalg.fill ins(%c1 : i32) outs(%e : tensor<?x?x?x?xi32>) -> tensor<?x?x?x?xi32>
  return %y : tensor<?x?x?x?xi32>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index

  // Sizes that agree: every check passes and the ops compute as before.
  // CHECK-NOT: ERROR
  // CHECK:     sizes = [2, 4, 2, 2]
  %x = call @image(%c2, %c3, %c3) : (index, index, index) -> tensor<?x1x?x?xi32>
  %p = call @extract_claims_2x2(%x) : (tensor<?x1x?x?xi32>) -> tensor<2x4x2x2xi32>
  %pu = tensor.cast %p : tensor<2x4x2x2xi32> to tensor<*xi32>
  call @printMemrefI32(%pu) : (tensor<*xi32>) -> ()

  // Cropping all 3 rows leaves none, which JAX allows (D + lo + hi = 0).
  // CHECK:      cropped rows: 0{{$}}
  %t = call @image(%c1, %c3, %c2) : (index, index, index) -> tensor<?x1x?x?xi32>
  %tc = tensor.cast %t : tensor<?x1x?x?xi32> to tensor<1x1x?x2xi32>
  %q = call @extract_crops_3(%tc) : (tensor<1x1x?x2xi32>) -> tensor<1x1x?x2xi32>
  %rows = tensor.dim %q, %c2 : tensor<1x1x?x2xi32>
  vector.print str "cropped rows: "
  vector.print %rows : index

  // A 2x2 VALID fold of 4x3 patches is a 5x4 image; the corner gets one
  // patch element, the middle four.
  // CHECK:     sizes = [1, 1, 5, 4]
  // CHECK-NEXT: {{\[\[\[\[}}1, 2, 2, 1],
  // CHECK-NEXT:    [2, 4, 4, 2],
  %y = call @patches(%c4, %c4, %c3) : (index, index, index) -> tensor<?x?x?x?xi32>
  %f = call @fold_2x2(%y, %c5, %c4) : (tensor<?x?x?x?xi32>, index, index) -> tensor<1x?x?x?xi32>
  %fu = tensor.cast %f : tensor<1x?x?x?xi32> to tensor<*xi32>
  call @printMemrefI32(%fu) : (tensor<*xi32>) -> ()
  return
}

// BATCH:      ERROR: Runtime op verification failed
// BATCH-NEXT: patches.extract
// BATCH-NEXT: ^ result dimension 0 has static size 2, but the input's runtime size gives another
// BATCH-NEXT: Location: loc({{.*}}runtime-verification.mlir
func.func @extract_wrong_batch() {
  %c3 = arith.constant 3 : index
  %x = call @image(%c3, %c3, %c3) : (index, index, index) -> tensor<?x1x?x?xi32>
  %p = call @extract_claims_2x2(%x) : (tensor<?x1x?x?xi32>) -> tensor<2x4x2x2xi32>
  return
}

// WIDTH:      ERROR: Runtime op verification failed
// WIDTH-NEXT: patches.extract
// WIDTH-NEXT: ^ result dimension 3 has static size 2, but the input's runtime size gives another
func.func @extract_wrong_width() {
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %x = call @image(%c2, %c3, %c4) : (index, index, index) -> tensor<?x1x?x?xi32>
  %p = call @extract_claims_2x2(%x) : (tensor<?x1x?x?xi32>) -> tensor<2x4x2x2xi32>
  return
}

// JAX rejects padding that crops more than the input (D + lo + hi < 0).
// CROP:      ERROR: Runtime op verification failed
// CROP-NEXT: patches.extract
// CROP-NEXT: ^ explicit padding [-2, -1] of spatial dimension 0 crops more than the whole dilated input
func.func @extract_cropped_away() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %t = call @image(%c1, %c2, %c2) : (index, index, index) -> tensor<?x1x?x?xi32>
  %tc = tensor.cast %t : tensor<?x1x?x?xi32> to tensor<1x1x?x2xi32>
  %q = call @extract_crops_3(%tc) : (tensor<1x1x?x2xi32>) -> tensor<1x1x?x2xi32>
  return
}

// A 5x5 image gives 4x4 positions, not the 4x3 of the patches.
// FOLD-SPATIAL:      ERROR: Runtime op verification failed
// FOLD-SPATIAL-NEXT: patches.fold
// FOLD-SPATIAL-NEXT: ^ patches dimension 3 (spatial dimension 1) differs from the extraction's for the result sizes
func.func @fold_wrong_spatial_size() {
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %y = call @patches(%c4, %c4, %c3) : (index, index, index) -> tensor<?x?x?x?xi32>
  %f = call @fold_2x2(%y, %c5, %c5) : (tensor<?x?x?x?xi32>, index, index) -> tensor<1x?x?x?xi32>
  return
}

// FOLD-NEGATIVE:      ERROR: Runtime op verification failed
// FOLD-NEGATIVE-NEXT: patches.fold
// FOLD-NEGATIVE-NEXT: ^ spatial_sizes operand 0 is negative
func.func @fold_negative_size() {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %cm1 = arith.constant -1 : index
  %y = call @patches(%c4, %c0, %c0) : (index, index, index) -> tensor<?x?x?x?xi32>
  %f = call @fold_2x2(%y, %cm1, %c4) : (tensor<?x?x?x?xi32>, index, index) -> tensor<1x?x?x?xi32>
  return
}

// Channels come from the patches (features / 4): 6 features are not whole.
// FOLD-FEATURES:      ERROR: Runtime op verification failed
// FOLD-FEATURES-NEXT: patches.fold
// FOLD-FEATURES-NEXT: ^ the patches' feature size is not a multiple of the window volume 4
func.func @fold_ragged_features() {
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  %y = call @patches(%c6, %c4, %c3) : (index, index, index) -> tensor<?x?x?x?xi32>
  %f = call @fold_2x2(%y, %c5, %c4) : (tensor<?x?x?x?xi32>, index, index) -> tensor<1x?x?x?xi32>
  return
}

func.func private @printMemrefI32(tensor<*xi32>)
