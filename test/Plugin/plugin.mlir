// Stock mlir-opt, with patches loaded from libPatchesPlugin.so: the dialect
// parses and round-trips, the conversion pass and the CPU pipeline run.

// RUN: mlir-opt %s --load-dialect-plugin=%patches_lib_dir/libPatchesPlugin.so \
// RUN:   | FileCheck %s --check-prefix=ROUNDTRIP
// RUN: mlir-opt %s --load-dialect-plugin=%patches_lib_dir/libPatchesPlugin.so \
// RUN:   --load-pass-plugin=%patches_lib_dir/libPatchesPlugin.so \
// RUN:   --pass-pipeline="builtin.module(convert-patches-to-linalg)" \
// RUN:   | FileCheck %s --check-prefix=LINALG
// RUN: mlir-opt %s --load-dialect-plugin=%patches_lib_dir/libPatchesPlugin.so \
// RUN:   --load-pass-plugin=%patches_lib_dir/libPatchesPlugin.so \
// RUN:   --pass-pipeline="builtin.module(patches-lower-to-llvm{strategy=conv})" \
// RUN:   | FileCheck %s --check-prefix=LLVM

// ROUNDTRIP-LABEL: func.func @worked_example(
// ROUNDTRIP: patches.extract %{{.*}} filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>

// LINALG-LABEL: func.func @worked_example(
// LINALG-NOT: patches.extract
// LINALG: linalg.generic
// LINALG-NOT: patches.extract

// LLVM-LABEL: llvm.func @worked_example(
// LLVM-NOT: {{patches\.|linalg\.|tensor<|memref\.}}
// LLVM: llvm.return
func.func @worked_example(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
         padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %p : tensor<1x4x2x2xf32>
}
