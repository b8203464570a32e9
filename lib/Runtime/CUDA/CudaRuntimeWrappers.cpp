//===- CudaRuntimeWrappers.cpp - The mgpu* GPU runtime on CUDA ------------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The C entry points that host code lowered by `gpu-to-llvm` (and the
// gpu.binary translation) calls, implemented on the CUDA driver API, so that
// `mlir-runner -shared-libs=libpatches_cuda_runtime.so` runs the output of
// `patches-lower-to-nvvm` on an NVIDIA GPU. Debian's MLIR ships no such
// library.
//
// Every call runs in the primary context of the default device (0 unless
// `mgpuSetDefaultDevice` says otherwise), made current for its duration.
// Allocation is stream-ordered (cuMemAllocAsync/cuMemFreeAsync) where the
// device supports memory pools, so that a buffer is freed only after the
// work queued before on its stream. Any CUDA error is fatal: the runtime
// names the call and the CUresult and exits with status 1 at once (no
// destructors, which would call CUDA again), rather than let the program
// continue on a null module, function or pointer.
//
// With PATCHES_CUDA_PROFILE=1 in the environment, each kernel launch is timed
// with CUDA events and reported on stderr as
//   patches_cuda_runtime: profile kernel=<name> grid=XxYxZ block=XxYxZ ms=<t>
//
//===----------------------------------------------------------------------===//

#include <cuda.h>

// cuda.h of CUDA 12.8 and later maps cuEventElapsedTime to a _v2 entry point
// that older drivers lack; the original one is in every driver.
#undef cuEventElapsedTime
extern "C" CUresult CUDAAPI cuEventElapsedTime(float *pMilliseconds,
                                               CUevent hStart, CUevent hEnd);

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#define PATCHES_CUDA_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

[[noreturn]] void reportAndExit(const char *call, CUresult result,
                                const char *log = nullptr) {
  const char *name = nullptr;
  const char *text = nullptr;
  // Both fail only for an unknown code (or when cuInit itself failed).
  if (cuGetErrorName(result, &name) != CUDA_SUCCESS || !name)
    name = "unknown CUresult";
  if (cuGetErrorString(result, &text) != CUDA_SUCCESS || !text)
    text = "";
  std::fprintf(stderr, "patches_cuda_runtime: %s failed: %s (%d): %s\n", call,
               name, static_cast<int>(result), text);
  if (log && *log)
    std::fprintf(stderr, "patches_cuda_runtime: JIT log:\n%s\n", log);
  std::fflush(stderr);
  std::_Exit(EXIT_FAILURE);
}

void check(CUresult result, const char *call, const char *log = nullptr) {
  if (result != CUDA_SUCCESS)
    reportAndExit(call, result, log);
}

#define CUDA_CHECK(expr) check((expr), #expr)

//===----------------------------------------------------------------------===//
// Context
//===----------------------------------------------------------------------===//

int32_t defaultDevice = 0;

struct DeviceState {
  CUdevice device = 0;
  CUcontext context = nullptr;
  bool hasMemoryPools = false;
};

std::mutex stateMutex;
std::map<int32_t, DeviceState> devices;

/// The primary context of the default device, retained on first use.
const DeviceState &getDeviceState() {
  std::lock_guard<std::mutex> lock(stateMutex);
  auto it = devices.find(defaultDevice);
  if (it != devices.end())
    return it->second;
  CUDA_CHECK(cuInit(0));
  DeviceState state;
  CUDA_CHECK(cuDeviceGet(&state.device, defaultDevice));
  CUDA_CHECK(cuDevicePrimaryCtxRetain(&state.context, state.device));
  int pools = 0;
  CUDA_CHECK(cuDeviceGetAttribute(
      &pools, CU_DEVICE_ATTRIBUTE_MEMORY_POOLS_SUPPORTED, state.device));
  state.hasMemoryPools = pools != 0;
  return devices.emplace(defaultDevice, state).first->second;
}

