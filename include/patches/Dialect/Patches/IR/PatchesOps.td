//===- PatchesOps.td - Operations of the patches dialect ---*- tablegen -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESOPS_TD
#define PATCHES_DIALECT_PATCHES_IR_PATCHESOPS_TD

include "patches/Dialect/Patches/IR/PatchesDialect.td"
include "patches/Dialect/Patches/IR/PatchesAttrs.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/RuntimeVerifiableOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

/// Element types the op moves: it copies values, so any scalar type works.
def Patches_ElementType
    : AnyTypeOf<[AnyInteger, Index, AnyFloat, Complex<AnyFloat>]>;
def Patches_Tensor : RankedTensorOf<[Patches_ElementType]>;

// The clauses of `patches.extract` and of its adjoint `patches.fold`: the
// same attributes, parsed and printed by one custom directive
// (custom<ExtractClauses>) in both ops' assembly formats.
defvar Patches_ExtractClauses = (ins
    DenseI64ArrayAttr:$filter_shape,
    DenseI64ArrayAttr:$window_strides,
    Patches_PaddingAttr:$padding,
    OptionalAttr<DenseI64ArrayAttr>:$lhs_dilation,
    OptionalAttr<DenseI64ArrayAttr>:$rhs_dilation,
    OptionalAttr<Patches_DimensionNumbersAttr>:$dimension_numbers,
    DefaultValuedAttr<Patches_PrecisionAttr,
                      "::patches::Precision::Default">:$precision
);

