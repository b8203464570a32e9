// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// With device-buffers, an op that cannot be a kernel cannot stay on the host
// either (its buffers are device memory): an error at the op, and the pass
// fails (without it, the op stays on the host with a remark). So are a host
// op that reads device memory, a kernel on host memory (memref.alloc or
// memref.alloca, which in this mode are the host's own bookkeeping) and a
// copy between host and device memory.
//
// RUN: patches-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(patches-linalg-to-gpu-launch{device-buffers=true}))" \
// RUN:   -o /dev/null

#id = affine_map<(d0) -> (d0)>
func.func private @f(f32) -> f32
func.func @call_in_payload(%a: memref<8xf32>, %out: memref<8xf32>) {
  // expected-error@+1 {{cannot run on the GPU, and with device-buffers its buffers are in device memory, out of the host's reach: its payload calls a function}}
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<8xf32>) outs(%out : memref<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = func.call @f(%x) : (f32) -> f32
    linalg.yield %y : f32
  }
  return
}

// -----

func.func @on_tensors(%a: tensor<8xf32>) -> tensor<8xf32> {
  %init = tensor.empty() : tensor<8xf32>
  // expected-error@+1 {{cannot run on the GPU, and with device-buffers its buffers are in device memory, out of the host's reach: it is not on buffers}}
  %r = linalg.copy ins(%a : tensor<8xf32>) outs(%init : tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

func.func @host_load(%buffer: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  // expected-error@+1 {{reads or writes device memory on the host, which it cannot reach with device-buffers}}
  %x = memref.load %buffer[%c0] : memref<4xf32>
  return %x : f32
}

// -----

#id = affine_map<(d0) -> (d0)>
func.func @kernel_on_host_memory(%a: memref<8xf32>) {
  %host = memref.alloc() : memref<8xf32>
  // expected-error@+1 {{cannot run on the GPU, and with device-buffers its buffers are in device memory, out of the host's reach: a buffer is host memory (memref.alloc or memref.alloca), which with device-buffers only the host uses}}
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<8xf32>) outs(%host : memref<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  return
}

// -----

func.func @copy_to_host(%a: memref<8xf32>) {
  %host = memref.alloca() : memref<8xf32>
  // expected-error@+1 {{'memref.copy' op copies between host and device memory with device-buffers}}
  memref.copy %a, %host : memref<8xf32> to memref<8xf32>
  return
}

// -----

// 2^80 points: their count in 64 bits would wrap around to 0, which would
// drop the op.
func.func @too_many_points(%in: memref<1099511627776x1099511627776xf32>,
                           %out: memref<1099511627776x1099511627776xf32>) {
  // expected-error@+1 {{cannot run on the GPU, and with device-buffers its buffers are in device memory, out of the host's reach: it has more than 2^63 iteration points}}
  linalg.copy ins(%in : memref<1099511627776x1099511627776xf32>)
      outs(%out : memref<1099511627776x1099511627776xf32>)
  return
}
