//===- PatchesToolRegistration.h - What the patches tools register -*- C++ -*-//
//
// patches-opt, patches-lsp-server and patches-reduce are their upstream
// counterparts plus patches: every upstream dialect and extension, and the
// patches dialect and its extensions.
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_TOOLS_PATCHESTOOLREGISTRATION_H
#define PATCHES_TOOLS_PATCHESTOOLREGISTRATION_H

#include "patches/InitPatches.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"

namespace patches {
inline void
registerUpstreamAndPatchesDialects(mlir::DialectRegistry &registry) {
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  patches::registerAllDialects(registry);
  patches::registerAllExtensions(registry);
}
} // namespace patches

#endif // PATCHES_TOOLS_PATCHESTOOLREGISTRATION_H
