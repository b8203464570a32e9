//===- PatchesDialect.td - The patches dialect -------------*- tablegen -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `patches` dialect: patch extraction (im2col) as a first-class op.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESDIALECT_TD
#define PATCHES_DIALECT_PATCHES_IR_PATCHESDIALECT_TD

include "mlir/IR/OpBase.td"

def Patches_Dialect : Dialect {
  let name = "patches";
  let cppNamespace = "::patches";
  let summary = "Patch extraction (im2col) with the semantics of JAX's "
                "conv_general_dilated_patches";
  let description = [{
    The `patches` dialect holds `patches.extract`, which gathers the receptive
    field of every output position of a convolution into the feature
    dimension of its result, exactly as
    `jax.lax.conv_general_dilated_patches` does. It lowers to upstream
    `linalg` either as a direct gather or as JAX's own formulation, a
    depthwise convolution with a one-hot filter.
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    // Folded extractions of constants are arith.constant; canonicalization
    // rewrites permutation-only extractions to linalg.transpose.
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
  // See PatchesCanonicalize.cpp.
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
  let usePropertiesForAttributes = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

class Patches_Op<string mnemonic, list<Trait> traits = []>
    : Op<Patches_Dialect, mnemonic, traits>;

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESDIALECT_TD
