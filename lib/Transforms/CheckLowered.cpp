//===- CheckLowered.cpp - Fail on ops a pipeline did not lower ------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The last pass of each named pipeline: only ops of the pipeline's target
// dialects may be left. The first other op (in pre-order, so a function
// before the ops in it) is an error located at it.
//
//===----------------------------------------------------------------------===//

#include "patches/Transforms/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringSet.h"

namespace patches {
#define GEN_PASS_DEF_CHECKLOWERED
#include "patches/Transforms/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

namespace {
struct CheckLoweredPass : patches::impl::CheckLoweredBase<CheckLoweredPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    allowedDialects.clear();
    allowedOps.clear();
    for (const std::string &dialect : dialects)
      allowedDialects.insert(dialect);
    for (const std::string &op : ops)
      allowedOps.insert(op);
    allowedOps.insert(ModuleOp::getOperationName());
    return success();
  }

  void runOnOperation() override {
    Operation *root = getOperation();
    WalkResult result = root->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op == root || allowedOps.contains(op->getName().getStringRef()) ||
          allowedDialects.contains(op->getName().getDialectNamespace()))
        return WalkResult::advance();
      InFlightDiagnostic diag = op->emitOpError("was not lowered");
      if (!pipeline.empty())
        diag << " by " << pipeline;
      diag << " to " << describeAllowed();
      return WalkResult::interrupt();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }

private:
  /// "the llvm dialect", "the llvm, omp dialects (or gpu.binary)", ...
  std::string describeAllowed() const {
    std::string text;
    llvm::raw_string_ostream os(text);
    if (dialects.empty()) {
      os << "builtin.module";
      if (!ops.empty())
        os << ", ";
      llvm::interleaveComma(ops, os);
      return text;
    }
    os << "the ";
    llvm::interleaveComma(dialects, os);
    os << (dialects.size() == 1 ? " dialect" : " dialects");
    if (!ops.empty()) {
      os << " (or ";
      llvm::interleaveComma(ops, os);
      os << ")";
    }
    return text;
  }

  llvm::StringSet<> allowedDialects, allowedOps;
};
} // namespace
