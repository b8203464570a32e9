//===- ConvLowering.cpp - patches.extract as a one-hot convolution --------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// JAX's own formulation of conv_general_dilated_patches: a depthwise
// (feature_group_count = C) convolution of the input with a one-hot filter
// that has K = prod(filter_shape) output features per input channel.
// Feature c * K + k of the result is channel c convolved with the filter
// that is 1 at window position k and 0 elsewhere, i.e. that window element.
//
// Everything happens in a channels-last canonical layout (N, spatial..., C)
// with the spatial dimensions in the canonical (rhs_spec) order:
//
//  1. `linalg.transpose` the input from lhs_spec to (N, d..., C).
//  2. lhs dilation: `tensor.insert_slice` with strides into a zero-filled
//     tensor that also covers the positive padding; otherwise positive
//     padding by `tensor.pad`. Negative padding crops by
//     `tensor.extract_slice`.
//  3. The filter (k..., C, K): a `linalg.generic` that compares the
//     row-major window index of (w...) with the multiplier index m. It does
//     not depend on c; it is computed, never a literal.
//  4. The convolution into a zero-filled (N, o..., C, K):
//     `linalg.depthwise_conv_{1,2,3}d_n*c_*cm`, whose channel multiplier m
//     is exactly the window position, or an equivalent `linalg.generic`
//     where no named op fits (n = 0, n >= 4, `index` elements).
//  5. `tensor.collapse_shape` (C, K) into C * K features, which is JAX's
//     feature order c * K + k, and `linalg.transpose` to out_spec.
//
// With dynamic sizes, the computation is guarded by `scf.if` on a non-empty
// result (and the padding or dilation on a non-empty input), so that no
// zero-size slice or window reaches the verifiers even when
// canonicalization later makes the sizes static.
//
// For every integer input and every finite float input the result equals
// the gather's except that a -0.0 may come out as +0.0; a window holding an
// infinity or NaN gets NaN in its other features (0 * inf), as in JAX.
// Signed and unsigned integers, which arith cannot multiply, are convolved
// as their signless twins (the products with 0 and 1 and the sums with 0
// are the same bits); bf16 is convolved in f32 and rounded back exactly.
// The small float formats (f8, f6, f4), which have no arithmetic, are
// rejected with a diagnostic.
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Dialect/Patches/Utils/Utils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace patches;

namespace {
/// The runtime sizes of one extraction, as the geometry sees them (which
/// may be more static than the input's type).
struct RuntimeSizes {
  OpFoldResult batch, channels;
  SmallVector<SpatialSizes> spatial;
};
} // namespace

/// Whether the named depthwise convolutions can be built for `type`: their
/// region builder handles signless integers, floats and complex numbers but
/// rejects `index`.
static bool hasNamedConvRegion(Type type) {
  return isa<IntegerType, FloatType, ComplexType>(type);
}

/// acc + x * w in the arithmetic of the element type.
static Value multiplyAccumulate(OpBuilder &b, Location loc, Value acc, Value x,
                                Value w) {
  Type type = acc.getType();
  if (isa<ComplexType>(type))
    return complex::AddOp::create(b, loc, acc,
                                  complex::MulOp::create(b, loc, x, w));
  if (isa<FloatType>(type))
    return arith::AddFOp::create(b, loc, acc,
                                 arith::MulFOp::create(b, loc, x, w));
  return arith::AddIOp::create(b, loc, acc,
                               arith::MulIOp::create(b, loc, x, w));
}

/// `linalg.transpose` of `value` such that result dimension i is dimension
/// perm[i] of `value`; `value` itself when `perm` is the identity. The init
/// takes its sizes from `value` itself: linalg.transpose requires the two
/// types to agree on which sizes are static.
static Value transpose(OpBuilder &b, Location loc, Value value,
                       ArrayRef<int64_t> perm) {
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return value;
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  SmallVector<OpFoldResult> permuted;
  for (int64_t dim : perm)
    permuted.push_back(sizes[dim]);
  Value init = tensor::EmptyOp::create(b, loc, permuted,
                                       getElementTypeOrSelf(value.getType()));
  return linalg::TransposeOp::create(b, loc, value, init, perm).getResult()[0];
}

