#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Randomized conformance test of `patches.extract` against the Python reference.

Draws random valid configurations of the op, writes them as MLIR modules (many
cases per module, since JIT start-up dominates), compiles each module with
patches-opt, runs it with mlir-runner and compares every element of every
result bit for bit with utils/reference/patches_reference.py.

    run_conformance.py --patches-opt PATH --mlir-runner PATH \\
        --shared-libs LIB1,LIB2 --opt-args '--patches-lower-to-llvm=strategy=gather' \\
        --cases 300 --seed 1

`--pipeline P` may be given instead of `--opt-args`; it runs
`--pass-pipeline=builtin.module(P)`. `--self-test` checks the reference alone
(no compiler needed); `--dry-run --keep DIR` only writes the modules.

For a GPU's machine without this project's toolchain, `--bundle DIR` compiles
each module ahead of time (patches-opt, then utils/aot_compile.py) into an
executable that needs no LLVM library (with `--runtime LIB`, the runtime
wrapper it links, for the GPU pipelines), and stores every case's expected
bits and description; `--prebuilt DIR` runs those executables there and
compares, needing only Python, numpy and the NVIDIA driver.

Results are printed as raw integer bits (floats are bitcast to integers of the
same width), so -0.0 and NaN payloads are compared exactly. Each case first
prints the runtime shape of its result (an i64 vector), then, unless the result
is empty, its data: printMemref reads out of bounds on zero-size buffers.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_ROOT = Path(__file__).resolve().parents[3]
# The geometry writes the ops (sizes, shapes, types); the reference, which
# is independent of it, computes what they must give.
sys.path.insert(0, str(_ROOT / "utils"))
sys.path.insert(0, str(_ROOT / "utils" / "reference"))
import aot_compile as aot  # noqa: E402
import patches_geometry as pg  # noqa: E402
import patches_reference as ref  # noqa: E402


@dataclass(frozen=True)
class DType:
    name: str          # MLIR element type
    numpy: type
    print_view: type   # numpy type whose values the printed integers are
    printed: str       # i32 or i64: the element type given to printMemref
    widen: str         # arith op widening the bits to `printed`, or ""

    @property
    def is_float(self):
        return self.name.startswith("f")

    @property
    def bits(self):
        """The integer type of the same width, for arith.bitcast."""
        return f"i{np.dtype(self.numpy).itemsize * 8}"


DTYPES = {
    "f32": DType("f32", np.float32, np.int32, "i32", ""),
    "i32": DType("i32", np.int32, np.int32, "i32", ""),
    "f16": DType("f16", np.float16, np.uint16, "i32", "extui"),
    "i8": DType("i8", np.int8, np.int8, "i32", "extsi"),
    "f64": DType("f64", np.float64, np.int64, "i64", ""),
    "i64": DType("i64", np.int64, np.int64, "i64", ""),
    # Signed and unsigned integers: arith has no arithmetic for them, so the
    # conv strategy convolves their signless twins.
    "ui8": DType("ui8", np.uint8, np.uint8, "i32", "extui"),
    "si16": DType("si16", np.int16, np.int16, "i32", "extsi"),
}
DTYPE_WEIGHTS = {"f32": 10, "i32": 2, "f16": 2, "i8": 2, "f64": 2, "i64": 2,
                 "ui8": 1, "si16": 1}

# Spatial names are any characters but N and C (O and I in rhs_spec); the
# lowercase letters check that the names are case-sensitive.
SPATIAL_NAMES = "HWDXYZTSABhwdcnoi"
CLASSIC_LAYOUTS = {
    1: [("NWC", "WIO", "NWC"), ("NCW", "OIW", "NCW"), ("CWN", "IWO", "WCN")],
    2: [("NHWC", "HWIO", "NHWC"), ("NCHW", "OIHW", "NCHW"), ("NHWC", "OIHW", "NCHW"),
        ("NHWC", "WHIO", "NHWC")],
    3: [("NDHWC", "DHWIO", "NDHWC"), ("NCDHW", "OIDHW", "NCDHW")],
}
MAX_ELEMENTS = 3000


@dataclass
class Case:
    id: int
    dtype: DType
    x: np.ndarray               # the input, laid out per lhs_spec
    filter_shape: tuple
    strides: tuple
    padding: object             # a padding string or a tuple of (lo, hi)
    lhs_dilation: object        # None (clause omitted) or a tuple
    rhs_dilation: object
    dimension_numbers: object   # None (clause omitted) or a triple of strings
    precision: object           # None (clause omitted) or a string
    dynamic: tuple              # per input dimension: is it `?` in the operand type
    expected: np.ndarray = None

    def op_args(self):
        return (self.filter_shape, self.strides, self.padding, self.lhs_dilation,
                self.rhs_dilation, self.dimension_numbers, self.precision)

    def layout(self):
        return pg.parse_dimension_numbers(self.dimension_numbers, len(self.filter_shape))

    def result_shape(self):
        """The result shape the op is written with (the geometry's; the
        reference's, `expected.shape`, must agree)."""
        return pg.output_shape(self.x.shape, *self.op_args())

    def describe(self):
        return (f"case {self.id}: {self.dtype.name} input {self.x.shape}"
                f"{' dynamic ' + str(self.dynamic) if any(self.dynamic) else ''}, "
                f"filter_shape={self.filter_shape} window_strides={self.strides} "
                f"padding={self.padding!r} lhs_dilation={self.lhs_dilation} "
                f"rhs_dilation={self.rhs_dilation} dimension_numbers={self.dimension_numbers} "
                f"precision={self.precision} -> {self.expected.shape}")

    def features(self):
        """Labels for the coverage report."""
        n = len(self.filter_shape)
        labels = [f"n={n}", self.dtype.name]
        if isinstance(self.padding, str):
            labels.append(self.padding)
        else:
            labels.append("explicit")
            if any(v < 0 for pair in self.padding for v in pair):
                labels.append("negative-padding")
        for name, values in (("lhs-dilation", self.lhs_dilation),
                             ("rhs-dilation", self.rhs_dilation), ("stride", self.strides)):
            if values is not None and any(v > 1 for v in values):
                labels.append(name)
        labels.append("default-layout" if self.dimension_numbers is None else "layout")
        if self.precision is not None:
            labels.append("precision")
        if any(self.dynamic):
            labels.append("dynamic")
        if self.x.size == 0:
            labels.append("zero-size-input")
        if self.expected.size == 0:
            labels.append("zero-size-result")
        return labels


