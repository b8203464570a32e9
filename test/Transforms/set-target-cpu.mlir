// RUN: patches-opt %s --patches-set-target-cpu="cpu=znver4 features=+avx2,-avx512f" | FileCheck %s
// RUN: patches-opt %s --patches-set-target-cpu | FileCheck %s --check-prefix=NONE

// Definitions get the CPU and features; declarations and a function with a
// CPU of its own (a compiler's choice) are left as they are.
// CHECK-LABEL: llvm.func @defined()
// CHECK-SAME:    target_cpu = "znver4"
// CHECK-SAME:    target_features = #llvm.target_features<["+avx2", "-avx512f"]>
// CHECK-LABEL: llvm.func @chosen()
// CHECK-SAME:    target_cpu = "skylake"
// CHECK-NOT:     znver4
// CHECK:         llvm.func @declared()
// CHECK-NOT:     target_cpu
// Without a CPU, nothing is set.
// NONE-LABEL:    llvm.func @defined()
// NONE-NOT:      target_cpu
// NONE:          llvm.func @chosen()
llvm.func @defined() {
  llvm.return
}
llvm.func @chosen() attributes {target_cpu = "skylake"} {
  llvm.return
}
llvm.func @declared()