/// The static shape that `sizes` give, where they are constants.
static RankedTensorType getTensorType(ArrayRef<OpFoldResult> sizes,
                                      Type elementType) {
  SmallVector<int64_t> shape;
  for (OpFoldResult size : sizes)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  return RankedTensorType::get(shape, elementType);
}

/// The input in the channels-last canonical layout (N, spatial..., C), lhs
/// dilated, padded and cropped: what the convolution slides its window over
/// with strides s and dilations r. The result must not be empty.
static Value prepareInput(OpBuilder &b, Location loc, Value input,
                          const ExtractGeometry &geometry,
                          const RuntimeSizes &runtime) {
  ArrayRef<SpatialSizes> sizes = runtime.spatial;
  const OperandLayout &lhs = geometry.getLayouts().lhs;
  int64_t n = geometry.getNumSpatialDims();
  Type elementType = getElementTypeOrSelf(input.getType());
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx), d1 = getAffineDimExpr(1, ctx),
             d2 = getAffineDimExpr(2, ctx);
  OpFoldResult zeroIndex = b.getIndexAttr(0), oneIndex = b.getIndexAttr(1);

  SmallVector<int64_t> toChannelsLast = {lhs.batch};
  llvm::append_range(toChannelsLast, lhs.spatial);
  toChannelsLast.push_back(lhs.feature);
  Value value = transpose(b, loc, input, toChannelsLast);

  // The padding splits into a non-negative part, added with zeros (dynamic
  // only for SAME, which never crops), and a cropped part, which only
  // explicit, hence static, padding has.
  auto positive = [&](OpFoldResult pad) { return getAddedPadding(b, pad); };
  auto cropped = [](OpFoldResult pad) { return getCroppedPadding(pad); };
  bool pads = llvm::any_of(sizes, [&](const SpatialSizes &s) {
    return !isZeroInteger(positive(s.padLow)) ||
           !isZeroInteger(positive(s.padHigh));
  });
  bool crops = llvm::any_of(sizes, [&](const SpatialSizes &s) {
    return cropped(s.padLow) != 0 || cropped(s.padHigh) != 0;
  });

  // Sizes (N, P..., C) with P = D + max(lo, 0) + max(hi, 0), the size before
  // cropping; and the input's spatial sizes d.
  SmallVector<OpFoldResult> paddedSizes = {runtime.batch}, inputSizes;
  for (const SpatialSizes &s : sizes) {
    paddedSizes.push_back(affine::makeComposedFoldedAffineApply(
        b, loc, AffineMap::get(3, 0, d0 + d1 + d2, ctx),
        {s.dilatedSize, positive(s.padLow), positive(s.padHigh)}));
    inputSizes.push_back(s.inputSize);
  }
  paddedSizes.push_back(runtime.channels);

  // An input with an empty spatial dimension (N and C are not 0 here) leaves
  // only zeros. Guarding on it also keeps the zero-size slices that padding
  // or dilation would take of it (and that the verifiers reject) out of the
  // IR.
  if (!geometry.hasUnitLhsDilation()) {
    // Scatter the input with strides l into zeros that already hold the
    // positive padding: one copy does both.
    Value buffer = createZeroTensor(b, loc, paddedSizes, elementType);
    SmallVector<OpFoldResult> offsets = {zeroIndex}, strides = {oneIndex};
    for (auto [s, g] : llvm::zip_equal(sizes, geometry.getSpatial())) {
      offsets.push_back(positive(s.padLow));
      strides.push_back(b.getIndexAttr(g.lhsDilation));
    }
    offsets.push_back(zeroIndex);
    strides.push_back(oneIndex);
    Value source = value;
    value = buildIfNonEmpty(
        b, loc, inputSizes, cast<RankedTensorType>(buffer.getType()),
        [&](OpBuilder &nb, Location nl) -> Value {
          return tensor::InsertSliceOp::create(
              nb, nl, source, buffer, offsets,
              tensor::getMixedSizes(nb, nl, source), strides);
        },
        [&](OpBuilder &, Location) { return buffer; });
  } else if (pads) {
    SmallVector<OpFoldResult> low(n + 2, zeroIndex), high(n + 2, zeroIndex);
    for (auto [j, s] : llvm::enumerate(sizes)) {
      low[1 + j] = positive(s.padLow);
      high[1 + j] = positive(s.padHigh);
    }
    Value source = value;
    value = buildIfNonEmpty(
        b, loc, inputSizes, getTensorType(paddedSizes, elementType),
        [&](OpBuilder &nb, Location nl) -> Value {
          return tensor::PadOp::create(nb, nl, /*resultType=*/Type(), source,
                                       low, high,
                                       createZero(nb, nl, elementType));
        },
        [&](OpBuilder &nb, Location nl) {
          return createZeroTensor(nb, nl, paddedSizes, elementType);
        });
  }
  if (!crops)
    return value;

  // Keep [lo', P - hi') of each P, lo' and hi' being the cropped amounts. A
  // verified op has P >= lo' + hi' where P is static; the clamps keep the
  // slice in bounds where P is only known at run time (the output is empty
  // when it is smaller).
  SmallVector<OpFoldResult> offsets(n + 2, zeroIndex), strides(n + 2, oneIndex);
  SmallVector<OpFoldResult> sliceSizes = tensor::getMixedSizes(b, loc, value);
  for (auto [j, s] : llvm::enumerate(sizes)) {
    int64_t cropLow = cropped(s.padLow), cropHigh = cropped(s.padHigh);
    if (cropLow == 0 && cropHigh == 0)
      continue;
    OpFoldResult padded = paddedSizes[1 + j];
    if (cropLow != 0)
      offsets[1 + j] = affine::makeComposedFoldedAffineMin(
          b, loc,
          AffineMap::get(1, 0, {d0, getAffineConstantExpr(cropLow, ctx)}, ctx),
          {padded});
    sliceSizes[1 + j] = affine::makeComposedFoldedAffineMax(
        b, loc,
        AffineMap::get(
            1, 0, {d0 - (cropLow + cropHigh), getAffineConstantExpr(0, ctx)},
            ctx),
        {padded});
  }
  return tensor::ExtractSliceOp::create(b, loc, value, offsets, sliceSizes,
                                        strides);
}

