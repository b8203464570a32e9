// Results beyond nontemporal-bytes reach the LLVM dialect with streaming
// stores behind an alignment test, and an sfence before the return; results
// within it have neither.
// RUN: patches-opt %s "--patches-lower-to-llvm=cpu=znver4 nontemporal-bytes=0" | FileCheck %s --check-prefix=STREAM
// RUN: patches-opt %s "--patches-lower-to-llvm=cpu=znver4" | FileCheck %s --check-prefix=DEFAULT

// STREAM-LABEL: llvm.func @row
// STREAM:         llvm.urem
// STREAM:         llvm.store %{{.+}}, %{{.+}} {alignment = 32 : i64, nontemporal} : vector<8xf32>, !llvm.ptr
// STREAM:         llvm.call_intrinsic "llvm.x86.sse.sfence"() : () -> ()
// STREAM-NEXT:    llvm.return

// DEFAULT-LABEL: llvm.func @row
// DEFAULT-NOT:     nontemporal
// DEFAULT-NOT:     sfence
module attributes {llvm.target_triple = "x86_64-unknown-linux-gnu"} {
  func.func @row(%x: tensor<1x1x300xf32>) -> tensor<1x3x300xf32> {
    %y = patches.extract %x filter_shape = [3] window_strides = [1] padding = SAME
           : tensor<1x1x300xf32> -> tensor<1x3x300xf32>
    return %y : tensor<1x3x300xf32>
  }
}
