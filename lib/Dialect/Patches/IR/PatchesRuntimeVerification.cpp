//===- PatchesRuntimeVerification.cpp - Checks left to run time -----------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The verifier checks every size it can see. A dynamic size leaves some
// checks to run time; under `-generate-runtime-verification` these become
// `cf.assert`s before the op, as upstream's ops do for their dynamic sizes:
//
// * `patches.extract`: a static result size must be the one the input's
//   runtime size gives, and explicit padding may not crop more than the
//   whole dilated input (JAX rejects D + lo + hi < 0).
// * `patches.fold`: the patches must have the extraction's shape for the
//   result sizes (static, `spatial_sizes`, or taken from the patches), the
//   `spatial_sizes` must be non-negative, the patches' feature size must be
//   a multiple of the window volume when the channels come from it, and
//   explicit padding is checked as for the extraction.
//
// Without these checks a mismatch is undefined behavior, as for any MLIR op
// whose static type claims more than its operands give.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

#include "llvm/Support/CheckedArithmetic.h"

#include <limits>
#include <string>

using namespace mlir;
using namespace patches;

/// lo + hi of an explicitly padded spatial dimension whose size is dynamic,
/// when it is negative: D + lo + hi >= 0 is then left to run time. A total
/// below the 64-bit range fails for every D >= 0; INT64_MIN stands for it
/// without wrapping.
static std::optional<int64_t> getRuntimeCrop(const SpatialGeometry &g) {
  if (g.padding != PaddingKind::Explicit || !ShapedType::isDynamic(g.inputSize))
    return std::nullopt;
  std::optional<int64_t> total = llvm::checkedAdd(g.padLow, g.padHigh);
  if (!total)
    return g.padLow > 0 ? std::nullopt
                        : std::optional(std::numeric_limits<int64_t>::min());
  if (*total >= 0)
    return std::nullopt;
  return total;
}

namespace {
using ErrorMessageFn = function_ref<std::string(Operation *, StringRef)>;

/// Emits the checks of one op as `cf.assert`s. A check that holds on
/// constants is dropped; one that fails on constants is kept (a constant
/// operand, such as a `spatial_sizes` value, is beyond the verifier's view)
/// and fails whenever the op runs.
class CheckBuilder {
public:
  CheckBuilder(Operation *op, OpBuilder &b, Location loc,
               ErrorMessageFn errorMessage)
      : op(op), b(b), loc(loc), errorMessage(errorMessage) {}

  void assertEqual(OpFoldResult actual, OpFoldResult expected,
                   const Twine &message) {
    std::optional<int64_t> a = getConstantIntValue(actual),
                           e = getConstantIntValue(expected);
    if (a && e && *a == *e)
      return;
    emitAssert(arith::CmpIPredicate::eq, actual, expected, message);
  }

  /// value >= 0.
  void assertNonNegative(OpFoldResult value, const Twine &message) {
    std::optional<int64_t> constant = getConstantIntValue(value);
    if (constant && *constant >= 0)
      return;
    emitAssert(arith::CmpIPredicate::sge, value, b.getIndexAttr(0), message);
  }

  /// value % divisor == 0.
  void assertMultipleOf(OpFoldResult value, int64_t divisor,
                        const Twine &message) {
    std::optional<int64_t> constant = getConstantIntValue(value);
    if (divisor == 1 || (constant && *constant % divisor == 0))
      return;
    Value rem =
        arith::RemUIOp::create(b, loc, getValue(value),
                               arith::ConstantIndexOp::create(b, loc, divisor));
    emitAssert(arith::CmpIPredicate::eq, rem, b.getIndexAttr(0), message);
  }

  /// D + lo + hi >= 0 for every explicitly padded spatial dimension whose
  /// size is dynamic (the verifier checks the static ones).
  void assertPaddingKeepsInput(const ExtractGeometry &geometry,
                               ArrayRef<SpatialSizes> sizes,
                               StringRef inputName) {
    for (auto [j, g] : llvm::enumerate(geometry.getSpatial())) {
      std::optional<int64_t> crop = getRuntimeCrop(g);
      if (!crop)
        continue;
      Value padded =
          arith::AddIOp::create(b, loc, getValue(sizes[j].dilatedSize),
                                arith::ConstantIndexOp::create(b, loc, *crop));
      emitAssert(arith::CmpIPredicate::sge, padded, b.getIndexAttr(0),
                 "explicit padding [" + Twine(g.padLow) + ", " +
                     Twine(g.padHigh) + "] of spatial dimension " + Twine(j) +
                     " crops more than the whole " + inputName);
    }
  }

private:
  Value getValue(OpFoldResult ofr) {
    return getValueOrCreateConstantIndexOp(b, loc, ofr);
  }

