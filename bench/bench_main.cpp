// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// CPU benchmark of patches.extract: the compiled gather (1 thread and all
// cores), the compiled conv strategy, memcpy of the output bytes (the bound)
// and a plain C++ reference loop nest, on the same inputs in one run. Every
// compiled result is checked against the reference before it is timed.
#include "cases.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <thread>

static int64_t product(const int64_t *v, int n) {
  int64_t p = 1;
  for (int i = 0; i < n; ++i)
    p *= v[i];
  return p;
}

static std::vector<int64_t> rowMajorStrides(const int64_t *shape, int rank) {
  std::vector<int64_t> s(rank);
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    s[i] = stride;
    stride *= shape[i];
  }
  return s;
}

// The plain reference: loops over (b, c, window, output position), in an
// order that writes the output sequentially for its layout, with the bounds
// test inline. Missing spatial dims have size 1.
static void reference(const BenchCase &c, const float *in, float *out) {
  int rank = c.n + 2;
  std::vector<int64_t> is = rowMajorStrides(c.in, rank),
                       os = rowMajorStrides(c.out, rank);
  int64_t K = product(c.filter, c.n);
  int64_t k3[3] = {1, 1, 1}, o3[3] = {1, 1, 1}, d3[3] = {1, 1, 1},
          s3[3] = {1, 1, 1}, r3[3] = {1, 1, 1}, l3[3] = {1, 1, 1},
          lo3[3] = {0, 0, 0}, ist[3] = {0, 0, 0}, ost[3] = {0, 0, 0};
  for (int j = 0; j < c.n; ++j) {
    int t = 3 - c.n + j;
    k3[t] = c.filter[j];
    o3[t] = c.out[c.outSpatial[j]];
    d3[t] = c.in[c.lhsSpatial[j]];
    s3[t] = c.stride[j];
    r3[t] = c.rhsDil[j];
    l3[t] = c.lhsDil[j];
    lo3[t] = c.padLo[j];
    ist[t] = is[c.lhsSpatial[j]];
    ost[t] = os[c.outSpatial[j]];
  }
  int64_t B = c.in[c.lhsBatch], C = c.in[c.lhsFeature];
  auto element = [&](int64_t b, int64_t ch, const int64_t *w,
                     const int64_t *o) {
    int64_t src = b * is[c.lhsBatch] + ch * is[c.lhsFeature];
    for (int t = 0; t < 3; ++t) {
      int64_t p = o[t] * s3[t] + w[t] * r3[t] - lo3[t];
      if (p < 0 || p % l3[t] != 0 || p / l3[t] >= d3[t])
        return 0.0f;
      src += (p / l3[t]) * ist[t];
    }
    return in[src];
  };
  bool featureInnermost = c.outFeature == rank - 1;
  int64_t w[3], o[3];
  for (int64_t b = 0; b < B; ++b) {
    if (!featureInnermost) {
      for (int64_t ch = 0; ch < C; ++ch)
        for (w[0] = 0; w[0] < k3[0]; ++w[0])
          for (w[1] = 0; w[1] < k3[1]; ++w[1])
            for (w[2] = 0; w[2] < k3[2]; ++w[2]) {
              int64_t f = ch * K + (w[0] * k3[1] + w[1]) * k3[2] + w[2];
              float *dst = out + b * os[c.outBatch] + f * os[c.outFeature];
              for (o[0] = 0; o[0] < o3[0]; ++o[0])
                for (o[1] = 0; o[1] < o3[1]; ++o[1])
                  for (o[2] = 0; o[2] < o3[2]; ++o[2])
                    dst[o[0] * ost[0] + o[1] * ost[1] + o[2] * ost[2]] =
                        element(b, ch, w, o);
            }
    } else {
      for (o[0] = 0; o[0] < o3[0]; ++o[0])
        for (o[1] = 0; o[1] < o3[1]; ++o[1])
          for (o[2] = 0; o[2] < o3[2]; ++o[2]) {
            float *dst = out + b * os[c.outBatch] + o[0] * ost[0] +
                         o[1] * ost[1] + o[2] * ost[2];
            for (int64_t ch = 0; ch < C; ++ch)
              for (w[0] = 0; w[0] < k3[0]; ++w[0])
                for (w[1] = 0; w[1] < k3[1]; ++w[1])
                  for (w[2] = 0; w[2] < k3[2]; ++w[2])
                    dst[ch * K + (w[0] * k3[1] + w[1]) * k3[2] + w[2]] =
                        element(b, ch, w, o);
          }
    }
  }
}