/// Makes the default device's context current for one entry point and
/// restores the caller's afterwards.
class ScopedContext {
public:
  ScopedContext() : state(getDeviceState()) {
    CUDA_CHECK(cuCtxPushCurrent(state.context));
  }
  ~ScopedContext() {
    CUcontext popped = nullptr;
    CUDA_CHECK(cuCtxPopCurrent(&popped));
  }
  const DeviceState &state;
};

//===----------------------------------------------------------------------===//
// Profiling
//===----------------------------------------------------------------------===//

bool isProfiling() {
  static const bool profiling = [] {
    const char *value = std::getenv("PATCHES_CUDA_PROFILE");
    return value && *value && std::strcmp(value, "0") != 0;
  }();
  return profiling;
}

std::mutex namesMutex;
std::map<CUfunction, std::string> kernelNames;

std::string getKernelName(CUfunction function) {
  std::lock_guard<std::mutex> lock(namesMutex);
  auto it = kernelNames.find(function);
  return it == kernelNames.end() ? "<unknown>" : it->second;
}

/// Loads a module image, reporting the JIT's error log when loading fails.
CUmodule loadModule(const void *image, const char *call, int optLevel) {
  ScopedContext scopedContext;
  char errorLog[8192] = {0};
  CUjit_option options[3];
  void *values[3];
  unsigned numOptions = 0;
  options[numOptions] = CU_JIT_ERROR_LOG_BUFFER;
  values[numOptions++] = errorLog;
  options[numOptions] = CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES;
  values[numOptions++] =
      reinterpret_cast<void *>(static_cast<uintptr_t>(sizeof(errorLog)));
  if (optLevel >= 0) {
    options[numOptions] = CU_JIT_OPTIMIZATION_LEVEL;
    values[numOptions++] =
        reinterpret_cast<void *>(static_cast<uintptr_t>(optLevel));
  }
  CUmodule module = nullptr;
  check(cuModuleLoadDataEx(&module, image, numOptions, options, values), call,
        errorLog);
  return module;
}

} // namespace

//===----------------------------------------------------------------------===//
// Modules and kernels
//===----------------------------------------------------------------------===//

/// Loads a cubin or fatbinary (`size` bytes; CUDA reads the size from the
/// image itself).
PATCHES_CUDA_EXPORT CUmodule mgpuModuleLoad(void *data, size_t /*size*/) {
  return loadModule(data, "cuModuleLoadDataEx (cubin/fatbin)",
                    /*optLevel=*/-1);
}

/// Loads NUL-terminated PTX, JIT-compiled by the driver at `optLevel`.
PATCHES_CUDA_EXPORT CUmodule mgpuModuleLoadJIT(void *data, int optLevel) {
  if (optLevel < 0 || optLevel > 4)
    optLevel = 4;
  return loadModule(data, "cuModuleLoadDataEx (PTX JIT)", optLevel);
}

PATCHES_CUDA_EXPORT void mgpuModuleUnload(CUmodule module) {
  ScopedContext scopedContext;
  CUDA_CHECK(cuModuleUnload(module));
}

PATCHES_CUDA_EXPORT CUfunction mgpuModuleGetFunction(CUmodule module,
                                                     const char *name) {
  ScopedContext scopedContext;
  CUfunction function = nullptr;
  CUresult result = cuModuleGetFunction(&function, module, name);
  if (result != CUDA_SUCCESS) {
    std::string call = std::string("cuModuleGetFunction(\"") + name + "\")";
    reportAndExit(call.c_str(), result);
  }
  std::lock_guard<std::mutex> lock(namesMutex);
  kernelNames[function] = name;
  return function;
}

