//===- PatchesToVector.cpp - Vectorized CPU gather ------------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Patch extraction moves memory and computes nothing, so the CPU code is
// shaped like a copy: an `scf.forall` over the result's rows (every result
// dimension but the innermost), each row written with vector transfers.
// Padding is split off, never tested per element, and no value is ever
// multiplied: the result is bit-exact. Vectors are read and written in the
// element type but shuffled, selected and transposed as integers of its
// width (getMoveType), so no float passes through a register operation.
// All geometry comes from ExtractGeometry.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/PatchesToVector/PatchesToVector.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Dialect/Patches/Utils/Utils.h"
#include "patches/Target/CPUTarget.h"
#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/MathExtras.h"

namespace patches {
#define GEN_PASS_DEF_CONVERTPATCHESTOVECTOR
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

namespace {

/// Spatial rows of up to this many window positions are built one by one
/// with the position a constant; more (long 1-D windows) go through a loop.
constexpr int64_t kMaxUnrolledRows = 16;

/// With `nontemporal-bytes=-1`, rows shorter than this many bytes are
/// stored as they are, even in results beyond the last-level cache.
constexpr uint64_t kMinStreamedRowBytes = 1024;

/// Index arithmetic at a builder's insertion point.
struct IndexMath {
  OpBuilder &b;
  Location loc;

  Value c(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value mul(Value x, int64_t y) {
    return y == 1 ? x : arith::MulIOp::create(b, loc, x, c(y)).getResult();
  }
  Value floorDiv(Value x, int64_t y) {
    return y == 1 ? x
                  : arith::FloorDivSIOp::create(b, loc, x, c(y)).getResult();
  }
  Value rem(Value x, int64_t y) {
    return arith::RemSIOp::create(b, loc, x, c(y));
  }
  Value min(Value x, Value y) { return arith::MinSIOp::create(b, loc, x, y); }
  Value max(Value x, Value y) { return arith::MaxSIOp::create(b, loc, x, y); }
  Value clamp(Value x, Value lo, Value hi) { return min(max(x, lo), hi); }
  Value andI(Value x, Value y) { return arith::AndIOp::create(b, loc, x, y); }
};

/// Transposes the 8x8 matrix whose rows are `rows` (8-lane vectors) in
/// place: unpack pairs of rows, then pairs of pairs, then swap 128-bit
/// halves; each step a two-source `vector.shuffle` that x86 (unpcklps,
/// shufps, vperm2f128) and NEON (zip, trn) do in one instruction.
static void transpose8x8(OpBuilder &b, Location loc,
                         MutableArrayRef<Value> rows) {
  auto shuffle = [&](Value x, Value y, ArrayRef<int64_t> mask) {
    return vector::ShuffleOp::create(b, loc, x, y, mask).getResult();
  };
  const int64_t unpackLo[] = {0, 8, 1, 9, 4, 12, 5, 13};
  const int64_t unpackHi[] = {2, 10, 3, 11, 6, 14, 7, 15};
  const int64_t pairsLo[] = {0, 1, 8, 9, 4, 5, 12, 13};
  const int64_t pairsHi[] = {2, 3, 10, 11, 6, 7, 14, 15};
  const int64_t halvesLo[] = {0, 1, 2, 3, 8, 9, 10, 11};
  const int64_t halvesHi[] = {4, 5, 6, 7, 12, 13, 14, 15};
  Value t[8], u[8];
  for (int i = 0; i < 4; ++i) {
    t[2 * i] = shuffle(rows[2 * i], rows[2 * i + 1], unpackLo);
    t[2 * i + 1] = shuffle(rows[2 * i], rows[2 * i + 1], unpackHi);
  }
  for (int h = 0; h < 2; ++h) {
    Value *q = t + 4 * h;
    u[4 * h + 0] = shuffle(q[0], q[2], pairsLo);
    u[4 * h + 1] = shuffle(q[0], q[2], pairsHi);
    u[4 * h + 2] = shuffle(q[1], q[3], pairsLo);
    u[4 * h + 3] = shuffle(q[1], q[3], pairsHi);
  }
  for (int i = 0; i < 4; ++i) {
    rows[i] = shuffle(u[i], u[4 + i], halvesLo);
    rows[4 + i] = shuffle(u[i], u[4 + i], halvesHi);
  }
}

/// Builds the vectorized loops of one `patches.extract`.
class VectorGatherBuilder {
public:
  VectorGatherBuilder(ExtractOp op, const ExtractGeometry &geometry,
                      const RowStrategy &rows, int64_t streamingBytes)
      : op(op), g(geometry), layouts(geometry.getLayouts()),
        input(op.getInput()),
        elementType(op.getInput().getType().getElementType()),
        moveType(getMoveType(elementType)),
        rank(geometry.getNumSpatialDims() + 2) {
    int64_t bits =
        elementType.isIndex() ? 64 : elementType.getIntOrFloatBitWidth();
    auto lanes = [&](int64_t vectorBits) {
      return std::max<int64_t>(1, vectorBits / std::max<int64_t>(bits, 8));
    };
    copyLanes = lanes(rows.copyBits);
    stridedLanes = lanes(rows.stridedBits);
    dilatedLanes = lanes(rows.dilatedBits);
    transposeLanes = lanes(rows.transposeBits);
    uint64_t resultBytes = std::max<int64_t>(bits, 8) / 8;
    for (int64_t size : geometry.getResultShape())
      resultBytes =
          llvm::SaturatingMultiply(resultBytes, static_cast<uint64_t>(size));
    // By default (-1), short rows do not stream: their full vectors cover a
    // few lines, and
    // the lines they share with the masked stores around them were written
    // both ways (batch-32 ResNet, 224-byte rows: 0.62-0.78x of the write
    // bound streaming, 0.74-0.84x not, on the AMD EPYC).
    uint64_t rowBytes = static_cast<uint64_t>(std::max<int64_t>(bits, 8) / 8) *
                        geometry.getResultShape().back();
    if (streamingBytes < 0)
      streaming =
          resultBytes > static_cast<uint64_t>(kDefaultNontemporalBytes) &&
          rowBytes >= kMinStreamedRowBytes;
    else
      streaming = resultBytes > static_cast<uint64_t>(streamingBytes);
  }

