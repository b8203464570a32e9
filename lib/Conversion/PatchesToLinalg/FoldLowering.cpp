//===- FoldLowering.cpp - patches.fold as a gather-sum --------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `patches.fold` (col2im) sums, into each input element, every patch element
// that read it. The lowering gathers rather than scatters, so that distinct
// points of the parallel iteration space write distinct elements and no two
// threads of a GPU kernel (or OpenMP workers) ever add into the same slot:
//
// * One `linalg.generic` whose parallel loops are the result's dimensions
//   (identity map, `lhs_spec` order: consecutive points write consecutive
//   elements) and whose reduction loops are the window positions w_1..w_n
//   (bounded by a tensor of the filter's shape).
// * At input element i and window position w, the window that reads i
//   through w starts at padded, dilated position q = i * l + lo - w * r. It
//   is an output position o = q / s when q >= 0, s divides q and
//   o < output size; then the body reads patches[b, c * K + k(w), o] and
//   adds it, otherwise it adds nothing. Patch elements that read padding or
//   lhs-dilation holes are never visited, so they are dropped.
//
// Dynamic sizes come from the op (`getMixedResultSizes`) and the geometry's
// runtime sizes; no shape needs special-casing (empty loops add nothing).
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Dialect/Patches/Utils/Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace patches;

/// `lhs + rhs` for a scalar type the op supports; signed and unsigned
/// integers are added as their signless twins (see castSignedness).
static Value createAdd(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type type = lhs.getType();
  if (isa<ComplexType>(type))
    return complex::AddOp::create(b, loc, lhs, rhs);
  if (isa<FloatType>(type))
    return arith::AddFOp::create(b, loc, lhs, rhs);
  Type signless = getSignlessType(type);
  Value signlessLhs = castSignedness(b, loc, lhs, signless);
  Value signlessRhs = castSignedness(b, loc, rhs, signless);
  Value sum = arith::AddIOp::create(b, loc, signlessLhs, signlessRhs);
  return castSignedness(b, loc, sum, type);
}

/// Builds the fold of `op` at the builder's insertion point; emits an error
/// on `op` and fails where it cannot.
static FailureOr<Value> buildFoldLowering(OpBuilder &b, FoldOp op,
                                          Value patches) {
  FailureOr<ExtractGeometry> geometry = op.getGeometry();
  if (failed(geometry))
    return failure();
  Location loc = op.getLoc();
  RankedTensorType resultType = op.getType();
  Type elementType = resultType.getElementType();
  if (!hasArithmetic(elementType)) {
    op.emitOpError("cannot be lowered: element type ")
        << elementType << " has no addition, which the sums need";
    return failure();
  }
  const DimensionLayouts &layouts = geometry->getLayouts();
  int64_t numSpatial = geometry->getNumSpatialDims();
  int64_t rank = numSpatial + 2;

  // The result type fixes the patches shape (up to dynamic sizes); a less
  // static operand is cast to it.
  auto patchesType =
      RankedTensorType::get(geometry->getResultShape(), elementType);
  if (patches.getType() != patchesType)
    patches = tensor::CastOp::create(b, loc, patchesType, patches);

  // What the body compares against, computed once outside it.
  SmallVector<OpFoldResult> resultSizes = op.getMixedResultSizes(b, *geometry);
  SmallVector<OpFoldResult> padLows, outputSizes;
  for (const SpatialSizes &s :
       geometry->materializeSpatialSizes(b, loc, resultSizes)) {
    padLows.push_back(s.padLow);
    outputSizes.push_back(s.outputSize);
  }
  Value empty = tensor::EmptyOp::create(b, loc, resultSizes, elementType);
  Value init =
      linalg::FillOp::create(b, loc, createZero(b, loc, elementType), empty)
          .getResult(0);
  // Its shape bounds the window loops.
  Value window =
      tensor::EmptyOp::create(b, loc, op.getFilterShape(), elementType);

  MLIRContext *ctx = b.getContext();
  SmallVector<AffineExpr> windowExprs;
  for (int64_t j = 0; j < numSpatial; ++j)
    windowExprs.push_back(getAffineDimExpr(rank + j, ctx));
  SmallVector<AffineMap> maps = {
      AffineMap::get(rank + numSpatial, 0, windowExprs, ctx),
      AffineMap::getMultiDimIdentityMap(rank + numSpatial, ctx)
          .getMajorSubMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.append(numSpatial, utils::IteratorType::reduction);

  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{window}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nl, ValueRange args) {
        auto index = [&](int64_t loop) -> Value {
          return linalg::IndexOp::create(nb, nl, loop);
        };
        // Element (b, c, i...) of the result sums the patch elements that
        // read it: for each window position w, the output position o whose
        // window reads i through w (the inverse of the extraction's
        // position), at feature c * K + k(w).
        SmallVector<OpFoldResult> featureOperands = {
            index(layouts.lhs.feature)};
        SmallVector<AffineExpr> window;
        for (int64_t j = 0; j < numSpatial; ++j) {
          featureOperands.push_back(index(rank + j));
          window.push_back(getAffineDimExpr(1 + j, ctx));
        }
        SmallVector<Value> indices(rank);
        indices[layouts.out.batch] = index(layouts.lhs.batch);
        indices[layouts.out.feature] = buildIndexExpr(
            nb, nl, geometry->getFeatureExpr(getAffineDimExpr(0, ctx), window),
            featureOperands);
        Value reads;
        for (int64_t j = 0; j < numSpatial; ++j) {
          Value offset = geometry->buildWindowOffset(nb, nl, j, index(rank + j),
                                                     padLows[j]);
          GridIndex o = geometry->buildOutputIndex(
              nb, nl, j, index(layouts.lhs.spatial[j]), offset, outputSizes[j]);
          reads = reads ? arith::AndIOp::create(nb, nl, reads, o.isOnGrid)
                        : o.isOnGrid;
          indices[layouts.out.spatial[j]] = o.index;
        }
        if (!reads)
          reads = arith::ConstantIntOp::create(nb, nl, 1, 1);
        Value sum = args[1];
        auto add = scf::IfOp::create(
            nb, nl, reads,
            [&](OpBuilder &tb, Location tl) {
              Value element =
                  tensor::ExtractOp::create(tb, tl, patches, indices);
              scf::YieldOp::create(tb, tl, createAdd(tb, tl, sum, element));
            },
            [&](OpBuilder &eb, Location el) {
              scf::YieldOp::create(eb, el, sum);
            });
        linalg::YieldOp::create(nb, nl, add.getResult(0));
      });
  Value result = generic.getResult(0);
  // The written result type may be more static than the sizes' folding.
  if (result.getType() != resultType)
    result = tensor::CastOp::create(b, loc, resultType, result);
  return result;
}

namespace {
struct FoldOpLowering : OpConversionPattern<FoldOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FoldOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Value> result =
        buildFoldLowering(rewriter, op, adaptor.getPatches());
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }
};
} // namespace

void patches::populateFoldToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldOpLowering>(patterns.getContext());
}
