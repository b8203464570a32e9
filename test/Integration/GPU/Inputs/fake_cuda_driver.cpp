//===- fake_cuda_driver.cpp - A logging stand-in for libcuda.so.1 ---------===//
//
// Part of patches, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Built as libcuda.so.1 and put first on LD_LIBRARY_PATH, it lets the CUDA
// runtime wrapper (libpatches_cuda_runtime.so) and the host code of
// patches-lower-to-nvvm run on machines without a GPU: every driver call the
// wrapper makes is logged on stderr ("fake-cuda: ..."), memory is host
// memory (device pointers are host pointers, as with unified addressing),
// and kernels are not run (their outputs keep whatever the copies put
// there). Tests check the log: the order of the calls, sizes, the launch
// configuration, the PTX loaded.
//
// FAKE_CUDA_FAIL=<function> makes that function fail with
// CUDA_ERROR_NO_DEVICE (100), to test the wrapper's error reports.
// FAKE_CUDA_PARAMS=<n> logs the first n kernel parameters of each launch as
// 8-byte values (pointers, i64).
//
// It declares the driver API itself with plain types (no cuda.h needed).
//
//===----------------------------------------------------------------------===//

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using CUresult = int;
using CUdeviceptr = unsigned long long;

namespace {
constexpr CUresult kSuccess = 0;
constexpr CUresult kNoDevice = 100;
int dummyContext, dummyModule, dummyStream, dummyEvent;

/// Fails `function` when FAKE_CUDA_FAIL names it.
CUresult result(const char *function) {
  const char *fail = std::getenv("FAKE_CUDA_FAIL");
  return fail && std::strcmp(fail, function) == 0 ? kNoDevice : kSuccess;
}

void log(const char *format, ...) __attribute__((format(printf, 1, 2)));

/// The first FAKE_CUDA_PARAMS parameters of a launch.
void logParams(void **params) {
  const char *count = std::getenv("FAKE_CUDA_PARAMS");
  if (!params || !count)
    return;
  for (int i = 0, e = std::atoi(count); i < e; ++i) {
    unsigned long long value = 0;
    std::memcpy(&value, params[i], sizeof(value));
    std::fprintf(stderr, "fake-cuda:   param %d = 0x%llx\n", i, value);
  }
}

void log(const char *format, ...) {
  va_list args;
  va_start(args, format);
  std::fprintf(stderr, "fake-cuda: ");
  std::vfprintf(stderr, format, args);
  std::fprintf(stderr, "\n");
  va_end(args);
}
} // namespace

extern "C" {

CUresult cuGetErrorName(CUresult error, const char **name) {
  *name = error == kNoDevice ? "CUDA_ERROR_NO_DEVICE" : nullptr;
  return *name ? kSuccess : 1;
}

CUresult cuGetErrorString(CUresult error, const char **text) {
  *text = error == kNoDevice ? "no CUDA-capable device is detected" : nullptr;
  return *text ? kSuccess : 1;
}

CUresult cuInit(unsigned flags) {
  log("cuInit");
  return result("cuInit");
}

CUresult cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return result("cuDeviceGet");
}

/// An sm_90 device: memory pools (115), 227 KiB of opt-in shared memory per
/// block (97).
CUresult cuDeviceGetAttribute(int *value, int attribute, int device) {
  switch (attribute) {
  case 97:
    *value = 227 * 1024;
    break;
  case 115:
    *value = 1;
    break;
  default:
    log("cuDeviceGetAttribute %d (unexpected)", attribute);
    *value = 0;
  }
  return result("cuDeviceGetAttribute");
}

CUresult cuDevicePrimaryCtxRetain(void **context, int device) {
  *context = &dummyContext;
  return result("cuDevicePrimaryCtxRetain");
}

CUresult cuCtxPushCurrent_v2(void *context) { return kSuccess; }
CUresult cuCtxPopCurrent_v2(void **context) {
  if (context)
    *context = &dummyContext;
  return kSuccess;
}

