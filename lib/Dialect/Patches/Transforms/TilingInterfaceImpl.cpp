//===- TilingInterfaceImpl.cpp - Tiling patches.extract -------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The iteration domain of `patches.extract` is its result: one parallel loop
// per result dimension, in `out_spec` order. A tile of the result is
// computed by a `linalg.generic` over the tile that reads the *whole* input:
// each element decodes its input channel and window position from its
// absolute feature index, maps its output position into the padded,
// lhs-dilated input, and reads the input under a bounds test (or yields
// zero), as the index form of the gather lowering does.
//
// Why no smaller `patches.extract` on an input slice: a feature tile may
// cut across channels (feature f = c * K + k), and a slice of the input
// would have to re-derive padding, cropping and dilation phase per tile.
// Reading through the whole input is exact for every tile and every
// padding, dilation and layout; the reads of one tile still touch only the
// input window that tile needs.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/Transforms/TilingInterfaceImpl.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Dialect/Patches/Utils/GatherTile.h"
#include "patches/Dialect/Patches/Utils/Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;
using namespace patches;

/// The result sizes, static where the result type is (it may be more
/// static than the inferred type) and materialized from the input
/// otherwise (the op's reified shape). Never `tensor.dim` of the result
/// itself: the tiling drivers replace the result by the loop nest these
/// sizes bound.
static FailureOr<SmallVector<OpFoldResult>> getResultSizes(OpBuilder &b,
                                                           ExtractOp op) {
  ReifiedRankedShapedTypeDims reified;
  if (failed(op.reifyResultShapes(b, reified)))
    return failure();
  return reified.front();
}

namespace {

struct ExtractOpTiling
    : public TilingInterface::ExternalModel<ExtractOpTiling, ExtractOp> {
  SmallVector<utils::IteratorType> getLoopIteratorTypes(Operation *op) const {
    return SmallVector<utils::IteratorType>(
        cast<ExtractOp>(op).getType().getRank(), utils::IteratorType::parallel);
  }

  SmallVector<Range> getIterationDomain(Operation *op, OpBuilder &b) const {
    FailureOr<SmallVector<OpFoldResult>> sizes =
        getResultSizes(b, cast<ExtractOp>(op));
    if (failed(sizes))
      return {};
    OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
    SmallVector<Range> domain;
    for (OpFoldResult size : *sizes) {
      // The upstream slice verifiers reject a static offset into a static
      // zero-size dimension, even for an empty slice ("offset 0 is
      // out-of-bounds: 0 >= 0"), and the tiling drivers slice the
      // untiled dimensions at the domain's offset: there the offset is a
      // value, which the canonicalizer later folds away with the slice.
      OpFoldResult offset = zero;
      if (isZeroInteger(size))
        offset = arith::ConstantIndexOp::create(b, op->getLoc(), 0).getResult();
      domain.push_back(Range{offset, size, one});
    }
    return domain;
  }

  FailureOr<TilingResult>
  getTiledImplementation(Operation *op, OpBuilder &b,
                         ArrayRef<OpFoldResult> offsets,
                         ArrayRef<OpFoldResult> sizes) const {
    auto extract = cast<ExtractOp>(op);
    FailureOr<ExtractGeometry> geometry = extract.getGeometry();
    if (failed(geometry))
      return failure();
    linalg::GenericOp tile =
        buildGatherTile(b, extract, *geometry, offsets, sizes);
    // No slices: the tile reads the untiled input.
    return TilingResult{{tile}, {tile.getResult(0)}, {}};
  }

  // The iteration domain is the result's index space, so a result tile and
  // an iteration-domain tile are the same offsets and sizes.
  LogicalResult
  getResultTilePosition(Operation *op, OpBuilder &b, unsigned resultNumber,
                        ArrayRef<OpFoldResult> offsets,
                        ArrayRef<OpFoldResult> sizes,
                        SmallVector<OpFoldResult> &resultOffsets,
                        SmallVector<OpFoldResult> &resultSizes) const {
    resultOffsets.assign(offsets.begin(), offsets.end());
    resultSizes.assign(sizes.begin(), sizes.end());
    return success();
  }

  LogicalResult getIterationDomainTileFromResultTile(
      Operation *op, OpBuilder &b, unsigned resultNumber,
      ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
      SmallVectorImpl<OpFoldResult> &iterDomainOffsets,
      SmallVectorImpl<OpFoldResult> &iterDomainSizes) const {
    iterDomainOffsets.assign(offsets.begin(), offsets.end());
    iterDomainSizes.assign(sizes.begin(), sizes.end());
    return success();
  }

  FailureOr<TilingResult>
  generateResultTileValue(Operation *op, OpBuilder &b, unsigned resultNumber,
                          ArrayRef<OpFoldResult> offsets,
                          ArrayRef<OpFoldResult> sizes) const {
    return getTiledImplementation(op, b, offsets, sizes);
  }

  // Every result element is computed on its own, so any slice of the result
  // can be produced where a consumer needs it.
  bool isOpFusableWithConsumerSlice(Operation *op, unsigned resultNumber,
                                    ArrayRef<OpFoldResult> offsets,
                                    ArrayRef<OpFoldResult> sizes) const {
    return true;
  }
};

} // namespace

void patches::registerTilingInterfaceExternalModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, PatchesDialect *) {
    ExtractOp::attachInterface<ExtractOpTiling>(*ctx);
    // The dialects a tile is built with.
    ctx->loadDialect<arith::ArithDialect, complex::ComplexDialect,
                     linalg::LinalgDialect, scf::SCFDialect,
                     tensor::TensorDialect>();
  });
}
