#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds and runs the CPU benchmark; prints one table. Usage:
#   bench/run.sh [seconds-per-method]
# BENCH_OPTIONS adds patches-lower-to-llvm options (e.g. "cpu=znver4" or
# "vector-bits=256") to every compiled route.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
bash scripts/setup.sh >/dev/null
. scripts/env.sh
LLVM=$PATCHES_LLVM_TOOLS_DIR
PYTHON=$PATCHES_PYTHON
OUT=${BENCH_OUT:-$BUILD_DIR/bench}
THREADS=${THREADS:-$(nproc)}
mkdir -p "$OUT"
"$PYTHON" bench/gen_bench.py --out-dir "$OUT"

compile() { # prefix pipeline-options
  local prefix=$1 options=$2
  "$BUILD_DIR/bin/patches-opt" "$OUT/$prefix.mlir" "--patches-lower-to-llvm=$options" -o "$OUT/$prefix.llvm.mlir"
  "$LLVM/mlir-translate" --mlir-to-llvmir "$OUT/$prefix.llvm.mlir" -o "$OUT/$prefix.ll"
  "$LLVM/opt" -O3 -mcpu=native "$OUT/$prefix.ll" -o "$OUT/$prefix.bc"
  "$LLVM/llc" -O3 -mcpu=native -relocation-model=pic -filetype=obj "$OUT/$prefix.bc" -o "$OUT/$prefix.o"
}
EXTRA=${BENCH_OPTIONS:-}
compile gather "strategy=gather $EXTRA"
compile gather_mt "strategy=gather num-threads=$THREADS $EXTRA"
compile conv "strategy=conv $EXTRA"

g++ -O3 -march=native -std=c++17 -I"$OUT" -Ibench bench/bench_main.cpp \
  "$OUT/gather.o" "$OUT/gather_mt.o" "$OUT/conv.o" \
  -L"$PATCHES_LLVM_LIB_DIR" -Wl,-rpath,"$PATCHES_LLVM_LIB_DIR" -lmlir_c_runner_utils -lomp -o "$OUT/bench"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; gather_mt: num-threads=$THREADS; options: ${EXTRA:-none}"
"$OUT/bench" "${1:-1.0}" | tee "$OUT/table.txt"
if "$PYTHON" -c "import torch" 2>/dev/null; then
  "$PYTHON" bench/torch_unfold.py "$OUT/table.txt" "${1:-1.0}"
else
  echo "(torch_unfold: Debian's python3-torch is not installed; apt-get install python3-torch to compare)"
fi

echo
echo "compile time: 1000 patches.extract ops through --patches-lower-to-llvm"
"$PYTHON" bench/compile_time.py 1000 > "$OUT/compile_time.mlir"
start=$(date +%s.%N)
"$BUILD_DIR/bin/patches-opt" "$OUT/compile_time.mlir" --patches-lower-to-llvm -o /dev/null
end=$(date +%s.%N)
echo "compile time: $(echo "$end - $start" | bc) s"