/// The one-hot filter (k_1 .. k_n, C, K): element (w..., c, m) is 1 when m is
/// the row-major index of window position w over filter_shape, else 0.
static Value buildOneHotFilter(OpBuilder &b, Location loc,
                               const ExtractGeometry &geometry,
                               OpFoldResult channels, Type elementType) {
  int64_t n = geometry.getNumSpatialDims();
  SmallVector<OpFoldResult> shape;
  for (const SpatialGeometry &g : geometry.getSpatial())
    shape.push_back(b.getIndexAttr(g.filterSize));
  shape.push_back(channels);
  shape.push_back(b.getIndexAttr(geometry.getWindowVolume()));
  Value init = tensor::EmptyOp::create(b, loc, shape, elementType);

  SmallVector<int64_t> windowStrides = geometry.getWindowStrides();
  Value one = createOne(b, loc, elementType);
  Value zero = createZero(b, loc, elementType);
  AffineMap identity = b.getMultiDimIdentityMap(n + 2);
  SmallVector<utils::IteratorType> iterators(n + 2,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{identity}, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange) {
        // k(w) = sum_j w_j * stride_j, row-major over filter_shape.
        Value position;
        for (int64_t j = 0; j < n; ++j) {
          Value term = linalg::IndexOp::create(nb, nl, j);
          if (windowStrides[j] != 1)
            term = arith::MulIOp::create(
                nb, nl, term,
                arith::ConstantIndexOp::create(nb, nl, windowStrides[j]));
          position =
              position ? arith::AddIOp::create(nb, nl, position, term) : term;
        }
        if (!position)
          position = arith::ConstantIndexOp::create(nb, nl, 0);
        Value multiplier = linalg::IndexOp::create(nb, nl, n + 1);
        Value hot = arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::eq,
                                          position, multiplier);
        Value value = arith::SelectOp::create(nb, nl, hot, one, zero);
        linalg::YieldOp::create(nb, nl, value);
      });
  return generic.getResult(0);
}

