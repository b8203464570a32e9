// A named pipeline runs on a builtin.module. Nested under another op it
// is an error when the pipeline is parsed (the pass manager aborted with
// `LLVM ERROR: Can't add pass ... restricted to 'builtin.module'`).

// RUN: not patches-opt %s -p "builtin.module(func.func(patches-lower-to-llvm))" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LLVM --implicit-check-not={{.}}
// RUN: not patches-opt %s -p "builtin.module(func.func(patches-lower-to-nvvm))" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NVVM --implicit-check-not={{.}}
// RUN: not patches-opt %s -p "builtin.module(func.func(patches-lower-to-llvm-emulating-gpu))" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=EMULATED --implicit-check-not={{.}}

// LLVM:      {{^}}<unknown>:0: error: patches-lower-to-llvm must run on a builtin.module, not on 'func.func'
// LLVM-NEXT: {{^}}failed to add `patches-lower-to-llvm` with options ``
// LLVM-NEXT: {{^}}failed to add `func.func` with options `` to inner pipeline
// NVVM:      {{^}}<unknown>:0: error: patches-lower-to-nvvm must run on a builtin.module, not on 'func.func'
// NVVM-NEXT: {{^}}failed to add `patches-lower-to-nvvm` with options ``
// NVVM-NEXT: {{^}}failed to add `func.func` with options `` to inner pipeline
// EMULATED:      {{^}}<unknown>:0: error: patches-lower-to-llvm-emulating-gpu must run on a builtin.module, not on 'func.func'
// EMULATED-NEXT: {{^}}failed to add `patches-lower-to-llvm-emulating-gpu` with options ``
// EMULATED-NEXT: {{^}}failed to add `func.func` with options `` to inner pipeline

// On the module itself, explicitly or through an op-agnostic pass manager
// (as a PassManager(&context) of an embedding compiler is), it runs.
// RUN: patches-opt %s -p "builtin.module(patches-lower-to-llvm)" | FileCheck %s --check-prefix=MODULE
// RUN: patches-opt %s -p "any(patches-lower-to-llvm)" | FileCheck %s --check-prefix=MODULE
// MODULE: llvm.func @f
func.func @f(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
