// RUN: patches-opt %s -split-input-file --patches-set-target-cpu="cpu=znver4 features=+avx2,-avx512f" | FileCheck %s
// RUN: patches-opt %s -split-input-file --patches-set-target-cpu | FileCheck %s --check-prefix=HOST
// RUN: not patches-opt %s --patches-set-target-cpu=cpu=pentium9 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// REQUIRES: x86

// Definitions get the CPU and features; declarations and a function with a
// CPU of its own (a compiler's choice) are left as they are. The module
// gets the triple and the data layout: without a triple LLVM knows no C
// library, and its memsets became byte loops.
// CHECK-LABEL: module attributes
// CHECK-SAME:    llvm.data_layout = "e-m:e-
// CHECK-SAME:    llvm.target_triple = "x86_64-
// CHECK-LABEL: llvm.func @defined()
// CHECK-SAME:    target_cpu = "znver4"
// CHECK-SAME:    target_features = #llvm.target_features<["+avx2", "-avx512f"]>
// CHECK-LABEL: llvm.func @chosen()
// CHECK-SAME:    target_cpu = "skylake"
// CHECK-NOT:     znver4
// CHECK:         llvm.func @declared()
// CHECK-NOT:     target_cpu
// The default is the host, with its features.
// HOST-LABEL:    llvm.func @defined()
// HOST-SAME:       target_cpu = "{{[a-z0-9_-]+}}"
// HOST-SAME:       target_features = #llvm.target_features<["{{[+-]}}
// UNKNOWN: error: cpu 'pentium9' is not a CPU that LLVM knows for {{.+}} (llc -mcpu=help lists them)
llvm.func @defined() {
  llvm.return
}
llvm.func @chosen() attributes {target_cpu = "skylake"} {
  llvm.return
}
llvm.func @declared()

// -----

// The module's own triple and data layout stay; its llvm.target names the
// CPU of the functions that name none.
// CHECK-LABEL: module attributes
// CHECK-SAME:    llvm.data_layout = "e-i64:64"
// CHECK-SAME:    llvm.target_triple = "x86_64-unknown-linux-gnu"
// CHECK-LABEL: llvm.func @from_module()
// CHECK-SAME:    target_cpu = "sapphirerapids"
// CHECK-NOT:     target_features
// HOST-LABEL:  llvm.func @from_module()
// HOST-SAME:     target_cpu = "sapphirerapids"
module attributes {llvm.data_layout = "e-i64:64",
                   llvm.target = #llvm.target<triple = "x86_64-unknown-linux-gnu", chip = "sapphirerapids">,
                   llvm.target_triple = "x86_64-unknown-linux-gnu"} {
  llvm.func @from_module() {
    llvm.return
  }
}
