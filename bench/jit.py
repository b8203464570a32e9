#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The benchmark's JIT route: each case's function, lowered by
`patches-opt --patches-lower-to-llvm` with the same options as the linked
route, run by `mlir-runner -O3` as the README shows, from a driver
(gen_bench.jit_driver) that times repeated calls with rtclock. Each result's
checksum is compared with that of the reference loop nest, which the
harness prints (`bench --checksums=...`); a mismatch fails the run (exit 1).
Writes the times as Google Benchmark JSON (benchmarks named
<case>/<method>/jit) for bench/table.py."""

import argparse
import datetime
import json
import math
import os
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import CASES, output_shape  # noqa: E402
from gen_bench import jit_driver  # noqa: E402

# method -> (function prefix, pipeline options)
METHODS = {
    "gather": ("gather", "strategy=gather"),
    "gather_mt": ("gather_mt", "strategy=gather num-threads={threads}"),
    "conv": ("conv", "strategy=conv"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patches-opt", required=True)
    parser.add_argument("--llvm-tools", default="/usr/lib/llvm-22/bin")
    parser.add_argument("--llvm-lib", default="/usr/lib/llvm-22/lib")
    parser.add_argument("--harness", required=True, help="the Google Benchmark binary")
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--options", default="", help="more --patches-lower-to-llvm options")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--min-time", type=float, default=0.5)
    parser.add_argument("--repetitions", type=int, default=1)
    parser.add_argument("--methods", default="gather,gather_mt,conv")
    parser.add_argument("--filter", default="", help="regex on <case>/<method>/jit")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.work_dir, exist_ok=True)

    runs = [(case, method) for case in CASES for method in args.methods.split(",")
            if re.search(args.filter, f"{case[0]}/{method}/jit")]
    names = sorted({case[0] for case, _ in runs})
    expected = {}
    if names:
        listing = subprocess.run([args.harness, "--checksums=" + ",".join(names)],
                                 check=True, capture_output=True, text=True).stdout
        for line in listing.splitlines():
            name, value = line.split()
            expected[name] = int(value)

    libs = ",".join(os.path.join(args.llvm_lib, lib) for lib in (
        "libmlir_c_runner_utils.so", "libmlir_runner_utils.so", "libomp.so"))
    runner = [os.path.join(args.llvm_tools, "mlir-runner"), "-O3", "-e", "main",
              "-entry-point-result=void", f"-shared-libs={libs}"]
    benchmarks, failures = [], 0
    for case, method in runs:
        name = case[0]
        prefix, options = METHODS[method]
        options = f"{options.format(threads=args.threads)} {args.options}".strip()
        driver = os.path.join(args.work_dir, f"{prefix}_{name}.mlir")
        with open(driver, "w") as f:
            f.write(jit_driver(prefix, case, args.min_time))
        lowered = driver.replace(".mlir", ".llvm.mlir")
        subprocess.run([args.patches_opt, driver, f"--patches-lower-to-llvm={options}",
                        "-o", lowered], check=True)
        nbytes = 4 * math.prod(output_shape(case))
        for repetition in range(args.repetitions):
            lines = subprocess.run(runner + [lowered], check=True, capture_output=True,
                                   text=True).stdout.split()
            got, samples = int(lines[0]) % 2**64, [float(x) for x in lines[1:]]
            full = f"{name}/{method}/jit"
            if got != expected[name]:
                failures += 1
                message = (f"MISMATCH against the reference: checksum {got}, "
                           f"expected {expected[name]}")
                print(f"jit: {full}: {message}", file=sys.stderr)
                benchmarks.append({"name": full, "run_name": full, "run_type": "iteration",
                                   "error_occurred": True, "error_message": message})
                break
            mean = statistics.fmean(samples)
            entry = {
                "name": full, "run_name": full, "run_type": "iteration",
                "repetitions": args.repetitions, "repetition_index": repetition,
                "threads": 1, "iterations": len(samples),
                "real_time": mean * 1e6, "cpu_time": mean * 1e6, "time_unit": "us",
                "median_time": statistics.median(samples) * 1e6,
                "min_time": min(samples) * 1e6,
                "bytes_per_second": nbytes / mean, "bytes": nbytes,
                "route": "jit", "options": options,
            }
            benchmarks.append(entry)
            print(f"{full:<36} {mean * 1e6:10.1f} us (median {entry['median_time']:.1f}, "
                  f"best {entry['min_time']:.1f}) {len(samples):6d} calls "
                  f"{nbytes / mean / 1e9:8.2f} GB/s", flush=True)
    with open(args.out, "w") as f:
        json.dump({"context": {"date": datetime.datetime.now().astimezone().isoformat(),
                               "route": "jit", "runner": " ".join(runner)},
                   "benchmarks": benchmarks}, f, indent=1)
    if failures:
        print(f"jit: {failures} result(s) differ from the reference", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