template <typename ConvOp>
static Value createNamedConv(OpBuilder &b, Location loc, Value input,
                             Value filter, Value init,
                             const ExtractGeometry &geometry) {
  SmallVector<int64_t> strides, dilations;
  for (const SpatialGeometry &g : geometry.getSpatial()) {
    strides.push_back(g.stride);
    dilations.push_back(g.rhsDilation);
  }
  return ConvOp::create(b, loc, TypeRange{init.getType()},
                        ValueRange{input, filter}, ValueRange{init},
                        b.getI64TensorAttr(strides),
                        b.getI64TensorAttr(dilations))
      ->getResult(0);
}

/// The depthwise convolution with channel multiplier as a `linalg.generic`
/// over (b, o_1 .. o_n, c, m, w_1 .. w_n), for any n and element type:
/// out[b, o, c, m] += in[b, o * s + w * r, c] * filter[w, c, m].
static Value createGenericConv(OpBuilder &b, Location loc, Value input,
                               Value filter, Value init,
                               const ExtractGeometry &geometry) {
  MLIRContext *ctx = b.getContext();
  int64_t n = geometry.getNumSpatialDims();
  int64_t numLoops = 2 * n + 3;
  auto dim = [&](int64_t loop) { return getAffineDimExpr(loop, ctx); };
  AffineExpr batch = dim(0), channel = dim(n + 1), multiplier = dim(n + 2);
  auto outputLoop = [&](int64_t j) { return dim(1 + j); };
  auto windowLoop = [&](int64_t j) { return dim(n + 3 + j); };

  SmallVector<AffineExpr> inputExprs = {batch}, filterExprs,
                          outputExprs = {batch};
  // The input is already padded and cropped: position p(o, w) with no low
  // padding left.
  AffineExpr noPadding = getAffineConstantExpr(0, ctx);
  for (int64_t j = 0; j < n; ++j) {
    inputExprs.push_back(geometry.getInputPositionExpr(
        j, outputLoop(j), windowLoop(j), noPadding));
    filterExprs.push_back(windowLoop(j));
    outputExprs.push_back(outputLoop(j));
  }
  inputExprs.push_back(channel);
  filterExprs.append({channel, multiplier});
  outputExprs.append({channel, multiplier});
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, inputExprs, ctx),
                                 AffineMap::get(numLoops, 0, filterExprs, ctx),
                                 AffineMap::get(numLoops, 0, outputExprs, ctx)};
  SmallVector<utils::IteratorType> iterators(n + 3,
                                             utils::IteratorType::parallel);
  iterators.append(n, utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{input, filter}, ValueRange{init}, maps,
      iterators, [](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(
            nb, nl, multiplyAccumulate(nb, nl, args[2], args[0], args[1]));
      });
  return generic.getResult(0);
}

/// The depthwise convolution of the prepared input with the one-hot filter,
/// accumulated into zeros: (N, o..., C, K).
static Value buildDepthwiseConv(OpBuilder &b, Location loc, Value input,
                                Value filter, ArrayRef<OpFoldResult> sizes,
                                const ExtractGeometry &geometry) {
  Type elementType = getElementTypeOrSelf(input.getType());
  Value init = createZeroTensor(b, loc, sizes, elementType);
  if (hasNamedConvRegion(elementType)) {
    switch (geometry.getNumSpatialDims()) {
    case 1:
      return createNamedConv<linalg::DepthwiseConv1DNwcWcmOp>(
          b, loc, input, filter, init, geometry);
    case 2:
      return createNamedConv<linalg::DepthwiseConv2DNhwcHwcmOp>(
          b, loc, input, filter, init, geometry);
    case 3:
      return createNamedConv<linalg::DepthwiseConv3DNdhwcDhwcmOp>(
          b, loc, input, filter, init, geometry);
    default:
      break;
    }
  }
  return createGenericConv(b, loc, input, filter, init, geometry);
}

