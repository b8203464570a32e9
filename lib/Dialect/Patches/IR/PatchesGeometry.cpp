//===- PatchesGeometry.cpp - The geometry of patches.extract --------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every size rule of `jax.lax.conv_general_dilated_patches` lives here (see
// docs/Patches.md): dimension numbers, padding resolution,
// dilation, output sizes, the index maps, and their runtime form.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesGeometry.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/MathExtras.h"

#include <limits>
#include <optional>

using namespace mlir;
using namespace patches;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

namespace {
/// An error being reported through an EmitErrorFn, which always converts to
/// failure. `return emitError() << ...` would not do: type inference without
/// a location (the builder) passes an inactive InFlightDiagnostic, and an
/// inactive InFlightDiagnostic converts to *success*, so invalid clauses
/// (a zero stride, say) would go on into the size computation.
class GeometryError {
public:
  explicit GeometryError(EmitErrorFn emitError) : diag(emitError()) {}
  template <typename T> GeometryError &operator<<(T &&value) {
    diag << std::forward<T>(value);
    return *this;
  }
  operator LogicalResult() const { return failure(); }
  template <typename T> operator FailureOr<T>() const { return failure(); }

private:
  InFlightDiagnostic diag;
};
} // namespace

/// A list as the op's syntax writes it: `[1, 2]`.
static std::string formatList(ArrayRef<int64_t> values) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(values, os);
  os << "]";
  return text;
}

/// Whether the static sizes of a shape multiply to at most 2^63 - 1 (or to
/// zero): a tensor of that shape can be addressed with 64-bit indices.
static bool hasAddressableSize(ArrayRef<int64_t> shape) {
  if (llvm::is_contained(shape, 0))
    return true;
  int64_t elements = 1;
  for (int64_t size : shape) {
    if (ShapedType::isDynamic(size))
      continue;
    std::optional<int64_t> product = llvm::checkedMul(elements, size);
    if (!product)
      return false;
    elements = *product;
  }
  return true;
}

