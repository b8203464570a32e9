//===- MoveBitsAsIntegers.cpp - Keep moved bits out of float registers ---===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The gather moves floats as integers of their width (getMoveType): the
// choice between an input element and padding is an integer phi or select,
// and the element is bitcast back to its float type only to be stored. In
// LLVM, that last bitcast is an invitation: InstCombine rewrites
// `bitcast (phi iN ...)` into a phi of the float type, and a target without
// the float's arithmetic (x86 and bf16, x86 and f16) keeps that phi in a
// wider float register, converting on the way in and out. The conversion
// flushes denormals and quiets signalling NaNs (`vcvtneps2bf16`, found at
// mlir-runner -O0 on a complex<bf16> extraction).
//
// InstCombine also folds `phi (bitcast x), 0` into `bitcast (phi x, 0.0)`
// when the incoming values are bitcasts of float loads. So the LLVM code
// loads and stores the integers themselves (pointers are opaque, so an iN
// access moves the same bytes as an N-bit float one): a float load whose
// users all bitcast it to an integer loads the integer, a bitcast of a
// field of a loaded struct (complex numbers) loads the field, a store of
// `llvm.bitcast %bits` stores `%bits`, a masked store likewise, and a store
// of a struct assembled from such bitcasts becomes one store per field. No
// bitcast between the float and the integer is then left on the path of a
// moved element, and nothing can turn the phi back.
//
//===----------------------------------------------------------------------===//

#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace patches {
#define GEN_PASS_DEF_MOVEBITSASINTEGERS
#include "patches/Transforms/Passes.h.inc"
} // namespace patches

using namespace mlir;

/// The integer (or integer vector) that `value` is a bitcast of, if any.
static Value getBitcastIntegerSource(Value value) {
  auto bitcast = value.getDefiningOp<LLVM::BitcastOp>();
  if (!bitcast)
    return {};
  Value source = bitcast.getArg();
  Type type = source.getType();
  if (auto vectorType = dyn_cast<VectorType>(type))
    type = vectorType.getElementType();
  return isa<IntegerType>(type) ? source : Value();
}

/// Whether `op` is an ordinary access (not volatile, not atomic).
template <typename OpTy> static bool isPlainAccess(OpTy op) {
  return !op.getVolatile_() &&
         op.getOrdering() == LLVM::AtomicOrdering::not_atomic;
}

/// The alignment of field `index` of a struct accessed with `alignment`:
/// the first field has the struct's, later ones at most their own size.
static uint64_t getFieldAlignment(uint64_t alignment, Type fieldType,
                                  size_t index) {
  if (index == 0 || alignment == 0)
    return alignment;
  unsigned bits = fieldType.getIntOrFloatBitWidth();
  return std::min<uint64_t>(
      alignment, std::max<uint64_t>(1, llvm::PowerOf2Ceil(bits) / 8));
}

/// The address of field `index` of the struct at `address`.
static Value getFieldAddress(PatternRewriter &rewriter, Location loc,
                             Value address, LLVM::LLVMStructType structType,
                             size_t index) {
  if (index == 0)
    return address;
  return LLVM::GEPOp::create(
      rewriter, loc, address.getType(), structType, address,
      ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(index)},
      LLVM::GEPNoWrapFlags::inbounds);
}

namespace {
/// bitcast (load %p : F) : iN, every user of the load such a bitcast ->
/// load %p : iN.
struct LoadAsBitcastType : OpRewritePattern<LLVM::BitcastOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LLVM::BitcastOp op,
                                PatternRewriter &rewriter) const override {
    auto load = op.getArg().getDefiningOp<LLVM::LoadOp>();
    if (!load || !isPlainAccess(load))
      return rewriter.notifyMatchFailure(op, "not a bitcast of a plain load");
    Type type = op.getType();
    Type scalar = type;
    if (auto vectorType = dyn_cast<VectorType>(type))
      scalar = vectorType.getElementType();
    if (!isa<IntegerType>(scalar))
      return rewriter.notifyMatchFailure(op, "not a bitcast to integers");
    if (!llvm::all_of(load->getUsers(), [&](Operation *user) {
          auto bitcast = dyn_cast<LLVM::BitcastOp>(user);
          return bitcast && bitcast.getType() == type;
        }))
      return rewriter.notifyMatchFailure(op, "the load has other users");
    // At the load itself: its other bitcasts may come before this one.
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(load);
    auto bits =
        LLVM::LoadOp::create(rewriter, load.getLoc(), type, load.getAddr(),
                             load.getAlignment().value_or(0));
    for (Operation *user : llvm::make_early_inc_range(load->getUsers()))
      rewriter.replaceOp(user, bits.getResult());
    rewriter.eraseOp(load);
    return success();
  }
};

