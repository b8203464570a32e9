# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Python reference of `patches.fold`, the adjoint of `patches.extract`.

Plain loops, written from the definition: for every element of the patches
(laid out as `patches.extract` lays out its result), add it into the input
element that the extraction reads there; elements that read padding or the
holes of lhs dilation are dropped. Uses the geometry of patches_reference.
"""

import numpy as np

import patches_reference as ref


def fold_patches(y, input_shape, filter_shape, window_strides, padding, lhs_dilation=None,
                 rhs_dilation=None, dimension_numbers=None, precision=None):
    """fold(y) for an input of `input_shape`; `y` has the extraction's shape."""
    y = np.asarray(y)
    g = ref.geometry(input_shape, filter_shape, window_strides, padding, lhs_dilation,
                     rhs_dilation, dimension_numbers, precision)
    if tuple(y.shape) != g.out_shape:
        raise ValueError(f"patches of shape {y.shape}, expected {g.out_shape}")
    layout = g.layout
    result = np.zeros(tuple(input_shape), dtype=y.dtype)
    for b, f, *o in np.ndindex(*g.canonical_out_shape):
        c, k = divmod(f, g.window_count)
        w = np.unravel_index(k, g.filter_shape)
        in_index = [0] * len(input_shape)
        in_index[layout.lhs.batch] = b
        in_index[layout.lhs.feature] = c
        inside = True
        for j in range(layout.num_spatial):
            pos = o[j] * g.strides[j] + int(w[j]) * g.rhs_dilation[j] - g.pads[j][0]
            dilated = ref.dilated_size(g.in_sizes[j], g.lhs_dilation[j])
            if pos < 0 or pos >= dilated or pos % g.lhs_dilation[j] != 0:
                inside = False
                break
            in_index[layout.lhs.spatial[j]] = pos // g.lhs_dilation[j]
        if not inside:
            continue
        out_index = [0] * len(input_shape)
        out_index[layout.out.batch] = b
        out_index[layout.out.feature] = f
        for j in range(layout.num_spatial):
            out_index[layout.out.spatial[j]] = o[j]
        result[tuple(in_index)] += y[tuple(out_index)]
    return result
