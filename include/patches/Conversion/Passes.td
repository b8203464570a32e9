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
           [{::llvm::cl::values(
               clEnumValN(::patches::LoweringStrategy::Gather, "gather",
                          "a direct, exact gather (linalg.generic)"),
               clEnumValN(::patches::LoweringStrategy::Conv, "conv",
                          "JAX's depthwise convolution with a one-hot "
                          "filter"))}]>
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::complex::ComplexDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // PATCHES_CONVERSION_PASSES_TD
