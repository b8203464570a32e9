//===- PatchesTilingInterface.cpp - Tiling patches.extract ----------------===//
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

#include "patches/Dialect/Patches/IR/PatchesTilingInterface.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

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

/// The zero of an element type the op supports: what padding and the holes
/// of lhs dilation read.
static Value createZero(OpBuilder &b, Location loc, Type elementType) {
  if (auto complexType = dyn_cast<ComplexType>(elementType)) {
    Attribute zero = b.getZeroAttr(complexType.getElementType());
    return complex::ConstantOp::create(b, loc, complexType,
                                       b.getArrayAttr({zero, zero}));
  }
  return arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
}

/// The result sizes, static where the result type is (it may be more
/// static than the inferred type) and materialized from the input
/// otherwise. Never `tensor.dim` of the result itself: the tiling drivers
/// replace the result by the loop nest these sizes bound.
static SmallVector<OpFoldResult> getResultSizes(OpBuilder &b, ExtractOp op,
                                                const ExtractGeometry &g) {
  SmallVector<OpFoldResult> sizes =
      g.materializeResultSizes(b, op.getLoc(), op.getInput());
  for (auto [size, staticSize] : llvm::zip(sizes, op.getType().getShape()))
    if (!ShapedType::isDynamic(staticSize))
      size = b.getIndexAttr(staticSize);
  return sizes;
}

/// The tile of `op`'s result at `offsets` with `sizes` (in `out_spec`
/// order), as a `linalg.generic` that reads the whole input.
static linalg::GenericOp buildResultTile(OpBuilder &b, ExtractOp op,
                                         const ExtractGeometry &geometry,
                                         ArrayRef<OpFoldResult> offsets,
                                         ArrayRef<OpFoldResult> sizes) {
  Location loc = op.getLoc();
  Value input = op.getInput();
  Type elementType = op.getType().getElementType();
  const DimensionLayouts &layouts = geometry.getLayouts();
  int64_t rank = geometry.getNumSpatialDims() + 2;

  // What the body compares against, computed once outside it.
  SmallVector<Value> inputSizes, padLows;
  for (const SpatialSizes &s :
       geometry.materializeSpatialSizes(b, loc, input)) {
    inputSizes.push_back(getValueOrCreateConstantIndexOp(b, loc, s.inputSize));
    padLows.push_back(getValueOrCreateConstantIndexOp(b, loc, s.padLow));
  }
  Value zero = createZero(b, loc, elementType);
  Value init = tensor::EmptyOp::create(b, loc, sizes, elementType);

  AffineMap identity = b.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  SmallVector<int64_t> windowStrides = geometry.getWindowStrides();
  return linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{identity}, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange) {
        auto cst = [&](int64_t v) {
          return arith::ConstantIndexOp::create(nb, nl, v).getResult();
        };
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
        Value feature = resultIndex(layouts.out.feature);
        Value volume = cst(geometry.getWindowVolume());
        Value position = arith::RemUIOp::create(nb, nl, feature, volume);

        SmallVector<Value> indices(rank);
        indices[layouts.lhs.batch] = resultIndex(layouts.out.batch);
        indices[layouts.lhs.feature] =
            arith::DivUIOp::create(nb, nl, feature, volume);
        Value inBounds = arith::ConstantIntOp::create(nb, nl, 1, 1);
        Value czero = cst(0);
        for (auto [j, g] : llvm::enumerate(geometry.getSpatial())) {
          // w_j = (k / stride_j) mod k_j; the position in the dilated,
          // padded input is o_j * s_j + w_j * r_j - lo_j.
          Value w = arith::RemUIOp::create(
              nb, nl,
              arith::DivUIOp::create(nb, nl, position, cst(windowStrides[j])),
              cst(g.filterSize));
          Value o = resultIndex(layouts.out.spatial[j]);
          Value p = arith::AddIOp::create(
              nb, nl, arith::MulIOp::create(nb, nl, o, cst(g.stride)),
              arith::MulIOp::create(nb, nl, w, cst(g.rhsDilation)));
          p = arith::SubIOp::create(nb, nl, p, padLows[j]);
          // An input element when p >= 0, p is a multiple of the lhs
          // dilation and p / l < d; padding or a dilation hole otherwise.
          Value dilation = cst(g.lhsDilation);
          Value i = arith::DivSIOp::create(nb, nl, p, dilation);
          Value onGrid = arith::CmpIOp::create(
              nb, nl, arith::CmpIPredicate::eq,
              arith::RemSIOp::create(nb, nl, p, dilation), czero);
          Value nonNegative = arith::CmpIOp::create(
              nb, nl, arith::CmpIPredicate::sge, p, czero);
          Value below = arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt,
                                              i, inputSizes[j]);
          inBounds = arith::AndIOp::create(nb, nl, inBounds, onGrid);
          inBounds = arith::AndIOp::create(nb, nl, inBounds, nonNegative);
          inBounds = arith::AndIOp::create(nb, nl, inBounds, below);
          indices[layouts.lhs.spatial[j]] = i;
        }
        auto read = scf::IfOp::create(
            nb, nl, inBounds,
            [&](OpBuilder &tb, Location tl) {
              Value v = tensor::ExtractOp::create(tb, tl, input, indices);
              scf::YieldOp::create(tb, tl, v);
            },
            [&](OpBuilder &eb, Location el) {
              scf::YieldOp::create(eb, el, zero);
            });
        linalg::YieldOp::create(nb, nl, read.getResult(0));
      });
}

namespace {

struct ExtractOpTiling
    : public TilingInterface::ExternalModel<ExtractOpTiling, ExtractOp> {
  SmallVector<utils::IteratorType> getLoopIteratorTypes(Operation *op) const {
    return SmallVector<utils::IteratorType>(
        cast<ExtractOp>(op).getType().getRank(), utils::IteratorType::parallel);
  }

  SmallVector<Range> getIterationDomain(Operation *op, OpBuilder &b) const {
    auto extract = cast<ExtractOp>(op);
    FailureOr<ExtractGeometry> geometry = extract.getGeometry();
    if (failed(geometry))
      return {};
    OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
    SmallVector<Range> domain;
    for (OpFoldResult size : getResultSizes(b, extract, *geometry))
      domain.push_back(Range{zero, size, one});
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
        buildResultTile(b, extract, *geometry, offsets, sizes);
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
