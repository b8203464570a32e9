//===- Passes.td - Transforms of patches --------------------*- tablegen -*-===//
//
// Passes that reshape upstream IR (linalg, tensor, memref) for a target; the
// GPU pipeline `patches-lower-to-nvvm` is built from them.
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

def LinalgToGPULaunch : Pass<"patches-linalg-to-gpu-launch",
                             "::mlir::func::FuncOp"> {
  let summary = "Run each linalg op on buffers as one coalesced GPU kernel";
  let description = [{
    Replaces every `linalg` op on buffers by a `gpu.launch` that computes it,
    with the host-device traffic around it, on one stream:

    * device buffers (`gpu.alloc`) for every memref the op reads or writes,
      including memrefs its payload reads directly; copies in of those it
      reads (an output it overwrites entirely is not copied in), copies out
      of those it writes, then `gpu.dealloc` and a final `gpu.wait`;
    * a one-dimensional grid over the op's parallel iteration space,
      flattened in the order of the first output's memory layout: the loop
      that indexes the output's innermost (contiguous) dimension varies
      fastest, so consecutive threads (`threadIdx.x`) store consecutive
      elements and every warp's stores coalesce;
    * `block-size` threads per block and as many blocks as cover the space
      (at most 2^31 - 1, the grid's x limit); where that cannot cover it, a
      grid-stride loop does; no launch when the space is empty;
    * reduction loops run sequentially inside each thread.

    The flat thread index and its decomposition into loop indices use 32-bit
    unsigned arithmetic where `index-bitwidth` is 32 and the iteration space
    is static and small enough (size + block-size <= 2^32) for that to be
    exact; 64-bit (`index`) arithmetic everywhere else.

    Ops that cannot run this way (tensors, unranked or non-memref captures,
    calls in the payload, an output not indexed by every parallel loop) are
    left for the host, with a remark.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"256",
           "Threads per block (1 to 1024)">,
    Option<"indexBitwidth", "index-bitwidth", "unsigned", /*default=*/"32",
           "Bit width of the kernels' thread-index arithmetic where it is "
           "provably exact: 32 or 64">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def EmulateGPUOnHost : Pass<"patches-emulate-gpu-on-host",
                            "::mlir::func::FuncOp"> {
  let summary = "Run gpu.launch kernels and GPU memory ops on the host";
  let description = [{
    A reference execution of the kernels that `patches-linalg-to-gpu-launch`
    builds, for testing them on machines without a GPU: every `gpu.launch`
    becomes sequential `scf.for` loops over its blocks and threads (its body
    inlined, block and thread ids being the loop indices), `gpu.alloc`,
    `gpu.memcpy` and `gpu.dealloc` become `memref.alloc`, `memref.copy` and
    `memref.dealloc`, and `gpu.wait` disappears. Kernels whose threads do not
    communicate (no barriers, shuffles or shared memory, which are rejected)
    compute the same results as on the GPU; the CPU pipeline then runs them.
  }];
  let dependentDialects = [
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
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
               "Dialects whose ops may be left">,
    ListOption<"ops", "ops", "std::string",
               "Ops of other dialects that may be left (e.g. gpu.binary)">,
    Option<"pipeline", "pipeline", "std::string", /*default=*/"\"\"",
           "The pipeline named in the error">
  ];
}

def RaiseOneHotConvToPatches : Pass<"raise-one-hot-conv-to-patches"> {
  let summary = "Replace depthwise convolutions with a one-hot filter by "
                "patches.extract";
  let description = [{
    JAX computes `conv_general_dilated_patches` as a depthwise convolution
    whose filter is a constant one-hot tensor. This pass finds such
    convolutions in linalg and replaces each by the `patches.extract` it
    computes, split back to the convolution's shape by
    `tensor.expand_shape`.

    Matched: `linalg.depthwise_conv_2d_nhwc_hwcm`, or a `linalg.generic`
    with its indexing maps and a multiply-accumulate payload, on tensors of
    one element type and static shapes whose filter is a constant
    (possibly behind `tensor.expand_shape`/`collapse_shape`) of shape
    `(KH, KW, C, KH * KW)` holding exactly one where `m == kh * KW + kw` and
    zero everywhere else (every element is checked; a float zero must be
    +0.0), whose output
    starts at zero (`linalg.fill` of zero or a zero constant), and whose
    input is unpadded or a `tensor.pad` of H and W only, by static amounts,
    with a constant zero. Strides become `window_strides`, dilations
    `rhs_dilation`; a convolution whose output is smaller than the number
    of windows is left alone.

    ```mlir
    %y = linalg.depthwise_conv_2d_nhwc_hwcm
           {strides = dense<1> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
           ins(%padded, %one_hot : tensor<1x7x7x2xf32>, tensor<3x3x2x9xf32>)
           outs(%zero : tensor<1x5x5x2x9xf32>) -> tensor<1x5x5x2x9xf32>
    ```
    becomes
    ```mlir
    %p = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1]
           padding = [[1, 1], [1, 1]] dimension_numbers = ("NHWC", "HWIO", "NHWC")
           : tensor<1x5x5x2xf32> -> tensor<1x5x5x18xf32>
    %y = tensor.expand_shape %p [[0], [1], [2], [3, 4]] output_shape [1, 5, 5, 2, 9]
           : tensor<1x5x5x18xf32> into tensor<1x5x5x2x9xf32>
    ```

    The rewrite refines the convolution on non-finite inputs (where
    `0 * inf` and `0 * NaN` made NaN, the extraction copies the value) and on
    the sign of zero; it computes the same values on every other input.
  }];
  let dependentDialects = [
    "::patches::PatchesDialect",
    "::mlir::tensor::TensorDialect"
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

#endif // PATCHES_TRANSFORMS_PASSES_TD