# --------------------------------------------------------------------------
# Random configurations.

def _shuffled(rng, items):
    items = list(items)
    rng.shuffle(items)
    return "".join(items)


def _draw_layout(rng, n):
    u = rng.random()
    if u < 0.2:
        return None
    if u < 0.4 and n in CLASSIC_LAYOUTS:
        return rng.choice(CLASSIC_LAYOUTS[n])
    names = rng.sample(SPATIAL_NAMES, n)
    return (_shuffled(rng, ["N", "C"] + names), _shuffled(rng, ["O", "I"] + names),
            _shuffled(rng, ["N", "C"] + names))


def _draw_values(rng, n, low, high):
    return tuple(rng.randint(low, high) for _ in range(n))


def _special_bits(rng, dtype):
    """Bits of -0.0, +-inf or a NaN (quiet or signaling, random payload)."""
    width = np.dtype(dtype.numpy).itemsize * 8
    mantissa = {16: 10, 32: 23, 64: 52}[width]
    sign = 1 << (width - 1)
    infinity = ((1 << (width - 1 - mantissa)) - 1) << mantissa
    kind = rng.randrange(4)
    if kind == 0:
        return sign
    if kind == 1:
        return infinity | rng.choice((0, sign))
    quiet = 1 << (mantissa - 1)
    payload = rng.randrange(1, quiet)  # nonzero, so a signaling NaN stays a NaN
    return infinity | payload | rng.choice((0, quiet)) | rng.choice((0, sign))


def _draw_input(rng, dtype, shape, specials):
    low, high = (0, 200) if dtype.name.startswith("ui") else (-100, 100)
    values = np.array([rng.randint(low, high) for _ in range(int(np.prod(shape)))],
                      dtype=dtype.numpy).reshape(shape)
    if specials and dtype.is_float:
        bits = values.view(f"u{values.itemsize}").reshape(-1)
        for i in range(bits.size):
            if rng.random() < 0.15:
                bits[i] = _special_bits(rng, dtype)
    return values


def draw_case(rng, case_id, specials, spatial_sizes=None, channel_sizes=None, dtype=None,
              draw_input=None, max_elements=MAX_ELEMENTS, accept=None):
    """A random valid configuration with a small input and result.

    `spatial_sizes`/`channel_sizes`, when given, are the sizes to draw from
    (e.g. around the vector width, to hit the vectorized gather's splits
    between full vectors, masked tails and padding). The other arguments are
    for other harnesses (test/Integration/Exactness): a fixed element type
    (`dtype`, anything with a `name`), `draw_input(rng, shape)` giving the
    input array (then `expected` is the reference applied to it), a larger
    size limit, and `accept(case)`, which makes it draw again on False."""
    while True:
        n = rng.choices([0, 1, 2, 3], weights=[1, 6, 8, 3])[0]
        dn = _draw_layout(rng, n)
        layout = pg.parse_dimension_numbers(dn, n)
        filter_shape = tuple(rng.choice([1, 1, 2, 2, 3, 3, 4]) for _ in range(n))
        strides = tuple(rng.choice([1, 1, 1, 2, 2, 3]) for _ in range(n))
        rhs_dilation = None if rng.random() < 0.4 else _draw_values(rng, n, 1, 3)
        lhs_dilation = None
        if n == 0:
            padding = rng.choice(["VALID", ()])
        else:
            padding = rng.choices(["SAME", "VALID", "SAME_LOWER", "explicit"],
                                  weights=[2, 2, 2, 3])[0]
        if padding == "explicit":
            padding = tuple((rng.randint(-2, 3), rng.randint(-2, 3)) for _ in range(n))
            if rng.random() < 0.5:
                lhs_dilation = _draw_values(rng, n, 1, 3)
        if lhs_dilation is None and rng.random() < 0.1:
            lhs_dilation = (1,) * n  # the default, spelled out
        batch = rng.choices([0, 1, 2, 3], weights=[1, 8, 4, 2])[0]
        channels = rng.choices([0, 1, 2, 3, 4], weights=[1, 8, 4, 3, 1])[0]
        if channel_sizes:
            channels = rng.choice(channel_sizes)
        largest = 4 if n == 3 else 7
        spatial = [0 if rng.random() < 0.03 else rng.randint(1, largest) for _ in range(n)]
        if spatial_sizes:
            # One spatial dimension (the innermost of a default layout is the
            # likeliest row) takes a listed size; the others stay small.
            spatial[-1 if n else 0:] = [rng.choice(spatial_sizes) for _ in spatial[-1:]]
        shape = layout.lhs.place([batch, channels] + spatial)
        precision = rng.choice([None, None, None, "DEFAULT", "HIGH", "HIGHEST"])
        try:
            out_shape = pg.output_shape(shape, filter_shape, strides, padding, lhs_dilation,
                                        rhs_dilation, dn, precision)
        except ValueError:
            continue
        if np.prod(shape) > max_elements or np.prod(out_shape) > max_elements:
            continue
        # Empty results come easily (small inputs, negative padding); keep some.
        if np.prod(out_shape) == 0 and rng.random() < 0.6:
            continue
        chosen_dtype = dtype or DTYPES[rng.choices(list(DTYPE_WEIGHTS),
                                                   weights=list(DTYPE_WEIGHTS.values()))[0]]
        dynamic = (False,) * (n + 2)
        if rng.random() < 0.15:
            dynamic = tuple(rng.random() < 0.5 for _ in range(n + 2))
            if not any(dynamic):
                chosen = rng.randrange(n + 2)
                dynamic = tuple(i == chosen for i in range(n + 2))
        x = draw_input(rng, shape) if draw_input else _draw_input(rng, chosen_dtype, shape,
                                                                  specials)
        case = Case(case_id, chosen_dtype, x, filter_shape, strides, padding, lhs_dilation,
                    rhs_dilation, dn, precision, dynamic)
        case.expected = ref.extract_patches(case.x, *case.op_args())
        if accept is not None and not accept(case):
            continue
        return case


