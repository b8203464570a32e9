//===- GatherLowering.cpp - patches.extract as a direct gather ------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The exact lowering: every result element is copied from the input (or is
// zero), never computed. Two forms, both driven by ExtractGeometry:
//
// * Affine form (unit lhs dilation, static padding): pad the input by the
//   non-negative part of the padding with `tensor.pad`, then one
//   `linalg.generic` over the canonical iteration space (b, c, w..., o...)
//   whose input map is the op's index map (negative low padding becomes an
//   offset) and whose result map places feature c * K + k(w). A tensor of
//   the filter's shape gives the window loops their bounds.
// * Index form (lhs dilation, or SAME padding of a dynamic size): a
//   `linalg.generic` over the result that decodes (c, w) from the feature
//   index, maps each position into the input and reads it under `scf.if`
//   when it lands on an input element, so no read ever goes out of bounds.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Dialect/Patches/Utils/GatherTile.h"
#include "patches/Dialect/Patches/Utils/Utils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

using namespace mlir;
using namespace patches;

/// Pads `input` by the added part of each resolved padding; cropping is left
/// to the index map's offset.
static Value padInput(OpBuilder &b, Location loc, Value input,
                      const ExtractGeometry &geometry) {
  if (llvm::all_of(geometry.getSpatial(), [](const SpatialGeometry &g) {
        return getAddedPadding(g.padLow) == 0 &&
               getAddedPadding(g.padHigh) == 0;
      }))
    return input;
  int64_t rank = geometry.getNumSpatialDims() + 2;
  SmallVector<OpFoldResult> low(rank, b.getIndexAttr(0)),
      high(rank, b.getIndexAttr(0));
  for (auto [j, g] : llvm::enumerate(geometry.getSpatial())) {
    int64_t dim = geometry.getLayouts().lhs.spatial[j];
    low[dim] = b.getIndexAttr(getAddedPadding(g.padLow));
    high[dim] = b.getIndexAttr(getAddedPadding(g.padHigh));
  }
  Type elementType = getElementTypeOrSelf(input.getType());
  Value zero = createZero(b, loc, elementType);
  return tensor::PadOp::create(b, loc, /*resultType=*/Type(), input, low, high,
                               zero);
}

static Value buildAffineGather(OpBuilder &b, Location loc, ExtractOp op,
                               const ExtractGeometry &geometry) {
  MLIRContext *ctx = b.getContext();
  Value input = op.getInput();
  Type elementType = getElementTypeOrSelf(input.getType());
  Value padded = padInput(b, loc, input, geometry);
  Value window =
      tensor::EmptyOp::create(b, loc, op.getFilterShape(), elementType);
  Value init = tensor::EmptyOp::create(
      b, loc, geometry.materializeResultSizes(b, loc, input), elementType);
  SmallVector<AffineMap> maps = {geometry.getPaddedInputMap(ctx),
                                 geometry.getWindowMap(ctx),
                                 geometry.getResultMap(ctx)};
  SmallVector<utils::IteratorType> iterators(geometry.getNumLoops(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{padded, window}, ValueRange{init},
      maps, iterators,
      [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(nested, nestedLoc, args[0]);
      });
  return generic.getResult(0);
}

static Value buildIndexGather(OpBuilder &b, Location loc, ExtractOp op,
                              const ExtractGeometry &geometry) {
  SmallVector<OpFoldResult> zeros(geometry.getNumSpatialDims() + 2,
                                  b.getIndexAttr(0));
  return buildGatherTile(b, op, geometry, zeros,
                         geometry.materializeResultSizes(b, loc, op.getInput()))
      .getResult(0);
}

/// With dynamic sizes, the gather runs only when the result is not empty
/// and the input has elements; otherwise the result is zeros. Beyond saving
/// work, this guard keeps the IR valid when canonicalization later makes
/// such sizes static (e.g. through a `tensor.cast` from a static type): the
/// upstream verifiers reject zero-size pads and windows that fit no output
/// position, and the folded guard removes them.
static Value guardEmptyShapes(OpBuilder &b, Location loc, ExtractOp op,
                              const ExtractGeometry &geometry,
                              function_ref<Value(OpBuilder &)> buildGather) {
  Value input = op.getInput();
  SmallVector<OpFoldResult> resultSizes =
      geometry.materializeResultSizes(b, loc, input);
  SmallVector<OpFoldResult> sizes = resultSizes;
  llvm::append_range(sizes, tensor::getMixedSizes(b, loc, input));
  Type elementType = getElementTypeOrSelf(input.getType());
  auto type = RankedTensorType::get(
      llvm::map_to_vector(resultSizes,
                          [](OpFoldResult size) {
                            return getConstantIntValue(size).value_or(
                                ShapedType::kDynamic);
                          }),
      elementType);
  return buildIfNonEmpty(
      b, loc, sizes, type,
      [&](OpBuilder &tb, Location) { return buildGather(tb); },
      [&](OpBuilder &eb, Location el) {
        return createZeroTensor(eb, el, resultSizes, elementType);
      });
}

FailureOr<Value> patches::buildGatherLowering(OpBuilder &b, ExtractOp op) {
  FailureOr<ExtractGeometry> geometry = op.getGeometry();
  if (failed(geometry))
    return failure();
  return buildGatherLowering(b, op, *geometry);
}

FailureOr<Value> patches::buildGatherLowering(OpBuilder &b, ExtractOp op,
                                              const ExtractGeometry &geometry) {
  Location loc = op.getLoc();
  auto buildGather = [&](OpBuilder &gb) {
    return geometry.hasUnitLhsDilation() && geometry.hasStaticPadding()
               ? buildAffineGather(gb, loc, op, geometry)
               : buildIndexGather(gb, loc, op, geometry);
  };
  bool dynamic = !op.getInput().getType().hasStaticShape() ||
                 ShapedType::isDynamicShape(geometry.getResultShape());
  Value result = dynamic ? guardEmptyShapes(b, loc, op, geometry, buildGather)
                         : buildGather(b);
  // The written result type may be more static than the inferred one.
  if (result.getType() != op.getType())
    result = tensor::CastOp::create(b, loc, op.getType(), result);
  return result;
}
