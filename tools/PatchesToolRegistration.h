//===- PatchesToolRegistration.h - What the patches tools register -*- C++ -*-//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// patches-opt, patches-lsp-server and patches-reduce are their upstream
// counterparts plus patches: every upstream dialect and extension, and the
// patches dialect and its extensions.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_TOOLS_PATCHESTOOLREGISTRATION_H
#define PATCHES_TOOLS_PATCHESTOOLREGISTRATION_H

#include "patches/InitPatches.h"
#include "patches/Version.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace patches {
/// `--version` prints the patches version and commit before LLVM's.
inline void registerVersionPrinter() {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &os) {
    os << "patches version " << PATCHES_VERSION << " (commit " << PATCHES_COMMIT
       << ")\n";
  });
}

inline void
registerUpstreamAndPatchesDialects(mlir::DialectRegistry &registry) {
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  patches::registerAllDialects(registry);
  patches::registerAllExtensions(registry);
}
} // namespace patches

#endif // PATCHES_TOOLS_PATCHESTOOLREGISTRATION_H
