//===- JIT.cpp - Compiled extractions and folds, from C -------------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Each compilation builds, in a context of its own, a module with one
// destination-passing function
//
//   func.func @patches(%in: memref<...>, %out: memref<...>)
//       attributes {llvm.emit_c_interface} {
//     %x = bufferization.to_tensor %in restrict : ...
//     %y = patches.extract %x ... (or patches.fold)
//     bufferization.materialize_in_destination %y in restrict writable %out
//     return
//   }
//
// lowers it with the CPU pipeline and JIT-compiles it with MLIR's
// ExecutionEngine (exported by libMLIR.so, so nothing static is linked). The
// context is destroyed before returning; the function keeps only the engine
// and the two shapes, and a call builds the two memref descriptors on the
// stack and calls `_mlir_ciface_patches`.
//
//===----------------------------------------------------------------------===//

#include "patches-c/JIT.h"
#include "patches/Dialect/Patches/IR/PatchesDialect.h"
#include "patches/InitPatches.h"
#include "patches/Pipelines/Pipelines.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <mutex>
#include <string>

#ifndef PATCHES_LLVM_LIB_DIR
#error "PATCHES_LLVM_LIB_DIR names the LLVM installation's library directory"
#endif

using namespace mlir;

struct PatchesJitFunction {
  std::unique_ptr<ExecutionEngine> engine;
  void (*entry)(void *operand, void *result) = nullptr;
  SmallVector<int64_t> operandShape, resultShape;
  bool empty = false;
};

void patchesJitOptionsInit(PatchesJitOptions *options) {
  if (!options)
    return;
  options->strategy = 0;
  options->numThreads = 1;
  options->vectorBits = 0;
  options->cpu = nullptr;
  options->vectorize = 1;
  options->optLevel = 3;
  options->sharedLibPaths = nullptr;
}

namespace {
enum class Kind { Extract, Fold };

/// The C arguments of the clauses (see patches-c/Dialect/Patches.h).
struct Clauses {
  intptr_t numSpatialDims;
  const int64_t *filterShape, *windowStrides;
  PatchesPaddingKind padding;
  const int64_t *padLow, *padHigh, *lhsDilation, *rhsDilation;
  const char *lhsSpec, *rhsSpec, *outSpec;
  PatchesPrecision precision;
};

/// Collects the messages of every error diagnostic, one per line.
class Errors {
public:
  explicit Errors(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &diag) {
          if (diag.getSeverity() != DiagnosticSeverity::Error)
            return success();
          add(diag.str());
          for (const Diagnostic &note : diag.getNotes())
            add("note: " + note.str());
          return success();
        }) {}

  void add(const Twine &message) {
    if (!text.empty())
      text += "\n";
    text += message.str();
  }
  const std::string &str() const { return text; }

private:
  std::string text;
  ScopedDiagnosticHandler handler;
};
} // namespace

static void report(MlirStringCallback onError, void *userData,
                   StringRef message) {
  if (onError)
    onError(MlirStringRef{message.data(), message.size()}, userData);
}

static std::size_t numElements(ArrayRef<int64_t> shape) {
  std::size_t n = 1;
  for (int64_t size : shape)
    n *= static_cast<std::size_t>(size);
  return n;
}

/// The JIT needs the native target once per process.
static void initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

