//===- GeometryTest.cpp - Unit tests of PatchesGeometry.h -----------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Hand-computed cases of the geometry of patches.extract (SEMANTICS.md):
// sizes and padding per spatial dimension, dimension numbers, the index maps
// over the canonical iteration space, and the runtime sizes, which must fold
// to the static geometry.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/Dialect/Patches/IR/PatchesGeometry.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringExtras.h"

#include "gtest/gtest.h"

#include <functional>
#include <optional>

using namespace mlir;
using namespace patches;

namespace {

constexpr int64_t kDyn = ShapedType::kDynamic;
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

/// Clauses that own their storage (ExtractClauses only refers to it).
struct Clauses {
  SmallVector<int64_t> filterShape;
  SmallVector<int64_t> windowStrides;
  PaddingAttr padding;
  std::optional<SmallVector<int64_t>> lhsDilation;
  std::optional<SmallVector<int64_t>> rhsDilation;
  DimensionNumbersAttr dimensionNumbers;

  ExtractClauses get() const {
    ExtractClauses clauses;
    clauses.filterShape = filterShape;
    clauses.windowStrides = windowStrides;
    clauses.padding = padding;
    if (lhsDilation)
      clauses.lhsDilation = ArrayRef<int64_t>(*lhsDilation);
    if (rhsDilation)
      clauses.rhsDilation = ArrayRef<int64_t>(*rhsDilation);
    clauses.dimensionNumbers = dimensionNumbers;
    return clauses;
  }
};

class GeometryTest : public ::testing::Test {
protected:
  GeometryTest() {
    context
        .loadDialect<PatchesDialect, affine::AffineDialect, arith::ArithDialect,
                     func::FuncDialect, tensor::TensorDialect>();
  }

  PaddingAttr padding(PaddingKind kind) {
    return PaddingAttr::get(&context, kind);
  }
  PaddingAttr padding(ArrayRef<std::pair<int64_t, int64_t>> pairs) {
    SmallVector<int64_t> low, high;
    for (auto [lo, hi] : pairs) {
      low.push_back(lo);
      high.push_back(hi);
    }
    return PaddingAttr::get(&context, low, high);
  }
  DimensionNumbersAttr dimensionNumbers(StringRef lhs, StringRef rhs,
                                        StringRef out) {
    return DimensionNumbersAttr::get(&context, lhs, rhs, out);
  }

  /// Computes the geometry; on failure, the diagnostic is in `errors`.
  FailureOr<ExtractGeometry> compute(const Clauses &clauses,
                                     ArrayRef<int64_t> inputShape) {
    errors.clear();
    return ExtractGeometry::compute(clauses.get(), inputShape, [&] {
      return emitError(UnknownLoc::get(&context));
    });
  }

  /// The geometry, which must be valid.
  ExtractGeometry computeValid(const Clauses &clauses,
                               ArrayRef<int64_t> inputShape) {
    FailureOr<ExtractGeometry> geometry = compute(clauses, inputShape);
    EXPECT_TRUE(succeeded(geometry)) << llvm::join(errors, "\n");
    return succeeded(geometry) ? *geometry : ExtractGeometry();
  }

  /// The one error that computing the geometry reports.
  std::string computeError(const Clauses &clauses,
                           ArrayRef<int64_t> inputShape) {
    EXPECT_TRUE(failed(compute(clauses, inputShape)));
    EXPECT_EQ(errors.size(), 1u);
    return errors.empty() ? "" : errors.front();
  }

  /// One NCW spatial dimension: filter k, stride s, padding, dilations.
  Clauses oneDim(int64_t k, int64_t s, PaddingAttr pad, int64_t l = 1,
                 int64_t r = 1) {
    return Clauses{
        {k}, {s}, pad, SmallVector<int64_t>{l}, SmallVector<int64_t>{r}, {}};
  }

