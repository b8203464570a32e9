//===- PatchesToLinalg.h - Lower patches.extract to linalg ------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_CONVERSION_PATCHESTOLINALG_PATCHESTOLINALG_H
#define PATCHES_CONVERSION_PATCHESTOLINALG_PATCHESTOLINALG_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"
#include "llvm/Support/CommandLine.h"

#include <memory>

namespace patches {

class ExtractOp;
class ExtractGeometry;

/// How `patches.extract` becomes linalg.
enum class LoweringStrategy {
  /// A direct gather: exact for every input.
  Gather,
  /// JAX's formulation: a depthwise convolution with a one-hot filter.
  Conv,
};

/// The command-line spelling of the strategies (`gather`, `conv`), shared by
/// the conversion pass and the pipelines.
inline llvm::cl::ValuesClass loweringStrategyValues() {
  return llvm::cl::values(
      clEnumValN(LoweringStrategy::Gather, "gather", "a direct, exact gather"),
      clEnumValN(LoweringStrategy::Conv, "conv",
                 "JAX's depthwise convolution with a one-hot filter"));
}

/// The command-line parser of an enum option whose error for an unknown
/// value lists the valid ones (LLVM's says only "Cannot find option named
/// 'x'!"). It is `llvm::cl::parser<EnumT>` for the enums below, so that pass
/// options declared in TableGen use it too.
template <typename EnumT>
class ListingEnumParser : public llvm::cl::generic_parser_base {
protected:
  struct OptionInfo : llvm::cl::generic_parser_base::GenericOptionInfo {
    OptionInfo(llvm::StringRef name, EnumT value, llvm::StringRef help)
        : GenericOptionInfo(name, help), V(value) {}
    llvm::cl::OptionValue<EnumT> V;
  };
  llvm::SmallVector<OptionInfo, 4> Values;

public:
  using parser_data_type = EnumT;
  ListingEnumParser(llvm::cl::Option &option) : generic_parser_base(option) {}

  unsigned getNumOptions() const override { return Values.size(); }
  llvm::StringRef getOption(unsigned n) const override {
    return Values[n].Name;
  }
  llvm::StringRef getDescription(unsigned n) const override {
    return Values[n].HelpStr;
  }
  const llvm::cl::GenericOptionValue &
  getOptionValue(unsigned n) const override {
    return Values[n].V;
  }

  /// Returns true on error, as LLVM's parsers do.
  bool parse(llvm::cl::Option &option, llvm::StringRef argName,
             llvm::StringRef arg, EnumT &value) {
    llvm::StringRef name = Owner.hasArgStr() ? arg : argName;
    std::string valid;
    for (const OptionInfo &info : Values) {
      if (info.Name == name) {
        value = info.V.getValue();
        return false;
      }
      valid += (valid.empty() ? "" : ", ") + info.Name.str();
    }
    return option.error("'" + name + "' is not one of " + valid);
  }

  template <typename T>
  void addLiteralOption(llvm::StringRef name, const T &value,
                        llvm::StringRef help) {
    Values.emplace_back(name, static_cast<EnumT>(value), help);
    llvm::cl::AddLiteralOption(Owner, name);
  }
  void removeLiteralOption(llvm::StringRef name) {
    Values.erase(Values.begin() + findOption(name));
  }
};

/// Options of the patches-to-linalg patterns.
struct PatchesToLinalgOptions {
  LoweringStrategy strategy = LoweringStrategy::Gather;
};

/// Adds the pattern that lowers `patches.extract` by `options.strategy`.
void populatePatchesToLinalgPatterns(
    mlir::RewritePatternSet &patterns,
    const PatchesToLinalgOptions &options = {});

/// Adds the pattern that lowers `patches.fold`: a gather-sum, in which each
/// result element adds up the patch elements that read it (found through
/// the inverse of the extraction's position), so that no two writes meet;
/// one form for every strategy.
void populateFoldToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// Builds the gather lowering of `op` at the builder's insertion point and
/// returns the value that replaces its result. Emits an error on `op` and
/// fails where it cannot. `geometry` is the op's (`op.getGeometry()`),
/// computed once by the caller; the overload without it computes it.
mlir::FailureOr<mlir::Value>
buildGatherLowering(mlir::OpBuilder &b, ExtractOp op,
                    const ExtractGeometry &geometry);
mlir::FailureOr<mlir::Value> buildGatherLowering(mlir::OpBuilder &b,
                                                 ExtractOp op);

/// Builds the one-hot-convolution lowering of `op`, likewise.
mlir::FailureOr<mlir::Value> buildConvLowering(mlir::OpBuilder &b, ExtractOp op,
                                               const ExtractGeometry &geometry);
mlir::FailureOr<mlir::Value> buildConvLowering(mlir::OpBuilder &b,
                                               ExtractOp op);

#define GEN_PASS_DECL_CONVERTPATCHESTOLINALG
#include "patches/Conversion/Passes.h.inc"

} // namespace patches

namespace llvm::cl {
/// `strategy=` options list the strategies when given another value.
template <>
class parser<patches::LoweringStrategy>
    : public patches::ListingEnumParser<patches::LoweringStrategy> {
public:
  using ListingEnumParser::ListingEnumParser;
};
} // namespace llvm::cl

#endif // PATCHES_CONVERSION_PATCHESTOLINALG_PATCHESTOLINALG_H
