// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

/*===-- patches-c/Dialect/Patches.h - C API of the patches dialect -*- C
-*-===*\
|*                                                                            *|
|* The patches dialect through MLIR's C API: its registration handle, the     *|
|* creation of `patches.extract` and `patches.fold` and the reading back of   *|
|* their clauses, the dialect's attributes, and the extraction's geometry     *|
|* (its result shape) without building IR.                                    *|
|*                                                                            *|
|* No function here crashes on bad arguments: creators return a null          *|
|* operation or attribute and report the problem (through the context's      *|
|* diagnostic handlers, or the error callback of a query); accessors return  *|
|* the documented fallback value.                                             *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef PATCHES_C_DIALECT_PATCHES_H
#define PATCHES_C_DIALECT_PATCHES_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Declares `mlirGetDialectHandle__patches__()`: insert it into a registry
/// with `mlirDialectHandleInsertDialect` or load it into a context with
/// `mlirDialectHandleLoadDialect`. The creators below also load the dialect
/// into the context they use when it is not loaded yet.
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Patches, patches);

/// The padding of `patches.extract` (its C++ counterpart is
/// `patches::PaddingKind`).
typedef enum PatchesPaddingKind {
  /// One `[low, high]` pair per spatial dimension; negative values crop.
  PatchesPaddingExplicit = 0,
  PatchesPaddingSame = 1,
  PatchesPaddingValid = 2,
  PatchesPaddingSameLower = 3,
} PatchesPaddingKind;

/// JAX's `lax.Precision` (`patches::Precision`); it never changes a result.
typedef enum PatchesPrecision {
  PatchesPrecisionDefault = 0,
  PatchesPrecisionHigh = 1,
  PatchesPrecisionHighest = 2,
} PatchesPrecision;

//===----------------------------------------------------------------------===//
// The clauses
//
// Both ops take their clauses as the same C arguments:
//
//  - `numSpatialDims`: n, the number of spatial dimensions (n >= 0); every
//    array below has n elements, in the canonical spatial order (that of the
//    spatial names in `rhsSpec`), and may be NULL when n is 0;
//  - `filterShape`, `windowStrides`: required;
//  - `padding`, with `padLow` and `padHigh`: required when `padding` is
//    `PatchesPaddingExplicit`, ignored otherwise (may be NULL);
//  - `lhsDilation`, `rhsDilation`: NULL means all ones;
//  - `lhsSpec`, `rhsSpec`, `outSpec`: the NUL-terminated layout strings of
//    JAX's `dimension_numbers` (such as "NHWC", "HWIO", "NHWC"), all three
//    or none: NULL means the default layouts ("NC01..", "OI01..", "NC01..").
//
// Clauses that hold their default (all-ones dilations, dimension numbers that
// mean the default layouts) are stored absent, as the parser stores them.
//===----------------------------------------------------------------------===//

/// Creates a detached `patches.extract` of `input` (a ranked tensor) at
/// `location`; insert it into a block with `mlirBlockInsertOwnedOperation*`
/// or `mlirBlockAppendOwnedOperation`. The result type is inferred. The
/// clauses are as described above.
///
/// When the clauses do not describe a valid extraction of `input` (wrong
/// rank, non-positive sizes, malformed specs, string padding with lhs
/// dilation, ...), emits an error diagnostic at `location` through the
/// context's diagnostic handlers and returns a null operation (check it with
/// `mlirOperationIsNull`).
MLIR_CAPI_EXPORTED MlirOperation patchesExtractOpCreate(
    MlirLocation location, MlirValue input, intptr_t numSpatialDims,
    const int64_t *filterShape, const int64_t *windowStrides,
    PatchesPaddingKind padding, const int64_t *padLow, const int64_t *padHigh,
    const int64_t *lhsDilation, const int64_t *rhsDilation, const char *lhsSpec,
    const char *rhsSpec, const char *outSpec, PatchesPrecision precision);

/// Creates a detached `patches.fold` (the adjoint of `patches.extract`) of
/// `patches` (a ranked tensor) at `location`, with the clauses described
/// above. The result type is not inferred (strides and padding lose the
/// input's size): `resultType` is the input-shaped ranked tensor type, and
/// `patches` must have the shape that `patches.extract` with the same
/// clauses gives for it (`patchesInferExtractResultShape` computes it).
///
/// `spatialSizes` holds `numSpatialSizes` values of type `index`, one per
/// dynamic spatial size of `resultType`, in result dimension order (as
/// `tensor.empty` takes its dynamic sizes); it may be NULL when
/// `numSpatialSizes` is 0. Dynamic batch and channel sizes need none: they
/// come from `patches`.
///
/// On bad arguments or clauses that do not verify, emits an error diagnostic
/// at `location` (the op verifier's message, "'patches.fold' op ...", for
/// the clauses and shapes) and returns a null operation.
MLIR_CAPI_EXPORTED MlirOperation patchesFoldOpCreate(
    MlirLocation location, MlirValue patches, MlirType resultType,
    intptr_t numSpatialSizes, const MlirValue *spatialSizes,
    intptr_t numSpatialDims, const int64_t *filterShape,
    const int64_t *windowStrides, PatchesPaddingKind padding,
    const int64_t *padLow, const int64_t *padHigh, const int64_t *lhsDilation,
    const int64_t *rhsDilation, const char *lhsSpec, const char *rhsSpec,
    const char *outSpec, PatchesPrecision precision);

/// Whether `op` is a `patches.extract` (false for a null operation).
MLIR_CAPI_EXPORTED bool patchesOperationIsAExtractOp(MlirOperation op);

/// Whether `op` is a `patches.fold` (false for a null operation).
MLIR_CAPI_EXPORTED bool patchesOperationIsAFoldOp(MlirOperation op);

//===----------------------------------------------------------------------===//
// Reading the clauses of an op back
//
// The accessors below read the clauses of a `patches.extract` or a
// `patches.fold`. The clauses are also the op's inherent attributes, which
// `mlirOperationGetAttributeByName` reads under these names:
//
//   "filter_shape", "window_strides"   DenseI64ArrayAttr (array<i64: ...>)
//   "padding"                          #patches.padding
//   "lhs_dilation", "rhs_dilation"     DenseI64ArrayAttr, absent: all ones
//   "dimension_numbers"                #patches.dimension_numbers, absent:
//                                      the default layouts
//   "precision"                        #patches.precision
//
// A `patches.fold`'s operand 0 is the patches, the others its
// `spatial_sizes` (`mlirOperationGetNumOperands`, `mlirOperationGetOperand`).
//===----------------------------------------------------------------------===//

/// The number of spatial dimensions n of a `patches.extract` or
/// `patches.fold` (the length of its `filter_shape`); -1 for any other
/// operation.
MLIR_CAPI_EXPORTED intptr_t patchesOperationGetNumSpatialDims(MlirOperation op);

/// Writes the n values of the op's `filter_shape` to `filterShape`, which
/// has room for `patchesOperationGetNumSpatialDims(op)` values. Returns false
/// and writes nothing when `op` is not a `patches.extract` or `patches.fold`
/// (or the clause does not have n values).
MLIR_CAPI_EXPORTED bool patchesOperationGetFilterShape(MlirOperation op,
                                                       int64_t *filterShape);

/// Writes the n values of the op's `window_strides`, as
/// `patchesOperationGetFilterShape` does.
MLIR_CAPI_EXPORTED bool
patchesOperationGetWindowStrides(MlirOperation op, int64_t *windowStrides);

/// Writes the n values of the op's `lhs_dilation` (all ones when the clause
/// is absent), as `patchesOperationGetFilterShape` does.
MLIR_CAPI_EXPORTED bool patchesOperationGetLhsDilation(MlirOperation op,
                                                       int64_t *lhsDilation);

/// Writes the n values of the op's `rhs_dilation` (all ones when the clause
/// is absent), as `patchesOperationGetFilterShape` does.
MLIR_CAPI_EXPORTED bool patchesOperationGetRhsDilation(MlirOperation op,
                                                       int64_t *rhsDilation);

/// The op's `#patches.padding` attribute (read it with the padding
/// accessors below); a null attribute when `op` is not a `patches.extract`
/// or `patches.fold`.
MLIR_CAPI_EXPORTED MlirAttribute patchesOperationGetPadding(MlirOperation op);

/// The op's `#patches.dimension_numbers` attribute; a null attribute when
/// the op has the default layouts (the clause is absent) or `op` is not a
/// `patches.extract` or `patches.fold`.
MLIR_CAPI_EXPORTED MlirAttribute
patchesOperationGetDimensionNumbers(MlirOperation op);

/// The op's precision (`PatchesPrecisionDefault` when the clause is
/// absent); `(PatchesPrecision)-1` when `op` is not a `patches.extract` or
/// `patches.fold`.
MLIR_CAPI_EXPORTED PatchesPrecision
patchesOperationGetPrecision(MlirOperation op);

//===----------------------------------------------------------------------===//
// #patches.padding
//===----------------------------------------------------------------------===//

/// Creates a `#patches.padding` in `ctx`: for `PatchesPaddingExplicit`,
/// `numPairs` `[low[i], high[i]]` pairs (one per spatial dimension; negative
/// values crop); for `PatchesPaddingSame`, `PatchesPaddingValid` and
/// `PatchesPaddingSameLower`, no pairs (`numPairs` 0, `low` and `high` may
/// be NULL). On bad arguments (an unknown kind, pairs with a string kind, a
/// negative count, NULL arrays with pairs) emits an error diagnostic at an
/// unknown location of `ctx` and returns a null attribute (check it with
/// `mlirAttributeIsNull`).
MLIR_CAPI_EXPORTED MlirAttribute patchesPaddingAttrGet(MlirContext ctx,
                                                       PatchesPaddingKind kind,
                                                       intptr_t numPairs,
                                                       const int64_t *low,
                                                       const int64_t *high);

/// Whether `attr` is a `#patches.padding` (false for a null attribute).
MLIR_CAPI_EXPORTED bool patchesAttributeIsAPadding(MlirAttribute attr);

/// The kind of a `#patches.padding`; `(PatchesPaddingKind)-1` for any other
/// attribute.
MLIR_CAPI_EXPORTED PatchesPaddingKind
patchesPaddingAttrGetKind(MlirAttribute attr);

/// The number of explicit `[low, high]` pairs of a `#patches.padding` (0 for
/// a string kind); -1 for any other attribute.
MLIR_CAPI_EXPORTED intptr_t patchesPaddingAttrGetNumPairs(MlirAttribute attr);

/// Writes pair `pos` of a `#patches.padding` to `*low` and `*high`. Returns
/// false and writes nothing when `attr` is not a `#patches.padding` or `pos`
/// is not in [0, patchesPaddingAttrGetNumPairs(attr)).
MLIR_CAPI_EXPORTED bool patchesPaddingAttrGetPair(MlirAttribute attr,
                                                  intptr_t pos, int64_t *low,
                                                  int64_t *high);

/// The TypeID of `#patches.padding` (`mlirAttributeGetTypeID`).
MLIR_CAPI_EXPORTED MlirTypeID patchesPaddingAttrGetTypeID(void);

//===----------------------------------------------------------------------===//
// #patches.dimension_numbers
//===----------------------------------------------------------------------===//

/// Creates a `#patches.dimension_numbers` of three JAX layout strings in
/// `ctx`. The strings are checked against a rank only where the attribute
/// is used (by the op's verifier, `patchesInferExtractResultShape`). Returns
/// a null attribute for a null context.
MLIR_CAPI_EXPORTED MlirAttribute
patchesDimensionNumbersAttrGet(MlirContext ctx, MlirStringRef lhsSpec,
                               MlirStringRef rhsSpec, MlirStringRef outSpec);

/// Whether `attr` is a `#patches.dimension_numbers` (false for a null
/// attribute).
MLIR_CAPI_EXPORTED bool patchesAttributeIsADimensionNumbers(MlirAttribute attr);

/// The input (lhs) layout string of a `#patches.dimension_numbers`, owned
/// by the context and not NUL-terminated; an empty string reference
/// (`{NULL, 0}`) for any other attribute.
MLIR_CAPI_EXPORTED MlirStringRef
patchesDimensionNumbersAttrGetLhsSpec(MlirAttribute attr);

/// The filter (rhs) layout string, as `patchesDimensionNumbersAttrGetLhsSpec`.
MLIR_CAPI_EXPORTED MlirStringRef
patchesDimensionNumbersAttrGetRhsSpec(MlirAttribute attr);

/// The output layout string, as `patchesDimensionNumbersAttrGetLhsSpec`.
MLIR_CAPI_EXPORTED MlirStringRef
patchesDimensionNumbersAttrGetOutSpec(MlirAttribute attr);

/// The TypeID of `#patches.dimension_numbers`.
MLIR_CAPI_EXPORTED MlirTypeID patchesDimensionNumbersAttrGetTypeID(void);

//===----------------------------------------------------------------------===//
// #patches.precision
//===----------------------------------------------------------------------===//

/// Creates a `#patches.precision` in `ctx`. For an unknown value emits an
/// error diagnostic at an unknown location of `ctx` and returns a null
/// attribute.
MLIR_CAPI_EXPORTED MlirAttribute
patchesPrecisionAttrGet(MlirContext ctx, PatchesPrecision value);

/// Whether `attr` is a `#patches.precision` (false for a null attribute).
MLIR_CAPI_EXPORTED bool patchesAttributeIsAPrecision(MlirAttribute attr);

/// The value of a `#patches.precision`; `(PatchesPrecision)-1` for any other
/// attribute.
MLIR_CAPI_EXPORTED PatchesPrecision
patchesPrecisionAttrGetValue(MlirAttribute attr);

/// The TypeID of `#patches.precision`.
MLIR_CAPI_EXPORTED MlirTypeID patchesPrecisionAttrGetTypeID(void);

//===----------------------------------------------------------------------===//
// The geometry
//===----------------------------------------------------------------------===//

/// The result shape of `patches.extract` with the clauses described above
/// (`patches::ExtractGeometry::compute`), without a context or IR: the same
/// checks and messages as the op's verifier. For `patches.fold`, the same
/// call on the fold's result shape gives the shape its patches must have.
///
/// `inputShape` has `inputRank` sizes, a dynamic one being
/// `mlirShapedTypeGetDynamicSize()`. On success writes `inputRank` sizes to
/// `resultShape` (in `outSpec` order; dynamic where they depend on a dynamic
/// input size) and returns success. On failure writes nothing to
/// `resultShape`, calls `onError` (when not NULL) once with the message,
/// such as "expected an input of rank 4 (2 + 2 spatial dimensions of
/// filter_shape = [2, 2]), but the input has rank 3", and returns failure.
/// Thread-safe.
MLIR_CAPI_EXPORTED MlirLogicalResult patchesInferExtractResultShape(
    intptr_t numSpatialDims, const int64_t *filterShape,
    const int64_t *windowStrides, PatchesPaddingKind padding,
    const int64_t *padLow, const int64_t *padHigh, const int64_t *lhsDilation,
    const int64_t *rhsDilation, const char *lhsSpec, const char *rhsSpec,
    const char *outSpec, intptr_t inputRank, const int64_t *inputShape,
    int64_t *resultShape, MlirStringCallback onError, void *userData);

#ifdef __cplusplus
}
#endif

#endif // PATCHES_C_DIALECT_PATCHES_H
