// baseline.cu - The reference points of the GPU benchmark for one case:
//
//  * memcpy: a device-to-device cudaMemcpy of as many bytes as the
//    extraction's output, the bound a memory-bound kernel can approach;
//  * im2col: a plain CUDA C++ kernel computing the same extraction (one
//    thread per output element, grid-stride loop, the index decomposed at
//    run time, 32-bit arithmetic where the output fits), built by nvcc.
//
// Usage (bench.py passes the geometry it computed):
//   baseline --rank N --input-shape A,B,.. --output-shape A,B,..
//            --lhs-layout B,F,S0,.. --out-layout B,F,S0,..
//            --filter k,.. --strides s,.. --pad-low l,.. --lhs-dilation d,..
//            --rhs-dilation r,.. [--iterations 20] [--block 256] [--check]
// Layouts give the dimension holding batch, feature and each canonical
// spatial dimension. Prints one line:
//   memcpy_ms=<t> im2col_ms=<t> output_bytes=<n> input_bytes=<n>
// (median times over the iterations). --check compares im2col's output with
// a CPU reference on a sample of elements.

#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#define CUDA_OK(expr)                                                          \
  do {                                                                         \
    cudaError_t error = (expr);                                                \
    if (error != cudaSuccess) {                                                \
      std::fprintf(stderr, "baseline: %s failed: %s\n", #expr,                 \
                   cudaGetErrorString(error));                                 \
      std::exit(1);                                                            \
    }                                                                          \
  } while (0)

constexpr int kMaxRank = 5; // 3 spatial dimensions + batch + feature

struct Geometry {
  int rank = 0; // spatial dimensions
  int64_t inSizes[kMaxRank], outSizes[kMaxRank];
  // Dimension of the input / output holding batch, feature, spatial j.
  int inBatch, inFeature, inSpatial[3];
  int outBatch, outFeature, outSpatial[3];
  int64_t filter[3], stride[3], padLow[3], lhsDilation[3], rhsDilation[3];
  int64_t windowVolume;
  int64_t inStrides[kMaxRank];
};

template <typename Index>
__global__ void im2col(const float *__restrict__ in, float *__restrict__ out,
                       Geometry g, Index total) {
  Index step = Index(gridDim.x) * blockDim.x;
  for (Index i = Index(blockIdx.x) * blockDim.x + threadIdx.x; i < total;
       i += step) {
    Index index[kMaxRank];
    Index rest = i;
    for (int d = g.rank + 1; d >= 0; --d) {
      index[d] = rest % Index(g.outSizes[d]);
      rest /= Index(g.outSizes[d]);
    }
    Index feature = index[g.outFeature];
    Index channel = feature / Index(g.windowVolume);
    Index position = feature % Index(g.windowVolume);
    Index offset = index[g.outBatch] * Index(g.inStrides[g.inBatch]) +
                   channel * Index(g.inStrides[g.inFeature]);
    bool inside = true;
    for (int j = g.rank - 1; j >= 0; --j) {
      Index w = position % Index(g.filter[j]);
      position /= Index(g.filter[j]);
      int64_t p = int64_t(index[g.outSpatial[j]]) * g.stride[j] +
                  int64_t(w) * g.rhsDilation[j] - g.padLow[j];
      int64_t q = p / g.lhsDilation[j];
      inside &= p >= 0 && p % g.lhsDilation[j] == 0 &&
                q < g.inSizes[g.inSpatial[j]];
      offset += Index(q) * Index(g.inStrides[g.inSpatial[j]]);
    }
    out[i] = inside ? in[offset] : 0.0f;
  }
}

static std::vector<int64_t> parseList(const char *text) {
  std::vector<int64_t> values;
  for (const char *p = text; *p;) {
    values.push_back(std::strtoll(p, const_cast<char **>(&p), 10));
    if (*p == ',')
      ++p;
  }
  return values;
}

