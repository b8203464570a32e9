// The options of patches-lower-to-llvm are checked when the pipeline is
// parsed, not when it runs (vector-bits=7 was an op error with the module
// dumped): one error line, no IR, a non-zero exit.

// RUN: not patches-opt %s "--patches-lower-to-llvm=vector-bits=7" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BITS7 --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm=vector-bits=4096 vectorize=false" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BITS4096 --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm=num-threads=5000" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=THREADS --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm=nontemporal-bytes=-2" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NONTEMPORAL --implicit-check-not={{.}}
// RUN: not patches-opt %s "--convert-patches-to-vector=nontemporal-bytes=-2" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NONTEMPORAL --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm=strategy=im2col" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STRATEGY --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm=cpu=pentium9" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CPU --implicit-check-not={{.}}

// BITS7: {{^}}<unknown>:0: error: vector-bits must be between 8 and 2048, got 7 (or 0: the target CPU's choice)
// BITS4096: {{^}}<unknown>:0: error: vector-bits must be between 8 and 2048, got 4096 (or 0: the target CPU's choice)
// CPU: {{^}}<unknown>:0: error: cpu 'pentium9' is not a CPU that LLVM knows for {{.+}} (llc -mcpu=help lists them)
// THREADS: {{^}}<unknown>:0: error: num-threads must be between 0 and 4096, got 5000
// NONTEMPORAL: {{^}}<unknown>:0: error: nontemporal-bytes must be -1 (the last-level cache) or a size in bytes, got -2
// STRATEGY: {{^}}patches-opt: for the --strategy option: 'im2col' is not one of gather, conv

// The edges of the ranges are valid.
// RUN: patches-opt %s "--patches-lower-to-llvm=vector-bits=8" | FileCheck %s --check-prefix=VALID
// RUN: patches-opt %s "--patches-lower-to-llvm=vector-bits=2048 num-threads=0" | FileCheck %s --check-prefix=VALID
// RUN: patches-opt %s "--patches-lower-to-llvm=nontemporal-bytes=0" | FileCheck %s --check-prefix=VALID
// VALID: llvm.func @f

// In a textual pipeline (-p), upstream's parser adds where the pipeline
// was: still no IR.
// RUN: not patches-opt %s -p "builtin.module(patches-lower-to-llvm{vector-bits=7})" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TEXTUAL --implicit-check-not={{.}}
// TEXTUAL:      {{^}}<unknown>:0: error: vector-bits must be between 8 and 2048, got 7 (or 0: the target CPU's choice)
// TEXTUAL-NEXT: {{^}}failed to add `patches-lower-to-llvm` with options `vector-bits=7`
func.func @f(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