/// Logs the kind of image and, for PTX, its first entry point.
CUresult cuModuleLoadDataEx(void **module, const void *image,
                            unsigned numOptions, int *options, void **values) {
  const char *text = static_cast<const char *>(image);
  if (std::strncmp(text, "\177ELF", 4) == 0) {
    log("cuModuleLoadDataEx cubin");
  } else if (const char *entry = std::strstr(text, ".entry ")) {
    int length = std::strcspn(entry + 7, "( \n");
    log("cuModuleLoadDataEx ptx entry=%.*s target=%s", length, entry + 7,
        std::strstr(text, ".target sm_90") ? "sm_90" : "other");
  } else {
    log("cuModuleLoadDataEx other");
  }
  *module = &dummyModule;
  return result("cuModuleLoadDataEx");
}

CUresult cuModuleUnload(void *module) {
  log("cuModuleUnload");
  return result("cuModuleUnload");
}

CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  log("cuModuleGetFunction %s", name);
  *function = strdup(name); // the handle is the name, for cuLaunchKernel
  return result("cuModuleGetFunction");
}

CUresult cuLaunchKernel(void *function, unsigned gridX, unsigned gridY,
                        unsigned gridZ, unsigned blockX, unsigned blockY,
                        unsigned blockZ, unsigned sharedBytes, void *stream,
                        void **params, void **extra) {
  log("cuLaunchKernel %s grid=%ux%ux%u block=%ux%ux%u shared=%u params=%s",
      static_cast<const char *>(function), gridX, gridY, gridZ, blockX, blockY,
      blockZ, sharedBytes, params ? "yes" : "none");
  logParams(params);
  return result("cuLaunchKernel");
}

CUresult cuFuncSetAttribute(void *function, int attribute, int value) {
  log("cuFuncSetAttribute %s attribute=%d value=%d",
      static_cast<const char *>(function), attribute, value);
  return result("cuFuncSetAttribute");
}

/// CUlaunchConfig and CUlaunchAttribute as cuda.h lays them out.
struct LaunchAttribute {
  int id;
  char pad[4];
  union {
    char bytes[64];
    struct {
      unsigned x, y, z;
    } clusterDim;
  } value;
};
struct LaunchConfig {
  unsigned gridX, gridY, gridZ, blockX, blockY, blockZ, sharedBytes;
  void *stream;
  LaunchAttribute *attrs;
  unsigned numAttrs;
};

/// Logs the configuration and each attribute (4: the cluster dimension).
CUresult cuLaunchKernelEx(const LaunchConfig *config, void *function,
                          void **params, void **extra) {
  log("cuLaunchKernelEx %s grid=%ux%ux%u block=%ux%ux%u shared=%u params=%s "
      "attrs=%u",
      static_cast<const char *>(function), config->gridX, config->gridY,
      config->gridZ, config->blockX, config->blockY, config->blockZ,
      config->sharedBytes, params ? "yes" : "none", config->numAttrs);
  for (unsigned i = 0; i < config->numAttrs; ++i) {
    const LaunchAttribute &attr = config->attrs[i];
    if (attr.id == 4)
      log("  attr cluster=%ux%ux%u", attr.value.clusterDim.x,
          attr.value.clusterDim.y, attr.value.clusterDim.z);
    else
      log("  attr id=%d", attr.id);
  }
  logParams(params);
  return result("cuLaunchKernelEx");
}

/// Logs every argument; the map it writes holds the address and the
/// innermost size, so that different maps differ.
CUresult cuTensorMapEncodeTiled(uint64_t *map, int dataType, unsigned rank,
                                void *address, const uint64_t *dims,
                                const uint64_t *strides, const unsigned *box,
                                const unsigned *elementStrides, int interleave,
                                int swizzle, int l2Promotion, int oobFill) {
  char text[512];
  int length = std::snprintf(text, sizeof(text),
                             "cuTensorMapEncodeTiled type=%d rank=%u dims=",
                             dataType, rank);
  auto append = [&](const char *name, const auto *values, unsigned count) {
    length += std::snprintf(text + length, sizeof(text) - length, "%s[", name);
    for (unsigned i = 0; i < count; ++i)
      length += std::snprintf(text + length, sizeof(text) - length, "%s%llu",
                              i ? "," : "",
                              static_cast<unsigned long long>(values[i]));
    length += std::snprintf(text + length, sizeof(text) - length, "]");
  };
  append("", dims, rank);
  append(" strides=", strides, rank - 1);
  append(" box=", box, rank);
  append(" elementStrides=", elementStrides, rank);
  log("%s interleave=%d swizzle=%d l2promo=%d oob=%d aligned16=%s", text,
      interleave, swizzle, l2Promotion, oobFill,
      reinterpret_cast<uintptr_t>(address) % 16 == 0 ? "yes" : "no");
  std::memset(map, 0, 128);
  map[0] = reinterpret_cast<uintptr_t>(address);
  map[1] = dims[0];
  map[2] = box[0];
  return result("cuTensorMapEncodeTiled");
}