namespace {

/// The sizes of one launch, as the lowered host code passes them (MLIR's
/// index is intptr_t; CUDA takes unsigned).
struct LaunchSizes {
  intptr_t cluster[3];
  intptr_t grid[3];
  intptr_t block[3];
  bool hasCluster;
};

std::string formatSizes(const intptr_t (&sizes)[3]) {
  char text[96];
  std::snprintf(text, sizeof(text), "%ldx%ldx%ld", long(sizes[0]),
                long(sizes[1]), long(sizes[2]));
  return text;
}

std::string formatLaunch(const LaunchSizes &sizes) {
  std::string text;
  if (sizes.hasCluster)
    text += "cluster=" + formatSizes(sizes.cluster) + " ";
  return text + "grid=" + formatSizes(sizes.grid) +
         " block=" + formatSizes(sizes.block);
}

[[noreturn]] void reportLaunchAndExit(const char *call, CUfunction function,
                                      const std::string &why) {
  std::fprintf(stderr, "patches_cuda_runtime: %s(%s) not called: %s\n", call,
               getKernelName(function).c_str(), why.c_str());
  std::fflush(stderr);
  std::_Exit(EXIT_FAILURE);
}

/// Checks what the driver would reject with a bare CUDA_ERROR_INVALID_VALUE,
/// so that the report names the sizes: every size in [1, 2^31 - 1] and, for a
/// cluster launch, a grid that is a whole number of clusters.
void checkLaunchSizes(const char *call, CUfunction function,
                      const LaunchSizes &sizes) {
  auto inRange = [](const intptr_t(&dims)[3]) {
    for (intptr_t size : dims)
      if (size < 1 || size > INT32_MAX)
        return false;
    return true;
  };
  if (!inRange(sizes.grid) || !inRange(sizes.block) ||
      (sizes.hasCluster && !inRange(sizes.cluster)))
    reportLaunchAndExit(call, function,
                        formatLaunch(sizes) + " is out of range");
  if (!sizes.hasCluster)
    return;
  for (int dim = 0; dim < 3; ++dim)
    if (sizes.grid[dim] % sizes.cluster[dim] != 0)
      reportLaunchAndExit(call, function,
                          formatLaunch(sizes) +
                              ": the grid is not a whole number of clusters");
}

/// Dynamic shared memory beyond the 48 KiB every kernel may use needs the
/// function's opt-in, up to the device's limit (227 KiB on sm_90).
void prepareDynamicSharedMemory(const char *call, CUfunction function,
                                int32_t sharedMemoryBytes,
                                const DeviceState &state) {
  constexpr int32_t kDefaultLimit = 48 * 1024;
  if (sharedMemoryBytes < 0)
    reportLaunchAndExit(call, function,
                        "negative dynamic shared memory size " +
                            std::to_string(sharedMemoryBytes));
  if (sharedMemoryBytes <= kDefaultLimit)
    return;
  int optInLimit = 0;
  CUDA_CHECK(cuDeviceGetAttribute(
      &optInLimit, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN,
      state.device));
  if (sharedMemoryBytes > optInLimit)
    reportLaunchAndExit(call, function,
                        std::to_string(sharedMemoryBytes) +
                            " bytes of dynamic shared memory exceed the "
                            "device's limit of " +
                            std::to_string(optInLimit));
  CUDA_CHECK(cuFuncSetAttribute(function,
                                CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                                sharedMemoryBytes));
}

/// Runs `launch` (which returns the driver's result), timed with events and
/// reported when profiling.
template <typename Launch>
void launchAndProfile(const char *call, CUfunction function,
                      const LaunchSizes &sizes, CUstream stream,
                      Launch launch) {
  CUevent start = nullptr, stop = nullptr;
  if (isProfiling()) {
    CUDA_CHECK(cuEventCreate(&start, CU_EVENT_DEFAULT));
    CUDA_CHECK(cuEventCreate(&stop, CU_EVENT_DEFAULT));
    CUDA_CHECK(cuEventRecord(start, stream));
  }
  CUresult result = launch();
  if (result != CUDA_SUCCESS) {
    std::string what = std::string(call) + "(" + getKernelName(function) + ")";
    reportAndExit(what.c_str(), result);
  }
  if (!start)
    return;
  CUDA_CHECK(cuEventRecord(stop, stream));
  CUDA_CHECK(cuEventSynchronize(stop));
  float milliseconds = 0;
  CUDA_CHECK(cuEventElapsedTime(&milliseconds, start, stop));
  std::fprintf(stderr, "patches_cuda_runtime: profile kernel=%s %s ms=%.6f\n",
               getKernelName(function).c_str(), formatLaunch(sizes).c_str(),
               milliseconds);
  CUDA_CHECK(cuEventDestroy(start));
  CUDA_CHECK(cuEventDestroy(stop));
}

} // namespace

