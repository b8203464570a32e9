//===- ConstantEvaluation.cpp - Bounded evaluation of constant tensors ----===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A small interpreter for the index-only producer chains a frontend writes
// for a constant it computes (JAX's one-hot filter is `jnp.eye`, reshaped,
// tiled and moved: after StableHLO's conversion, `linalg.generic` with
// `linalg.index`, compares, selects and converts, broadcasts, reshapes and
// transposes; rhs dilation as the filter inserted into zeros with
// strides). Every element is an `APInt` holding the element's bits (a
// float's bit pattern), interpreted by the type of the value it belongs to.
// Nothing is created in the IR but the final attribute.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/LinalgToPatches/ConstantEvaluation.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <memory>

using namespace mlir;

namespace {

/// The elements of one evaluated tensor, row-major.
struct Elements {
  RankedTensorType type;
  std::vector<APInt> values;
};

/// The bit width an element of `type` is held in.
unsigned getStorageWidth(Type type) {
  if (type.isIndex())
    return IndexType::kInternalStorageBitWidth;
  return type.getIntOrFloatBitWidth();
}

const llvm::fltSemantics &getSemantics(Type type) {
  return cast<FloatType>(type).getFloatSemantics();
}

APFloat toFloat(Type type, const APInt &bits) {
  return APFloat(getSemantics(type), bits);
}

/// The bits of the scalar attribute `attr` (an integer or float).
std::optional<APInt> getBits(Attribute attr) {
  if (auto intAttr = dyn_cast<IntegerAttr>(attr))
    return intAttr.getValue();
  if (auto floatAttr = dyn_cast<FloatAttr>(attr))
    return floatAttr.getValue().bitcastToAPInt();
  return std::nullopt;
}

class Evaluator {
public:
  explicit Evaluator(int64_t maxElements)
      : maxElements(maxElements), budget(maxElements) {}

  /// The elements of `value`, or null (and `whyNot` set).
  const Elements *evaluate(Value value);

  std::string whyNot;

private:
  const Elements *fail(Operation *op, const Twine &reason) {
    if (!whyNot.empty())
      return nullptr;
    if (op)
      whyNot = "'" + op->getName().getStringRef().str() + "' ";
    whyNot += reason.str();
    return nullptr;
  }
  /// Takes `count` units of work from the budget.
  bool charge(int64_t count) {
    if (count < 0 || count > budget) {
      budget = -1;
      return false;
    }
    budget -= count;
    return true;
  }

  const Elements *evaluateUncached(Value value, RankedTensorType type);
  const Elements *evaluateLinalg(linalg::LinalgOp op, unsigned resultNumber);
  const Elements *evaluateGenerate(tensor::GenerateOp op);
  const Elements *evaluateInsertSlice(tensor::InsertSliceOp op);
  const Elements *evaluateExtractSlice(tensor::ExtractSliceOp op);
  const Elements *evaluatePad(tensor::PadOp op);
  /// The value of a scalar defined outside the region being interpreted.
  std::optional<APInt> getOutsideScalar(Value value);
  /// Interprets the scalar ops of `block` (not the terminator) and returns
  /// the bits of the terminator's operands.
  bool interpretBlock(Block &block, ArrayRef<APInt> arguments,
                      ArrayRef<int64_t> indices,
                      SmallVectorImpl<APInt> &yielded);
  std::optional<APInt> interpretScalar(Operation *op, ArrayRef<APInt> operands,
                                       ArrayRef<int64_t> indices);

  int64_t maxElements;
  int64_t budget;
  unsigned depth = 0;
  DenseMap<Value, std::unique_ptr<Elements>> cache;
};

} // namespace

std::optional<APInt> Evaluator::getOutsideScalar(Value value) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return getBits(attr);
}