/// Whether row-major strides and offsets of a buffer whose sizes are at
/// least `minSizes` fit in 64 bits: the product of the sizes, each counted
/// as at least 1 (an empty buffer still has the strides of its other
/// dimensions), is at most 2^63 - 1.
static bool hasAddressableStrides(ArrayRef<int64_t> minSizes) {
  int64_t product = 1;
  for (int64_t size : minSizes) {
    std::optional<int64_t> next =
        llvm::checkedMul(product, std::max<int64_t>(size, 1));
    if (!next)
      return false;
    product = *next;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Dimension numbers
//===----------------------------------------------------------------------===//

SmallVector<int64_t> OperandLayout::toCanonicalPermutation() const {
  SmallVector<int64_t> perm = {batch, feature};
  llvm::append_range(perm, spatial);
  return perm;
}

DimensionLayouts DimensionLayouts::getDefault(int64_t numSpatialDims) {
  OperandLayout layout;
  for (int64_t j = 0; j < numSpatialDims; ++j)
    layout.spatial.push_back(2 + j);
  return {layout, layout, layout};
}

static bool operator==(const OperandLayout &a, const OperandLayout &b) {
  return a.batch == b.batch && a.feature == b.feature && a.spatial == b.spatial;
}

bool DimensionLayouts::isDefault() const {
  // The filter is implicit: where rhs_spec puts O, I and the spatial names
  // changes nothing once the canonical order is resolved into `lhs` and `out`
  // (e.g. ("NCHW", "HWIO", "NCHW") means exactly the default).
  DimensionLayouts def = getDefault(lhs.spatial.size());
  return lhs == def.lhs && out == def.out;
}

/// Checks one layout string: its length, no repeated character, and exactly
/// one of each of its two non-spatial characters.
static LogicalResult checkSpec(StringRef which, StringRef spec, char first,
                               char second, int64_t numSpatialDims,
                               EmitErrorFn emitError) {
  int64_t rank = numSpatialDims + 2;
  if (static_cast<int64_t>(spec.size()) != rank)
    return GeometryError(emitError)
           << "dimension_numbers " << which << " spec \"" << spec << "\" has "
           << spec.size() << " characters, expected " << rank << " (2 + "
           << numSpatialDims << " spatial dimensions)";
  for (size_t i = 0; i < spec.size(); ++i)
    if (spec.find(spec[i]) != i)
      return GeometryError(emitError)
             << "dimension_numbers " << which << " spec \"" << spec
             << "\" repeats the character '" << spec[i] << "'";
  for (char c : {first, second})
    if (!spec.contains(c))
      return GeometryError(emitError)
             << "dimension_numbers " << which << " spec \"" << spec
             << "\" has no '" << c << "'";
  return success();
}

/// The spatial names of a checked spec, in its own order.
static std::string spatialNames(StringRef spec, char first, char second) {
  std::string names;
  for (char c : spec)
    if (c != first && c != second)
      names.push_back(c);
  return names;
}

FailureOr<DimensionLayouts>
patches::resolveDimensionNumbers(StringRef lhsSpec, StringRef rhsSpec,
                                 StringRef outSpec, int64_t numSpatialDims,
                                 EmitErrorFn emitError) {
  if (failed(checkSpec("lhs", lhsSpec, 'N', 'C', numSpatialDims, emitError)) ||
      failed(checkSpec("rhs", rhsSpec, 'O', 'I', numSpatialDims, emitError)) ||
      failed(checkSpec("out", outSpec, 'N', 'C', numSpatialDims, emitError)))
    return failure();

  // The canonical spatial order is the rhs order; the other two specs must
  // hold the same set of spatial names.
  std::string canonical = spatialNames(rhsSpec, 'O', 'I');
  for (auto [which, spec] :
       {std::pair<StringRef, StringRef>{"lhs", lhsSpec}, {"out", outSpec}}) {
    std::string names = spatialNames(spec, 'N', 'C');
    for (char c : names)
      if (!StringRef(canonical).contains(c))
        return GeometryError(emitError)
               << "dimension_numbers must have the same spatial names in all "
                  "three specs, but '"
               << c << "' of " << which << " spec \"" << spec
               << "\" is not in rhs spec \"" << rhsSpec << "\"";
  }

  DimensionLayouts layouts;
  auto fill = [&](OperandLayout &layout, StringRef spec, char first,
                  char second) {
    layout.batch = spec.find(first);
    layout.feature = spec.find(second);
    for (char c : canonical)
      layout.spatial.push_back(spec.find(c));
  };
  fill(layouts.lhs, lhsSpec, 'N', 'C');
  fill(layouts.rhs, rhsSpec, 'O', 'I');
  fill(layouts.out, outSpec, 'N', 'C');
  return layouts;
}

bool patches::isDefaultDimensionNumbers(DimensionNumbersAttr dimensionNumbers,
                                        int64_t numSpatialDims) {
  if (!dimensionNumbers)
    return true;
  FailureOr<DimensionLayouts> layouts = resolveDimensionNumbers(
      dimensionNumbers.getLhs(), dimensionNumbers.getRhs(),
      dimensionNumbers.getOut(), numSpatialDims,
      [] { return InFlightDiagnostic(); });
  return succeeded(layouts) && layouts->isDefault();
}

//===----------------------------------------------------------------------===//
// ExtractGeometry
//===----------------------------------------------------------------------===//

/// Checks a per-spatial-dimension list: n entries, each at least 1.
static LogicalResult checkPositiveList(StringRef name, ArrayRef<int64_t> list,
                                       int64_t numSpatialDims,
                                       EmitErrorFn emitError) {
  if (static_cast<int64_t>(list.size()) != numSpatialDims)
    return GeometryError(emitError)
           << name << " = " << formatList(list) << " has " << list.size()
           << " elements, expected " << numSpatialDims
           << " (one per spatial dimension)";
  for (auto [j, v] : llvm::enumerate(list))
    if (v < 1)
      return GeometryError(emitError)
             << name << "[" << j << "] = " << v << " must be at least 1";
  return success();
}

/// a * b + c, or nullopt on overflow.
static std::optional<int64_t> mulAdd(int64_t a, int64_t b, int64_t c) {
  std::optional<int64_t> product = llvm::checkedMul(a, b);
  if (!product)
    return std::nullopt;
  return llvm::checkedAdd(*product, c);
}

FailureOr<ExtractGeometry>
ExtractGeometry::compute(const ExtractClauses &clauses,
                         ArrayRef<int64_t> inputShape, EmitErrorFn emitError) {
  int64_t n = clauses.filterShape.size();
  int64_t rank = inputShape.size();
  if (rank != n + 2)
    return GeometryError(emitError)
           << "expected an input of rank " << n + 2 << " (2 + " << n
           << " spatial dimensions of filter_shape = "
           << formatList(clauses.filterShape) << "), but the input has rank "
           << rank;

  SmallVector<int64_t> ones(n, 1);
  ArrayRef<int64_t> lhsDilation =
      clauses.lhsDilation.value_or(ArrayRef<int64_t>(ones));
  ArrayRef<int64_t> rhsDilation =
      clauses.rhsDilation.value_or(ArrayRef<int64_t>(ones));
  if (failed(checkPositiveList("filter_shape", clauses.filterShape, n,
                               emitError)) ||
      failed(checkPositiveList("window_strides", clauses.windowStrides, n,
                               emitError)) ||
      failed(checkPositiveList("lhs_dilation", lhsDilation, n, emitError)) ||
      failed(checkPositiveList("rhs_dilation", rhsDilation, n, emitError)))
    return failure();

  PaddingAttr padding = clauses.padding;
  if (!padding)
    return GeometryError(emitError) << "requires a padding";
  if (padding.isExplicit() &&
      static_cast<int64_t>(padding.getLow().size()) != n)
    return GeometryError(emitError) << "padding has " << padding.getLow().size()
                                    << " [low, high] pairs, expected " << n
                                    << " (one per spatial dimension)";
  // -2^63 is kDynamic, the marker of a padding that SAME leaves to run
  // time: as a static value it would read as "unknown" (and the verifier
  // then accepted any result size).
  if (padding.isExplicit())
    for (int64_t j = 0; j < n; ++j)
      for (int64_t v : {padding.getLow()[j], padding.getHigh()[j]})
        if (v == std::numeric_limits<int64_t>::min())
          return GeometryError(emitError)
                 << "padding [" << padding.getLow()[j] << ", "
                 << padding.getHigh()[j] << "] of spatial dimension " << j
                 << " is out of range: padding values must be at least "
                    "-2^63 + 1";
  if (!padding.isExplicit() &&
      llvm::any_of(lhsDilation, [](int64_t l) { return l != 1; }))
    return GeometryError(emitError)
           << "padding = " << stringifyPaddingKind(padding.getKind())
           << " cannot be combined with lhs_dilation = "
           << formatList(lhsDilation)
           << ": as in JAX, string padding is not implemented "
              "for transposed convolution; give explicit "
              "[low, high] pairs";

  ExtractGeometry geometry;
  if (DimensionNumbersAttr dn = clauses.dimensionNumbers) {
    FailureOr<DimensionLayouts> layouts = resolveDimensionNumbers(
        dn.getLhs(), dn.getRhs(), dn.getOut(), n, emitError);
    if (failed(layouts))
      return failure();
    geometry.layouts = std::move(*layouts);
  } else {
    geometry.layouts = DimensionLayouts::getDefault(n);
  }
  geometry.inputShape.assign(inputShape.begin(), inputShape.end());

  for (int64_t j = 0; j < n; ++j) {
    SpatialGeometry g;
    g.inputSize = inputShape[geometry.layouts.lhs.spatial[j]];
    g.filterSize = clauses.filterShape[j];
    g.stride = clauses.windowStrides[j];
    g.lhsDilation = lhsDilation[j];
    g.rhsDilation = rhsDilation[j];
    g.padding = padding.getKind();

    std::optional<int64_t> window = mulAdd(g.filterSize - 1, g.rhsDilation, 1);
    if (!window)
      return GeometryError(emitError)
             << "the window of spatial dimension " << j << " ((filter_shape["
             << j << "] - 1) * rhs_dilation[" << j << "] + 1 with filter_shape["
             << j << "] = " << g.filterSize << ", rhs_dilation[" << j
             << "] = " << g.rhsDilation << ") overflows 64 bits";
    g.windowSize = *window;

    if (ShapedType::isDynamic(g.inputSize)) {
      g.dilatedSize = kDynamic;
    } else if (g.inputSize == 0) {
      g.dilatedSize = 0;
    } else {
      std::optional<int64_t> dilated =
          mulAdd(g.inputSize - 1, g.lhsDilation, 1);
      if (!dilated)
        return GeometryError(emitError)
               << "spatial dimension " << j << " of size " << g.inputSize
               << " with lhs_dilation[" << j << "] = " << g.lhsDilation
               << " overflows 64 bits";
      g.dilatedSize = *dilated;
    }

    switch (padding.getKind()) {
    case PaddingKind::Explicit:
      g.padLow = padding.getLow()[j];
      g.padHigh = padding.getHigh()[j];
      break;
    case PaddingKind::Valid:
      g.padLow = g.padHigh = 0;
      break;
    case PaddingKind::Same:
    case PaddingKind::SameLower: {
      if (ShapedType::isDynamic(g.inputSize)) {
        g.padLow = g.padHigh = kDynamic;
        break;
      }
      // JAX resolves string padding on the undilated size d: the output has
      // ceil(d / s) positions and the padding makes the last window fit.
      int64_t out = llvm::divideCeilSigned(g.inputSize, g.stride);
      std::optional<int64_t> needed = mulAdd(out - 1, g.stride, g.windowSize);
      if (!needed)
        return GeometryError(emitError) << "SAME padding of spatial dimension "
                                        << j << " overflows 64 bits";
      int64_t total = std::max<int64_t>(*needed - g.inputSize, 0);
      g.padLow = total / 2;
      g.padHigh = total - g.padLow;
      if (padding.getKind() == PaddingKind::SameLower)
        std::swap(g.padLow, g.padHigh);
      break;
    }
    }

    if (ShapedType::isDynamic(g.dilatedSize) ||
        ShapedType::isDynamic(g.padLow)) {
      g.outputSize = kDynamic;
    } else {
      std::optional<int64_t> padded = llvm::checkedAdd(g.dilatedSize, g.padLow);
      if (padded)
        padded = llvm::checkedAdd(*padded, g.padHigh);
      // The lowerings pad by the positive parts alone (negative padding
      // becomes an offset or a shorter read), so that size must fit as well:
      // [-4, 2^63 - 2] on 5 elements pads to 2^63 - 1, but its positive part
      // to 2^63 + 3, which wrapped in tensor.pad (found while fuzzing).
      std::optional<int64_t> positivelyPadded =
          llvm::checkedAdd(g.dilatedSize, std::max<int64_t>(g.padLow, 0));
      if (positivelyPadded)
        positivelyPadded = llvm::checkedAdd(*positivelyPadded,
                                            std::max<int64_t>(g.padHigh, 0));
      if (!padded || !positivelyPadded)
        return GeometryError(emitError)
               << "padding [" << g.padLow << ", " << g.padHigh
               << "] of spatial dimension " << j << " overflows 64 bits";
      if (*padded < 0)
        return GeometryError(emitError)
               << "padding [" << g.padLow << ", " << g.padHigh
               << "] crops spatial dimension " << j << " (size "
               << g.dilatedSize << " after lhs dilation) below zero";
      // padded >= 0 and windowSize >= 1, so this cannot overflow.
      g.outputSize = std::max<int64_t>(
          0, llvm::divideFloorSigned(*padded - g.windowSize, g.stride) + 1);
    }
    geometry.spatial.push_back(g);
  }

  // K = prod(filter_shape) and the feature size C * K.
  for (int64_t k : clauses.filterShape) {
    std::optional<int64_t> volume = llvm::checkedMul(geometry.windowVolume, k);
    if (!volume)
      return GeometryError(emitError)
             << "filter_shape = " << formatList(clauses.filterShape)
             << " has more than 2^63 - 1 window positions";
    geometry.windowVolume = *volume;
  }
  int64_t channels = geometry.getInputChannels();
  int64_t features = kDynamic;
  if (!ShapedType::isDynamic(channels)) {
    std::optional<int64_t> product =
        llvm::checkedMul(channels, geometry.windowVolume);
    if (!product)
      return GeometryError(emitError)
             << "the feature size " << channels << " (input channels) * "
             << geometry.windowVolume
             << " (window positions) overflows 64 bits";
    features = *product;
  }

  const OperandLayout &out = geometry.layouts.out;
  geometry.resultShape.assign(rank, 0);
  geometry.resultShape[out.batch] = geometry.getInputBatchSize();
  geometry.resultShape[out.feature] = features;
  for (int64_t j = 0; j < n; ++j)
    geometry.resultShape[out.spatial[j]] = geometry.spatial[j].outputSize;

  // A tensor cannot hold 2^63 elements or more; say so instead of wrapping.
  if (!hasAddressableSize(geometry.resultShape))
    return GeometryError(emitError)
           << "the result would have more than 2^63 - 1 "
              "elements";
  // The lowerings address the input, and the input padded by the positive
  // parts of the padding (which they materialize), with static strides and
  // offsets: those must not wrap either (found while fuzzing: a
  // tensor<1x5x2^62xi8> input with a small result verified, and its
  // lowering built a negative stride). A dynamic size counts as its least
  // value: 0 for the input, the positive padding for the padded input.
  SmallVector<int64_t> minInput, minPadded;
  for (int64_t size : inputShape)
    minInput.push_back(ShapedType::isDynamic(size) ? 0 : size);
  minPadded = minInput;
  for (auto [j, g] : llvm::enumerate(geometry.spatial)) {
    if (ShapedType::isDynamic(g.padLow))
      continue; // SAME on a dynamic size: at least the input.
    std::optional<int64_t> padding = llvm::checkedAdd(
        std::max<int64_t>(g.padLow, 0), std::max<int64_t>(g.padHigh, 0));
    if (!padding)
      return GeometryError(emitError)
             << "padding [" << g.padLow << ", " << g.padHigh
             << "] of spatial dimension " << j << " overflows 64 bits";
    // Where the size is static, the sum was checked above.
    minPadded[geometry.layouts.lhs.spatial[j]] =
        ShapedType::isDynamic(g.dilatedSize) ? *padding
                                             : g.dilatedSize + *padding;
  }
  // A shape with its least sizes: `?` or `(? + least)` where dynamic.
  auto formatMinShape = [](ArrayRef<int64_t> shape,
                           ArrayRef<int64_t> minSizes) {
    std::string text;
    llvm::raw_string_ostream os(text);
    for (auto [dim, size] : llvm::enumerate(minSizes)) {
      if (dim)
        os << "x";
      if (!ShapedType::isDynamic(shape[dim]))
        os << size;
      else if (size == 0)
        os << "?";
      else
        os << "(? + " << size << ")";
    }
    return text;
  };
  SmallVector<int64_t> minResult;
  for (int64_t size : geometry.resultShape)
    minResult.push_back(ShapedType::isDynamic(size) ? 0 : size);
  if (!hasAddressableStrides(minResult))
    return GeometryError(emitError)
           << "the result (" << formatMinShape(geometry.resultShape, minResult)
           << ") is too large: its strides overflow 64 bits";
  if (!hasAddressableStrides(minInput))
    return GeometryError(emitError)
           << "the input (" << formatMinShape(inputShape, minInput)
           << ") is too large: its strides overflow 64 bits";
  if (!hasAddressableStrides(minPadded))
    return GeometryError(emitError)
           << "the input padded by the positive parts of the padding (to "
           << formatMinShape(inputShape, minPadded)
           << ") is too large: its strides overflow 64 bits";
  return geometry;
}

FailureOr<ExtractGeometry>
ExtractGeometry::computeQuietly(const ExtractClauses &clauses,
                                ArrayRef<int64_t> inputShape) {
  return compute(clauses, inputShape, [] { return InFlightDiagnostic(); });
}

bool ExtractGeometry::hasUnitLhsDilation() const {
  return llvm::all_of(
      spatial, [](const SpatialGeometry &g) { return g.lhsDilation == 1; });
}

bool ExtractGeometry::hasStaticPadding() const {
  return llvm::none_of(spatial, [](const SpatialGeometry &g) {
    return ShapedType::isDynamic(g.padLow);
  });
}

bool ExtractGeometry::hasNoPadding() const {
  return llvm::all_of(spatial, [](const SpatialGeometry &g) {
    return g.padLow == 0 && g.padHigh == 0;
  });
}

AffineMap ExtractGeometry::getResultMap(MLIRContext *ctx) const {
  int64_t n = getNumSpatialDims();
  SmallVector<AffineExpr> exprs(n + 2);
  const OperandLayout &out = layouts.out;
  exprs[out.batch] = getAffineDimExpr(getBatchLoop(), ctx);
  SmallVector<AffineExpr> window;
  for (int64_t j = 0; j < n; ++j)
    window.push_back(getAffineDimExpr(getWindowLoop(j), ctx));
  exprs[out.feature] =
      getFeatureExpr(getAffineDimExpr(getChannelLoop(), ctx), window);
  for (int64_t j = 0; j < n; ++j)
    exprs[out.spatial[j]] = getAffineDimExpr(getOutputLoop(j), ctx);
  return AffineMap::get(getNumLoops(), 0, exprs, ctx);
}

AffineMap ExtractGeometry::getPaddedInputMap(MLIRContext *ctx) const {
  assert(hasStaticPadding() && "padding must be static");
  int64_t n = getNumSpatialDims();
  SmallVector<AffineExpr> exprs(n + 2);
  const OperandLayout &lhs = layouts.lhs;
  exprs[lhs.batch] = getAffineDimExpr(getBatchLoop(), ctx);
  exprs[lhs.feature] = getAffineDimExpr(getChannelLoop(), ctx);
  for (int64_t j = 0; j < n; ++j) {
    // The input is padded by the added part of the padding: position p
    // is index p + added(lo) there (a negative low padding only shifts):
    // the position with low padding lo - added(lo).
    int64_t padLow = spatial[j].padLow;
    exprs[lhs.spatial[j]] = getInputPositionExpr(
        j, getAffineDimExpr(getOutputLoop(j), ctx),
        getAffineDimExpr(getWindowLoop(j), ctx),
        getAffineConstantExpr(padLow - getAddedPadding(padLow), ctx));
  }
  return AffineMap::get(getNumLoops(), 0, exprs, ctx);
}

AffineMap ExtractGeometry::getWindowMap(MLIRContext *ctx) const {
  SmallVector<AffineExpr> exprs;
  for (int64_t j = 0; j < getNumSpatialDims(); ++j)
    exprs.push_back(getAffineDimExpr(getWindowLoop(j), ctx));
  return AffineMap::get(getNumLoops(), 0, exprs, ctx);
}

//===----------------------------------------------------------------------===//
// Runtime sizes
//===----------------------------------------------------------------------===//

/// `value` when static, else what `build` makes.
static OpFoldResult staticOr(OpBuilder &b, int64_t value,
                             llvm::function_ref<OpFoldResult()> build) {
  if (!ShapedType::isDynamic(value))
    return b.getIndexAttr(value);
  return build();
}

static OpFoldResult getDimSize(OpBuilder &b, Location loc, Value tensor,
                               int64_t dim) {
  return tensor::getMixedSize(b, loc, tensor, dim);
}

SmallVector<SpatialSizes>
ExtractGeometry::materializeSpatialSizes(OpBuilder &b, Location loc,
                                         Value input) const {
  SmallVector<OpFoldResult> inputSizes;
  for (int64_t dim = 0, e = getNumSpatialDims() + 2; dim < e; ++dim)
    inputSizes.push_back(getDimSize(b, loc, input, dim));
  return materializeSpatialSizes(b, loc, inputSizes);
}

SmallVector<SpatialSizes> ExtractGeometry::materializeSpatialSizes(
    OpBuilder &b, Location loc, ArrayRef<OpFoldResult> inputSizes) const {
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx), d1 = getAffineDimExpr(1, ctx),
             d2 = getAffineDimExpr(2, ctx);
  auto apply = [&](AffineExpr expr, ArrayRef<OpFoldResult> operands) {
    return affine::makeComposedFoldedAffineApply(
        b, loc, AffineMap::get(operands.size(), 0, expr), operands);
  };
  auto maxWithZero = [&](AffineExpr expr, ArrayRef<OpFoldResult> operands) {
    AffineMap map = AffineMap::get(operands.size(), 0,
                                   {expr, getAffineConstantExpr(0, ctx)}, ctx);
    return affine::makeComposedFoldedAffineMax(b, loc, map, operands);
  };

  SmallVector<SpatialSizes> sizes;
  for (auto [j, g] : llvm::enumerate(spatial)) {
    SpatialSizes s;
    s.inputSize = inputSizes[layouts.lhs.spatial[j]];
    // D = max((d - 1) * l + 1, 0): the max gives 0 for d = 0.
    s.dilatedSize = staticOr(b, g.dilatedSize, [&] {
      if (g.lhsDilation == 1)
        return s.inputSize;
      return maxWithZero((d0 - 1) * g.lhsDilation + 1, {s.inputSize});
    });
    // Only SAME/SAME_LOWER on a dynamic size leave the padding dynamic:
    // p = max((ceil(d / s) - 1) * s + W - d, 0), lo = p / 2, hi = p - lo.
    OpFoldResult total;
    if (ShapedType::isDynamic(g.padLow))
      total =
          maxWithZero((d0.ceilDiv(g.stride) - 1) * g.stride + g.windowSize - d0,
                      {s.inputSize});
    // SAME puts the smaller half low, SAME_LOWER the larger.
    AffineExpr half = d0.floorDiv(2), rest = d0 - d0.floorDiv(2);
    bool lower = g.padding == PaddingKind::SameLower;
    s.padLow = staticOr(b, g.padLow,
                        [&] { return apply(lower ? rest : half, {total}); });
    s.padHigh = staticOr(b, g.padHigh,
                         [&] { return apply(lower ? half : rest, {total}); });
    s.outputSize = staticOr(b, g.outputSize, [&] {
      return maxWithZero((d0 + d1 + d2 - g.windowSize).floorDiv(g.stride) + 1,
                         {s.dilatedSize, s.padLow, s.padHigh});
    });
    sizes.push_back(s);
  }
  return sizes;
}

SmallVector<OpFoldResult>
ExtractGeometry::materializeResultSizes(OpBuilder &b, Location loc,
                                        Value input) const {
  const OperandLayout &out = layouts.out;
  SmallVector<OpFoldResult> sizes(getNumSpatialDims() + 2);
  sizes[out.batch] = getDimSize(b, loc, input, layouts.lhs.batch);
  OpFoldResult channels = getDimSize(b, loc, input, layouts.lhs.feature);
  sizes[out.feature] = affine::makeComposedFoldedAffineApply(
      b, loc, getAffineDimExpr(0, b.getContext()) * windowVolume, {channels});
  for (auto [j, s] : llvm::enumerate(materializeSpatialSizes(b, loc, input)))
    sizes[out.spatial[j]] = s.outputSize;
  return sizes;
}
