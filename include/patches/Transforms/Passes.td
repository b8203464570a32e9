//===- Passes.td - Transforms of patches --------------------*- tablegen -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes that reshape upstream IR for a target or check what a pipeline
// left: reading through padding, moving float bits as integers, checking
// that everything was lowered.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_TRANSFORMS_PASSES_TD
#define PATCHES_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FoldPadIntoLinalg : Pass<"patches-fold-pad-into-linalg"> {
  let summary = "Read through tensor.pad inside the consuming linalg.generic";
  let description = [{
    Where a `linalg.generic` on tensors reads an input produced by a
    `tensor.pad` with a constant (or loop-invariant) padding value, the
    generic reads the pad's source directly: its payload computes the padded
    index from the operand's indexing map, tests it against the source's
    bounds and reads the source (`tensor.extract` under `scf.if`) or yields
    the padding value. The padded operand is replaced by a `tensor.empty` of
    the same shape that only keeps the loop bounds.

    No padded copy of the input is materialized: on a GPU the kernel reads
    the input once and pays one bounds test per element instead of a second
    pass over memory.

    ```mlir
    %p = tensor.pad %x low[1] high[1] { ^bb0(%i: index): tensor.yield %zero : f32 }
        : tensor<8xf32> to tensor<10xf32>
    %r = linalg.generic {indexing_maps = [#id, #id], ...}
        ins(%p : tensor<10xf32>) outs(%init : tensor<10xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<10xf32>
    ```
    becomes a generic over `tensor.empty() : tensor<10xf32>` whose payload
    yields `%x[i - 1]` when `0 <= i - 1 < 8` and `%zero` otherwise.
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::complex::ComplexDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def CheckLowered : Pass<"patches-check-lowered"> {
  let summary = "Fail unless only ops of the given dialects are left";
  let description = [{
    The last step of the named pipelines: every op nested in the one the
    pass runs on must be a `builtin.module`, belong to one of `dialects` or
    be one of `ops`; the first one (in pre-order) that is not is an error
    located at it, and the pass fails, so that a pipeline never exits
    successfully with part of the module not lowered (an
    `unrealized_conversion_cast` left is such an op too).

    ```mlir
    // patches-check-lowered{dialects=llvm pipeline=patches-lower-to-llvm}
    module {
      func.func @f() { return }   // error: 'func.func' op was not lowered by
    }                             // patches-lower-to-llvm (...)
    ```
  }];
  let options = [
    ListOption<"dialects", "dialects", "std::string",
               "Dialects whose ops may be left (default: none)">,
    ListOption<"ops", "ops", "std::string",
               "Ops of other dialects that may be left, e.g. gpu.binary "
               "(default: none)">,
    Option<"pipeline", "pipeline", "std::string", /*default=*/"\"\"",
           "The pipeline named in the error (default: none)">
  ];
}

def MoveBitsAsIntegers : Pass<"patches-move-bits-as-integers"> {
  let summary = "Load and store moved float bits as the integers they move as";
  let description = [{
    The last step of the pipelines' LLVM code. The gather moves floats as
    integers of their width: an element is loaded as its float type,
    bitcast to an integer, chosen against padding by an integer phi or
    select, bitcast back and stored. LLVM's InstCombine sinks such
    bitcasts through phis and selects, making them float phis again, and a
    target without the float's arithmetic keeps those in a wider float
    register (x86 with `bf16` and `f16`), converting on the way back: that
    flushes denormals and quiets signalling NaNs. This pass leaves no
    bitcast to sink: a float load whose users are all bitcasts to an
    integer loads the integer; a bitcast of a field of a loaded struct (a
    complex number) loads the field as an integer; a store (or masked
    store) of a bitcast from an integer stores the integer, and a store of
    a struct assembled from such bitcasts stores each field. Pointers are
    opaque, so the bytes are the same.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def NontemporalStores : Pass<"patches-nontemporal-stores",
                             "::mlir::func::FuncOp"> {
  let summary = "Streaming stores for marked vector loops, where aligned";
  let description = [{
    A result larger than the last-level cache gains nothing from being
    written through it: each line is read from memory before it is written
    (the read for ownership) and evicted soon after. Non-temporal stores
    write full lines to memory without reading them, but x86 has them only
    for aligned vectors (`movntps` and kin; LLVM turns an unaligned
    `!nontemporal` vector store into scalar ones, or into ordinary stores).

    `convert-patches-to-vector` marks the row loops of such results
    (`patches.nontemporal` on an `scf.for`, which bufferization keeps)
    and starts them at row positions that are multiples of the vector.
    On buffers, this pass versions each marked loop whose body stores one
    1-D vector with `vector.transfer_write` (in bounds, unmasked) at
    `start + i * lanes` of a unit-stride memref: where the first store's
    address is a multiple of the vector's size, the loop stores with
    `vector.store {nontemporal, alignment}`; elsewhere it runs as it was.
    Functions that stream end with `sfence` on x86 (other threads see the
    rows once they synchronize). A marked loop of another form keeps its
    stores and loses the mark.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def SetTargetCPU : Pass<"patches-set-target-cpu", "::mlir::ModuleOp"> {
  let summary = "Write the target code is generated for on the module and "
                "every llvm.func";
  let description = [{
    Sets `target_cpu` (and `target_features`, where the CPU's name does not
    imply them: the host's for `native`) on every `llvm.func` definition
    that has no `target_cpu` of its own, and the module's
    `llvm.target_triple` and `llvm.data_layout` where it has none (nor a
    DLTI data layout). The CPU is the one the IR names (the module's
    `llvm.target`), else the `cpu` option. The translation to LLVM IR
    writes them as the functions' `"target-cpu"` and `"target-features"`
    and the module's triple and data layout, so `mlir-runner`'s JIT,
    `mlir-translate` + `llc` and an embedding compiler's code generator all
    build the code for the CPU that `convert-patches-to-vector` chose its
    row strategy for. Without a triple LLVM knows no C library: its memsets
    became byte-by-byte loops.
  }];
  let options = [
    Option<"cpu", "cpu", "std::string", /*default=*/"\"native\"",
           "LLVM's name of the CPU where the IR names none, or native "
           "(default: native, the host)">,
    Option<"features", "features", "std::string", /*default=*/"\"\"",
           "Its features, +f,-g,... (default: none, those the name implies; "
           "the host's for native)">
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def VectorizeContractions : Pass<"patches-vectorize-contractions",
                                  "::mlir::func::FuncOp"> {
  let summary = "Tile and vectorize linalg contractions on tensors for the "
                "CPU";
  let description = [{
    Every linalg op on tensors with static shapes that is a contraction
    (`linalg::isaContractionOpInterface`: `linalg.matmul`,
    `linalg.batch_matmul`, a `linalg.generic` with a multiply-add payload,
    casts allowed) of integer or float elements is tiled with
    `scf.for` loops into register blocks (`rows` x one vector of the
    output's innermost dimension, one step of each reduction dimension, 1
    elsewhere) and each tile vectorized (`linalg::vectorize`, masked where
    a block overhangs) into a `vector.contract`, which the CPU pipeline
    lowers to outer products (FMAs). The convolutions that
    `convert-linalg-conv-to-patches` rewrites, and JAX-style im2col +
    matmul programs, run as vector code instead of scalar loops. The
    reduction keeps its order (one step at a time); float products are
    kept apart from their additions (no fused multiply-add).

    The accumulator of each block is read and written once per block when
    `loop-invariant-subset-hoisting` runs next (the CPU pipeline runs it):
    across the reduction it is a loop-carried vector.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"0",
           "Width of the output vector of a block, in bits: 8 to 2048, or "
           "0 for the target CPU's copy width (default: 0)">,
    Option<"cpu", "cpu", "std::string", /*default=*/"\"native\"",
           "The CPU where the IR names none, as LLVM names it, or native "
           "(default: native, the host)">,
    Option<"rows", "rows", "int64_t", /*default=*/"4",
           "Rows of a register block (the output's second innermost "
           "dimension): 1 to 64 (default: 4)">,
  ];
  let dependentDialects = [
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect"
  ];
}

#endif // PATCHES_TRANSFORMS_PASSES_TD