/// What the translation of `gpu.launch_func` calls for a launch without
/// clusters.
PATCHES_CUDA_EXPORT void
mgpuLaunchKernel(CUfunction function, intptr_t gridX, intptr_t gridY,
                 intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                 intptr_t blockZ, int32_t sharedMemoryBytes, CUstream stream,
                 void **params, void **extra, size_t /*paramsCount*/) {
  ScopedContext scopedContext;
  LaunchSizes sizes = {{1, 1, 1},
                       {gridX, gridY, gridZ},
                       {blockX, blockY, blockZ},
                       /*hasCluster=*/false};
  checkLaunchSizes("cuLaunchKernel", function, sizes);
  prepareDynamicSharedMemory("cuLaunchKernel", function, sharedMemoryBytes,
                             scopedContext.state);
  launchAndProfile("cuLaunchKernel", function, sizes, stream, [&] {
    return cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                          sharedMemoryBytes, stream, params, extra);
  });
}

/// What the translation of `gpu.launch_func ... clusters in (x, y, z)` calls
/// (sm_90 and later): `cuLaunchKernelEx` with the cluster dimension as a
/// launch attribute. The grid counts blocks, as without clusters; each of
/// its dimensions must be a multiple of the cluster's. A cluster of more
/// than 8 blocks (the portable limit) needs the function's opt-in, which is
/// given; the device may still refuse it (sm_90 allows 16).
PATCHES_CUDA_EXPORT void mgpuLaunchClusterKernel(
    CUfunction function, intptr_t clusterX, intptr_t clusterY,
    intptr_t clusterZ, intptr_t gridX, intptr_t gridY, intptr_t gridZ,
    intptr_t blockX, intptr_t blockY, intptr_t blockZ,
    int32_t sharedMemoryBytes, CUstream stream, void **params, void **extra) {
  ScopedContext scopedContext;
  LaunchSizes sizes = {{clusterX, clusterY, clusterZ},
                       {gridX, gridY, gridZ},
                       {blockX, blockY, blockZ},
                       /*hasCluster=*/true};
  checkLaunchSizes("cuLaunchKernelEx", function, sizes);
  prepareDynamicSharedMemory("cuLaunchKernelEx", function, sharedMemoryBytes,
                             scopedContext.state);
  constexpr intptr_t kPortableClusterBlocks = 8;
  // (Each size is at most 8 before the product is taken: no overflow.)
  if (clusterX > kPortableClusterBlocks || clusterY > kPortableClusterBlocks ||
      clusterZ > kPortableClusterBlocks ||
      clusterX * clusterY * clusterZ > kPortableClusterBlocks)
    CUDA_CHECK(cuFuncSetAttribute(
        function, CU_FUNC_ATTRIBUTE_NON_PORTABLE_CLUSTER_SIZE_ALLOWED, 1));

  CUlaunchAttribute attribute;
  std::memset(&attribute, 0, sizeof(attribute));
  attribute.id = CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION;
  attribute.value.clusterDim.x = static_cast<unsigned>(clusterX);
  attribute.value.clusterDim.y = static_cast<unsigned>(clusterY);
  attribute.value.clusterDim.z = static_cast<unsigned>(clusterZ);
  CUlaunchConfig config;
  std::memset(&config, 0, sizeof(config));
  config.gridDimX = static_cast<unsigned>(gridX);
  config.gridDimY = static_cast<unsigned>(gridY);
  config.gridDimZ = static_cast<unsigned>(gridZ);
  config.blockDimX = static_cast<unsigned>(blockX);
  config.blockDimY = static_cast<unsigned>(blockY);
  config.blockDimZ = static_cast<unsigned>(blockZ);
  config.sharedMemBytes = static_cast<unsigned>(sharedMemoryBytes);
  config.hStream = stream;
  config.attrs = &attribute;
  config.numAttrs = 1;
  launchAndProfile("cuLaunchKernelEx", function, sizes, stream, [&] {
    return cuLaunchKernelEx(&config, function, params, extra);
  });
}

