//===- Passes.td - Conversion passes of patches ------------*- tablegen -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_CONVERSION_PASSES_TD
#define PATCHES_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertPatchesToLinalg : Pass<"convert-patches-to-linalg"> {
  let summary = "Lower patches.extract and patches.fold to linalg, tensor, "
                "arith, affine and scf";
  let description = [{
    Replaces every `patches.extract` with upstream ops, by one of two
    strategies:

    * `gather` (default): a `linalg.generic` that copies each result element
      from the input through the op's index map; padding and the holes of
      lhs dilation read zero. Exact for every input: it copies, never
      multiplies.
    * `conv`: JAX's own formulation, a feature-grouped (depthwise)
      convolution with a computed one-hot filter. Equal to `gather` on every
      integer and finite input except for the sign of zero; an infinity or
      NaN in a window spreads NaN into that window's other features
      (0 * inf), as in JAX.

    Both strategies support every configuration the verifier accepts,
    including dynamic sizes; `conv` rejects the small float formats (f8,
    f6, f4), which have no arithmetic to convolve with, with an error at
    the op.

    Every `patches.fold` becomes a gather-sum, whatever the strategy: one
    `linalg.generic` over the result and the window positions whose element
    adds the patch elements that read it (types without addition are
    rejected at the op).
  }];
  let options = [
    Option<"strategy", "strategy", "::patches::LoweringStrategy",
           "::patches::LoweringStrategy::Gather",
           "How to lower patches.extract: `gather` or `conv` "
           "(default: gather)",
           [{::patches::loweringStrategyValues()}]>
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::complex::ComplexDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def ConvertPatchesToVector : Pass<"convert-patches-to-vector"> {
  let summary = "Lower patches.extract to vectorized loops (the CPU gather)";
  let description = [{
    The gather strategy's fast path for CPUs. Each `patches.extract` with
    static shapes and padding becomes an `scf.forall` over the result's rows
    (every result dimension but the innermost); each row is written with
    vector transfers, never multiplied:

    * Innermost result dimension spatial (NCHW-like): the row is the input
      row under one window position. The positions that read padding are
      split off and filled with zeros; the interior is copied with unmasked
      vector loads and stores (stride 1), or wide loads and a shuffle
      (stride > 1), and a masked or scalar tail. Rows whose other
      coordinates fall into padding are zero-filled.
    * Innermost result dimension the feature (NHWC-like): for each output
      position, blocks of channels are read from each window position
      (contiguous in the input), transposed in registers and stored
      sequentially (feature c * K + k).

    The vector widths come from the CPU each function is compiled for:
    the function's `target_cpu` and `target_features`, else the module's
    `llvm.target` or `llvm.target_triple`, else the `cpu` option; a DLTI
    `"CPU"` device's `max_vector_op_width` caps them. Each CPU has a row
    strategy (a width for stride-1 copies and fills, strided rows, lhs
    dilation and the feature-innermost transpose); `vector-bits` overrides
    them all.

    Ops it does not handle (dynamic shapes or padding, complex elements, a
    batch-innermost result, lhs dilation on the feature-innermost form,
    zero-size input dims there) are left for `convert-patches-to-linalg`.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"0",
           "Width of every vector, in bits: 8 to 2048, or 0 for the widths "
           "the target CPU chooses per kind of row (default: 0)">,
    Option<"cpu", "cpu", "std::string", /*default=*/"\"native\"",
           "The CPU where the IR names none (a function's target_cpu, the "
           "module's llvm.target or llvm.target_triple win), as LLVM names "
           "it, or native (default: native, the host)">,
    Option<"nontemporalBytes", "nontemporal-bytes", "int64_t",
           /*default=*/"-1",
           "Results larger than this many bytes write their aligned rows "
           "with streaming (non-temporal) stores, marked here and made by "
           "patches-nontemporal-stores; -1: larger than the last-level "
           "cache (32 MiB), rows of 1 KiB or more (default: -1)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect"
  ];
}

//===----------------------------------------------------------------------===//
// LinalgToGPULaunch
//===----------------------------------------------------------------------===//

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

    With `device-buffers`, the function's memrefs are device memory (see
    `patches-allocate-on-device`), except what `memref.alloc` and
    `memref.alloca` allocate and private functions' arguments, which are the
    host's own bookkeeping (of lowered deallocations): each launch uses the
    memrefs as they are, with no device buffers, copies or host staging
    around it, between a `gpu.wait async` and a `gpu.wait` on its stream; a
    `memref.copy` between device buffers becomes a `linalg.copy` and so a
    kernel; `memref.dealloc` of device memory becomes `gpu.dealloc`. An op
    that cannot be a kernel, a kernel on host memory, a copy between host
    and device memory, or a host op that reads or writes device memory is
    an error at that op.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"256",
           "Threads per block: 1 to 1024 (default: 256)">,
    Option<"indexBitwidth", "index-bitwidth", "unsigned", /*default=*/"32",
           "Bit width of the kernels' thread-index arithmetic where it is "
           "provably exact: 32 or 64 (default: 32)">,
    Option<"deviceBuffers", "device-buffers", "bool", /*default=*/"false",
           "The memrefs are in device memory: launch on them directly, no "
           "device buffers or copies per kernel (default: false)">,
    Option<"vectorStores", "vector-stores", "bool", /*default=*/"true",
           "Each thread stores 16 bytes of consecutive output elements as "
           "one vector per output: consecutive points of the innermost "
           "loop where its size is a multiple of the vector and the outputs "
           "index their innermost dimension with it, else consecutive flat "
           "points where the outputs' elements are in the loops' order; "
           "inputs read as vector loads where their lanes are consecutive "
           "and aligned; off: one element a thread (default: true)">,
    Option<"minThreads", "min-threads", "int64_t", /*default=*/"65536",
           "With vector-stores, each thread loops over the outermost "
           "parallel loop (its index only moves addresses in a gather), or "
           "over the longest chunk of it that divides it, where the threads "
           "still number this many, so that the index decomposition and "
           "the padding test are made once a thread; 0: the whole loop "
           "(default: 65536)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def AllocateOnDevice : Pass<"patches-allocate-on-device",
                            "::mlir::func::FuncOp"> {
  let summary = "Allocate bufferization's buffers in device memory";
  let description = [{
    For functions whose memrefs live in device memory (the `device-buffers`
    mode of the GPU pipelines), after the deallocations are placed and
    before they are lowered (`bufferization-lower-deallocations`, whose own
    bookkeeping then stays in host memory):

    * `memref.alloc` becomes `gpu.alloc`, synchronous on a stream of its own
      (`gpu.wait async` ... `gpu.wait`), so that a function's results are
      device memory that the caller owns (and frees with `mgpuMemFree`);
    * `bufferization.clone` becomes a device buffer and a `memref.copy`
      (which `patches-linalg-to-gpu-launch{device-buffers}` makes a kernel);
    * `memref.get_global` (a constant tensor, which stays in host memory)
      becomes a device buffer that the constant is copied into
      (`gpu.memcpy`) where it is read, freed at the end of its block.

    The deallocations, once lowered, are turned into `gpu.dealloc` by
    `patches-linalg-to-gpu-launch{device-buffers}`.
  }];
  let dependentDialects = [
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def WidenKernelArguments : Pass<"patches-widen-kernel-arguments",
                                "::mlir::ModuleOp"> {
  let summary = "Pass the GPU kernels' odd-width integer arguments as bytes";
  let description = [{
    After `gpu-kernel-outlining`: a kernel argument of an integer type whose
    width is not 1 or a power of two of at least 8 (a scalar `i4` that a
    `linalg.fill` writes, an `i24`) becomes the next such width, extended
    (`arith.extui`) at each `gpu.launch_func` and truncated back
    (`arith.trunci`) at the kernel's entry. LLVM's NVPTX backend declares
    such arguments as `.param .u4`, which no PTX assembler accepts.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect"
  ];
}

//===----------------------------------------------------------------------===//
// LinalgToPatches
//===----------------------------------------------------------------------===//

def RaiseOneHotConvToPatches : Pass<"patches-raise-one-hot-conv"> {
  let summary = "Replace depthwise and grouped convolutions with a one-hot "
                "filter by patches.extract";
  let description = [{
    JAX computes `conv_general_dilated_patches` as a depthwise convolution
    whose filter is a one-hot tensor. This pass finds such convolutions in
    linalg and replaces each by the `patches.extract` it computes, split
    back to the convolution's shape by `tensor.expand_shape`.

    Matched: `linalg.depthwise_conv_1d_nwc_wcm`,
    `linalg.depthwise_conv_2d_nhwc_hwcm`,
    `linalg.depthwise_conv_3d_ndhwc_dhwcm` and their forms without a
    multiplier (`_wc`, `_hwc`, `_dhwc`: a 1x..x1 window), `linalg.conv_1d_nwc_wcf`,
    `linalg.conv_2d_nhwc_hwcf`, `linalg.conv_3d_ndhwc_dhwcf` of one input
    channel (StableHLO's form for C = 1), a `linalg.generic` with a depthwise
    op's indexing maps, or a grouped `linalg.generic` convolution with C
    feature groups in any layout and 0 to 3 spatial dimensions (as
    StableHLO's general conversion writes JAX's NCHW/OIHW: the input's C
    split into (G, 1), the filter's O into (G, K); no split for C = 1;
    raised with the operands' own dimension numbers), on tensors of static
    shapes, whose
    * payload is `acc + cast(in) * cast(filter)`, each cast a chain of zero
      or more arith conversions (`preferred_element_type`: the extraction
      of the narrow input is converted afterwards, which is exact);
    * filter, of shape `(spatial..., C, K)` with K the window size, holds
      exactly one where `k` is the row-major window position
      (`kh * KW + kw`) and zero everywhere else (every element is checked;
      a float zero must be +0.0); a filter with zeros between its taps
      (StableHLO's rhs dilation) is that window dilated. It is a constant
      (possibly behind `tensor.expand_shape`/`collapse_shape`), or is
      computed from constants and indices (`linalg.generic` and
      `tensor.generate` whose payload uses `linalg.index` and scalar arith
      ops, `linalg.broadcast`, `linalg.transpose`, `linalg.fill`, reshapes,
      static slices and pads) and evaluated at compile time within
      `max-evaluated-elements`;
    * output starts at zero (`linalg.fill` of zero, a zero constant, or
      evaluated to zeros like the filter);
    * input is the input itself or, outermost first, `tensor.pad`s of the
      spatial dimensions by static amounts with a constant zero (positive
      padding), `tensor.extract_slice`s of them with unit strides
      (negative padding), and innermost a strided `tensor.insert_slice` of
      the whole input into a zero tensor (lhs dilation, and padding by its
      offsets and trailing zeros);
    * discardable `precision_config`, if any, names DEFAULT, HIGH or
      HIGHEST for the input (`#patches.precision`, a string, or
      `#stablehlo<precision ...>`); it becomes `precision`.
    Strides become `window_strides`, dilations `rhs_dilation`; dimension
    numbers are channels-last (`NWC`/`NHWC`/`NDHWC`) for the named ops; a
    convolution whose output is smaller than the number of windows is left
    alone, and with `remarks=true` every candidate left alone gets a remark
    saying why.

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
    docs/Lowering.md lists every form with an example.

    The rewrite refines the convolution on non-finite inputs (where
    `0 * inf` and `0 * NaN` made NaN, the extraction copies the value) and on
    the sign of zero; it computes the same values on every other input.
  }];
  let options = [
    Option<"maxEvaluatedElements", "max-evaluated-elements", "int64_t",
           /*default=*/"1048576",
           "Bound on the work of evaluating a computed filter: elements of "
           "every evaluated tensor plus iterations of every evaluated loop "
           "nest; a filter that needs more is left alone (default: 1048576)">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "Emit a remark on each candidate convolution that is not raised, "
           "saying why (default: false)">
  ];
  let dependentDialects = [
    "::patches::PatchesDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

//===----------------------------------------------------------------------===//
// LinalgConvToPatches
//===----------------------------------------------------------------------===//

def ConvertLinalgConvToPatches : Pass<"convert-linalg-conv-to-patches"> {
  let summary = "Rewrite linalg convolutions as patches.extract and a "
                "contraction (im2col + GEMM)";
  let description = [{
    Replaces each convolution on tensors with static shapes by one
    `patches.extract` of its input, a contraction of the patches with the
    filter, and the reshapes between them:

    * the named convolutions of linalg: `conv_{1,2,3}d` and every layout
      (`nwc_wcf`, `ncw_fcw`, `nhwc_hwcf`, `nhwc_fhwc`, `nchw_fchw`,
      `ndhwc_dhwcf`, `ncdhw_fcdhw`), the grouped `ngchw_fgchw`,
      `ngchw_gfchw` and `nhwgc_gfhwc`, the depthwise forms with and without
      a channel multiplier, and the quantized `_q` forms with their zero
      points;
    * `linalg.generic` convolutions (`linalg::isaConvolutionOpInterface`)
      whose payload is a multiply-accumulate: output + f(input) * g(filter),
      with at most one batch, group, input-channel and output-channel
      dimension.

    The extraction keeps the input's layout: its dimension numbers are the
    input's own (`lhs_spec` = `out_spec`), so the input is never transposed
    and its contiguous dimension stays innermost in the patches. Strides
    become `window_strides`, dilations `rhs_dilation`; a `tensor.pad` of the
    input's spatial dimensions with a constant zero becomes the explicit
    padding. The filter is transposed (where needed) and reshaped once, into
    the feature order of the patches (input channel major, then the window
    position row-major); a constant filter becomes a new constant. The contraction is `linalg.matmul`,
    `linalg.batch_matmul`, `linalg.quantized_matmul` or
    `linalg.quantized_batch_matmul` where the layouts make it one, and
    otherwise a `linalg.generic` holding the convolution's own payload.

    Integer convolutions give exactly the original results; float ones
    agree up to the reassociation of the sums.

    Convolutions it does not take (buffers, dynamic shapes, a non-zero
    padding value, another payload, a form it does not know) stay as they
    are; with `remarks`, each gets a remark that says why.
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "Emit a remark at each convolution left alone, saying why "
           "(default: false)">
  ];
  let dependentDialects = [
    "::patches::PatchesDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // PATCHES_CONVERSION_PASSES_TD
