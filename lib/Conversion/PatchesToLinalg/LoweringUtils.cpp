//===- LoweringUtils.cpp - Helpers shared by the lowerings ----------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"

using namespace mlir;

static Value createScalar(OpBuilder &b, Location loc, Type elementType,
                          int64_t value) {
  if (auto complexType = dyn_cast<ComplexType>(elementType)) {
    auto partType = cast<FloatType>(complexType.getElementType());
    ArrayAttr parts = b.getArrayAttr({b.getFloatAttr(partType, value),
                                      b.getFloatAttr(partType, 0.0)});
    return complex::ConstantOp::create(b, loc, complexType, parts);
  }
  if (isa<FloatType>(elementType))
    return arith::ConstantOp::create(b, loc,
                                     b.getFloatAttr(elementType, value));
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(elementType, value));
}

Value patches::createZero(OpBuilder &b, Location loc, Type elementType) {
  return createScalar(b, loc, elementType, 0);
}

Value patches::createOne(OpBuilder &b, Location loc, Type elementType) {
  return createScalar(b, loc, elementType, 1);
}