/// bitcast (extractvalue (load %p : struct), k) : iN -> load (gep %p, k) :
/// iN.
struct LoadFieldAsBitcastType : OpRewritePattern<LLVM::BitcastOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LLVM::BitcastOp op,
                                PatternRewriter &rewriter) const override {
    auto extract = op.getArg().getDefiningOp<LLVM::ExtractValueOp>();
    if (!extract || extract.getPosition().size() != 1 ||
        !isa<IntegerType>(op.getType()))
      return rewriter.notifyMatchFailure(op, "not a bitcast of a field");
    auto load = extract.getContainer().getDefiningOp<LLVM::LoadOp>();
    if (!load || !isPlainAccess(load))
      return rewriter.notifyMatchFailure(op, "not a field of a plain load");
    auto structType = dyn_cast<LLVM::LLVMStructType>(load.getType());
    if (!structType || structType.isOpaque() ||
        !llvm::all_of(structType.getBody(),
                      [](Type type) { return type.isIntOrFloat(); }))
      return rewriter.notifyMatchFailure(op, "not a struct of scalars");
    size_t index = extract.getPosition()[0];
    // The new load sits where the struct was loaded: nothing that could
    // write the field lies between them.
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(load);
    Value address = getFieldAddress(rewriter, load.getLoc(), load.getAddr(),
                                    structType, index);
    rewriter.replaceOpWithNewOp<LLVM::LoadOp>(
        op, op.getType(), address,
        getFieldAlignment(load.getAlignment().value_or(0),
                          structType.getBody()[index], index));
    return success();
  }
};

/// store (bitcast %bits) -> store %bits, for llvm.store and
/// llvm.intr.masked.store.
template <typename StoreOpTy>
struct StoreBitcastSource : OpRewritePattern<StoreOpTy> {
  using OpRewritePattern<StoreOpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(StoreOpTy op,
                                PatternRewriter &rewriter) const override {
    Value bits = getBitcastIntegerSource(op.getValue());
    if (!bits)
      return rewriter.notifyMatchFailure(op, "not a store of bitcast bits");
    rewriter.modifyOpInPlace(op, [&] { op.getValueMutable().assign(bits); });
    return success();
  }
};

/// store (insertvalue (insertvalue poison, a, 0), b, 1) with a field a
/// bitcast -> one store per field, at its GEP.
struct SplitStructStoreOfBitcasts : OpRewritePattern<LLVM::StoreOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LLVM::StoreOp op,
                                PatternRewriter &rewriter) const override {
    auto structType = dyn_cast<LLVM::LLVMStructType>(op.getValue().getType());
    if (!structType || structType.isOpaque() || !isPlainAccess(op))
      return rewriter.notifyMatchFailure(op, "not a plain struct store");
    ArrayRef<Type> fieldTypes = structType.getBody();
    if (!llvm::all_of(fieldTypes,
                      [](Type type) { return type.isIntOrFloat(); }))
      return rewriter.notifyMatchFailure(op, "a field is not a scalar");
    // Walk the insertvalue chain back to a poison or undef start, taking
    // the last value written to each field.
    SmallVector<Value> fields(fieldTypes.size());
    Value current = op.getValue();
    while (auto insert = current.getDefiningOp<LLVM::InsertValueOp>()) {
      ArrayRef<int64_t> position = insert.getPosition();
      if (position.size() != 1)
        return rewriter.notifyMatchFailure(op, "a nested field is written");
      if (!fields[position[0]])
        fields[position[0]] = insert.getValue();
      current = insert.getContainer();
    }
    if (!current.getDefiningOp<LLVM::PoisonOp>() &&
        !current.getDefiningOp<LLVM::UndefOp>())
      return rewriter.notifyMatchFailure(op, "the struct is not assembled");
    if (llvm::is_contained(fields, Value()))
      return rewriter.notifyMatchFailure(op, "a field is not written");
    if (llvm::none_of(fields, [](Value field) {
          return static_cast<bool>(getBitcastIntegerSource(field));
        }))
      return rewriter.notifyMatchFailure(op, "no field is bitcast bits");

    Location loc = op.getLoc();
    uint64_t alignment = op.getAlignment().value_or(0);
    for (auto [index, field] : llvm::enumerate(fields)) {
      Value address =
          getFieldAddress(rewriter, loc, op.getAddr(), structType, index);
      Value bits = getBitcastIntegerSource(field);
      LLVM::StoreOp::create(
          rewriter, loc, bits ? bits : field, address,
          getFieldAlignment(alignment, fieldTypes[index], index));
    }
    rewriter.eraseOp(op);
    return success();
  }
};

struct MoveBitsAsIntegersPass
    : patches::impl::MoveBitsAsIntegersBase<MoveBitsAsIntegersPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patches::populateMoveBitsAsIntegersPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void patches::populateMoveBitsAsIntegersPatterns(RewritePatternSet &patterns) {
  patterns
      .add<LoadAsBitcastType, LoadFieldAsBitcastType,
           StoreBitcastSource<LLVM::StoreOp>,
           StoreBitcastSource<LLVM::MaskedStoreOp>, SplitStructStoreOfBitcasts>(
          patterns.getContext());
}
