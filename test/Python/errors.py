# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Every error is a Python exception, with JAX's type and wording where JAX
# has one, and the interpreter goes on: bad padding, dimension numbers,
# ranks, sizes, dtypes, precision and options, errors that only the
# compiler finds (its message), and fold's own.
#
# RUN: %python %s | FileCheck %s
# CHECK: errors: {{[0-9]+}} passed, 0 failed

import re

import numpy as np

import patches
from patches_test_util import Checks

checks = Checks("errors")
x = np.zeros((1, 2, 5, 5), np.float32)
cgdp = patches.conv_general_dilated_patches


def raises(types, pattern, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except types as e:
        message = str(e)
        assert re.search(pattern, message), f"{message!r} does not match {pattern!r}"
        checks.ok()
        return e
    except Exception as e:  # noqa: BLE001
        raise AssertionError(f"expected {types}, got {type(e).__name__}: {e}") from e
    raise AssertionError(f"expected {types} matching {pattern!r}, nothing raised")


# Padding (JAX: RuntimeError, ValueError, TypeError with these messages).
e = raises(ValueError, r"Unrecognized padding type: expected 'VALID' or 'SAME', got FULL\.",
           cgdp, x, (2, 2), (1, 1), "FULL")
assert isinstance(e, RuntimeError)
raises(ValueError, r"String padding is not implemented for transposed convolution",
       cgdp, x, (2, 2), (1, 1), "SAME", lhs_dilation=(2, 1))
e = raises(ValueError, r"Wrong number of explicit pads for convolution: expected 2, got 1\.",
           cgdp, x, (2, 2), (1, 1), [(0, 0)])
assert isinstance(e, TypeError)
raises(ValueError, r"padding argument to conv_general_dilated should be a string or a "
       r"sequence of \(low, high\) pairs", cgdp, x, (2, 2), (1, 1), [(0, 0, 0), (1, 1)])
raises(ValueError, r"padding argument", cgdp, x, (2, 2), (1, 1), [(0.5, 0), (1, 1)])
raises(ValueError, r"Negative padding is larger than the size of the corresponding dimension",
       cgdp, x, (2, 2), (1, 1), [(-3, -3), (0, 0)])

# Dimension numbers (JAX: TypeError; these are ValueErrors too).
for dn, pattern in [
        (("NCHW", "OIHW"), r"dimension_numbers list/tuple must be length 3, got 2\."),
        ("NCHW", r"dimension_numbers must be tuple/list or None, got <class 'str'>\."),
        (5, r"dimension_numbers must be tuple/list or None"),
        (("NCHW", "OIHW", 3), r"dimension_numbers elements must be strings"),
        (("NCH", "OIHW", "NCHW"), r"dimension_numbers\[0\] must have len equal to the ndim"),
        (("NcHW", "OIHW", "NCHW"), r"dimension_numbers\[0\] must contain the characters "
                                   r"'N' and 'C' exactly once, got NcHW\."),
        (("NCHW", "OIHW", "NCHH"), r"dimension_numbers\[2\] must contain|cannot have "
                                   r"duplicate"),
        (("NCHW", "IIHW", "NCHW"), r"dimension_numbers\[1\] must contain the characters "
                                   r"'O' and 'I'"),
        (("NCHW", "OIHX", "NCHW"), r"must each have the same set of spatial characters"),
]:
    e = raises(ValueError, pattern, cgdp, x, (2, 2), (1, 1), "VALID", dimension_numbers=dn)
    assert isinstance(e, TypeError), type(e)

# Ranks and sizes.
raises(TypeError, r"convolution requires lhs and rhs ndim to be equal, got 4 and 3\.",
       cgdp, x, (2,), (1,), "VALID")
raises(ValueError, r"window and window_strides must have the same number of dimensions",
       cgdp, x, (2, 2), (1,), "VALID")
raises(ValueError, r"window_strides must have every element be at least 1",
       cgdp, x, (2, 2), (1, 0), "VALID")
raises(ValueError, r"rhs_dilation must have every element be at least 1",
       cgdp, x, (2, 2), (1, 1), "VALID", rhs_dilation=(0, 1))
raises(ValueError, r"lhs_dilation", cgdp, x, (2, 2), (1, 1), [(0, 0)] * 2, lhs_dilation=(1,))
raises(ValueError, r"filter_shape must have every element be positive",
       cgdp, x, (2, 0), (1, 1), "VALID")
raises(TypeError, r"filter_shape must be a sequence of integers",
       cgdp, x, (2, 1.5), (1, 1), "VALID")
raises(TypeError, r"window_strides must be a sequence of integers",
       cgdp, x, (2, 2), ("a", 1), "VALID")

# Types.
for bad in [np.array([[["a"]]], dtype=object), np.zeros((1, 1, 2), "U3"),
            np.zeros((1, 1, 2), "datetime64[s]"), np.zeros((1, 1, 2), np.longdouble)]:
    raises(TypeError, r"conv_general_dilated_patches requires a bool, integer, "
           r"floating-point or complex array", cgdp, bad, (1,), (1,), "VALID")

# Precision and the options.
raises(ValueError, r"Precision argument must be one of", cgdp, x, (2, 2), (1, 1), "VALID",
       precision="LOW")
raises(ValueError, r"Precision argument", cgdp, x, (2, 2), (1, 1), "VALID", precision=7)
raises(ValueError, r"strategy must be 'gather' or 'conv', got 'im2col'",
       cgdp, x, (2, 2), (1, 1), "VALID", strategy="im2col")
raises(ValueError, r"num_threads must be 0 to 4096", cgdp, x, (2, 2), (1, 1), "VALID",
       num_threads=5000)
raises(TypeError, r"num_threads must be an integer", cgdp, x, (2, 2), (1, 1), "VALID",
       num_threads=1.5)

# What only the compiler finds: its diagnostic, as a ValueError.
tiny = np.zeros((1, 1, 1), np.int8)
raises(ValueError, r"more than 2\^63 - 1 elements", cgdp, tiny, (2 ** 62,), (1,), [(0, 2 ** 62)])
raises(ValueError, r"cannot parse the element type|expected non-function type",
       patches._lib.compile_function, False, "notatype", (1, 1, 3), (2,), (1,), 2, None,
       None, None, None, None, 0, "gather", 1)

# fold's own errors.
y = np.zeros((1, 8, 4, 4), np.float32)
raises(ValueError, r"the patches have shape \(1, 8, 4, 4\), but the extraction from "
       r"input_shape=\(1, 2, 5, 6\) gives \(1, 8, 4, 5\)",
       patches.fold, y, (1, 2, 5, 6), (2, 2), (1, 1), "VALID")
raises(TypeError, r"fold sums patches and does not accept dtype bool",
       patches.fold, y.astype(bool), (1, 2, 5, 5), (2, 2), (1, 1), "VALID")

# Nothing was cached for the failures, and the package still works.
good = cgdp(np.arange(9, dtype=np.float32).reshape(1, 1, 3, 3), (2, 2), (1, 1), "VALID")
assert good[0, 3].tolist() == [[4, 5], [7, 8]], good
checks.ok()
checks.done()