  Value build(OpBuilder &b);

private:
  /// What window position `w` of canonical spatial dimension j adds to the
  /// position an output position reads (the geometry's window offset).
  Value windowOffset(IndexMath &m, int64_t j, OpFoldResult w) {
    return g.buildWindowOffset(m.b, m.loc, j, w,
                               m.b.getIndexAttr(g.getSpatial(j).padLow));
  }
  /// The position output position `o` reads at window offset `offset`.
  Value position(IndexMath &m, int64_t j, Value o, Value offset) {
    return g.buildInputPosition(m.b, m.loc, j, o, offset);
  }

  /// The padding value of the transfer reads (never read: every read is
  /// in bounds or masked).
  Value paddingScalar(OpBuilder &b, Location loc) {
    return arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
  }
  /// Zeros of the move type, scalar and vector.
  Value zeroScalar(OpBuilder &b, Location loc) {
    return arith::ConstantOp::create(b, loc, b.getZeroAttr(moveType));
  }
  Value zeroVector(OpBuilder &b, Location loc, ArrayRef<int64_t> shape) {
    auto type = VectorType::get(shape, moveType);
    return arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(type, b.getZeroAttr(moveType)));
  }
  /// A vector of elements read from the input, as its move type.
  Value readInput(OpBuilder &b, Location loc, int64_t lanes, ValueRange indices,
                  AffineMap map, Value mask = {}) {
    auto type = VectorType::get({lanes}, elementType);
    Value pad = paddingScalar(b, loc);
    Value v =
        mask ? vector::TransferReadOp::create(b, loc, type, input, indices,
                                              AffineMapAttr::get(map), pad,
                                              mask, b.getBoolArrayAttr({false}))
                   .getResult()
             : vector::TransferReadOp::create(b, loc, type, input, indices, pad,
                                              map, ArrayRef<bool>{true})
                   .getResult();
    return toMoveType(b, loc, v);
  }
  /// A move-type vector (or scalar) back in the element type, to store.
  Value toElements(OpBuilder &b, Location loc, Value v) {
    Type type = elementType;
    if (auto vectorType = dyn_cast<VectorType>(v.getType()))
      type = vectorType.clone(elementType);
    return fromMoveType(b, loc, v, type);
  }

  /// The canonical spatial dimension of the innermost result dimension.
  int64_t rowSpatialDim() const {
    return llvm::find(layouts.out.spatial, rank - 1) -
           layouts.out.spatial.begin();
  }

  /// A 1-D transfer map of the input that reads along input dimension `dim`.
  AffineMap inputMapAlong(MLIRContext *ctx, int64_t dim) {
    return AffineMap::get(rank, 0, getAffineDimExpr(dim, ctx));
  }

  /// Where position `p` of canonical spatial dimension j reads the input
  /// (the geometry's grid test).
  GridIndex inputPosition(IndexMath &m, int64_t j, Value p) {
    return g.buildInputIndex(m.b, m.loc, j, p,
                             m.b.getIndexAttr(g.getSpatial(j).inputSize));
  }

  /// An `scf.for` over `count` full vectors: `vectorAt(i)` gives the i-th
  /// vector and the row position it goes to; each is stored unmasked.
  using VectorAt =
      function_ref<std::pair<Value, Value>(OpBuilder &, Location, Value)>;
  Value fullVectors(OpBuilder &b, Location loc, Value row, Value count,
                    VectorAt vectorAt) {
    IndexMath m{b, loc};
    auto loop = scf::ForOp::create(
        b, loc, m.c(0), count, m.c(1), ValueRange{row},
        [&](OpBuilder &lb, Location ll, Value i, ValueRange args) {
          auto [vector, at] = vectorAt(lb, ll, i);
          Value next = vector::TransferWriteOp::create(
                           lb, ll, toElements(lb, ll, vector), args[0],
                           ValueRange{at}, ArrayRef<bool>{true})
                           .getResult();
          scf::YieldOp::create(lb, ll, next);
        });
    // Outputs beyond the last-level cache: patches-nontemporal-stores
    // makes the loop's stores streaming where they are aligned (the mark
    // is the loop's, which bufferization keeps).
    if (streaming)
      loop->setAttr(kNontemporalLoopAttrName, b.getUnitAttr());
    return loop.getResult(0);
  }

  /// Where a streaming row's full vectors start: `from` rounded up to a
  /// multiple of `vl` (so that they are aligned where the row is), at most
  /// `to`. The elements before it are stored with one masked vector by the
  /// caller; rows that do not stream start at `from`.
  Value alignedStart(IndexMath &m, Value from, Value to, int64_t vl) {
    if (!streaming)
      return from;
    return m.min(m.mul(m.floorDiv(m.add(from, m.c(vl - 1)), vl), vl), to);
  }

  /// Stores the lanes of `vector` that `mask` selects at row[at...].
  Value maskedStore(OpBuilder &b, Location loc, Value vector, Value row,
                    Value at, Value mask) {
    return vector::TransferWriteOp::create(
               b, loc, row.getType(), toElements(b, loc, vector), row,
               ValueRange{at}, AffineMapAttr::get(b.getMultiDimIdentityMap(1)),
               mask, b.getBoolArrayAttr({false}))
        .getResult();
  }
  /// A mask of `lanes` lanes whose first `count` are set.
  Value lanesMask(OpBuilder &b, Location loc, int64_t lanes, Value count) {
    return vector::CreateMaskOp::create(
        b, loc, VectorType::get({lanes}, b.getI1Type()), ValueRange{count});
  }

