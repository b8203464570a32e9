#!/usr/bin/python3
"""Writes a module with many patches.extract ops (varied configurations) to
time --patches-lower-to-llvm on it."""

import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
configs = [
    ("[3, 3]", "[1, 1]", "SAME", "tensor<1x8x16x16xf32>", "tensor<1x72x16x16xf32>", ""),
    ("[2, 2]", "[2, 2]", "VALID", "tensor<1x16x16x8xf32>", "tensor<1x8x8x32xf32>",
     ' dimension_numbers = ("NHWC", "HWIO", "NHWC")'),
    ("[3]", "[1]", "[[1, 1]]", "tensor<2x4x32xf32>", "tensor<2x12x32xf32>", ""),
]
lines = []
for i in range(count):
    filt, strides, pad, it, ot, dn = configs[i % len(configs)]
    lines += [
        f"func.func @f{i}(%x: {it}) -> {ot} {{",
        f"  %y = patches.extract %x filter_shape = {filt} window_strides = {strides} "
        f"padding = {pad}{dn} : {it} -> {ot}",
        f"  return %y : {ot}",
        "}",
    ]
print("\n".join(lines))
