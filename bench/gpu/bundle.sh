#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Prepares, on this project's toolchain (LLVM 22, no GPU needed), what
# bench/gpu/device_run.sh runs on a GPU's machine that has the NVIDIA driver
# and Python but no LLVM: the GPU conformance suites (what the REQUIRES:
# cuda-gpu conformance test runs, and the vector kernels' variants) and the
# benchmark's cases, compiled ahead of time with the runtime wrapper, and
# the sm_90 baseline.
# Usage: bench/gpu/bundle.sh [DIR]   (default: $BUILD_DIR/gpu-bundle)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
DIR=${1:-$BUILD_DIR/gpu-bundle}
. scripts/env.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DPATCHES_ENABLE_CUDA_RUNTIME=ON >/dev/null
ninja -C "$BUILD_DIR" patches-opt patches_cuda_runtime >/dev/null
rm -rf "$DIR"
export PATH="$PWD/$BUILD_DIR/bin:$PATH"
conformance() {  # NAME SEED CASES OPTIONS [--exact-float-specials]
  "$PATCHES_PYTHON" test/Integration/Conformance/run_conformance.py \
    --patches-opt patches-opt --llvm-bin "$PATCHES_LLVM_TOOLS_DIR" \
    --runtime "$BUILD_DIR/lib/libpatches_cuda_runtime.so" --seed "$2" --cases "$3" \
    --bundle "$DIR/conformance-$1" "--opt-args=--patches-lower-to-nvvm='$4'" "${@:5}"
}
conformance vector 31 500 "format=isa" --exact-float-specials
conformance batch-loop 35 300 "min-threads=0" --exact-float-specials
conformance scalar 36 200 "vector-stores=false block-size=32 index-bitwidth=64" \
  --exact-float-specials
conformance conv 32 200 "strategy=conv"
"$PATCHES_PYTHON" bench/gpu/bench.py --build-dir "$BUILD_DIR" --bundle "$DIR/device" \
  --device-buffers --iterations 20
"$PATCHES_PYTHON" bench/gpu/bench.py --build-dir "$BUILD_DIR" --bundle "$DIR/host" \
  --iterations 20
du -sh "$DIR"
