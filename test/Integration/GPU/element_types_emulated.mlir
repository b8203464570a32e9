// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Every element type through the GPU kernels, run on the host
// (patches-lower-to-llvm-emulating-gpu): bf16 and f16 (signalling NaNs,
// denormals, -0.0), the f8 types, f32, f64, i4 and i1, each as bits, in a
// 3x1 SAME extraction (rows of 8: vectors along rows) and a padded, dilated
// one whose 240 elements are vectors along the flat order. The printed bits
// are the CPU pipeline's, for the vector kernels (with and without the
// batch loop) and the one-element form; the PTX assembles for sm_90.
//
// RUN: patches-opt %s --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.cpu
// RUN: patches-opt %s --patches-lower-to-llvm-emulating-gpu \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.gpu
// RUN: diff %t.cpu %t.gpu
// RUN: patches-opt %s "--patches-lower-to-llvm-emulating-gpu=min-threads=0 block-size=7" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.loop
// RUN: diff %t.cpu %t.loop
// RUN: patches-opt %s "--patches-lower-to-llvm-emulating-gpu=vector-stores=false" \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.scalar
// RUN: diff %t.cpu %t.scalar
// RUN: FileCheck %s --input-file=%t.cpu
// RUN: FileCheck %s --input-file=%t.gpu --check-prefix=SNAN
// RUN: patches-opt %s --patches-lower-to-nvvm -o /dev/null --mlir-print-ir-after=patches-linalg-to-gpu-launch 2>&1 \
// RUN: | FileCheck %s --check-prefix=LANES
// RUN: %if ptxas %{ patches-opt %s --patches-lower-to-nvvm=format=isa \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py --ptxas %ptxas --arch sm_90 %}

// 18 results; the first (bf16) carries the signalling NaN 0x7F81 (32641)
// and the denormal 0x0001 through the kernel.
// CHECK-COUNT-18: rank = 4 offset = 0
// SNAN: sizes = [2, 3, 4, 8]
// SNAN: [32641, {{.*}}]
// SNAN: , 1],
// LANES-DAG: vector<8xbf16>
// LANES-DAG: vector<8xf16>
// LANES-DAG: vector<16xf8E4M3FN>
// LANES-DAG: vector<16xf8E5M2>
// LANES-DAG: vector<16xf8E4M3FNUZ>
// LANES-DAG: vector<4xf32>
// LANES-DAG: vector<2xf64>

func.func @rows_bf16(%bits: tensor<2x1x4x8xi16>) -> tensor<2x3x4x8xi16> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi16> to tensor<2x1x4x8xbf16>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xbf16> -> tensor<2x3x4x8xbf16>
  %z = arith.bitcast %y : tensor<2x3x4x8xbf16> to tensor<2x3x4x8xi16>
  return %z : tensor<2x3x4x8xi16>
}

func.func @flat_bf16(%bits: tensor<2x1x4x8xi16>) -> tensor<2x8x3x5xi16> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi16> to tensor<2x1x4x8xbf16>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xbf16> -> tensor<2x8x3x5xbf16>
  %z = arith.bitcast %y : tensor<2x8x3x5xbf16> to tensor<2x8x3x5xi16>
  return %z : tensor<2x8x3x5xi16>
}

func.func @rows_f16(%bits: tensor<2x1x4x8xi16>) -> tensor<2x3x4x8xi16> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi16> to tensor<2x1x4x8xf16>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xf16> -> tensor<2x3x4x8xf16>
  %z = arith.bitcast %y : tensor<2x3x4x8xf16> to tensor<2x3x4x8xi16>
  return %z : tensor<2x3x4x8xi16>
}

func.func @flat_f16(%bits: tensor<2x1x4x8xi16>) -> tensor<2x8x3x5xi16> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi16> to tensor<2x1x4x8xf16>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xf16> -> tensor<2x8x3x5xf16>
  %z = arith.bitcast %y : tensor<2x8x3x5xf16> to tensor<2x8x3x5xi16>
  return %z : tensor<2x8x3x5xi16>
}