/// `value` with `convert` applied to each element, giving `elementType`:
/// an elementwise `linalg.generic`.
static Value
mapElements(OpBuilder &b, Location loc, Value value, Type elementType,
            function_ref<Value(OpBuilder &, Location, Value)> convert) {
  auto type = cast<RankedTensorType>(value.getType());
  Value init = tensor::EmptyOp::create(
      b, loc, tensor::getMixedSizes(b, loc, value), elementType);
  AffineMap identity = b.getMultiDimIdentityMap(type.getRank());
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, init.getType(), ValueRange{value}, ValueRange{init},
             ArrayRef<AffineMap>{identity, identity}, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, convert(nb, nl, args[0]));
             })
      .getResult(0);
}

/// `value` with its elements reinterpreted as `elementType` of the same
/// width (a signed or unsigned integer type and its signless twin).
static Value reinterpretElements(OpBuilder &b, Location loc, Value value,
                                 Type elementType) {
  return mapElements(b, loc, value, elementType,
                     [&](OpBuilder &nb, Location nl, Value x) {
                       return castSignedness(nb, nl, x, elementType);
                     });
}

/// `value` with its floats (or the parts of its complex numbers) extended
/// or truncated to `elementType`, elementwise.
static Value convertElements(OpBuilder &b, Location loc, Value value,
                             Type elementType) {
  auto convert = [](OpBuilder &nb, Location nl, Value x, Type to) -> Value {
    if (x.getType().getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(nb, nl, to, x);
    return arith::TruncFOp::create(nb, nl, to, x);
  };
  return mapElements(
      b, loc, value, elementType,
      [&](OpBuilder &nb, Location nl, Value x) -> Value {
        auto complexType = dyn_cast<ComplexType>(elementType);
        if (!complexType)
          return convert(nb, nl, x, elementType);
        Type part = complexType.getElementType();
        return complex::CreateOp::create(
            nb, nl, complexType,
            convert(nb, nl, complex::ReOp::create(nb, nl, x), part),
            convert(nb, nl, complex::ImOp::create(nb, nl, x), part));
      });
}

/// The one-hot convolution of `input` (JAX's formulation), for a result
/// that is not empty.
static Value buildOneHotConv(OpBuilder &b, Location loc, Value input,
                             const ExtractGeometry &geometry,
                             const RuntimeSizes &runtime) {
  const OperandLayout &out = geometry.getLayouts().out;
  int64_t n = geometry.getNumSpatialDims();
  Type elementType = getElementTypeOrSelf(input.getType());
  // arith has no signed or unsigned integers: convolve their signless twins
  // (the products with 0 and 1 and the sums with 0 are the same bits).
  if (Type signless = getSignlessType(elementType); signless != elementType) {
    Value result =
        buildOneHotConv(b, loc, reinterpretElements(b, loc, input, signless),
                        geometry, runtime);
    return reinterpretElements(b, loc, result, elementType);
  }

  // bf16 convolves in f32, and the result (an input element, or zero) is
  // rounded back exactly: a bf16 accumulator would be carried from one
  // window position to the next in a phi, which x86 holds as f32 and
  // rounds with `vcvtneps2bf16`, flushing denormals.
  Type scalarType = elementType;
  if (auto complexType = dyn_cast<ComplexType>(elementType))
    scalarType = complexType.getElementType();
  if (isa<BFloat16Type>(scalarType)) {
    Type f32 = Float32Type::get(b.getContext());
    Type wide =
        isa<ComplexType>(elementType) ? Type(ComplexType::get(f32)) : f32;
    Value result = buildOneHotConv(b, loc, convertElements(b, loc, input, wide),
                                   geometry, runtime);
    return convertElements(b, loc, result, elementType);
  }

  Value prepared = prepareInput(b, loc, input, geometry, runtime);
  Value filter =
      buildOneHotFilter(b, loc, geometry, runtime.channels, elementType);
  SmallVector<OpFoldResult> convSizes = {runtime.batch};
  for (const SpatialSizes &s : runtime.spatial)
    convSizes.push_back(s.outputSize);
  convSizes.push_back(runtime.channels);
  convSizes.push_back(b.getIndexAttr(geometry.getWindowVolume()));
  Value conv =
      buildDepthwiseConv(b, loc, prepared, filter, convSizes, geometry);

  // (c, m) -> c * K + m is JAX's feature order.
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t i = 0; i <= n; ++i)
    reassociation.push_back({i});
  reassociation.push_back({n + 1, n + 2});
  Value features = tensor::CollapseShapeOp::create(b, loc, conv, reassociation);

  // (N, o..., F) -> out_spec.
  SmallVector<int64_t> toOut(n + 2);
  toOut[out.batch] = 0;
  for (int64_t j = 0; j < n; ++j)
    toOut[out.spatial[j]] = 1 + j;
  toOut[out.feature] = n + 1;
  return transpose(b, loc, features, toOut);
}