  MLIRContext context;
  std::vector<std::string> errors;
  ScopedDiagnosticHandler handler{&context, [this](Diagnostic &diag) {
                                    errors.push_back(diag.str());
                                    return success();
                                  }};
};

std::string toString(AffineMap map) {
  std::string text;
  llvm::raw_string_ostream os(text);
  map.print(os);
  return text;
}

//===----------------------------------------------------------------------===//
// Sizes and padding
//===----------------------------------------------------------------------===//

// SEMANTICS.md's worked example: NCHW 1x1x3x3, 2x2 filter, VALID.
TEST_F(GeometryTest, WorkedExample) {
  ExtractGeometry g = computeValid(
      Clauses{{2, 2}, {1, 1}, padding(PaddingKind::Valid), {}, {}, {}},
      {1, 1, 3, 3});
  EXPECT_EQ(g.getResultShape(), ArrayRef<int64_t>({1, 4, 2, 2}));
  EXPECT_EQ(g.getWindowVolume(), 4);
  EXPECT_EQ(g.getNumSpatialDims(), 2);
  EXPECT_EQ(g.getNumLoops(), 6);
  EXPECT_TRUE(g.hasUnitLhsDilation());
  EXPECT_TRUE(g.hasNoPadding());
  EXPECT_TRUE(g.hasStaticPadding());
  for (const SpatialGeometry &s : g.getSpatial()) {
    EXPECT_EQ(s.windowSize, 2);
    EXPECT_EQ(s.dilatedSize, 3);
    EXPECT_EQ(s.outputSize, 2);
  }
}

// d = 10, k = 3, r = 3 (W = 7), s = 2: out = 5, p = 4 * 2 + 7 - 10 = 5.
TEST_F(GeometryTest, SamePutsTheSmallerHalfLow) {
  ExtractGeometry g =
      computeValid(oneDim(3, 2, padding(PaddingKind::Same), 1, 3), {1, 1, 10});
  const SpatialGeometry &s = g.getSpatial(0);
  EXPECT_EQ(s.windowSize, 7);
  EXPECT_EQ(s.padLow, 2);
  EXPECT_EQ(s.padHigh, 3);
  EXPECT_EQ(s.outputSize, 5);
  EXPECT_FALSE(g.hasNoPadding());
}

TEST_F(GeometryTest, SameLowerPutsTheLargerHalfLow) {
  ExtractGeometry g = computeValid(
      oneDim(3, 2, padding(PaddingKind::SameLower), 1, 3), {1, 1, 10});
  EXPECT_EQ(g.getSpatial(0).padLow, 3);
  EXPECT_EQ(g.getSpatial(0).padHigh, 2);
  EXPECT_EQ(g.getSpatial(0).outputSize, 5);
}

// s > W: p = max((3 - 1) * 4 + 1 - 10, 0) = 0, out = ceil(10 / 4) = 3.
TEST_F(GeometryTest, SameNeverPadsNegatively) {
  ExtractGeometry g =
      computeValid(oneDim(1, 4, padding(PaddingKind::Same)), {1, 1, 10});
  EXPECT_EQ(g.getSpatial(0).padLow, 0);
  EXPECT_EQ(g.getSpatial(0).padHigh, 0);
  EXPECT_EQ(g.getSpatial(0).outputSize, 3);
}

// d = 0: out = 0, p = max(-1 * 1 + 3 - 0, 0) = 2.
TEST_F(GeometryTest, SameOfAnEmptyDimension) {
  ExtractGeometry g =
      computeValid(oneDim(3, 1, padding(PaddingKind::Same)), {1, 1, 0});
  EXPECT_EQ(g.getSpatial(0).padLow, 1);
  EXPECT_EQ(g.getSpatial(0).padHigh, 1);
  EXPECT_EQ(g.getSpatial(0).outputSize, 0);
}

// d = 5, l = 2: D = 9; k = 2, r = 3: W = 4; (9 + 1 + 2 - 4) // 2 + 1 = 5.
TEST_F(GeometryTest, ExplicitPaddingWithBothDilations) {
  ExtractGeometry g =
      computeValid(oneDim(2, 2, padding({{1, 2}}), 2, 3), {1, 2, 5});
  const SpatialGeometry &s = g.getSpatial(0);
  EXPECT_EQ(s.inputSize, 5);
  EXPECT_EQ(s.dilatedSize, 9);
  EXPECT_EQ(s.windowSize, 4);
  EXPECT_EQ(s.padLow, 1);
  EXPECT_EQ(s.padHigh, 2);
  EXPECT_EQ(s.outputSize, 5);
  EXPECT_FALSE(g.hasUnitLhsDilation());
  EXPECT_EQ(g.getResultShape(), ArrayRef<int64_t>({1, 4, 5}));
}

// lhs dilation of 0 and 1 elements: D = 0 and D = 1.
TEST_F(GeometryTest, LhsDilationOfTinySizes) {
  ExtractGeometry empty =
      computeValid(oneDim(2, 1, padding({{1, 1}}), 3), {1, 1, 0});
  EXPECT_EQ(empty.getSpatial(0).dilatedSize, 0);
  EXPECT_EQ(empty.getSpatial(0).outputSize, 1);
  ExtractGeometry single =
      computeValid(oneDim(1, 1, padding({{0, 0}}), 5), {1, 1, 1});
  EXPECT_EQ(single.getSpatial(0).dilatedSize, 1);
  EXPECT_EQ(single.getSpatial(0).outputSize, 1);
}

TEST_F(GeometryTest, NegativePadding) {
  // 10 - 2 + 3 = 11, k = 2, s = 3: (11 - 2) // 3 + 1 = 4.
  EXPECT_EQ(computeValid(oneDim(2, 3, padding({{-2, 3}})), {1, 1, 10})
                .getSpatial(0)
                .outputSize,
            4);
  // 10 - 8 = 2 < W = 3: empty, not an error.
  EXPECT_EQ(computeValid(oneDim(3, 1, padding({{-4, -4}})), {1, 1, 10})
                .getSpatial(0)
                .outputSize,
            0);
  // Cropped to exactly nothing.
  EXPECT_EQ(computeValid(oneDim(1, 1, padding({{-5, -5}})), {1, 1, 10})
                .getSpatial(0)
                .outputSize,
            0);
}

// floor((10 - 11) / 4) + 1 = 0, where truncating division would give 1.
TEST_F(GeometryTest, OutputSizeUsesFloorDivision) {
  ExtractGeometry g =
      computeValid(oneDim(11, 4, padding(PaddingKind::Valid)), {1, 1, 10});
  EXPECT_EQ(g.getSpatial(0).outputSize, 0);
  EXPECT_EQ(g.getResultShape(), ArrayRef<int64_t>({1, 11, 0}));
}

TEST_F(GeometryTest, DynamicSizesPropagate) {
  ExtractGeometry g = computeValid(
      Clauses{{3, 3}, {1, 2}, padding(PaddingKind::Valid), {}, {}, {}},
      {kDyn, 3, kDyn, 8});
  EXPECT_EQ(g.getResultShape(), ArrayRef<int64_t>({kDyn, 27, kDyn, 3}));
  EXPECT_EQ(g.getSpatial(0).dilatedSize, kDyn);
  EXPECT_EQ(g.getSpatial(0).padLow, 0);
  EXPECT_TRUE(g.hasStaticPadding());

  ExtractGeometry same = computeValid(
      Clauses{{3, 3}, {1, 2}, padding(PaddingKind::Same), {}, {}, {}},
      {2, kDyn, kDyn, 8});
  EXPECT_EQ(same.getResultShape(), ArrayRef<int64_t>({2, kDyn, kDyn, 4}));
  EXPECT_EQ(same.getSpatial(0).padLow, kDyn);
  EXPECT_EQ(same.getSpatial(0).padHigh, kDyn);
  EXPECT_EQ(same.getSpatial(1).padLow, 0);
  EXPECT_EQ(same.getSpatial(1).padHigh, 1);
  EXPECT_FALSE(same.hasStaticPadding());
}

// Rank 2: the result is the input with N and C placed per out_spec.
TEST_F(GeometryTest, ZeroSpatialDimensions) {
  ExtractGeometry g = computeValid(Clauses{{},
                                           {},
                                           padding(PaddingKind::Valid),
                                           {},
                                           {},
                                           dimensionNumbers("CN", "IO", "NC")},
                                   {3, 4});
  EXPECT_EQ(g.getResultShape(), ArrayRef<int64_t>({4, 3}));
  EXPECT_EQ(g.getWindowVolume(), 1);
  EXPECT_EQ(g.getNumLoops(), 2);
  EXPECT_EQ(toString(g.getResultMap(&context)), "(d0, d1) -> (d0, d1)");
  EXPECT_EQ(toString(g.getPaddedInputMap(&context)), "(d0, d1) -> (d1, d0)");
  EXPECT_EQ(toString(g.getWindowMap(&context)), "(d0, d1) -> ()");
}

TEST_F(GeometryTest, WindowStridesAreRowMajor) {
  ExtractGeometry g = computeValid(
      Clauses{{2, 3, 4}, {1, 1, 1}, padding(PaddingKind::Same), {}, {}, {}},
      {1, 1, 5, 5, 5});
  EXPECT_EQ(g.getWindowStrides(), SmallVector<int64_t>({12, 4, 1}));
  EXPECT_EQ(g.getWindowVolume(), 24);
}

//===----------------------------------------------------------------------===//
// Dimension numbers
//===----------------------------------------------------------------------===//

TEST_F(GeometryTest, ResolvesArbitrarySpatialLetters) {
  FailureOr<DimensionLayouts> layouts =
      resolveDimensionNumbers("NXYC", "YXIO", "CNYX", 2, [&] {
        return emitError(UnknownLoc::get(&context));
      });
  ASSERT_TRUE(succeeded(layouts));
  // Canonical order is rhs's: (Y, X).
  EXPECT_EQ(layouts->lhs.batch, 0);
  EXPECT_EQ(layouts->lhs.feature, 3);
  EXPECT_EQ(layouts->lhs.spatial, SmallVector<int64_t>({2, 1}));
  EXPECT_EQ(layouts->rhs.batch, 3);
  EXPECT_EQ(layouts->rhs.feature, 2);
  EXPECT_EQ(layouts->rhs.spatial, SmallVector<int64_t>({0, 1}));
  EXPECT_EQ(layouts->out.batch, 1);
  EXPECT_EQ(layouts->out.feature, 0);
  EXPECT_EQ(layouts->out.spatial, SmallVector<int64_t>({2, 3}));
  EXPECT_EQ(layouts->lhs.toCanonicalPermutation(),
            SmallVector<int64_t>({0, 3, 2, 1}));
  EXPECT_EQ(layouts->out.toCanonicalPermutation(),
            SmallVector<int64_t>({1, 0, 2, 3}));
  EXPECT_FALSE(layouts->isDefault());
}

TEST_F(GeometryTest, DefaultLayouts) {
  DimensionLayouts def = DimensionLayouts::getDefault(3);
  EXPECT_EQ(def.lhs.batch, 0);
  EXPECT_EQ(def.lhs.feature, 1);
  EXPECT_EQ(def.lhs.spatial, SmallVector<int64_t>({2, 3, 4}));
  EXPECT_TRUE(def.isDefault());

  auto isDefault = [&](StringRef lhs, StringRef rhs, StringRef out) {
    FailureOr<DimensionLayouts> layouts = resolveDimensionNumbers(
        lhs, rhs, out, 2, [&] { return emitError(UnknownLoc::get(&context)); });
    EXPECT_TRUE(succeeded(layouts)) << lhs.str() << rhs.str() << out.str();
    return succeeded(layouts) && layouts->isDefault();
  };
  // Any letters; and the filter is implicit, so O and I may be anywhere.
  EXPECT_TRUE(isDefault("NCHW", "OIHW", "NCHW"));
  EXPECT_TRUE(isDefault("NCab", "OIab", "NCab"));
  EXPECT_TRUE(isDefault("NCHW", "HWIO", "NCHW"));
  // Another canonical order, input layout or output layout is not default.
  EXPECT_FALSE(isDefault("NCHW", "OIWH", "NCHW"));
  EXPECT_FALSE(isDefault("NHWC", "OIHW", "NCHW"));
  EXPECT_FALSE(isDefault("NCHW", "OIHW", "CNHW"));
  EXPECT_TRUE(errors.empty());
}

struct DimensionNumbersErrorCase {
  const char *lhs, *rhs, *out;
  const char *message;
};

TEST_F(GeometryTest, DimensionNumbersErrors) {
  const DimensionNumbersErrorCase cases[] = {
      {"NCH", "OIHW", "NCHW",
       "dimension_numbers lhs spec \"NCH\" has 3 characters, expected 4 (2 + "
       "2 spatial dimensions)"},
      {"NCHW", "OIHWD", "NCHW",
       "dimension_numbers rhs spec \"OIHWD\" has 5 characters, expected 4"},
      {"NCHW", "OIHW", "", "dimension_numbers out spec \"\" has 0 characters"},
      {"XCHW", "OIHW", "NCHW",
       "dimension_numbers lhs spec \"XCHW\" has no 'N'"},
      {"NcHW", "OIwh", "CNHW",
       "dimension_numbers lhs spec \"NcHW\" has no 'C'"},
      {"NCHW", "XIHW", "NCHW",
       "dimension_numbers rhs spec \"XIHW\" has no 'O'"},
      {"NCHW", "OXHW", "NCHW",
       "dimension_numbers rhs spec \"OXHW\" has no 'I'"},
      {"NCHW", "OIHW", "NXHW",
       "dimension_numbers out spec \"NXHW\" has no 'C'"},
      {"NCNW", "OIHW", "NCHW",
       "dimension_numbers lhs spec \"NCNW\" repeats the character 'N'"},
      {"NCHW", "OIHH", "NCHW",
       "dimension_numbers rhs spec \"OIHH\" repeats the character 'H'"},
      {"NCHW", "OIHW", "NCHX",
       "dimension_numbers must have the same spatial names in all three "
       "specs, but 'X' of out spec \"NCHX\" is not in rhs spec \"OIHW\""},
      {"NChW", "OIHW", "NCHW", "but 'h' of lhs spec \"NChW\" is not in rhs"},
  };
  for (const DimensionNumbersErrorCase &c : cases) {
    errors.clear();
    FailureOr<DimensionLayouts> layouts =
        resolveDimensionNumbers(c.lhs, c.rhs, c.out, 2, [&] {
          return emitError(UnknownLoc::get(&context));
        });
    EXPECT_TRUE(failed(layouts)) << c.lhs << " " << c.rhs << " " << c.out;
    ASSERT_EQ(errors.size(), 1u) << c.lhs << " " << c.rhs << " " << c.out;
    EXPECT_NE(errors.front().find(c.message), std::string::npos)
        << "got: " << errors.front() << "\nexpected: " << c.message;
  }
}

//===----------------------------------------------------------------------===//
// Errors of the clauses
//===----------------------------------------------------------------------===//

TEST_F(GeometryTest, EachClauseErrorIsReported) {
  PaddingAttr valid = padding(PaddingKind::Valid);
  const std::vector<
      std::tuple<const char *, Clauses, SmallVector<int64_t>, const char *>>
      cases = {
          {"rank",
           oneDim(2, 1, valid),
           {1, 1, 3, 3},
           "expected an input of rank 3 (2 + 1 spatial dimensions of "
           "filter_shape = [2]), but the input has rank 4"},
          {"strides length",
           Clauses{{2, 2}, {1}, valid, {}, {}, {}},
           {1, 1, 3, 3},
           "window_strides = [1] has 1 elements, expected 2 (one per spatial "
           "dimension)"},
          {"rhs dilation length",
           Clauses{{2}, {1}, valid, {}, SmallVector<int64_t>{1, 1}, {}},
           {1, 1, 3},
           "rhs_dilation = [1, 1] has 2 elements, expected 1"},
          {"zero filter",
           oneDim(0, 1, valid),
           {1, 1, 3},
           "filter_shape[0] = 0 must be at least 1"},
          {"negative stride",
           oneDim(1, -2, valid),
           {1, 1, 3},
           "window_strides[0] = -2 must be at least 1"},
          {"zero lhs dilation",
           oneDim(1, 1, padding({{0, 0}}), 0),
           {1, 1, 3},
           "lhs_dilation[0] = 0 must be at least 1"},
          {"negative rhs dilation",
           oneDim(1, 1, valid, 1, -1),
           {1, 1, 3},
           "rhs_dilation[0] = -1 must be at least 1"},
          {"padding pairs",
           oneDim(1, 1, padding({{0, 0}, {0, 0}})),
           {1, 1, 3},
           "padding has 2 [low, high] pairs, expected 1"},
          {"string padding with lhs dilation",
           oneDim(1, 1, padding(PaddingKind::SameLower), 2),
           {1, 1, 3},
           "padding = SAME_LOWER cannot be combined with lhs_dilation = [2]"},
          {"crop below zero",
           oneDim(1, 1, padding({{-3, -3}}), 2),
           {1, 1, 3},
           "padding [-3, -3] crops spatial dimension 0 (size 5 after lhs "
           "dilation) below zero"},
          {"window overflow",
           oneDim(3, 1, valid, 1, kMax / 2 + 1),
           {1, 1, 3},
           "the window of spatial dimension 0"},
          {"dilated size overflow",
           oneDim(1, 1, padding({{0, 0}}), kMax),
           {1, 1, 3},
           "spatial dimension 0 of size 3 with lhs_dilation[0] = "
           "9223372036854775807 overflows 64 bits"},
          {"padding overflow",
           oneDim(1, 1, padding({{kMax, 0}})),
           {1, 1, 3},
           "padding [9223372036854775807, 0] of spatial dimension 0 overflows"},
          {"SAME overflow",
           oneDim(2, 1, padding(PaddingKind::Same), 1, kMax - 1),
           {1, 1, 2},
           "SAME padding of spatial dimension 0 overflows 64 bits"},
          {"window volume overflow",
           Clauses{{1ll << 32, 1ll << 31}, {1, 1}, valid, {}, {}, {}},
           {1, 1, 3, 3},
           "filter_shape = [4294967296, 2147483648] has more than 2^63 - 1 "
           "window positions"},
          {"feature size overflow",
           oneDim(4, 1, valid),
           {1, 1ll << 62, 8},
           "the feature size 4611686018427387904 (input channels) * 4 "
           "(window positions) overflows 64 bits"},
          {"element count overflow",
           oneDim(1, 1, valid),
           {1ll << 40, 1ll << 20, 1ll << 4},
           "the result would have more than 2^63 - 1 elements"},
          {"dimension numbers checked against the rank",
           Clauses{{2},
                   {1},
                   valid,
                   {},
                   {},
                   dimensionNumbers("NCHW", "OIHW", "NCHW")},
           {1, 1, 3},
           "dimension_numbers lhs spec \"NCHW\" has 4 characters, expected 3"},
      };
  for (const auto &[name, clauses, shape, message] : cases) {
    std::string error = computeError(clauses, shape);
    EXPECT_NE(error.find(message), std::string::npos)
        << name << ": got: " << error << "\nexpected: " << message;
  }
}

//===----------------------------------------------------------------------===//
// Index maps over (b, c, w..., o...)
//===----------------------------------------------------------------------===//

// NHWC, filter 3x3, strides (2, 1), rhs dilation (2, 2), padding
// ((1, 1), (-2, 0)): loops (d0, d1, d2, d3, d4, d5) = (b, c, w0, w1, o0, o1).
TEST_F(GeometryTest, IndexMapsFollowTheLayouts) {
  ExtractGeometry g =
      computeValid(Clauses{{3, 3},
                           {2, 1},
                           padding({{1, 1}, {-2, 0}}),
                           {},
                           SmallVector<int64_t>{2, 2},
                           dimensionNumbers("NHWC", "HWIO", "NHWC")},
                   {2, 9, 9, 3});
  // out[b, o0, o1, c * 9 + w0 * 3 + w1].
  EXPECT_EQ(toString(g.getResultMap(&context)),
            "(d0, d1, d2, d3, d4, d5) -> (d0, d4, d5, d1 * 9 + d2 * 3 + d3)");
  // H: o0 * 2 + w0 * 2, low padding 1 stays padding; W: o1 + w1 * 2 + 2,
  // the crop of 2 becomes an offset; C last.
  EXPECT_EQ(toString(g.getPaddedInputMap(&context)),
            "(d0, d1, d2, d3, d4, d5) -> (d0, d4 * 2 + d2 * 2, d5 + d3 * 2 + "
            "2, d1)");
  EXPECT_EQ(toString(g.getWindowMap(&context)),
            "(d0, d1, d2, d3, d4, d5) -> (d2, d3)");
}

// Evaluates the maps at every loop point and checks them against the
// definition: result[b, c * K + k(w), o] reads the (undilated) input at
// o * s + w * r - lo in every canonical spatial dimension, and every result
// element is written exactly once.
TEST_F(GeometryTest, IndexMapsMatchTheDefinition) {
  struct Case {
    Clauses clauses;
    SmallVector<int64_t> inputShape;
  };
  const Case cases[] = {
      {Clauses{{2, 3},
               {1, 2},
               padding({{1, 0}, {-1, 2}}),
               {},
               SmallVector<int64_t>{2, 1},
               dimensionNumbers("HCWN", "IWHO", "WNCH")},
       {5, 2, 7, 2}},
      {Clauses{{3}, {2}, padding(PaddingKind::Same), {}, {}, {}}, {2, 3, 6}},
      {Clauses{{2, 1, 2},
               {1, 1, 2},
               padding(PaddingKind::SameLower),
               {},
               {},
               dimensionNumbers("NCXYZ", "ZYXIO", "CXYZN")},
       {1, 2, 3, 2, 5}},
  };
  for (const Case &c : cases) {
    ExtractGeometry g = computeValid(c.clauses, c.inputShape);
    int64_t n = g.getNumSpatialDims();
    const DimensionLayouts &layouts = g.getLayouts();
    AffineMap resultMap = g.getResultMap(&context);
    AffineMap inputMap = g.getPaddedInputMap(&context);
    AffineMap windowMap = g.getWindowMap(&context);
    ArrayRef<int64_t> resultShape = g.getResultShape();
    int64_t resultElements = 1;
    for (int64_t size : resultShape)
      resultElements *= size;
    std::vector<int> writes(resultElements, 0);

    // Loop bounds in canonical order (b, c, w..., o...).
    SmallVector<int64_t> bounds = {g.getInputBatchSize(), g.getInputChannels()};
    for (const SpatialGeometry &s : g.getSpatial())
      bounds.push_back(s.filterSize);
    for (const SpatialGeometry &s : g.getSpatial())
      bounds.push_back(s.outputSize);
    SmallVector<int64_t> point(bounds.size(), 0);
    SmallVector<int64_t> windowStrides = g.getWindowStrides();
    while (true) {
      SmallVector<int64_t> resultIndex = resultMap.compose(point);
      SmallVector<int64_t> inputIndex = inputMap.compose(point);
      SmallVector<int64_t> window = windowMap.compose(point);
      int64_t b = point[0], ch = point[1];
      int64_t k = 0;
      for (int64_t j = 0; j < n; ++j)
        k += point[2 + j] * windowStrides[j];
      EXPECT_EQ(resultIndex[layouts.out.batch], b);
      EXPECT_EQ(resultIndex[layouts.out.feature], ch * g.getWindowVolume() + k);
      EXPECT_EQ(inputIndex[layouts.lhs.batch], b);
      EXPECT_EQ(inputIndex[layouts.lhs.feature], ch);
      for (int64_t j = 0; j < n; ++j) {
        const SpatialGeometry &s = g.getSpatial(j);
        int64_t w = point[2 + j], o = point[2 + n + j];
        EXPECT_EQ(window[j], w);
        EXPECT_EQ(resultIndex[layouts.out.spatial[j]], o);
        // The map indexes the input padded by max(lo, 0) in front.
        EXPECT_EQ(inputIndex[layouts.lhs.spatial[j]] -
                      std::max<int64_t>(s.padLow, 0),
                  o * s.stride + w * s.rhsDilation - s.padLow);
      }
      int64_t linear = 0;
      for (auto [index, size] : llvm::zip(resultIndex, resultShape))
        linear = linear * size + index;
      ++writes[linear];

      // Next point, last loop fastest.
      int64_t d = point.size() - 1;
      while (d >= 0 && ++point[d] == bounds[d])
        point[d--] = 0;
      if (d < 0)
        break;
    }
    EXPECT_TRUE(llvm::all_of(writes, [](int w) { return w == 1; }));
  }
}

// The worked example's values, read through the maps: feature 0 is each
// window's top-left element, feature 3 its bottom-right.
TEST_F(GeometryTest, WorkedExampleValuesThroughTheMaps) {
  ExtractGeometry g = computeValid(
      Clauses{{2, 2}, {1, 1}, padding(PaddingKind::Valid), {}, {}, {}},
      {1, 1, 3, 3});
  AffineMap resultMap = g.getResultMap(&context);
  AffineMap inputMap = g.getPaddedInputMap(&context);
  int64_t result[4][2][2] = {};
  for (int64_t w0 = 0; w0 < 2; ++w0)
    for (int64_t w1 = 0; w1 < 2; ++w1)
      for (int64_t o0 = 0; o0 < 2; ++o0)
        for (int64_t o1 = 0; o1 < 2; ++o1) {
          SmallVector<int64_t> point = {0, 0, w0, w1, o0, o1};
          SmallVector<int64_t> in = inputMap.compose(point);
          SmallVector<int64_t> out = resultMap.compose(point);
          result[out[1]][out[2]][out[3]] = in[2] * 3 + in[3] + 1;
        }
  EXPECT_EQ(result[0][0][0], 1);
  EXPECT_EQ(result[0][0][1], 2);
  EXPECT_EQ(result[0][1][0], 4);
  EXPECT_EQ(result[0][1][1], 5);
  EXPECT_EQ(result[3][0][0], 5);
  EXPECT_EQ(result[3][0][1], 6);
  EXPECT_EQ(result[3][1][0], 8);
  EXPECT_EQ(result[3][1][1], 9);
}

//===----------------------------------------------------------------------===//
// Runtime sizes
//===----------------------------------------------------------------------===//

class RuntimeSizesTest : public GeometryTest {
protected:
  RuntimeSizesTest()
      : builder(&context), module(ModuleOp::create(UnknownLoc::get(&context))) {
  }