func.func @rows_f8E4M3FN(%bits: tensor<2x1x4x8xi8>) -> tensor<2x3x4x8xi8> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi8> to tensor<2x1x4x8xf8E4M3FN>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xf8E4M3FN> -> tensor<2x3x4x8xf8E4M3FN>
  %z = arith.bitcast %y : tensor<2x3x4x8xf8E4M3FN> to tensor<2x3x4x8xi8>
  return %z : tensor<2x3x4x8xi8>
}

func.func @flat_f8E4M3FN(%bits: tensor<2x1x4x8xi8>) -> tensor<2x8x3x5xi8> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi8> to tensor<2x1x4x8xf8E4M3FN>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xf8E4M3FN> -> tensor<2x8x3x5xf8E4M3FN>
  %z = arith.bitcast %y : tensor<2x8x3x5xf8E4M3FN> to tensor<2x8x3x5xi8>
  return %z : tensor<2x8x3x5xi8>
}

func.func @rows_f8E5M2(%bits: tensor<2x1x4x8xi8>) -> tensor<2x3x4x8xi8> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi8> to tensor<2x1x4x8xf8E5M2>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xf8E5M2> -> tensor<2x3x4x8xf8E5M2>
  %z = arith.bitcast %y : tensor<2x3x4x8xf8E5M2> to tensor<2x3x4x8xi8>
  return %z : tensor<2x3x4x8xi8>
}

func.func @flat_f8E5M2(%bits: tensor<2x1x4x8xi8>) -> tensor<2x8x3x5xi8> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi8> to tensor<2x1x4x8xf8E5M2>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xf8E5M2> -> tensor<2x8x3x5xf8E5M2>
  %z = arith.bitcast %y : tensor<2x8x3x5xf8E5M2> to tensor<2x8x3x5xi8>
  return %z : tensor<2x8x3x5xi8>
}

func.func @rows_f8E4M3FNUZ(%bits: tensor<2x1x4x8xi8>) -> tensor<2x3x4x8xi8> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi8> to tensor<2x1x4x8xf8E4M3FNUZ>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xf8E4M3FNUZ> -> tensor<2x3x4x8xf8E4M3FNUZ>
  %z = arith.bitcast %y : tensor<2x3x4x8xf8E4M3FNUZ> to tensor<2x3x4x8xi8>
  return %z : tensor<2x3x4x8xi8>
}

func.func @flat_f8E4M3FNUZ(%bits: tensor<2x1x4x8xi8>) -> tensor<2x8x3x5xi8> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi8> to tensor<2x1x4x8xf8E4M3FNUZ>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xf8E4M3FNUZ> -> tensor<2x8x3x5xf8E4M3FNUZ>
  %z = arith.bitcast %y : tensor<2x8x3x5xf8E4M3FNUZ> to tensor<2x8x3x5xi8>
  return %z : tensor<2x8x3x5xi8>
}

func.func @rows_f64(%bits: tensor<2x1x4x8xi64>) -> tensor<2x3x4x8xi64> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi64> to tensor<2x1x4x8xf64>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xf64> -> tensor<2x3x4x8xf64>
  %z = arith.bitcast %y : tensor<2x3x4x8xf64> to tensor<2x3x4x8xi64>
  return %z : tensor<2x3x4x8xi64>
}

func.func @flat_f64(%bits: tensor<2x1x4x8xi64>) -> tensor<2x8x3x5xi64> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi64> to tensor<2x1x4x8xf64>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xf64> -> tensor<2x8x3x5xf64>
  %z = arith.bitcast %y : tensor<2x8x3x5xf64> to tensor<2x8x3x5xi64>
  return %z : tensor<2x8x3x5xi64>
}

func.func @rows_f32(%bits: tensor<2x1x4x8xi32>) -> tensor<2x3x4x8xi32> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi32> to tensor<2x1x4x8xf32>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xf32> -> tensor<2x3x4x8xf32>
  %z = arith.bitcast %y : tensor<2x3x4x8xf32> to tensor<2x3x4x8xi32>
  return %z : tensor<2x3x4x8xi32>
}