# --------------------------------------------------------------------------
# MLIR emission.

def _dense(array, format_value):
    if array.size == 0:
        return "dense<>"

    def nest(a):
        if not isinstance(a, np.ndarray):  # an element of an object array
            return format_value(a)
        if a.ndim == 0:
            return format_value(a.item())
        return "[" + ", ".join(nest(sub) for sub in a) + "]"
    return f"dense<{nest(array)}>"


def _result_dynamic(case):
    """Which result dimensions are `?`: those fed by a dynamic input dimension."""
    return case.layout().result_dynamic(case.dynamic)


def op_text(case, operand, in_type, out_type, op="patches.extract"):
    """The custom form of patches.extract (or `op`) for `case`."""
    return pg.op_text(operand, in_type, out_type, *case.op_args(), separator="\n" + " " * 10,
                      op=op)


def signless_copy(name, value, shape, element, lines):
    """Appends a copy of `value` (static `shape`, signed or unsigned integer
    type `element`) as the signless integers of its width, which arith and
    the printers take; returns the copy's name and type."""
    signless = "i" + element[2:]
    rank = len(shape)
    dims = ", ".join(f"d{i}" for i in range(rank))
    identity = f"affine_map<({dims}) -> ({dims})>"
    iterators = ", ".join(['"parallel"'] * rank)
    src_type = pg.tensor_type(shape, element)
    dst_type = pg.tensor_type(shape, signless)
    lines += [f"    %{name}_init = tensor.empty() : {dst_type}",
              f"    %{name}_signless = linalg.generic {{indexing_maps = [{identity}, {identity}], "
              f"iterator_types = [{iterators}]}} "
              f"ins({value} : {src_type}) outs(%{name}_init : {dst_type}) {{",
              f"    ^bb0(%in: {element}, %out: {signless}):",
              f"      %v = builtin.unrealized_conversion_cast %in : {element} to {signless}",
              f"      linalg.yield %v : {signless}",
              f"    }} -> {dst_type}"]
    return f"%{name}_signless", dst_type


def case_function(case, specials):
    """A function that computes the case and prints its shape and bits."""
    dt = case.dtype
    shape, out_shape = case.x.shape, case.result_shape()
    static_in = pg.tensor_type(shape, dt.name)
    lines = [f"  // {case.describe()}", f"  func.func @case_{case.id}() {{"]
    if specials and dt.is_float:
        # Through integers: the text of a float constant cannot carry NaN payloads.
        bits = case.x.view(f"i{case.x.itemsize}")
        bits_type = pg.tensor_type(shape, dt.bits)
        lines += [f"    %bits = arith.constant {_dense(bits, str)} : {bits_type}",
                  f"    %input = arith.bitcast %bits : {bits_type} to {static_in}"]
    else:
        value = (lambda v: repr(float(v))) if dt.is_float else str
        lines.append(f"    %input = arith.constant {_dense(case.x, value)} : {static_in}")
    in_type = static_in
    operand = "%input"
    if any(case.dynamic):
        in_type = pg.tensor_type(shape, dt.name, case.dynamic)
        lines.append(f"    %x = tensor.cast %input : {static_in} to {in_type}")
        operand = "%x"
    out_type = pg.tensor_type(out_shape, dt.name, _result_dynamic(case))
    lines.append(f"    %y = {op_text(case, operand, in_type, out_type)}")

    rank = len(out_shape)
    dims = ", ".join(f"%d{i}" for i in range(rank))
    for i in range(rank):
        lines += [f"    %c{i} = arith.constant {i} : index",
                  f"    %d{i} = tensor.dim %y, %c{i} : {out_type}"]
    lines += [f"    %dims = tensor.from_elements {dims} : tensor<{rank}xindex>",
              f"    %dims64 = arith.index_cast %dims : tensor<{rank}xindex> to tensor<{rank}xi64>",
              f"    %dims_u = tensor.cast %dims64 : tensor<{rank}xi64> to tensor<*xi64>",
              "    call @printMemrefI64(%dims_u) : (tensor<*xi64>) -> ()"]

    if case.expected.size:
        static_out = pg.tensor_type(out_shape, dt.name)
        value, value_type = "%y", out_type
        if out_type != static_out:
            lines.append(f"    %ys = tensor.cast %y : {out_type} to {static_out}")
            value, value_type = "%ys", static_out
        if dt.is_float:
            bits_type = pg.tensor_type(out_shape, dt.bits)
            lines.append(f"    %yb = arith.bitcast {value} : {value_type} to {bits_type}")
            value, value_type = "%yb", bits_type
        if not dt.is_float and not dt.name.startswith("i"):
            value, value_type = signless_copy("y", value, out_shape, dt.name, lines)
        if dt.widen:
            wide_type = pg.tensor_type(out_shape, dt.printed)
            lines.append(f"    %yw = arith.{dt.widen} {value} : {value_type} to {wide_type}")
            value, value_type = "%yw", wide_type
        printer = "printMemrefI32" if dt.printed == "i32" else "printMemrefI64"
        lines += [f"    %yu = tensor.cast {value} : {value_type} to tensor<*x{dt.printed}>",
                  f"    call @{printer}(%yu) : (tensor<*x{dt.printed}>) -> ()"]
    lines += ["    return", "  }"]
    return "\n".join(lines)


