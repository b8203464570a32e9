// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

/*===-- patches-c/Registration.h - Register patches from C ---------*- C
-*-===*\
|*                                                                            *|
|* The passes, named pipelines and interface models of patches, for MLIR's C  *|
|* API (pass-manager pipelines such as "builtin.module(patches-lower-to-llvm)"*|
|* resolve their names through the global registry).                         *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef PATCHES_C_REGISTRATION_H
#define PATCHES_C_REGISTRATION_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Registers the patches passes (`convert-patches-to-linalg`, ...) and named
/// pipelines (`patches-lower-to-llvm`, ...) with the global pass registry.
/// Idempotent.
MLIR_CAPI_EXPORTED void mlirRegisterPatchesPasses(void);

/// Adds to `registry` the interface models of upstream dialects that the
/// patches pipelines need (bufferization, buffer deallocation): see
/// `patches::registerAllExtensions`. Does nothing for a null registry.
MLIR_CAPI_EXPORTED void
mlirRegisterPatchesExtensions(MlirDialectRegistry registry);

#ifdef __cplusplus
}
#endif

#endif // PATCHES_C_REGISTRATION_H
