# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Shared helpers of the Python package's tests (test/Python)."""

import enum
import sys

import numpy as np


class Precision(enum.Enum):
    """Stands for jax.lax.Precision (an enum with these names), which the
    package takes by name."""
    DEFAULT = 0
    HIGH = 1
    HIGHEST = 2


def bfloat16():
    """numpy's bfloat16 dtype where ml_dtypes provides one, else None."""
    try:
        import ml_dtypes
        return np.dtype(ml_dtypes.bfloat16)
    except ImportError:
        return None


def all_dtypes():
    """JAX's lax_test_util.all_dtypes, as numpy has them here: bool, the
    signed and unsigned integers, the floats (bfloat16 where ml_dtypes is)
    and the complex types."""
    dtypes = [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
              np.uint32, np.uint64, np.float16, np.float32, np.float64, np.complex64,
              np.complex128]
    dtypes = [np.dtype(d) for d in dtypes]
    bf16 = bfloat16()
    if bf16 is not None:
        dtypes.append(bf16)
    return dtypes


def rand_small(rng, shape, dtype):
    """Small values of `dtype` (as JAX's jtu.rand_small), never all zero."""
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) < 0.5
    if dtype.kind == "u":
        return rng.integers(0, 10, shape).astype(dtype)
    if dtype.kind == "i":
        return rng.integers(-9, 10, shape).astype(dtype)
    if dtype.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
    return (rng.standard_normal(shape) * 3).astype(dtype)


def assert_bits_equal(actual, expected, what=""):
    """Same shape, dtype and bytes (-0.0 and NaN payloads included)."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    assert actual.dtype == expected.dtype, f"{what}: dtype {actual.dtype} != {expected.dtype}"
    a = np.ascontiguousarray(actual).view(np.uint8)
    e = np.ascontiguousarray(expected).view(np.uint8)
    if not np.array_equal(a, e):
        bad = np.argwhere(np.ascontiguousarray(actual) != np.ascontiguousarray(expected))
        raise AssertionError(f"{what}: values differ, first at {bad[:5].tolist()}\n"
                             f"actual={actual}\nexpected={expected}")


class Checks:
    """Counts checks and prints the closing line lit's log shows."""

    def __init__(self, name):
        self.name = name
        self.passed = 0

    def ok(self):
        self.passed += 1

    def done(self):
        print(f"{self.name}: {self.passed} passed, 0 failed")
        sys.stdout.flush()