func.func @flat_f32(%bits: tensor<2x1x4x8xi32>) -> tensor<2x8x3x5xi32> {
  %x = arith.bitcast %bits : tensor<2x1x4x8xi32> to tensor<2x1x4x8xf32>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xf32> -> tensor<2x8x3x5xf32>
  %z = arith.bitcast %y : tensor<2x8x3x5xf32> to tensor<2x8x3x5xi32>
  return %z : tensor<2x8x3x5xi32>
}

func.func @rows_i4(%bits: tensor<2x1x4x8xi4>) -> tensor<2x3x4x8xi4> {
  %x = tensor.cast %bits : tensor<2x1x4x8xi4> to tensor<2x1x4x8xi4>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xi4> -> tensor<2x3x4x8xi4>
  return %y : tensor<2x3x4x8xi4>
}

func.func @flat_i4(%bits: tensor<2x1x4x8xi4>) -> tensor<2x8x3x5xi4> {
  %x = tensor.cast %bits : tensor<2x1x4x8xi4> to tensor<2x1x4x8xi4>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xi4> -> tensor<2x8x3x5xi4>
  return %y : tensor<2x8x3x5xi4>
}

func.func @rows_i1(%bits: tensor<2x1x4x8xi1>) -> tensor<2x3x4x8xi1> {
  %x = tensor.cast %bits : tensor<2x1x4x8xi1> to tensor<2x1x4x8xi1>
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x1x4x8xi1> -> tensor<2x3x4x8xi1>
  return %y : tensor<2x3x4x8xi1>
}

func.func @flat_i1(%bits: tensor<2x1x4x8xi1>) -> tensor<2x8x3x5xi1> {
  %x = tensor.cast %bits : tensor<2x1x4x8xi1> to tensor<2x1x4x8xi1>
  %y = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = [[0, 0], [1, 2]] rhs_dilation = [1, 2]
      : tensor<2x1x4x8xi1> -> tensor<2x8x3x5xi1>
  return %y : tensor<2x8x3x5xi1>
}

