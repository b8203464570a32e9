# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The compiled-function cache (same result, no recompilation; a new
# configuration or option compiles anew), num_threads, inputs that are not
# C-contiguous, aligned or native-endian (copied once, same result), empty
# arrays, calls from several Python threads at once, and arguments given as
# lists, numpy integers or a ConvDimensionNumbers.
#
# RUN: %python %s | FileCheck %s
# CHECK: cache: {{[0-9]+}} passed, 0 failed
# CHECK: threads: {{[0-9]+}} passed, 0 failed
# CHECK: layouts: {{[0-9]+}} passed, 0 failed
# CHECK: python threads: {{[0-9]+}} passed, 0 failed
# CHECK: arguments: {{[0-9]+}} passed, 0 failed

import collections
import concurrent.futures

import numpy as np

import patches
import patches_reference as ref
from patches_test_util import Checks, assert_bits_equal

rng = np.random.default_rng(7)


def cache():
    checks = Checks("cache")
    patches.clear_cache()
    assert patches.cache_info() == (0, 0, 0, 0)
    x = rng.standard_normal((2, 3, 9, 7)).astype(np.float32)
    args = ((3, 3), (2, 1), "SAME")
    first = patches.conv_general_dilated_patches(x, *args)
    info = patches.cache_info()
    assert info.compilations == 1 and info.misses == 1 and info.currsize == 1, info
    checks.ok()
    for _ in range(5):
        again = patches.conv_general_dilated_patches(x, *args)
        assert_bits_equal(again, first, "cached call")
        assert again is not first  # a new array every call
    info = patches.cache_info()
    assert info.compilations == 1 and info.hits == 5, info
    checks.ok()
    # The same configuration spelled otherwise (lists, numpy ints, a new
    # array of the same shape): still no compilation.
    y = rng.standard_normal((2, 3, 9, 7)).astype(np.float32)
    other = patches.conv_general_dilated_patches(
        y, [np.int64(3), 3], np.array([2, 1]), "SAME", None, (1, 1))
    assert_bits_equal(other, ref.extract_patches(y, *args), "respelled")
    assert patches.cache_info().compilations == 1, patches.cache_info()
    checks.ok()
    # Each of shape, dtype, clause and option is part of the key.
    variants = [
        (x[:1], args, {}),
        (x.astype(np.float64), args, {}),
        (x, ((3, 3), (2, 1), "VALID"), {}),
        (x, args, {"strategy": "conv"}),
        (x, args, {"num_threads": 2}),
        (x, args + (None, None, ("NCHW", "OIWH", "NCHW")), {}),
    ]
    for count, (a, arguments, options) in enumerate(variants, start=2):
        got = patches.conv_general_dilated_patches(a, *arguments, **options)
        assert patches.cache_info().compilations == count, (count, patches.cache_info())
        expected = ref.extract_patches(a, *arguments)
        np.testing.assert_array_equal(got, expected)
        patches.conv_general_dilated_patches(a, *arguments, **options)
        assert patches.cache_info().compilations == count
        checks.ok()
    # Failed compilations are not cached; clear_cache frees everything.
    patches.clear_cache()
    assert patches.cache_info() == (0, 0, 0, 0)
    checks.ok()
    checks.done()


def threads():
    checks = Checks("threads")
    if patches._lib.libomp_path() is None:
        print("threads: no libomp.so; num_threads != 1 not run")
        checks.done()
        return
    x = rng.integers(-100, 100, (4, 16, 33, 29)).astype(np.int32)
    expected = ref.extract_patches(x, (3, 2), (1, 2), [(1, 2), (0, -1)],
                                   dimension_numbers=("NHWC", "HWIO", "NHWC"))
    for strategy in ("gather", "conv"):
        for num_threads in (1, 2, 4, 0):
            got = patches.conv_general_dilated_patches(
                x, (3, 2), (1, 2), [(1, 2), (0, -1)],
                dimension_numbers=("NHWC", "HWIO", "NHWC"),
                strategy=strategy, num_threads=num_threads)
            assert_bits_equal(got, expected, f"{strategy} num_threads={num_threads}")
            checks.ok()
    y = rng.integers(-100, 100, expected.shape).astype(np.int64)
    folded = [patches.fold(y, x.shape, (3, 2), (1, 2), [(1, 2), (0, -1)],
                           dimension_numbers=("NHWC", "HWIO", "NHWC"), num_threads=t)
              for t in (1, 3)]
    assert_bits_equal(folded[1], folded[0], "fold num_threads=3")
    checks.ok()
    checks.done()


