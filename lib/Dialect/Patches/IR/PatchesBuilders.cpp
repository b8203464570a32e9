//===- PatchesBuilders.cpp - IR that every lowering builds ----------------===//

#include "patches/Dialect/Patches/IR/PatchesBuilders.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace patches;

static Value createScalar(OpBuilder &b, Location loc, Type elementType,
                          int64_t value) {
  if (auto complexType = dyn_cast<ComplexType>(elementType)) {
    auto partType = cast<FloatType>(complexType.getElementType());
    ArrayAttr parts = b.getArrayAttr(
        {b.getFloatAttr(partType, value), b.getFloatAttr(partType, 0.0)});
    return complex::ConstantOp::create(b, loc, complexType, parts);
  }
  if (isa<FloatType>(elementType))
    return arith::ConstantOp::create(b, loc,
                                     b.getFloatAttr(elementType, value));
  // arith has no scalar constants of signed/unsigned integers, but it has
  // tensor constants of them: read the value out of a 0-d one.
  if (auto intType = dyn_cast<IntegerType>(elementType);
      intType && !intType.isSignless()) {
    auto tensorType = RankedTensorType::get({}, elementType);
    Value constant = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(tensorType, APInt(intType.getWidth(), value,
                                                 /*isSigned=*/true)));
    return tensor::ExtractOp::create(b, loc, constant, ValueRange{});
  }
  return arith::ConstantOp::create(b, loc,
                                   b.getIntegerAttr(elementType, value));
}

Value patches::createZero(OpBuilder &b, Location loc, Type elementType) {
  return createScalar(b, loc, elementType, 0);
}

Value patches::createOne(OpBuilder &b, Location loc, Type elementType) {
  return createScalar(b, loc, elementType, 1);
}

bool patches::hasArithmetic(Type type) {
  if (auto complexType = dyn_cast<ComplexType>(type))
    type = complexType.getElementType();
  if (!isa<FloatType>(type))
    return true;
  return isa<Float16Type, BFloat16Type, Float32Type, Float64Type, Float80Type,
             Float128Type>(type);
}

Type patches::getMoveType(Type type) {
  auto vectorType = dyn_cast<VectorType>(type);
  Type elementType = vectorType ? vectorType.getElementType() : type;
  auto floatType = dyn_cast<FloatType>(elementType);
  if (!floatType)
    return type;
  Type bits = IntegerType::get(type.getContext(), floatType.getWidth());
  return vectorType ? Type(vectorType.clone(bits)) : bits;
}

Value patches::toMoveType(OpBuilder &b, Location loc, Value value) {
  Type moveType = getMoveType(value.getType());
  if (moveType == value.getType())
    return value;
  return arith::BitcastOp::create(b, loc, moveType, value);
}

Value patches::fromMoveType(OpBuilder &b, Location loc, Value value,
                            Type type) {
  if (value.getType() == type)
    return value;
  return arith::BitcastOp::create(b, loc, type, value);
}

SmallVector<Type> patches::getMoveTypes(Type elementType) {
  if (auto complexType = dyn_cast<ComplexType>(elementType)) {
    Type part = getMoveType(complexType.getElementType());
    return {part, part};
  }
  return {getMoveType(elementType)};
}

SmallVector<Value> patches::toMoveValues(OpBuilder &b, Location loc,
                                         Value element) {
  if (isa<ComplexType>(element.getType()))
    return {toMoveType(b, loc, complex::ReOp::create(b, loc, element)),
            toMoveType(b, loc, complex::ImOp::create(b, loc, element))};
  return {toMoveType(b, loc, element)};
}

Value patches::fromMoveValues(OpBuilder &b, Location loc, ValueRange parts,
                              Type elementType) {
  if (auto complexType = dyn_cast<ComplexType>(elementType)) {
    Type part = complexType.getElementType();
    return complex::CreateOp::create(b, loc, complexType,
                                     fromMoveType(b, loc, parts[0], part),
                                     fromMoveType(b, loc, parts[1], part));
  }
  return fromMoveType(b, loc, parts.front(), elementType);
}

std::pair<Value, Value> patches::buildGridIndex(OpBuilder &b, Location loc,
                                                Value q, int64_t step,
                                                Value bound) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value spacing = arith::ConstantIndexOp::create(b, loc, step);
  Value index = arith::DivSIOp::create(b, loc, q, spacing);
  Value onGrid =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                            arith::RemSIOp::create(b, loc, q, spacing), zero);
  Value nonNegative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, q, zero);
  Value below =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, index, bound);
  Value valid = arith::AndIOp::create(b, loc, onGrid, nonNegative);
  return {index, arith::AndIOp::create(b, loc, valid, below)};
}

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
  SmallVector<Value> inputSizes, padLows;
  for (const SpatialSizes &s :
       geometry.materializeSpatialSizes(b, loc, input)) {
    inputSizes.push_back(getValueOrCreateConstantIndexOp(b, loc, s.inputSize));
    padLows.push_back(getValueOrCreateConstantIndexOp(b, loc, s.padLow));
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
          auto [i, isElement] =
              buildGridIndex(nb, nl, p, g.lhsDilation, inputSizes[j]);
          inBounds = arith::AndIOp::create(nb, nl, inBounds, isElement);
          indices[layouts.lhs.spatial[j]] = i;
        }
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
