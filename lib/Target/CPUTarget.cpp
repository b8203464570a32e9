//===- CPUTarget.cpp - The CPU the gather is generated for ----------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "patches/Target/CPUTarget.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/LLVMIR/LLVMAttrs.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <map>
#include <mutex>
#include <tuple>

using namespace mlir;
using namespace patches;

static LogicalResult report(TargetErrorHandler errorHandler,
                            const Twine &message) {
  if (errorHandler)
    return errorHandler(message);
  llvm::errs() << "error: " << message << "\n";
  return failure();
}

static FailureOr<CPUTarget> fail(TargetErrorHandler errorHandler,
                                 const Twine &message) {
  (void)report(errorHandler, message);
  return failure();
}

std::string patches::checkVectorBits(int64_t vectorBits) {
  if (vectorBits == 0 ||
      (vectorBits >= kMinVectorBits && vectorBits <= kMaxVectorBits))
    return "";
  return ("vector-bits must be between " + Twine(kMinVectorBits) + " and " +
          Twine(kMaxVectorBits) + ", got " + Twine(vectorBits) +
          " (or 0: the target CPU's choice)")
      .str();
}

/// The row widths for a CPU: a short table of microarchitectures whose
/// vector units are narrower than their registers, then the widest
/// registers its features give. Each entry says why; docs/performance.md
/// has the measurements behind them.
static RowStrategy chooseRowStrategy(StringRef cpu,
                                     const llvm::MCSubtargetInfo &subtarget) {
  // By name among the target's features (checkFeatures aborts on a name
  // the target does not have, as x86's are to AArch64).
  auto has = [&](StringRef feature) {
    for (const llvm::SubtargetFeatureKV &kv :
         subtarget.getAllProcessorFeatures())
      if (feature == kv.Key)
        return subtarget.getFeatureBits().test(kv.Value);
    return false;
  };
  // Zen 4 executes each 512-bit operation as two 256-bit halves, and its
  // 512-bit two-source shuffles (vpermt2d/vpermi2d) and masked stores cost
  // more than two 256-bit ones (llvm-mca -mcpu=znver4 on the row loops):
  // 256-bit rows store as many bytes per cycle for fewer micro-ops.
  if (cpu == "znver4")
    return RowStrategy::uniform(
        256, "znver4: AVX-512 on 256-bit datapaths; 256-bit shuffles and "
             "masked stores are cheaper");
  if (has("avx512f") && has("avx512bw")) {
    // Copies, strided and dilated rows store a 512-bit register per
    // instruction. The NHWC transpose interleaves K vectors of vl channels:
    // at 512 bits its two-source permutes of 16 lanes cost more than the
    // stores they feed (znver5: 289 us against 211 us at 256 bits on the
    // 3x3 ResNet case, docs/performance.md).
    RowStrategy rows = RowStrategy::uniform(
        512, "full-width AVX-512: 512-bit registers, loads and stores; "
             "256-bit NHWC transposes (cheaper permutes)");
    rows.transposeBits = 256;
    return rows;
  }
  if (has("avx2") || has("avx"))
    return RowStrategy::uniform(256, "AVX/AVX2: 256-bit registers");
  return RowStrategy::uniform(128,
                              "128-bit vector registers (SSE, NEON or other)");
}

/// LLVM's targets, registered once (libLLVM has every target Debian
/// builds, so a module may name any of them).
static void initializeTargets() {
  static const bool initialized = [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    return true;
  }();
  (void)initialized;
}

static FailureOr<CPUTarget> resolveUncached(StringRef cpu, StringRef features,
                                            StringRef tripleName,
                                            TargetErrorHandler errorHandler) {
  initializeTargets();
  std::string hostTriple = llvm::sys::getDefaultTargetTriple();
  llvm::Triple triple(tripleName.empty() ? hostTriple : tripleName.str());
  llvm::Triple host(hostTriple);
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return fail(errorHandler,
                "no LLVM target for triple '" + triple.str() + "': " + error);
  CPUTarget result;
  result.triple = triple.str();
  result.features = features.str();
  if (cpu.empty() || cpu == "native") {
    if (triple.getArch() == host.getArch()) {
      result.cpu = llvm::sys::getHostCPUName().str();
      if (features.empty()) {
        SmallVector<std::string> hostFeatures;
        for (const auto &feature : llvm::sys::getHostCPUFeatures())
          hostFeatures.push_back((feature.second ? "+" : "-") +
                                 feature.first().str());
        llvm::sort(hostFeatures);
        result.features = llvm::join(hostFeatures, ",");
      }
    } else {
      // Another architecture's triple: the host is no CPU of it.
      result.cpu = "generic";
    }
  } else {
    result.cpu = cpu.str();
  }
  // Ask a subtarget of no particular CPU whether the name is valid: one
  // created for an unknown CPU warns on stderr and carries on.
  std::unique_ptr<llvm::MCSubtargetInfo> generic(
      target->createMCSubtargetInfo(triple, "", ""));
  if (!generic || !generic->isCPUStringValid(result.cpu))
    return fail(errorHandler,
                "cpu '" + result.cpu + "' is not a CPU that LLVM knows for " +
                    triple.str() + " (llc -mcpu=help lists them)");
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, result.cpu, result.features));
  result.rows = chooseRowStrategy(result.cpu, *subtarget);
  std::unique_ptr<llvm::TargetMachine> machine(
      target->createTargetMachine(triple, result.cpu, result.features,
                                  llvm::TargetOptions(), std::nullopt));
  if (!machine)
    return fail(errorHandler, "LLVM cannot generate code for " + triple.str() +
                                  " (cpu '" + result.cpu + "')");
  result.dataLayout = machine->createDataLayout().getStringRepresentation();
  return result;
}

