//===- PatchesToLinalg.cpp - The patches-to-linalg pass -------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"
#include "patches/Dialect/Patches/Utils/Utils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace patches {
#define GEN_PASS_DEF_CONVERTPATCHESTOLINALG
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

/// Statically empty shapes, the same for both strategies: an empty result
/// is just `tensor.empty`, and an empty input makes every element read
/// padding, so the result is zeros. (The general forms would build
/// zero-size slices at offsets that the upstream verifiers reject.) Returns
/// a null value when the shapes are not degenerate.
static Value buildDegenerateLowering(OpBuilder &b, ExtractOp op,
                                     const ExtractGeometry &geometry) {
  ArrayRef<int64_t> resultShape = geometry.getResultShape();
  bool emptyResult = llvm::is_contained(resultShape, 0);
  bool emptyInput = llvm::is_contained(op.getInput().getType().getShape(), 0);
  if (!emptyResult && !emptyInput)
    return Value();
  Location loc = op.getLoc();
  Type elementType = op.getType().getElementType();
  Value result = tensor::EmptyOp::create(
      b, loc, geometry.materializeResultSizes(b, loc, op.getInput()),
      elementType);
  if (!emptyResult)
    result =
        linalg::FillOp::create(b, loc, createZero(b, loc, elementType), result)
            .getResult(0);
  if (result.getType() != op.getType())
    result = tensor::CastOp::create(b, loc, op.getType(), result);
  return result;
}

namespace {
struct ExtractOpLowering : OpConversionPattern<ExtractOp> {
  ExtractOpLowering(MLIRContext *ctx, LoweringStrategy strategy)
      : OpConversionPattern(ctx), strategy(strategy) {}

  LogicalResult
  matchAndRewrite(ExtractOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // The geometry, once for the op (it reports a problem on the op).
    FailureOr<ExtractGeometry> geometry = op.getGeometry();
    if (failed(geometry))
      return failure();
    FailureOr<Value> replacement =
        buildDegenerateLowering(rewriter, op, *geometry);
    if (!*replacement)
      replacement = strategy == LoweringStrategy::Gather
                        ? buildGatherLowering(rewriter, op, *geometry)
                        : buildConvLowering(rewriter, op, *geometry);
    if (failed(replacement))
      return failure();
    rewriter.replaceOp(op, *replacement);
    return success();
  }

  LoweringStrategy strategy;
};

struct ConvertPatchesToLinalgPass
    : patches::impl::ConvertPatchesToLinalgBase<ConvertPatchesToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addLegalDialect<affine::AffineDialect, arith::ArithDialect,
                           complex::ComplexDialect, linalg::LinalgDialect,
                           tensor::TensorDialect>();
    target.addIllegalOp<ExtractOp, FoldOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(ctx);
    populatePatchesToLinalgPatterns(patterns, {strategy});
    // Lower every op with the requested strategy; folding (an extraction of
    // a constant is a constant) is -canonicalize's job, and would skip the
    // strategy, whose conv form differs on non-finite values.
    ConversionConfig config;
    config.foldingMode = DialectConversionFoldingMode::Never;
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace

void patches::populatePatchesToLinalgPatterns(
    RewritePatternSet &patterns, const PatchesToLinalgOptions &options) {
  patterns.add<ExtractOpLowering>(patterns.getContext(), options.strategy);
  populateFoldToLinalgPatterns(patterns);
}