func.func @main() {
  %in_rows_bf16 = arith.constant dense<[[[[32641, -24714, 16740, -128, -16923, 23496, 16256, -13423], [-20287, -32768, -3772, -10387, -32641, -17047, -22805, 1], [-5091, -30800, 32704, 1900, -10463, 32641, 30515, -14683], [-128, -3713, 16321, 16256, -23005, 3398, -32768, -6495]]], [[[10279, -32641, 7419, 24365, 1, 30740, -8622, 32704], [16159, 24953, 32641, -29901, 6682, -128, -27923, 16340], [16256, 859, -17618, -32768, 14203, 26748, -32641, 18316], [11932, 1, -5483, -8687, 32704, -15354, 25522, 32641]]]]> : tensor<2x1x4x8xi16>
  %out_rows_bf16 = call @rows_bf16(%in_rows_bf16) : (tensor<2x1x4x8xi16>) -> tensor<2x3x4x8xi16>
  %w_rows_bf16 = arith.extsi %out_rows_bf16 : tensor<2x3x4x8xi16> to tensor<2x3x4x8xi64>
  %u_rows_bf16 = tensor.cast %w_rows_bf16 : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_bf16) : (tensor<*xi64>) -> ()
  %in_flat_bf16 = arith.constant dense<[[[[32641, -24714, 16740, -128, -16923, 23496, 16256, -13423], [-20287, -32768, -3772, -10387, -32641, -17047, -22805, 1], [-5091, -30800, 32704, 1900, -10463, 32641, 30515, -14683], [-128, -3713, 16321, 16256, -23005, 3398, -32768, -6495]]], [[[10279, -32641, 7419, 24365, 1, 30740, -8622, 32704], [16159, 24953, 32641, -29901, 6682, -128, -27923, 16340], [16256, 859, -17618, -32768, 14203, 26748, -32641, 18316], [11932, 1, -5483, -8687, 32704, -15354, 25522, 32641]]]]> : tensor<2x1x4x8xi16>
  %out_flat_bf16 = call @flat_bf16(%in_flat_bf16) : (tensor<2x1x4x8xi16>) -> tensor<2x8x3x5xi16>
  %w_flat_bf16 = arith.extsi %out_flat_bf16 : tensor<2x8x3x5xi16> to tensor<2x8x3x5xi64>
  %u_flat_bf16 = tensor.cast %w_flat_bf16 : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_bf16) : (tensor<*xi64>) -> ()
  %in_rows_f16 = arith.constant dense<[[[[31745, 10459, -15603, -1024, -13295, 4714, 31745, 9094], [-25040, -1024, -25071, 29152, 31745, 8303, 8666, -1024], [116, -1813, 31745, -8428, 348, -1024, 13726, -14838], [31745, 14121, -2614, -1024, -1153, 10869, 31745, -8362]]], [[[10910, -1024, 18959, 20555, 31745, -2525, 13034, -1024], [-30198, -8119, 31745, -21114, -24529, -1024, 13420, 11905], [31745, -3869, -2061, -1024, -20275, 12902, 31745, -2192], [-2288, -1024, -6964, 25114, 31745, 19581, 1413, -1024]]]]> : tensor<2x1x4x8xi16>
  %out_rows_f16 = call @rows_f16(%in_rows_f16) : (tensor<2x1x4x8xi16>) -> tensor<2x3x4x8xi16>
  %w_rows_f16 = arith.extsi %out_rows_f16 : tensor<2x3x4x8xi16> to tensor<2x3x4x8xi64>
  %u_rows_f16 = tensor.cast %w_rows_f16 : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_f16) : (tensor<*xi64>) -> ()
  %in_flat_f16 = arith.constant dense<[[[[31745, 10459, -15603, -1024, -13295, 4714, 31745, 9094], [-25040, -1024, -25071, 29152, 31745, 8303, 8666, -1024], [116, -1813, 31745, -8428, 348, -1024, 13726, -14838], [31745, 14121, -2614, -1024, -1153, 10869, 31745, -8362]]], [[[10910, -1024, 18959, 20555, 31745, -2525, 13034, -1024], [-30198, -8119, 31745, -21114, -24529, -1024, 13420, 11905], [31745, -3869, -2061, -1024, -20275, 12902, 31745, -2192], [-2288, -1024, -6964, 25114, 31745, 19581, 1413, -1024]]]]> : tensor<2x1x4x8xi16>
  %out_flat_f16 = call @flat_f16(%in_flat_f16) : (tensor<2x1x4x8xi16>) -> tensor<2x8x3x5xi16>
  %w_flat_f16 = arith.extsi %out_flat_f16 : tensor<2x8x3x5xi16> to tensor<2x8x3x5xi64>
  %u_flat_f16 = tensor.cast %w_flat_f16 : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_f16) : (tensor<*xi64>) -> ()
  %in_rows_f8E4M3FN = arith.constant dense<[[[[127, 92, 106, -1, 42, -17, 1, 37], [67, 126, 16, 84, -128, 77, -47, 127], [-102, -106, -1, 0, -104, 1, -83, -75], [126, 86, 16, -128, 79, 90, 127, -47]]], [[[78, -1, 123, -78, 1, 80, 47, 126], [123, 120, -128, -76, 45, 127, 14, 65], [-1, -7, -16, 1, 5, -13, 126, -65], [91, -128, -40, 103, 127, 4, -116, -1]]]]> : tensor<2x1x4x8xi8>
  %out_rows_f8E4M3FN = call @rows_f8E4M3FN(%in_rows_f8E4M3FN) : (tensor<2x1x4x8xi8>) -> tensor<2x3x4x8xi8>
  %w_rows_f8E4M3FN = arith.extsi %out_rows_f8E4M3FN : tensor<2x3x4x8xi8> to tensor<2x3x4x8xi64>
  %u_rows_f8E4M3FN = tensor.cast %w_rows_f8E4M3FN : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_f8E4M3FN) : (tensor<*xi64>) -> ()
  %in_flat_f8E4M3FN = arith.constant dense<[[[[127, 92, 106, -1, 42, -17, 1, 37], [67, 126, 16, 84, -128, 77, -47, 127], [-102, -106, -1, 0, -104, 1, -83, -75], [126, 86, 16, -128, 79, 90, 127, -47]]], [[[78, -1, 123, -78, 1, 80, 47, 126], [123, 120, -128, -76, 45, 127, 14, 65], [-1, -7, -16, 1, 5, -13, 126, -65], [91, -128, -40, 103, 127, 4, -116, -1]]]]> : tensor<2x1x4x8xi8>
  %out_flat_f8E4M3FN = call @flat_f8E4M3FN(%in_flat_f8E4M3FN) : (tensor<2x1x4x8xi8>) -> tensor<2x8x3x5xi8>
  %w_flat_f8E4M3FN = arith.extsi %out_flat_f8E4M3FN : tensor<2x8x3x5xi8> to tensor<2x8x3x5xi64>
  %u_flat_f8E4M3FN = tensor.cast %w_flat_f8E4M3FN : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_f8E4M3FN) : (tensor<*xi64>) -> ()
  %in_rows_f8E5M2 = arith.constant dense<[[[[125, -55, 107, -4, 93, 96, 1, -108], [-41, 127, 2, 115, -128, 11, -75, 125], [46, -97, -4, -12, -12, 1, 50, 30], [127, -63, 62, -128, -19, -47, 125, -15]]], [[[118, -4, 88, -125, 1, 90, -28, 127], [-122, 64, -128, -58, 118, 125, 27, -106], [-4, -65, -57, 1, -52, 94, 127, -36], [75, -128, 9, 110, 125, -14, -6, -4]]]]> : tensor<2x1x4x8xi8>
  %out_rows_f8E5M2 = call @rows_f8E5M2(%in_rows_f8E5M2) : (tensor<2x1x4x8xi8>) -> tensor<2x3x4x8xi8>
  %w_rows_f8E5M2 = arith.extsi %out_rows_f8E5M2 : tensor<2x3x4x8xi8> to tensor<2x3x4x8xi64>
  %u_rows_f8E5M2 = tensor.cast %w_rows_f8E5M2 : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_f8E5M2) : (tensor<*xi64>) -> ()
  %in_flat_f8E5M2 = arith.constant dense<[[[[125, -55, 107, -4, 93, 96, 1, -108], [-41, 127, 2, 115, -128, 11, -75, 125], [46, -97, -4, -12, -12, 1, 50, 30], [127, -63, 62, -128, -19, -47, 125, -15]]], [[[118, -4, 88, -125, 1, 90, -28, 127], [-122, 64, -128, -58, 118, 125, 27, -106], [-4, -65, -57, 1, -52, 94, 127, -36], [75, -128, 9, 110, 125, -14, -6, -4]]]]> : tensor<2x1x4x8xi8>
  %out_flat_f8E5M2 = call @flat_f8E5M2(%in_flat_f8E5M2) : (tensor<2x1x4x8xi8>) -> tensor<2x8x3x5xi8>
  %w_flat_f8E5M2 = arith.extsi %out_flat_f8E5M2 : tensor<2x8x3x5xi8> to tensor<2x8x3x5xi64>
  %u_flat_f8E5M2 = tensor.cast %w_flat_f8E5M2 : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_f8E5M2) : (tensor<*xi64>) -> ()
  %in_rows_f8E4M3FNUZ = arith.constant dense<[[[[-128, 23, 53, -128, 87, -125, -128, -100], [92, -128, -21, 37, -128, 87, 70, -128], [-20, -77, -128, -117, 23, -128, 79, -81], [-128, 81, 78, -128, 45, -52, -128, 20]]], [[[-96, -128, 38, -72, -128, -80, 79, -128], [-1, 123, -128, 41, -72, -128, 12, 20], [-128, -4, -103, -128, -120, -20, -128, 103], [8, -128, 60, -67, -128, -104, 88, -128]]]]> : tensor<2x1x4x8xi8>
  %out_rows_f8E4M3FNUZ = call @rows_f8E4M3FNUZ(%in_rows_f8E4M3FNUZ) : (tensor<2x1x4x8xi8>) -> tensor<2x3x4x8xi8>
  %w_rows_f8E4M3FNUZ = arith.extsi %out_rows_f8E4M3FNUZ : tensor<2x3x4x8xi8> to tensor<2x3x4x8xi64>
  %u_rows_f8E4M3FNUZ = tensor.cast %w_rows_f8E4M3FNUZ : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_f8E4M3FNUZ) : (tensor<*xi64>) -> ()
  %in_flat_f8E4M3FNUZ = arith.constant dense<[[[[-128, 23, 53, -128, 87, -125, -128, -100], [92, -128, -21, 37, -128, 87, 70, -128], [-20, -77, -128, -117, 23, -128, 79, -81], [-128, 81, 78, -128, 45, -52, -128, 20]]], [[[-96, -128, 38, -72, -128, -80, 79, -128], [-1, 123, -128, 41, -72, -128, 12, 20], [-128, -4, -103, -128, -120, -20, -128, 103], [8, -128, 60, -67, -128, -104, 88, -128]]]]> : tensor<2x1x4x8xi8>
  %out_flat_f8E4M3FNUZ = call @flat_f8E4M3FNUZ(%in_flat_f8E4M3FNUZ) : (tensor<2x1x4x8xi8>) -> tensor<2x8x3x5xi8>
  %w_flat_f8E4M3FNUZ = arith.extsi %out_flat_f8E4M3FNUZ : tensor<2x8x3x5xi8> to tensor<2x8x3x5xi64>
  %u_flat_f8E4M3FNUZ = tensor.cast %w_flat_f8E4M3FNUZ : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_f8E4M3FNUZ) : (tensor<*xi64>) -> ()
  %in_rows_f64 = arith.constant dense<[[[[9218868437227405313, 4615538766554602064, -6438532724983171130, 9218868437227405313, 2686381356878416148, -386447911375678404, 9218868437227405313, -6671737670378224310], [-3658645454047909128, 9218868437227405313, 6164630587146123568, 3819580837308091710, 9218868437227405313, -344945246935898206, -8041902195021554671, 9218868437227405313], [2449303141546852286, -1909311430803203831, 9218868437227405313, 7633676267417173602, 3114195261103809730, 9218868437227405313, 6880591864085283392, 1084126514396852591], [9218868437227405313, 7759545854842665754, 2604724742316940349, 9218868437227405313, -1438784372579633714, -7002347497799409911, 9218868437227405313, 3122847621952912189]]], [[[-8813958501419474469, 9218868437227405313, -735446850376879539, -5739906571312825098, 9218868437227405313, 5860572209549989719, 5055063264046778028, 9218868437227405313], [8671460730454701382, -1810354728146649541, 9218868437227405313, 2076371982483550457, -3282505891961430286, 9218868437227405313, -8637653680163194378, 3309276403089178222], [9218868437227405313, -1159479311384656219, -2438679147169212264, 9218868437227405313, 3322633130235824961, 9073252845659207084, 9218868437227405313, -8943371332268712462], [-8336073940951472850, 9218868437227405313, -9171269278055460923, 1164151724651307096, 9218868437227405313, -3778782631043742067, 6561484832065435810, 9218868437227405313]]]]> : tensor<2x1x4x8xi64>
  %out_rows_f64 = call @rows_f64(%in_rows_f64) : (tensor<2x1x4x8xi64>) -> tensor<2x3x4x8xi64>
  %w_rows_f64 = tensor.cast %out_rows_f64 : tensor<2x3x4x8xi64> to tensor<2x3x4x8xi64>
  %u_rows_f64 = tensor.cast %w_rows_f64 : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_f64) : (tensor<*xi64>) -> ()
  %in_flat_f64 = arith.constant dense<[[[[9218868437227405313, 4615538766554602064, -6438532724983171130, 9218868437227405313, 2686381356878416148, -386447911375678404, 9218868437227405313, -6671737670378224310], [-3658645454047909128, 9218868437227405313, 6164630587146123568, 3819580837308091710, 9218868437227405313, -344945246935898206, -8041902195021554671, 9218868437227405313], [2449303141546852286, -1909311430803203831, 9218868437227405313, 7633676267417173602, 3114195261103809730, 9218868437227405313, 6880591864085283392, 1084126514396852591], [9218868437227405313, 7759545854842665754, 2604724742316940349, 9218868437227405313, -1438784372579633714, -7002347497799409911, 9218868437227405313, 3122847621952912189]]], [[[-8813958501419474469, 9218868437227405313, -735446850376879539, -5739906571312825098, 9218868437227405313, 5860572209549989719, 5055063264046778028, 9218868437227405313], [8671460730454701382, -1810354728146649541, 9218868437227405313, 2076371982483550457, -3282505891961430286, 9218868437227405313, -8637653680163194378, 3309276403089178222], [9218868437227405313, -1159479311384656219, -2438679147169212264, 9218868437227405313, 3322633130235824961, 9073252845659207084, 9218868437227405313, -8943371332268712462], [-8336073940951472850, 9218868437227405313, -9171269278055460923, 1164151724651307096, 9218868437227405313, -3778782631043742067, 6561484832065435810, 9218868437227405313]]]]> : tensor<2x1x4x8xi64>
  %out_flat_f64 = call @flat_f64(%in_flat_f64) : (tensor<2x1x4x8xi64>) -> tensor<2x8x3x5xi64>
  %w_flat_f64 = tensor.cast %out_flat_f64 : tensor<2x8x3x5xi64> to tensor<2x8x3x5xi64>
  %u_flat_f64 = tensor.cast %w_flat_f64 : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_f64) : (tensor<*xi64>) -> ()
  %in_rows_f32 = arith.constant dense<[[[[2139095041, -1311696969, -1771741405, 2139095041, -1443029783, 147396973, 2139095041, -1032343758], [1312967570, 2139095041, 1560927529, -1892730551, 2139095041, -1269293513, -1424608250, 2139095041], [1206250381, -707671088, 2139095041, 2086002145, 1137558358, 2139095041, -988927079, -81790694], [2139095041, -1327647605, -1219833861, 2139095041, 1262084918, -185175684, 2139095041, -233871475]]], [[[1460604094, 2139095041, -1504560747, 767293282, 2139095041, -1801048052, -636419670, 2139095041], [49738557, 2037119488, 2139095041, -1945659301, -971878000, 2139095041, 1076715195, 1399751019], [2139095041, -1410282903, 1175468587, 2139095041, 1988307810, 1240500436, 2139095041, -787354825], [-2145984179, 2139095041, -1514246805, -1401713524, 2139095041, -869189928, 1531459214, 2139095041]]]]> : tensor<2x1x4x8xi32>
  %out_rows_f32 = call @rows_f32(%in_rows_f32) : (tensor<2x1x4x8xi32>) -> tensor<2x3x4x8xi32>
  %w_rows_f32 = arith.extsi %out_rows_f32 : tensor<2x3x4x8xi32> to tensor<2x3x4x8xi64>
  %u_rows_f32 = tensor.cast %w_rows_f32 : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_f32) : (tensor<*xi64>) -> ()
  %in_flat_f32 = arith.constant dense<[[[[2139095041, -1311696969, -1771741405, 2139095041, -1443029783, 147396973, 2139095041, -1032343758], [1312967570, 2139095041, 1560927529, -1892730551, 2139095041, -1269293513, -1424608250, 2139095041], [1206250381, -707671088, 2139095041, 2086002145, 1137558358, 2139095041, -988927079, -81790694], [2139095041, -1327647605, -1219833861, 2139095041, 1262084918, -185175684, 2139095041, -233871475]]], [[[1460604094, 2139095041, -1504560747, 767293282, 2139095041, -1801048052, -636419670, 2139095041], [49738557, 2037119488, 2139095041, -1945659301, -971878000, 2139095041, 1076715195, 1399751019], [2139095041, -1410282903, 1175468587, 2139095041, 1988307810, 1240500436, 2139095041, -787354825], [-2145984179, 2139095041, -1514246805, -1401713524, 2139095041, -869189928, 1531459214, 2139095041]]]]> : tensor<2x1x4x8xi32>
  %out_flat_f32 = call @flat_f32(%in_flat_f32) : (tensor<2x1x4x8xi32>) -> tensor<2x8x3x5xi32>
  %w_flat_f32 = arith.extsi %out_flat_f32 : tensor<2x8x3x5xi32> to tensor<2x8x3x5xi64>
  %u_flat_f32 = tensor.cast %w_flat_f32 : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_f32) : (tensor<*xi64>) -> ()
  %in_rows_i4 = arith.constant dense<[[[[7, 5, 4, 7, -6, 5, 7, -5], [-1, 7, -3, 6, 7, 5, -2, 7], [-3, 2, 7, -3, -3, 7, -5, 7], [7, -1, 5, 7, -1, 5, 7, -8]]], [[[2, 7, -8, -1, 7, 2, 3, 7], [-3, 5, 7, -2, -3, 7, 7, 4], [7, -5, 1, 7, -5, -6, 7, -5], [6, 7, 2, -7, 7, -4, -2, 7]]]]> : tensor<2x1x4x8xi4>
  %out_rows_i4 = call @rows_i4(%in_rows_i4) : (tensor<2x1x4x8xi4>) -> tensor<2x3x4x8xi4>
  %w_rows_i4 = arith.extui %out_rows_i4 : tensor<2x3x4x8xi4> to tensor<2x3x4x8xi64>
  %u_rows_i4 = tensor.cast %w_rows_i4 : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_i4) : (tensor<*xi64>) -> ()
  %in_flat_i4 = arith.constant dense<[[[[7, 5, 4, 7, -6, 5, 7, -5], [-1, 7, -3, 6, 7, 5, -2, 7], [-3, 2, 7, -3, -3, 7, -5, 7], [7, -1, 5, 7, -1, 5, 7, -8]]], [[[2, 7, -8, -1, 7, 2, 3, 7], [-3, 5, 7, -2, -3, 7, 7, 4], [7, -5, 1, 7, -5, -6, 7, -5], [6, 7, 2, -7, 7, -4, -2, 7]]]]> : tensor<2x1x4x8xi4>
  %out_flat_i4 = call @flat_i4(%in_flat_i4) : (tensor<2x1x4x8xi4>) -> tensor<2x8x3x5xi4>
  %w_flat_i4 = arith.extui %out_flat_i4 : tensor<2x8x3x5xi4> to tensor<2x8x3x5xi64>
  %u_flat_i4 = tensor.cast %w_flat_i4 : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_i4) : (tensor<*xi64>) -> ()
  %in_rows_i1 = arith.constant dense<[[[[1, 1, 1, 0, 1, 1, 1, 0], [0, 0, 1, 1, 1, 1, 1, 0], [1, 0, 1, 1, 1, 0, 0, 0], [1, 0, 1, 0, 0, 1, 1, 1]]], [[[0, 0, 0, 1, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0, 0, 1], [1, 0, 0, 0, 0, 1, 1, 0], [0, 0, 0, 1, 1, 0, 0, 0]]]]> : tensor<2x1x4x8xi1>
  %out_rows_i1 = call @rows_i1(%in_rows_i1) : (tensor<2x1x4x8xi1>) -> tensor<2x3x4x8xi1>
  %w_rows_i1 = arith.extui %out_rows_i1 : tensor<2x3x4x8xi1> to tensor<2x3x4x8xi64>
  %u_rows_i1 = tensor.cast %w_rows_i1 : tensor<2x3x4x8xi64> to tensor<*xi64>
  call @printMemrefI64(%u_rows_i1) : (tensor<*xi64>) -> ()
  %in_flat_i1 = arith.constant dense<[[[[1, 1, 1, 0, 1, 1, 1, 0], [0, 0, 1, 1, 1, 1, 1, 0], [1, 0, 1, 1, 1, 0, 0, 0], [1, 0, 1, 0, 0, 1, 1, 1]]], [[[0, 0, 0, 1, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0, 0, 1], [1, 0, 0, 0, 0, 1, 1, 0], [0, 0, 0, 1, 1, 0, 0, 0]]]]> : tensor<2x1x4x8xi1>
  %out_flat_i1 = call @flat_i1(%in_flat_i1) : (tensor<2x1x4x8xi1>) -> tensor<2x8x3x5xi1>
  %w_flat_i1 = arith.extui %out_flat_i1 : tensor<2x8x3x5xi1> to tensor<2x8x3x5xi64>
  %u_flat_i1 = tensor.cast %w_flat_i1 : tensor<2x8x3x5xi64> to tensor<*xi64>
  call @printMemrefI64(%u_flat_i1) : (tensor<*xi64>) -> ()
  return
}
func.func private @printMemrefI64(tensor<*xi64>)
