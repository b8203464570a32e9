//===- Utils.cpp - Element and shape helpers of the lowerings -------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/Utils/Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace patches;

Type patches::getSignlessType(Type type) {
  auto intType = dyn_cast<IntegerType>(type);
  if (!intType || intType.isSignless())
    return type;
  return IntegerType::get(type.getContext(), intType.getWidth());
}

Value patches::castSignedness(OpBuilder &b, Location loc, Value value,
                              Type type) {
  if (value.getType() == type)
    return value;
  return UnrealizedConversionCastOp::create(b, loc, type, value).getResult(0);
}

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
  // arith has no constants of signed/unsigned integers: make the signless
  // twin's.
  Type signless = getSignlessType(elementType);
  return castSignedness(
      b, loc,
      arith::ConstantOp::create(b, loc, b.getIntegerAttr(signless, value)),
      elementType);
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

Value patches::createZeroTensor(OpBuilder &b, Location loc,
                                ArrayRef<OpFoldResult> sizes,
                                Type elementType) {
  Value empty = tensor::EmptyOp::create(b, loc, sizes, elementType);
  Value zero = createZero(b, loc, elementType);
  return linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
      .getResult(0);
}

Value patches::buildIfNonEmpty(
    OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
    RankedTensorType type, function_ref<Value(OpBuilder &, Location)> build,
    function_ref<Value(OpBuilder &, Location)> buildEmpty) {
  auto castTo = [&](OpBuilder &nb, Location nl, Value value) -> Value {
    if (value.getType() == type)
      return value;
    return tensor::CastOp::create(nb, nl, type, value);
  };
  if (llvm::any_of(sizes,
                   [](OpFoldResult size) { return isZeroInteger(size); }))
    return castTo(b, loc, buildEmpty(b, loc));
  Value nonEmpty;
  for (OpFoldResult size : sizes) {
    if (getConstantIntValue(size))
      continue;
    Value isNonZero =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                              getValueOrCreateConstantIndexOp(b, loc, size),
                              arith::ConstantIndexOp::create(b, loc, 0));
    nonEmpty = nonEmpty ? arith::AndIOp::create(b, loc, nonEmpty, isNonZero)
                        : isNonZero;
  }
  if (!nonEmpty)
    return castTo(b, loc, build(b, loc));
  auto ifOp = scf::IfOp::create(
      b, loc, nonEmpty,
      [&](OpBuilder &tb, Location tl) {
        scf::YieldOp::create(tb, tl, castTo(tb, tl, build(tb, tl)));
      },
      [&](OpBuilder &eb, Location el) {
        scf::YieldOp::create(eb, el, castTo(eb, el, buildEmpty(eb, el)));
      });
  return ifOp.getResult(0);
}