def layouts():
    checks = Checks("layouts")
    base = rng.standard_normal((3, 4, 10, 12)).astype(np.float32)
    base.reshape(-1)[::7] = -0.0
    views = {
        "transposed": np.transpose(base, (1, 0, 3, 2)),
        "sliced": base[:, 1:4, ::2, 1:],
        "reversed": base[::-1, :, ::-1, :],
        "fortran": np.asfortranarray(base),
        "broadcast": np.broadcast_to(base[:1], (5,) + base.shape[1:]),
    }
    raw = np.zeros(base.size * 4 + 1, np.uint8)
    unaligned = raw[1:].view(np.float32).reshape(base.shape)
    unaligned[...] = base
    views["unaligned"] = unaligned
    views["big-endian"] = base.astype(">f4")
    for name, view in views.items():
        assert name in ("fortran", "unaligned", "big-endian") or \
            not view.flags.c_contiguous, name
        before = view.copy()
        got = patches.conv_general_dilated_patches(view, (2, 3), (2, 1), "SAME_LOWER",
                                                   rhs_dilation=(1, 2))
        expected = ref.extract_patches(np.ascontiguousarray(view).astype(np.float32), (2, 3),
                                       (2, 1), "SAME_LOWER", rhs_dilation=(1, 2))
        assert got.dtype == np.float32 and got.dtype.isnative, (name, got.dtype)
        assert_bits_equal(got, expected, name)
        assert_bits_equal(view, before, f"{name} unchanged")
        checks.ok()
    # The fold of a non-contiguous patches array.
    p = np.transpose(rng.integers(0, 5, (8, 3, 2, 6)).astype(np.int64), (2, 1, 3, 0))
    assert not p.flags.c_contiguous
    got = patches.fold(p, (2, 3, 6, 8), (1, 1), (1, 1), "VALID")
    assert_bits_equal(got, np.ascontiguousarray(p), "fold of 1x1 windows is the identity")
    checks.ok()
    # Empty arrays: an empty input, an empty result, a zero-size batch.
    for shape, k, pad in [((0, 3, 5), (2,), "SAME"), ((2, 0, 5), (2,), "VALID"),
                          ((2, 3, 1), (3,), "VALID"), ((1, 2, 0), (2,), [(1, 1)])]:
        x = np.ones(shape, np.float32)
        got = patches.conv_general_dilated_patches(x, k, (1,), pad)
        assert_bits_equal(got, ref.extract_patches(x, k, (1,), pad), f"empty {shape}")
        checks.ok()
    checks.done()


def python_threads():
    """Python threads at once: cached calls of one function (the GIL is
    released while the compiled code runs) and compilations of others."""
    checks = Checks("python threads")
    x = rng.standard_normal((2, 8, 20, 20)).astype(np.float32)
    expected = ref.extract_patches(x, (3, 3), (1, 1), "SAME")
    patches.conv_general_dilated_patches(x, (3, 3), (1, 1), "SAME")

    def work(i):
        got = [patches.conv_general_dilated_patches(x, (3, 3), (1, 1), "SAME")
               for _ in range(20)]
        other = patches.conv_general_dilated_patches(x[:, :i + 1], (2, 2), (1, 1), "VALID")
        return got, other, i

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for got, other, i in pool.map(work, range(4)):
            for g in got:
                assert_bits_equal(g, expected, "concurrent cached call")
            assert_bits_equal(other, ref.extract_patches(x[:, :i + 1], (2, 2), (1, 1),
                                                         "VALID"), "concurrent compilation")
            checks.ok()
    checks.done()


ConvDimensionNumbers = collections.namedtuple("ConvDimensionNumbers",
                                              "lhs_spec rhs_spec out_spec")


def arguments():
    checks = Checks("arguments")
    x = rng.standard_normal((2, 5, 6, 3)).astype(np.float64)  # NHWC
    expected = ref.extract_patches(x, (2, 3), (1, 2), "VALID",
                                   dimension_numbers=("NHWC", "HWIO", "NHWC"))
    # JAX's ConvDimensionNumbers: the integer form (batch, feature, spatial...).
    dn = ConvDimensionNumbers((0, 3, 1, 2), (3, 2, 0, 1), (0, 3, 1, 2))
    got = patches.conv_general_dilated_patches(x, (2, 3), (1, 2), "VALID",
                                               dimension_numbers=dn)
    assert_bits_equal(got, expected, "ConvDimensionNumbers")
    checks.ok()
    # Lists and nested lists, keyword arguments, a list input.
    got = patches.conv_general_dilated_patches(
        lhs=x.tolist(), filter_shape=[2, 3], window_strides=[1, 2], padding="valid",
        dimension_numbers=["NHWC", "HWIO", "NHWC"], precision="float32")
    assert_bits_equal(got, expected, "lists")
    checks.ok()
    got = patches.conv_general_dilated_patches(x, (2, 3), (1, 2), [[0, 0], [0, 0]],
                                               dimension_numbers=("NHWC", "HWIO", "NHWC"))
    assert_bits_equal(got, expected, "explicit zero padding")
    checks.ok()
    checks.done()


cache()
threads()
layouts()
python_threads()
arguments()