CUresult cuStreamCreate(void **stream, unsigned flags) {
  log("cuStreamCreate");
  *stream = &dummyStream;
  return result("cuStreamCreate");
}

CUresult cuStreamDestroy_v2(void *stream) {
  log("cuStreamDestroy");
  return result("cuStreamDestroy");
}

CUresult cuStreamSynchronize(void *stream) {
  log("cuStreamSynchronize");
  return result("cuStreamSynchronize");
}

CUresult cuStreamWaitEvent(void *stream, void *event, unsigned flags) {
  log("cuStreamWaitEvent");
  return result("cuStreamWaitEvent");
}

CUresult cuEventCreate(void **event, unsigned flags) {
  *event = &dummyEvent;
  return result("cuEventCreate");
}
CUresult cuEventDestroy_v2(void *event) { return kSuccess; }
CUresult cuEventRecord(void *event, void *stream) { return kSuccess; }
CUresult cuEventSynchronize(void *event) { return kSuccess; }
CUresult cuEventElapsedTime(float *milliseconds, void *start, void *stop) {
  *milliseconds = 0.5f;
  return result("cuEventElapsedTime");
}

CUresult cuMemAllocAsync(CUdeviceptr *pointer, size_t bytes, void *stream) {
  *pointer = reinterpret_cast<CUdeviceptr>(std::calloc(bytes, 1));
  log("cuMemAllocAsync %zu at=0x%llx", bytes, *pointer);
  return result("cuMemAllocAsync");
}

CUresult cuMemAlloc_v2(CUdeviceptr *pointer, size_t bytes) {
  *pointer = reinterpret_cast<CUdeviceptr>(std::calloc(bytes, 1));
  log("cuMemAlloc %zu at=0x%llx", bytes, *pointer);
  return result("cuMemAlloc");
}

CUresult cuMemAllocManaged(CUdeviceptr *pointer, size_t bytes, unsigned flags) {
  *pointer = reinterpret_cast<CUdeviceptr>(std::calloc(bytes, 1));
  log("cuMemAllocManaged %zu at=0x%llx", bytes, *pointer);
  return result("cuMemAllocManaged");
}

CUresult cuPointerGetAttribute(void *data, int attribute, CUdeviceptr pointer) {
  *static_cast<unsigned *>(data) = 0; // not managed
  return result("cuPointerGetAttribute");
}

CUresult cuMemFreeAsync(CUdeviceptr pointer, void *stream) {
  log("cuMemFreeAsync");
  std::free(reinterpret_cast<void *>(pointer));
  return result("cuMemFreeAsync");
}

CUresult cuMemFree_v2(CUdeviceptr pointer) {
  log("cuMemFree");
  std::free(reinterpret_cast<void *>(pointer));
  return result("cuMemFree");
}

CUresult cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t bytes,
                       void *stream) {
  log("cuMemcpyAsync %zu", bytes);
  std::memcpy(reinterpret_cast<void *>(dst), reinterpret_cast<void *>(src),
              bytes);
  return result("cuMemcpyAsync");
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t bytes) {
  log("cuMemcpyHtoD %zu to=0x%llx", bytes, dst);
  std::memcpy(reinterpret_cast<void *>(dst), src, bytes);
  return result("cuMemcpyHtoD");
}

CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned value, size_t count,
                          void *stream) {
  log("cuMemsetD32Async %zu", count);
  return result("cuMemsetD32Async");
}

CUresult cuMemsetD16Async(CUdeviceptr dst, unsigned short value, size_t count,
                          void *stream) {
  log("cuMemsetD16Async %zu", count);
  return result("cuMemsetD16Async");
}

CUresult cuMemHostRegister_v2(void *pointer, size_t bytes, unsigned flags) {
  log("cuMemHostRegister %zu", bytes);
  return result("cuMemHostRegister");
}

CUresult cuMemHostUnregister(void *pointer) {
  log("cuMemHostUnregister");
  return result("cuMemHostUnregister");
}

} // extern "C"