FailureOr<Value> patches::buildConvLowering(OpBuilder &b, ExtractOp op) {
  FailureOr<ExtractGeometry> geometry = op.getGeometry();
  if (failed(geometry))
    return failure();
  return buildConvLowering(b, op, *geometry);
}

FailureOr<Value> patches::buildConvLowering(OpBuilder &b, ExtractOp op,
                                            const ExtractGeometry &geometry) {
  Value input = op.getInput();
  Type elementType = getElementTypeOrSelf(input.getType());
  if (!hasArithmetic(elementType)) {
    op.emitOpError("cannot be lowered with the conv strategy: element type ")
        << elementType
        << " has no multiply, which the one-hot convolution needs; the "
           "gather strategy moves it exactly";
    return failure();
  }
  Location loc = op.getLoc();
  auto resultType =
      RankedTensorType::get(geometry.getResultShape(), elementType);

  Value result;
  if (llvm::is_contained(op.getType().getShape(), 0)) {
    // Nothing to compute; the convolution's shape checks would also reject
    // a window larger than an input that yields no output position.
    result = tensor::EmptyOp::create(
        b, loc, geometry.materializeResultSizes(b, loc, input), elementType);
  } else {
    // The filter holds K * K * C elements where the result holds K * C per
    // output position: it can be too large where the result is not.
    int64_t volume = geometry.getWindowVolume();
    int64_t channels = geometry.getInputChannels();
    std::optional<int64_t> filterElements = llvm::checkedMul(volume, volume);
    if (filterElements && !ShapedType::isDynamic(channels))
      filterElements = llvm::checkedMul(*filterElements, channels);
    if (!filterElements) {
      InFlightDiagnostic diag = op.emitOpError(
          "cannot be lowered with the conv strategy: its one-hot filter "
          "would have K * K * C elements (K = ");
      diag << volume << " window positions";
      if (!ShapedType::isDynamic(channels))
        diag << ", C = " << channels << " channels";
      diag << "), more than 2^63 - 1; use the gather strategy";
      return diag;
    }

    const OperandLayout &lhs = geometry.getLayouts().lhs;
    const OperandLayout &out = geometry.getLayouts().out;
    RuntimeSizes runtime = {tensor::getMixedSize(b, loc, input, lhs.batch),
                            tensor::getMixedSize(b, loc, input, lhs.feature),
                            geometry.materializeSpatialSizes(b, loc, input)};
    // The result is empty exactly when N, C or an output size is 0.
    SmallVector<OpFoldResult> resultSizes = {runtime.batch, runtime.channels};
    for (const SpatialSizes &s : runtime.spatial)
      resultSizes.push_back(s.outputSize);
    result = buildIfNonEmpty(
        b, loc, resultSizes, resultType,
        [&](OpBuilder &nb, Location nl) {
          return buildOneHotConv(nb, nl, input, geometry, runtime);
        },
        [&](OpBuilder &nb, Location nl) -> Value {
          SmallVector<OpFoldResult> sizes(resultType.getRank());
          sizes[out.batch] = runtime.batch;
          sizes[out.feature] = affine::makeComposedFoldedAffineApply(
              nb, nl,
              getAffineDimExpr(0, nb.getContext()) * geometry.getWindowVolume(),
              {runtime.channels});
          for (auto [j, s] : llvm::enumerate(runtime.spatial))
            sizes[out.spatial[j]] = s.outputSize;
          return tensor::EmptyOp::create(nb, nl, sizes, elementType);
        });
  }
  // The written result type may be more static than the inferred one.
  if (result.getType() != op.getType())
    result = tensor::CastOp::create(b, loc, op.getType(), result);
  return result;
}
