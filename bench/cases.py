# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The CPU benchmark cases (issue: memory-speed CPU code) and their geometry.

Each case is a `patches.extract` configuration. The geometry, from
utils/patches_geometry.py, is only what the harness needs to size buffers
and to write the ops; the compiler computes its own.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "utils"))
import patches_geometry as pg  # noqa: E402

# name, input shape, filter, strides, padding, lhs_dilation, rhs_dilation,
# dimension numbers (None = NCHW-style default)
CASES = [
    ("resnet3x3_nchw", [1, 64, 56, 56], [3, 3], [1, 1], "SAME", [1, 1], [1, 1], None),
    ("resnet3x3_nchw_b32", [32, 64, 56, 56], [3, 3], [1, 1], "SAME", [1, 1], [1, 1], None),
    ("resnet3x3_nhwc", [1, 56, 56, 64], [3, 3], [1, 1], "SAME", [1, 1], [1, 1],
     ("NHWC", "HWIO", "NHWC")),
    ("conv7x7_s2", [1, 3, 224, 224], [7, 7], [2, 2], "SAME", [1, 1], [1, 1], None),
    ("dilated3x3_r2", [1, 64, 56, 56], [3, 3], [1, 1], "SAME", [1, 1], [2, 2], None),
    ("conv3d_3x3x3", [1, 3, 16, 112, 112], [3, 3, 3], [1, 1, 1], "SAME", [1, 1, 1], [1, 1, 1], None),
    ("conv1d_w9", [8, 64, 16000], [9], [1], "SAME", [1], [1], None),
    ("lhs_dilated2", [1, 64, 28, 28], [3, 3], [1, 1], [[1, 1], [1, 1]], [2, 2], [1, 1], None),
]

# Issue #15's targets, one thread, per case: the least ratio of the gather's
# speed to the write bound (a fill of the output bytes), and whether the case
# is batched (num-threads=2 should then run at least 1.7x one thread). On
# every case the gather should also be no slower than memcpy of the output
# bytes and at least 3x faster than torch.nn.functional.unfold. Cases absent
# here have only those two targets. bench/table.py reports them; missing one
# does not fail the benchmark.
TARGETS = {
    "resnet3x3_nchw": {"vs_fill": 0.75},
    "dilated3x3_r2": {"vs_fill": 0.75},
    "resnet3x3_nhwc": {"vs_fill": 0.5},
    "conv7x7_s2": {"vs_fill": 0.5},
    "lhs_dilated2": {"vs_fill": 0.5},
    "resnet3x3_nchw_b32": {"vs_fill": 0.8, "batched": True},  # 231 MB: beyond the LLC
    "conv1d_w9": {"vs_fill": 0.8, "batched": True},  # batch 8, 295 MB
}
VS_MEMCPY_TARGET = 1.0
VS_TORCH_TARGET = 3.0
THREADS_TARGET = 1.7


def op_args(case):
    """The case's clauses, as patches_geometry takes them."""
    name, shape, filt, strides, padding, lhs_dil, rhs_dil, dn = case
    return filt, strides, padding, lhs_dil, rhs_dil, dn


def geometry(case):
    return pg.geometry(case[1], *op_args(case))


def layouts(case):
    """(lhs, out) positions: batch, feature, spatial[j] in rhs order."""
    layout = geometry(case).layout
    return tuple((spec.batch, spec.feature, list(spec.spatial))
                 for spec in (layout.lhs, layout.out))


def output_shape(case):
    return list(geometry(case).out_shape)


def op_text(case, src, result_type, input_type):
    return pg.op_text(src, input_type, result_type, *op_args(case))


tensor_type = pg.tensor_type
memref_type = pg.memref_type
