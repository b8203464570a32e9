#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds and runs the GPU benchmark (see docs/GPU.md); prints one table.
# Without a usable GPU it says so and exits 0. Usage:
#   bench/gpu/run.sh [bench.py options, e.g. --iterations 20 --options block-size=512]
# BUILD_DIR (default build) is the CMake build directory; it is configured
# with the CUDA runtime wrapper on.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
NVCC=${NVCC:-/usr/local/cuda/bin/nvcc}

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L 2>/dev/null | grep -q GPU; then
  echo "GPU benchmark skipped: no usable GPU (nvidia-smi lists none)."
  exit 0
fi
if [ ! -x "$NVCC" ]; then
  echo "bench/gpu/run.sh: nvcc not found at $NVCC (set NVCC)" >&2
  exit 1
fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DPATCHES_ENABLE_CUDA_RUNTIME=ON >/dev/null
ninja -C "$BUILD_DIR" patches-opt patches_cuda_runtime >/dev/null
. scripts/env.sh
OUT="$BUILD_DIR/bench-gpu"
mkdir -p "$OUT"
"$NVCC" -O3 -std=c++17 -arch=native bench/gpu/baseline.cu -o "$OUT/baseline"
"$PATCHES_PYTHON" bench/gpu/bench.py --build-dir "$BUILD_DIR" --out-dir "$OUT" \
  --baseline "$OUT/baseline" "$@"
