// The stages of patches-lower-to-nvvm on a 3x3 SAME extraction, NCHW:
// the outlined kernel, its NVVM form, and the final host code and binary.
//
// RUN: patches-opt %s --patches-lower-to-nvvm -o /dev/null \
// RUN:   --mlir-print-ir-after=gpu-kernel-outlining 2>&1 \
// RUN: | FileCheck %s --check-prefix=OUTLINED
// RUN: patches-opt %s --patches-lower-to-nvvm -o /dev/null \
// RUN:   --mlir-print-ir-after=convert-gpu-to-nvvm 2>&1 \
// RUN: | FileCheck %s --check-prefix=NVVM
// RUN: patches-opt %s --patches-lower-to-nvvm | FileCheck %s --check-prefix=FINAL
// RUN: patches-opt %s \
// RUN:   "--patches-lower-to-nvvm=chip=sm_80 features=+ptx70 block-size=128 opt-level=2" \
// RUN: | FileCheck %s --check-prefix=OPTIONS

// 2 * 27 * 8 * 8 = 3456 output elements, stored as 864 vectors of four
// (vector-stores, the default): 4 blocks of 256 threads. The flat index is
// blockIdx.x * 256 + threadIdx.x; its remainder by 2, the output's
// innermost size in vectors, is the vector's column, so consecutive threads
// store consecutive 16 bytes. Where all four lanes read inside the input,
// one branch takes the loads as they are; else each lane makes its padding
// test. Either way, one aligned vector store.
//
// OUTLINED:      gpu.launch_func async [%{{.*}}] @nchw_same_kernel::@nchw_same_kernel
// OUTLINED-SAME:     blocks in (%c4, %c1, %c1) threads in (%c256, %c1, %c1)
// OUTLINED-SAME:     args(%{{.*}} : memref<2x3x8x8xf32>, %{{.*}} : memref<2x27x8x8xf32>)
// OUTLINED:      gpu.module @nchw_same_kernel
// OUTLINED:        gpu.func @nchw_same_kernel(%[[IN:.*]]: memref<2x3x8x8xf32>, %[[OUT:.*]]: memref<2x27x8x8xf32>) kernel
// OUTLINED-SAME:       known_block_size = array<i32: 256, 1, 1>
// OUTLINED-SAME:       known_grid_size = array<i32: 4, 1, 1>
// OUTLINED-DAG:      %[[BX:.*]] = gpu.block_id x
// OUTLINED-DAG:      %[[TX:.*]] = gpu.thread_id x
// OUTLINED-DAG:      %[[C2:.*]] = arith.constant 2 : i32
// OUTLINED-DAG:      %[[C256:.*]] = arith.constant 256 : i32
// OUTLINED-DAG:      %[[SIZE:.*]] = arith.constant 864 : i32
// OUTLINED-DAG:      %[[LANES:.*]] = arith.constant 4 : index
// OUTLINED:          %[[TX32:.*]] = arith.index_castui %[[TX]] : index to i32
// OUTLINED:          %[[BX32:.*]] = arith.index_castui %[[BX]] : index to i32
// OUTLINED:          %[[BASE:.*]] = arith.muli %[[BX32]], %[[C256]] : i32
// OUTLINED:          %[[FLAT:.*]] = arith.addi %[[BASE]], %[[TX32]] : i32
// OUTLINED:          %[[INSIDE:.*]] = arith.cmpi ult, %[[FLAT]], %[[SIZE]] : i32
// OUTLINED:          scf.if %[[INSIDE]] {
// OUTLINED:            %[[VCOL32:.*]] = arith.remui %[[FLAT]], %[[C2]] : i32
// OUTLINED:            %[[VCOL:.*]] = arith.index_castui %[[VCOL32]] : i32 to index
// OUTLINED:            %[[COL:.*]] = arith.muli %[[VCOL]], %[[LANES]] : index
// OUTLINED:            scf.if %{{[0-9]+}} {
// OUTLINED-COUNT-4:      memref.load %[[IN]]
// OUTLINED:              %[[LANES_F32:.*]] = vector.bitcast %{{.*}} : vector<4xi32> to vector<4xf32>
// OUTLINED:              vector.store %[[LANES_F32]], %[[OUT]][%{{.*}}, %{{.*}}, %{{.*}}, %[[COL]]] {alignment = 16 : i64}
// OUTLINED:            } else {
// The per-lane padding test.
// OUTLINED-COUNT-4:      scf.if %{{.*}} -> (i32) {
// OUTLINED:              vector.store %{{.*}}, %[[OUT]][%{{.*}}, %{{.*}}, %{{.*}}, %[[COL]]] {alignment = 16 : i64}
// OUTLINED-NOT:          memref.store
// OUTLINED:          gpu.return

// NVVM:      gpu.module @nchw_same_kernel [#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">]
// NVVM:        llvm.func @nchw_same_kernel(
// NVVM-SAME:       nvvm.kernel
// NVVM-SAME:       nvvm.maxntid = array<i32: 256, 1, 1>
// NVVM-DAG:      nvvm.read.ptx.sreg.ctaid.x range <i32, 0, 4> : i32
// NVVM-DAG:      nvvm.read.ptx.sreg.tid.x range <i32, 0, 256> : i32

// The host: one stream, device buffers, the input copied in, the launch,
// the output copied out, the buffers freed, the stream synchronized. The
// kernel's PTX is for sm_90.
//
// FINAL:      llvm.func @nchw_same(
// FINAL:        %[[STREAM:.*]] = llvm.call @mgpuStreamCreate() : () -> !llvm.ptr
// FINAL:        %[[DOUT:.*]] = llvm.call @mgpuMemAlloc(%{{.*}}, %[[STREAM]], %{{.*}})
// FINAL:        %[[DIN:.*]] = llvm.call @mgpuMemAlloc(%{{.*}}, %[[STREAM]], %{{.*}})
// FINAL:        llvm.call @mgpuMemcpy(%[[DIN]], %{{.*}}, %{{.*}}, %[[STREAM]])
// FINAL:        gpu.launch_func <%[[STREAM]] : !llvm.ptr> @nchw_same_kernel::@nchw_same_kernel blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}}) : i64 args(%[[DIN]] : !llvm.ptr
// FINAL:        llvm.call @mgpuMemcpy(%{{.*}}, %[[DOUT]], %{{.*}}, %[[STREAM]])
// FINAL:        llvm.call @mgpuMemFree(%[[DOUT]], %[[STREAM]])
// FINAL:        llvm.call @mgpuMemFree(%[[DIN]], %[[STREAM]])
// FINAL:        llvm.call @mgpuStreamSynchronize(%[[STREAM]])
// FINAL:        llvm.call @mgpuStreamDestroy(%[[STREAM]])
// FINAL:      gpu.binary @nchw_same_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">
// FINAL-SAME:   assembly = "{{.*}}.target sm_90{{.*}}.entry nchw_same_kernel{{.*}}%tid.x{{.*}}"
// FINAL-NOT:  gpu.module

// OPTIONS:      gpu.binary @nchw_same_kernel [#gpu.object<#nvvm.target<chip = "sm_80", features = "+ptx70">, properties = {{{.*}}O = 2 : i32}
// OPTIONS-SAME:   assembly = "{{.*}}.version 7.0{{.*}}.target sm_80{{.*}}.maxntid 128, 1, 1{{.*}}"
func.func @nchw_same(%x: tensor<2x3x8x8xf32>) -> tensor<2x27x8x8xf32> {
  %y = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = SAME
      : tensor<2x3x8x8xf32> -> tensor<2x27x8x8xf32>
  return %y : tensor<2x27x8x8xf32>
}