  /// A function `@f(%arg: argType)` whose entry block is the insertion point.
  Value createFunction(RankedTensorType argType) {
    builder.setInsertionPointToEnd(module->getBody());
    auto func = func::FuncOp::create(builder, builder.getUnknownLoc(), "f",
                                     builder.getFunctionType({argType}, {}));
    Block *entry = func.addEntryBlock();
    builder.setInsertionPointToEnd(entry);
    return entry->getArgument(0);
  }

  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
};

// With a static input the sizes are constants, and nothing is created.
TEST_F(RuntimeSizesTest, StaticSizesFoldToConstants) {
  Clauses clauses{{3, 3},
                  {2, 1},
                  padding(PaddingKind::Same),
                  {},
                  SmallVector<int64_t>{2, 1},
                  dimensionNumbers("NHWC", "HWIO", "CNHW")};
  auto type = RankedTensorType::get({2, 9, 7, 3}, builder.getF32Type());
  ExtractGeometry g = computeValid(clauses, type.getShape());
  // H: ceil(9 / 2) = 5, W: 7; out_spec CNHW.
  ASSERT_EQ(g.getResultShape(), ArrayRef<int64_t>({27, 2, 5, 7}));

  Value input = createFunction(type);
  Block *body = builder.getInsertionBlock();
  SmallVector<OpFoldResult> sizes =
      g.materializeResultSizes(builder, builder.getUnknownLoc(), input);
  ASSERT_EQ(sizes.size(), 4u);
  for (auto [size, expected] : llvm::zip(sizes, g.getResultShape())) {
    std::optional<int64_t> constant = getConstantIntValue(size);
    ASSERT_TRUE(constant.has_value());
    EXPECT_TRUE(isa<Attribute>(size));
    EXPECT_EQ(*constant, expected);
  }
  EXPECT_TRUE(body->empty());
}

// A dynamic input materializes tensor.dim and affine ops; when its sizes are
// in fact known (a tensor.cast of a static tensor), canonicalization must fold
// them to exactly the static geometry.
TEST_F(RuntimeSizesTest, DynamicSizesFoldToTheStaticGeometry) {
  struct Case {
    const char *name;
    Clauses clauses;
    int64_t size;
  };
  const Case cases[] = {
      {"SAME", oneDim(3, 2, padding(PaddingKind::Same), 1, 3), 10},
      {"SAME s > W", oneDim(1, 4, padding(PaddingKind::Same)), 10},
      {"SAME empty", oneDim(3, 1, padding(PaddingKind::Same)), 0},
      {"SAME_LOWER", oneDim(4, 3, padding(PaddingKind::SameLower), 1, 2), 11},
      {"VALID", oneDim(3, 3, padding(PaddingKind::Valid)), 10},
      {"VALID empty output", oneDim(11, 4, padding(PaddingKind::Valid)), 10},
      {"explicit dilated", oneDim(2, 2, padding({{1, 2}}), 2, 3), 5},
      {"explicit negative", oneDim(2, 3, padding({{-2, 3}})), 10},
      {"lhs dilation of nothing", oneDim(2, 1, padding({{1, 1}}), 3), 0},
      {"lhs dilation of one", oneDim(1, 1, padding({{0, 0}}), 5), 1},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.name);
    module = ModuleOp::create(UnknownLoc::get(&context));
    auto staticType =
        RankedTensorType::get({2, 3, c.size}, builder.getF32Type());
    auto dynamicType =
        RankedTensorType::get({kDyn, kDyn, kDyn}, builder.getF32Type());
    ExtractGeometry expected = computeValid(c.clauses, staticType.getShape());
    ExtractGeometry dynamic = computeValid(c.clauses, dynamicType.getShape());
    ASSERT_EQ(dynamic.getSpatial(0).outputSize, kDyn);

    Value arg = createFunction(staticType);
    Location loc = builder.getUnknownLoc();
    Value input = tensor::CastOp::create(builder, loc, dynamicType, arg);
    SpatialSizes spatial =
        dynamic.materializeSpatialSizes(builder, loc, input).front();
    SmallVector<OpFoldResult> all = {spatial.inputSize, spatial.dilatedSize,
                                     spatial.padLow, spatial.padHigh,
                                     spatial.outputSize};
    llvm::append_range(all,
                       dynamic.materializeResultSizes(builder, loc, input));
    SmallVector<Value> values;
    for (OpFoldResult size : all)
      values.push_back(getValueOrCreateConstantIndexOp(builder, loc, size));
    auto ret = func::ReturnOp::create(builder, loc, values);
    auto func = cast<func::FuncOp>(ret->getParentOp());
    func.setFunctionType(builder.getFunctionType(
        {staticType},
        SmallVector<Type>(values.size(), builder.getIndexType())));

    PassManager pm(&context);
    pm.addPass(createCanonicalizerPass());
    ASSERT_TRUE(succeeded(pm.run(*module)));

    auto folded = cast<func::ReturnOp>(func.getBody().front().getTerminator());
    SmallVector<std::optional<int64_t>> actual;
    for (Value v : folded.getOperands())
      actual.push_back(getConstantIntValue(v));
    const SpatialGeometry &s = expected.getSpatial(0);
    SmallVector<std::optional<int64_t>> wanted = {
        s.inputSize, s.dilatedSize, s.padLow, s.padHigh, s.outputSize};
    llvm::append_range(wanted, expected.getResultShape());
    EXPECT_EQ(actual, wanted);
  }
}

} // namespace