def Patches_ExtractOp : Patches_Op<"extract", [
    Pure,
    InferTypeOpAdaptorWithIsCompatible,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface,
                              ["reifyResultShapes"]>,
    // Checks under -generate-runtime-verification what dynamic sizes leave
    // to run time (see PatchesRuntimeVerification.cpp).
    DeclareOpInterfaceMethods<RuntimeVerifiableOpInterface>
  ]> {
  let summary = "Extract convolution patches (jax.lax.conv_general_dilated_patches)";
  let description = [{
    Gathers, for every output position of the convolution that the clauses
    describe, the input values under its receptive field into the feature
    dimension of the result. The semantics are exactly those of
    `jax.lax.conv_general_dilated_patches`:

    * `n` spatial dimensions (any `n >= 0`); the input has rank `n + 2`.
    * `filter_shape`, `window_strides`, `padding`, `lhs_dilation` and
      `rhs_dilation` are given in the canonical spatial order, which is the
      order of the spatial names in the `rhs_spec` of `dimension_numbers`.
    * `padding` is `SAME`, `VALID`, `SAME_LOWER` or explicit `[low, high]`
      pairs (negative values crop). String padding is resolved on the
      undilated input size and cannot be combined with `lhs_dilation`.
    * The result's feature dimension has size `C * prod(filter_shape)`;
      feature `f = c * K + k` holds input channel `c` at window position `k`
      (row-major over `filter_shape`). Positions in padding or in the holes
      of `lhs_dilation` read zero.
    * `precision` is carried for the convolution formulation and never
      changes a result: the op copies values, bit for bit.

    Optional clauses and their defaults: `lhs_dilation` and `rhs_dilation`
    all ones, `dimension_numbers` `("NC...", "OI...", "NC...")`, `precision`
    `DEFAULT`. The printer omits a clause that holds its default.

    Example (the worked example of the specification):

    ```mlir
    // 1..9 in a 3x3 image; four 2x2 windows; feature 0 is each window's
    // top-left element: [[1, 2], [4, 5]].
    %p = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1]
           padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>

    %y = patches.extract %x filter_shape = [3, 3] window_strides = [2, 1]
           padding = [[1, 1], [0, -1]]
           rhs_dilation = [2, 2]
           dimension_numbers = ("NHWC", "HWIO", "NHWC")
           precision = HIGHEST
           : tensor<2x9x9x3xf32> -> tensor<2x4x4x27xf32>
    ```
  }];

  let arguments = !con((ins Patches_Tensor:$input), Patches_ExtractClauses);
  let results = (outs Patches_Tensor:$result);

  let builders = [
    // Infers the result type; the optional clauses take their defaults
    // when null/empty.
    OpBuilder<(ins "::mlir::Value":$input,
                   "::llvm::ArrayRef<int64_t>":$filterShape,
                   "::llvm::ArrayRef<int64_t>":$windowStrides,
                   "PaddingAttr":$padding,
                   CArg<"::llvm::ArrayRef<int64_t>", "{}">:$lhsDilation,
                   CArg<"::llvm::ArrayRef<int64_t>", "{}">:$rhsDilation,
                   CArg<"DimensionNumbersAttr", "{}">:$dimensionNumbers,
                   CArg<"Precision", "Precision::Default">:$precision)>
  ];

  let extraClassDeclaration = [{
    /// The number of spatial dimensions, n.
    int64_t getNumSpatialDims() { return getFilterShape().size(); }
    /// The op's geometry (see PatchesGeometry.h); reports a problem on the op.
    ::mlir::FailureOr<::patches::ExtractGeometry> getGeometry();
    /// The same, reporting nothing (for patterns and folds).
    ::mlir::FailureOr<::patches::ExtractGeometry> getGeometryQuietly();
  }];

  let assemblyFormat = [{
    $input custom<ExtractClauses>($filter_shape, $window_strides, $padding,
                                  $lhs_dilation, $rhs_dilation,
                                  $dimension_numbers, $precision, attr-dict)
    `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  // See PatchesCanonicalize.cpp.
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Patches_FoldOp : Patches_Op<"fold", [
    Pure,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface,
                              ["reifyResultShapes"]>,
    DeclareOpInterfaceMethods<RuntimeVerifiableOpInterface>
  ]> {
  let summary = "The adjoint of patches.extract (col2im)";
  let description = [{
    Takes a tensor of the shape that `patches.extract` with the same clauses
    would produce from the result type, and returns the input-shaped tensor
    whose every element is the sum of the patch elements that read it.
    Patch elements that read padding or the holes of `lhs_dilation` are
    dropped. It is the transpose of the extraction as a linear map:

    ```
    sum(extract(x) * y) == sum(x * fold(y))
    ```

    The clauses and their syntax are exactly those of `patches.extract`.
    Strides and padding lose information, so the result (input) type is
    not inferred: it is written, and the verifier checks that the operand
    has the extraction's shape for it.

    ```mlir
    %x = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1]
           padding = VALID : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
    ```

    A dynamic batch or channel size of the result is taken from the
    patches (channels = features / K). A dynamic spatial size cannot be
    (strides and padding lose it): each one is an `index` operand in
    `spatial_sizes`, in result dimension order, as `tensor.empty` takes
    its dynamic sizes.

    ```mlir
    %x = patches.fold %y spatial_sizes(%h, %w) filter_shape = [3, 3]
           window_strides = [2, 2] padding = SAME
           : tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
    ```
  }];

  let arguments = !con((ins Patches_Tensor:$patches,
                            Variadic<Index>:$spatial_sizes),
                       Patches_ExtractClauses);
  let results = (outs Patches_Tensor:$result);

  let builders = [
    // The result (input) type is given: strides and padding lose it. The
    // optional clauses take their defaults when null/empty, and those that
    // hold their default are stored absent, as the parser stores them.
    OpBuilder<(ins "::mlir::Type":$resultType,
                   "::mlir::Value":$patches,
                   "::mlir::ValueRange":$spatialSizes,
                   "::llvm::ArrayRef<int64_t>":$filterShape,
                   "::llvm::ArrayRef<int64_t>":$windowStrides,
                   "PaddingAttr":$padding,
                   CArg<"::llvm::ArrayRef<int64_t>", "{}">:$lhsDilation,
                   CArg<"::llvm::ArrayRef<int64_t>", "{}">:$rhsDilation,
                   CArg<"DimensionNumbersAttr", "{}">:$dimensionNumbers,
                   CArg<"Precision", "Precision::Default">:$precision)>
  ];

  let extraClassDeclaration = [{
    /// The number of spatial dimensions, n.
    int64_t getNumSpatialDims() { return getFilterShape().size(); }
    /// The geometry of the extraction this op is the adjoint of: computed
    /// from the result (input) type. Reports a problem on the op.
    ::mlir::FailureOr<::patches::ExtractGeometry> getGeometry();
    /// The same, reporting nothing (for patterns and folds).
    ::mlir::FailureOr<::patches::ExtractGeometry> getGeometryQuietly();
    /// The result sizes: static ones as attributes, dynamic batch and
    /// channels from the patches, dynamic spatial sizes from
    /// `spatial_sizes`.
    ::llvm::SmallVector<::mlir::OpFoldResult>
    getMixedResultSizes(::mlir::OpBuilder &b,
                        const ::patches::ExtractGeometry &geometry);
    /// The result dimension that each `spatial_sizes` operand gives, in
    /// operand order: the dynamic spatial dimensions of the result type, in
    /// dimension order (not the canonical spatial order). Every reader of
    /// `spatial_sizes` pairs them through this.
    static ::llvm::SmallVector<int64_t>
    getSpatialSizeDims(::llvm::ArrayRef<int64_t> resultShape,
                       const ::patches::DimensionLayouts &layouts);
  }];

  let assemblyFormat = [{
    $patches (`spatial_sizes` `(` $spatial_sizes^ `)`)?
    custom<ExtractClauses>($filter_shape, $window_strides, $padding,
                           $lhs_dilation, $rhs_dilation, $dimension_numbers,
                           $precision, attr-dict)
    `:` type($patches) `->` type($result)
  }];
  let hasVerifier = 1;
  // See PatchesCanonicalize.cpp.
  let hasCanonicalizer = 1;
}

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESOPS_TD
