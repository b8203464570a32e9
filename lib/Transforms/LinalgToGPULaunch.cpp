//===- LinalgToGPULaunch.cpp - Each linalg op as one GPU kernel -----------===//
//
// A linalg op on buffers becomes a `gpu.launch` over its parallel iteration
// space, flattened so that consecutive threads write consecutive elements of
// its output, with the device buffers and copies it needs around it:
//
//   %t0 = gpu.wait async
//   %in_d, %t1 = gpu.alloc async [%t0] () : memref<...>
//   %t2 = gpu.memcpy async [%t1] %in_d, %in
//   ...
//   %t3 = gpu.launch async [%t2] blocks(...) in (%grid, 1, 1)
//                                threads(...) in (%block, 1, 1) {
//     %flat = blockIdx.x * block + threadIdx.x
//     scf.if %flat < %size {        // or a grid-stride scf.for
//       (loop indices) = delinearize(%flat) over the ordered parallel loops
//       load the inputs, run the payload, store the outputs
//     }
//   }
//   %t4 = gpu.memcpy async [%t3] %out, %out_d
//   ... gpu.dealloc async ...
//   gpu.wait [%tn]
//
//===----------------------------------------------------------------------===//

#include "patches/Transforms/Passes.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/MapVector.h"

#include <limits>

namespace patches {
#define GEN_PASS_DEF_LINALGTOGPULAUNCH
#include "patches/Transforms/Passes.h.inc"
} // namespace patches

using namespace mlir;
using namespace patches;

/// CUDA's limit on gridDim.x.
static constexpr int64_t kMaxGridX = std::numeric_limits<int32_t>::max();

namespace {

//===----------------------------------------------------------------------===//
// Analysis of the op.
//===----------------------------------------------------------------------===//

/// `sum coefficients[d] * d + constant` over the dims of a map.
struct LinearExpr {
  SmallVector<int64_t> coefficients;
  int64_t constant = 0;
};

/// How a kernel uses one host buffer.
struct BufferAccess {
  bool read = false;
  bool written = false;
};

} // namespace

/// Decomposes sums of dims scaled by constants; fails on anything else
/// (symbols, mod, division, products of dims).
static std::optional<LinearExpr> decomposeLinear(AffineExpr expr,
                                                 unsigned numDims) {
  LinearExpr result;
  result.coefficients.assign(numDims, 0);
  if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
    result.coefficients[dim.getPosition()] = 1;
    return result;
  }
  if (auto cst = dyn_cast<AffineConstantExpr>(expr)) {
    result.constant = cst.getValue();
    return result;
  }
  auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!binary)
    return std::nullopt;
  std::optional<LinearExpr> lhs = decomposeLinear(binary.getLHS(), numDims);
  std::optional<LinearExpr> rhs = decomposeLinear(binary.getRHS(), numDims);
  if (!lhs || !rhs)
    return std::nullopt;
  if (expr.getKind() == AffineExprKind::Add) {
    for (unsigned d = 0; d < numDims; ++d)
      result.coefficients[d] = lhs->coefficients[d] + rhs->coefficients[d];
    result.constant = lhs->constant + rhs->constant;
    return result;
  }
  if (expr.getKind() != AffineExprKind::Mul)
    return std::nullopt;
  // The simplifier puts the constant factor of a product on the right.
  if (llvm::any_of(rhs->coefficients, [](int64_t c) { return c != 0; }))
    return std::nullopt;
  for (unsigned d = 0; d < numDims; ++d)
    result.coefficients[d] = lhs->coefficients[d] * rhs->constant;
  result.constant = lhs->constant * rhs->constant;
  return result;
}

/// The parallel loops of `op`, outermost first, in the order of its first
/// output's memory layout: by the output dimension a loop indexes (the last
/// one is contiguous), then by decreasing coefficient inside a dimension
/// (`c * K + k` puts `c` before `k`). Flattened in this order, consecutive
/// flat indices write consecutive output elements. Falls back to the loop
/// order where the map is not linear.
static SmallVector<unsigned> orderParallelLoops(linalg::LinalgOp op) {
  SmallVector<unsigned> parallel;
  op.getParallelDims(parallel);
  AffineMap map = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  unsigned numLoops = op.getNumLoops();
  // (result position, -coefficient) of each loop, where it is innermost.
  SmallVector<std::pair<int64_t, int64_t>> keys(numLoops, {-1, 0});
  for (auto [position, expr] : llvm::enumerate(map.getResults())) {
    std::optional<LinearExpr> linear = decomposeLinear(expr, numLoops);
    if (!linear)
      return parallel;
    for (unsigned d = 0; d < numLoops; ++d)
      if (linear->coefficients[d] != 0)
        keys[d] = {static_cast<int64_t>(position), -linear->coefficients[d]};
  }
  llvm::stable_sort(parallel,
                    [&](unsigned a, unsigned b) { return keys[a] < keys[b]; });
  return parallel;
}

