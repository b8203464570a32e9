// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// The benchmark's view of a case and of MLIR's memref calling convention.
#pragma once
#include <cstdint>
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
