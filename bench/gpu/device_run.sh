#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Runs, on a GPU's machine with the NVIDIA driver and Python but no LLVM,
# what bench/gpu/bundle.sh prepared: the GPU's name, the conformance suites
# against their stored expected bits, then the benchmark's table in
# device-buffers mode (the kernel alone) and in the default host mode, each
# also written to OUT.
# Usage: bench/gpu/device_run.sh BUNDLE OUT
set -uo pipefail
cd "$(dirname "$0")/../.."
BUNDLE=$(cd "$1" && pwd)
OUT=$2
mkdir -p "$OUT"
PYTHON=${PYTHON:-python3}
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem \
  --format=csv 2>&1 | tee "$OUT/gpu.txt"
status=0
for suite in "$BUNDLE"/conformance-*; do
  "$PYTHON" test/Integration/Conformance/run_conformance.py --prebuilt "$suite" 2>&1 \
    | tee "$OUT/$(basename "$suite").txt" || status=1
done
for mode in device host; do
  "$PYTHON" bench/gpu/bench.py --prebuilt "$BUNDLE/$mode" 2>&1 \
    | tee "$OUT/bench_$mode.txt" || status=1
done
exit $status
