// A chip that is not an NVIDIA architecture name is a clear error (upstream's
// target verification crashes on an empty one).
// RUN: not patches-opt %s "--patches-lower-to-nvvm=chip=" 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not patches-opt %s "--patches-lower-to-nvvm=chip=gfx90a" 2>&1 | FileCheck %s --check-prefix=AMD
// RUN: not patches-opt %s "--patches-lower-to-llvm-emulating-gpu=chip=sm_" 2>&1 | FileCheck %s --check-prefix=NODIGITS

// EMPTY: error: chip must name an NVIDIA architecture such as sm_90, got ''
// AMD: error: chip must name an NVIDIA architecture such as sm_90, got 'gfx90a'
// NODIGITS: error: chip must name an NVIDIA architecture such as sm_90, got 'sm_'
func.func @f(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