//===----------------------------------------------------------------------===//
// Per-element index arithmetic
//===----------------------------------------------------------------------===//

// Hand-computed: k = 2, s = 2, padding (1, 2), l = 2, r = 3 over d = 5
// (D = 9): p = o * 2 + w * 3 - 1, an input element where p is even and
// 0 <= p / 2 < 5.
TEST_F(GeometryTest, PositionsAndTheGridTest) {
  ExtractGeometry g =
      computeValid(oneDim(2, 2, padding({{1, 2}}), 2, 3), {1, 2, 5});
  EXPECT_EQ(g.getInputPosition(0, 0, 0), -1);
  EXPECT_EQ(g.getInputPosition(0, 1, 1), 4);
  EXPECT_EQ(g.getInputPosition(0, 2, 0), 3);
  EXPECT_EQ(g.getInputIndex(0, -1), std::nullopt); // low padding
  EXPECT_EQ(g.getInputIndex(0, 3), std::nullopt);  // a hole of lhs dilation
  EXPECT_EQ(g.getInputIndex(0, 4), 2);
  EXPECT_EQ(g.getInputIndex(0, 8), 4);
  EXPECT_EQ(g.getInputIndex(0, 10), std::nullopt); // high padding
  EXPECT_EQ(getAddedPadding(-3), 0);
  EXPECT_EQ(getCroppedPadding(-3), 3);
  EXPECT_EQ(getAddedPadding(2), 2);
  EXPECT_EQ(getCroppedPadding(2), 0);
}