def module_text(cases, specials):
    parts = ["module {",
             "  func.func private @printMemrefI32(tensor<*xi32>)",
             "  func.func private @printMemrefI64(tensor<*xi64>)"]
    parts += [case_function(case, specials) for case in cases]
    parts.append("  func.func @main() {")
    parts += [f"    call @case_{case.id}() : () -> ()" for case in cases]
    parts += ["    return", "  }", "}", ""]
    return "\n".join(parts)


# --------------------------------------------------------------------------
# Running and checking.

def parse_prints(stdout):
    """[(sizes, values)] for each printMemref in `stdout`, in order."""
    chunks = stdout.split("Unranked Memref")
    if chunks[0].strip():
        raise ValueError(f"unexpected output before the first print: {chunks[0][:200]!r}")
    prints = []
    for chunk in chunks[1:]:
        sizes = re.search(r"sizes = \[([^\]]*)\]", chunk)
        data = chunk.partition("data =")[2]
        if not sizes or not data:
            raise ValueError(f"cannot parse printed memref: {chunk[:200]!r}")
        prints.append(([int(s) for s in re.findall(r"-?\d+", sizes.group(1))],
                       [int(v) for v in re.findall(r"-?\d+", data)]))
    return prints


def lower_module(path, tools):
    """Lowers one module with patches-opt; returns (the lowered module, error
    message or None)."""
    opt = subprocess.run([tools.patches_opt, *tools.opt_args, str(path)],
                         capture_output=True, text=True, timeout=600)
    if opt.returncode != 0:
        return "", f"patches-opt failed (exit {opt.returncode}):\n{opt.stderr}"
    return opt.stdout, None