std::optional<APInt> Evaluator::interpretScalar(Operation *op,
                                                ArrayRef<APInt> operands,
                                                ArrayRef<int64_t> indices) {
  auto resultType =
      op->getNumResults() == 1 ? op->getResult(0).getType() : Type();
  if (!resultType || !resultType.isIntOrIndexOrFloat())
    return std::nullopt;
  unsigned width = getStorageWidth(resultType);
  auto operandType = [&](unsigned i) { return op->getOperand(i).getType(); };
  auto asFloat = [&](unsigned i) {
    return toFloat(operandType(i), operands[i]);
  };
  auto fromInt = [&](bool isSigned) -> APInt {
    APFloat f(getSemantics(resultType));
    f.convertFromAPInt(operands[0], isSigned, APFloat::rmNearestTiesToEven);
    return f.bitcastToAPInt();
  };
  return llvm::TypeSwitch<Operation *, std::optional<APInt>>(op)
      .Case([&](linalg::IndexOp index) -> std::optional<APInt> {
        if (index.getDim() >= indices.size())
          return std::nullopt;
        return APInt(width, indices[index.getDim()], /*isSigned=*/true);
      })
      .Case([&](arith::ConstantOp constant) {
        return getBits(constant.getValue());
      })
      .Case([&](arith::CmpIOp cmp) {
        return APInt(1, arith::applyCmpPredicate(cmp.getPredicate(),
                                                 operands[0], operands[1]));
      })
      .Case([&](arith::CmpFOp cmp) {
        return APInt(1, arith::applyCmpPredicate(cmp.getPredicate(), asFloat(0),
                                                 asFloat(1)));
      })
      .Case([&](arith::SelectOp) {
        return operands[0].isOne() ? operands[1] : operands[2];
      })
      .Case([&](arith::ExtUIOp) { return operands[0].zext(width); })
      .Case([&](arith::ExtSIOp) { return operands[0].sext(width); })
      .Case([&](arith::TruncIOp) { return operands[0].trunc(width); })
      .Case([&](arith::IndexCastOp) { return operands[0].sextOrTrunc(width); })
      .Case(
          [&](arith::IndexCastUIOp) { return operands[0].zextOrTrunc(width); })
      .Case([&](arith::UIToFPOp) { return fromInt(/*isSigned=*/false); })
      .Case([&](arith::SIToFPOp) { return fromInt(/*isSigned=*/true); })
      .Case<arith::ExtFOp, arith::TruncFOp>([&](Operation *) {
        APFloat f = asFloat(0);
        bool losesInfo;
        f.convert(getSemantics(resultType), APFloat::rmNearestTiesToEven,
                  &losesInfo);
        return f.bitcastToAPInt();
      })
      .Case([&](arith::AddIOp) { return operands[0] + operands[1]; })
      .Case([&](arith::SubIOp) { return operands[0] - operands[1]; })
      .Case([&](arith::MulIOp) { return operands[0] * operands[1]; })
      .Case([&](arith::AndIOp) { return operands[0] & operands[1]; })
      .Case([&](arith::OrIOp) { return operands[0] | operands[1]; })
      .Case([&](arith::XOrIOp) { return operands[0] ^ operands[1]; })
      .Case<arith::AddFOp, arith::SubFOp, arith::MulFOp>(
          [&](Operation *) -> std::optional<APInt> {
            APFloat a = asFloat(0), b = asFloat(1);
            if (isa<arith::AddFOp>(op))
              a.add(b, APFloat::rmNearestTiesToEven);
            else if (isa<arith::SubFOp>(op))
              a.subtract(b, APFloat::rmNearestTiesToEven);
            else
              a.multiply(b, APFloat::rmNearestTiesToEven);
            return a.bitcastToAPInt();
          })
      .Default([](Operation *) { return std::nullopt; });
}

bool Evaluator::interpretBlock(Block &block, ArrayRef<APInt> arguments,
                               ArrayRef<int64_t> indices,
                               SmallVectorImpl<APInt> &yielded) {
  DenseMap<Value, APInt> values;
  for (auto [argument, bits] : llvm::zip_equal(block.getArguments(), arguments))
    values.try_emplace(argument, bits);
  auto lookup = [&](Value value) -> std::optional<APInt> {
    auto it = values.find(value);
    if (it != values.end())
      return it->second;
    return getOutsideScalar(value);
  };
  SmallVector<APInt> operands;
  for (Operation &op : block.without_terminator()) {
    operands.clear();
    for (Value operand : op.getOperands()) {
      std::optional<APInt> bits = lookup(operand);
      if (!bits) {
        fail(&op, "has an operand that is not a constant");
        return false;
      }
      operands.push_back(*bits);
    }
    std::optional<APInt> result = interpretScalar(&op, operands, indices);
    if (!result ||
        result->getBitWidth() != getStorageWidth(op.getResult(0).getType())) {
      fail(&op, "is not an op the constant evaluation follows");
      return false;
    }
    values.try_emplace(op.getResult(0), *result);
  }
  yielded.clear();
  for (Value operand : block.getTerminator()->getOperands()) {
    std::optional<APInt> bits = lookup(operand);
    if (!bits) {
      fail(block.getTerminator(), "yields a value that is not a constant");
      return false;
    }
    yielded.push_back(*bits);
  }
  return true;
}

