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

/// Grid and block sizes come as intptr_t, MLIR's index; CUDA takes unsigned.
PATCHES_CUDA_EXPORT void
mgpuLaunchKernel(CUfunction function, intptr_t gridX, intptr_t gridY,
                 intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                 intptr_t blockZ, int32_t sharedMemoryBytes, CUstream stream,
                 void **params, void **extra, size_t /*paramsCount*/) {
  ScopedContext scopedContext;
  for (intptr_t size : {gridX, gridY, gridZ, blockX, blockY, blockZ}) {
    if (size < 1 || size > INT32_MAX) {
      std::fprintf(stderr,
                   "patches_cuda_runtime: cuLaunchKernel(%s) not called: "
                   "grid %ldx%ldx%ld, block %ldx%ldx%ld is out of range\n",
                   getKernelName(function).c_str(), long(gridX), long(gridY),
                   long(gridZ), long(blockX), long(blockY), long(blockZ));
      std::fflush(stderr);
      std::_Exit(EXIT_FAILURE);
    }
  }
  CUevent start = nullptr, stop = nullptr;
  if (isProfiling()) {
    CUDA_CHECK(cuEventCreate(&start, CU_EVENT_DEFAULT));
    CUDA_CHECK(cuEventCreate(&stop, CU_EVENT_DEFAULT));
    CUDA_CHECK(cuEventRecord(start, stream));
  }
  CUresult result =
      cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                     sharedMemoryBytes, stream, params, extra);
  if (result != CUDA_SUCCESS) {
    std::string call = "cuLaunchKernel(" + getKernelName(function) + ")";
    reportAndExit(call.c_str(), result);
  }
  if (start) {
    CUDA_CHECK(cuEventRecord(stop, stream));
    CUDA_CHECK(cuEventSynchronize(stop));
    float milliseconds = 0;
    CUDA_CHECK(cuEventElapsedTime(&milliseconds, start, stop));
    std::fprintf(stderr,
                 "patches_cuda_runtime: profile kernel=%s grid=%ldx%ldx%ld "
                 "block=%ldx%ldx%ld ms=%.6f\n",
                 getKernelName(function).c_str(), long(gridX), long(gridY),
                 long(gridZ), long(blockX), long(blockY), long(blockZ),
                 milliseconds);
    CUDA_CHECK(cuEventDestroy(start));
    CUDA_CHECK(cuEventDestroy(stop));
  }
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