def run_module(path, tools):
    """Compiles and runs one module; returns (stdout, error message or None)."""
    lowered, error = lower_module(path, tools)
    if error:
        return "", error
    libs = [f"-shared-libs={tools.shared_libs}"] if tools.shared_libs else []
    run = subprocess.run([tools.mlir_runner, "-e", "main", "-entry-point-result=void", *libs],
                         input=lowered, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        return run.stdout, f"mlir-runner failed (exit {run.returncode}):\n{run.stderr}"
    return run.stdout, None


def _printed_bits(case):
    return case.expected.view(case.dtype.print_view).astype(np.int64)


def check_case(case, prints):
    """Compares the prints of one case; returns a problem description or None."""
    if not prints:
        return "printed nothing"
    _, dims = prints.pop(0)
    if dims != list(case.expected.shape):
        return f"result shape {dims}, expected {list(case.expected.shape)}"
    if case.expected.size == 0:
        return None
    if not prints:
        return "printed no data"
    sizes, values = prints.pop(0)
    expected = _printed_bits(case)
    if sizes != list(expected.shape) or len(values) != expected.size:
        return f"printed data of shape {sizes} with {len(values)} values, expected {expected.shape}"
    actual = np.array(values, dtype=np.int64).reshape(expected.shape)
    wrong = np.argwhere(actual != expected)
    if not len(wrong):
        return None
    lines = [f"{len(wrong)} of {expected.size} elements differ "
             "(printed bits; index in result layout):"]
    for index in wrong[:8]:
        index = tuple(int(i) for i in index)
        lines.append(f"  {index}: expected {expected[index]} ({case.expected[index]!r}), "
                     f"got {actual[index]}")
    return "\n".join(lines)


def check_module(cases, stdout):
    """Problems of the cases in one module run: [(case, problem)]."""
    try:
        prints = parse_prints(stdout)
    except ValueError as error:
        return [(None, str(error))]
    problems = [(case, problem) for case in cases
                if (problem := check_case(case, prints)) is not None]
    if prints and not problems:
        problems.append((None, f"{len(prints)} unexpected prints after the last case"))
    return problems


def run_batch(index, cases, workdir, tools, specials):
    """Runs a module of cases; on a tool failure, isolates the failing cases."""
    path = workdir / f"module_{index:03d}.mlir"
    stdout, module_error = run_module(path, tools)
    if module_error is None:
        return check_module(cases, stdout)
    if len(cases) == 1:
        return [(cases[0], module_error)]
    # One case broke the whole module: run each case alone to find it.
    problems = []
    for case in cases:
        single = workdir / f"case_{case.id}.mlir"
        single.write_text(module_text([case], specials))
        stdout, error = run_module(single, tools)
        problems += [(case, error)] if error else check_module([case], stdout)
    return problems or [(None, f"{path.name} fails but each of its cases passes alone:\n"
                               f"{module_error}")]


def report_failures(problems, specials, show_mlir=True):
    for case, problem in problems[:5]:
        print("=" * 78)
        if case is None:
            print(problem)
            continue
        print(case.describe())
        print(problem)
        if show_mlir:
            print("MLIR of the case:")
            print(case_function(case, specials))
    if len(problems) > 5:
        print("=" * 78)
        print("further failing cases: " + ", ".join(
            str(case.id) for case, _ in problems[5:] if case is not None))


def coverage_line(cases):
    counts = collections.Counter(label for case in cases for label in case.features())
    return "coverage: " + " ".join(f"{label}:{count}" for label, count in sorted(counts.items()))


# --------------------------------------------------------------------------
# Self-test of the reference (no compiler involved).

def _outcome(function, args):
    """function(*args), or None where it raises ValueError."""
    try:
        return function(*args)
    except ValueError:
        return None


def _draw_any_clauses(rng):
    """(input shape, op arguments) drawn loosely: often valid, often not
    (malformed layouts, zero or negative values, wrong counts, string
    padding with lhs dilation, crops past the size, unknown strings)."""
    def sometimes(p):
        return rng.random() < p

    n = rng.choice([0, 1, 1, 2, 2, 3])
    count = n + (rng.choice([-1, 1]) if sometimes(0.03) and n else 0)  # a wrong length
    dn = _draw_layout(rng, n)
    if dn is not None and sometimes(0.15):  # break one spec
        specs = list(dn)
        j = rng.randrange(3)
        text = list(specs[j])
        k = rng.randrange(len(text))
        text[k] = rng.choice(["N", "C", "O", "I", "Q", text[k - 1], "c"])
        specs[j] = "".join(text) if not sometimes(0.2) else "".join(text[1:])
        dn = tuple(specs) if not sometimes(0.1) else tuple(specs[:2])
    small = lambda low, high: tuple(rng.randint(low, high) for _ in range(count))  # noqa: E731
    filter_shape = small(0 if sometimes(0.05) else 1, 4)
    strides = small(0 if sometimes(0.05) else 1, 3)
    lhs_dilation = None if sometimes(0.5) else small(0 if sometimes(0.05) else 1, 3)
    rhs_dilation = None if sometimes(0.5) else small(0 if sometimes(0.05) else 1, 3)
    form = rng.choice(["SAME", "VALID", "SAME_LOWER", "same", "FULL", "explicit", "explicit"])
    if form == "explicit":
        padding = tuple((rng.randint(-6, 3), rng.randint(-6, 3))
                        for _ in range(count + (1 if sometimes(0.03) else 0)))
    else:
        padding = form
    layout = _outcome(pg.parse_dimension_numbers, (dn, n))
    sizes = [rng.randint(-1 if sometimes(0.03) else 0, 7) for _ in range(n + 2)]
    shape = layout.lhs.place(sizes) if layout else sizes
    if sometimes(0.03):
        shape = shape + [1]
    precision = "LOW" if sometimes(0.03) else rng.choice([None, None, "DEFAULT", "HIGH",
                                                          "HIGHEST"])
    return (tuple(shape), filter_shape, strides, padding, lhs_dilation, rhs_dilation, dn,
            precision)


def self_test(seed):
    passed, failed = 0, 0

    def check(name, condition):
        nonlocal passed, failed
        if condition:
            passed += 1
        else:
            failed += 1
            print(f"self-test FAILED: {name}")

    def same(name, actual, expected, dtype=np.int64):
        expected = np.asarray(expected, dtype=dtype)
        check(name, actual.shape == expected.shape and actual.dtype == expected.dtype and
              np.array_equal(actual, expected))

    def rejects(name, function, *args, **kwargs):
        try:
            function(*args, **kwargs)
        except ValueError:
            check(name, True)
        else:
            check(name + " (no ValueError)", False)

    patches = ref.extract_patches
    line = np.array([[[1, 2, 3, 4, 5]]])  # N=1, C=1, W=5

    # The worked example of SEMANTICS.md.
    y = patches(np.arange(1, 10).reshape(1, 1, 3, 3), (2, 2), (1, 1), "VALID")
    check("worked example shape", y.shape == (1, 4, 2, 2))
    same("worked example feature 0", y[0, 0], [[1, 2], [4, 5]])
    same("worked example feature 3", y[0, 3], [[5, 6], [8, 9]])

    # SAME puts the odd padding element high, SAME_LOWER low.
    x = np.array([[[1, 2, 3, 4]]])
    same("SAME", patches(x, (2,), (1,), "SAME"), [[[1, 2, 3, 4], [2, 3, 4, 0]]])
    same("SAME_LOWER", patches(x, (2,), (1,), "SAME_LOWER"), [[[0, 1, 2, 3], [1, 2, 3, 4]]])
    check("SAME pads", ref.resolve_padding("SAME", (4,), (2,), (1,), (1,), (1,)) == ((0, 1),))
    # SAME with a stride: out = ceil(5 / 2) = 3, p = 2 * 2 + 3 - 5 = 2.
    same("SAME strided", patches(line, (3,), (2,), "SAME"),
         [[[0, 2, 4], [1, 3, 5], [2, 4, 0]]])
    # Negative padding crops: (-1, -1) leaves [2, 3, 4].
    same("negative padding", patches(line, (2,), (1,), [(-1, -1)]), [[[2, 3], [3, 4]]])
    same("mixed padding", patches(line, (2,), (2,), [(2, -2)]), [[[0, 1], [0, 2]]])
    # lhs dilation 2: [1, 0, 2, 0, 3], then one zero of low padding.
    x3 = np.array([[[1, 2, 3]]])
    same("lhs dilation", patches(x3, (2,), (1,), [(0, 0)], lhs_dilation=(2,)),
         [[[1, 0, 2, 0], [0, 2, 0, 3]]])
    same("lhs dilation padded", patches(x3, (2,), (2,), [(1, 0)], lhs_dilation=(2,)),
         [[[0, 0, 0], [1, 2, 3]]])
    # rhs dilation 2: window [w, w + 2].
    same("rhs dilation", patches(line, (2,), (1,), "VALID", rhs_dilation=(2,)),
         [[[1, 2, 3], [3, 4, 5]]])
    same("rhs dilation strided", patches(line, (2,), (2,), "VALID", rhs_dilation=(2,)),
         [[[1, 3], [3, 5]]])
    # Feature f = c * K + k.
    two_channels = np.array([[[1, 2, 3], [10, 20, 30]]])
    same("feature order", patches(two_channels, (2,), (1,), "VALID"),
         [[[1, 2], [2, 3], [10, 20], [20, 30]]])
    # Canonical order is rhs_spec's: "WHIO" makes W the first window dimension.
    hw = np.arange(1, 7).reshape(1, 2, 3, 1)  # NHWC, H=2, W=3
    y = patches(hw, (2, 2), (1, 1), "VALID", dimension_numbers=("NHWC", "WHIO", "NHWC"))
    check("canonical order shape", y.shape == (1, 1, 2, 4))
    same("canonical order k=1 (w_W=0, w_H=1)", y[0, :, :, 1], [[4, 5]])
    same("canonical order k=2 (w_W=1, w_H=0)", y[0, :, :, 2], [[2, 3]])
    check("canonical order filter", ref.output_shape(
        (1, 2, 3, 1), (2, 1), (1, 1), "VALID",
        dimension_numbers=("NHWC", "WHIO", "NHWC")) == (1, 2, 2, 2))
    check("op example shape", ref.output_shape(
        (2, 9, 9, 3), (3, 3), (2, 1), [(1, 1), (0, -1)], rhs_dilation=(2, 2),
        dimension_numbers=("NHWC", "HWIO", "NHWC")) == (2, 4, 4, 27))
    # Zero sizes.
    check("zero batch", patches(np.zeros((0, 1, 4)), (2,), (1,), "VALID").shape == (0, 2, 3))
    check("zero channels", patches(np.zeros((1, 0, 4)), (2,), (1,), "VALID").shape == (1, 0, 3))
    check("zero spatial SAME", patches(np.zeros((1, 1, 0)), (2,), (1,), "SAME").shape == (1, 2, 0))
    same("zero spatial padded", patches(np.zeros((1, 1, 0), np.int64), (2,), (1,), [(1, 1)]),
         [[[0], [0]]])
    # n = 0: the input, permuted per out_spec.
    x2 = np.arange(6).reshape(2, 3)
    same("n=0", patches(x2, (), (), "VALID"), x2)
    same("n=0 transposed", patches(x2, (), (), [], dimension_numbers=("NC", "OI", "CN")), x2.T)
    same("n=0 CN to NC", patches(x2, (), (), "SAME", dimension_numbers=("CN", "IO", "NC")), x2.T)
    # Bits are copied: -0.0 and NaN payloads survive.
    bits = np.array([[[0x80000000, 0x7FC00123, 0xFF800001, 0x3F800000]]], np.uint32)
    y = patches(bits.view(np.float32), (2,), (1,), [(1, 0)])
    same("float bits", y.view(np.uint32),
         [[[0, 0x80000000, 0x7FC00123, 0xFF800001],
           [0x80000000, 0x7FC00123, 0xFF800001, 0x3F800000]]], np.uint32)

    # Invalid configurations.
    rejects("dimension_numbers not a triple", ref.parse_dimension_numbers, ("NCW", "OIW"), 1)
    rejects("dimension_numbers wrong length", ref.parse_dimension_numbers,
            ("NCW", "OIW", "NCWH"), 1)
    rejects("text example without C", ref.parse_dimension_numbers, ("NcHW", "OIwh", "CNHW"), 2)
    rejects("missing O", ref.parse_dimension_numbers, ("NCW", "XIW", "NCW"), 1)
    rejects("repeated N", ref.parse_dimension_numbers, ("NCN", "OIW", "NCW"), 1)
    rejects("repeated spatial", ref.parse_dimension_numbers, ("NCWW", "OIWW", "NCWW"), 2)
    rejects("spatial sets differ", ref.parse_dimension_numbers, ("NCHW", "OIHW", "NCHX"), 2)
    rejects("lowercase c is spatial", ref.parse_dimension_numbers, ("NcW", "OIW", "NCW"), 1)
    rejects("string padding with lhs dilation", patches, line, (2,), (1,), "SAME",
            lhs_dilation=(2,))
    rejects("VALID with lhs dilation", patches, line, (2,), (1,), "VALID", lhs_dilation=(2,))
    rejects("over-cropping", patches, line, (1,), (1,), [(-3, -3)])
    rejects("unknown padding", patches, line, (2,), (1,), "FULL")
    rejects("padding count", patches, line, (2,), (1,), [(0, 0), (0, 0)])
    rejects("zero filter", patches, line, (0,), (1,), "VALID")
    rejects("zero stride", patches, line, (2,), (0,), "VALID")
    rejects("zero rhs dilation", patches, line, (2,), (1,), "VALID", rhs_dilation=(0,))
    rejects("zero lhs dilation", patches, line, (2,), (1,), [(0, 0)], lhs_dilation=(0,))
    rejects("rank mismatch", patches, line, (2, 2), (1, 1), "VALID")
    rejects("unknown precision", patches, line, (2,), (1,), "VALID", precision="LOW")
    check("all-ones lhs dilation with SAME", patches(
        line, (2,), (1,), "SAME", lhs_dilation=(1,)).shape == (1, 2, 5))
    check("explicit padding to empty", patches(
        line, (2,), (1,), [(-2, -3)]).shape == (1, 2, 0))

    # The convolution formulation agrees with the loops on random cases.
    rng = random.Random(seed)
    for i in range(300):
        case = draw_case(rng, i, specials=False)
        conv = ref.extract_patches_via_conv(case.x, *case.op_args())
        check(f"conv formulation, {case.describe()}",
              conv.shape == case.expected.shape and conv.dtype == case.expected.dtype and
              np.array_equal(conv.view(case.dtype.print_view),
                             case.expected.view(case.dtype.print_view)))
        # The shape the op is written with is the shape the reference computes.
        check(f"geometry result shape, {case.describe()}",
              case.result_shape() == case.expected.shape)

    # The generators' geometry (utils/patches_geometry.py) and the
    # reference's own agree on random clauses, valid or not: the same
    # configurations are rejected, and the others get the same padding and
    # result shape.
    valid = invalid = 0
    for i in range(3000):
        args = _draw_any_clauses(rng)
        ours, theirs = _outcome(pg.geometry, args), _outcome(ref.geometry, args)
        if ours is None and theirs is None:
            invalid += 1
            continue
        agree = (ours is not None and theirs is not None and ours.pads == theirs.pads and
                 ours.out_shape == theirs.out_shape and ours.in_sizes == theirs.in_sizes)
        check(f"geometry agrees with the reference on {args}: "
              f"{'invalid' if ours is None else (ours.pads, ours.out_shape)} vs "
              f"{'invalid' if theirs is None else (theirs.pads, theirs.out_shape)}", agree)
        valid += agree
    check(f"geometry cross-check drew {valid} valid and {invalid} invalid configurations",
          valid >= 600 and invalid >= 600)

    # The reference stands alone: it neither imports the generators'
    # geometry nor mentions it.
    for path in (Path(ref.__file__), Path(ref.__file__).with_name("fold_reference.py")):
        check(f"{path.name} does not use patches_geometry",
              "patches_geometry" not in path.read_text())
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path[:0] = sys.argv[1:]; "
         "import patches_reference, fold_reference; print('patches_geometry' in sys.modules)",
         str(Path(ref.__file__).parent), str(Path(pg.__file__).parent)],
        capture_output=True, text=True)
    check("importing the reference loads no patches_geometry", probe.stdout.strip() == "False")

    print(f"self-test: {passed} passed, {failed} failed")
    return failed == 0


# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Tools:
    patches_opt: str
    mlir_runner: str
    shared_libs: str
    opt_args: tuple


def _attach_opt_args(argv):
    """Turns `--opt-args VALUE` into `--opt-args=VALUE`: argparse would take a
    VALUE that starts with '-' for an option."""
    argv = list(argv)
    for i in range(len(argv) - 1):
        if argv[i] == "--opt-args":
            argv[i:i + 2] = [f"--opt-args={argv[i + 1]}"]
            break
    return argv


def summarize(problems, count, elements, described):
    """Prints the verdict line; returns the exit status."""
    if problems:
        failing = len({case.id for case, _ in problems if case is not None})
        print(f"conformance: FAILED, {failing} of {count} cases wrong, "
              f"{len(problems)} problems ({described})")
        return 1
    print(f"conformance: {count} cases, {elements} elements, all bit-exact ({described})")
    return 0


# --------------------------------------------------------------------------
# Ahead-of-time bundles, for a GPU's machine without the toolchain.

class _StoredDType:
    print_view = np.int64


class StoredCase:
    """A case of a bundle: its expected printed bits and its description."""

    def __init__(self, case_id, bits, text):
        self.id = case_id
        self.expected = bits
        self.dtype = _StoredDType
        self.text = text

    def describe(self):
        return self.text


