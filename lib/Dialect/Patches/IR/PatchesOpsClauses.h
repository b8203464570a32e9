//===- PatchesOpsClauses.h - Clauses shared by the patches ops --*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `patches.extract` and its adjoint `patches.fold` carry the same clauses
// with the same syntax; these helpers read, parse and print them once for
// both. Private to the dialect's library.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_LIB_DIALECT_PATCHES_IR_PATCHESOPSCLAUSES_H
#define PATCHES_LIB_DIALECT_PATCHES_IR_PATCHESOPSCLAUSES_H

#include "patches/Dialect/Patches/IR/PatchesAttrs.h"
#include "patches/Dialect/Patches/IR/PatchesGeometry.h"

#include "mlir/IR/OpImplementation.h"

namespace patches {

/// The clauses of an op or adaptor of `patches.extract` or `patches.fold`.
template <typename OpOrAdaptor>
ExtractClauses getExtractClauses(OpOrAdaptor op) {
  ExtractClauses clauses;
  clauses.filterShape = op.getFilterShape();
  clauses.windowStrides = op.getWindowStrides();
  clauses.padding = op.getPadding();
  if (auto lhs = op.getLhsDilationAttr())
    clauses.lhsDilation = lhs.asArrayRef();
  if (auto rhs = op.getRhsDilationAttr())
    clauses.rhsDilation = rhs.asArrayRef();
  clauses.dimensionNumbers = op.getDimensionNumbersAttr();
  return clauses;
}

/// The clause attributes as written: null where an optional clause is
/// absent (the precision then stays null, meaning DEFAULT).
struct ExtractClauseAttrs {
  mlir::DenseI64ArrayAttr filterShape, windowStrides;
  PaddingAttr padding;
  mlir::DenseI64ArrayAttr lhsDilation, rhsDilation;
  DimensionNumbersAttr dimensionNumbers;
  PrecisionAttr precision;

  /// The attributes of clause values, as both ops' builders take them
  /// (empty dilations: absent), with the defaults dropped.
  static ExtractClauseAttrs
  get(mlir::Builder &b, llvm::ArrayRef<int64_t> filterShape,
      llvm::ArrayRef<int64_t> windowStrides, PaddingAttr padding,
      llvm::ArrayRef<int64_t> lhsDilation, llvm::ArrayRef<int64_t> rhsDilation,
      DimensionNumbersAttr dimensionNumbers, Precision precision);
  /// Drops the optional clauses that hold their default (all-ones
  /// dilations, dimension numbers that mean the default layouts), so that
  /// the parser and the builders store one meaning one way.
  void dropDefaults();

  /// Copies the attributes into an op's properties (both ops name them
  /// alike).
  template <typename Properties> void copyInto(Properties &props) const {
    props.filter_shape = filterShape;
    props.window_strides = windowStrides;
    props.padding = padding;
    props.lhs_dilation = lhsDilation;
    props.rhs_dilation = rhsDilation;
    props.dimension_numbers = dimensionNumbers;
    if (precision)
      props.precision = precision;
  }

  /// The attributes of an op.
  template <typename OpTy> static ExtractClauseAttrs of(OpTy op) {
    return {op.getFilterShapeAttr(), op.getWindowStridesAttr(),
            op.getPaddingAttr(),     op.getLhsDilationAttr(),
            op.getRhsDilationAttr(), op.getDimensionNumbersAttr(),
            op.getPrecisionAttr()};
  }
};

/// Parses `filter_shape = [..] window_strides = [..] padding = ..` and the
/// optional `lhs_dilation`, `rhs_dilation`, `dimension_numbers` and
/// `precision` clauses, in this order.
mlir::ParseResult parseExtractClauses(mlir::OpAsmParser &parser,
                                      ExtractClauseAttrs &clauses);

/// An integer of a clause list or padding pair; a keyword such as `true` is
/// an error, not the integer it would convert to.
mlir::ParseResult parseClauseInteger(mlir::AsmParser &parser, int64_t &value);

/// The optional attribute dictionary after the clauses, which must not
/// repeat a clause: the dictionary would silently override it.
mlir::ParseResult
parseAttrDictWithoutClauses(mlir::OpAsmParser &parser,
                            mlir::NamedAttrList &attributes,
                            llvm::ArrayRef<llvm::StringRef> clauseNames);

/// Rejects a discardable attribute named like a clause (possible in the
/// generic form), which would print and read as that clause.
mlir::LogicalResult
verifyNoShadowedClauses(mlir::Operation *op,
                        llvm::ArrayRef<llvm::StringRef> names);

/// Checks that the op can move (or, for patches.fold, `sums`) elements of
/// `elementType` with this geometry: the type has a storage format, and a
/// zero wherever one is read.
mlir::LogicalResult verifyElementType(mlir::Operation *op,
                                      mlir::Type elementType,
                                      const ExtractGeometry &geometry,
                                      bool sums);

/// Prints the clauses, omitting those that hold their default.
void printExtractClauses(mlir::OpAsmPrinter &p,
                         const ExtractClauseAttrs &clauses);

/// The `custom<ExtractClauses>` directive of both ops' assembly formats:
/// the clauses, then the attribute dictionary, which may not repeat one.
mlir::ParseResult parseExtractClauses(
    mlir::OpAsmParser &parser, mlir::DenseI64ArrayAttr &filterShape,
    mlir::DenseI64ArrayAttr &windowStrides, PaddingAttr &padding,
    mlir::DenseI64ArrayAttr &lhsDilation, mlir::DenseI64ArrayAttr &rhsDilation,
    DimensionNumbersAttr &dimensionNumbers, PrecisionAttr &precision,
    mlir::NamedAttrList &attributes);
void printExtractClauses(
    mlir::OpAsmPrinter &p, mlir::Operation *op,
    mlir::DenseI64ArrayAttr filterShape, mlir::DenseI64ArrayAttr windowStrides,
    PaddingAttr padding, mlir::DenseI64ArrayAttr lhsDilation,
    mlir::DenseI64ArrayAttr rhsDilation, DimensionNumbersAttr dimensionNumbers,
    PrecisionAttr precision, mlir::DictionaryAttr attributes);

} // namespace patches

#endif // PATCHES_LIB_DIALECT_PATCHES_IR_PATCHESOPSCLAUSES_H
