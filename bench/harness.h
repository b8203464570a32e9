// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// The benchmark's view of a case, of MLIR's memref calling convention, and
// the input and checksum that both routes (the linked code and the JIT
// drivers that gen_bench.py writes) compute the same way.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

struct BenchCase {
  const char *name;
  int n;                 // spatial dims
  int64_t in[5], out[5]; // shapes (rank n + 2)
  int64_t filter[3], stride[3], padLo[3], padHi[3], lhsDil[3], rhsDil[3];
  int lhsBatch, lhsFeature, lhsSpatial[3];
  int outBatch, outFeature, outSpatial[3];
  bool defaultLayout;
};

using CompiledFn = void (*)(void *in, void *out);

// A ranked memref descriptor: {allocated, aligned, offset, sizes[r],
// strides[r]}.
inline std::vector<int64_t> makeDescriptor(float *data, const int64_t *shape,
                                           int rank) {
  std::vector<int64_t> d(3 + 2 * rank);
  d[0] = reinterpret_cast<int64_t>(data);
  d[1] = reinterpret_cast<int64_t>(data);
  d[2] = 0;
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    d[3 + i] = shape[i];
    d[3 + rank + i] = stride;
    stride *= shape[i];
  }
  return d;
}

// The input element at row-major position i: an integer in [-1000, 1000]
// from a multiplicative hash of i (gen_bench.py's JIT driver writes the same
// arithmetic in MLIR).
inline float inputValue(uint64_t i) {
  uint64_t h = (i * 2654435761u) & 0xffffffffu;
  return float(int64_t((h >> 11) % 2001) - 1000);
}

// Sum over i of (bits of out[i] + 0.0f) * (i + 1), modulo 2^64: equal for
// equal values in the same places (+ 0.0f makes -0.0 +0.0, as the conv
// strategy may flip the sign of zero). The JIT driver computes the same.
inline uint64_t checksum(const float *out, uint64_t elements) {
  uint64_t sum = 0;
  for (uint64_t i = 0; i < elements; ++i) {
    float v = out[i] + 0.0f;
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof(bits));
    sum += uint64_t(bits) * (i + 1);
  }
  return sum;
}
