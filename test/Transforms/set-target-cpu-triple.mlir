// RUN: patches-opt %s --patches-set-target-cpu | FileCheck %s
// RUN: not patches-opt %s --patches-set-target-cpu=cpu=znver4 2>&1 | FileCheck %s --check-prefix=FOREIGN
// REQUIRES: x86

// A module for another architecture gets that architecture's data layout,
// and the host is no CPU of it: its functions are built for the generic one.
// CHECK-LABEL: module attributes
// CHECK-SAME:    llvm.data_layout = "e-m:e-{{.*}}-Fn32"
// CHECK-SAME:    llvm.target_triple = "aarch64-unknown-linux-gnu"
// CHECK-LABEL: llvm.func @arm()
// CHECK-SAME:    target_cpu = "generic"
// CHECK-NOT:     target_features
// An x86 CPU for it is an error at the module that names the triple.
// FOREIGN: set-target-cpu-triple.mlir:[[# @LINE + 1]]:1: error: cpu 'znver4' is not a CPU that LLVM knows for aarch64-unknown-linux-gnu
module attributes {llvm.target_triple = "aarch64-unknown-linux-gnu"} {
  llvm.func @arm() {
    llvm.return
  }
}