//===----------------------------------------------------------------------===//
// Streams and events
//===----------------------------------------------------------------------===//

PATCHES_CUDA_EXPORT CUstream mgpuStreamCreate() {
  ScopedContext scopedContext;
  CUstream stream = nullptr;
  CUDA_CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
  return stream;
}

PATCHES_CUDA_EXPORT void mgpuStreamDestroy(CUstream stream) {
  ScopedContext scopedContext;
  CUDA_CHECK(cuStreamDestroy(stream));
}

/// Also where errors of asynchronous work (a faulting kernel) surface.
PATCHES_CUDA_EXPORT void mgpuStreamSynchronize(CUstream stream) {
  ScopedContext scopedContext;
  CUDA_CHECK(cuStreamSynchronize(stream));
}

PATCHES_CUDA_EXPORT void mgpuStreamWaitEvent(CUstream stream, CUevent event) {
  ScopedContext scopedContext;
  CUDA_CHECK(cuStreamWaitEvent(stream, event, 0));
}

PATCHES_CUDA_EXPORT CUevent mgpuEventCreate() {
  ScopedContext scopedContext;
  CUevent event = nullptr;
  CUDA_CHECK(cuEventCreate(&event, CU_EVENT_DISABLE_TIMING));
  return event;
}

PATCHES_CUDA_EXPORT void mgpuEventDestroy(CUevent event) {
  ScopedContext scopedContext;
  CUDA_CHECK(cuEventDestroy(event));
}

PATCHES_CUDA_EXPORT void mgpuEventSynchronize(CUevent event) {
  ScopedContext scopedContext;
  CUDA_CHECK(cuEventSynchronize(event));
}

PATCHES_CUDA_EXPORT void mgpuEventRecord(CUevent event, CUstream stream) {
  ScopedContext scopedContext;
  CUDA_CHECK(cuEventRecord(event, stream));
}

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

/// Device memory, ordered on `stream` where the device has memory pools;
/// managed memory where `isHostShared`. Zero bytes give a null pointer
/// (CUDA rejects empty allocations; an empty buffer is never accessed).
PATCHES_CUDA_EXPORT void *mgpuMemAlloc(uint64_t sizeBytes, CUstream stream,
                                       bool isHostShared) {
  ScopedContext scopedContext;
  if (sizeBytes == 0)
    return nullptr;
  CUdeviceptr pointer = 0;
  if (isHostShared)
    CUDA_CHECK(cuMemAllocManaged(&pointer, sizeBytes, CU_MEM_ATTACH_GLOBAL));
  else if (scopedContext.state.hasMemoryPools)
    CUDA_CHECK(cuMemAllocAsync(&pointer, sizeBytes, stream));
  else
    CUDA_CHECK(cuMemAlloc(&pointer, sizeBytes));
  return reinterpret_cast<void *>(pointer);
}

PATCHES_CUDA_EXPORT void mgpuMemFree(void *pointer, CUstream stream) {
  if (!pointer)
    return;
  ScopedContext scopedContext;
  auto devicePointer = reinterpret_cast<CUdeviceptr>(pointer);
  unsigned isManaged = 0;
  CUDA_CHECK(cuPointerGetAttribute(&isManaged, CU_POINTER_ATTRIBUTE_IS_MANAGED,
                                   devicePointer));
  if (!isManaged && scopedContext.state.hasMemoryPools) {
    CUDA_CHECK(cuMemFreeAsync(devicePointer, stream));
    return;
  }
  // Without stream ordering, let the work queued on the buffer finish first.
  CUDA_CHECK(cuStreamSynchronize(stream));
  CUDA_CHECK(cuMemFree(devicePointer));
}