/// Whether the parallel loops write every element of `init` (so its old
/// contents need not be copied to the device): each result of its map is a
/// single loop, or an exact mixed-radix combination of loops with static
/// sizes (`c * K + k` with k < K and c < C, C * K the dimension's size).
static bool writesEveryElement(linalg::LinalgOp op, OpOperand *init,
                               ArrayRef<int64_t> loopSizes) {
  AffineMap map = op.getMatchingIndexingMap(init);
  auto type = cast<MemRefType>(init->get().getType());
  unsigned numLoops = op.getNumLoops();
  SmallVector<bool> seen(numLoops, false);
  for (auto [position, expr] : llvm::enumerate(map.getResults())) {
    std::optional<LinearExpr> linear = decomposeLinear(expr, numLoops);
    if (!linear || linear->constant != 0)
      return false;
    SmallVector<std::pair<int64_t, int64_t>> terms; // (coefficient, size)
    for (unsigned d = 0; d < numLoops; ++d) {
      if (linear->coefficients[d] == 0)
        continue;
      if (seen[d] || linear->coefficients[d] < 0)
        return false;
      seen[d] = true;
      terms.push_back({linear->coefficients[d], loopSizes[d]});
    }
    // A lone loop spans the dimension it indexes: linalg requires the
    // dimension's size to equal the loop's.
    if (terms.size() == 1 && terms.front().first == 1)
      continue;
    int64_t dimSize = type.getDimSize(position);
    if (ShapedType::isDynamic(dimSize))
      return false;
    llvm::sort(terms);
    int64_t span = 1;
    for (auto [coefficient, size] : terms) {
      if (coefficient != span || ShapedType::isDynamic(size))
        return false;
      span *= size;
    }
    if (span != dimSize)
      return false;
  }
  return true;
}

/// Adds how the ops in `region` use `buffer` (a memref from above).
static void addCapturedUses(Region &region, Value buffer,
                            BufferAccess &access) {
  for (OpOperand &use : buffer.getUses()) {
    Operation *user = use.getOwner();
    if (!region.isAncestor(user->getParentRegion()))
      continue;
    if (isa<memref::LoadOp>(user)) {
      access.read = true;
    } else if (isa<memref::StoreOp>(user)) {
      // Stores may leave elements untouched, which must keep their values.
      access.read = access.written = true;
    } else if (!isa<memref::DimOp>(user)) {
      access.read = access.written = true;
    }
  }
}

