// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --patches-check-lowered="dialects=llvm pipeline=my-pipeline" | FileCheck %s

// Only modules and ops of the allowed dialects: the module is unchanged.
// CHECK-LABEL: llvm.func @lowered
//       CHECK:   llvm.return
module {
  llvm.func @lowered() {
    llvm.return
  }
}

// -----

// The first op left, in pre-order: the function before the ops inside it.
module {
  // expected-error @+1 {{'func.func' op was not lowered by my-pipeline to the llvm dialect}}
  func.func @f(%x: f32) -> f32 {
    %y = math.erf %x : f32
    return %y : f32
  }
}

// -----

llvm.func @g(%x: f32) -> f32 {
  // expected-error @+1 {{'math.erf' op was not lowered by my-pipeline to the llvm dialect}}
  %y = math.erf %x : f32
  llvm.return %y : f32
}

// -----

// A cast that a conversion left unresolved is not lowered either.
llvm.func @cast(%x: i64) -> i64 {
  // expected-error @+1 {{'builtin.unrealized_conversion_cast' op was not lowered by my-pipeline to the llvm dialect}}
  %y = builtin.unrealized_conversion_cast %x : i64 to index
  %z = builtin.unrealized_conversion_cast %y : index to i64
  llvm.return %z : i64
}
