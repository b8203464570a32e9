//===- LoweringUtils.h - Helpers shared by the lowerings --------*- C++ -*-===//

#ifndef PATCHES_LIB_CONVERSION_PATCHESTOLINALG_LOWERINGUTILS_H
#define PATCHES_LIB_CONVERSION_PATCHESTOLINALG_LOWERINGUTILS_H

#include "mlir/IR/Builders.h"

namespace patches {

/// The zero of a scalar type the op supports (integer, index, float or
/// complex): what padding and the holes of lhs dilation read.
mlir::Value createZero(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Type elementType);

/// The one of such a type (the one-hot filter's hot value).
mlir::Value createOne(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Type elementType);

} // namespace patches

#endif // PATCHES_LIB_CONVERSION_PATCHESTOLINALG_LOWERINGUTILS_H