/// Why `op` cannot become a kernel, or the empty string.
static std::string whyNotAKernel(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics())
    return "it is not on buffers";
  if (op.getNumDpsInits() == 0)
    return "it has no output";
  for (OpOperand *input : op.getDpsInputOperands()) {
    Type type = input->get().getType();
    if (!isa<MemRefType>(type) && !type.isIntOrIndexOrFloat())
      return "an input is neither a ranked memref nor a scalar";
  }
  for (OpOperand &init : op.getDpsInitsMutable())
    if (!isa<MemRefType>(init.get().getType()))
      return "an output is not a ranked memref";
  // x86's 80-bit float has no NVPTX form (its loads and stores made LLVM's
  // NVPTX backend abort): such an op runs on the host.
  for (Value operand : op->getOperands()) {
    Type type = getElementTypeOrSelf(operand.getType());
    if (auto complexType = dyn_cast<ComplexType>(type))
      type = complexType.getElementType();
    if (isa<Float80Type>(type))
      return "its element type f80 has no form on the GPU";
  }
  SmallVector<unsigned> parallel, reduction;
  op.getParallelDims(parallel);
  op.getReductionDims(reduction);
  if (parallel.size() + reduction.size() != op.getNumLoops())
    return "a loop is neither parallel nor a reduction";
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    // Distinct parallel points must write distinct elements.
    for (unsigned d : parallel)
      if (!map.isFunctionOfDim(d))
        return "an output is not indexed by every parallel loop";
    for (unsigned d : reduction)
      if (map.isFunctionOfDim(d))
        return "an output is indexed by a reduction loop";
  }
  std::string why;
  op->walk([&](Operation *nested) {
    if (isa<CallOpInterface>(nested)) {
      why = "its payload calls a function";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (!why.empty())
    return why;
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value value : captured) {
    Type type = value.getType();
    if (auto memref = dyn_cast<MemRefType>(type)) {
      if (memref.getLayout().isIdentity())
        continue;
      // A strided buffer is staged through an identity-layout copy, which
      // only loads, stores and dims may use.
      for (Operation *user : value.getUsers())
        if (op->isAncestor(user) &&
            !isa<memref::LoadOp, memref::StoreOp, memref::DimOp>(user))
          return "its payload uses a strided memref from above in a "
                 "view-like way";
      continue;
    }
    if (auto complex = dyn_cast<ComplexType>(type))
      type = complex.getElementType();
    if (!type.isIntOrIndexOrFloat())
      return "its payload uses a value of a type other than memref, "
             "integer, index, float or complex from above";
  }
  return "";
}

//===----------------------------------------------------------------------===//
// Building the kernel.
//===----------------------------------------------------------------------===//

namespace {

/// Builds the launch of one linalg op and the data movement around it.
class KernelBuilder {
public:
  KernelBuilder(linalg::LinalgOp op, int64_t blockSize, unsigned indexBitwidth)
      : op(op), loc(op.getLoc()), blockSize(blockSize),
        indexBitwidth(indexBitwidth) {}

  /// Replaces the op by the launch and its data movement.
  void build(RewriterBase &rewriter);

private:
  /// Collects the host buffers and how the kernel uses each.
  void collectBuffers(ArrayRef<int64_t> staticLoopSizes);
  /// Emits the kernel body for the flat index `flat` of type `flatType`.
  void buildPoint(OpBuilder &b, Value flat, Type flatType);
  /// Clones the payload at loop indices `ivs`; returns the yielded values.
  SmallVector<Value> buildPayload(OpBuilder &b, ArrayRef<Value> ivs,
                                  ValueRange initValues);
  /// The device buffer's indices for `operand` at loop indices `ivs`.
  SmallVector<Value> indicesOf(OpBuilder &b, OpOperand *operand,
                               ArrayRef<Value> ivs);

  linalg::LinalgOp op;
  Location loc;
  int64_t blockSize;
  unsigned indexBitwidth;

  /// Loop sizes as host values (constants where static).
  SmallVector<Value> loopSizes;
  /// Parallel loops, outermost first, and the reduction loops.
  SmallVector<unsigned> parallelLoops, reductionLoops;
  llvm::MapVector<Value, BufferAccess> buffers;
  /// Host buffer -> device buffer.
  IRMapping deviceBuffers;
};

} // namespace

void KernelBuilder::collectBuffers(ArrayRef<int64_t> staticLoopSizes) {
  bool hasReductions = !reductionLoops.empty();
  for (OpOperand *input : op.getDpsInputOperands())
    if (isa<MemRefType>(input->get().getType()) &&
        op.payloadUsesValueFromOperand(input))
      buffers[input->get()].read = true;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    BufferAccess &access = buffers[init.get()];
    access.written = true;
    if (hasReductions || op.payloadUsesValueFromOperand(&init) ||
        !writesEveryElement(op, &init, staticLoopSizes))
      access.read = true;
  }
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value value : captured)
    if (isa<MemRefType>(value.getType()))
      addCapturedUses(op->getRegion(0), value, buffers[value]);
}

SmallVector<Value> KernelBuilder::indicesOf(OpBuilder &b, OpOperand *operand,
                                            ArrayRef<Value> ivs) {
  std::optional<SmallVector<Value, 8>> indices =
      affine::expandAffineMap(b, loc, op.getMatchingIndexingMap(operand), ivs);
  assert(indices && "linalg indexing maps are expandable");
  return SmallVector<Value>(indices->begin(), indices->end());
}

