// What the gather kernels of the GPU benchmark's cases (bench/gpu/bench.py,
// batch 32) cost per thread, as ptxas reports it for sm_90: no shared
// memory, no stack and no spills, and exactly one global load and one
// global store, so each thread moves its one output element and nothing
// else (the padding and lhs-dilation tests only predicate the load). This
// is the static half of the issue's speed target; bench/gpu/run.sh
// measures the other half on a GPU.
//
// REQUIRES: ptxas
// RUN: patches-opt %s --patches-lower-to-nvvm=format=isa \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py \
// RUN:     --ptxas %ptxas --arch sm_90 --resources \
// RUN: | FileCheck %s

// CHECK: assembled 7 PTX modules
// CHECK-COUNT-7: resources {{[a-z0-9_]+}}_kernel: registers {{[0-9]+}}, stack 0, spill stores 0, spill loads 0, smem 0, global loads 1, global stores 1
// CHECK-NOT: resources

func.func @resnet_3x3_nchw(%x: tensor<32x64x56x56xf32>) -> tensor<32x576x56x56xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      : tensor<32x64x56x56xf32> -> tensor<32x576x56x56xf32>
  return %y : tensor<32x576x56x56xf32>
}

func.func @resnet_3x3_nhwc(%x: tensor<32x56x56x64xf32>) -> tensor<32x56x56x576xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      dimension_numbers = ("NHWC", "HWIO", "NHWC")
      : tensor<32x56x56x64xf32> -> tensor<32x56x56x576xf32>
  return %y : tensor<32x56x56x576xf32>
}

func.func @stem_7x7_s2_nchw(%x: tensor<32x3x224x224xf32>) -> tensor<32x147x112x112xf32> {
  %y = patches.extract %x filter_shape = [7, 7] window_strides = [2, 2] padding = SAME
      : tensor<32x3x224x224xf32> -> tensor<32x147x112x112xf32>
  return %y : tensor<32x147x112x112xf32>
}

func.func @rhs_dilation_nchw(%x: tensor<32x64x56x56xf32>) -> tensor<32x576x56x56xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      rhs_dilation = [2, 2] : tensor<32x64x56x56xf32> -> tensor<32x576x56x56xf32>
  return %y : tensor<32x576x56x56xf32>
}

func.func @conv3d_ncdhw(%x: tensor<32x3x16x112x112xf32>) -> tensor<32x81x16x112x112xf32> {
  %y = patches.extract %x filter_shape = [3, 3, 3] window_strides = [1, 1, 1] padding = SAME
      : tensor<32x3x16x112x112xf32> -> tensor<32x81x16x112x112xf32>
  return %y : tensor<32x81x16x112x112xf32>
}

func.func @window9_ncw(%x: tensor<32x64x16000xf32>) -> tensor<32x576x16000xf32> {
  %y = patches.extract %x filter_shape = [9] window_strides = [1] padding = SAME
      : tensor<32x64x16000xf32> -> tensor<32x576x16000xf32>
  return %y : tensor<32x576x16000xf32>
}

func.func @lhs_dilation_nchw(%x: tensor<32x64x28x28xf32>) -> tensor<32x576x55x55xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
      padding = [[1, 1], [1, 1]] lhs_dilation = [2, 2]
      : tensor<32x64x28x28xf32> -> tensor<32x576x55x55xf32>
  return %y : tensor<32x576x55x55xf32>
}
