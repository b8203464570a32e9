//===- PatchesIndexing.cpp - The per-element index arithmetic -------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The formulas that say which input element each result element of
// `patches.extract` reads, in the three forms the code needs them: affine
// expressions (index maps), constants (folding) and IR (the lowerings'
// loop bodies). Each formula is written once here; the IR and constant
// forms are built from the same definitions.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesGeometry.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/AffineExprVisitor.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace patches;

//===----------------------------------------------------------------------===//
// Padding split, grid test, expressions as IR
//===----------------------------------------------------------------------===//

int64_t patches::getAddedPadding(int64_t pad) {
  return std::max<int64_t>(pad, 0);
}

int64_t patches::getCroppedPadding(int64_t pad) {
  // -pad of the most negative int64_t is rejected by the verifier.
  return std::max<int64_t>(-pad, 0);
}

OpFoldResult patches::getAddedPadding(Builder &b, OpFoldResult pad) {
  if (std::optional<int64_t> value = getConstantIntValue(pad))
    return b.getIndexAttr(getAddedPadding(*value));
  return pad;
}

int64_t patches::getCroppedPadding(OpFoldResult pad) {
  std::optional<int64_t> value = getConstantIntValue(pad);
  return value ? getCroppedPadding(*value) : 0;
}

GridIndex patches::buildGridIndex(OpBuilder &b, Location loc, Value q,
                                  int64_t step, OpFoldResult bound) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value boundValue = getValueOrCreateConstantIndexOp(b, loc, bound);
  Value nonNegative =
      b.createOrFold<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, q, zero);
  if (step == 1) {
    Value below = b.createOrFold<arith::CmpIOp>(loc, arith::CmpIPredicate::slt,
                                                q, boundValue);
    return {q, b.createOrFold<arith::AndIOp>(loc, nonNegative, below)};
  }
  Value spacing = arith::ConstantIndexOp::create(b, loc, step);
  // Floor division, so that the index of a negative q (not on the grid) is
  // still negative: callers that clamp the index read a valid element.
  Value index = b.createOrFold<arith::FloorDivSIOp>(loc, q, spacing);
  Value onGrid = b.createOrFold<arith::CmpIOp>(
      loc, arith::CmpIPredicate::eq,
      b.createOrFold<arith::RemSIOp>(loc, q, spacing), zero);
  Value below = b.createOrFold<arith::CmpIOp>(loc, arith::CmpIPredicate::slt,
                                              index, boundValue);
  Value valid = b.createOrFold<arith::AndIOp>(loc, onGrid, nonNegative);
  return {index, b.createOrFold<arith::AndIOp>(loc, valid, below)};
}

std::optional<int64_t> patches::getGridIndex(int64_t q, int64_t step,
                                             int64_t bound) {
  if (q < 0 || q % step != 0 || q / step >= bound)
    return std::nullopt;
  return q / step;
}

namespace {
/// Builds `arith` ops for the sums and products of an affine expression,
/// folding constants; other forms go through upstream's expansion.
struct IndexExprBuilder : AffineExprVisitor<IndexExprBuilder, Value> {
  IndexExprBuilder(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                   ArrayRef<OpFoldResult> symbols)
      : b(b), loc(loc), dims(dims), symbols(symbols) {}

  Value visitAddExpr(AffineBinaryOpExpr expr) {
    Value lhs = visit(expr.getLHS());
    // x + y * -1, as the simplifier writes x - y, is a subtraction.
    if (auto mul = dyn_cast<AffineBinaryOpExpr>(expr.getRHS());
        mul && mul.getKind() == AffineExprKind::Mul) {
      if (auto factor = dyn_cast<AffineConstantExpr>(mul.getRHS());
          factor && factor.getValue() == -1) {
        Value rhs = visit(mul.getLHS());
        return b.createOrFold<arith::SubIOp>(loc, lhs, rhs);
      }
    }
    Value rhs = visit(expr.getRHS());
    return b.createOrFold<arith::AddIOp>(loc, lhs, rhs);
  }
  Value visitMulExpr(AffineBinaryOpExpr expr) {
    Value lhs = visit(expr.getLHS());
    Value rhs = visit(expr.getRHS());
    return b.createOrFold<arith::MulIOp>(loc, lhs, rhs);
  }
  Value visitModExpr(AffineBinaryOpExpr expr) { return expand(expr); }
  Value visitFloorDivExpr(AffineBinaryOpExpr expr) { return expand(expr); }
  Value visitCeilDivExpr(AffineBinaryOpExpr expr) { return expand(expr); }
  Value visitConstantExpr(AffineConstantExpr expr) {
    return arith::ConstantIndexOp::create(b, loc, expr.getValue());
  }
  Value visitDimExpr(AffineDimExpr expr) {
    return getValueOrCreateConstantIndexOp(b, loc, dims[expr.getPosition()]);
  }
  Value visitSymbolExpr(AffineSymbolExpr expr) {
    return getValueOrCreateConstantIndexOp(b, loc, symbols[expr.getPosition()]);
  }