FailureOr<CPUTarget>
patches::resolveCPUTarget(StringRef cpu, StringRef features, StringRef triple,
                          TargetErrorHandler errorHandler) {
  // A pipeline resolves its CPU when it is built and each pass once per
  // function: the answers are kept (the host does not change).
  using Key = std::tuple<std::string, std::string, std::string>;
  static std::mutex mutex;
  static std::map<Key, CPUTarget> cache;
  Key key{cpu.str(), features.str(), triple.str()};
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end())
      return it->second;
  }
  FailureOr<CPUTarget> result =
      resolveUncached(cpu, features, triple, errorHandler);
  if (succeeded(result)) {
    std::lock_guard<std::mutex> lock(mutex);
    cache.emplace(key, *result);
  }
  return result;
}

/// A string attribute's value, or "".
static std::string getString(Attribute attr) {
  if (auto string = dyn_cast_or_null<StringAttr>(attr))
    return string.str();
  return "";
}

/// `target_features` as `+f,-g`: a string or `#llvm.target_features`.
static std::string getFeatures(Attribute attr) {
  if (auto features = dyn_cast_or_null<LLVM::TargetFeaturesAttr>(attr))
    return features.getFeaturesString();
  return getString(attr);
}

TargetRequest patches::getTargetRequest(Operation *op) {
  TargetRequest request;
  for (Operation *at = op; at; at = at->getParentOp()) {
    if (isa<FunctionOpInterface>(at) && request.cpu.empty()) {
      request.cpu = getString(at->getAttr("target_cpu"));
      request.features = getFeatures(at->getAttr("target_features"));
      if (!request.cpu.empty())
        request.source = at;
    }
    if (isa<ModuleOp>(at) && request.triple.empty()) {
      if (auto target = at->getAttrOfType<LLVM::TargetAttr>("llvm.target")) {
        request.triple = target.getTriple().str();
        if (request.cpu.empty()) {
          request.cpu = target.getChip().str();
          if (target.getFeatures())
            request.features = target.getFeatures().getFeaturesString();
          request.source = at;
        }
      } else {
        request.triple = getString(at->getAttr("llvm.target_triple"));
      }
      if (!request.triple.empty() && !request.source)
        request.source = at;
    }
  }
  // DLTI: the "CPU" device's widest vector operation, wherever it is set.
  FailureOr<Attribute> width =
      dlti::query(op, ArrayRef<StringRef>{"CPU", "max_vector_op_width"});
  if (succeeded(width))
    if (auto integer = dyn_cast<IntegerAttr>(*width))
      request.maxVectorBits = integer.getValue().getZExtValue();
  return request;
}

FailureOr<CPUTarget> patches::resolveCPUTargetAt(Operation *op,
                                                 StringRef defaultCPU,
                                                 StringRef defaultFeatures,
                                                 bool emitErrors) {
  TargetRequest request = getTargetRequest(op);
  bool named = !request.cpu.empty();
  StringRef cpu = named ? StringRef(request.cpu) : defaultCPU;
  StringRef features = named || !request.features.empty()
                           ? StringRef(request.features)
                           : defaultFeatures;
  Operation *source = request.source ? request.source : op;
  FailureOr<CPUTarget> target = resolveCPUTarget(cpu, features, request.triple,
                                                 [&](const Twine &message) {
                                                   if (emitErrors)
                                                     source->emitError(message);
                                                   return failure();
                                                 });
  if (failed(target))
    return failure();
  if (request.maxVectorBits) {
    // At least one byte: the narrowest vector the gather builds.
    int64_t cap = std::max<int64_t>(*request.maxVectorBits, 8);
    RowStrategy &rows = target->rows;
    for (int64_t *bits : {&rows.copyBits, &rows.stridedBits, &rows.dilatedBits,
                          &rows.transposeBits})
      *bits = std::min(*bits, cap);
    rows.why += "; capped at " + std::to_string(cap) +
                " bits by DLTI's max_vector_op_width";
  }
  return target;
}