def write_bundle(bundle, batches, cases, tools, args, coverage):
    """Compiles each module of `batches` into `bundle`, with the cases'
    expected bits and descriptions."""
    compiler = aot.Compiler(bundle, args.llvm_bin, args.runtime)
    for index, batch in enumerate(batches):
        source = bundle / f"module_{index:03d}.mlir"
        source.write_text(module_text(batch, args.exact_float_specials))
        text, error = lower_module(source, tools)
        if error:
            sys.exit(f"run_conformance.py: {source}: {error[-4000:]}")
        lowered = bundle / f"module_{index:03d}.lowered.mlir"
        lowered.write_text(text)
        compiler.compile(lowered, f"module_{index:03d}")
        lowered.unlink()
    np.savez_compressed(bundle / "expected.npz",
                        **{f"case_{case.id}": _printed_bits(case) for case in cases})
    manifest = {"strategy": " ".join(tools.opt_args), "coverage": coverage,
                "modules": [[case.id for case in batch] for batch in batches],
                "describe": {str(case.id): case.describe() for case in cases}}
    (bundle / "manifest.json").write_text(json.dumps(manifest, indent=1))
    print(f"conformance: bundled {len(batches)} modules with {len(cases)} cases in {bundle}")
    return 0


def run_prebuilt(bundle):
    """Runs the executables of a bundle and compares their prints."""
    manifest = json.loads((bundle / "manifest.json").read_text())
    expected = np.load(bundle / "expected.npz")
    print(manifest["coverage"])
    problems, count, elements = [], 0, 0
    for index, ids in enumerate(manifest["modules"]):
        cases = [StoredCase(i, expected[f"case_{i}"], manifest["describe"][str(i)])
                 for i in ids]
        count += len(cases)
        elements += sum(case.expected.size for case in cases)
        run = subprocess.run([str(bundle / f"module_{index:03d}")], capture_output=True,
                             text=True, timeout=600)
        if run.returncode != 0:
            problems.append((None, f"module_{index:03d} failed (exit {run.returncode}):\n"
                                   f"{run.stderr[-4000:]}"))
            continue
        problems += check_module(cases, run.stdout)
    if problems:
        report_failures(problems, False, show_mlir=False)
    return summarize(problems, count, elements,
                     f"prebuilt in {bundle}; strategy args: {manifest['strategy']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patches-opt", help="path of patches-opt")
    parser.add_argument("--mlir-runner", help="path of mlir-runner")
    parser.add_argument("--shared-libs", default="",
                        help="comma-separated runtime libraries for mlir-runner")
    lowering = parser.add_mutually_exclusive_group()
    lowering.add_argument("--pipeline", help="pass pipeline, run as builtin.module(PIPELINE)")
    lowering.add_argument("--opt-args", help="patches-opt arguments, e.g. "
                          "'--patches-lower-to-llvm=strategy=gather'")
    parser.add_argument("--cases", type=int, default=300, help="number of random cases")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=60, help="cases per module")
    parser.add_argument("--keep", help="write the modules to this directory and keep them")
    parser.add_argument("--dry-run", action="store_true",
                        help="only write the modules (needs --keep)")
    parser.add_argument("--exact-float-specials", action="store_true",
                        help="also put -0.0, infinities and NaN payloads into float inputs "
                             "(for strategies that must copy bits exactly)")
    parser.add_argument("--spatial-sizes", type=lambda text: [int(v) for v in text.split(",")],
                        help="comma-separated sizes to draw one spatial dimension from")
    parser.add_argument("--channel-sizes", type=lambda text: [int(v) for v in text.split(",")],
                        help="comma-separated sizes to draw the channel count from")
    parser.add_argument("--self-test", action="store_true",
                        help="check the reference itself; needs no compiler")
    parser.add_argument("--bundle", metavar="DIR",
                        help="compile each module ahead of time into DIR, with the "
                             "expected results, for --prebuilt (no mlir-runner needed)")
    parser.add_argument("--llvm-bin", default="/usr/lib/llvm-22/bin",
                        help="where --bundle finds mlir-translate and llc")
    parser.add_argument("--runtime", help="with --bundle: the runtime wrapper to link "
                        "(libpatches_cuda_runtime.so), for the GPU pipelines")
    parser.add_argument("--prebuilt", metavar="DIR",
                        help="run and check the executables that --bundle put in DIR")
    args = parser.parse_args(_attach_opt_args(sys.argv[1:]))

    if args.self_test:
        return 0 if self_test(args.seed) else 1
    if args.prebuilt:
        return run_prebuilt(Path(args.prebuilt).resolve())
    if args.dry_run and not args.keep:
        parser.error("--dry-run needs --keep DIR")
    if args.bundle and not (args.patches_opt and (args.pipeline or args.opt_args)):
        parser.error("--bundle needs --patches-opt and --pipeline or --opt-args")
    if not args.dry_run and not args.bundle and not (
            args.patches_opt and args.mlir_runner and (args.pipeline or args.opt_args)):
        parser.error("--patches-opt, --mlir-runner and --pipeline or --opt-args are required")
    if args.cases < 1 or args.batch < 1:
        parser.error("--cases and --batch must be positive")

    if args.pipeline:
        opt_args = (f"--pass-pipeline=builtin.module({args.pipeline})",)
    else:
        opt_args = tuple(shlex.split(args.opt_args or ""))
    tools = Tools(args.patches_opt, args.mlir_runner, args.shared_libs, opt_args)

    rng = random.Random(args.seed)
    cases = [draw_case(rng, i, args.exact_float_specials, args.spatial_sizes,
                       args.channel_sizes) for i in range(args.cases)]
    batches = [cases[i:i + args.batch] for i in range(0, len(cases), args.batch)]
    if args.bundle:
        return write_bundle(Path(args.bundle).resolve(), batches, cases, tools, args,
                            coverage_line(cases))

    with tempfile.TemporaryDirectory(prefix="patches-conformance-") as scratch:
        workdir = Path(args.keep or scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        for index, batch in enumerate(batches):
            (workdir / f"module_{index:03d}.mlir").write_text(
                module_text(batch, args.exact_float_specials))
        print(coverage_line(cases))
        if args.dry_run:
            print(f"conformance: wrote {len(batches)} modules with {len(cases)} cases to {workdir}")
            return 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            results = pool.map(lambda item: run_batch(item[0], item[1], workdir, tools,
                                                      args.exact_float_specials),
                               enumerate(batches))
            problems = [problem for result in results for problem in result]

    if problems:
        report_failures(problems, args.exact_float_specials)
    status = summarize(problems, len(cases), sum(case.expected.size for case in cases),
                       f"strategy args: {' '.join(opt_args)}")
    if problems and not args.keep:
        print("(rerun with --keep DIR to keep the modules and the failing cases' files)")
    return status


if __name__ == "__main__":
    sys.exit(main())
