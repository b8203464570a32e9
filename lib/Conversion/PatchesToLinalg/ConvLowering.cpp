//===- ConvLowering.cpp - patches.extract as a one-hot convolution --------===//

#include "patches/Conversion/PatchesToLinalg/PatchesToLinalg.h"
#include "patches/Dialect/Patches/IR/PatchesOps.h"

using namespace mlir;
using namespace patches;

FailureOr<Value> patches::buildConvLowering(OpBuilder &b, ExtractOp op) {
  return op.emitOpError("the conv strategy is not implemented yet");
}
