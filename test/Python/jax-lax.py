# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# JAX's own tests of conv_general_dilated_patches (tests/lax_test.py:
# testConvGeneralDilatedPatchesOverlapping1D and 2D with their expected
# arrays, and the NonOverlapping grid of layouts, dtypes and precisions),
# written afresh against the patches package, on the gather strategy and (a
# smaller grid) the conv strategy.
#
# RUN: %python %s | FileCheck %s
# CHECK: overlapping: {{[0-9]+}} passed, 0 failed
# CHECK: non-overlapping gather: {{[0-9]+}} passed, 0 failed
# CHECK: non-overlapping conv: {{[0-9]+}} passed, 0 failed

import math

import numpy as np

import patches
from patches_test_util import Checks, Precision, all_dtypes, rand_small

STRATEGIES = ("gather", "conv")


def overlapping():
    checks = Checks("overlapping")
    for strategy in STRATEGIES:
        def cgdp(*args, **kwargs):
            return patches.conv_general_dilated_patches(*args, strategy=strategy, **kwargs)

        # 1-D: no spatial dimension at all is the identity.
        lhs = np.array([[1]], np.float32).reshape((1, 1))
        out = cgdp(lhs=lhs, filter_shape=(), window_strides=(), padding="SAME")
        np.testing.assert_array_equal(out, lhs)
        checks.ok()

        dn = ("NHC", "OIH", "NHC")
        lhs = np.array([1, 2, 3, 4, 5], np.float32).reshape((1, -1, 1))
        out = cgdp(lhs=lhs, filter_shape=(2,), window_strides=(2,), padding="VALID",
                   dimension_numbers=dn)
        np.testing.assert_array_equal(
            out, np.array([[1, 2], [3, 4]], np.float32).reshape((1, 2, 2)))
        checks.ok()

        out = cgdp(lhs=lhs, filter_shape=(3,), window_strides=(1,), padding="SAME",
                   dimension_numbers=dn)
        np.testing.assert_array_equal(
            out, np.array([[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 0]],
                          np.float32).reshape((1, 5, 3)))
        checks.ok()

        out = cgdp(lhs=lhs, filter_shape=(3,), window_strides=(1,), padding="SAME",
                   rhs_dilation=(2,), dimension_numbers=dn)
        np.testing.assert_array_equal(
            out, np.array([[0, 1, 3], [0, 2, 4], [1, 3, 5], [2, 4, 0], [3, 5, 0]],
                          np.float32).reshape((1, 5, 3)))
        checks.ok()

        # 2-D.
        lhs = np.array([[1, 2, 3], [4, 5, 6]], np.float32).reshape((1, 2, 3, 1))
        out = cgdp(lhs=lhs, filter_shape=(2, 2), window_strides=(1, 1), padding="SAME",
                   dimension_numbers=("NHWC", "OIHW", "NHWC"))
        np.testing.assert_array_equal(
            out, np.array([[1, 2, 4, 5], [2, 3, 5, 6], [3, 0, 6, 0], [4, 5, 0, 0],
                           [5, 6, 0, 0], [6, 0, 0, 0]], np.float32).reshape((1, 2, 3, 4)))
        checks.ok()
    checks.done()


# (lhs_shape, filter_shape, strides, padding, dimension_numbers): windows
# that tile the padded input exactly, so the patches are the padded input
# rearranged.
NON_OVERLAPPING = [
    ((2, 5), (), (), [], ("NC", "OI", "CN")),
    ((2, 3, 4), (2,), (2,), [(0, 2)], ("CNH", "OHI", "HNC")),
    ((3, 1, 4, 5), (1, 3), (1, 3), [(3, 1), (2, 2)], ("NCHW", "OIHW", "NCHW")),
    ((3, 2, 5, 6), (4, 3), (4, 3), [(5, 2), (2, 4)], None),
    ((1, 2, 3, 4), (1, 1), (1, 1), [(0, 0), (0, 0)], ("NCWH", "OHWI", "CNHW")),
    ((1, 2, 3, 4), (3, 2), (1, 1), [(0, 0), (0, 0)], ("CWHN", "HOWI", "NCHW")),
    ((2, 3, 4, 5, 6), (2, 1, 3), (2, 1, 3), [(1, 2), (5, 3), (3, 5)],
     ("NHWDC", "HDIWO", "DCWNH")),
]

