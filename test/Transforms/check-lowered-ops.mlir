// Several dialects and single ops may be allowed; without a pipeline name
// the error says what was expected.
// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --patches-check-lowered="dialects=llvm,omp ops=gpu.binary" | FileCheck %s

// CHECK-LABEL: gpu.binary @kernels
//       CHECK: llvm.func @host
module attributes {gpu.container_module} {
  gpu.binary @kernels [#gpu.object<#nvvm.target, "">]
  llvm.func @host() {
    omp.parallel {
      omp.terminator
    }
    llvm.return
  }
}

// -----

module attributes {gpu.container_module} {
  // expected-error @+1 {{'gpu.module' op was not lowered to the llvm, omp dialects (or gpu.binary)}}
  gpu.module @kernels {
  }
}
