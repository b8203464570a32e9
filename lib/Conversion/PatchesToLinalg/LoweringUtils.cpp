//===- LoweringUtils.cpp - Helpers shared by the lowerings ----------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

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
  // arith has no scalar constants of signed/unsigned integers, but it has
  // tensor constants of them: read the value out of a 0-d one.
  if (auto intType = dyn_cast<IntegerType>(elementType);
      intType && !intType.isSignless()) {
    auto tensorType = RankedTensorType::get({}, elementType);
    Value constant = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(tensorType,
                               APInt(intType.getWidth(), value,
                                     /*isSigned=*/true)));
    return tensor::ExtractOp::create(b, loc, constant, ValueRange{});
  }
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(elementType, value));
}

Value patches::createZero(OpBuilder &b, Location loc, Type elementType) {
  return createScalar(b, loc, elementType, 0);
}

Value patches::createOne(OpBuilder &b, Location loc, Type elementType) {
  return createScalar(b, loc, elementType, 1);
}
