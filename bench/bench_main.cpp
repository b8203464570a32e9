// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// CPU benchmark of patches.extract on Google Benchmark: one benchmark per
// case and method, named <case>/<method>, with the output's bytes as its
// bytes processed. The methods: the compiled gather (1 thread and
// num-threads=T), the compiled conv strategy, a plain C++ reference loop
// nest, and the bounds: memcpy of the output bytes into the destination,
// fill_dest (a fill of the destination the compiled code writes) and
// fill_fresh (a fill of a buffer that no cache holds, page faults not
// counted: see FreshRing), each also split over T OpenMP threads (_mt). Every
// compiled result is checked against the reference before it is timed; a
// mismatch is reported as the benchmark's error and makes the run exit with 1.
//
// Besides Google Benchmark's flags:
//   --threads=T          the team of the _mt bounds (gather_mt is compiled
//                        with num-threads=T; run.sh passes the same T)
//   --methods=a,b,...    register only these methods
//   --context=KEY=VALUE  added to the JSON context (repeatable)
//   --checksums=a,b,...  print "<case> <checksum>" of the reference's output
//                        for these cases (all: empty) and exit; the JIT
//                        route (bench/jit.py) checks its results with them
#include "cases.h"

#include <benchmark/benchmark.h>
#include <omp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