PRECISIONS = [None, Precision.DEFAULT, Precision.HIGH, Precision.HIGHEST, "highest", "fastest"]


def check_non_overlapping(lhs, filter_shape, strides, padding, dimension_numbers, precision,
                          strategy):
    """Reassembles the padded input from the patches and compares."""
    n = len(filter_shape)
    if dimension_numbers is None:
        names = "HWDXYZ"[:n]
        lhs_spec, rhs_spec, out_spec = "NC" + names, "OI" + names, "NC" + names
    else:
        lhs_spec, rhs_spec, out_spec = dimension_numbers
    filter_spec = "".join(c for c in rhs_spec if c not in "IO")

    # The padded input, laid out as the output.
    full_padding = [(0, 0) if c in "NC" else padding[filter_spec.index(c)] for c in lhs_spec]
    padded = np.pad(lhs, full_padding, "constant")
    expected = np.transpose(padded, [lhs_spec.index(c) for c in out_spec])

    got = patches.conv_general_dilated_patches(
        lhs, filter_shape, strides, padding, dimension_numbers=dimension_numbers,
        precision=precision, strategy=strategy)
    assert got.dtype == lhs.dtype, (got.dtype, lhs.dtype)

    # Each spatial size of the padded input is (#windows) * (window size);
    # the feature size is C * prod(filter_shape).
    channels = lhs.shape[lhs_spec.index("C")]
    for axis, c in enumerate(out_spec):
        if c == "N":
            assert got.shape[axis] == expected.shape[axis]
        elif c == "C":
            assert got.shape[axis] == channels * math.prod(filter_shape)
        else:
            assert expected.shape[axis] == got.shape[axis] * filter_shape[filter_spec.index(c)]

    # Split the feature dimension into (c, window position per filter_spec),
    # then put each window position next to its output position and merge.
    c_axis = out_spec.index("C")
    split = got.reshape(got.shape[:c_axis] + (channels,) + tuple(filter_shape)
                        + got.shape[c_axis + 1:])
    # Axes of `split`: out_spec with "C" replaced by "C" + filter_spec.lower().
    split_spec = out_spec.replace("C", "C" + filter_spec.lower())
    spatial = [c for c in out_spec if c not in "NC"]
    order = [split_spec.index(ch) for c in spatial for ch in (c, c.lower())]
    rest = [i for i in range(split.ndim) if i not in order]
    moved = np.transpose(split, order + rest)
    merged_shape = tuple(moved.shape[2 * i] * moved.shape[2 * i + 1] for i in range(n))
    merged = moved.reshape(merged_shape + moved.shape[2 * n:])
    # Axes now: the spatial dims in out_spec order, then N and C in out_spec order.
    rest_spec = [c for c in out_spec if c in "NC"]
    final_spec = spatial + rest_spec
    result = np.transpose(merged, [final_spec.index(c) for c in out_spec])
    np.testing.assert_array_equal(result, expected)


def non_overlapping(strategy, dtypes, precisions):
    checks = Checks(f"non-overlapping {strategy}")
    rng = np.random.default_rng(0)
    i = 0
    for lhs_shape, filter_shape, strides, padding, dn in NON_OVERLAPPING:
        for dtype in dtypes:
            lhs = rand_small(rng, lhs_shape, dtype)
            # Every precision for the first dtype, then one in turn (each
            # precision compiles anew; none changes a result).
            for precision in (precisions if dtype == dtypes[0]
                              else [precisions[i % len(precisions)]]):
                i += 1
                check_non_overlapping(lhs, filter_shape, strides, padding, dn, precision,
                                      strategy)
                checks.ok()
    checks.done()


overlapping()
non_overlapping("gather", all_dtypes(), PRECISIONS)
non_overlapping("conv", [np.dtype(np.float32), np.dtype(np.int16), np.dtype(np.complex64),
                         np.dtype(np.bool_)], PRECISIONS[:4])
