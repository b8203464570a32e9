//===- PatchesToLinalg.cpp - The patches-to-linalg pass -------------------===//

#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace patches {
#define GEN_PASS_DEF_CONVERTPATCHESTOLINALG
#include "patches/Conversion/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

namespace {
struct ExtractOpLowering : OpConversionPattern<ExtractOp> {
  ExtractOpLowering(MLIRContext *ctx, LoweringStrategy strategy)
      : OpConversionPattern(ctx), strategy(strategy) {}

  LogicalResult
  matchAndRewrite(ExtractOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Value> replacement =
        strategy == LoweringStrategy::Gather ? buildGatherLowering(rewriter, op)
                                             : buildConvLowering(rewriter, op);
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
    target.addIllegalOp<ExtractOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(ctx);
    populatePatchesToLinalgPatterns(patterns, {strategy});
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void patches::populatePatchesToLinalgPatterns(
    RewritePatternSet &patterns, const PatchesToLinalgOptions &options) {
  patterns.add<ExtractOpLowering>(patterns.getContext(), options.strategy);
}
