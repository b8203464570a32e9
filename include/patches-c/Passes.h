// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

/*===-- patches-c/Passes.h - Create and register patches passes ---*- C -*-===*\
|*                                                                            *|
|* One creation and one registration function per pass of patches, generated *|
|* by mlir-tblgen (-gen-pass-capi-header) from the three Passes.td files, as  *|
|* MLIR's own mlir-c/Transforms.h is.                                         *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef PATCHES_C_PASSES_H
#define PATCHES_C_PASSES_H

#include "mlir-c/Pass.h"

/// For each pass `P` of group `G` (the TableGen record name of the pass in
/// include/patches/<Dir>/Passes.td, `G` being `PatchesConversion`,
/// `PatchesTransforms` or `PatchesTesting` after <Dir>):
///
///   MlirPass mlirCreateGP(void);     // the pass with its default options
///   void mlirRegisterGP(void);       // registers it by name, for pipelines
///   void mlirRegisterGPasses(void);  // registers every pass of G
///
/// A created pass is owned by the caller until it is added to a pass manager
/// (`mlirPassManagerAddOwnedPass`, `mlirOpPassManagerAddOwnedPass`), which
/// then owns it. A pass with options other than the defaults is added by
/// name instead, with `mlirOpPassManagerAddPipeline` or
/// `mlirParsePassPipeline` (such as
/// "convert-patches-to-linalg{strategy=conv}") after its registration.
/// `mlirRegisterPatchesPasses` (patches-c/Registration.h) registers every
/// pass and the named pipelines at once.
///
/// The passes at present, by group (`P`, then the pass's name):
///
///   PatchesConversion
///     ConvertPatchesToLinalg      convert-patches-to-linalg
///     ConvertPatchesToVector      convert-patches-to-vector
///     LinalgToGPULaunch           patches-linalg-to-gpu-launch
///     RaiseOneHotConvToPatches    patches-raise-one-hot-conv
///   PatchesTransforms
///     CheckLowered                patches-check-lowered
///     FoldPadIntoLinalg           patches-fold-pad-into-linalg
///     MoveBitsAsIntegers          patches-move-bits-as-integers
///   PatchesTesting
///     EmulateGPUOnHost            patches-emulate-gpu-on-host
///
/// so that `mlirCreatePatchesConversionConvertPatchesToLinalg()` creates
/// convert-patches-to-linalg. The pass documentation (generated with
/// -gen-pass-doc, `ninja mlir-doc`) describes each pass and its options.

#include "patches/Conversion/Passes.capi.h.inc"
#include "patches/Testing/Passes.capi.h.inc"
#include "patches/Transforms/Passes.capi.h.inc"

#endif // PATCHES_C_PASSES_H
