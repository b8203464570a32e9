# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# bfloat16 arrays (ml_dtypes' dtype, as JAX hands them to numpy) move bit for
# bit: denormals, signalling NaNs with payloads, -0.0 and infinities come out
# unchanged, on both layouts, with padding and cropping, on both strategies'
# gather, where ml_dtypes is installed.
#
# REQUIRES: ml_dtypes
# RUN: %python %s | FileCheck %s
# CHECK: bfloat16: {{[0-9]+}} passed, 0 failed

import numpy as np

import patches
import patches_reference as ref
from patches_test_util import Checks, assert_bits_equal, bfloat16

BF16 = bfloat16()
checks = Checks("bfloat16")
rng = np.random.default_rng(7)
# A denormal of each sign, signalling NaNs with payloads, a quiet NaN, -0.0,
# both infinities and 1.0.
specials = np.array([0x0001, 0x807F, 0x7F81, 0xFF81, 0x7FC0, 0x8000, 0x7F80,
                     0xFF80, 0x3F80], dtype=np.uint16)
for i in range(12):
    shape = (1, 2, int(rng.integers(1, 20)), int(rng.integers(1, 20)))
    bits = rng.integers(0, 1 << 16, size=shape, dtype=np.uint16)
    count = min(len(specials), bits.size)
    bits.flat[:count] = specials[:count]
    x = bits.view(BF16)
    dn = None if i % 2 == 0 else ("NCHW", "OIHW", "NHWC")
    padding = ("SAME", "VALID", [(1, 2), (0, -1)])[i % 3]
    got = patches.conv_general_dilated_patches(x, (2, 3), (1, 2), padding,
                                               dimension_numbers=dn)
    want = ref.extract_patches(x, (2, 3), (1, 2), padding, dimension_numbers=dn)
    assert_bits_equal(got, want, f"case {i}")
    checks.ok()
checks.done()