  Value expand(AffineExpr expr) {
    SmallVector<Value> dimValues, symbolValues;
    for (OpFoldResult dim : dims)
      dimValues.push_back(getValueOrCreateConstantIndexOp(b, loc, dim));
    for (OpFoldResult symbol : symbols)
      symbolValues.push_back(getValueOrCreateConstantIndexOp(b, loc, symbol));
    return affine::expandAffineExpr(b, loc, expr, dimValues, symbolValues);
  }

  OpBuilder &b;
  Location loc;
  ArrayRef<OpFoldResult> dims, symbols;
};
} // namespace

Value patches::buildIndexExpr(OpBuilder &b, Location loc, AffineExpr expr,
                              ArrayRef<OpFoldResult> dims,
                              ArrayRef<OpFoldResult> symbols) {
  // Constant operands become constants of the expression, so that they
  // fold into it (o * 1, w * r - 0).
  SmallVector<AffineExpr> dimReplacements, symbolReplacements;
  MLIRContext *ctx = b.getContext();
  for (auto [i, dim] : llvm::enumerate(dims)) {
    std::optional<int64_t> value = getConstantIntValue(dim);
    dimReplacements.push_back(value ? getAffineConstantExpr(*value, ctx)
                                    : getAffineDimExpr(i, ctx));
  }
  for (auto [i, symbol] : llvm::enumerate(symbols)) {
    std::optional<int64_t> value = getConstantIntValue(symbol);
    symbolReplacements.push_back(value ? getAffineConstantExpr(*value, ctx)
                                       : getAffineSymbolExpr(i, ctx));
  }
  expr = expr.replaceDimsAndSymbols(dimReplacements, symbolReplacements);
  return IndexExprBuilder(b, loc, dims, symbols).visit(expr);
}

//===----------------------------------------------------------------------===//
// Positions
//===----------------------------------------------------------------------===//

SmallVector<int64_t> ExtractGeometry::getWindowStrides() const {
  SmallVector<int64_t> filterShape;
  for (const SpatialGeometry &g : spatial)
    filterShape.push_back(g.filterSize);
  return computeStrides(filterShape);
}

AffineExpr ExtractGeometry::getWindowOffsetExpr(int64_t j, AffineExpr w,
                                                AffineExpr padLow) const {
  return w * spatial[j].rhsDilation - padLow;
}

AffineExpr
ExtractGeometry::getInputPositionExpr(int64_t j, AffineExpr o,
                                      AffineExpr windowOffset) const {
  return o * spatial[j].stride + windowOffset;
}

AffineExpr ExtractGeometry::getInputPositionExpr(int64_t j, AffineExpr o,
                                                 AffineExpr w,
                                                 AffineExpr padLow) const {
  return getInputPositionExpr(j, o, getWindowOffsetExpr(j, w, padLow));
}

std::optional<int64_t> ExtractGeometry::getInputPosition(int64_t j, int64_t o,
                                                         int64_t w) const {
  const SpatialGeometry &g = spatial[j];
  assert(!ShapedType::isDynamic(g.padLow) && "padding must be static");
  // The constant form of getInputPositionExpr, with overflow checks.
  std::optional<int64_t> os = llvm::checkedMul(o, g.stride);
  std::optional<int64_t> wr = llvm::checkedMul(w, g.rhsDilation);
  if (!os || !wr)
    return std::nullopt;
  std::optional<int64_t> offset = llvm::checkedSub(*wr, g.padLow);
  if (!offset)
    return std::nullopt;
  return llvm::checkedAdd(*os, *offset);
}

Value ExtractGeometry::buildWindowOffset(OpBuilder &b, Location loc, int64_t j,
                                         OpFoldResult w,
                                         OpFoldResult padLow) const {
  MLIRContext *ctx = b.getContext();
  return buildIndexExpr(b, loc,
                        getWindowOffsetExpr(j, getAffineDimExpr(0, ctx),
                                            getAffineSymbolExpr(0, ctx)),
                        {w}, {padLow});
}

