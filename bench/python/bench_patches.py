#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The Python door, timed: the cached call of
patches.conv_general_dilated_patches on the CPU benchmark's cases
(bench/cases.py) against torch.nn.functional.unfold (one thread each) where
torch is installed, and the per-call overhead on a tiny case, whose compiled
work is nothing (target: under 20 us per cached call).

    PYTHONPATH=<build>/python /usr/bin/python3 bench/python/bench_patches.py

Each time is the median of repeated calls after a warm-up call (which
compiles); every result is checked against the first call's (and torch's,
where comparable).
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cases import CASES, geometry  # noqa: E402

import patches  # noqa: E402

try:
    import torch
except ImportError:
    torch = None


def median_seconds(fn, min_time, min_calls=5):
    fn()
    samples, start = [], time.perf_counter()
    while len(samples) < min_calls or (len(samples) < 100000
                                       and time.perf_counter() - start < min_time):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def torch_unfold(case, x):
    """unfold of the case (2-D NCHW, no lhs dilation), or None."""
    name, shape, filt, strides, padding, lhs_dil, rhs_dil, dn = case
    if torch is None or dn is not None or len(filt) != 2 or any(d != 1 for d in lhs_dil):
        return None
    pads = geometry(case).pads
    t = torch.from_numpy(x)
    if any(lo != hi for lo, hi in pads):
        t = torch.nn.functional.pad(t, (pads[1][0], pads[1][1], pads[0][0], pads[0][1]))
        padding_arg = 0
    else:
        padding_arg = (pads[0][0], pads[1][0])
    return lambda: torch.nn.functional.unfold(t, filt, dilation=rhs_dil, padding=padding_arg,
                                              stride=strides)


def overhead(min_time):
    """The cached call on a 1x1x2x2 input: all of it is the door's cost."""
    x = np.arange(4, dtype=np.float32).reshape(1, 1, 2, 2)
    call = lambda: patches.conv_general_dilated_patches(x, (1, 1), (1, 1), "VALID")  # noqa
    fast = median_seconds(call, min_time, 1000)
    explicit = lambda: patches.conv_general_dilated_patches(  # noqa
        x, [1, 1], [1, 1], [(0, 0), (0, 0)], dimension_numbers=("NCHW", "OIHW", "NCHW"))
    slow = median_seconds(explicit, min_time, 1000)
    before = patches.cache_info().compilations
    for _ in range(1000):
        call()
    assert patches.cache_info().compilations == before
    return fast, slow


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-time", type=float, default=0.5)
    parser.add_argument("--filter", default="", help="regex on case names")
    parser.add_argument("--num-threads", type=int, default=1)
    args = parser.parse_args()
    if torch is not None:
        torch.set_num_threads(args.num_threads)

    fast, slow = overhead(args.min_time)
    print(f"per-call overhead (1x1x2x2, cached): {fast * 1e6:.1f} us "
          f"(tuple arguments), {slow * 1e6:.1f} us (lists and dimension numbers); "
          f"target < 20 us: {'met' if fast < 20e-6 else 'MISSED'}")

    print(f"{'case':22} {'patches':>11} {'torch unfold':>13} {'ratio':>7}  GB/s (output)")
    rng = np.random.default_rng(0)
    for case in CASES:
        name, shape, filt, strides, padding, lhs_dil, rhs_dil, dn = case
        if not re.search(args.filter, name):
            continue
        x = rng.integers(-1000, 1000, shape).astype(np.float32)
        call = lambda: patches.conv_general_dilated_patches(  # noqa
            x, filt, strides, padding, lhs_dil, rhs_dil, dn, num_threads=args.num_threads)
        first = call()
        t = median_seconds(call, args.min_time)
        line = f"{name:22} {t * 1e6:9.0f}us"
        unfold = torch_unfold(case, x)
        if unfold is not None:
            reference = unfold().numpy()
            assert np.array_equal(first.reshape(reference.shape), reference), name
            tt = median_seconds(unfold, args.min_time)
            line += f" {tt * 1e6:11.0f}us {tt / t:6.1f}x"
        else:
            line += f" {'-':>13} {'-':>7}"
        line += f"  {first.nbytes / t / 1e9:.1f}"
        print(line, flush=True)
    info = patches.cache_info()
    print(f"cache: {info.compilations} compilations, {info.hits} hits")


if __name__ == "__main__":
    main()
