# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Agreement with torch.nn.functional.unfold on 2-D NCHW inputs (random sizes,
# kernels, dilations, paddings and strides; float32 and float64), where
# Debian's python3-torch is installed: unfold's (N, C * kh * kw, L) is the
# patches' (N, C * kh * kw, oh, ow) with the output positions flattened.
#
# REQUIRES: torch
# RUN: %python %s | FileCheck %s
# CHECK: torch unfold: {{[0-9]+}} passed, 0 failed

import numpy as np
import torch

import patches
from patches_test_util import Checks, assert_bits_equal

checks = Checks("torch unfold")
rng = np.random.default_rng(3)
for i in range(24):
    n, c = int(rng.integers(1, 3)), int(rng.integers(1, 5))
    h, w = int(rng.integers(3, 12)), int(rng.integers(3, 12))
    kernel = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    dilation = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
    padding = (int(rng.integers(0, 3)), int(rng.integers(0, 3)))
    stride = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    if any((k - 1) * d + 1 > size + 2 * p
           for k, d, size, p in zip(kernel, dilation, (h, w), padding)):
        continue
    dtype = (np.float32, np.float64)[i % 2]
    x = rng.standard_normal((n, c, h, w)).astype(dtype)
    expected = torch.nn.functional.unfold(torch.from_numpy(x), kernel, dilation=dilation,
                                          padding=padding, stride=stride).numpy()
    for strategy in ("gather", "conv"):
        got = patches.conv_general_dilated_patches(
            x, kernel, stride, [(p, p) for p in padding], rhs_dilation=dilation,
            strategy=strategy)
        got = got.reshape(got.shape[0], got.shape[1], -1)
        if strategy == "gather":
            assert_bits_equal(got, expected, f"case {i}")
        else:
            np.testing.assert_array_equal(got, expected)
        checks.ok()
checks.done()