/// Steps `index` to the next point of the row-major iteration over `shape`;
/// false past the last.
static bool advance(MutableArrayRef<int64_t> index, ArrayRef<int64_t> shape) {
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    if (++index[d] < shape[d])
      return true;
    index[d] = 0;
  }
  return false;
}

/// The product of `shape`, or -1 where it overflows.
static int64_t getProduct(ArrayRef<int64_t> shape) {
  int64_t product = 1;
  for (int64_t size : shape)
    if (size < 0 || llvm::MulOverflow(product, size, product))
      return -1;
  return product;
}

const Elements *Evaluator::evaluateLinalg(linalg::LinalgOp op,
                                          unsigned resultNumber) {
  if (!op.hasPureTensorSemantics())
    return fail(op, "is not on tensors");
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (ShapedType::isDynamicShape(ranges))
    return fail(op, "has dynamic loop bounds");
  int64_t iterations = getProduct(ranges);
  if (iterations < 0 || !charge(iterations))
    return fail(op, "needs more than max-evaluated-elements = " +
                        Twine(maxElements) + " evaluated elements");
  Block *body = op.getBlock();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (llvm::any_of(maps, [](AffineMap map) { return map.getNumSymbols(); }))
    return fail(op, "has an indexing map with symbols");

  // The operands the payload reads: tensors evaluated, scalars constant.
  unsigned numInputs = op.getNumDpsInputs();
  SmallVector<const Elements *> tensors(op->getNumOperands(), nullptr);
  SmallVector<APInt> scalars(op->getNumOperands(), APInt());
  for (OpOperand &operand : op->getOpOperands()) {
    unsigned i = operand.getOperandNumber();
    if (body->getArgument(i).use_empty())
      continue;
    if (!isa<RankedTensorType>(operand.get().getType())) {
      std::optional<APInt> bits = getOutsideScalar(operand.get());
      if (!bits)
        return fail(op, "has a scalar operand that is not a constant");
      scalars[i] = *bits;
      continue;
    }
    tensors[i] = evaluate(operand.get());
    if (!tensors[i])
      return nullptr;
  }

  // The results, starting as the inits where the payload reads them.
  unsigned numResults = op->getNumResults();
  SmallVector<Elements> results(numResults);
  SmallVector<std::vector<bool>> written(numResults);
  for (unsigned r = 0; r < numResults; ++r) {
    auto type = cast<RankedTensorType>(op->getResult(r).getType());
    results[r].type = type;
    unsigned operand = numInputs + r;
    if (tensors[operand]) {
      results[r].values = tensors[operand]->values;
      written[r].assign(results[r].values.size(), true);
    } else {
      results[r].values.assign(type.getNumElements(), APInt());
      written[r].assign(results[r].values.size(), false);
    }
  }

  SmallVector<SmallVector<int64_t>> strides;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<RankedTensorType>(operand.get().getType());
    strides.push_back(type ? computeStrides(type.getShape())
                           : SmallVector<int64_t>());
  }
  auto getPosition = [&](unsigned operand,
                         ArrayRef<int64_t> point) -> std::optional<int64_t> {
    SmallVector<int64_t> index = maps[operand].compose(point);
    auto shape =
        cast<RankedTensorType>(op->getOperand(operand).getType()).getShape();
    for (auto [i, size] : llvm::zip_equal(index, shape))
      if (i < 0 || i >= size)
        return std::nullopt;
    return linearize(index, strides[operand]);
  };

  SmallVector<int64_t> point(ranges.size(), 0);
  SmallVector<APInt> arguments(body->getNumArguments(), APInt());
  SmallVector<APInt> yielded;
  SmallVector<int64_t> outputPositions(numResults);
  if (iterations != 0) {
    do {
      for (unsigned i = 0; i < op->getNumOperands(); ++i) {
        if (body->getArgument(i).use_empty() && i < numInputs)
          continue;
        if (!isa<RankedTensorType>(op->getOperand(i).getType())) {
          arguments[i] = scalars[i];
          continue;
        }
        std::optional<int64_t> position = getPosition(i, point);
        if (!position)
          return fail(op, "reads outside an operand");
        if (i >= numInputs) {
          outputPositions[i - numInputs] = *position;
          if (!body->getArgument(i).use_empty())
            arguments[i] = results[i - numInputs].values[*position];
        } else {
          arguments[i] = tensors[i]->values[*position];
        }
      }
      if (!interpretBlock(*body, arguments, point, yielded))
        return nullptr;
      for (unsigned r = 0; r < numResults; ++r) {
        results[r].values[outputPositions[r]] = yielded[r];
        written[r][outputPositions[r]] = true;
      }
    } while (advance(point, ranges));
  }

  const Elements *requested = nullptr;
  for (unsigned r = 0; r < numResults; ++r) {
    if (llvm::is_contained(written[r], false))
      return fail(op, "leaves result elements unwritten");
    auto stored = std::make_unique<Elements>(std::move(results[r]));
    if (r == resultNumber)
      requested = stored.get();
    cache[op->getResult(r)] = std::move(stored);
  }
  return requested;
}

