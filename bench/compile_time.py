#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes a module with many patches.extract ops (varied configurations) to
time --patches-lower-to-llvm on it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "utils"))
import patches_geometry as pg  # noqa: E402

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
# input shape, then the clauses: filter_shape, window_strides, padding,
# lhs_dilation, rhs_dilation, dimension_numbers (None: left out)
configs = [
    ([1, 8, 16, 16], ([3, 3], [1, 1], "SAME", None, None, None)),
    ([1, 16, 16, 8], ([2, 2], [2, 2], "VALID", None, None, ("NHWC", "HWIO", "NHWC"))),
    ([2, 4, 32], ([3], [1], [[1, 1]], None, None, None)),
]
lines = []
for i in range(count):
    shape, clauses = configs[i % len(configs)]
    it = pg.tensor_type(shape, "f32")
    ot = pg.tensor_type(pg.output_shape(shape, *clauses), "f32")
    lines += [
        f"func.func @f{i}(%x: {it}) -> {ot} {{",
        f"  %y = {pg.op_text('%x', it, ot, *clauses)}",
        f"  return %y : {ot}",
        "}",
    ]
print("\n".join(lines))
