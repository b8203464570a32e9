//===- PatchesAttrs.cpp - Attributes of the patches dialect ---------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Dialect/Patches/IR/PatchesAttrs.h"
#include "PatchesOpsClauses.h"
#include "patches/Dialect/Patches/IR/PatchesDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace patches;

#include "patches/Dialect/Patches/IR/PatchesEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "patches/Dialect/Patches/IR/PatchesAttrs.cpp.inc"

void PatchesDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "patches/Dialect/Patches/IR/PatchesAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// PaddingAttr
//===----------------------------------------------------------------------===//

PaddingAttr PaddingAttr::parseBody(AsmParser &parser) {
  MLIRContext *ctx = parser.getContext();
  SMLoc loc = parser.getCurrentLocation();
  // JAX takes the padding as a string and upper-cases it ('same' works),
  // so a keyword or a quoted string in any case is accepted; the printer
  // writes the upper-case keyword.
  std::string keyword;
  if (succeeded(parser.parseOptionalKeywordOrString(&keyword))) {
    std::optional<PaddingKind> kind =
        symbolizePaddingKind(StringRef(keyword).upper());
    if (!kind || *kind == PaddingKind::Explicit) {
      parser.emitError(loc, "unknown padding '")
          << keyword
          << "', expected SAME, VALID, SAME_LOWER or [[low, high], ...]";
      return {};
    }
    return PaddingAttr::get(ctx, *kind);
  }

  SmallVector<int64_t> low, high;
  auto parsePair = [&]() -> ParseResult {
    int64_t lo, hi;
    if (parser.parseLSquare() || parseClauseInteger(parser, lo) ||
        parser.parseComma() || parseClauseInteger(parser, hi) ||
        parser.parseRSquare())
      return failure();
    low.push_back(lo);
    high.push_back(hi);
    return success();
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parsePair,
                                     " in explicit padding [[low, high], ...]"))
    return {};
  return PaddingAttr::get(ctx, low, high);
}

void PaddingAttr::printBody(AsmPrinter &printer) const {
  if (!isExplicit()) {
    printer << stringifyPaddingKind(getKind());
    return;
  }
  printer << "[";
  llvm::interleaveComma(llvm::zip(getLow(), getHigh()), printer, [&](auto p) {
    printer << "[" << std::get<0>(p) << ", " << std::get<1>(p) << "]";
  });
  printer << "]";
}

Attribute PaddingAttr::parse(AsmParser &parser, Type) {
  if (parser.parseLess())
    return {};
  PaddingAttr attr = parseBody(parser);
  if (!attr || parser.parseGreater())
    return {};
  return attr;
}

void PaddingAttr::print(AsmPrinter &printer) const {
  printer << "<";
  printBody(printer);
  printer << ">";
}

LogicalResult PaddingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                  PaddingKind kind, ArrayRef<int64_t> low,
                                  ArrayRef<int64_t> high) {
  if (low.size() != high.size())
    return emitError() << "padding needs as many high as low values, got "
                       << low.size() << " low and " << high.size() << " high";
  if (kind != PaddingKind::Explicit && !low.empty())
    return emitError() << stringifyPaddingKind(kind)
                       << " padding takes no explicit values";
  return success();
}

//===----------------------------------------------------------------------===//
// DimensionNumbersAttr
//===----------------------------------------------------------------------===//

DimensionNumbersAttr DimensionNumbersAttr::parseBody(AsmParser &parser) {
  std::string lhs, rhs, out;
  if (parser.parseString(&lhs) || parser.parseComma() ||
      parser.parseString(&rhs) || parser.parseComma() ||
      parser.parseString(&out))
    return {};
  return DimensionNumbersAttr::get(parser.getContext(), lhs, rhs, out);
}

void DimensionNumbersAttr::printBody(AsmPrinter &printer) const {
  // printString quotes and escapes, so names such as '"' or '\\' round-trip.
  printer.printString(getLhs());
  printer << ", ";
  printer.printString(getRhs());
  printer << ", ";
  printer.printString(getOut());
}

Attribute DimensionNumbersAttr::parse(AsmParser &parser, Type) {
  if (parser.parseLess())
    return {};
  DimensionNumbersAttr attr = parseBody(parser);
  if (!attr || parser.parseGreater())
    return {};
  return attr;
}

void DimensionNumbersAttr::print(AsmPrinter &printer) const {
  printer << "<";
  printBody(printer);
  printer << ">";
}