  Value buildSpatialRow(OpBuilder &b, Location loc, ValueRange ivs,
                        ArrayRef<Value> decoded, Value row, int64_t rowDim);
  Value buildFeatureRow(OpBuilder &b, Location loc, ValueRange ivs, Value row);

  Value fillRange(OpBuilder &b, Location loc, Value row, Value from, Value to);
  Value copyRange(OpBuilder &b, Location loc, Value row, Value from, Value to,
                  SmallVector<Value> inIndices, Value offset);
  Value testedRange(OpBuilder &b, Location loc, Value row, Value from, Value to,
                    SmallVector<Value> inIndices, Value offset);
  Value dilatedRow(OpBuilder &b, Location loc, Value row,
                   SmallVector<Value> inIndices, Value offset);

  ExtractOp op;
  const ExtractGeometry &g;
  const DimensionLayouts &layouts;
  Value input;
  Type elementType;
  /// What vectors are shuffled and selected as (see getMoveType).
  Type moveType;
  int64_t rank;
  /// Elements per vector of each kind of row (the target's RowStrategy):
  /// stride-1 copies and zero fills, strided rows, lhs-dilated rows and
  /// the feature-innermost transpose.
  int64_t copyLanes, stridedLanes, dilatedLanes, transposeLanes;
  /// Whether the result is larger than the last-level cache: its stride-1
  /// rows and fills are aligned and marked for streaming stores.
  bool streaming = false;
};

} // namespace

/// Writes zeros to row[from, to): full vectors, then a masked tail.
Value VectorGatherBuilder::fillRange(OpBuilder &b, Location loc, Value row,
                                     Value from, Value to) {
  IndexMath m{b, loc};
  int64_t vl = copyLanes;
  Value zeros = zeroVector(b, loc, {vl});
  if (streaming) {
    Value start = alignedStart(m, from, to, vl);
    row = maskedStore(b, loc, zeros, row, from,
                      lanesMask(b, loc, vl, m.sub(start, from)));
    from = start;
  }
  Value full = m.floorDiv(m.sub(to, from), vl);
  row =
      fullVectors(b, loc, row, full, [&](OpBuilder &lb, Location ll, Value i) {
        IndexMath lm{lb, ll};
        return std::make_pair(zeros, lm.add(from, lm.mul(i, vl)));
      });
  Value tail = m.add(from, m.mul(full, vl));
  return maskedStore(b, loc, zeros, row, tail,
                     lanesMask(b, loc, vl, m.sub(to, tail)));
}

/// Copies row[o] = input[..., o * s + offset] for o in [from, to), where every
/// such position is inside the input (the caller split off the padding).
Value VectorGatherBuilder::copyRange(OpBuilder &b, Location loc, Value row,
                                     Value from, Value to,
                                     SmallVector<Value> inIndices,
                                     Value offset) {
  IndexMath m{b, loc};
  MLIRContext *ctx = b.getContext();
  int64_t j = rowSpatialDim();
  int64_t stride = g.getSpatial(j).stride;
  int64_t inputDim = layouts.lhs.spatial[j];
  int64_t vl = stride == 1 ? copyLanes : stridedLanes;
  AffineMap readMap = inputMapAlong(ctx, inputDim);

  if (stride == 1) {
    // Unmasked vectors over the interior, one masked vector for the tail
    // (and, streaming, one before them up to an aligned position).
    if (streaming) {
      Value start = alignedStart(m, from, to, vl);
      Value mask = lanesMask(b, loc, vl, m.sub(start, from));
      SmallVector<Value> idx = inIndices;
      idx[inputDim] = position(m, j, from, offset);
      Value v = readInput(b, loc, vl, idx, readMap, mask);
      row = maskedStore(b, loc, v, row, from, mask);
      from = start;
    }
    Value full = m.floorDiv(m.sub(to, from), vl);
    row = fullVectors(b, loc, row, full,
                      [&](OpBuilder &lb, Location ll, Value i) {
                        IndexMath lm{lb, ll};
                        Value o = lm.add(from, lm.mul(i, vl));
                        SmallVector<Value> idx = inIndices;
                        idx[inputDim] = position(lm, j, o, offset);
                        Value v = readInput(lb, ll, vl, idx, readMap);
                        return std::make_pair(v, o);
                      });
    Value o = m.add(from, m.mul(full, vl));
    Value mask = lanesMask(b, loc, vl, m.sub(to, o));
    SmallVector<Value> idx = inIndices;
    idx[inputDim] = position(m, j, o, offset);
    Value v = readInput(b, loc, vl, idx, readMap, mask);
    return maskedStore(b, loc, v, row, o, mask);
  }

  // Stride > 1: read vl * s contiguous elements and keep every s-th, while
  // the wide read stays inside the input; then masked vectors, whose read
  // stops at the input's end (every lane stored reads inside it).
  Value start = position(m, j, from, offset);
  int64_t inputSize = g.getSpatial(j).inputSize;
  Value full = m.max(
      m.c(0), m.min(m.floorDiv(m.sub(to, from), vl),
                    m.floorDiv(m.sub(m.c(inputSize), start), vl * stride)));
  SmallVector<int64_t> lanes;
  for (int64_t l = 0; l < vl; ++l)
    lanes.push_back(l * stride);
  row =
      fullVectors(b, loc, row, full, [&](OpBuilder &lb, Location ll, Value i) {
        IndexMath lm{lb, ll};
        Value o = lm.add(from, lm.mul(i, vl));
        SmallVector<Value> idx = inIndices;
        idx[inputDim] = position(lm, j, o, offset);
        Value wide = readInput(lb, ll, vl * stride, idx, readMap);
        Value v = vector::ShuffleOp::create(lb, ll, wide, wide, lanes);
        return std::make_pair(v, o);
      });
  // Fewer than 2 * vl outputs are left: the wide reads stop at most one
  // vector early, since the last output's position is inside the input.
  Value tailFrom = m.add(from, m.mul(full, vl));
  Value tailVectors = m.floorDiv(m.add(m.sub(to, tailFrom), m.c(vl - 1)), vl);
  auto tail = scf::ForOp::create(
      b, loc, m.c(0), tailVectors, m.c(1), ValueRange{row},
      [&](OpBuilder &lb, Location ll, Value i, ValueRange args) {
        IndexMath lm{lb, ll};
        Value o = lm.add(tailFrom, lm.mul(i, vl));
        Value at = position(lm, j, o, offset);
        SmallVector<Value> idx = inIndices;
        idx[inputDim] = at;
        Value wide = readInput(
            lb, ll, vl * stride, idx, readMap,
            lanesMask(lb, ll, vl * stride, lm.sub(lm.c(inputSize), at)));
        Value v = vector::ShuffleOp::create(lb, ll, wide, wide, lanes);
        Value next = maskedStore(lb, ll, v, args[0], o,
                                 lanesMask(lb, ll, vl, lm.sub(to, o)));
        scf::YieldOp::create(lb, ll, next);
      });
  return tail.getResult(0);
}

/// row[o] for o in [from, to), each element testing whether it lands on an
/// input element (holes of lhs dilation and padding read zero): the few
/// elements the vector loops leave over.
Value VectorGatherBuilder::testedRange(OpBuilder &b, Location loc, Value row,
                                       Value from, Value to,
                                       SmallVector<Value> inIndices,
                                       Value offset) {
  IndexMath m{b, loc};
  int64_t j = rowSpatialDim();
  int64_t inputDim = layouts.lhs.spatial[j];
  Value zero = zeroScalar(b, loc);
  auto loop = scf::ForOp::create(
      b, loc, from, to, m.c(1), ValueRange{row},
      [&](OpBuilder &lb, Location ll, Value o, ValueRange args) {
        IndexMath lm{lb, ll};
        GridIndex at = inputPosition(lm, j, position(lm, j, o, offset));
        SmallVector<Value> idx = inIndices;
        idx[inputDim] = at.index;
        auto read = scf::IfOp::create(
            lb, ll, at.isOnGrid,
            [&](OpBuilder &tb, Location tl) {
              Value v = tensor::ExtractOp::create(tb, tl, input, idx);
              scf::YieldOp::create(tb, tl, toMoveType(tb, tl, v));
            },
            [&](OpBuilder &eb, Location el) {
              scf::YieldOp::create(eb, el, zero);
            });
        Value next = tensor::InsertOp::create(
            lb, ll, toElements(lb, ll, read.getResult(0)), args[0],
            ValueRange{o});
        scf::YieldOp::create(lb, ll, next);
      });
  return loop.getResult(0);
}

/// A row along a dimension with lhs dilation l. With stride 1 and l
/// dividing the vector length, every l-th element of the interior reads
/// the input: full vectors read vl / l contiguous input elements and
/// shuffle zeros in between; padding before and after is filled, and the
/// few elements left over are tested one by one. Other strides test every
/// element.
Value VectorGatherBuilder::dilatedRow(OpBuilder &b, Location loc, Value row,
                                      SmallVector<Value> inIndices,
                                      Value offset) {
  IndexMath m{b, loc};
  int64_t j = rowSpatialDim();
  const SpatialGeometry &s = g.getSpatial(j);
  int64_t l = s.lhsDilation, vl = dilatedLanes;
  Value len = m.c(g.getResultShape()[rank - 1]);
  if (s.stride != 1 || vl % l != 0)
    return testedRange(b, loc, row, m.c(0), len, inIndices, offset);

  int64_t inputDim = layouts.lhs.spatial[j];
  // The interior: 0 <= o + offset < D; `first` is its first position on an
  // input element (o + offset a multiple of l).
  auto [begin, end] = g.buildInBoundsOutputRange(b, loc, j, offset,
                                                 g.getResultShape()[rank - 1]);
  Value phase = m.rem(m.add(begin, offset), l);
  Value first = m.min(m.add(begin, m.rem(m.sub(m.c(l), phase), l)), end);
  Value firstInput = m.floorDiv(m.add(first, offset), l);
  int64_t perVector = vl / l;
  Value full =
      m.max(m.c(0),
            m.min(m.floorDiv(m.sub(end, first), vl),
                  m.floorDiv(m.sub(m.c(s.inputSize), firstInput), perVector)));

  MLIRContext *ctx = b.getContext();
  Value zeros = zeroVector(b, loc, {perVector});
  SmallVector<int64_t> lanes;
  for (int64_t t = 0; t < vl; ++t)
    lanes.push_back(t % l == 0 ? t / l : perVector);
  AffineMap readMap = inputMapAlong(ctx, inputDim);

  Value result = fillRange(b, loc, row, m.c(0), first);
  result = fullVectors(
      b, loc, result, full, [&](OpBuilder &lb, Location ll, Value i) {
        IndexMath lm{lb, ll};
        SmallVector<Value> idx = inIndices;
        idx[inputDim] = lm.add(firstInput, lm.mul(i, perVector));
        Value narrow = readInput(lb, ll, perVector, idx, readMap);
        Value v = vector::ShuffleOp::create(lb, ll, narrow, zeros, lanes);
        return std::make_pair(v, lm.add(first, lm.mul(i, vl)));
      });
  // The tail: fewer than vl outputs are left (the outputs, not the
  // inputs, bound the full vectors), so one masked vector finishes it.
  Value o = m.add(first, m.mul(full, vl));
  Value tailInput = m.add(firstInput, m.mul(full, perVector));
  SmallVector<Value> idx = inIndices;
  idx[inputDim] = tailInput;
  Value narrow = readInput(
      b, loc, perVector, idx, readMap,
      lanesMask(b, loc, perVector, m.sub(m.c(s.inputSize), tailInput)));
  Value v = vector::ShuffleOp::create(b, loc, narrow, zeros, lanes);
  result =
      maskedStore(b, loc, v, result, o, lanesMask(b, loc, vl, m.sub(end, o)));
  return fillRange(b, loc, result, end, len);
}

/// A row along spatial result dimension `rowDim` (the innermost).
/// `ivs` are the row's result coordinates and `decoded` its feature's
/// (c, w_1 .. w_n).
Value VectorGatherBuilder::buildSpatialRow(OpBuilder &b, Location loc,
                                           ValueRange ivs,
                                           ArrayRef<Value> decoded, Value row,
                                           int64_t rowDim) {
  IndexMath m{b, loc};
  int64_t n = g.getNumSpatialDims();
  int64_t rowSpatial =
      llvm::find(layouts.out.spatial, rowDim) - layouts.out.spatial.begin();
  ArrayRef<Value> w = decoded.drop_front();

  SmallVector<Value> inIndices(rank);
  inIndices[layouts.lhs.batch] = ivs[layouts.out.batch];
  inIndices[layouts.lhs.feature] = decoded[0];
  Value rowValid = arith::ConstantIntOp::create(b, loc, 1, 1);
  for (int64_t j = 0; j < n; ++j) {
    if (j == rowSpatial)
      continue;
    GridIndex at = inputPosition(
        m, j,
        position(m, j, ivs[layouts.out.spatial[j]], windowOffset(m, j, w[j])));
    rowValid = m.andI(rowValid, at.isOnGrid);
    inIndices[layouts.lhs.spatial[j]] = at.index;
  }

  const SpatialGeometry &s = g.getSpatial(rowSpatial);
  int64_t length = g.getResultShape()[rowDim];
  Value offset = windowOffset(m, rowSpatial, w[rowSpatial]);
  auto ifOp = scf::IfOp::create(
      b, loc, rowValid,
      [&](OpBuilder &tb, Location tl) {
        IndexMath tm{tb, tl};
        Value result;
        if (s.lhsDilation != 1) {
          result = dilatedRow(tb, tl, row, inIndices, offset);
        } else {
          // Positions o with 0 <= o * s + offset < d read the input; the
          // ones before and after read padding.
          Value len = tm.c(length);
          auto [begin, end] =
              g.buildInBoundsOutputRange(tb, tl, rowSpatial, offset, length);
          result = fillRange(tb, tl, row, tm.c(0), begin);
          result = copyRange(tb, tl, result, begin, end, inIndices, offset);
          result = fillRange(tb, tl, result, end, len);
        }
        scf::YieldOp::create(tb, tl, result);
      },
      [&](OpBuilder &eb, Location el) {
        IndexMath em{eb, el};
        scf::YieldOp::create(eb, el,
                             fillRange(eb, el, row, em.c(0), em.c(length)));
      });
  return ifOp.getResult(0);
}

/// A row along the feature dimension (the innermost): for each block of
/// channels, one vector per window position, transposed so that the stores
/// are sequential (feature c * K + k).
Value VectorGatherBuilder::buildFeatureRow(OpBuilder &b, Location loc,
                                           ValueRange ivs, Value row) {
  IndexMath m{b, loc};
  MLIRContext *ctx = b.getContext();
  int64_t n = g.getNumSpatialDims();
  int64_t volume = g.getWindowVolume();
  int64_t channels = g.getInputChannels();
  int64_t vl = transposeLanes;

  // Per window position: whether it reads the input, and where (clamped so
  // that the read is always in bounds; `select` drops it when invalid).
  SmallVector<Value> valid(volume);
  SmallVector<SmallVector<Value>> indices(volume);
  for (int64_t k = 0; k < volume; ++k) {
    Value ok = arith::ConstantIntOp::create(b, loc, 1, 1);
    SmallVector<Value> idx(rank);
    idx[layouts.lhs.batch] = ivs[layouts.out.batch];
    SmallVector<int64_t> decoded = g.decodeFeature(k);
    for (int64_t j = 0; j < n; ++j) {
      const SpatialGeometry &s = g.getSpatial(j);
      GridIndex at = inputPosition(
          m, j,
          position(m, j, ivs[layouts.out.spatial[j]],
                   windowOffset(m, j, b.getIndexAttr(decoded[1 + j]))));
      ok = m.andI(ok, at.isOnGrid);
      idx[layouts.lhs.spatial[j]] =
          m.clamp(at.index, m.c(0), m.c(s.inputSize - 1));
    }
    valid[k] = ok;
    indices[k] = idx;
  }

  // The row is [C, K] flattened: a block of vl channels is the vl * K
  // consecutive elements from c0 * K, written as one 1-D vector. (A 2-D
  // [vl, K] write went through a stack buffer and a loop of K-element
  // copies, since K is rarely a power of two.)
  Value zeros = zeroVector(b, loc, {vl});
  AffineMap readMap = inputMapAlong(ctx, layouts.lhs.feature);
  // With 8 lanes of 32 bits and K >= 8, the block is transposed 8 window
  // positions at a time by the unpack network below (24 two-source
  // shuffles per 8x8, each one instruction on x86 and NEON), each channel's
  // 8 features stored as one vector; the K mod 8 positions left are
  // transposed generically. LLVM's lowering of the flat [K, 8] -> [8, K]
  // shuffle took about 80 shuffles for K = 9.
  bool unpackTranspose =
      vl == 8 && volume >= 8 && moveType.getIntOrFloatBitWidth() == 32;
  auto blocks = scf::ForOp::create(
      b, loc, m.c(0), m.c(channels / vl), m.c(1), ValueRange{row},
      [&](OpBuilder &lb, Location ll, Value block, ValueRange args) {
        IndexMath lm{lb, ll};
        Value c0 = lm.mul(block, vl);
        if (unpackTranspose) {
          SmallVector<Value> byWindow;
          for (int64_t k = 0; k < volume; ++k) {
            SmallVector<Value> idx = indices[k];
            idx[layouts.lhs.feature] = c0;
            Value v = readInput(lb, ll, vl, idx, readMap);
            byWindow.push_back(
                arith::SelectOp::create(lb, ll, valid[k], v, zeros));
          }
          Value acc = args[0];
          Value blockStart = lm.mul(c0, volume);
          int64_t full = volume / 8, left = volume % 8;
          for (int64_t chunk = 0; chunk < full; ++chunk) {
            MutableArrayRef<Value> rows(byWindow.data() + 8 * chunk, 8);
            transpose8x8(lb, ll, rows);
            for (int64_t i = 0; i < 8; ++i)
              acc = vector::TransferWriteOp::create(
                        lb, ll, toElements(lb, ll, rows[i]), acc,
                        ValueRange{
                            lm.add(blockStart, lm.c(i * volume + 8 * chunk))},
                        ArrayRef<bool>{true})
                        .getResult();
          }
          if (left) {
            Value rest = zeroVector(lb, ll, {left, vl});
            for (int64_t k = 0; k < left; ++k)
              rest = vector::InsertOp::create(lb, ll, byWindow[8 * full + k],
                                              rest, k);
            Value columns = vector::TransposeOp::create(
                lb, ll, rest, ArrayRef<int64_t>{1, 0});
            for (int64_t i = 0; i < 8; ++i) {
              Value column = vector::ExtractOp::create(lb, ll, columns, i);
              acc = vector::TransferWriteOp::create(
                        lb, ll, toElements(lb, ll, column), acc,
                        ValueRange{
                            lm.add(blockStart, lm.c(i * volume + 8 * full))},
                        ArrayRef<bool>{true})
                        .getResult();
            }
          }
          scf::YieldOp::create(lb, ll, acc);
          return;
        }
        Value tile = zeroVector(lb, ll, {volume, vl});
        for (int64_t k = 0; k < volume; ++k) {
          SmallVector<Value> idx = indices[k];
          idx[layouts.lhs.feature] = c0;
          Value v = readInput(lb, ll, vl, idx, readMap);
          v = arith::SelectOp::create(lb, ll, valid[k], v, zeros);
          tile = vector::InsertOp::create(lb, ll, v, tile, k);
        }
        Value transposed =
            vector::TransposeOp::create(lb, ll, tile, ArrayRef<int64_t>{1, 0});
        Value flat = vector::ShapeCastOp::create(
            lb, ll, VectorType::get({vl * volume}, moveType), transposed);
        Value next = vector::TransferWriteOp::create(
                         lb, ll, toElements(lb, ll, flat), args[0],
                         ValueRange{lm.mul(c0, volume)}, ArrayRef<bool>{true})
                         .getResult();
        scf::YieldOp::create(lb, ll, next);
      });
  // The channels left over after the last full block, one at a time.
  Value zero = zeroScalar(b, loc);
  auto tail = scf::ForOp::create(
      b, loc, m.c(channels / vl * vl), m.c(channels), m.c(1),
      ValueRange{blocks.getResult(0)},
      [&](OpBuilder &lb, Location ll, Value c, ValueRange args) {
        IndexMath lm{lb, ll};
        Value acc = args[0];
        Value first = lm.mul(c, volume);
        for (int64_t k = 0; k < volume; ++k) {
          SmallVector<Value> idx = indices[k];
          idx[layouts.lhs.feature] = c;
          Value v = tensor::ExtractOp::create(lb, ll, input, idx);
          v = arith::SelectOp::create(lb, ll, valid[k], toMoveType(lb, ll, v),
                                      zero);
          acc = tensor::InsertOp::create(lb, ll, toElements(lb, ll, v), acc,
                                         ValueRange{lm.add(first, lm.c(k))});
        }
        scf::YieldOp::create(lb, ll, acc);
      });
  return tail.getResult(0);
}

Value VectorGatherBuilder::build(OpBuilder &b) {
  Location loc = op.getLoc();
  ArrayRef<int64_t> shape = g.getResultShape();
  Value init = tensor::EmptyOp::create(b, loc, shape, elementType);
  int64_t n = g.getNumSpatialDims();
  bool featureRows = layouts.out.feature == rank - 1;

  // Feature-innermost rows: one forall iteration per row, over every result
  // dimension but the innermost. Spatial rows: one iteration per
  // (b, c, w_j..., o_j...) writes the F rows of the row's own window
  // positions w_row = 0 .. F-1 (features f0 + w_row * k_row, a strided
  // [F, L] tile). They read the same input row at shifted offsets (from L1),
  // the feature needs no decoding, and for small F each row is built with
  // its window position a constant, so that its padding split, vector
  // counts and tail masks fold to constants: a row's scalar set-up was most
  // of its time on short rows (7x7 stride 2: 112 elements).
  int64_t rowSpatial = featureRows ? -1 : rowSpatialDim();
  SmallVector<OpFoldResult> upper;
  if (featureRows) {
    for (int64_t size : shape.drop_back())
      upper.push_back(b.getIndexAttr(size));
  } else {
    upper.push_back(b.getIndexAttr(shape[layouts.out.batch]));
    upper.push_back(b.getIndexAttr(g.getInputChannels()));
    for (int64_t j = 0; j < n; ++j)
      if (j != rowSpatial)
        upper.push_back(b.getIndexAttr(g.getSpatial(j).filterSize));
    for (int64_t j = 0; j < n; ++j)
      if (j != rowSpatial)
        upper.push_back(b.getIndexAttr(shape[layouts.out.spatial[j]]));
  }
  int64_t rowLength = shape.back();
  auto forall = scf::ForallOp::create(b, loc, upper, ValueRange{init},
                                      /*mapping=*/std::nullopt);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getTerminator());
  SmallVector<Value> ivs = forall.getInductionVars();
  Value out = forall.getRegionIterArgs()[0];

