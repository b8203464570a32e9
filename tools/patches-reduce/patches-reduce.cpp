//===- patches-reduce.cpp - Test-case reducer for patches IR --------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// mlir-reduce with the patches dialect and its passes: shrinks a module
// that makes a pipeline fail (or do anything an interestingness script
// detects) to a small one that still does, for bug reports.
//
// Upstream's reducer ends in `LLVM ERROR` when the interestingness test
// cannot be started; this driver checks every `test=` of the reduction
// passes first, and turns a failure to start it later into one error line.
//
//===----------------------------------------------------------------------===//

#include "PatchesToolRegistration.h"
#include "patches/InitPatches.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-reduce/MlirReduceMain.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

/// The values of the `test` options in a command-line argument: every
/// `test=VALUE` that starts an option (after `{`, a space, a quote or `=`,
/// as in `-reduction-tree='traversal-mode=0 test=t.sh'` and
/// `-p 'builtin.module(reduction-tree{test=t.sh})'`). A value ends at a
/// space or `}`, or is quoted.
static std::vector<std::string> findTestOptions(llvm::StringRef arg) {
  std::vector<std::string> tests;
  constexpr llvm::StringLiteral key = "test=";
  for (size_t pos = arg.find(key); pos != llvm::StringRef::npos;
       pos = arg.find(key, pos + key.size())) {
    if (pos != 0 && !llvm::is_contained("{ '\"=", arg[pos - 1]))
      continue;
    llvm::StringRef rest = arg.drop_front(pos + key.size());
    llvm::StringRef value;
    if (!rest.empty() && (rest.front() == '\'' || rest.front() == '"')) {
      size_t close = rest.find(rest.front(), 1);
      value = rest.slice(1, close);
    } else {
      value = rest.take_until([](char c) { return c == ' ' || c == '}'; });
      // The quotes of the whole option string, when the shell kept them.
      value = value.rtrim("'\"");
    }
    tests.push_back(value.str());
  }
  return tests;
}

/// Why `program` cannot be run as an interestingness test, if it cannot.
static std::optional<std::string> whyNotRunnable(llvm::StringRef program) {
  if (program.empty())
    return std::string("the interestingness test (test=) is empty");
  if (!llvm::sys::fs::exists(program))
    return "interestingness test '" + program.str() + "' does not exist";
  if (llvm::sys::fs::is_directory(program))
    return "interestingness test '" + program.str() + "' is a directory";
  if (!llvm::sys::fs::can_execute(program))
    return "interestingness test '" + program.str() + "' is not executable";
  return std::nullopt;
}

/// Whether `arg` is an option that runs a reduction pass (which needs a
/// test): `-reduction-tree=...`, `-p '...(reduction-tree{...})'`, ...
static bool runsReductionPass(llvm::StringRef arg) {
  return arg.starts_with("-") &&
         (arg.contains("reduction-tree") || arg.contains("opt-reduction-pass"));
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    std::vector<std::string> tests = findTestOptions(argv[i]);
    if (tests.empty() && runsReductionPass(argv[i])) {
      llvm::errs() << "patches-reduce: error: the reduction passes need an "
                      "interestingness test: test=<program> in their options\n";
      return 1;
    }
    for (const std::string &test : tests) {
      if (std::optional<std::string> why = whyNotRunnable(test)) {
        llvm::errs() << "patches-reduce: error: " << *why << "\n";
        return 1;
      }
    }
  }
  // A test that exists but still cannot be started (a missing interpreter,
  // say) is a fatal error in upstream's Tester: one line, exit code 1.
  llvm::install_fatal_error_handler(
      [](void *, const char *reason, bool) {
        llvm::errs() << "patches-reduce: error: " << reason << "\n";
      },
      nullptr);

  mlir::registerAllPasses();
  patches::registerAllPasses();

  mlir::DialectRegistry registry;
  patches::registerUpstreamAndPatchesDialects(registry);
  patches::registerVersionPrinter();

  mlir::MLIRContext context(registry);
  return mlir::failed(mlir::mlirReduceMain(argc, argv, context));
}
