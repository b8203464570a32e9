// The CPU pipeline generates code for a CPU (`cpu`, default the host) and
// derives the vectorized gather's width from it unless `vector-bits` says
// otherwise; the CPU (and, for the host, its features) is written on every
// llvm.func, so every code generator builds the same code. f32 elements
// are copied as f32 or moved as i32.
// RUN: patches-opt %s --patches-lower-to-llvm=cpu=znver4 | FileCheck %s --check-prefix=ZEN4
// RUN: patches-opt %s --patches-lower-to-llvm=cpu=sapphirerapids | FileCheck %s --check-prefix=SPR
// RUN: patches-opt %s --patches-lower-to-llvm=cpu=x86-64-v2 | FileCheck %s --check-prefix=SSE
// RUN: patches-opt %s "--patches-lower-to-llvm=cpu=sapphirerapids vector-bits=128" | FileCheck %s --check-prefix=SSE-WIDTH
// RUN: patches-opt %s --patches-lower-to-llvm | FileCheck %s --check-prefix=HOST
// REQUIRES: x86

// Zen 4 executes AVX-512 as two 256-bit halves: 256-bit rows.
// ZEN4-LABEL: llvm.func @rows
// ZEN4-SAME:    target_cpu = "znver4"
// ZEN4-NOT:     target_features
// ZEN4:         llvm.load {{.+}} -> vector<8x{{[if]}}32>
// ZEN4-NOT:     vector<16x

// Full-width AVX-512: 512-bit rows.
// SPR-LABEL: llvm.func @rows
// SPR-SAME:    target_cpu = "sapphirerapids"
// SPR:         llvm.load {{.+}} -> vector<16x{{[if]}}32>

// No AVX: 128-bit rows.
// SSE-LABEL: llvm.func @rows
// SSE-SAME:    target_cpu = "x86-64-v2"
// SSE:         llvm.load {{.+}} -> vector<4x{{[if]}}32>
// SSE-NOT:     vector<8x

// vector-bits overrides the CPU's choice; the CPU is still written.
// SSE-WIDTH-LABEL: llvm.func @rows
// SSE-WIDTH-SAME:    target_cpu = "sapphirerapids"
// SSE-WIDTH:         llvm.load {{.+}} -> vector<4x{{[if]}}32>

// The host: its name and features.
// HOST-LABEL: llvm.func @rows
// HOST-SAME:    target_cpu = "{{[a-z0-9_-]+}}"
// HOST-SAME:    target_features = #llvm.target_features<["{{[+-]}}
func.func @rows(%x: tensor<1x2x34x34xf32>) -> tensor<1x18x32x32xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
         padding = VALID : tensor<1x2x34x34xf32> -> tensor<1x18x32x32xf32>
  return %y : tensor<1x18x32x32xf32>
}

// The NHWC transpose has its own width: 256 bits on full-width AVX-512 too
// (its 16-lane two-source permutes cost more than the stores they feed),
// 256 on Zen 4 and AVX2, 128 without AVX.
// ZEN4-LABEL: llvm.func @transposed_rows
// ZEN4:         llvm.load {{.+}} -> vector<8x{{[if]}}32>
// ZEN4-NOT:     vector<16x
// SPR-LABEL:  llvm.func @transposed_rows
// SPR:          llvm.load {{.+}} -> vector<8x{{[if]}}32>
// SPR-NOT:      llvm.load {{.+}} -> vector<16x
// SSE-LABEL:  llvm.func @transposed_rows
// SSE:          llvm.load {{.+}} -> vector<4x{{[if]}}32>
// SSE-NOT:      llvm.load {{.+}} -> vector<8x
// SSE-WIDTH-LABEL: llvm.func @transposed_rows
// SSE-WIDTH:         llvm.load {{.+}} -> vector<4x{{[if]}}32>
func.func @transposed_rows(%x: tensor<1x10x10x32xf32>) -> tensor<1x8x8x288xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
         padding = VALID dimension_numbers = ("NHWC", "HWIO", "NHWC")
         : tensor<1x10x10x32xf32> -> tensor<1x8x8x288xf32>
  return %y : tensor<1x8x8x288xf32>
}
