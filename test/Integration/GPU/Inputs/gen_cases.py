#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes an MLIR module of random `patches.extract` cases for GPU tests.

Each case is a function `@case_<i>` applying one random valid extraction
(1 to 3 spatial dimensions, random dimension numbers, SAME / VALID /
SAME_LOWER / explicit padding including negative, strides, lhs and rhs
dilation, f32 / f16 / i8 / i32, some with dynamic shapes); `@main` calls
each on a constant input whose elements are distinct small integers
(counting from 1, so padding zeros stand out) and prints the result. The
tests run the module through the CPU pipeline and through the GPU pipeline
(or its host emulation) and compare the printed results, which are exact:
the op only copies.

    gen_cases.py --seed 7 --count 24 > cases.mlir

The output shapes come from utils/patches_geometry.py (the rules of
docs/Patches.md).
"""

import argparse
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "utils"))
import patches_geometry as pg  # noqa: E402

# Element type -> (printing function, whether it needs the C interface,
# modulus keeping the integer values exact and distinct enough).
ELEMENT_TYPES = {
    "f32": ("printMemrefF32", False, 1 << 20),
    "f16": ("printMemrefF16", True, 2000),
    "i8": ("printMemrefI8", True, 120),
    "i32": ("printMemrefI32", False, 1 << 30),
}
SPATIAL_NAMES = "HWD"
MAX_INPUT_ELEMENTS = 600
MAX_OUTPUT_ELEMENTS = 6000


def draw_case(rng):
    """One valid configuration with a non-empty, small enough result."""
    while True:
        n = rng.choice([1, 2, 2, 3])
        names = rng.sample(SPATIAL_NAMES, n)
        lhs_spec = "".join(rng.sample(["N", "C"] + names, n + 2))
        rhs_spec = "".join(rng.sample(["O", "I"] + names, n + 2))
        out_spec = "".join(rng.sample(["N", "C"] + names, n + 2))
        canonical = [c for c in rhs_spec if c not in "OI"]
        batch, channels = rng.randint(1, 2), rng.randint(1, 3)
        sizes = [rng.randint(1, 7 if n < 3 else 4) for _ in range(n)]
        filters = [rng.randint(1, 3) for _ in range(n)]
        strides = [rng.randint(1, 3) for _ in range(n)]
        rhs_dilation = [rng.choice([1, 1, 2]) for _ in range(n)]
        form = rng.choice(["SAME", "VALID", "SAME_LOWER", "explicit", "explicit"])
        if form == "explicit":
            lhs_dilation = [rng.choice([1, 1, 2]) for _ in range(n)]
            padding = [(rng.randint(-2, 3), rng.randint(-2, 3)) for _ in range(n)]
        else:
            lhs_dilation = [1] * n
            padding = form
        input_shape = [
            batch if c == "N" else channels if c == "C" else sizes[canonical.index(c)]
            for c in lhs_spec
        ]
        try:
            g = pg.geometry(input_shape, filters, strides, padding, lhs_dilation, rhs_dilation,
                            (lhs_spec, rhs_spec, out_spec))
        except ValueError:  # a crop past the size: an empty result
            continue
        output_shape = list(g.out_shape)
        if (min(g.out_sizes) < 1 or math.prod(input_shape) > MAX_INPUT_ELEMENTS
                or math.prod(output_shape) > MAX_OUTPUT_ELEMENTS):
            continue
        return {
            "type": rng.choice(list(ELEMENT_TYPES)),
            "dynamic": rng.random() < 0.2,
            "specs": (lhs_spec, rhs_spec, out_spec),
            "filters": filters,
            "strides": strides,
            "padding": padding,
            "lhs_dilation": lhs_dilation,
            "rhs_dilation": rhs_dilation,
            "input_shape": input_shape,
            "output_shape": output_shape,
        }


def tensor_type(shape, element, dynamic=False):
    return pg.tensor_type(shape, element, dynamic)


def dense_literal(shape, element, modulus):
    """Nested literal of `shape` holding (flat index % modulus) + 1."""
    counter = iter(range(1 << 62))

    def nest(depth):
        if depth == len(shape):
            value = next(counter) % modulus + 1
            return f"{value}.0" if element.startswith("f") else str(value)
        return "[" + ", ".join(nest(depth + 1) for _ in range(shape[depth])) + "]"

    return nest(0)


def emit_case(index, case):
    element = case["type"]
    dynamic = case["dynamic"]
    in_type = tensor_type(case["input_shape"], element, dynamic)
    out_type = tensor_type(case["output_shape"], element, dynamic)
    clauses = " ".join(pg.clauses(case["filters"], case["strides"], case["padding"],
                                  case["lhs_dilation"], case["rhs_dilation"], case["specs"]))
    return (
        f"func.func @case_{index}(%x: {in_type}) -> {out_type} {{\n"
        f"  %y = patches.extract %x {clauses}\n"
        f"      : {in_type} -> {out_type}\n"
        f"  return %y : {out_type}\n"
        f"}}\n")


def emit_main(cases):
    lines = ["func.func @main() {"]
    for index, case in enumerate(cases):
        element = case["type"]
        printer, _, modulus = ELEMENT_TYPES[element]
        static_in = tensor_type(case["input_shape"], element)
        in_type = tensor_type(case["input_shape"], element, case["dynamic"])
        out_type = tensor_type(case["output_shape"], element, case["dynamic"])
        literal = dense_literal(case["input_shape"], element, modulus)
        lines.append(f"  %x{index} = arith.constant dense<{literal}> : {static_in}")
        argument = f"%x{index}"
        if case["dynamic"]:
            lines.append(f"  %d{index} = tensor.cast %x{index} : {static_in} to {in_type}")
            argument = f"%d{index}"
        lines.append(f"  %y{index} = call @case_{index}({argument}) : ({in_type}) -> {out_type}")
        lines.append(f"  %u{index} = tensor.cast %y{index} : {out_type} to tensor<*x{element}>")
        lines.append(f"  call @{printer}(%u{index}) : (tensor<*x{element}>) -> ()")
    lines.append("  return")
    lines.append("}")
    for element in sorted({case["type"] for case in cases}):
        printer, c_interface, _ = ELEMENT_TYPES[element]
        attributes = " attributes {llvm.emit_c_interface}" if c_interface else ""
        lines.append(f"func.func private @{printer}(tensor<*x{element}>){attributes}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = [draw_case(rng) for _ in range(args.count)]
    print(f"// Generated by gen_cases.py --seed {args.seed} --count {args.count}.")
    for index, case in enumerate(cases):
        print(emit_case(index, case))
    print(emit_main(cases))


if __name__ == "__main__":
    main()
