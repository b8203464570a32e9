//===- ConstantEvaluation.h - Bounded constant evaluation -------*- C++ -*-===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef PATCHES_CONVERSION_LINALGTOPATCHES_CONSTANTEVALUATION_H
#define PATCHES_CONVERSION_LINALGTOPATCHES_CONSTANTEVALUATION_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Value.h"

#include <string>

namespace patches {

/// Evaluates `value`, a statically shaped tensor of integers or floats
/// computed only from constants and indices, to its elements. Followed:
/// `arith.constant`; linalg structured ops on tensors (`linalg.generic`,
/// `linalg.map`, `linalg.broadcast`, `linalg.transpose`, `linalg.fill`, ...)
/// whose payload uses only `linalg.index`, its block arguments and the
/// scalar arith ops below; `tensor.generate` with such a body;
/// `tensor.expand_shape`, `collapse_shape`, `reshape` and `cast`; static
/// `tensor.insert_slice` and `extract_slice` of the same rank and
/// `tensor.pad` with a constant (StableHLO's interior padding of a filter is
/// an insertion into a fill). Scalar
/// ops: `arith.constant`, `cmpi`, `cmpf`, `select`, `extui`, `extsi`,
/// `trunci`, `index_cast`, `index_castui`, `uitofp`, `sitofp`, `extf`,
/// `truncf`, `addi`, `subi`, `muli`, `andi`, `ori`, `xori`, `addf`, `subf`,
/// `mulf`, with the arith dialect's semantics (wrapping integers, IEEE
/// floats rounded to nearest even).
///
/// `maxElements` bounds the work: the elements of every evaluated tensor
/// plus the iterations of every evaluated loop nest, summed over the chain.
/// On failure (an op not listed, an operand that is not a constant, or the
/// bound exceeded) returns null and sets `whyNot` to the reason.
mlir::DenseElementsAttr evaluateConstantTensor(mlir::Value value,
                                               int64_t maxElements,
                                               std::string &whyNot);

} // namespace patches

#endif // PATCHES_CONVERSION_LINALGTOPATCHES_CONSTANTEVALUATION_H
