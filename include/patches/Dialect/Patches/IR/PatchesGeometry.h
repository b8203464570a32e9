//===- PatchesGeometry.h - The geometry of patches.extract ------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The one place that turns the clauses of `patches.extract` and an input
// shape into the op's geometry: the resolved dimension numbers, the canonical
// spatial order, resolved padding, dilated sizes, the output shape, the
// index maps from the extraction's iteration space to the input and output,
// and the per-element index arithmetic (PatchesIndexing.cpp). The verifier,
// type inference, shape reification, folding, tiling and every lowering use
// it.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_DIALECT_PATCHES_IR_PATCHESGEOMETRY_H
#define PATCHES_DIALECT_PATCHES_IR_PATCHESGEOMETRY_H

#include "patches/Dialect/Patches/IR/PatchesAttrs.h"

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace patches {

/// Produces the diagnostic that a geometry error is reported through; the
/// caller picks the anchor (the op, or a location during type inference).
using EmitErrorFn = llvm::function_ref<mlir::InFlightDiagnostic()>;

/// Where the two non-spatial dimensions and the spatial dimensions of one
/// operand lie. For the input and the output, `batch` is `N` and `feature`
/// is `C`; for the (implicit) filter, `batch` is `O` and `feature` is `I`.
struct OperandLayout {
  int64_t batch = 0;
  int64_t feature = 1;
  /// spatial[j] is the dimension that holds canonical spatial dimension j.
  llvm::SmallVector<int64_t> spatial;

  /// The permutation `perm` with perm[i] = the dimension of this layout that
  /// holds canonical dimension i, canonical order being (batch, feature,
  /// spatial...). `linalg.transpose` from canonical to this layout uses the
  /// inverse; from this layout to canonical, this one.
  llvm::SmallVector<int64_t> toCanonicalPermutation() const;
};

/// Resolved `dimension_numbers`.
struct DimensionLayouts {
  OperandLayout lhs, rhs, out;

  /// `("NC01..", "OI01..", "NC01..")`.
  static DimensionLayouts getDefault(int64_t numSpatialDims);
  /// Whether these mean the default layouts: `lhs` and `out` equal theirs
  /// (the rhs layout only orders the spatial dimensions, which `lhs` and
  /// `out` already reflect). The printer omits such dimension numbers.
  bool isDefault() const;
};

/// Parses and checks JAX layout strings for `numSpatialDims` spatial
/// dimensions; reports the first problem through `emitError`.
mlir::FailureOr<DimensionLayouts>
resolveDimensionNumbers(llvm::StringRef lhsSpec, llvm::StringRef rhsSpec,
                        llvm::StringRef outSpec, int64_t numSpatialDims,
                        EmitErrorFn emitError);

/// Whether `dimensionNumbers` (null: absent) mean the default layouts for
/// `numSpatialDims` spatial dimensions, whatever the spatial names; invalid
/// ones do not. What the parser and the builders drop.
bool isDefaultDimensionNumbers(DimensionNumbersAttr dimensionNumbers,
                               int64_t numSpatialDims);

/// The clauses of one extraction, independent of how they are stored (op,
/// adaptor, C API). Absent dilations mean all ones; a null dimension-numbers
/// attribute means the default layouts.
struct ExtractClauses {
  llvm::ArrayRef<int64_t> filterShape;
  llvm::ArrayRef<int64_t> windowStrides;
  PaddingAttr padding;
  std::optional<llvm::ArrayRef<int64_t>> lhsDilation;
  std::optional<llvm::ArrayRef<int64_t>> rhsDilation;
  DimensionNumbersAttr dimensionNumbers;
};

/// The geometry of one canonical spatial dimension. Sizes that depend on a
/// dynamic input size are `mlir::ShapedType::kDynamic`.
struct SpatialGeometry {
  int64_t inputSize;   ///< d
  int64_t filterSize;  ///< k
  int64_t stride;      ///< s
  int64_t lhsDilation; ///< l
  int64_t rhsDilation; ///< r
  int64_t windowSize;  ///< W = (k - 1) * r + 1
  int64_t dilatedSize; ///< D = d == 0 ? 0 : (d - 1) * l + 1
  int64_t padLow;      ///< resolved low padding (negative crops)
  int64_t padHigh;     ///< resolved high padding (negative crops)
  int64_t outputSize;  ///< max(0, floor((D + lo + hi - W) / s) + 1)
  /// How the padding was given; SAME and SAME_LOWER make it depend on d.
  PaddingKind padding;
};

/// Runtime values of a spatial dimension's geometry, as constants where the
/// static geometry knows them and as `arith` ops on `tensor.dim` otherwise.
struct SpatialSizes {
  mlir::OpFoldResult inputSize, dilatedSize, padLow, padHigh, outputSize;
};

//===----------------------------------------------------------------------===//
// The padding split and the grid test, shared by the per-element formulas.
//===----------------------------------------------------------------------===//

/// A resolved padding adds max(pad, 0) zeros and crops max(-pad, 0)
/// elements. Only explicit padding, which is static, can be negative: a
/// dynamic one (SAME of a dynamic size) only adds.
int64_t getAddedPadding(int64_t pad);
int64_t getCroppedPadding(int64_t pad);
mlir::OpFoldResult getAddedPadding(mlir::Builder &b, mlir::OpFoldResult pad);
int64_t getCroppedPadding(mlir::OpFoldResult pad);

/// A position on a grid of spacing `step`: its grid index q / step, and an
/// i1 that holds when q is a grid point with an index below `bound`
/// (q >= 0, step divides q, q / step < bound).
struct GridIndex {
  mlir::Value index, isOnGrid;
};
/// Builds the grid test of `q` (index) at b's insertion point, folded where
/// constant. Reading an input element through lhs dilation (step l, bound
/// d) and finding the window that read one through a stride (step s, bound
/// the output size) are both this test.
GridIndex buildGridIndex(mlir::OpBuilder &b, mlir::Location loc, mlir::Value q,
                         int64_t step, mlir::OpFoldResult bound);
/// The same on constants: q / step where the test holds.
std::optional<int64_t> getGridIndex(int64_t q, int64_t step, int64_t bound);

/// `expr` over `dims` and `symbols` as `arith` ops on `index` values at b's
/// insertion point (no `affine.apply` to lower later), folded where
/// constant.
mlir::Value buildIndexExpr(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::AffineExpr expr,
                           llvm::ArrayRef<mlir::OpFoldResult> dims,
                           llvm::ArrayRef<mlir::OpFoldResult> symbols = {});

/// The geometry of a `patches.extract`.
///
/// The extraction's canonical iteration space has 2 + 2n loops, in this
/// order: (b, c, w_1 .. w_n, o_1 .. o_n): batch, input channel, window
/// position and output position per canonical spatial dimension. The result
/// element at loop point (b, c, w, o) is result[b, c * K + k(w), o] (placed
/// per `out_spec`), where k(w) is the row-major index of w in filter_shape;
/// it reads the input at spatial coordinate o_j * s_j + w_j * r_j in the
/// padded, lhs-dilated input.
class ExtractGeometry {
public:
  /// Checks the clauses against an input shape (dynamic sizes allowed) and
  /// computes the geometry, or reports the first problem and fails.
  static mlir::FailureOr<ExtractGeometry>
  compute(const ExtractClauses &clauses, llvm::ArrayRef<int64_t> inputShape,
          EmitErrorFn emitError);
  /// The same, reporting nothing: for patterns, folds and analyses, where a
  /// failure only means "do not rewrite".
  static mlir::FailureOr<ExtractGeometry>
  computeQuietly(const ExtractClauses &clauses,
                 llvm::ArrayRef<int64_t> inputShape);

  int64_t getNumSpatialDims() const { return spatial.size(); }
  const DimensionLayouts &getLayouts() const { return layouts; }
  llvm::ArrayRef<SpatialGeometry> getSpatial() const { return spatial; }
  const SpatialGeometry &getSpatial(int64_t j) const { return spatial[j]; }

  /// K = prod(filter_shape).
  int64_t getWindowVolume() const { return windowVolume; }
  int64_t getInputBatchSize() const { return inputShape[layouts.lhs.batch]; }
  int64_t getInputChannels() const { return inputShape[layouts.lhs.feature]; }
  llvm::ArrayRef<int64_t> getInputShape() const { return inputShape; }
  /// The result shape, in `out_spec` order.
  llvm::ArrayRef<int64_t> getResultShape() const { return resultShape; }
  /// Whether every lhs dilation is 1.
  bool hasUnitLhsDilation() const;
  /// Whether every resolved padding is zero (statically).
  bool hasNoPadding() const;
  /// Row-major strides of the window positions: k(w) = sum w_j * stride_j.
  llvm::SmallVector<int64_t> getWindowStrides() const;

  //===--------------------------------------------------------------------===//
  // Per-element index arithmetic. Every lowering, the canonicalizer, the
  // tiling model and the vector and GPU paths compute positions with these;
  // nothing else spells out the op's index formulas.
  //
  // Positions of canonical spatial dimension j are counted on the
  // lhs-dilated input's grid from its first element: input element i sits
  // at p = i * l, padding lies at p < 0 and p >= D.
  //===--------------------------------------------------------------------===//

  /// What window position `w` adds to the position it reads:
  /// w * r - lo, `padLow` being lo (a constant, or a symbol where SAME
  /// padding depends on a dynamic size).
  mlir::AffineExpr getWindowOffsetExpr(int64_t j, mlir::AffineExpr w,
                                       mlir::AffineExpr padLow) const;
  /// The position that output position `o` reads at window offset
  /// `windowOffset` (getWindowOffsetExpr): o * s + windowOffset.
  mlir::AffineExpr getInputPositionExpr(int64_t j, mlir::AffineExpr o,
                                        mlir::AffineExpr windowOffset) const;
  /// The two composed: p(o, w) = o * s + w * r - lo.
  mlir::AffineExpr getInputPositionExpr(int64_t j, mlir::AffineExpr o,
                                        mlir::AffineExpr w,
                                        mlir::AffineExpr padLow) const;
  /// p(o, w) on constants (static padding); nullopt where int64_t
  /// overflows.
  std::optional<int64_t> getInputPosition(int64_t j, int64_t o,
                                          int64_t w) const;
  /// The window offset as IR: w * r - lo.
  mlir::Value buildWindowOffset(mlir::OpBuilder &b, mlir::Location loc,
                                int64_t j, mlir::OpFoldResult w,
                                mlir::OpFoldResult padLow) const;
  /// p(o, w) as IR from a window offset: o * s + windowOffset.
  mlir::Value buildInputPosition(mlir::OpBuilder &b, mlir::Location loc,
                                 int64_t j, mlir::OpFoldResult o,
                                 mlir::OpFoldResult windowOffset) const;

  /// Where position `p` reads the input: index p / l, valid when it lands
  /// on an input element (p >= 0, l divides p, p / l < d); padding or a hole
  /// of lhs dilation otherwise. `inputSize` is d.
  GridIndex buildInputIndex(mlir::OpBuilder &b, mlir::Location loc, int64_t j,
                            mlir::Value p, mlir::OpFoldResult inputSize) const;
  /// The same on constants (static sizes): the input index, or nullopt.
  std::optional<int64_t> getInputIndex(int64_t j, int64_t p) const;
  /// The inverse, for the adjoint: the output position whose window
  /// position `w` reads input element `i`, valid when one does
  /// (i * l - (w * r - lo) = o * s with 0 <= o < outputSize).
  GridIndex buildOutputIndex(mlir::OpBuilder &b, mlir::Location loc, int64_t j,
                             mlir::Value i, mlir::Value windowOffset,
                             mlir::OpFoldResult outputSize) const;

  /// The output positions o in [0, length) whose position o * s +
  /// windowOffset lies inside the dilated input, [0, dilatedSize): the
  /// interval [begin, end) (begin <= end), as IR.
  std::pair<mlir::Value, mlir::Value>
  buildInBoundsOutputRange(mlir::OpBuilder &b, mlir::Location loc, int64_t j,
                           mlir::Value windowOffset, int64_t length) const;

  /// The feature index of (c, w): f = c * K + k(w).
  mlir::AffineExpr getFeatureExpr(mlir::AffineExpr c,
                                  llvm::ArrayRef<mlir::AffineExpr> w) const;
  /// The same on constants.
  int64_t getFeature(int64_t c, llvm::ArrayRef<int64_t> w) const;
  /// Its inverse on constants: (c, w_1 .. w_n).
  llvm::SmallVector<int64_t> decodeFeature(int64_t feature) const;
  /// Its inverse as IR: `affine.delinearize_index` of `feature` over
  /// (C, k_1 .. k_n), C unbounded, giving (c, w_1 .. w_n).
  llvm::SmallVector<mlir::Value> buildFeatureDecode(mlir::OpBuilder &b,
                                                    mlir::Location loc,
                                                    mlir::Value feature) const;

  //===--------------------------------------------------------------------===//
  // Index maps over the canonical iteration space (b, c, w..., o...).
  //===--------------------------------------------------------------------===//

  int64_t getNumLoops() const { return 2 + 2 * getNumSpatialDims(); }
  unsigned getBatchLoop() const { return 0; }
  unsigned getChannelLoop() const { return 1; }
  unsigned getWindowLoop(int64_t j) const { return 2 + j; }
  unsigned getOutputLoop(int64_t j) const {
    return 2 + getNumSpatialDims() + j;
  }

  /// loops -> result indices, in `out_spec` order.
  mlir::AffineMap getResultMap(mlir::MLIRContext *ctx) const;
  /// loops -> indices of the input after padding by the added part of each
  /// padding (valid when lhs dilation is all ones): spatial index
  /// p(o_j, w_j) + added(lo_j), in `lhs_spec` order. Requires static padding
  /// (see `hasStaticPadding`).
  mlir::AffineMap getPaddedInputMap(mlir::MLIRContext *ctx) const;
  /// loops -> (w_1 .. w_n): indexes a tensor of the filter's shape, which
  /// gives the window loops their bounds.
  mlir::AffineMap getWindowMap(mlir::MLIRContext *ctx) const;
  /// Whether every padding is known statically.
  bool hasStaticPadding() const;

  //===--------------------------------------------------------------------===//
  // Runtime sizes.
  //===--------------------------------------------------------------------===//

  /// The per-dimension sizes of `input` (which has this geometry's input
  /// type), materialized with `tensor.dim` and `arith` where dynamic.
  llvm::SmallVector<SpatialSizes>
  materializeSpatialSizes(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value input) const;
  /// The same from the input's sizes (in `lhs_spec` order), for an input
  /// that is not a value (the result of `patches.fold`).
  llvm::SmallVector<SpatialSizes>
  materializeSpatialSizes(mlir::OpBuilder &b, mlir::Location loc,
                          llvm::ArrayRef<mlir::OpFoldResult> inputSizes) const;
  /// The result sizes, in `out_spec` order.
  llvm::SmallVector<mlir::OpFoldResult>
  materializeResultSizes(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value input) const;

private:
  DimensionLayouts layouts;
  llvm::SmallVector<SpatialGeometry> spatial;
  llvm::SmallVector<int64_t> inputShape;
  llvm::SmallVector<int64_t> resultShape;
  int64_t windowVolume = 1;
};

} // namespace patches

#endif // PATCHES_DIALECT_PATCHES_IR_PATCHESGEOMETRY_H
