//===- PatchesAttrs.td - Attributes of the patches dialect -*- tablegen -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_TD
#define PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_TD

include "patches/Dialect/Patches/IR/PatchesDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

class Patches_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Patches_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

//===----------------------------------------------------------------------===//
// Precision
//===----------------------------------------------------------------------===//

def Patches_Precision : I32EnumAttr<"Precision",
    "precision of the convolution formulation (never changes a result)", [
      I32EnumAttrCase<"Default", 0, "DEFAULT">,
      I32EnumAttrCase<"High", 1, "HIGH">,
      I32EnumAttrCase<"Highest", 2, "HIGHEST">
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::patches";
}

def Patches_PrecisionAttr
    : EnumAttr<Patches_Dialect, Patches_Precision, "precision"> {
  let summary = "JAX's lax.Precision: DEFAULT, HIGH or HIGHEST";
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Padding
//===----------------------------------------------------------------------===//

def Patches_PaddingKind : I32EnumAttr<"PaddingKind", "kind of padding", [
      I32EnumAttrCase<"Explicit", 0, "EXPLICIT">,
      I32EnumAttrCase<"Same", 1, "SAME">,
      I32EnumAttrCase<"Valid", 2, "VALID">,
      I32EnumAttrCase<"SameLower", 3, "SAME_LOWER">
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::patches";
}

def Patches_PaddingAttr : Patches_Attr<"Padding", "padding"> {
  let summary = "SAME, VALID, SAME_LOWER, or explicit (low, high) pairs";
  let description = [{
    The padding of `patches.extract`, as JAX spells it: one of the strings
    `SAME`, `VALID`, `SAME_LOWER`, or one `[low, high]` pair per spatial
    dimension in canonical (`rhs_spec`) order. Explicit values may be
    negative, which crops.

    ```mlir
    #patches.padding<SAME>
    #patches.padding<[[1, 1], [0, -1]]>
    ```
  }];
  let parameters = (ins
    EnumParameter<Patches_PaddingKind>:$kind,
    ArrayRefParameter<"int64_t", "low padding (explicit only)">:$low,
    ArrayRefParameter<"int64_t", "high padding (explicit only)">:$high
  );
  let builders = [
    AttrBuilder<(ins "::patches::PaddingKind":$kind), [{
      return $_get($_ctxt, kind, ::llvm::ArrayRef<int64_t>(),
                   ::llvm::ArrayRef<int64_t>());
    }]>,
    AttrBuilder<(ins "::llvm::ArrayRef<int64_t>":$low,
                     "::llvm::ArrayRef<int64_t>":$high), [{
      return $_get($_ctxt, ::patches::PaddingKind::Explicit, low, high);
    }]>
  ];
  let extraClassDeclaration = [{
    bool isExplicit() const { return getKind() == PaddingKind::Explicit; }
    /// Parses the body shared by the attribute and the op's custom form:
    /// `SAME`, `VALID`, `SAME_LOWER` or `[[lo, hi], ...]`.
    static PaddingAttr parseBody(::mlir::AsmParser &parser);
    void printBody(::mlir::AsmPrinter &printer) const;
  }];
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Dimension numbers
//===----------------------------------------------------------------------===//

def Patches_DimensionNumbersAttr
    : Patches_Attr<"DimensionNumbers", "dimension_numbers"> {
  let summary = "JAX dimension numbers: (lhs_spec, rhs_spec, out_spec)";
  let description = [{
    The three layout strings of JAX's `dimension_numbers`, such as
    `("NHWC", "HWIO", "NHWC")`. `lhs_spec` and `out_spec` name the batch
    (`N`) and feature (`C`) dimensions, `rhs_spec` the output (`O`) and input
    (`I`) feature dimensions of the (implicit) filter; every other character
    is a spatial name. The order of the spatial names in `rhs_spec` is the
    canonical spatial order of every other clause. The strings are checked
    against the op's rank by the op's verifier.

    ```mlir
    #patches.dimension_numbers<"NHWC", "HWIO", "NHWC">
    ```
  }];
  let parameters = (ins
    StringRefParameter<"input (lhs) layout">:$lhs,
    StringRefParameter<"filter (rhs) layout">:$rhs,
    StringRefParameter<"output layout">:$out
  );
  let extraClassDeclaration = [{
    /// Parses/prints the three specs, `"lhs", "rhs", "out"`, without the
    /// surrounding delimiters (the attribute uses `<>`, the op `()`).
    static DimensionNumbersAttr parseBody(::mlir::AsmParser &parser);
    void printBody(::mlir::AsmPrinter &printer) const;
  }];
  let hasCustomAssemblyFormat = 1;
}

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESATTRS_TD