// An overflowing position is reported as such, not wrapped.
TEST_F(GeometryTest, PositionOverflowIsNotWrapped) {
  ExtractGeometry g =
      computeValid(oneDim(1, 1, padding({{-kMax, 0}})), {1, 1, kMax});
  EXPECT_EQ(g.getInputPosition(0, 0, 0), kMax);
  EXPECT_EQ(g.getInputPosition(0, kMax, 0), std::nullopt);
}

// The affine, constant and IR forms of each formula agree on every output
// and window position, and the adjoint's inverse finds exactly the output
// position that read each input element.
TEST_F(GeometryTest, TheFormsOfEachFormulaAgree) {
  OpBuilder b(&context);
  Location loc = UnknownLoc::get(&context);
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  auto constant = [](Value v) { return getConstantIntValue(v); };
  // An i1 constant: nullopt where not constant.
  auto truth = [](Value v) -> std::optional<bool> {
    if (std::optional<int64_t> c = getConstantIntValue(v))
      return *c != 0;
    return std::nullopt;
  };
  struct Case {
    Clauses clauses;
    SmallVector<int64_t> inputShape;
  };
  std::vector<Case> cases = {
      {oneDim(3, 2, padding({{2, -1}}), 3, 2), {1, 1, 7}},
      {oneDim(2, 3, padding({{-2, 4}}), 1, 4), {1, 1, 9}},
      {oneDim(4, 1, padding({{0, 0}}), 2, 1), {1, 1, 5}},
  };
  for (const Case &c : cases) {
    ExtractGeometry g = computeValid(c.clauses, c.inputShape);
    const SpatialGeometry &s = g.getSpatial(0);
    for (int64_t o = 0; o < s.outputSize; ++o) {
      for (int64_t w = 0; w < s.filterSize; ++w) {
        std::optional<int64_t> p = g.getInputPosition(0, o, w);
        ASSERT_TRUE(p);
        AffineExpr expr =
            g.getInputPositionExpr(0, getAffineConstantExpr(o, &context),
                                   getAffineConstantExpr(w, &context),
                                   getAffineConstantExpr(s.padLow, &context));
        EXPECT_EQ(cast<AffineConstantExpr>(expr).getValue(), *p);
        Value offset = g.buildWindowOffset(b, loc, 0, b.getIndexAttr(w),
                                           b.getIndexAttr(s.padLow));
        Value position =
            g.buildInputPosition(b, loc, 0, b.getIndexAttr(o), offset);
        EXPECT_EQ(constant(position), *p);
        GridIndex at =
            g.buildInputIndex(b, loc, 0, position, b.getIndexAttr(s.inputSize));
        std::optional<int64_t> i = g.getInputIndex(0, *p);
        EXPECT_EQ(truth(at.isOnGrid), i.has_value());
        if (!i)
          continue;
        EXPECT_EQ(constant(at.index), *i);
        GridIndex back = g.buildOutputIndex(
            b, loc, 0, arith::ConstantIndexOp::create(b, loc, *i), offset,
            b.getIndexAttr(s.outputSize));
        EXPECT_EQ(truth(back.isOnGrid), true);
        EXPECT_EQ(constant(back.index), o);
      }
    }
  }
}