  // The row's result coordinates (and, for spatial rows, its (c, w)).
  SmallVector<Value> coords(rank);
  SmallVector<Value> decoded;
  if (featureRows) {
    llvm::copy(ivs, coords.begin());
  } else {
    auto next = ivs.begin();
    coords[layouts.out.batch] = *next++;
    decoded.assign(n + 1, Value());
    decoded[0] = *next++;
    for (int64_t j = 0; j < n; ++j)
      if (j != rowSpatial)
        decoded[1 + j] = *next++;
    for (int64_t j = 0; j < n; ++j)
      if (j != rowSpatial)
        coords[layouts.out.spatial[j]] = *next++;
    // The tile's first row; the others follow at k_row.
    decoded[1 + rowSpatial] = arith::ConstantIndexOp::create(b, loc, 0);
    MLIRContext *ctx = b.getContext();
    SmallVector<AffineExpr> w;
    for (int64_t j = 0; j < n; ++j)
      w.push_back(getAffineDimExpr(1 + j, ctx));
    coords[layouts.out.feature] =
        buildIndexExpr(b, loc, g.getFeatureExpr(getAffineDimExpr(0, ctx), w),
                       getAsOpFoldResult(decoded));
  }

  SmallVector<OpFoldResult> offsets =
      getAsOpFoldResult(ArrayRef<Value>(coords).drop_back());
  offsets.push_back(b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes(rank - 1, b.getIndexAttr(1));
  sizes.push_back(b.getIndexAttr(rowLength));
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  auto rowType = RankedTensorType::get({rowLength}, elementType);
  Value written;
  if (featureRows) {
    Value row = tensor::ExtractSliceOp::create(b, loc, rowType, out, offsets,
                                               sizes, strides);
    written = buildFeatureRow(b, loc, coords, row);
  } else {
    int64_t rows = g.getSpatial(rowSpatial).filterSize;
    sizes[layouts.out.feature] = b.getIndexAttr(rows);
    strides[layouts.out.feature] =
        b.getIndexAttr(g.getWindowStrides()[rowSpatial]);
    // The tile keeps the result's rank: a rank-reducing strided subview of
    // unit sizes is one whose dropped dimensions LLVM 22's
    // SubViewOp::getDroppedDims cannot tell apart (it crashes).
    SmallVector<int64_t> tileShape(rank, 1);
    tileShape[layouts.out.feature] = rows;
    tileShape[rank - 1] = rowLength;
    auto tileType = RankedTensorType::get(tileShape, elementType);
    Value tile = tensor::ExtractSliceOp::create(b, loc, tileType, out, offsets,
                                                sizes, strides);
    SmallVector<OpFoldResult> rowOffsets(rank, b.getIndexAttr(0));
    SmallVector<OpFoldResult> rowSizes(rank, b.getIndexAttr(1));
    rowSizes[rank - 1] = b.getIndexAttr(rowLength);
    SmallVector<OpFoldResult> rowStrides(rank, b.getIndexAttr(1));
    auto buildRow = [&](OpBuilder &rb, Location rl, Value r, Value tile) {
      SmallVector<Value> rowDecoded = decoded;
      rowDecoded[1 + rowSpatial] = r;
      SmallVector<OpFoldResult> at = rowOffsets;
      at[layouts.out.feature] = r;
      Value row = tensor::ExtractSliceOp::create(rb, rl, rowType, tile, at,
                                                 rowSizes, rowStrides);
      Value built = buildSpatialRow(rb, rl, coords, rowDecoded, row, rank - 1);
      return tensor::InsertSliceOp::create(rb, rl, built, tile, at, rowSizes,
                                           rowStrides)
          .getResult();
    };
    if (rows <= kMaxUnrolledRows) {
      for (int64_t r = 0; r < rows; ++r)
        tile =
            buildRow(b, loc, arith::ConstantIndexOp::create(b, loc, r), tile);
    } else {
      IndexMath m{b, loc};
      tile = scf::ForOp::create(
                 b, loc, m.c(0), m.c(rows), m.c(1), ValueRange{tile},
                 [&](OpBuilder &lb, Location ll, Value r, ValueRange args) {
                   scf::YieldOp::create(lb, ll, buildRow(lb, ll, r, args[0]));
                 })
                 .getResult(0);
    }
    written = tile;
  }

  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, loc, written, out, offsets, sizes,
                                        strides);
  return forall.getResult(0);
}