  void emitAssert(arith::CmpIPredicate predicate, OpFoldResult lhs,
                  OpFoldResult rhs, const Twine &message) {
    Value holds =
        arith::CmpIOp::create(b, loc, predicate, getValue(lhs), getValue(rhs));
    cf::AssertOp::create(b, loc, holds, errorMessage(op, message.str()));
  }

  Operation *op;
  OpBuilder &b;
  Location loc;
  ErrorMessageFn errorMessage;
};
} // namespace

void ExtractOp::generateRuntimeVerification(OpBuilder &b, Location loc,
                                            ErrorMessageFn errorMessage) {
  FailureOr<ExtractGeometry> geometry = getGeometry();
  if (failed(geometry))
    return;
  bool claimsSize =
      llvm::any_of(llvm::zip(getType().getShape(), geometry->getResultShape()),
                   [](auto sizes) {
                     return !ShapedType::isDynamic(std::get<0>(sizes)) &&
                            ShapedType::isDynamic(std::get<1>(sizes));
                   });
  bool crops = llvm::any_of(geometry->getSpatial(), [](const auto &g) {
    return getRuntimeCrop(g).has_value();
  });
  // Most ops claim nothing the input type does not give: each part builds
  // its sizes only when it has something to check.
  CheckBuilder checks(*this, b, loc, errorMessage);
  if (crops)
    checks.assertPaddingKeepsInput(
        *geometry, geometry->materializeSpatialSizes(b, loc, getInput()),
        "dilated input");
  if (!claimsSize)
    return;

  // A static result size that the input type leaves dynamic is a claim
  // about the input's runtime size.
  SmallVector<OpFoldResult> sizes =
      geometry->materializeResultSizes(b, loc, getInput());
  for (auto [dim, size] : llvm::enumerate(getType().getShape())) {
    if (ShapedType::isDynamic(size))
      continue;
    checks.assertEqual(sizes[dim], b.getIndexAttr(size),
                       "result dimension " + Twine(dim) + " has static size " +
                           Twine(size) +
                           ", but the input's runtime size gives another");
  }
}

void FoldOp::generateRuntimeVerification(OpBuilder &b, Location loc,
                                         ErrorMessageFn errorMessage) {
  FailureOr<ExtractGeometry> geometry = getGeometry();
  if (failed(geometry))
    return;
  CheckBuilder checks(*this, b, loc, errorMessage);
  const DimensionLayouts &layouts = geometry->getLayouts();
  int64_t windowVolume = geometry->getWindowVolume();

  for (auto [i, size] : llvm::enumerate(getSpatialSizes()))
    checks.assertNonNegative(size, "spatial_sizes operand " + Twine(i) +
                                       " is negative");
  RankedTensorType resultType = getType();
  if (resultType.isDynamicDim(layouts.lhs.feature))
    checks.assertMultipleOf(
        tensor::getMixedSize(b, loc, getPatches(), layouts.out.feature),
        windowVolume,
        "the patches' feature size is not a multiple of the window volume " +
            Twine(windowVolume));

  SmallVector<OpFoldResult> resultSizes = getMixedResultSizes(b, *geometry);
  SmallVector<SpatialSizes> spatial =
      geometry->materializeSpatialSizes(b, loc, resultSizes);
  checks.assertPaddingKeepsInput(*geometry, spatial, "dilated result");

  // The patches' shape that the extraction would give for these sizes. A
  // dynamic batch or channel size of the result is read from the patches, so
  // only a static one is a claim to check.
  auto check = [&](int64_t patchesDim, OpFoldResult expected, StringRef what) {
    checks.assertEqual(
        tensor::getMixedSize(b, loc, getPatches(), patchesDim), expected,
        "patches dimension " + Twine(patchesDim) + " (" + what +
            ") differs from the extraction's for the result sizes");
  };
  if (!resultType.isDynamicDim(layouts.lhs.batch))
    check(layouts.out.batch, resultSizes[layouts.lhs.batch], "batch");
  if (!resultType.isDynamicDim(layouts.lhs.feature))
    check(layouts.out.feature,
          b.getIndexAttr(resultType.getDimSize(layouts.lhs.feature) *
                         windowVolume),
          "features");
  for (auto [j, sizes] : llvm::enumerate(spatial))
    check(layouts.out.spatial[j], sizes.outputSize,
          "spatial dimension " + std::to_string(j));
}