/// Builds the module of one function around the op, or fails with the
/// op's diagnostics.
static FailureOr<OwningOpRef<ModuleOp>>
buildModule(MLIRContext &ctx, Kind kind, Type elementType,
            ArrayRef<int64_t> inputShape, const Clauses &c,
            SmallVectorImpl<int64_t> &operandShape,
            SmallVectorImpl<int64_t> &resultShape, Errors &errors) {
  Location loc = NameLoc::get(StringAttr::get(
      &ctx, kind == Kind::Extract ? "patches.extract" : "patches.fold"));
  OpBuilder b(&ctx);
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);

  // The extraction's result shape: the fold's operand, or the extraction's
  // result (checking the clauses with the verifier's messages).
  SmallVector<int64_t> extracted(inputShape.size());
  auto onGeometryError = [](MlirStringRef message, void *userData) {
    static_cast<Errors *>(userData)->add(unwrap(message));
  };
  if (mlirLogicalResultIsFailure(patchesInferExtractResultShape(
          c.numSpatialDims, c.filterShape, c.windowStrides, c.padding, c.padLow,
          c.padHigh, c.lhsDilation, c.rhsDilation, c.lhsSpec, c.rhsSpec,
          c.outSpec, inputShape.size(), inputShape.data(), extracted.data(),
          onGeometryError, &errors)))
    return failure();
  if (kind == Kind::Extract) {
    operandShape.assign(inputShape.begin(), inputShape.end());
    resultShape.assign(extracted.begin(), extracted.end());
  } else {
    operandShape.assign(extracted.begin(), extracted.end());
    resultShape.assign(inputShape.begin(), inputShape.end());
  }

  auto operandType = MemRefType::get(operandShape, elementType);
  auto resultType = MemRefType::get(resultShape, elementType);
  b.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(
      b, loc, "patches", b.getFunctionType({operandType, resultType}, {}));
  func->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);
  Value operand = bufferization::ToTensorOp::create(
      b, loc, RankedTensorType::get(operandShape, elementType),
      body->getArgument(0), /*restrict=*/true);

  MlirOperation op;
  if (kind == Kind::Extract) {
    op = patchesExtractOpCreate(
        wrap(loc), wrap(operand), c.numSpatialDims, c.filterShape,
        c.windowStrides, c.padding, c.padLow, c.padHigh, c.lhsDilation,
        c.rhsDilation, c.lhsSpec, c.rhsSpec, c.outSpec, c.precision);
  } else {
    op = patchesFoldOpCreate(
        wrap(loc), wrap(operand),
        wrap(Type(RankedTensorType::get(resultShape, elementType))),
        /*numSpatialSizes=*/0, /*spatialSizes=*/nullptr, c.numSpatialDims,
        c.filterShape, c.windowStrides, c.padding, c.padLow, c.padHigh,
        c.lhsDilation, c.rhsDilation, c.lhsSpec, c.rhsSpec, c.outSpec,
        c.precision);
  }
  if (mlirOperationIsNull(op))
    return failure();
  Operation *created = b.insert(unwrap(op));
  bufferization::MaterializeInDestinationOp::create(
      b, loc, /*result=*/Type(), created->getResult(0), body->getArgument(1),
      /*restrict=*/b.getUnitAttr(), /*writable=*/b.getUnitAttr());
  func::ReturnOp::create(b, loc);
  if (failed(verify(*module)))
    return failure();
  return module;
}

