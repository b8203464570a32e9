// The PTX of patches-lower-to-nvvm assembles for sm_90 with ptxas, for 1-D,
// 2-D and 3-D extractions, every padding form (SAME, VALID, SAME_LOWER,
// explicit with negative values), f32, f16, i8 and i32, lhs and rhs
// dilation, unusual layouts and dynamic shapes; with the gather strategy
// (one kernel per function) and the conv strategy. format=bin runs ptxas
// inside the pipeline and embeds a cubin (an ELF file) per kernel.
//
// REQUIRES: ptxas
// RUN: patches-opt %s --patches-lower-to-nvvm=format=isa \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py --ptxas %ptxas --arch sm_90 \
// RUN: | FileCheck %s --check-prefix=GATHER
// RUN: patches-opt %s "--patches-lower-to-nvvm=strategy=conv index-bitwidth=64 block-size=128" \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py --ptxas %ptxas --arch sm_90 \
// RUN: | FileCheck %s --check-prefix=CONV
// RUN: patches-opt %s --patches-lower-to-nvvm=format=bin | FileCheck %s --check-prefix=CUBIN

// Each of the 9 functions gives at least one kernel (the gather of a
// dynamic shape also has the zero-fill of its empty case).
// GATHER: assembled {{9|[1-9][0-9]+}} PTX modules
// CONV: assembled {{[1-9][0-9]+}} PTX modules
// CUBIN-COUNT-9: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">, properties = {{{.*}}}, bin = "\7FELF

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
