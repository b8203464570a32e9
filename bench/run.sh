#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The CPU benchmark (Google Benchmark): builds, runs, prints one table.
# bench/run.sh --help says how.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
Usage: bench/run.sh [options] [SECONDS]

Times patches.extract on the cases of bench/cases.py, per case and method:
the compiled gather (1 thread, and num-threads=THREADS as gather_mt), the
conv strategy and a C++ reference loop nest, beside the bounds measured in
the same run: memcpy of the output bytes, fill_dest (a fill of the
destination buffer) and fill_fresh (a fill of a buffer that no cache holds,
its pages mapped beforehand: page faults are not counted), each also on
THREADS threads (_mt). The write bound of the table is the faster fill. Every compiled result
is checked against the reference first; a wrong result fails the run (exit
1). Then it prints the table of bench/table.py (time, GB/s, ratios to the
write bound and to memcpy, issue #15's targets) and the compile time of
1000 ops.

Routes:
  aot  the module compiled by patches-opt --patches-lower-to-llvm,
       mlir-translate, opt -O3 and llc -O3 -mcpu=native, linked into the
       Google Benchmark binary ($OUT/bench; its --help lists Google
       Benchmark's own flags)
  jit  the same functions run by mlir-runner -O3 (as the README shows) from
       a driver per case that times them with rtclock (bench/jit.py); its
       results are checked against the reference's checksums

Options:
  SECONDS, --min-time SECONDS
                     time per benchmark (--benchmark_min_time; default 0.5)
  --filter REGEX     only the benchmarks whose <case>/<method> name matches
                     (--benchmark_filter; JIT names are <case>/<method>/jit);
                     the ratios need the case's bounds too, e.g.
                     'resnet3x3_nchw/' or '/(gather|fill_dest|memcpy)$'
  --json FILE        also write all results (both routes, torch) as one
                     Google Benchmark JSON file
  --route aot|jit|both
                     which routes to time (default both; the bounds are
                     always timed, by the linked binary)
  --repetitions N    repeat each benchmark N times; the table takes medians
  --no-build         skip scripts/setup.sh (use the existing build)
  --no-compile-time  skip the compile-time measurement at the end
  -h, --help         this text

Environment:
  BUILD_DIR      the build whose bin/patches-opt is used (default: build)
  BENCH_OPTIONS  more --patches-lower-to-llvm options for every compiled
                 function, both routes (e.g. "cpu=znver4", "vector-bits=256")
  THREADS        threads of gather_mt and of the _mt bounds (default: nproc)
  BENCH_OUT      where the generated files go (default: $BUILD_DIR/bench)

Examples:
  bench/run.sh 0.1 --filter 'resnet3x3_nchw/'
  BUILD_DIR=/work/main/build bench/run.sh --no-build --route jit --json out.json
  $BUILD_DIR/bench/bench --benchmark_filter=b32 --threads=2   (after a run)
EOF
}

MIN_TIME=0.5 FILTER="" JSON="" ROUTE=both BUILD=1 COMPILE_TIME=1 REPETITIONS=1
while (($#)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --min-time) MIN_TIME=$2; shift ;;
    --filter) FILTER=$2; shift ;;
    --json) JSON=$2; shift ;;
    --route) ROUTE=$2; shift ;;
    --repetitions) REPETITIONS=$2; shift ;;
    --no-build) BUILD=0 ;;
    --no-compile-time) COMPILE_TIME=0 ;;
    -*) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) MIN_TIME=$1 ;;
  esac
  shift