bool patches::canLowerToVectorLoops(ExtractOp op) {
  FailureOr<ExtractGeometry> geometry = op.getGeometryQuietly();
  return succeeded(geometry) && canLowerToVectorLoops(op, *geometry);
}

bool patches::canLowerToVectorLoops(ExtractOp op,
                                    const ExtractGeometry &geometry) {
  // Vectors of signless integers, index and floats; signed/unsigned
  // integers have no arith constants, so the linalg gather moves them.
  Type elementType = op.getInput().getType().getElementType();
  if (!elementType.isSignlessIntOrIndexOrFloat())
    return false;
  // A vector of N elements is N * width bits packed, but a buffer holds
  // each element in its own store size (i1, i4: a byte; i24: four bytes;
  // f80: sixteen): only widths that are a power-of-two number of bytes agree.
  if (!elementType.isIndex()) {
    unsigned width = elementType.getIntOrFloatBitWidth();
    if (width < 8 || !llvm::isPowerOf2_32(width))
      return false;
  }
  const ExtractGeometry &g = geometry;
  int64_t rank = g.getNumSpatialDims() + 2;
  // Static shapes only; empty inputs and results are the generic path's
  // (they need no loops at all).
  RankedTensorType inputType = op.getInput().getType();
  if (!inputType.hasStaticShape() || !g.hasStaticPadding() ||
      ShapedType::isDynamicShape(g.getResultShape()) ||
      inputType.getNumElements() == 0 ||
      llvm::is_contained(g.getResultShape(), 0))
    return false;
  const DimensionLayouts &layouts = g.getLayouts();
  // The input dimension the vectors read along. Where it is not the
  // input's innermost, a transfer becomes a loop of scalar loads inserted
  // into a loop-carried vector: a phi of a vector of the element type,
  // which x86 keeps as f32 for 16-bit floats (rounding with vcvtneps2bf16:
  // bf16 denormals and signalling NaNs were lost). Those stay scalar.
  auto readsContiguously = [&](int64_t inputDim) {
    return inputDim == rank - 1 || !isa<FloatType>(elementType) ||
           elementType.getIntOrFloatBitWidth() >= 32;
  };
  if (layouts.out.feature == rank - 1) {
    // Feature innermost: one unrolled read per window position, always in
    // bounds (clamped), so the input must have elements along every
    // spatial dimension; dilation holes stay on the generic path.
    return g.getWindowVolume() <= 64 && g.hasUnitLhsDilation() &&
           readsContiguously(layouts.lhs.feature) &&
           llvm::none_of(g.getSpatial(), [](const SpatialGeometry &s) {
             return s.inputSize == 0;
           });
  }
  if (layouts.out.batch == rank - 1)
    return false;
  // Spatial innermost: wide reads for strides up to 8.
  int64_t j =
      llvm::find(layouts.out.spatial, rank - 1) - layouts.out.spatial.begin();
  return g.getSpatial(j).stride <= 8 &&
         readsContiguously(layouts.lhs.spatial[j]);
}