static float median(std::vector<float> times) {
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

int main(int argc, char **argv) {
  Geometry g;
  std::vector<int64_t> inShape, outShape, lhsLayout, outLayout, filter,
      strides, padLow, lhsDilation, rhsDilation;
  int iterations = 20, block = 256;
  bool check = false;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    auto next = [&]() -> const char * {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "baseline: %s needs a value\n", flag.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (flag == "--rank") g.rank = std::atoi(next());
    else if (flag == "--input-shape") inShape = parseList(next());
    else if (flag == "--output-shape") outShape = parseList(next());
    else if (flag == "--lhs-layout") lhsLayout = parseList(next());
    else if (flag == "--out-layout") outLayout = parseList(next());
    else if (flag == "--filter") filter = parseList(next());
    else if (flag == "--strides") strides = parseList(next());
    else if (flag == "--pad-low") padLow = parseList(next());
    else if (flag == "--lhs-dilation") lhsDilation = parseList(next());
    else if (flag == "--rhs-dilation") rhsDilation = parseList(next());
    else if (flag == "--iterations") iterations = std::atoi(next());
    else if (flag == "--block") block = std::atoi(next());
    else if (flag == "--check") check = true;
    else {
      std::fprintf(stderr, "baseline: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  int n = g.rank;
  if (n < 1 || n > 3 || int(inShape.size()) != n + 2 ||
      int(outShape.size()) != n + 2 || int(lhsLayout.size()) != n + 2 ||
      int(outLayout.size()) != n + 2 || int(filter.size()) != n ||
      int(strides.size()) != n || int(padLow.size()) != n ||
      int(lhsDilation.size()) != n || int(rhsDilation.size()) != n) {
    std::fprintf(stderr, "baseline: inconsistent geometry arguments\n");
    return 2;
  }
  g.inBatch = lhsLayout[0];
  g.inFeature = lhsLayout[1];
  g.outBatch = outLayout[0];
  g.outFeature = outLayout[1];
  g.windowVolume = 1;
  for (int j = 0; j < n; ++j) {
    g.inSpatial[j] = lhsLayout[2 + j];
    g.outSpatial[j] = outLayout[2 + j];
    g.filter[j] = filter[j];
    g.stride[j] = strides[j];
    g.padLow[j] = padLow[j];
    g.lhsDilation[j] = lhsDilation[j];
    g.rhsDilation[j] = rhsDilation[j];
    g.windowVolume *= filter[j];
  }
  int64_t inElements = 1, outElements = 1;
  for (int d = n + 1; d >= 0; --d) {
    g.inSizes[d] = inShape[d];
    g.outSizes[d] = outShape[d];
    g.inStrides[d] = inElements;
    inElements *= inShape[d];
    outElements *= outShape[d];
  }
  size_t inBytes = inElements * sizeof(float);
  size_t outBytes = outElements * sizeof(float);

  std::vector<float> host(inElements);
  for (int64_t i = 0; i < inElements; ++i)
    host[i] = float(i % 1000 + 1);
  float *in = nullptr, *out = nullptr, *copy = nullptr;
  CUDA_OK(cudaMalloc(&in, inBytes));
  CUDA_OK(cudaMalloc(&out, outBytes));
  CUDA_OK(cudaMalloc(&copy, outBytes));
  CUDA_OK(cudaMemcpy(in, host.data(), inBytes, cudaMemcpyHostToDevice));
  CUDA_OK(cudaMemset(out, 0, outBytes));

  cudaEvent_t start, stop;
  CUDA_OK(cudaEventCreate(&start));
  CUDA_OK(cudaEventCreate(&stop));
  auto time = [&](auto &&work) {
    std::vector<float> times;
    for (int i = 0; i < iterations + 1; ++i) {
      CUDA_OK(cudaEventRecord(start));
      work();
      CUDA_OK(cudaEventRecord(stop));
      CUDA_OK(cudaEventSynchronize(stop));
      float ms = 0;
      CUDA_OK(cudaEventElapsedTime(&ms, start, stop));
      if (i > 0) // the first run warms up
        times.push_back(ms);
    }
    return median(times);
  };

  float memcpyMs = time([&] {
    CUDA_OK(cudaMemcpyAsync(copy, out, outBytes, cudaMemcpyDeviceToDevice));
  });
  int64_t blocks = std::min<int64_t>((outElements + block - 1) / block,
                                     (int64_t(1) << 31) - 1);
  bool narrow = 2 * outElements + block < (int64_t(1) << 31);
  float im2colMs = time([&] {
    if (narrow)
      im2col<uint32_t><<<blocks, block>>>(in, out, g, uint32_t(outElements));
    else
      im2col<uint64_t><<<blocks, block>>>(in, out, g, uint64_t(outElements));
    CUDA_OK(cudaGetLastError());
  });

  if (check) {
    // A sample of elements against a CPU evaluation of the same formula.
    std::vector<float> result(outElements);
    CUDA_OK(cudaMemcpy(result.data(), out, outBytes, cudaMemcpyDeviceToHost));
    std::mt19937_64 rng(1);
    for (int sample = 0; sample < 100000; ++sample) {
      int64_t i = rng() % outElements, rest = i, index[kMaxRank];
      for (int d = n + 1; d >= 0; --d) {
        index[d] = rest % outShape[d];
        rest /= outShape[d];
      }
      int64_t feature = index[g.outFeature];
      int64_t position = feature % g.windowVolume;
      int64_t offset = index[g.outBatch] * g.inStrides[g.inBatch] +
                       feature / g.windowVolume * g.inStrides[g.inFeature];
      bool inside = true;
      for (int j = n - 1; j >= 0; --j) {
        int64_t w = position % g.filter[j];
        position /= g.filter[j];
        int64_t p = index[g.outSpatial[j]] * g.stride[j] +
                    w * g.rhsDilation[j] - g.padLow[j];
        inside = inside && p >= 0 && p % g.lhsDilation[j] == 0 &&
                 p / g.lhsDilation[j] < g.inSizes[g.inSpatial[j]];
        if (inside)
          offset += p / g.lhsDilation[j] * g.inStrides[g.inSpatial[j]];
      }
      float expected = inside ? host[offset] : 0.0f;
      if (result[i] != expected) {
        std::fprintf(stderr, "baseline: im2col mismatch at %lld\n",
                     (long long)i);
        return 1;
      }
    }
  }

  std::printf("memcpy_ms=%.6f im2col_ms=%.6f output_bytes=%zu input_bytes=%zu\n",
              memcpyMs, im2colMs, outBytes, inBytes);
  CUDA_OK(cudaFree(in));
  CUDA_OK(cudaFree(out));
  CUDA_OK(cudaFree(copy));
  return 0;
}
