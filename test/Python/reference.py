# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Randomized agreement of the package with the independent numpy reference
# (utils/reference): patches.conv_general_dilated_patches against
# patches_reference.extract_patches, bit for bit on the gather (float
# specials included: -0.0, infinities, NaN payloads) and by value on the
# conv strategy (finite inputs); patches.fold against
# fold_reference.fold_patches. Random layouts, sizes, strides, dilations and
# padding (strings, explicit pairs, negative ones), n = 0 to 3.
#
# RUN: %python %s | FileCheck %s
# CHECK: extract gather: {{[0-9]+}} passed, 0 failed
# CHECK: extract conv: {{[0-9]+}} passed, 0 failed
# CHECK: fold: {{[0-9]+}} passed, 0 failed

import itertools

import numpy as np

import fold_reference
import patches
import patches_reference as ref
from patches_test_util import Checks, assert_bits_equal, rand_small

DTYPES = [np.bool_, np.int8, np.uint16, np.int32, np.uint64, np.float16, np.float32,
          np.float64, np.complex64, np.complex128]
SPATIAL = "HWD"


def random_config(rng, allow_lhs_dilation=True):
    """(shape, filter_shape, strides, padding, lhs_dilation, rhs_dilation,
    dimension_numbers, precision) that the reference accepts."""
    while True:
        n = int(rng.choice([0, 1, 1, 2, 2, 2, 3]))
        names = SPATIAL[:n]
        lhs_spec = "".join(rng.permutation(list("NC" + names)))
        rhs_spec = "".join(rng.permutation(list("OI" + names)))
        out_spec = "".join(rng.permutation(list("NC" + names)))
        dn = None if rng.random() < 0.2 else (lhs_spec, rhs_spec, out_spec)
        if dn is None:
            lhs_spec = "NC" + names
        canonical = [c for c in (rhs_spec if dn else names) if c not in "OI"]
        sizes = {c: int(rng.integers(0 if rng.random() < 0.05 else 1, 8)) for c in canonical}
        sizes["N"] = int(rng.integers(1, 3))
        sizes["C"] = int(rng.integers(1, 4))
        shape = tuple(sizes[c] for c in lhs_spec)
        filter_shape = tuple(int(rng.integers(1, 4)) for _ in range(n))
        strides = tuple(int(rng.integers(1, 4)) for _ in range(n))
        rhs_dilation = None if rng.random() < 0.5 else tuple(int(rng.integers(1, 3))
                                                             for _ in range(n))
        lhs_dilation = None
        r = rng.random()
        if r < 0.45:
            padding = str(rng.choice(["SAME", "VALID", "SAME_LOWER", "same"]))
        else:
            padding = [(int(rng.integers(-2, 4)), int(rng.integers(-2, 4))) for _ in range(n)]
            if allow_lhs_dilation and rng.random() < 0.5:
                lhs_dilation = tuple(int(rng.integers(1, 4)) for _ in range(n))
        precision = [None, "DEFAULT", "HIGH", "HIGHEST"][int(rng.integers(0, 4))]
        try:
            ref.output_shape(shape, filter_shape, strides, padding, lhs_dilation, rhs_dilation,
                             dn, precision)
        except ValueError:
            continue
        return shape, filter_shape, strides, padding, lhs_dilation, rhs_dilation, dn, precision


def with_specials(rng, x):
    """Puts -0.0, infinities and NaNs with payloads into a float array."""
    if x.dtype.kind not in "fc" or x.size == 0:
        return x
    x = x.copy()
    flat = x.reshape(-1)
    width = x.dtype.itemsize * 8 // (2 if x.dtype.kind == "c" else 1)
    real = flat.view(np.dtype(f"f{width // 8}"))
    bits = real.view(np.dtype(f"u{width // 8}"))
    picks = rng.integers(0, real.size, min(4, real.size))
    real[picks[0]] = -0.0
    if len(picks) > 1:
        real[picks[1]] = np.inf
    if len(picks) > 2:
        real[picks[2]] = -np.inf
    if len(picks) > 3:
        exponent = {16: 0x7C00, 32: 0x7F800000, 64: 0x7FF0000000000000}[width]
        bits[picks[3]] = exponent | 5  # a signalling NaN with a payload
    return x


def reference(x, *args):
    """patches_reference.extract_patches, whose bit view has no 16-byte
    unsigned type for complex128: that one as its two float64 parts."""
    if x.dtype == np.complex128:
        real = ref.extract_patches(np.ascontiguousarray(x.real), *args)
        imag = ref.extract_patches(np.ascontiguousarray(x.imag), *args)
        out = np.empty(real.shape, np.complex128)
        out.real, out.imag = real, imag
        return out
    return ref.extract_patches(x, *args)


def extract(strategy, cases):
    checks = Checks(f"extract {strategy}")
    rng = np.random.default_rng(19 if strategy == "gather" else 20)
    for i in range(cases):
        shape, k, s, pad, ld, rd, dn, prec = random_config(rng)
        dtype = np.dtype(DTYPES[i % len(DTYPES)])
        x = rand_small(rng, shape, dtype)
        if strategy == "gather":
            x = with_specials(rng, x)
        expected = reference(x, k, s, pad, ld, rd, dn, prec)
        got = patches.conv_general_dilated_patches(x, k, s, pad, ld, rd, dn, prec,
                                                   strategy=strategy)
        what = f"case {i}: {shape} {dtype} k={k} s={s} pad={pad} ld={ld} rd={rd} dn={dn}"
        if strategy == "gather":
            assert_bits_equal(got, expected, what)
        else:
            assert got.dtype == expected.dtype, what
            np.testing.assert_array_equal(got, expected, err_msg=what)
        checks.ok()
    checks.done()


def fold(cases):
    checks = Checks("fold")
    rng = np.random.default_rng(21)
    dtypes = [np.int32, np.int64, np.uint8, np.float64, np.complex128]
    for i, strategy in zip(range(cases), itertools.cycle(["gather", "conv"])):
        shape, k, s, pad, ld, rd, dn, prec = random_config(rng)
        dtype = np.dtype(dtypes[i % len(dtypes)])
        out_shape = ref.output_shape(shape, k, s, pad, ld, rd, dn, prec)
        y = rand_small(rng, out_shape, dtype)
        expected = fold_reference.fold_patches(y, shape, k, s, pad, ld, rd, dn, prec)
        got = patches.fold(y, shape, k, s, pad, ld, rd, dn, prec, strategy=strategy)
        what = f"case {i}: {shape} {dtype} k={k} s={s} pad={pad} ld={ld} rd={rd} dn={dn}"
        # Small integers and float64 sums of small values are exact.
        np.testing.assert_array_equal(got, expected, err_msg=what)
        assert got.dtype == dtype and got.shape == shape, what
        # The adjoint identity, exactly (integers).
        if dtype in (np.int32, np.int64):
            x = rand_small(rng, shape, dtype)
            e = patches.conv_general_dilated_patches(x, k, s, pad, ld, rd, dn, prec)
            assert np.sum(e.astype(np.int64) * y) == np.sum(x.astype(np.int64) * got), what
        checks.ok()
    checks.done()


extract("gather", 60)
extract("conv", 30)
fold(30)