const Elements *Evaluator::evaluateGenerate(tensor::GenerateOp op) {
  auto type = cast<RankedTensorType>(op.getType());
  auto result = std::make_unique<Elements>();
  result->type = type;
  int64_t count = type.getNumElements();
  result->values.reserve(count);
  SmallVector<int64_t> index(type.getRank(), 0);
  SmallVector<APInt> arguments, yielded;
  Block &body = op.getBody().front();
  if (count != 0) {
    do {
      arguments.clear();
      for (int64_t i : index)
        arguments.push_back(
            APInt(IndexType::kInternalStorageBitWidth, i, /*isSigned=*/true));
      if (!interpretBlock(body, arguments, {}, yielded))
        return nullptr;
      result->values.push_back(yielded[0]);
    } while (advance(index, type.getShape()));
  }
  return (cache[op.getResult()] = std::move(result)).get();
}

/// Whether `values` holds no dynamic entry.
static bool isStatic(ArrayRef<int64_t> values) {
  return !ShapedType::isDynamicShape(values);
}

const Elements *Evaluator::evaluateInsertSlice(tensor::InsertSliceOp op) {
  ArrayRef<int64_t> offsets = op.getStaticOffsets(),
                    sizes = op.getStaticSizes(),
                    strides = op.getStaticStrides();
  if (!isStatic(offsets) || !isStatic(sizes) || !isStatic(strides) ||
      op.getSourceType().getRank() != op.getDestType().getRank())
    return fail(op, "is not a static insertion of the same rank");
  const Elements *source = evaluate(op.getSource());
  if (!source)
    return nullptr;
  const Elements *dest = evaluate(op.getDest());
  if (!dest)
    return nullptr;
  auto result = std::make_unique<Elements>(*dest);
  ArrayRef<int64_t> destShape = op.getDestType().getShape();
  SmallVector<int64_t> destStrides = computeStrides(destShape);
  SmallVector<int64_t> index(sizes.size(), 0), at(sizes.size());
  if (!source->values.empty()) {
    int64_t position = 0;
    do {
      for (unsigned d = 0; d < sizes.size(); ++d)
        at[d] = offsets[d] + index[d] * strides[d];
      result->values[linearize(at, destStrides)] = source->values[position++];
    } while (advance(index, sizes));
  }
  return (cache[op.getResult()] = std::move(result)).get();
}

const Elements *Evaluator::evaluateExtractSlice(tensor::ExtractSliceOp op) {
  ArrayRef<int64_t> offsets = op.getStaticOffsets(),
                    strides = op.getStaticStrides();
  if (!isStatic(offsets) || !isStatic(strides) ||
      op.getSourceType().getRank() != op.getType().getRank())
    return fail(op, "is not a static slice of the same rank");
  const Elements *source = evaluate(op.getSource());
  if (!source)
    return nullptr;
  auto type = cast<RankedTensorType>(op.getType());
  auto result = std::make_unique<Elements>();
  result->type = type;
  result->values.reserve(type.getNumElements());
  SmallVector<int64_t> sourceStrides =
      computeStrides(op.getSourceType().getShape());
  SmallVector<int64_t> index(type.getRank(), 0), at(type.getRank());
  if (type.getNumElements() != 0) {
    do {
      for (unsigned d = 0; d < index.size(); ++d)
        at[d] = offsets[d] + index[d] * strides[d];
      result->values.push_back(source->values[linearize(at, sourceStrides)]);
    } while (advance(index, type.getShape()));
  }
  return (cache[op.getResult()] = std::move(result)).get();
}