// The feature c * K + k(w) and its decode are inverses, in both forms.
TEST_F(GeometryTest, FeatureEncodingAndDecode) {
  Clauses clauses{{2, 3, 2}, {1, 1, 1}, padding(PaddingKind::Valid),
                  {},        {},        {}};
  ExtractGeometry g = computeValid(clauses, {1, 3, 4, 4, 4});
  ASSERT_EQ(g.getWindowVolume(), 12);
  for (int64_t f = 0; f < 3 * 12; ++f) {
    SmallVector<int64_t> decoded = g.decodeFeature(f);
    ASSERT_EQ(decoded.size(), 4u);
    EXPECT_EQ(decoded[0], f / 12);
    EXPECT_EQ(g.getFeature(decoded[0], ArrayRef(decoded).drop_front()), f);
    SmallVector<AffineExpr> w;
    for (int64_t wj : ArrayRef(decoded).drop_front())
      w.push_back(getAffineConstantExpr(wj, &context));
    AffineExpr expr =
        g.getFeatureExpr(getAffineConstantExpr(decoded[0], &context), w);
    EXPECT_EQ(cast<AffineConstantExpr>(expr).getValue(), f);
  }
  // Row-major over filter_shape: w = (1, 2, 1) is k = 1 * 6 + 2 * 2 + 1.
  EXPECT_EQ(g.decodeFeature(11), (SmallVector<int64_t>{0, 1, 2, 1}));
}
