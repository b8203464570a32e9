//===- GatherTile.cpp - The gather of a result tile -----------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/Utils/GatherTile.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Dialect/Patches/Utils/Utils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace patches;

linalg::GenericOp patches::buildGatherTile(OpBuilder &b, ExtractOp op,
                                           const ExtractGeometry &geometry,
                                           ArrayRef<OpFoldResult> offsets,
                                           ArrayRef<OpFoldResult> sizes) {
  Location loc = op.getLoc();
  Value input = op.getInput();
  Type elementType = op.getType().getElementType();
  const DimensionLayouts &layouts = geometry.getLayouts();
  int64_t rank = geometry.getNumSpatialDims() + 2;

  // What the body compares against, computed once outside it.
  SmallVector<OpFoldResult> inputSizes, padLows;
  for (const SpatialSizes &s :
       geometry.materializeSpatialSizes(b, loc, input)) {
    inputSizes.push_back(s.inputSize);
    padLows.push_back(s.padLow);
  }
  // The element moves as its move types (see getMoveTypes), so that the
  // scf.if below yields integers, never floats.
  SmallVector<Value> zeros;
  for (Type part : getMoveTypes(elementType))
    zeros.push_back(createZero(b, loc, part));
  Value init = tensor::EmptyOp::create(b, loc, sizes, elementType);

  AffineMap identity = b.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{identity}, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange) {
        // The index into the untiled result: the tile's own index plus the
        // tile's offset.
        auto resultIndex = [&](int64_t dim) -> Value {
          Value index = linalg::IndexOp::create(nb, nl, dim);
          if (isZeroInteger(offsets[dim]))
            return index;
          return arith::AddIOp::create(
              nb, nl, index,
              getValueOrCreateConstantIndexOp(nb, nl, offsets[dim]));
        };
        // Decode (c, w) from the feature, map each output position into
        // the input through the geometry's formulas, and read where that
        // lands on an input element (padding and dilation holes are zero).
        SmallVector<Value> decoded = geometry.buildFeatureDecode(
            nb, nl, resultIndex(layouts.out.feature));
        SmallVector<Value> indices(rank);
        indices[layouts.lhs.batch] = resultIndex(layouts.out.batch);
        indices[layouts.lhs.feature] = decoded[0];
        Value inBounds;
        for (int64_t j = 0, e = geometry.getNumSpatialDims(); j < e; ++j) {
          Value offset =
              geometry.buildWindowOffset(nb, nl, j, decoded[1 + j], padLows[j]);
          Value p = geometry.buildInputPosition(
              nb, nl, j, resultIndex(layouts.out.spatial[j]), offset);
          GridIndex at = geometry.buildInputIndex(nb, nl, j, p, inputSizes[j]);
          inBounds = inBounds
                         ? arith::AndIOp::create(nb, nl, inBounds, at.isOnGrid)
                         : at.isOnGrid;
          indices[layouts.lhs.spatial[j]] = at.index;
        }
        if (!inBounds)
          inBounds = arith::ConstantIntOp::create(nb, nl, 1, 1);
        auto read = scf::IfOp::create(
            nb, nl, inBounds,
            [&](OpBuilder &tb, Location tl) {
              Value v = tensor::ExtractOp::create(tb, tl, input, indices);
              scf::YieldOp::create(tb, tl, toMoveValues(tb, tl, v));
            },
            [&](OpBuilder &eb, Location el) {
              scf::YieldOp::create(eb, el, zeros);
            });
        linalg::YieldOp::create(
            nb, nl, fromMoveValues(nb, nl, read.getResults(), elementType));
      });
}
