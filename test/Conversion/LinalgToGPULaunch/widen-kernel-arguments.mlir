// RUN: patches-opt %s -allow-unregistered-dialect --patches-widen-kernel-arguments | FileCheck %s
// RUN: patches-opt %S/Inputs/fill-odd-widths.mlir --patches-lower-to-nvvm -o /dev/null \
// RUN:   --mlir-print-ir-after=patches-widen-kernel-arguments 2>&1 | FileCheck %s --check-prefix=PIPELINE
// RUN: %if ptxas %{ patches-opt %S/Inputs/fill-odd-widths.mlir --patches-lower-to-nvvm=format=isa \
// RUN: | %python %patches_src_root/test/Pipelines/Inputs/extract_ptx.py --ptxas %ptxas --arch sm_90 \
// RUN: | FileCheck %s --check-prefix=PTXAS %}

// An i4 and an i24 argument are passed as i8 and i32: extended at the
// launch, truncated back at the kernel's entry. i1, i8, f16 and the
// memref stay as they are.
// CHECK-LABEL: func.func @host
//  CHECK-SAME:   (%[[A:.*]]: i4, %[[B:.*]]: i24, %[[C:.*]]: i1, %[[D:.*]]: i8, %[[E:.*]]: f16, %[[M:.*]]: memref<4xi8>)
//   CHECK-DAG:   %[[WA:.*]] = arith.extui %[[A]] : i4 to i8
//   CHECK-DAG:   %[[WB:.*]] = arith.extui %[[B]] : i24 to i32
//       CHECK:   gpu.launch_func @kernels::@k {{.*}} args(%[[WA]] : i8, %[[WB]] : i32, %[[C]] : i1, %[[D]] : i8, %[[E]] : f16, %[[M]] : memref<4xi8>)
//       CHECK: gpu.func @k(%[[KA:.*]]: i8, %[[KB:.*]]: i32, %{{.*}}: i1, %{{.*}}: i8, %{{.*}}: f16, %{{.*}}: memref<4xi8>) kernel
//   CHECK-DAG:   %[[NA:.*]] = arith.trunci %[[KA]] : i8 to i4
//   CHECK-DAG:   %[[NB:.*]] = arith.trunci %[[KB]] : i32 to i24
//       CHECK:   "test.use"(%[[NA]], %[[NB]])
// The other function of the module, not a kernel, is left alone.
//       CHECK: gpu.func @helper(%{{.*}}: i4)
//   CHECK-NOT:   arith.trunci
module attributes {gpu.container_module} {
  func.func @host(%a: i4, %b: i24, %c: i1, %d: i8, %e: f16, %m: memref<4xi8>) {
    %one = arith.constant 1 : index
    gpu.launch_func @kernels::@k blocks in (%one, %one, %one) threads in (%one, %one, %one)
        args(%a : i4, %b : i24, %c : i1, %d : i8, %e : f16, %m : memref<4xi8>)
    return
  }
  gpu.module @kernels {
    gpu.func @k(%a: i4, %b: i24, %c: i1, %d: i8, %e: f16, %m: memref<4xi8>) kernel {
      "test.use"(%a, %b) : (i4, i24) -> ()
      gpu.return
    }
    gpu.func @helper(%a: i4) {
      gpu.return
    }
  }
}

// PIPELINE: gpu.launch_func {{.*}}@fill_i4_kernel::@fill_i4_kernel {{.*}} args(%{{.*}} : i8,
// PIPELINE: gpu.func @fill_i4_kernel(%{{.*}}: i8,
// PTXAS: assembled 3 PTX modules