SmallVector<Value> KernelBuilder::buildPayload(OpBuilder &b,
                                               ArrayRef<Value> ivs,
                                               ValueRange initValues) {
  Block *payload = op.getBlock();
  IRMapping mapping = deviceBuffers;
  for (OpOperand *input : op.getDpsInputOperands()) {
    BlockArgument arg = op.getMatchingBlockArgument(input);
    if (arg.use_empty())
      continue;
    // A scalar input is passed to the kernel by value.
    if (!isa<MemRefType>(input->get().getType())) {
      mapping.map(arg, input->get());
      continue;
    }
    Value device = deviceBuffers.lookup(input->get());
    mapping.map(
        arg, memref::LoadOp::create(b, loc, device, indicesOf(b, input, ivs)));
  }
  for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), initValues))
    if (value)
      mapping.map(op.getMatchingBlockArgument(&init), value);

  SmallVector<Operation *> cloned;
  for (Operation &nested : payload->without_terminator())
    cloned.push_back(b.clone(nested, mapping));
  // linalg.index, also in nested regions, is the loop index itself.
  SmallVector<linalg::IndexOp> indexOps;
  for (Operation *clone : cloned)
    clone->walk([&](linalg::IndexOp index) { indexOps.push_back(index); });
  for (linalg::IndexOp index : indexOps) {
    index.getResult().replaceAllUsesWith(ivs[index.getDim()]);
    index.erase();
  }
  return llvm::map_to_vector(
      payload->getTerminator()->getOperands(),
      [&](Value v) { return mapping.lookupOrDefault(v); });
}

void KernelBuilder::buildPoint(OpBuilder &b, Value flat, Type flatType) {
  // Delinearize, innermost loop first; the outermost takes the quotient.
  SmallVector<Value> ivs(op.getNumLoops());
  Value remaining = flat;
  for (unsigned i = parallelLoops.size(); i-- > 0;) {
    unsigned loop = parallelLoops[i];
    Value size = loopSizes[loop];
    Value iv;
    if (isConstantIntValue(size, 1)) {
      iv = arith::ConstantIndexOp::create(b, loc, 0);
    } else {
      if (i == 0) {
        iv = remaining;
      } else {
        Value typedSize = size;
        if (flatType != size.getType())
          typedSize = arith::ConstantIntOp::create(b, loc, flatType,
                                                   *getConstantIntValue(size));
        iv = arith::RemUIOp::create(b, loc, remaining, typedSize);
        remaining = arith::DivUIOp::create(b, loc, remaining, typedSize);
      }
      if (!iv.getType().isIndex())
        iv = arith::IndexCastUIOp::create(b, loc, b.getIndexType(), iv);
    }
    ivs[loop] = iv;
  }

  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  auto store = [&](ValueRange results) {
    for (auto [init, result] : llvm::zip(op.getDpsInitsMutable(), results))
      memref::StoreOp::create(b, loc, result, deviceBuffers.lookup(init.get()),
                              indicesOf(b, &init, ivs));
  };

  if (reductionLoops.empty()) {
    SmallVector<Value> initValues;
    for (OpOperand &init : op.getDpsInitsMutable())
      initValues.push_back(
          op.payloadUsesValueFromOperand(&init)
              ? memref::LoadOp::create(b, loc, deviceBuffers.lookup(init.get()),
                                       indicesOf(b, &init, ivs))
                    .getResult()
              : Value());
    store(buildPayload(b, ivs, initValues));
    return;
  }

  // Reductions run in order inside the thread, accumulating in registers.
  // Output maps do not use reduction loops: index them with zeros.
  for (unsigned loop : reductionLoops)
    ivs[loop] = zero;
  SmallVector<Value> accumulators;
  for (OpOperand &init : op.getDpsInitsMutable())
    accumulators.push_back(memref::LoadOp::create(
        b, loc, deviceBuffers.lookup(init.get()), indicesOf(b, &init, ivs)));
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  SmallVector<Value> lbs(reductionLoops.size(), zero),
      steps(reductionLoops.size(), one), ubs;
  for (unsigned loop : reductionLoops)
    ubs.push_back(loopSizes[loop]);
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, lbs, ubs, steps, accumulators,
      [&](OpBuilder &nb, Location, ValueRange reductionIvs,
          ValueRange iterArgs) -> scf::ValueVector {
        SmallVector<Value> pointIvs = ivs;
        for (auto [loop, iv] : llvm::zip(reductionLoops, reductionIvs))
          pointIvs[loop] = iv;
        return buildPayload(nb, pointIvs, iterArgs);
      });
  store(nest.results);
}

