//===- Passes.td - Conversion passes of patches ------------*- tablegen -*-===//

#ifndef PATCHES_CONVERSION_PASSES_TD
#define PATCHES_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertPatchesToLinalg : Pass<"convert-patches-to-linalg"> {
  let summary = "Lower patches.extract to linalg, tensor, arith and affine";
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
    including dynamic sizes.
  }];
  let options = [
    Option<"strategy", "strategy", "::patches::LoweringStrategy",
           "::patches::LoweringStrategy::Gather",
           "How to lower patches.extract: `gather` or `conv`",
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

    Ops it does not handle (dynamic shapes or padding, complex elements, a
    batch-innermost result, lhs dilation on the feature-innermost form,
    zero-size input dims there) are left for `convert-patches-to-linalg`.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of the vectors to use, in bits (8 to 2048)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect"
  ];
}

#endif // PATCHES_CONVERSION_PASSES_TD