/// Any direction: host and device pointers share one address space.
PATCHES_CUDA_EXPORT void mgpuMemcpy(void *dst, void *src, size_t sizeBytes,
                                    CUstream stream) {
  if (sizeBytes == 0)
    return;
  ScopedContext scopedContext;
  CUDA_CHECK(cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                           reinterpret_cast<CUdeviceptr>(src), sizeBytes,
                           stream));
}

/// `count` elements of 4 bytes.
PATCHES_CUDA_EXPORT void mgpuMemset32(void *dst, unsigned int value,
                                      size_t count, CUstream stream) {
  if (count == 0)
    return;
  ScopedContext scopedContext;
  CUDA_CHECK(cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                              stream));
}

/// `count` elements of 2 bytes.
PATCHES_CUDA_EXPORT void mgpuMemset16(void *dst, unsigned short value,
                                      size_t count, CUstream stream) {
  if (count == 0)
    return;
  ScopedContext scopedContext;
  CUDA_CHECK(cuMemsetD16Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                              stream));
}

PATCHES_CUDA_EXPORT void mgpuMemHostRegister(void *pointer,
                                             uint64_t sizeBytes) {
  if (sizeBytes == 0)
    return;
  ScopedContext scopedContext;
  CUDA_CHECK(cuMemHostRegister(pointer, sizeBytes, 0));
}

PATCHES_CUDA_EXPORT void mgpuMemHostUnregister(void *pointer) {
  ScopedContext scopedContext;
  CUDA_CHECK(cuMemHostUnregister(pointer));
}

namespace {
/// A ranked memref descriptor: {allocated, aligned, offset, sizes[rank],
/// strides[rank]}.
struct MemRefDescriptor {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t sizesAndStrides[1];
};

/// The first byte and the byte size of a dense memref.
std::pair<char *, uint64_t> getDenseRange(int64_t rank,
                                          MemRefDescriptor *descriptor,
                                          int64_t elementSizeBytes) {
  const int64_t *sizes = descriptor->sizesAndStrides;
  const int64_t *strides = sizes + rank;
  uint64_t elements = 1;
  for (int64_t dim = rank - 1; dim >= 0; --dim) {
    if (sizes[dim] != 1 && strides[dim] != static_cast<int64_t>(elements)) {
      std::fprintf(stderr, "patches_cuda_runtime: mgpuMemHostRegisterMemRef "
                           "needs a dense, row-major memref\n");
      std::fflush(stderr);
      std::_Exit(EXIT_FAILURE);
    }
    elements *= sizes[dim];
  }
  return {descriptor->aligned + descriptor->offset * elementSizeBytes,
          elements * elementSizeBytes};
}
} // namespace

PATCHES_CUDA_EXPORT void mgpuMemHostRegisterMemRef(int64_t rank,
                                                   MemRefDescriptor *descriptor,
                                                   int64_t elementSizeBytes) {
  auto [pointer, sizeBytes] = getDenseRange(rank, descriptor, elementSizeBytes);
  mgpuMemHostRegister(pointer, sizeBytes);
}

PATCHES_CUDA_EXPORT void
mgpuMemHostUnregisterMemRef(int64_t rank, MemRefDescriptor *descriptor,
                            int64_t elementSizeBytes) {
  auto [pointer, sizeBytes] = getDenseRange(rank, descriptor, elementSizeBytes);
  if (sizeBytes != 0)
    mgpuMemHostUnregister(pointer);
}

PATCHES_CUDA_EXPORT void mgpuSetDefaultDevice(int32_t device) {
  defaultDevice = device;
}

//===----------------------------------------------------------------------===//
// Tensor maps (TMA, sm_90 and later)
//===----------------------------------------------------------------------===//

