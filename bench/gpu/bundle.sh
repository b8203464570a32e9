#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Prepares, on this project's toolchain (LLVM 22, no GPU needed), what
# bench/gpu/device_run.sh runs on a GPU's machine that has the NVIDIA driver
# and Python but no LLVM: the benchmark's cases compiled ahead of time, in
# both buffer modes, with the runtime wrapper and the sm_90 baseline.
# Usage: bench/gpu/bundle.sh [DIR]   (default: $BUILD_DIR/gpu-bundle)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
DIR=${1:-$BUILD_DIR/gpu-bundle}
. scripts/env.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DPATCHES_ENABLE_CUDA_RUNTIME=ON >/dev/null
ninja -C "$BUILD_DIR" patches-opt patches_cuda_runtime >/dev/null
rm -rf "$DIR"
"$PATCHES_PYTHON" bench/gpu/bench.py --build-dir "$BUILD_DIR" --bundle "$DIR/device" \
  --device-buffers --iterations 20
"$PATCHES_PYTHON" bench/gpu/bench.py --build-dir "$BUILD_DIR" --bundle "$DIR/host" \
  --iterations 20
du -sh "$DIR"
