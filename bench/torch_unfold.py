#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Times torch.nn.functional.unfold (PyTorch's im2col) on the benchmark's 2-D
NCHW cases, 1 thread, and writes the times as Google Benchmark JSON
(benchmarks named <case>/torch_unfold) for bench/table.py, which compares
them with the gather of the same run."""

import argparse
import datetime
import json
import re
import statistics
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from cases import CASES, geometry, output_shape  # noqa: E402


def seconds(fn, min_time):
    fn()
    samples, start = [], time.perf_counter()
    while len(samples) < 3 or (len(samples) < 100000 and time.perf_counter() - start < min_time):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-time", type=float, default=0.5)
    parser.add_argument("--filter", default="", help="regex on <case>/torch_unfold")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.set_num_threads(1)
    benchmarks = []
    for case in CASES:
        name, shape, filt, strides, padding, lhs_dil, rhs_dil, dn = case
        full = f"{name}/torch_unfold"
        # unfold is NCHW, 2-D, without lhs dilation, with symmetric padding.
        if (dn is not None or len(filt) != 2 or any(d != 1 for d in lhs_dil)
                or not re.search(args.filter, full)):
            continue
        out = output_shape(case)
        pads = geometry(case).pads
        x = torch.randint(-1000, 1000, shape).float()
        if any(lo != hi for lo, hi in pads):
            # unfold pads symmetrically; pad the asymmetric SAME by hand.
            x = torch.nn.functional.pad(x, (pads[1][0], pads[1][1], pads[0][0], pads[0][1]))
            padding_arg = 0
        else:
            padding_arg = (pads[0][0], pads[1][0])

        def run():
            return torch.nn.functional.unfold(x, filt, dilation=rhs_dil, padding=padding_arg,
                                              stride=strides)
        got = run()
        assert list(got.shape) == [out[0], out[1], out[2] * out[3]], (name, got.shape, out)
        samples = seconds(run, args.min_time)
        mean = statistics.fmean(samples)
        nbytes = 4 * out[0] * out[1] * out[2] * out[3]
        benchmarks.append({
            "name": full, "run_name": full, "run_type": "iteration", "threads": 1,
            "iterations": len(samples), "real_time": mean * 1e6, "cpu_time": mean * 1e6,
            "time_unit": "us", "median_time": statistics.median(samples) * 1e6,
            "min_time": min(samples) * 1e6, "bytes": nbytes, "bytes_per_second": nbytes / mean,
            "route": "torch", "torch_version": torch.__version__,
        })
        print(f"{full:<36} {mean * 1e6:10.1f} us", flush=True)
    with open(args.out, "w") as f:
        json.dump({"context": {"date": datetime.datetime.now().astimezone().isoformat(),
                               "route": "torch"}, "benchmarks": benchmarks}, f, indent=1)


if __name__ == "__main__":
    main()