namespace {

int64_t product(const int64_t *v, int n) {
  int64_t p = 1;
  for (int i = 0; i < n; ++i)
    p *= v[i];
  return p;
}

std::vector<int64_t> rowMajorStrides(const int64_t *shape, int rank) {
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
void reference(const BenchCase &c, const float *in, float *out) {
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

int gThreads = 1;
int gFailures = 0;

// A 64-byte aligned buffer of floats (the JIT drivers allocate theirs with
// the same alignment).
struct Buffer {
  explicit Buffer(int64_t elements)
      : bytes(size_t(elements) * sizeof(float)),
        data(static_cast<float *>(
            std::aligned_alloc(64, (bytes + 63) / 64 * 64))) {
    if (!data) {
      std::fprintf(stderr, "bench: out of memory (%zu bytes)\n", bytes);
      std::exit(2);
    }
  }
  ~Buffer() { std::free(data); }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  size_t bytes;
  float *data;
};

// The fills store this value with the vector stores that GCC makes of
// std::fill (-O3 -march=native), the stores the compiled gather uses. (Its
// bytes differ, so that it is no memset: glibc's memset, rep stosb for large
// sizes, runs slower than the gather's own stores on Zen 5.)
constexpr float kFillValue = 1.5f;

// The buffers of fill_fresh: "fresh" is memory that is not the destination
// and that no cache holds, as an output buffer newly taken from a warmed-up
// allocator would be; its pages are mapped and faulted in beforehand, as the
// destination's are, so that no page fault is counted. (New pages on every
// call would count the kernel's page faults and zeroing instead: on this
// project's VMs about 15-25 us a 4 KiB page, 100x the fill itself, and
// nothing the compiled code, which writes a caller's buffer, ever pays.)
// Each call fills the next buffer of a ring whose total is at least four
// times the last-level cache, so its lines were evicted since it was last
// written. The cache size is sysconf's, at most 32 MiB (a Zen CCD's L3):
// sysconf reports an EPYC's whole L3 (512 MiB) on the VMs, where also a ring
// over about 200 MiB slows down to a few GB/s, for want of TLB or
// hypervisor page-table reach rather than of write bandwidth.
constexpr size_t kMaxCache = size_t(32) << 20;
struct FreshRing {
  explicit FreshRing(size_t bytes) : bytes(bytes) {
    long llc = sysconf(_SC_LEVEL3_CACHE_SIZE);
    size_t cache = std::min(llc > 0 ? size_t(llc) : kMaxCache, kMaxCache);
    size_t count = std::max<size_t>(2, (4 * cache + bytes - 1) / bytes);
    for (size_t i = 0; i < count; ++i) {
      void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
      if (p == MAP_FAILED) {
        std::perror("bench: mmap");
        std::exit(2);
      }
      buffers.push_back(static_cast<float *>(p));
    }
    // Written twice round the ring, not left as the kernel's pages: on the
    // VMs, after a case freed much memory, the first pass after the mapping
    // runs at 1 GB/s (the hypervisor backing the pages, it seems).
    for (int pass = 0; pass < 2; ++pass)
      for (float *f : buffers)
        std::fill(f, f + bytes / sizeof(float), kFillValue);
  }
  ~FreshRing() {
    for (float *p : buffers)
      munmap(p, bytes);
  }
  float *next() { return buffers[next_++ % buffers.size()]; }
  size_t bytes, next_ = 0;
  std::vector<float *> buffers;
};

// One case's buffers: allocated when a benchmark of the case first runs and
// freed when one of another case does, so that one case's buffers are alive
// at a time (four times its output and fill_fresh's ring: 1.8 GB for
// conv1d_w9).
struct CaseData {
  explicit CaseData(int index)
      : index(index), c(kCases[index]), rank(c.n + 2),
        outElems(product(c.out, rank)), input(product(c.in, rank)),
        expected(outElems), result(outElems), copySrc(outElems) {
    for (int64_t i = 0, e = product(c.in, rank); i < e; ++i)
      input.data[i] = inputValue(uint64_t(i));
    for (int64_t i = 0; i < outElems; ++i)
      copySrc.data[i] = float(i % 1999);
    std::fill(result.data, result.data + outElems, 0.0f);
    reference(c, input.data, expected.data);
    inDesc = makeDescriptor(input.data, c.in, rank);
    outDesc = makeDescriptor(result.data, c.out, rank);
  }
  int index;
  const BenchCase &c;
  int rank;
  int64_t outElems;
  Buffer input, expected, result, copySrc;
  std::vector<int64_t> inDesc, outDesc;
  std::map<std::string, std::string> checked; // method -> error ("" if none)
  std::unique_ptr<FreshRing> fresh;           // fill_fresh's buffers
};

std::unique_ptr<CaseData> gCase;

CaseData &caseData(int index) {
  if (!gCase || gCase->index != index) {
    gCase.reset();
    gCase = std::make_unique<CaseData>(index);
  }
  return *gCase;
}

// f(begin, end) on byte slices of [0, bytes), 64-byte aligned, one per
// thread of an OpenMP team of gThreads (libomp's: the compiled gather_mt's
// team, so both pay the same fork/join).
template <typename F> void parallelSlices(size_t bytes, F f) {
#pragma omp parallel num_threads(gThreads)
  {
    size_t t = size_t(omp_get_thread_num()), n = size_t(omp_get_num_threads());
    size_t chunk = (bytes / 64 + n - 1) / n * 64;
    size_t begin = std::min(bytes, t * chunk),
           end = std::min(bytes, begin + chunk);
    f(begin, end);
  }
}

FreshRing &freshRing(CaseData &d) {
  if (!d.fresh)
    d.fresh = std::make_unique<FreshRing>(d.result.bytes);
  return *d.fresh;
}

void fill(float *p, size_t bytes, bool parallel) {
  if (parallel)
    parallelSlices(bytes, [&](size_t begin, size_t end) {
      std::fill(p + begin / sizeof(float), p + end / sizeof(float), kFillValue);
    });
  else
    std::fill(p, p + bytes / sizeof(float), kFillValue);
  benchmark::DoNotOptimize(p);
}

struct Method {
  const char *name;
  bool check; // compared with the reference before it is timed
  std::function<void(CaseData &)> run;
};

const std::vector<Method> &methods() {
  static const std::vector<Method> all = {
      {"memcpy", false,
       [](CaseData &d) {
         std::memcpy(d.result.data, d.copySrc.data, d.result.bytes);
       }},
      {"memcpy_mt", false,
       [](CaseData &d) {
         char *dst = reinterpret_cast<char *>(d.result.data);
         const char *src = reinterpret_cast<const char *>(d.copySrc.data);
         parallelSlices(d.result.bytes, [&](size_t begin, size_t end) {
           std::memcpy(dst + begin, src + begin, end - begin);
         });
       }},
      {"fill_fresh", false,
       [](CaseData &d) { fill(freshRing(d).next(), d.result.bytes, false); }},
      {"fill_fresh_mt", false,
       [](CaseData &d) { fill(freshRing(d).next(), d.result.bytes, true); }},
      {"fill_dest", false,
       [](CaseData &d) { fill(d.result.data, d.result.bytes, false); }},
      {"fill_dest_mt", false,
       [](CaseData &d) { fill(d.result.data, d.result.bytes, true); }},
      {"gather", true,
       [](CaseData &d) {
         kGatherFns[d.index](d.inDesc.data(), d.outDesc.data());
       }},
      {"gather_mt", true,
       [](CaseData &d) {
         kGatherMtFns[d.index](d.inDesc.data(), d.outDesc.data());
       }},
      {"conv", true,
       [](CaseData &d) {
         kConvFns[d.index](d.inDesc.data(), d.outDesc.data());
       }},
      {"reference", true,
       [](CaseData &d) { reference(d.c, d.input.data, d.result.data); }},
  };
  return all;
}

// Runs the method once into a NaN-filled destination and compares with the
// reference: bit-exact, except that conv may flip the sign of zero.
std::string check(CaseData &d, const Method &m) {
  float *result = d.result.data;
  std::fill(result, result + d.outElems, std::nanf(""));
  m.run(d);
  if (std::memcmp(result, d.expected.data, d.result.bytes) == 0)
    return "";
  for (int64_t e = 0; e < d.outElems; ++e) {
    bool equal =
        std::strcmp(m.name, "conv") == 0
            ? result[e] == d.expected.data[e]
            : std::memcmp(&result[e], &d.expected.data[e], sizeof(float)) == 0;
    if (!equal) {
      char message[256];
      std::snprintf(message, sizeof(message),
                    "MISMATCH against the reference: element %" PRId64
                    " is %g, expected %g",
                    e, double(result[e]), double(d.expected.data[e]));
      return message;
    }
  }
  return "";
}

void runBenchmark(benchmark::State &state, int index, const Method &m) {
  CaseData &d = caseData(index);
  bool warm = false;
  if (m.check) {
    auto found = d.checked.find(m.name);
    if (found == d.checked.end()) {
      found = d.checked.emplace(m.name, check(d, m)).first;
      warm = true; // the check was the warm-up (a call of conv on conv1d_w9
                   // takes seconds)
      if (!found->second.empty()) {
        ++gFailures;
        std::fprintf(stderr, "bench: %s/%s: %s\n", d.c.name, m.name,
                     found->second.c_str());
      }
    }
    if (!found->second.empty()) {
      state.SkipWithError(found->second.c_str());
      return;
    }
  }
  if (!warm)
    m.run(d); // warm up: code, caches, the destination's pages
  for (auto _ : state) {
    m.run(d);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(int64_t(state.iterations()) *
                          int64_t(d.result.bytes));
  state.counters["bytes"] = double(d.result.bytes);
}

std::vector<std::string> splitList(const std::string &list) {
  std::vector<std::string> items;
  std::stringstream stream(list);
  std::string item;
  while (std::getline(stream, item, ','))
    if (!item.empty())
      items.push_back(item);
  return items;
}

int printChecksums(const std::vector<std::string> &names) {
  std::set<std::string> wanted(names.begin(), names.end());
  int found = 0;
  for (size_t i = 0; i < sizeof(kCases) / sizeof(kCases[0]); ++i) {
    if (!wanted.empty() && !wanted.count(kCases[i].name))
      continue;
    CaseData &d = caseData(int(i));
    std::printf("%s %" PRIu64 "\n", d.c.name,
                checksum(d.expected.data, uint64_t(d.outElems)));
    std::fflush(stdout);
    ++found;
  }
  if (!wanted.empty() && found != int(wanted.size())) {
    std::fprintf(stderr, "bench: --checksums names an unknown case\n");
    return 2;
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<char *> rest = {argv[0]};
  std::vector<std::string> selected;
  std::vector<std::pair<std::string, std::string>> context;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char *flag) -> const char * {
      size_t n = std::strlen(flag);
      return arg.compare(0, n, flag) == 0 ? argv[i] + n : nullptr;
    };
    if (const char *v = value("--threads="))
      gThreads = std::max(1, std::atoi(v));
    else if (const char *v = value("--methods="))
      selected = splitList(v);
    else if (const char *v = value("--context=")) {
      const char *eq = std::strchr(v, '=');
      if (!eq) {
        std::fprintf(stderr, "bench: --context=KEY=VALUE, not %s\n", v);
        return 2;
      }
      context.emplace_back(std::string(v, eq), std::string(eq + 1));
    } else if (const char *v = value("--checksums="))
      return printChecksums(splitList(v));
    else
      rest.push_back(argv[i]);
  }
  for (const std::string &name : selected)
    if (std::none_of(methods().begin(), methods().end(),
                     [&](const Method &m) { return name == m.name; })) {
      std::fprintf(stderr, "bench: unknown method %s\n", name.c_str());
      return 2;
    }
  int restCount = int(rest.size());
  benchmark::Initialize(&restCount, rest.data());
  if (benchmark::ReportUnrecognizedArguments(restCount, rest.data()))
    return 2;
  benchmark::AddCustomContext("patches_threads", std::to_string(gThreads));
  for (auto &[key, value] : context)
    benchmark::AddCustomContext(key, value);

  for (size_t i = 0; i < sizeof(kCases) / sizeof(kCases[0]); ++i)
    for (const Method &m : methods()) {
      if (!selected.empty() &&
          std::find(selected.begin(), selected.end(), m.name) == selected.end())
        continue;
      std::string name = std::string(kCases[i].name) + "/" + m.name;
      benchmark::RegisterBenchmark(name.c_str(), runBenchmark, int(i), m)
          ->Unit(benchmark::kMicrosecond);
    }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  gCase.reset();
  if (gFailures) {
    std::fprintf(stderr,
                 "bench: %d compiled result(s) differ from the reference\n",
                 gFailures);
    return 1;
  }
  return 0;
}
