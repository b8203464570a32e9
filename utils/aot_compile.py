# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Ahead-of-time compilation of lowered modules (LLVM dialect, with their
kernels' gpu.binary) into executables that need no LLVM library where they
run: for a GPU's machine that has the NVIDIA driver but not this project's
toolchain. Used by bench/gpu/bench.py --bundle and run_conformance.py
--bundle.

Each executable links the runtime wrapper (libpatches_cuda_runtime.so,
copied beside it and found there through its rpath) and HOST_RUNTIME, the
few functions of mlir_c_runner_utils and mlir_runner_utils that the
modules call (printing, memrefCopy), which would otherwise bring libMLIR
and libLLVM along.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

# printMemrefI32/I64 print as mlir_c_runner_utils does, as far as the
# suites read it: the sizes, then the elements in row-major order after
# "data =".
HOST_RUNTIME = r"""
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace {
template <typename T>
void printMemref(int64_t rank, void *descriptor, const char *format) {
  struct Header { T *allocated; T *aligned; int64_t offset; };
  auto *header = static_cast<Header *>(descriptor);
  auto *sizes = reinterpret_cast<int64_t *>(header + 1);
  int64_t *strides = sizes + rank;
  std::printf("Unranked Memref base@ = %p rank = %" PRId64 " offset = %" PRId64
              " sizes = [", static_cast<void *>(header->allocated), rank,
              header->offset);
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d) {
    std::printf(d ? ", %" PRId64 : "%" PRId64, sizes[d]);
    count *= sizes[d];
  }
  std::printf("] strides = [");
  for (int64_t d = 0; d < rank; ++d)
    std::printf(d ? ", %" PRId64 : "%" PRId64, strides[d]);
  std::printf("] data = \n[");
  for (int64_t i = 0; i < count; ++i) {
    int64_t offset = header->offset, rest = i;
    for (int64_t d = rank; d-- > 0;) {
      offset += (rest % sizes[d]) * strides[d];
      rest /= sizes[d];
    }
    std::printf(i ? ", " : "");
    std::printf(format, header->aligned[offset]);
  }
  std::printf("]\n");
}
} // namespace

extern "C" void printMemrefI32(int64_t rank, void *descriptor) {
  printMemref<int32_t>(rank, descriptor, "%" PRId32);
}
extern "C" void printMemrefI64(int64_t rank, void *descriptor) {
  printMemref<int64_t>(rank, descriptor, "%" PRId64);
}
// A copy between strided memrefs of `elementSize`-byte elements, as
// memref.copy lowers to where a side is not contiguous.
struct UnrankedMemref {
  int64_t rank;
  void *descriptor;
};
extern "C" void memrefCopy(int64_t elementSize, UnrankedMemref *source,
                           UnrankedMemref *target) {
  struct Header { char *allocated; char *aligned; int64_t offset; };
  auto *from = static_cast<Header *>(source->descriptor);
  auto *to = static_cast<Header *>(target->descriptor);
  int64_t rank = source->rank;
  auto *sizes = reinterpret_cast<int64_t *>(from + 1);
  int64_t *fromStrides = sizes + rank;
  int64_t *toStrides = reinterpret_cast<int64_t *>(to + 1) + rank;
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d)
    count *= sizes[d];
  for (int64_t i = 0; i < count; ++i) {
    int64_t fromOffset = from->offset, toOffset = to->offset, rest = i;
    for (int64_t d = rank; d-- > 0;) {
      int64_t index = rest % sizes[d];
      rest /= sizes[d];
      fromOffset += index * fromStrides[d];
      toOffset += index * toStrides[d];
    }
    std::memcpy(to->aligned + toOffset * elementSize,
                from->aligned + fromOffset * elementSize, elementSize);
  }
}

extern "C" void printF32(float value) { std::printf("%g", value); }
extern "C" void printNewline() { std::printf("\n"); }

// The module's `main` returns nothing: renamed, called from a C main that
// exits with 0.
extern "C" void patches_aot_main();
int main() {
  patches_aot_main();
  std::fflush(stdout);
  return 0;
}
"""


def _run(command):
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"aot_compile: {' '.join(map(str, command))} failed:\n"
                 f"{result.stdout[-2000:]}{result.stderr[-4000:]}")


class Compiler:
    """Compiles lowered modules into executables in `out`."""

    def __init__(self, out, llvm_bin, runtime=None):
        self.out = Path(out)
        self.llvm_bin = Path(llvm_bin)
        self.cxx = os.environ.get("CXX", "c++")
        self.out.mkdir(parents=True, exist_ok=True)
        self.libraries = []
        if runtime:
            shutil.copy2(runtime, self.out / Path(runtime).name)
            self.libraries = [f"-L{self.out}", "-l" + Path(runtime).stem[3:]]
        source = self.out / "print_runtime.cpp"
        source.write_text(HOST_RUNTIME)
        self.print_object = self.out / "print_runtime.o"
        _run([self.cxx, "-O2", "-c", source, "-o", self.print_object])
        source.unlink()

    def compile(self, lowered, name):
        """`lowered` (LLVM dialect) as the executable `name` in `out`."""
        ir = self.out / f"{name}.ll"
        obj = self.out / f"{name}.o"
        _run([self.llvm_bin / "mlir-translate", "--mlir-to-llvmir", lowered, "-o", ir])
        _run([self.llvm_bin / "llc", "-O3", "-filetype=obj", "-relocation-model=pic", ir,
              "-o", obj])
        _run([os.environ.get("OBJCOPY", "objcopy"), "--redefine-sym", "main=patches_aot_main",
              obj])
        # libcuda.so.1 is the driver's, on the machine that runs it.
        _run([self.cxx, obj, self.print_object, "-o", self.out / name, *self.libraries,
              "-Wl,--allow-shlib-undefined", "-Wl,-rpath,$ORIGIN"])
        ir.unlink()
        obj.unlink()
        return self.out / name
