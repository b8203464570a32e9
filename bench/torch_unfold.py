#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Times torch.nn.functional.unfold (PyTorch's im2col) on the benchmark's 2-D
NCHW cases and prints rows for the benchmark's table, with ratios against
the memcpy and gather times that the C++ harness measured in the same run
(read from its table, given as the first argument)."""

import statistics
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from cases import CASES, geometry, output_shape  # noqa: E402


def median_seconds(fn, budget):
    fn()
    samples, start = [], time.perf_counter()
    while len(samples) < 5 or (len(samples) < 200 and time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples), min(samples)


def main():
    table, budget = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    measured = {}
    for line in open(table):
        parts = line.split()
        if len(parts) == 7 and parts[1] in ("memcpy", "gather"):
            measured[(parts[0], parts[1])] = float(parts[2]) * 1e-6
    torch.set_num_threads(1)
    for case in CASES:
        name, shape, filt, strides, padding, lhs_dil, rhs_dil, dn = case
        # unfold is NCHW, 2-D, without lhs dilation, with symmetric padding.
        if dn is not None or len(filt) != 2 or any(d != 1 for d in lhs_dil):
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
        median, best = median_seconds(run, budget)
        nbytes = 4 * out[0] * out[1] * out[2] * out[3]
        memcpy, gather = measured.get((name, "memcpy")), measured.get((name, "gather"))
        print("%-16s %-12s %12.1f %12.1f %10.2f %10.2f %10.2f" % (
            name, "torch_unfold", median * 1e6, best * 1e6, nbytes / median / 1e9,
            memcpy / median if memcpy else float("nan"), gather / median if gather else float("nan")))


if __name__ == "__main__":
    main()
