//===- ExtractOpTest.cpp - Unit tests of patches.extract's C++ API --------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The builder infers the result type, so C++ callers never compute shapes;
// invalid clauses still build an op, which the verifier then rejects.
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace patches;

namespace {

class ExtractOpTest : public ::testing::Test {
protected:
  ExtractOpTest() : builder(&context) {
    context.loadDialect<PatchesDialect, func::FuncDialect>();
    module = ModuleOp::create(builder.getUnknownLoc());
  }

  /// The argument of a new function `@f(inputType)`; ops go into its body.
  Value createInput(Type inputType) {
    builder.setInsertionPointToEnd(module->getBody());
    auto func = func::FuncOp::create(builder, builder.getUnknownLoc(), "f",
                                     builder.getFunctionType({inputType}, {}));
    Block *entry = func.addEntryBlock();
    builder.setInsertionPointToEnd(entry);
    return entry->getArgument(0);
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
  std::vector<std::string> errors;
  ScopedDiagnosticHandler handler{&context, [this](Diagnostic &diag) {
                                    errors.push_back(diag.str());
                                    return success();
                                  }};
};

TEST_F(ExtractOpTest, BuilderInfersTheWorkedExampleType) {
  Value input =
      createInput(RankedTensorType::get({1, 1, 3, 3}, builder.getF32Type()));
  auto op = ExtractOp::create(builder, builder.getUnknownLoc(), input,
                              /*filterShape=*/{2, 2}, /*windowStrides=*/{1, 1},
                              PaddingAttr::get(&context, PaddingKind::Valid));
  EXPECT_EQ(op.getType(),
            RankedTensorType::get({1, 4, 2, 2}, builder.getF32Type()));
  EXPECT_TRUE(succeeded(verify(op)));
  // Defaults: no optional clause is stored, precision reads DEFAULT.
  EXPECT_FALSE(op.getLhsDilationAttr());
  EXPECT_FALSE(op.getRhsDilationAttr());
  EXPECT_FALSE(op.getDimensionNumbersAttr());
  EXPECT_EQ(op.getPrecision(), Precision::Default);
  EXPECT_TRUE(errors.empty());
}

TEST_F(ExtractOpTest, BuilderInfersWithEveryClause) {
  Value input = createInput(RankedTensorType::get(
      {2, 9, ShapedType::kDynamic, 3}, builder.getI8Type()));
  auto op = ExtractOp::create(
      builder, builder.getUnknownLoc(), input, {3, 3}, {2, 1},
      PaddingAttr::get(&context, {1, 0}, {1, -1}), /*lhsDilation=*/{2, 1},
      /*rhsDilation=*/{2, 2},
      DimensionNumbersAttr::get(&context, "NHWC", "HWIO", "CNHW"),
      Precision::Highest);
  // H: D = 17, W = 5, (17 + 2 - 5) // 2 + 1 = 8; W: dynamic; 3 * 9 features.
  EXPECT_EQ(op.getType(),
            RankedTensorType::get({27, 2, 8, ShapedType::kDynamic},
                                  builder.getI8Type()));
  EXPECT_TRUE(succeeded(verify(op)));
  FailureOr<ExtractGeometry> geometry = op.getGeometry();
  ASSERT_TRUE(succeeded(geometry));
  EXPECT_EQ(geometry->getSpatial(0).dilatedSize, 17);
  EXPECT_EQ(geometry->getSpatial(1).padHigh, -1);
  EXPECT_TRUE(errors.empty());
}

// The builder must not assert on bad clauses: it builds a dynamic result and
// leaves the diagnosis to the verifier.
TEST_F(ExtractOpTest, InvalidClausesAreReportedByTheVerifier) {
  Value input =
      createInput(RankedTensorType::get({1, 1, 3, 3}, builder.getF32Type()));
  auto op =
      ExtractOp::create(builder, builder.getUnknownLoc(), input, {2, 2}, {1, 0},
                        PaddingAttr::get(&context, PaddingKind::Same));
  EXPECT_EQ(op.getType(),
            RankedTensorType::get({ShapedType::kDynamic, ShapedType::kDynamic,
                                   ShapedType::kDynamic, ShapedType::kDynamic},
                                  builder.getF32Type()));
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(failed(verify(op)));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.front(),
            "'patches.extract' op window_strides[1] = 0 must be at least 1");
}

// Without a ranked input there is nothing to infer from; the builder still
// makes a one-result op and the verifier names the operand.
TEST_F(ExtractOpTest, UnrankedInputIsReportedByTheVerifier) {
  Value input = createInput(UnrankedTensorType::get(builder.getF32Type()));
  auto op = ExtractOp::create(builder, builder.getUnknownLoc(), input, {2}, {1},
                              PaddingAttr::get(&context, PaddingKind::Valid));
  ASSERT_EQ(op->getNumResults(), 1u);
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(failed(verify(op)));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors.front().find("operand #0 must be ranked tensor"),
            std::string::npos)
      << errors.front();
}

// A result type set by hand is checked against the inferred one.
TEST_F(ExtractOpTest, VerifierNamesTheExpectedType) {
  Value input =
      createInput(RankedTensorType::get({1, 1, 3, 3}, builder.getF32Type()));
  auto op =
      ExtractOp::create(builder, builder.getUnknownLoc(), input, {2, 2}, {1, 1},
                        PaddingAttr::get(&context, PaddingKind::Same));
  op.getResult().setType(
      RankedTensorType::get({1, 4, 2, 2}, builder.getF32Type()));
  EXPECT_TRUE(failed(verify(op)));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.front(),
            "'patches.extract' op result dimension 2 has size 2, but the "
            "extraction gives 3: expected result type 'tensor<1x4x3x3xf32>'");
}

} // namespace

// The custom form cannot repeat a clause in the attribute dictionary (the
// parser rejects it), but C++ can set a discardable attribute of a clause's
// name, which would print as that repetition: the verifier rejects it.
TEST_F(ExtractOpTest, DiscardableAttributeCannotShadowAClause) {
  Value input =
      createInput(RankedTensorType::get({1, 1, 3, 3}, builder.getF32Type()));
  auto op =
      ExtractOp::create(builder, builder.getUnknownLoc(), input, {2, 2}, {1, 1},
                        PaddingAttr::get(&context, PaddingKind::Valid));
  EXPECT_TRUE(succeeded(verify(op)));
  op->setDiscardableAttr("filter_shape", builder.getDenseI64ArrayAttr({3, 3}));
  EXPECT_EQ(op.getFilterShape(), ArrayRef<int64_t>({2, 2}));
  EXPECT_TRUE(failed(verify(op)));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.front(), "'patches.extract' op has a discardable attribute "
                            "'filter_shape' that shadows its clause of the "
                            "same name");
}