Value ExtractGeometry::buildInputPosition(OpBuilder &b, Location loc, int64_t j,
                                          OpFoldResult o,
                                          OpFoldResult windowOffset) const {
  MLIRContext *ctx = b.getContext();
  return buildIndexExpr(b, loc,
                        getInputPositionExpr(j, getAffineDimExpr(0, ctx),
                                             getAffineDimExpr(1, ctx)),
                        {o, windowOffset});
}

GridIndex ExtractGeometry::buildInputIndex(OpBuilder &b, Location loc,
                                           int64_t j, Value p,
                                           OpFoldResult inputSize) const {
  return buildGridIndex(b, loc, p, spatial[j].lhsDilation, inputSize);
}

std::optional<int64_t> ExtractGeometry::getInputIndex(int64_t j,
                                                      int64_t p) const {
  const SpatialGeometry &g = spatial[j];
  return getGridIndex(p, g.lhsDilation, g.inputSize);
}

GridIndex ExtractGeometry::buildOutputIndex(OpBuilder &b, Location loc,
                                            int64_t j, Value i,
                                            Value windowOffset,
                                            OpFoldResult outputSize) const {
  // Solve p(o, w) = i * l for o: o * s = i * l - windowOffset.
  MLIRContext *ctx = b.getContext();
  AffineExpr dilated = getAffineDimExpr(0, ctx) * spatial[j].lhsDilation;
  Value q = buildIndexExpr(b, loc, dilated - getAffineDimExpr(1, ctx),
                           {i, windowOffset});
  return buildGridIndex(b, loc, q, spatial[j].stride, outputSize);
}

std::pair<Value, Value>
ExtractGeometry::buildInBoundsOutputRange(OpBuilder &b, Location loc, int64_t j,
                                          Value windowOffset,
                                          int64_t length) const {
  // 0 <= o * s + offset < D  <=>  ceil(-offset / s) <= o < ceil((D -
  // offset) / s), clamped to [0, length).
  const SpatialGeometry &g = spatial[j];
  assert(!ShapedType::isDynamic(g.dilatedSize) && "sizes must be static");
  auto ceilDiv = [&](Value x) -> Value {
    if (g.stride == 1)
      return x;
    return arith::CeilDivSIOp::create(
        b, loc, x, arith::ConstantIndexOp::create(b, loc, g.stride));
  };
  auto clamp = [&](Value x, Value lo, Value hi) -> Value {
    return arith::MinSIOp::create(b, loc, arith::MaxSIOp::create(b, loc, x, lo),
                                  hi);
  };
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value len = arith::ConstantIndexOp::create(b, loc, length);
  Value dilated = arith::ConstantIndexOp::create(b, loc, g.dilatedSize);
  Value begin = clamp(
      ceilDiv(arith::SubIOp::create(b, loc, zero, windowOffset)), zero, len);
  Value end =
      clamp(ceilDiv(arith::SubIOp::create(b, loc, dilated, windowOffset)),
            begin, len);
  return {begin, end};
}

//===----------------------------------------------------------------------===//
// Features
//===----------------------------------------------------------------------===//

AffineExpr ExtractGeometry::getFeatureExpr(AffineExpr c,
                                           ArrayRef<AffineExpr> w) const {
  SmallVector<int64_t> strides = getWindowStrides();
  AffineExpr feature = c * windowVolume;
  for (auto [wj, stride] : llvm::zip_equal(w, strides))
    feature = feature + wj * stride;
  return feature;
}

int64_t ExtractGeometry::getFeature(int64_t c, ArrayRef<int64_t> w) const {
  return c * windowVolume + linearize(w, getWindowStrides());
}

SmallVector<int64_t> ExtractGeometry::decodeFeature(int64_t feature) const {
  SmallVector<int64_t> decoded = {feature / windowVolume};
  llvm::append_range(decoded,
                     delinearize(feature % windowVolume, getWindowStrides()));
  return decoded;
}

SmallVector<Value> ExtractGeometry::buildFeatureDecode(OpBuilder &b,
                                                       Location loc,
                                                       Value feature) const {
  if (spatial.empty())
    return {feature};
  // No outer bound: c is whatever f / K is, so a tile never needs C (which
  // may be dynamic, or zero in a tile that is never executed).
  SmallVector<int64_t> basis;
  for (const SpatialGeometry &g : spatial)
    basis.push_back(g.filterSize);
  return affine::AffineDelinearizeIndexOp::create(b, loc, feature, basis,
                                                  /*hasOuterBound=*/false)
      .getResults();
}