namespace {
struct ExtractToVectorLoops : OpRewritePattern<ExtractOp> {
  ExtractToVectorLoops(MLIRContext *ctx, const PatchesToVectorOptions &options)
      : OpRewritePattern(ctx), options(options) {}

  LogicalResult matchAndRewrite(ExtractOp op,
                                PatternRewriter &rewriter) const override {
    if (!checkVectorBits(options.vectorBits).empty())
      return rewriter.notifyMatchFailure(op, "vector width out of range");
    FailureOr<ExtractGeometry> geometry = op.getGeometryQuietly();
    if (failed(geometry))
      return rewriter.notifyMatchFailure(op, "invalid clauses");
    if (!canLowerToVectorLoops(op, *geometry))
      return rewriter.notifyMatchFailure(op, "not handled by the vector path");
    RowStrategy rows;
    if (options.vectorBits != 0) {
      rows = RowStrategy::uniform(options.vectorBits, "vector-bits");
    } else {
      FailureOr<CPUTarget> target =
          resolveCPUTargetAt(op, options.cpu, "", /*emitErrors=*/false);
      if (failed(target))
        return rewriter.notifyMatchFailure(op, "no target CPU");
      rows = target->rows;
    }
    VectorGatherBuilder builder(op, *geometry, rows, options.nontemporalBytes);
    Value result = builder.build(rewriter);
    if (result.getType() != op.getType())
      result =
          tensor::CastOp::create(rewriter, op.getLoc(), op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }

  PatchesToVectorOptions options;
};

struct ConvertPatchesToVectorPass
    : patches::impl::ConvertPatchesToVectorBase<ConvertPatchesToVectorPass> {
  using Base::Base;

  // Checked when the options are parsed: one error line, before any input
  // is read.
  LogicalResult initializeOptions(
      StringRef options,
      function_ref<LogicalResult(const Twine &)> errorHandler) override {
    if (failed(Base::initializeOptions(options, errorHandler)))
      return failure();
    std::string problem = checkVectorBits(vectorBits);
    if (!problem.empty())
      return errorHandler(problem);
    if (nontemporalBytes < -1)
      return errorHandler("nontemporal-bytes must be -1 (the last-level "
                          "cache) or a size in bytes, got " +
                          Twine(nontemporalBytes));
    // An unknown CPU is an error here too, not when the pass runs.
    return success(succeeded(resolveCPUTarget(cpu, "", "", errorHandler)));
  }

  void runOnOperation() override {
    // A pass built from C++ skips initializeOptions.
    std::string problem = checkVectorBits(vectorBits);
    if (!problem.empty()) {
      getOperation()->emitError(problem);
      return signalPassFailure();
    }
    if (nontemporalBytes < -1) {
      getOperation()->emitError("nontemporal-bytes must be -1 (the "
                                "last-level cache) or a size in bytes, got ")
          << nontemporalBytes;
      return signalPassFailure();
    }
    // The target of each op, resolved (and reported where the IR names one
    // LLVM does not know) before any op is rewritten.
    if (vectorBits == 0) {
      WalkResult walk = getOperation()->walk([&](ExtractOp op) {
        return failed(resolveCPUTargetAt(op, cpu)) ? WalkResult::interrupt()
                                                   : WalkResult::advance();
      });
      if (walk.wasInterrupted())
        return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populatePatchesToVectorPatterns(patterns,
                                    {vectorBits, cpu, nontemporalBytes});
    // Only the extract ops are rewritten, and nothing else is folded.
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    config.enableFolding(false);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace

void patches::populatePatchesToVectorPatterns(
    RewritePatternSet &patterns, const PatchesToVectorOptions &options) {
  patterns.add<ExtractToVectorLoops>(patterns.getContext(), options);
}