void KernelBuilder::build(RewriterBase &rewriter) {
  MLIRContext *ctx = op.getContext();
  rewriter.setInsertionPoint(op);
  op.getReductionDims(reductionLoops);
  parallelLoops = orderParallelLoops(op);

  SmallVector<int64_t> staticLoopSizes = op.getStaticLoopRanges();
  for (Range range : op.createLoopRanges(rewriter, loc))
    loopSizes.push_back(
        getValueOrCreateConstantIndexOp(rewriter, loc, range.size));
  // The number of parallel points, statically where the sizes are known.
  std::optional<int64_t> staticTotal = 1;
  Value total = arith::ConstantIndexOp::create(rewriter, loc, 1);
  for (unsigned loop : parallelLoops) {
    std::optional<int64_t> size = getConstantIntValue(loopSizes[loop]);
    staticTotal = staticTotal && size
                      ? std::optional<int64_t>(*staticTotal * *size)
                      : std::nullopt;
    total = arith::MulIOp::create(rewriter, loc, total, loopSizes[loop]);
  }
  if (staticTotal && *staticTotal == 0) {
    rewriter.eraseOp(op);
    return;
  }
  collectBuffers(staticLoopSizes);

  // Blocks enough to give each point a thread, up to the grid's limit.
  bool gridCovers = staticTotal && static_cast<int64_t>(llvm::divideCeil(
                                       *staticTotal, blockSize)) <= kMaxGridX;
  // In 32 bits, flat indices reach blocks * blockSize - 1 < size +
  // blockSize, compared and divided unsigned.
  bool narrowIndex = indexBitwidth == 32 && gridCovers &&
                     *staticTotal + blockSize <= (int64_t(1) << 32);
  Value blockSizeValue =
      arith::ConstantIndexOp::create(rewriter, loc, blockSize);
  Value gridSize;
  if (staticTotal) {
    gridSize = arith::ConstantIndexOp::create(
        rewriter, loc,
        std::min<int64_t>(llvm::divideCeil(*staticTotal, blockSize),
                          kMaxGridX));
  } else {
    gridSize = arith::MinUIOp::create(
        rewriter, loc,
        arith::CeilDivUIOp::create(rewriter, loc, total, blockSizeValue),
        arith::ConstantIndexOp::create(rewriter, loc, kMaxGridX));
  }

  // Nothing to launch when a dynamic iteration space is empty.
  if (!staticTotal) {
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value nonEmpty = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::ne, total, zero);
    auto guard = scf::IfOp::create(rewriter, loc, nonEmpty,
                                   /*withElseRegion=*/false);
    rewriter.setInsertionPointToStart(guard.thenBlock());
  }

  // Strided host buffers go through a contiguous host copy.
  SmallVector<std::pair<Value, Value>> stagedOut; // (host, contiguous copy)
  SmallVector<Value> contiguousCopies;
  llvm::MapVector<Value, Value> transferSource; // host buffer -> copy source
  for (auto &[host, access] : buffers) {
    auto type = cast<MemRefType>(host.getType());
    Value source = host;
    if (!type.getLayout().isIdentity()) {
      auto contiguous = MemRefType::get(type.getShape(), type.getElementType());
      SmallVector<Value> sizes;
      for (int64_t dim = 0; dim < type.getRank(); ++dim)
        if (type.isDynamicDim(dim))
          sizes.push_back(memref::DimOp::create(rewriter, loc, host, dim));
      source = memref::AllocOp::create(rewriter, loc, contiguous, sizes);
      contiguousCopies.push_back(source);
      if (access.read)
        memref::CopyOp::create(rewriter, loc, host, source);
      if (access.written)
        stagedOut.push_back({host, source});
    }
    transferSource[host] = source;
  }

  Type tokenType = gpu::AsyncTokenType::get(ctx);
  Value token = gpu::WaitOp::create(rewriter, loc, tokenType, ValueRange{})
                    .getAsyncToken();
  for (auto &[host, access] : buffers) {
    Value source = transferSource[host];
    auto type = cast<MemRefType>(source.getType());
    SmallVector<Value> sizes;
    for (int64_t dim = 0; dim < type.getRank(); ++dim)
      if (type.isDynamicDim(dim))
        sizes.push_back(memref::DimOp::create(rewriter, loc, source, dim));
    auto alloc = gpu::AllocOp::create(rewriter, loc, type, tokenType,
                                      ValueRange{token}, sizes, ValueRange{},
                                      /*hostShared=*/false);
    token = alloc.getAsyncToken();
    deviceBuffers.map(host, alloc.getMemref());
    if (access.read)
      token = gpu::MemcpyOp::create(rewriter, loc, tokenType, ValueRange{token},
                                    alloc.getMemref(), source)
                  .getAsyncToken();
  }

  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  auto launch = gpu::LaunchOp::create(
      rewriter, loc, gridSize, one, one, blockSizeValue, one, one,
      /*dynamicSharedMemorySize=*/nullptr, tokenType, ValueRange{token});
  token = launch.getAsyncToken();
  {
    OpBuilder::InsertionGuard guard(rewriter);
    Block &body = launch.getBody().front();
    rewriter.setInsertionPointToStart(&body);
    Type flatType = narrowIndex ? Type(rewriter.getI32Type())
                                : Type(rewriter.getIndexType());
    auto toFlat = [&](Value v) -> Value {
      return narrowIndex
                 ? arith::IndexCastUIOp::create(rewriter, loc, flatType, v)
                 : v;
    };
    Value threadBlockSize = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(flatType, blockSize));
    Value first = arith::AddIOp::create(
        rewriter, loc,
        arith::MulIOp::create(rewriter, loc, toFlat(launch.getBlockIds().x),
                              threadBlockSize),
        toFlat(launch.getThreadIds().x));
    Value size = staticTotal
                     ? arith::ConstantOp::create(
                           rewriter, loc,
                           rewriter.getIntegerAttr(flatType, *staticTotal))
                           .getResult()
                     : total;
    if (gridCovers) {
      Value inside = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::ult, first, size);
      auto ifOp = scf::IfOp::create(rewriter, loc, inside,
                                    /*withElseRegion=*/false);
      OpBuilder::InsertionGuard thenGuard(rewriter);
      rewriter.setInsertionPointToStart(ifOp.thenBlock());
      buildPoint(rewriter, first, flatType);
    } else {
      Value stride = arith::MulIOp::create(
          rewriter, loc, toFlat(launch.getGridSize().x), threadBlockSize);
      auto loop = scf::ForOp::create(rewriter, loc, first, size, stride);
      OpBuilder::InsertionGuard loopGuard(rewriter);
      rewriter.setInsertionPointToStart(loop.getBody());
      buildPoint(rewriter, loop.getInductionVar(), flatType);
    }
    gpu::TerminatorOp::create(rewriter, loc);
  }

  for (auto &[host, access] : buffers) {
    Value device = deviceBuffers.lookup(host);
    if (access.written)
      token = gpu::MemcpyOp::create(rewriter, loc, tokenType, ValueRange{token},
                                    transferSource[host], device)
                  .getAsyncToken();
  }
  for (auto &[host, access] : buffers)
    token = gpu::DeallocOp::create(rewriter, loc, tokenType, ValueRange{token},
                                   deviceBuffers.lookup(host))
                .getAsyncToken();
  gpu::WaitOp::create(rewriter, loc, Type(), ValueRange{token});
  for (auto [host, contiguous] : stagedOut)
    memref::CopyOp::create(rewriter, loc, contiguous, host);
  for (Value contiguous : contiguousCopies)
    memref::DeallocOp::create(rewriter, loc, contiguous);

  rewriter.eraseOp(op);
}