static PatchesJitFunction *compile(Kind kind, const char *elementTypeName,
                                   intptr_t inputRank,
                                   const int64_t *inputShape,
                                   const Clauses &clauses,
                                   const PatchesJitOptions *userOptions,
                                   MlirStringCallback onError, void *userData) {
  PatchesJitOptions options;
  patchesJitOptionsInit(&options);
  if (userOptions)
    options = *userOptions;
  if (!elementTypeName) {
    report(onError, userData, "the element type is required");
    return nullptr;
  }
  if (inputRank < 0 || (inputRank > 0 && !inputShape)) {
    report(onError, userData, "inputRank needs as many inputShape sizes");
    return nullptr;
  }
  ArrayRef<int64_t> shape(inputShape, inputShape ? inputRank : 0);
  for (int64_t size : shape) {
    if (size < 0) {
      report(onError, userData,
             "the input sizes must be static (non-negative)");
      return nullptr;
    }
  }
  if (options.strategy != 0 && options.strategy != 1) {
    report(onError, userData,
           "unknown strategy " + std::to_string(options.strategy) +
               ", expected 0 (gather) or 1 (conv)");
    return nullptr;
  }
  if (options.optLevel > 3) {
    report(onError, userData,
           "optLevel = " + std::to_string(options.optLevel) +
               " must be 0 to 3");
    return nullptr;
  }

  DialectRegistry registry;
  registry.insert<func::FuncDialect, bufferization::BufferizationDialect>();
  patches::registerAllDialects(registry);
  patches::registerAllExtensions(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  // The messages name the clause at fault; the op in generic form adds
  // nothing for a caller that never wrote IR.
  ctx.printOpOnDiagnostic(false);
  ctx.loadDialect<func::FuncDialect, bufferization::BufferizationDialect,
                  patches::PatchesDialect>();
  Errors errors(ctx);
  auto fail = [&]() -> PatchesJitFunction * {
    report(onError, userData,
           errors.str().empty() ? "compilation failed" : errors.str());
    return nullptr;
  };

  std::size_t read = 0;
  Type elementType = parseType(elementTypeName, &ctx, &read);
  if (!elementType || read != StringRef(elementTypeName).size()) {
    std::string message =
        "cannot parse the element type '" + std::string(elementTypeName) + "'";
    if (!errors.str().empty())
      message += ": " + errors.str();
    report(onError, userData, message);
    return nullptr;
  }

  // The function's arguments are buffers of it (the op checks the rest).
  if (!BaseMemRefType::isValidElementType(elementType)) {
    report(onError, userData,
           "the element type '" + std::string(elementTypeName) +
               "' cannot be the element type of a buffer");
    return nullptr;
  }

  auto function = std::make_unique<PatchesJitFunction>();
  FailureOr<OwningOpRef<ModuleOp>> module =
      buildModule(ctx, kind, elementType, shape, clauses,
                  function->operandShape, function->resultShape, errors);
  if (failed(module))
    return fail();

  patches::LowerToLLVMOptions pipeline;
  pipeline.strategy = options.strategy == 1 ? patches::LoweringStrategy::Conv
                                            : patches::LoweringStrategy::Gather;
  pipeline.numThreads = options.numThreads;
  pipeline.vectorBits = options.vectorBits;
  pipeline.vectorize = options.vectorize != 0;
  if (options.cpu)
    pipeline.cpu = std::string(options.cpu);
  PassManager pm(&ctx);
  if (failed(patches::buildLowerToLLVMPipeline(pm, pipeline,
                                               [&](const Twine &message) {
                                                 errors.add(message);
                                                 return failure();
                                               })))
    return fail();
  if (failed(pm.run(**module)))
    return fail();

  initializeNativeTarget();
  ExecutionEngineOptions engineOptions;
  auto transformer = makeOptimizingTransformer(
      options.optLevel, /*sizeLevel=*/0, /*targetMachine=*/nullptr);
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel =
      static_cast<llvm::CodeGenOptLevel>(options.optLevel);
  // The runtime functions the lowered code may call: MLIR's C runner
  // utilities (memrefCopy) and, for threads, LLVM's OpenMP runtime, both
  // from the LLVM installation patches was built against; then the
  // caller's.
  SmallVector<StringRef, 4> libs;
  std::string runnerUtils = PATCHES_LLVM_LIB_DIR "/libmlir_c_runner_utils.so";
  std::string libomp = PATCHES_LLVM_LIB_DIR "/libomp.so";
  if (llvm::sys::fs::exists(runnerUtils))
    libs.push_back(runnerUtils);
  if (options.numThreads != 1 && llvm::sys::fs::exists(libomp))
    libs.push_back(libomp);
  if (options.sharedLibPaths)
    llvm::SplitString(options.sharedLibPaths, libs, ",");
  engineOptions.sharedLibPaths = libs;
  // No listeners: they would register every small module with gdb and perf.
  engineOptions.enableGDBNotificationListener = false;
  engineOptions.enablePerfNotificationListener = false;
  auto engine = ExecutionEngine::create(**module, engineOptions);
  if (!engine) {
    errors.add("JIT: " + llvm::toString(engine.takeError()));
    return fail();
  }
  auto entry = (*engine)->lookup("_mlir_ciface_patches");
  if (!entry) {
    errors.add("JIT: " + llvm::toString(entry.takeError()));
    return fail();
  }
  function->engine = std::move(*engine);
  function->entry = reinterpret_cast<void (*)(void *, void *)>(*entry);
  function->empty = numElements(function->resultShape) == 0;
  return function.release();
}

PatchesJitFunction *patchesJitCompileExtract(
    const char *elementType, intptr_t inputRank, const int64_t *inputShape,
    intptr_t numSpatialDims, const int64_t *filterShape,
    const int64_t *windowStrides, PatchesPaddingKind padding,
    const int64_t *padLow, const int64_t *padHigh, const int64_t *lhsDilation,
    const int64_t *rhsDilation, const char *lhsSpec, const char *rhsSpec,
    const char *outSpec, PatchesPrecision precision,
    const PatchesJitOptions *options, MlirStringCallback onError,
    void *userData) {
  Clauses clauses{numSpatialDims, filterShape, windowStrides, padding,
                  padLow,         padHigh,     lhsDilation,   rhsDilation,
                  lhsSpec,        rhsSpec,     outSpec,       precision};
  return compile(Kind::Extract, elementType, inputRank, inputShape, clauses,
                 options, onError, userData);
}

PatchesJitFunction *patchesJitCompileFold(
    const char *elementType, intptr_t inputRank, const int64_t *inputShape,
    intptr_t numSpatialDims, const int64_t *filterShape,
    const int64_t *windowStrides, PatchesPaddingKind padding,
    const int64_t *padLow, const int64_t *padHigh, const int64_t *lhsDilation,
    const int64_t *rhsDilation, const char *lhsSpec, const char *rhsSpec,
    const char *outSpec, PatchesPrecision precision,
    const PatchesJitOptions *options, MlirStringCallback onError,
    void *userData) {
  Clauses clauses{numSpatialDims, filterShape, windowStrides, padding,
                  padLow,         padHigh,     lhsDilation,   rhsDilation,
                  lhsSpec,        rhsSpec,     outSpec,       precision};
  return compile(Kind::Fold, elementType, inputRank, inputShape, clauses,
                 options, onError, userData);
}

intptr_t patchesJitFunctionGetRank(const PatchesJitFunction *function) {
  return function ? static_cast<intptr_t>(function->resultShape.size()) : -1;
}

void patchesJitFunctionGetOperandShape(const PatchesJitFunction *function,
                                       int64_t *shape) {
  if (function && shape)
    llvm::copy(function->operandShape, shape);
}

void patchesJitFunctionGetResultShape(const PatchesJitFunction *function,
                                      int64_t *shape) {
  if (function && shape)
    llvm::copy(function->resultShape, shape);
}

/// Writes the descriptor of a dense row-major memref of `shape` at `data`:
/// {allocated, aligned, offset, sizes[rank], strides[rank]}, as 64-bit words.
static void fillDescriptor(SmallVectorImpl<int64_t> &descriptor,
                           ArrayRef<int64_t> shape, const void *data) {
  std::size_t rank = shape.size();
  descriptor.resize(3 + 2 * rank);
  auto pointer = static_cast<int64_t>(reinterpret_cast<intptr_t>(data));
  descriptor[0] = pointer;
  descriptor[1] = pointer;
  descriptor[2] = 0;
  int64_t stride = 1;
  for (std::size_t i = rank; i-- > 0;) {
    descriptor[3 + i] = shape[i];
    descriptor[3 + rank + i] = stride;
    stride *= shape[i];
  }
}

void patchesJitFunctionRun(const PatchesJitFunction *function,
                           const void *operand, void *result) {
  static_assert(sizeof(void *) == sizeof(int64_t),
                "memref descriptors are built as 64-bit words");
  if (!function || !function->entry || function->empty)
    return;
  SmallVector<int64_t, 19> in, out;
  fillDescriptor(in, function->operandShape, operand);
  fillDescriptor(out, function->resultShape, result);
  function->entry(in.data(), out.data());
}

void patchesJitFunctionDestroy(PatchesJitFunction *function) {
  delete function;
}