const Elements *Evaluator::evaluatePad(tensor::PadOp op) {
  ArrayRef<int64_t> low = op.getStaticLow();
  if (!isStatic(low) || !isStatic(op.getStaticHigh()))
    return fail(op, "pads by dynamic amounts");
  Value paddingValue = op.getConstantPaddingValue();
  std::optional<APInt> padding =
      paddingValue ? getOutsideScalar(paddingValue) : std::nullopt;
  if (!padding)
    return fail(op, "pads with a value that is not a constant");
  const Elements *source = evaluate(op.getSource());
  if (!source)
    return nullptr;
  auto type = cast<RankedTensorType>(op.getType());
  auto result = std::make_unique<Elements>();
  result->type = type;
  result->values.assign(type.getNumElements(), *padding);
  ArrayRef<int64_t> sourceShape = op.getSourceType().getShape();
  SmallVector<int64_t> resultStrides = computeStrides(type.getShape());
  SmallVector<int64_t> index(sourceShape.size(), 0), at(sourceShape.size());
  if (!source->values.empty()) {
    int64_t position = 0;
    do {
      for (unsigned d = 0; d < index.size(); ++d)
        at[d] = low[d] + index[d];
      result->values[linearize(at, resultStrides)] = source->values[position++];
    } while (advance(index, sourceShape));
  }
  return (cache[op.getResult()] = std::move(result)).get();
}

const Elements *Evaluator::evaluateUncached(Value value,
                                            RankedTensorType type) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return fail(nullptr, "a block argument is not a constant");

  // The ops that keep the row-major order of the elements.
  if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::ReshapeOp,
          tensor::CastOp>(def)) {
    const Elements *source = evaluate(def->getOperand(0));
    if (!source)
      return nullptr;
    auto result = std::make_unique<Elements>(*source);
    result->type = type;
    return (cache[value] = std::move(result)).get();
  }
  if (auto generate = dyn_cast<tensor::GenerateOp>(def))
    return evaluateGenerate(generate);
  if (auto insert = dyn_cast<tensor::InsertSliceOp>(def))
    return evaluateInsertSlice(insert);
  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(def))
    return evaluateExtractSlice(slice);
  if (auto pad = dyn_cast<tensor::PadOp>(def))
    return evaluatePad(pad);
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(def))
    return evaluateLinalg(linalgOp, cast<OpResult>(value).getResultNumber());

  DenseElementsAttr constant;
  if (matchPattern(value, m_Constant(&constant))) {
    auto result = std::make_unique<Elements>();
    result->type = type;
    result->values.reserve(constant.getNumElements());
    if (isa<FloatType>(type.getElementType())) {
      for (const APFloat &f : constant.getValues<APFloat>())
        result->values.push_back(f.bitcastToAPInt());
    } else {
      for (const APInt &i : constant.getValues<APInt>())
        result->values.push_back(i);
    }
    return (cache[value] = std::move(result)).get();
  }
  return fail(def, "is not an op the constant evaluation follows");
}

const Elements *Evaluator::evaluate(Value value) {
  auto it = cache.find(value);
  if (it != cache.end())
    return it->second.get();
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape() ||
      !type.getElementType().isIntOrIndexOrFloat())
    return fail(value.getDefiningOp(),
                "does not make a static tensor of integers or floats");
  int64_t count = getProduct(type.getShape());
  if (count < 0 || !charge(count))
    return fail(value.getDefiningOp(),
                "needs more than max-evaluated-elements = " +
                    Twine(maxElements) + " evaluated elements");
  // A chain deeper than this is not a frontend's constant.
  if (depth >= 64)
    return fail(value.getDefiningOp(), "is too deep in the producer chain");
  ++depth;
  const Elements *result = evaluateUncached(value, type);
  --depth;
  return result;
}

DenseElementsAttr patches::evaluateConstantTensor(Value value,
                                                  int64_t maxElements,
                                                  std::string &whyNot) {
  Evaluator evaluator(maxElements);
  const Elements *elements = evaluator.evaluate(value);
  if (!elements) {
    whyNot = evaluator.whyNot;
    return {};
  }
  Type elementType = elements->type.getElementType();
  unsigned width = getStorageWidth(elementType);
  if (llvm::any_of(elements->values,
                   [&](const APInt &v) { return v.getBitWidth() != width; })) {
    whyNot = "the evaluated elements do not have the tensor's bit width";
    return {};
  }
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    SmallVector<APFloat> floats;
    floats.reserve(elements->values.size());
    for (const APInt &bits : elements->values)
      floats.push_back(toFloat(floatType, bits));
    return DenseElementsAttr::get(elements->type, floats);
  }
  return DenseElementsAttr::get(elements->type, elements->values);
}