namespace {

/// Bytes per element of each CUtensorMapDataType that has whole bytes (the
/// packed 4- and 6-bit types of CUDA 12.8 have none and are not taken).
int64_t getTensorMapElementBytes(int64_t dataType) {
  static constexpr int64_t kBytes[] = {
      1, // UINT8
      2, // UINT16
      4, // UINT32
      4, // INT32
      8, // UINT64
      8, // INT64
      2, // FLOAT16
      4, // FLOAT32
      8, // FLOAT64
      2, // BFLOAT16
      4, // FLOAT32_FTZ
      4, // TFLOAT32
      4, // TFLOAT32_FTZ
  };
  if (dataType < 0 || dataType >= int64_t(sizeof(kBytes) / sizeof(kBytes[0])))
    return 0;
  return kBytes[dataType];
}

/// The arguments of one cuTensorMapEncodeTiled call, innermost dimension
/// first as the driver wants them.
struct TiledTensorMap {
  int64_t dataType = 0;
  uint32_t rank = 0;
  void *globalAddress = nullptr;
  cuuint64_t globalDim[5] = {1, 1, 1, 1, 1};
  cuuint64_t globalStrides[4] = {0, 0, 0, 0};
  cuuint32_t boxDim[5] = {1, 1, 1, 1, 1};
  cuuint32_t elementStrides[5] = {1, 1, 1, 1, 1};
  int64_t interleave = 0, swizzle = 0, l2Promotion = 0, oobFill = 0;
};

std::string formatList(const char *name, const cuuint64_t *values,
                       uint32_t count) {
  std::string text = std::string(name) + "=[";
  for (uint32_t i = 0; i < count; ++i)
    text += (i ? "," : "") + std::to_string(values[i]);
  return text + "]";
}

std::string formatList(const char *name, const cuuint32_t *values,
                       uint32_t count) {
  cuuint64_t wide[5];
  for (uint32_t i = 0; i < count; ++i)
    wide[i] = values[i];
  return formatList(name, wide, count);
}

/// The encoder's arguments in one line, for error reports.
std::string formatTensorMap(const TiledTensorMap &map) {
  char head[160];
  std::snprintf(head, sizeof(head), "rank=%u type=%ld address=%p ", map.rank,
                long(map.dataType), map.globalAddress);
  char tail[128];
  std::snprintf(tail, sizeof(tail),
                " interleave=%ld swizzle=%ld l2promo=%ld oob=%ld",
                long(map.interleave), long(map.swizzle), long(map.l2Promotion),
                long(map.oobFill));
  uint32_t strides = map.rank ? map.rank - 1 : 0;
  return head + formatList("dims", map.globalDim, map.rank) + " " +
         formatList("strides", map.globalStrides, strides) + " " +
         formatList("box", map.boxDim, map.rank) + tail;
}

[[noreturn]] void reportTensorMapAndExit(const std::string &why) {
  std::fprintf(stderr,
               "patches_cuda_runtime: mgpuTensorMapEncodeTiledMemref: %s\n",
               why.c_str());
  std::fflush(stderr);
  std::_Exit(EXIT_FAILURE);
}

/// Device copies of the tensor maps encoded so far, by content: kernels read
/// a map through a pointer into global memory, and the lowered code never
/// frees one, so identical maps (a descriptor created in a loop) share one
/// copy instead of each leaking 128 bytes of device memory.
std::mutex tensorMapsMutex;
std::map<std::pair<int32_t, std::string>, CUdeviceptr> tensorMaps;

} // namespace

