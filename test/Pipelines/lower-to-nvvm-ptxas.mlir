// The PTX of patches-lower-to-nvvm assembles for sm_90 with ptxas, for 1-D,
// 2-D and 3-D extractions, every padding form (SAME, VALID, SAME_LOWER,
// explicit with negative values), f32, f16, i8 and i32, lhs and rhs
// dilation, unusual layouts and dynamic shapes; with the gather strategy
// (one kernel per function) and the conv strategy. format=bin runs ptxas
// inside the pipeline and embeds a cubin (an ELF file) per kernel. The
// gather kernels store 16-byte vectors (vector-stores, the default) of
// every width: 16 x i8, 8 x f16, 4 x f32 and i32, 2 x f64, along rows
// (with vector loads where the input's lanes are contiguous, as in a
// 1-wide window) or along the flat order; with min-threads=0 each thread
// also loops over the batch; vector-stores=false is the one-element form.
//
// REQUIRES: ptxas
// RUN: patches-opt %s --patches-lower-to-nvvm=format=isa \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py --ptxas %ptxas --arch sm_90 \
// RUN: | FileCheck %s --check-prefix=GATHER
// RUN: patches-opt %s "--patches-lower-to-nvvm=strategy=conv index-bitwidth=64 block-size=128" \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py --ptxas %ptxas --arch sm_90 \
// RUN: | FileCheck %s --check-prefix=CONV
// RUN: patches-opt %s "--patches-lower-to-nvvm=format=isa min-threads=0" \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py --ptxas %ptxas --arch sm_90 \
// RUN: | FileCheck %s --check-prefix=GATHER
// RUN: patches-opt %s "--patches-lower-to-nvvm=format=isa vector-stores=false" \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py --ptxas %ptxas --arch sm_90 \
// RUN: | FileCheck %s --check-prefix=GATHER
// RUN: patches-opt %s --patches-lower-to-nvvm=format=bin | FileCheck %s --check-prefix=CUBIN
// RUN: patches-opt %s "--patches-lower-to-nvvm=format=isa min-threads=0" \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py | FileCheck %s --check-prefix=VECTORS

// Each of the 12 functions gives at least one kernel (the gather of a
// dynamic shape also has the zero-fill of its empty case).
// GATHER: assembled {{1[2-9]|[2-9][0-9]}} PTX modules
// CONV: assembled {{1[2-9]|[2-9][0-9]}} PTX modules
// CUBIN-COUNT-12: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">, properties = {{{.*}}}, bin = "\7FELF

func.func @nwc_same_f32(%x: tensor<2x10x3xf32>) -> tensor<2x10x9xf32> {
  %y = patches.extract %x filter_shape = [3] window_strides = [1] padding = SAME
      dimension_numbers = ("NWC", "WIO", "NWC") : tensor<2x10x3xf32> -> tensor<2x10x9xf32>
  return %y : tensor<2x10x9xf32>
}

func.func @ncw_valid_i8(%x: tensor<1x2x10xi8>) -> tensor<1x8x4xi8> {
  %y = patches.extract %x filter_shape = [4] window_strides = [2] padding = VALID
      : tensor<1x2x10xi8> -> tensor<1x8x4xi8>
  return %y : tensor<1x8x4xi8>
}

func.func @nchw_same_lower_f16(%x: tensor<2x3x7x6xf16>) -> tensor<2x18x7x3xf16> {
  %y = patches.extract %x filter_shape = [2, 3] window_strides = [1, 2] padding = SAME_LOWER
      : tensor<2x3x7x6xf16> -> tensor<2x18x7x3xf16>
  return %y : tensor<2x18x7x3xf16>
}

func.func @nhwc_explicit_i32(%x: tensor<1x9x8x4xi32>) -> tensor<1x5x3x24xi32> {
  %y = patches.extract %x filter_shape = [3, 2] window_strides = [2, 2]
      padding = [[1, 2], [-1, 0]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
      : tensor<1x9x8x4xi32> -> tensor<1x5x3x24xi32>
  return %y : tensor<1x5x3x24xi32>
}

func.func @lhs_dilation_f32(%x: tensor<1x2x5x4xf32>) -> tensor<1x12x8x3xf32> {
  %y = patches.extract %x filter_shape = [3, 2] window_strides = [1, 2]
      padding = [[2, 1], [0, -1]] lhs_dilation = [2, 2] rhs_dilation = [2, 1]
      : tensor<1x2x5x4xf32> -> tensor<1x12x8x3xf32>
  return %y : tensor<1x12x8x3xf32>
}

func.func @ndhwc_same_f16(%x: tensor<1x6x5x4x2xf16>) -> tensor<1x6x3x4x36xf16> {
  %y = patches.extract %x filter_shape = [3, 3, 2] window_strides = [1, 2, 1] padding = SAME
      rhs_dilation = [1, 1, 2] dimension_numbers = ("NDHWC", "DHWIO", "NDHWC")
      : tensor<1x6x5x4x2xf16> -> tensor<1x6x3x4x36xf16>
  return %y : tensor<1x6x3x4x36xf16>
}

func.func @ncdhw_explicit_i8(%x: tensor<2x1x5x6x4xi8>) -> tensor<2x6x5x2x4xi8> {
  %y = patches.extract %x filter_shape = [2, 3, 1] window_strides = [1, 3, 1]
      padding = [[0, 1], [-1, 2], [0, 0]]
      : tensor<2x1x5x6x4xi8> -> tensor<2x6x5x2x4xi8>
  return %y : tensor<2x6x5x2x4xi8>
}

func.func @unusual_layout_f32(%x: tensor<3x5x5x2xf32>) -> tensor<4x4x2x12xf32> {
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
      dimension_numbers = ("CHWN", "OIHW", "HWNC")
      : tensor<3x5x5x2xf32> -> tensor<4x4x2x12xf32>
  return %y : tensor<4x4x2x12xf32>
}

func.func @dynamic_same_f32(%x: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [2, 2] padding = SAME
      dimension_numbers = ("NHWC", "HWIO", "NHWC")
      : tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}

// The vectors of the new kernels: loads and stores of 16 bytes.
// VECTORS-LABEL: .entry pointwise_f64_kernel
// VECTORS:         ld.global.v2.b64
// VECTORS:         st.global.v2.b64
// VECTORS-LABEL: .entry rows_i8_kernel
// VECTORS:         ld.global.v4.b32
// VECTORS:         st.global.v4.b32
// VECTORS-LABEL: .entry flat_f16_kernel
// VECTORS:         st.global.v4.b32

func.func @pointwise_f64(%x: tensor<2x3x4x6xf64>) -> tensor<2x3x4x6xf64> {
  %y = patches.extract %x filter_shape = [1, 1] window_strides = [1, 1] padding = VALID
      : tensor<2x3x4x6xf64> -> tensor<2x3x4x6xf64>
  return %y : tensor<2x3x4x6xf64>
}

func.func @rows_i8(%x: tensor<2x2x3x32xi8>) -> tensor<2x6x3x32xi8> {
  %y = patches.extract %x filter_shape = [3, 1] window_strides = [1, 1] padding = SAME
      : tensor<2x2x3x32xi8> -> tensor<2x6x3x32xi8>
  return %y : tensor<2x6x3x32xi8>
}

func.func @flat_f16(%x: tensor<2x2x4x6xf16>) -> tensor<2x8x3x5xf16> {
  %y = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
      : tensor<2x2x4x6xf16> -> tensor<2x8x3x5xf16>
  return %y : tensor<2x8x3x5xf16>
}