std::optional<std::string>
patches::checkLinalgToGPULaunchOptions(int64_t blockSize,
                                       unsigned indexBitwidth) {
  if (blockSize < 1 || blockSize > 1024)
    return "block-size must be in [1, 1024], got " + std::to_string(blockSize);
  if (indexBitwidth != 32 && indexBitwidth != 64)
    return "index-bitwidth must be 32 or 64, got " +
           std::to_string(indexBitwidth);
  return std::nullopt;
}

namespace {
struct LinalgToGPULaunchPass
    : patches::impl::LinalgToGPULaunchBase<LinalgToGPULaunchPass> {
  using Base::Base;

  /// The options' first problem, if any.
  std::optional<std::string> checkOptions() const {
    return checkLinalgToGPULaunchOptions(blockSize, indexBitwidth);
  }

  /// Options given as text are checked as they are parsed, before any IR
  /// is read.
  LogicalResult initializeOptions(
      StringRef options,
      function_ref<LogicalResult(const Twine &)> errorHandler) override {
    if (failed(Base::initializeOptions(options, errorHandler)))
      return failure();
    if (std::optional<std::string> problem = checkOptions())
      return errorHandler(*problem);
    return success();
  }

  /// Options set from C++ (createLinalgToGPULaunch) are checked here.
  LogicalResult initialize(MLIRContext *context) override {
    if (std::optional<std::string> problem = checkOptions())
      return emitError(UnknownLoc::get(context)) << *problem;
    return success();
  }

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->getParentOfType<gpu::LaunchOp>())
        return;
      std::string why = whyNotAKernel(op);
      if (!why.empty()) {
        op->emitRemark("left on the host: ") << why;
        return;
      }
      ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops)
      KernelBuilder(op, blockSize, indexBitwidth).build(rewriter);
  }
};
} // namespace