/// What nvgpu.tma.create.descriptor lowers to (convert-nvgpu-to-nvvm): a
/// tensor map for the memref `descriptor` of rank `rank` (a ranked memref
/// descriptor, as an unranked memref carries it) in device memory, and the
/// box `boxDims` (outermost first, like the memref's sizes), the CUDA enum
/// values as i64. Returns the tensor map's address in device memory, for a
/// kernel argument. The memref must be in device memory (or managed), have a
/// contiguous innermost dimension and 16-byte aligned outer strides; the
/// driver checks the rest (box of at most 256 per dimension, its innermost
/// bytes within the swizzle span, ...).
PATCHES_CUDA_EXPORT void *
mgpuTensorMapEncodeTiledMemref(int64_t rank, MemRefDescriptor *descriptor,
                               int64_t dataType, int64_t interleave,
                               int64_t swizzle, int64_t l2Promotion,
                               int64_t oobFill, int64_t *boxDims) {
  if (rank < 1 || rank > 5)
    reportTensorMapAndExit("rank " + std::to_string(rank) +
                           " is not in [1, 5]");
  int64_t elementBytes = getTensorMapElementBytes(dataType);
  if (elementBytes == 0)
    reportTensorMapAndExit("unsupported CUtensorMapDataType " +
                           std::to_string(dataType));

  const int64_t *sizes = descriptor->sizesAndStrides;
  const int64_t *strides = sizes + rank;
  TiledTensorMap map;
  map.dataType = dataType;
  map.rank = static_cast<uint32_t>(rank);
  map.globalAddress = descriptor->aligned + descriptor->offset * elementBytes;
  map.interleave = interleave;
  map.swizzle = swizzle;
  map.l2Promotion = l2Promotion;
  map.oobFill = oobFill;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t dim = rank - 1 - i; // the driver's dimension i, memref's `dim`
    map.globalDim[i] = static_cast<cuuint64_t>(sizes[dim]);
    map.boxDim[i] = static_cast<cuuint32_t>(boxDims[dim]);
    if (i > 0)
      map.globalStrides[i - 1] =
          static_cast<cuuint64_t>(strides[dim] * elementBytes);
  }
  for (int64_t dim = 0; dim < rank; ++dim)
    if (boxDims[dim] < 1 || boxDims[dim] > 256)
      reportTensorMapAndExit("box dimension " + std::to_string(dim) + " is " +
                             std::to_string(boxDims[dim]) +
                             ", not in [1, 256]");
  if (strides[rank - 1] != 1 && sizes[rank - 1] != 1)
    reportTensorMapAndExit("the innermost dimension has stride " +
                           std::to_string(strides[rank - 1]) +
                           ", a tensor map needs 1: " + formatTensorMap(map));

  CUtensorMap tensorMap;
  std::memset(&tensorMap, 0, sizeof(tensorMap));
  {
    ScopedContext scopedContext;
    CUresult result = cuTensorMapEncodeTiled(
        &tensorMap, static_cast<CUtensorMapDataType>(dataType), map.rank,
        map.globalAddress, map.globalDim, map.globalStrides, map.boxDim,
        map.elementStrides, static_cast<CUtensorMapInterleave>(interleave),
        static_cast<CUtensorMapSwizzle>(swizzle),
        static_cast<CUtensorMapL2promotion>(l2Promotion),
        static_cast<CUtensorMapFloatOOBfill>(oobFill));
    if (result != CUDA_SUCCESS) {
      std::string call = "cuTensorMapEncodeTiled(" + formatTensorMap(map) + ")";
      reportAndExit(call.c_str(), result);
    }
  }

  std::string bytes(reinterpret_cast<const char *>(&tensorMap),
                    sizeof(tensorMap));
  std::lock_guard<std::mutex> lock(tensorMapsMutex);
  auto key = std::make_pair(defaultDevice, bytes);
  auto it = tensorMaps.find(key);
  if (it != tensorMaps.end())
    return reinterpret_cast<void *>(it->second);
  ScopedContext scopedContext;
  CUdeviceptr deviceMap = 0;
  CUDA_CHECK(cuMemAlloc(&deviceMap, sizeof(tensorMap)));
  CUDA_CHECK(cuMemcpyHtoD(deviceMap, &tensorMap, sizeof(tensorMap)));
  tensorMaps.emplace(key, deviceMap);
  return reinterpret_cast<void *>(deviceMap);
}