done
case $ROUTE in aot | jit | both) ;; *) echo "bench/run.sh: --route aot|jit|both" >&2; exit 2 ;; esac
if [[ -n "$JSON" && "$JSON" != /* ]]; then JSON="$PWD/$JSON"; fi

BUILD_DIR=${BUILD_DIR:-build}
if ((BUILD)); then bash scripts/setup.sh >/dev/null; fi
. scripts/env.sh
LLVM=$PATCHES_LLVM_TOOLS_DIR
PYTHON=$PATCHES_PYTHON
OUT=${BENCH_OUT:-$BUILD_DIR/bench}
THREADS=${THREADS:-$(nproc)}
EXTRA=${BENCH_OPTIONS:-}
mkdir -p "$OUT"
rm -f "$OUT/aot.json" "$OUT/jit.json" "$OUT/torch.json"
"$PYTHON" bench/gen_bench.py --out-dir "$OUT"

compile() { # prefix pipeline-options
  local prefix=$1 options=$2
  "$BUILD_DIR/bin/patches-opt" "$OUT/$prefix.mlir" "--patches-lower-to-llvm=$options" -o "$OUT/$prefix.llvm.mlir"
  "$LLVM/mlir-translate" --mlir-to-llvmir "$OUT/$prefix.llvm.mlir" -o "$OUT/$prefix.ll"
  "$LLVM/opt" -O3 -mcpu=native "$OUT/$prefix.ll" -o "$OUT/$prefix.bc"
  "$LLVM/llc" -O3 -mcpu=native -relocation-model=pic -filetype=obj "$OUT/$prefix.bc" -o "$OUT/$prefix.o"
}
compile gather "strategy=gather $EXTRA"
compile gather_mt "strategy=gather num-threads=$THREADS $EXTRA"
compile conv "strategy=conv $EXTRA"

# -fopenmp for the bounds' parallel regions, linked to LLVM's libomp (which
# implements GCC's GOMP_ entry points) rather than libgomp: one OpenMP
# runtime, the one the compiled gather_mt uses.
g++ -O3 -march=native -std=c++17 -fopenmp -I"$OUT" -Ibench -c bench/bench_main.cpp -o "$OUT/bench_main.o"
g++ "$OUT/bench_main.o" "$OUT/gather.o" "$OUT/gather_mt.o" "$OUT/conv.o" \
  -L"$PATCHES_LLVM_LIB_DIR" -Wl,-rpath,"$PATCHES_LLVM_LIB_DIR" -lmlir_c_runner_utils -lomp \
  -lbenchmark -lpthread -o "$OUT/bench"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then commit="$commit (dirty)"; fi
host_cpu=$("$LLVM/llc" --version | sed -n 's/^ *Host CPU: *//p')
context=(--context="patches_options=${EXTRA:-none}" --context="patches_commit=$commit"
  --context="llvm_host_cpu=$host_cpu" --context="patches_route=$ROUTE"
  --context="cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  --context="transparent_hugepage=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)")
bench_args=(--threads="$THREADS" --benchmark_min_time="$MIN_TIME" "${context[@]}"
  --benchmark_out="$OUT/aot.json" --benchmark_out_format=json)
if [[ -n "$FILTER" ]]; then bench_args+=(--benchmark_filter="$FILTER"); fi
if ((REPETITIONS > 1)); then
  bench_args+=(--benchmark_repetitions="$REPETITIONS" --benchmark_report_aggregates_only=true)
fi
if [[ $ROUTE == jit ]]; then
  bench_args+=(--methods=memcpy,memcpy_mt,fill_fresh,fill_fresh_mt,fill_dest,fill_dest_mt)
fi

status=0
echo "== Google Benchmark (the linked route and the bounds): $OUT/bench ${bench_args[*]}"
"$OUT/bench" "${bench_args[@]}" || status=$?
results=("$OUT/aot.json")

if [[ $ROUTE != aot ]]; then
  echo "== mlir-runner -O3 (the JIT route): bench/jit.py"
  "$PYTHON" bench/jit.py --patches-opt "$BUILD_DIR/bin/patches-opt" --llvm-tools "$LLVM" \
    --llvm-lib "$PATCHES_LLVM_LIB_DIR" --harness "$OUT/bench" --work-dir "$OUT/jit" \
    --options "$EXTRA" --threads "$THREADS" --min-time "$MIN_TIME" \
    --repetitions "$REPETITIONS" --filter "$FILTER" --out "$OUT/jit.json" || status=$?
  results+=("$OUT/jit.json")
fi

if "$PYTHON" -c "import torch" 2>/dev/null; then
  "$PYTHON" bench/torch_unfold.py --min-time "$MIN_TIME" --filter "$FILTER" --out "$OUT/torch.json" ||
    status=$?
  results+=("$OUT/torch.json")
else
  echo "(torch_unfold: Debian's python3-torch is not installed; apt-get install python3-torch to compare)"
fi

echo
table_args=()
if [[ -n "$JSON" ]]; then table_args+=(--json "$JSON"); fi
existing=()
for f in "${results[@]}"; do [[ -f "$f" ]] && existing+=("$f"); done
"$PYTHON" bench/table.py "${table_args[@]}" "${existing[@]}" | tee "$OUT/table.txt" || status=$?

if ((COMPILE_TIME)); then
  echo
  echo "compile time: 1000 patches.extract ops through --patches-lower-to-llvm"
  "$PYTHON" bench/compile_time.py 1000 > "$OUT/compile_time.mlir"
  start=$(date +%s.%N)
  "$BUILD_DIR/bin/patches-opt" "$OUT/compile_time.mlir" --patches-lower-to-llvm -o /dev/null
  end=$(date +%s.%N)
  echo "compile time: $(echo "$end - $start" | bc) s"
fi
if ((status)); then echo "bench/run.sh: FAILED (a wrong result or a failed step above)" >&2; fi
exit "$status"
