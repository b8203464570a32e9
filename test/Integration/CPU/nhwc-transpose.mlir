// The NHWC rows of the vectorized gather at 8 lanes of 32 bits (vector-bits
// 256, and the host's choice), where blocks of 8 channels are transposed 8
// window positions at a time and the K mod 8 positions left generically:
// K = 8, 9, 12 and 16, channel counts with and without a tail, padding on
// every side, strides. Each result is printed as bits (f32 inputs are
// signalling-NaN payloads) and compared with the linalg gather's, which
// shares no code with the vector rows.
//
// RUN: patches-opt %s --patches-lower-to-llvm=vector-bits=256 \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.vector256
// RUN: patches-opt %s --patches-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.host
// RUN: patches-opt %s --patches-lower-to-llvm=vectorize=false \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | sed -e 's/base@ = 0x[0-9a-f]*//' > %t.linalg
// RUN: diff %t.linalg %t.vector256
// RUN: diff %t.linalg %t.host
// RUN: FileCheck %s < %t.linalg

func.func private @printMemrefI32(tensor<*xi32>)

func.func @k9_c8_i32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 5 + h) * 6 + w) * 8 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 1000 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x5x6x8xi32>
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x5x6x8xi32> -> tensor<2x5x6x72xi32>
  %u = tensor.cast %p : tensor<2x5x6x72xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 5, 6, 72]
// The first position's channel 0: the window's centre reads input (0, 0),
// the right and lower neighbours (0, 1) and (1, 0): 1000 + 8 and 1000 + 48.
// CHECK-NEXT:  {{\[\[\[\[}}0, 0, 0, 0, 1000, 1008, 0, 1048, 1056, 0,

func.func @k9_c8_f32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 5 + h) * 6 + w) * 8 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 2139095041 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x5x6x8xi32>
  %xf = arith.bitcast %x : tensor<2x5x6x8xi32> to tensor<2x5x6x8xf32>
  %pf = patches.extract %xf filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x5x6x8xf32> -> tensor<2x5x6x72xf32>
  %p = arith.bitcast %pf : tensor<2x5x6x72xf32> to tensor<2x5x6x72xi32>
  %u = tensor.cast %p : tensor<2x5x6x72xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 5, 6, 72]

func.func @k9_c19_i32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 4 + h) * 5 + w) * 19 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 1000 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x4x5x19xi32>
  %p = patches.extract %x filter_shape = [3, 3] window_strides = [2, 1] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x4x5x19xi32> -> tensor<2x2x5x171xi32>
  %u = tensor.cast %p : tensor<2x2x5x171xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 2, 5, 171]

func.func @k9_c19_f32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 4 + h) * 5 + w) * 19 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 2139095041 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x4x5x19xi32>
  %xf = arith.bitcast %x : tensor<2x4x5x19xi32> to tensor<2x4x5x19xf32>
  %pf = patches.extract %xf filter_shape = [3, 3] window_strides = [2, 1] padding = SAME
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x4x5x19xf32> -> tensor<2x2x5x171xf32>
  %p = arith.bitcast %pf : tensor<2x2x5x171xf32> to tensor<2x2x5x171xi32>
  %u = tensor.cast %p : tensor<2x2x5x171xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 2, 5, 171]

func.func @k8_c16_i32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 3 + h) * 7 + w) * 16 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 1000 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x3x7x16xi32>
  %p = patches.extract %x filter_shape = [2, 4] window_strides = [1, 1] padding = SAME_LOWER
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x3x7x16xi32> -> tensor<2x3x7x128xi32>
  %u = tensor.cast %p : tensor<2x3x7x128xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 3, 7, 128]

func.func @k8_c16_f32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 3 + h) * 7 + w) * 16 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 2139095041 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x3x7x16xi32>
  %xf = arith.bitcast %x : tensor<2x3x7x16xi32> to tensor<2x3x7x16xf32>
  %pf = patches.extract %xf filter_shape = [2, 4] window_strides = [1, 1] padding = SAME_LOWER
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x3x7x16xf32> -> tensor<2x3x7x128xf32>
  %p = arith.bitcast %pf : tensor<2x3x7x128xf32> to tensor<2x3x7x128xi32>
  %u = tensor.cast %p : tensor<2x3x7x128xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 3, 7, 128]

func.func @k12_c9_i32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 4 + h) * 4 + w) * 9 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 1000 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x4x4x9xi32>
  %p = patches.extract %x filter_shape = [3, 4] window_strides = [1, 2] padding = VALID
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x4x4x9xi32> -> tensor<2x2x1x108xi32>
  %u = tensor.cast %p : tensor<2x2x1x108xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 2, 1, 108]

func.func @k12_c9_f32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 4 + h) * 4 + w) * 9 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 2139095041 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x4x4x9xi32>
  %xf = arith.bitcast %x : tensor<2x4x4x9xi32> to tensor<2x4x4x9xf32>
  %pf = patches.extract %xf filter_shape = [3, 4] window_strides = [1, 2] padding = VALID
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x4x4x9xf32> -> tensor<2x2x1x108xf32>
  %p = arith.bitcast %pf : tensor<2x2x1x108xf32> to tensor<2x2x1x108xi32>
  %u = tensor.cast %p : tensor<2x2x1x108xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 2, 1, 108]

func.func @k16_c24_i32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 5 + h) * 5 + w) * 24 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 1000 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x5x5x24xi32>
  %p = patches.extract %x filter_shape = [4, 4] window_strides = [1, 1] padding = [[2, 1], [0, 3]]
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x5x5x24xi32> -> tensor<2x5x5x384xi32>
  %u = tensor.cast %p : tensor<2x5x5x384xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 5, 5, 384]

func.func @k16_c24_f32() {
  %x = tensor.generate {
  ^bb0(%b: index, %h: index, %w: index, %c: index):
    %l0 = affine.apply affine_map<(b, h, w, c) -> (((b * 5 + h) * 5 + w) * 24 + c)>(%b, %h, %w, %c)
    %l = arith.index_cast %l0 : index to i32
    %base = arith.constant 2139095041 : i32
    %v = arith.addi %l, %base : i32
    tensor.yield %v : i32
  } : tensor<2x5x5x24xi32>
  %xf = arith.bitcast %x : tensor<2x5x5x24xi32> to tensor<2x5x5x24xf32>
  %pf = patches.extract %xf filter_shape = [4, 4] window_strides = [1, 1] padding = [[2, 1], [0, 3]]
         dimension_numbers = ("NHWC", "HWIO", "NHWC") : tensor<2x5x5x24xf32> -> tensor<2x5x5x384xf32>
  %p = arith.bitcast %pf : tensor<2x5x5x384xf32> to tensor<2x5x5x384xi32>
  %u = tensor.cast %p : tensor<2x5x5x384xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
// CHECK-LABEL: sizes = [2, 5, 5, 384]

func.func @main() {
  call @k9_c8_i32() : () -> ()
  call @k9_c8_f32() : () -> ()
  call @k9_c19_i32() : () -> ()
  call @k9_c19_f32() : () -> ()
  call @k8_c16_i32() : () -> ()
  call @k8_c16_f32() : () -> ()
  call @k12_c9_i32() : () -> ()
  call @k12_c9_f32() : () -> ()
  call @k16_c24_i32() : () -> ()
  call @k16_c24_f32() : () -> ()
  return
}