// memcpy split over all cores (thread start included, as the OpenMP code
// pays for its fork/join too): the multi-threaded bound.
static void parallelMemcpy(float *dst, const float *src, size_t bytes) {
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  size_t elements = bytes / sizeof(float),
         chunk = (elements + threads - 1) / threads;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    size_t begin = std::min(elements, t * chunk),
           end = std::min(elements, begin + chunk);
    pool.emplace_back([=] {
      std::memcpy(dst + begin, src + begin, (end - begin) * sizeof(float));
    });
  }
  for (std::thread &thread : pool)
    thread.join();
}

struct Timing {
  double median, best;
};

static Timing timeIt(const std::function<void()> &fn, double budgetSeconds) {
  using clock = std::chrono::steady_clock;
  fn(); // warm up: page in, caches
  std::vector<double> samples;
  auto start = clock::now();
  while (samples.size() < 5 ||
         (samples.size() < 200 &&
          std::chrono::duration<double>(clock::now() - start).count() <
              budgetSeconds)) {
    auto t0 = clock::now();
    fn();
    samples.push_back(std::chrono::duration<double>(clock::now() - t0).count());
  }
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples.front()};
}

int main(int argc, char **argv) {
  double budget = argc > 1 ? std::atof(argv[1]) : 1.0;
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> dist(-1000, 1000);
  int failures = 0;
  std::printf("%-16s %-12s %12s %12s %10s %10s %10s\n", "case", "method",
              "median_us", "best_us", "GB/s", "vs_memcpy", "vs_gather");
  for (size_t i = 0; i < sizeof(kCases) / sizeof(kCases[0]); ++i) {
    const BenchCase &c = kCases[i];
    int rank = c.n + 2;
    int64_t inElems = product(c.in, rank), outElems = product(c.out, rank);
    std::vector<float> input(inElems), expected(outElems), result(outElems),
        copySrc(outElems);
    for (float &v : input)
      v = float(dist(rng));
    for (float &v : copySrc)
      v = float(dist(rng));
    reference(c, input.data(), expected.data());
    std::vector<int64_t> inDesc = makeDescriptor(input.data(), c.in, rank);
    std::vector<int64_t> outDesc = makeDescriptor(result.data(), c.out, rank);
    double bytes = double(outElems) * sizeof(float);

    struct Method {
      std::string name;
      std::function<void()> run;
      bool check;
    };
    std::vector<Method> methods = {
        {"memcpy",
         [&] { std::memcpy(result.data(), copySrc.data(), size_t(bytes)); },
         false},
        {"memcpy_mt",
         [&] { parallelMemcpy(result.data(), copySrc.data(), size_t(bytes)); },
         false},
        {"gather", [&] { kGatherFns[i](inDesc.data(), outDesc.data()); }, true},
        {"gather_mt", [&] { kGatherMtFns[i](inDesc.data(), outDesc.data()); },
         true},
        {"conv", [&] { kConvFns[i](inDesc.data(), outDesc.data()); }, true},
        {"reference", [&] { reference(c, input.data(), result.data()); }, true},
    };
    std::map<std::string, Timing> times;
    for (Method &m : methods) {
      if (m.check) {
        std::fill(result.begin(), result.end(), std::nanf(""));
        m.run();
        if (std::memcmp(result.data(), expected.data(), size_t(bytes)) != 0) {
          bool equalValues = true; // conv may differ in the sign of zero only
          for (int64_t e = 0; e < outElems && equalValues; ++e)
            equalValues = result[e] == expected[e];
          if (m.name != "conv" || !equalValues) {
            std::printf("%-16s %-12s MISMATCH against the reference\n", c.name,
                        m.name.c_str());
            ++failures;
            continue;
          }
        }
      }
      times[m.name] = timeIt(m.run, budget);
    }
    if (times.count("gather_mt") && times.count("memcpy_mt"))
      std::printf("%-16s %-12s speed-up over 1 thread %.2fx, %.2fx of "
                  "multi-threaded memcpy\n",
                  c.name, "threads",
                  times["gather"].median / times["gather_mt"].median,
                  times["memcpy_mt"].median / times["gather_mt"].median);
    for (Method &m : methods) {
      if (!times.count(m.name))
        continue;
      Timing t = times[m.name];
      std::printf("%-16s %-12s %12.1f %12.1f %10.2f %10.2f %10.2f\n", c.name,
                  m.name.c_str(), t.median * 1e6, t.best * 1e6,
                  bytes / t.median / 1e9, times["memcpy"].median / t.median,
                  times["gather"].median / t.median);
    }
  }
  return failures ? 1 : 0;
}
