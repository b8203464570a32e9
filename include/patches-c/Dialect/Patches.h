/*===-- patches-c/Dialect/Patches.h - C API of the patches dialect -*- C
-*-===*\
|*                                                                            *|
|* The patches dialect through MLIR's C API: its registration handle and the  *|
|* creation of `patches.extract`.                                             *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef PATCHES_C_DIALECT_PATCHES_H
#define PATCHES_C_DIALECT_PATCHES_H

#include "mlir-c/IR.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Declares `mlirGetDialectHandle__patches__()`: insert it into a registry
/// with `mlirDialectHandleInsertDialect` or load it into a context with
/// `mlirDialectHandleLoadDialect`.
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

/// Creates a detached `patches.extract` of `input` (a ranked tensor) at
/// `location`; insert it into a block with `mlirBlockInsertOwnedOperation*`
/// or `mlirBlockAppendOwnedOperation`. The result type is inferred.
///
/// Every array has `numSpatialDims` elements, in the canonical spatial order
/// (that of the spatial names in `rhsSpec`):
///  - `filterShape`, `windowStrides`: required;
///  - `padLow`, `padHigh`: required when `padding` is
///    `PatchesPaddingExplicit`, ignored otherwise (may be NULL);
///  - `lhsDilation`, `rhsDilation`: NULL means all ones.
/// `lhsSpec`, `rhsSpec`, `outSpec` are the layout strings of JAX's
/// `dimension_numbers` (such as "NHWC", "HWIO", "NHWC"), all three or none:
/// NULL means the default layouts ("NC01..", "OI01..", "NC01..").
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

/// Whether `op` is a `patches.extract`.
MLIR_CAPI_EXPORTED bool patchesOperationIsAExtractOp(MlirOperation op);

#ifdef __cplusplus
}
#endif

#endif // PATCHES_C_DIALECT_PATCHES_H
