#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Randomized exactness suite of `patches.extract`: every element type, every route.

Every element type the op accepts (signless, signed and unsigned integers
from i1 to i128, index, every float type from f4 to f128, complex) goes
through every lowering route (the gather's CPU pipeline at several vector
widths, unvectorized and on two threads, the conv strategy, runtime
verification, the emulated GPU, tiling with the transform dialect), with
inputs whose raw bits are chosen to break conversions (denormals, signalling
and quiet NaNs with payloads, -0, infinities, unnormals, integer extremes).
Every result element is compared bit for bit with the independent reference
(utils/reference/patches_reference.py), through the configurations of the
conformance harness (test/Integration/Conformance/run_conformance.py).

Raw bits travel as integers: an input is an integer constant of the type's
width, bitcast elementwise inside a linalg.generic (for floats; complex
numbers are built from two such parts), and passed to the function holding
the op as an argument (so nothing folds it at compile time); the result is
bitcast back to integers and widened to i64 for printing (two halves for
types wider than 64 bits, real and imaginary parts for complex).

A combination that cannot be honoured (tf32; f8E8M0FNU, which has no zero,
with padding or lhs dilation; the conv strategy on f8/f6/f4 types) must be a
clean error located at the op that names the type: non-zero exit below 128,
no crash, `FILE:LINE:COL: error:` on the op's line.

    run_exactness.py --patches-opt build/bin/patches-opt --mlir-runner mlir-runner \\
        --shared-libs LIB1,LIB2[,libomp.so] --routes default,conv --cases 3 --seed 1

`--dtypes`, `--routes`: comma-separated subsets (`all` by default; `--list`
prints them). `--cases N`: random cases per (type, route) pair. `--hours H`:
repeat with seeds seed, seed+1, ... until H hours have passed. `--repro-dir
DIR`: for each failing (type, route), a single-case module with the command
that reproduces it. `--self-test`: the bit-pattern generators alone.
"""

import argparse
import collections
import concurrent.futures
import json
import math
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE.parents[2] / "utils"))
sys.path.insert(0, str(_HERE.parent / "Conformance"))
import patches_geometry as pg  # noqa: E402  (writes the ops)
import run_conformance as conf  # noqa: E402
ref = conf.ref  # computes what they must give

M64 = (1 << 64) - 1


# --------------------------------------------------------------------------
# Element types, as raw bits.

@dataclass(frozen=True)
class FloatFormat:
    """Encoding of a float type: exponent and (stored) mantissa bits and how
    it spells infinities and NaNs.

    flavor: `ieee` (all-ones exponent: inf or NaN, top mantissa bit quiet),
    `fn` (no inf; NaN only with all-ones exponent and mantissa), `fnuz` (no
    inf, no -0; the -0 pattern is the only NaN), `finite` (no inf, no NaN),
    `e8m0` (exponent only, no sign, no zero; all ones is NaN), `x87` (f80:
    explicit integer bit 63)."""
    exp: int
    man: int
    flavor: str

    @property
    def width(self):
        if self.flavor == "e8m0":
            return self.exp
        if self.flavor == "x87":
            return 80
        return 1 + self.exp + self.man

    @property
    def sign(self):
        return 0 if self.flavor == "e8m0" else 1 << (self.width - 1)

    @property
    def exp_mask(self):
        return ((1 << self.exp) - 1) << (64 if self.flavor == "x87" else self.man)

    @property
    def man_mask(self):
        return (1 << (63 if self.flavor == "x87" else self.man)) - 1

    def is_zero(self, bits):
        if self.flavor == "e8m0":
            return False
        if self.flavor == "x87":
            return bits & ~self.sign == 0
        return bits & ~self.sign == 0 and not (self.flavor == "fnuz" and bits == self.sign)

    def is_finite(self, bits):
        """Finite and, for f80, canonical (integer bit set iff exponent != 0):
        x87 arithmetic does not take unnormals."""
        f = self.flavor
        if f == "ieee":
            return bits & self.exp_mask != self.exp_mask
        if f == "fn":
            return bits & ~self.sign != self.exp_mask | self.man_mask
        if f == "fnuz":
            return bits != self.sign
        if f == "finite":
            return True
        if f == "e8m0":
            return bits != 0xFF
        exponent, integer = (bits >> 64) & 0x7FFF, (bits >> 63) & 1
        return exponent != 0x7FFF and integer == (exponent != 0)

    def specials(self):
        """{category: [bit patterns or callables(rng) -> bits]} of the type."""
        f, s, w = self.flavor, self.sign, self.width
        one = {"e8m0": 127, "x87": (16383 << 64) | (1 << 63)}.get(
            f, ((1 << (self.exp - 1)) - 1) << self.man)
        if f == "fnuz":
            one = (1 << (self.exp - 1)) << self.man  # bias 2^(e-1)
            if self.exp == 4 and self.man == 3 and self.name_hint == "b11":
                one = 11 << 3
        cats = {"one": [one, one | s] if s else [one]}
        if f == "e8m0":
            cats["nan"] = [0xFF]
            cats["extreme"] = [0, 0xFE]
            return cats
        cats["zero"] = [0] if f == "fnuz" else [0, s]
        if f == "x87":
            frac = (1 << 63) - 1
            rand = lambda rng: rng.randrange(1, 1 << 63)  # noqa: E731
            cats["denormal"] = [lambda rng: rand(rng) & frac | rng.choice((0, s)),
                                lambda rng: (1 << 63) | (rand(rng) & frac)]  # pseudo-denormal
            cats["inf"] = [(0x7FFF << 64) | (1 << 63), (0x7FFF << 64) | (1 << 63) | s]
            cats["snan"] = [lambda rng: (0x7FFF << 64) | (1 << 63) | rng.randrange(1, 1 << 62) |
                            rng.choice((0, s))]
            cats["qnan"] = [lambda rng: (0x7FFF << 64) | (3 << 62) | rng.randrange(0, 1 << 62) |
                            rng.choice((0, s))]
            cats["unnormal"] = [lambda rng: (rng.randrange(1, 0x8000) << 64) |
                                rng.randrange(0, 1 << 63) | rng.choice((0, s))]
            cats["extreme"] = [(0x7FFE << 64) | M64, (1 << 64) | (1 << 63)]
            return cats
        cats["denormal"] = [lambda rng: rng.randrange(1, 1 << self.man) | rng.choice((0, s)),
                            1, 1 | s, self.man_mask, self.man_mask | s]
        max_finite = {"ieee": self.exp_mask - (1 << self.man) + self.man_mask,
                      "fn": self.exp_mask | (self.man_mask - 1),
                      "fnuz": self.exp_mask | self.man_mask,
                      "finite": self.exp_mask | self.man_mask}[f]
        cats["extreme"] = [max_finite, max_finite | s, 1 << self.man, (1 << self.man) | s]
        if f == "ieee":
            cats["inf"] = [self.exp_mask, self.exp_mask | s]
            if self.man >= 2:
                quiet = 1 << (self.man - 1)
                cats["snan"] = [lambda rng: self.exp_mask | rng.randrange(1, quiet) |
                                rng.choice((0, s)), self.exp_mask | 1, self.exp_mask | 1 | s]
                cats["qnan"] = [lambda rng: self.exp_mask | quiet | rng.randrange(0, quiet) |
                                rng.choice((0, s))]
            else:  # f8E5M2: NaNs 0x7d (signalling), 0x7e and 0x7f (quiet)
                cats["snan"] = [self.exp_mask | 1, self.exp_mask | 1 | s]
                cats["qnan"] = [self.exp_mask | 2, self.exp_mask | 3 | s]
        elif f == "fn":
            cats["nan"] = [self.exp_mask | self.man_mask, self.exp_mask | self.man_mask | s]
        elif f == "fnuz":
            cats["nan"] = [s]
        return cats

    name_hint: str = ""


FLOAT_FORMATS = {
    "f16": FloatFormat(5, 10, "ieee"), "bf16": FloatFormat(8, 7, "ieee"),
    "f32": FloatFormat(8, 23, "ieee"), "f64": FloatFormat(11, 52, "ieee"),
    "f128": FloatFormat(15, 112, "ieee"), "f80": FloatFormat(15, 63, "x87"),
    "tf32": FloatFormat(8, 10, "ieee"),
    "f8E5M2": FloatFormat(5, 2, "ieee"), "f8E4M3": FloatFormat(4, 3, "ieee"),
    "f8E3M4": FloatFormat(3, 4, "ieee"), "f8E4M3FN": FloatFormat(4, 3, "fn"),
    "f8E4M3FNUZ": FloatFormat(4, 3, "fnuz"), "f8E5M2FNUZ": FloatFormat(5, 2, "fnuz"),
    "f8E4M3B11FNUZ": FloatFormat(4, 3, "fnuz", "b11"),
    "f8E8M0FNU": FloatFormat(8, 0, "e8m0"),
    "f6E2M3FN": FloatFormat(2, 3, "finite"), "f6E3M2FN": FloatFormat(3, 2, "finite"),
    "f4E2M1FN": FloatFormat(2, 1, "finite"),
}
SMALL_FLOATS = {name for name in FLOAT_FORMATS if name[:3] in ("f8E", "f6E", "f4E")}


@dataclass(frozen=True)
class ElemType:
    """An element type: `kind` is int (signless), sint, uint, index, float or
    complex; `width` the bits of one element (both parts for complex)."""
    name: str
    kind: str
    width: int
    part: str = ""  # complex: the part's float type

    @property
    def fmt(self):
        return FLOAT_FORMATS.get(self.part or self.name)

    @property
    def part_width(self):
        return self.width // 2 if self.kind == "complex" else self.width

    @property
    def printed_parts(self):
        """Widths of the i64 values printed per element: low half first."""
        if self.kind == "complex":
            return [self.part_width] * 2 if self.part_width <= 64 else None
        if self.width <= 64:
            return [self.width]
        return [64, self.width - 64]

    @property
    def signless(self):
        """The signless integer type of the same width (of one part for complex)."""
        return "i64" if self.kind == "index" else f"i{self.part_width}"

    def zero_free(self):
        return self.name == "f8E8M0FNU"

    # ---- drawing raw bits
    def draw_bits(self, rng, finite=False):
        if self.kind == "complex":
            part = ElemType(self.part, "float", self.part_width)
            return part.draw_bits(rng, finite) | (part.draw_bits(rng, finite) << self.part_width)
        w = self.width
        if self.kind != "float":
            u = rng.random()
            if u < 0.4:
                return rng.getrandbits(w)
            low = 0 if self.kind == "uint" else -(1 << (w - 1))
            high = (1 << w) - 1 if self.kind == "uint" else (1 << (w - 1)) - 1
            value = rng.choice([0, 1, -1, low, high, low + 1, high - 1, 2, -2, 1 << (w // 2)])
            return value & ((1 << w) - 1)
        fmt = self.fmt
        cats = fmt.specials()
        weights = {"random": 30, "denormal": 14, "snan": 12, "qnan": 10, "nan": 12, "zero": 10,
                   "inf": 8, "extreme": 6, "one": 5, "unnormal": 6}
        while True:
            names = ["random"] + list(cats)
            cat = rng.choices(names, weights=[weights[n] for n in names])[0]
            if cat == "random":
                bits = rng.getrandbits(w)
            else:
                pick = rng.choice(cats[cat])
                bits = pick(rng) if callable(pick) else pick
            if not finite or fmt.is_finite(bits):
                return bits

    def comparable(self, bits, up_to_zero_sign):
        """The bits as compared: with the sign of every float zero dropped when
        `up_to_zero_sign` (the conv strategy)."""
        if not up_to_zero_sign or self.kind not in ("float", "complex"):
            return bits
        fmt, pw = self.fmt, self.part_width
        parts = [bits] if self.kind == "float" else [bits & ((1 << pw) - 1), bits >> pw]
        parts = [0 if fmt.is_zero(p) else p for p in parts]
        return parts[0] if self.kind == "float" else parts[0] | (parts[1] << pw)

    # ---- literals
    def literal(self, bits):
        """The integer literal of `bits` in the constant that carries them."""
        w = self.part_width
        if self.kind == "uint":
            return str(bits)
        return str(bits - (1 << w) if bits >> (w - 1) & 1 else bits)


def _ints(prefix, widths):
    return [ElemType(f"{prefix}{w}", {"i": "int", "si": "sint", "ui": "uint"}[prefix], w)
            for w in widths]


ELEMENT_TYPES = {t.name: t for t in (
    _ints("i", [1, 2, 3, 4, 7, 8, 12, 16, 24, 32, 48, 64, 128]) +
    _ints("si", [1, 4, 8, 16, 24, 32, 64, 128]) +
    _ints("ui", [1, 4, 8, 16, 32, 48, 64, 128]) +
    [ElemType("index", "index", 64)] +
    [ElemType(name, "float", fmt.width) for name, fmt in FLOAT_FORMATS.items()] +
    [ElemType(f"complex<{p}>", "complex", 2 * FLOAT_FORMATS[p].width, p)
     for p in ("f16", "bf16", "f32", "f64")])}

# Types the op must reject, everywhere: (type name, why).
REJECTED_TYPES = {"tf32": "tf32 has no storage type LLVM can lower"}


# --------------------------------------------------------------------------
# Routes: each one patches-opt invocation.

@dataclass(frozen=True)
class Route:
    name: str
    args: tuple
    conv: bool = False       # the conv strategy: finite inputs, sign of zero dropped
    tiled: bool = False      # a transform schedule tiles the op first
    vector_bits: int = 0     # the vectorized gather's width, for row sizes around it
    needs: str = ""          # a shared library it needs (libomp)
    runner_args: tuple = ()  # mlir-runner options (the JIT's optimization level)


ROUTES = {r.name: r for r in [
    Route("default", ("--patches-lower-to-llvm",), vector_bits=512),
    Route("O0", ("--patches-lower-to-llvm",), vector_bits=512, runner_args=("-O0",)),
    Route("scalar", ("--patches-lower-to-llvm=vectorize=false",)),
    *[Route(f"vb{b}", (f"--patches-lower-to-llvm=vector-bits={b}",), vector_bits=b)
      for b in (8, 16, 128, 256, 2048)],
    Route("threads", ("--patches-lower-to-llvm=num-threads=2",), vector_bits=512, needs="libomp"),
    Route("conv", ("--patches-lower-to-llvm=strategy=conv",), conv=True),
    Route("rtv", ("-generate-runtime-verification", "--patches-lower-to-llvm"), vector_bits=512),
    Route("gpu-emu", ("--patches-lower-to-llvm-emulating-gpu",)),
    Route("gpu-emu-conv", ("--patches-lower-to-llvm-emulating-gpu=strategy=conv",), conv=True),
    Route("tiled", ("--transform-interpreter", "--patches-lower-to-llvm"), tiled=True),
]}


def expectation(dtype, route, case):
    """'exact', or the reason the case must be a clean error at the op."""
    if dtype.name in REJECTED_TYPES:
        return REJECTED_TYPES[dtype.name]
    if dtype.zero_free() and case.needs_zero:
        return "f8E8M0FNU has no zero for padding or lhs-dilation holes"
    if route.conv and dtype.name in SMALL_FLOATS:
        if case.expected.size == 0 or _is_permutation(case):
            return "exact-or-error"  # nothing to compute: an exact result is fine too
        return "the conv strategy cannot compute in " + dtype.name
    return "exact"


def _is_permutation(case):
    """Whether the result is the input permuted (K = 1, no padding or
    dilation, every output size equal to its input size): the op folds or
    canonicalizes to a transpose and computes nothing."""
    g = pg.geometry(case.x.shape, *case.op_args())
    return (g.window_count == 1 and g.out_sizes == g.in_sizes and
            all(p == (0, 0) for p in g.pads) and all(l == 1 for l in g.lhs_dilation))


# --------------------------------------------------------------------------
# Cases.

@dataclass
class Item:
    """One case on one route."""
    uid: int
    case: object             # a run_conformance.Case (x and expected: object arrays of bits)
    dtype: ElemType
    route: Route
    expect: str
    tile_sizes: tuple = ()
    source: np.ndarray = None  # per result element: 1 + flat input index, 0 for a zero
    scenario: str = "random"
    seed: int = 0

    @property
    def fn(self):
        return f"case_{self.uid}"

    def describe(self):
        text = self.case.describe().split(": ", 1)[1]
        tiles = f" tile_sizes={list(self.tile_sizes)}" if self.route.tiled else ""
        return (f"case {self.uid} of seed {self.seed} "
                f"[{self.dtype.name} / {self.route.name} / {self.scenario}]: "
                f"{text}{tiles}")


def _row_sizes(dtype, route):
    """Row sizes 1, 2, around the vector width and far past it."""
    lanes = max(1, (route.vector_bits or 512) // max(dtype.width, 1))
    sizes = {1, 2, 3, lanes - 1, lanes, lanes + 1, 2 * lanes + 1, min(4 * lanes + 3, 4100)}
    if lanes > 32:
        sizes |= {15, 16, 17}
    return sorted(s for s in sizes if 1 <= s <= 4100)


def _needs_zero(case):
    """Whether the result reads padding or lhs-dilation holes (zeros), decided
    statically; None where only the run time would know (then it is not drawn
    for a type without a zero)."""
    g = pg.geometry(case.x.shape, *case.op_args())
    reads_zero = case.expected.size and bool(np.any(_source_map(case) == 0))
    padded = any(lo > 0 or hi > 0 for lo, hi in g.pads) or any(l > 1 for l in g.lhs_dilation)
    if isinstance(case.padding, str) and any(case.dynamic):
        return None
    if reads_zero and padded:
        return True
    if not padded:
        return False
    return None  # padding the result never reads


def _source_map(case):
    index = np.arange(1, case.x.size + 1, dtype=np.int64).astype(object).reshape(case.x.shape)
    return ref.extract_patches(index, *case.op_args())


# What each case stresses. A (type, route) pair's k-th case takes scenario
# (type index + route index + k) modulo their number, so that every type
# meets every scenario over the routes and every route over the types.
SCENARIOS = ("feature-rows", "spatial-rows", "lhs-dilation", "same-dynamic",
             "negative-padding", "random")


def _shuffled(rng, letters):
    letters = list(letters)
    rng.shuffle(letters)
    return "".join(letters)


def _scenario_config(rng, scenario, sizes):
    """(input shape, op arguments, dynamic) of a targeted case, or None."""
    n = rng.choice([1, 1, 2, 2, 3]) if scenario != "spatial-rows" else rng.choice([1, 2, 2])
    names = rng.sample(conf.SPATIAL_NAMES, n)
    row = rng.choice(sizes)
    spatial = {name: rng.randint(1, 4) for name in names}
    channels = rng.choice([1, 1, 2, 3])
    if scenario == "feature-rows":  # C innermost in the input and the result
        channels = row
        dn = (_shuffled(rng, ["N"] + names) + "C", _shuffled(rng, ["O", "I"] + names),
              _shuffled(rng, ["N"] + names) + "C")
    elif scenario == "spatial-rows":  # a spatial dimension innermost in both
        inner = names[-1]
        spatial[inner] = row
        if rng.random() < 0.4:
            dn = None  # JAX's default: NC followed by the spatial dimensions, in order
            inner = names[-1]
        else:
            dn = (_shuffled(rng, ["N", "C"] + names[:-1]) + inner,
                  _shuffled(rng, ["O", "I"] + names),
                  _shuffled(rng, ["N", "C"] + names[:-1]) + inner)
    else:
        dn = conf._draw_layout(rng, n)
        if dn is not None:
            names = [c for c in dn[1] if c not in "OI"]
            spatial = {name: rng.randint(1, 4) for name in names}
        spatial[rng.choice(names)] = min(row, 300)
    layout = pg.parse_dimension_numbers(dn, n)
    rhs_order = ([c for c in dn[1] if c not in "OI"] if dn else
                 [chr(ord("a") + j) for j in range(n)])
    if dn is None:  # the default names are a, b, ...: map ours onto them in order
        spatial = {chr(ord("a") + j): spatial[name] for j, name in enumerate(names)}
    filter_shape = tuple(rng.choice([1, 2, 2, 3]) for _ in range(n))
    strides = tuple(rng.choice([1, 1, 2, 3]) for _ in range(n))
    rhs_dilation = None if rng.random() < 0.5 else tuple(rng.randint(1, 3) for _ in range(n))
    lhs_dilation, dynamic = None, None
    if scenario == "lhs-dilation":
        padding = tuple((rng.randint(-2, 3), rng.randint(-2, 3)) for _ in range(n))
        lhs_dilation = tuple(rng.randint(2, 3) for _ in range(n))
    elif scenario == "same-dynamic":
        padding = rng.choice(["SAME", "SAME_LOWER"])
        dynamic = tuple(True if rng.random() < 0.7 else False for _ in range(n + 2))
        if not any(dynamic):
            dynamic = (True,) * (n + 2)
    elif scenario == "negative-padding":
        padding = tuple((rng.randint(-3, 2), rng.randint(-3, 2)) for _ in range(n))
        if not any(v < 0 for pair in padding for v in pair):
            padding = ((-1, padding[0][1]),) + padding[1:]
    else:
        padding = rng.choice(["SAME", "VALID", "SAME_LOWER", "explicit"])
        if padding == "explicit":
            padding = tuple((rng.randint(-2, 3), rng.randint(-2, 3)) for _ in range(n))
    shape = layout.lhs.place([rng.choice([1, 1, 2]), channels] +
                             [spatial[name] for name in rhs_order])
    if dynamic is None:
        dynamic = (False,) * (n + 2) if rng.random() < 0.8 else tuple(
            rng.random() < 0.5 for _ in range(n + 2))
    precision = rng.choice([None, None, "DEFAULT", "HIGHEST"])
    return tuple(shape), (filter_shape, strides, padding, lhs_dilation, rhs_dilation, dn,
                          precision), dynamic


def draw_item(rng, uid, dtype, route, scenario="random"):
    sizes = _row_sizes(dtype, route)
    limit = max(3000, 3 * max(sizes))

    def draw_input(r, shape):
        bits = [dtype.draw_bits(r, finite=route.conv) for _ in range(int(np.prod(shape)))]
        return np.array(bits + [0], dtype=object)[:-1].reshape(shape)

    def accept(case):
        needs = _needs_zero(case)
        if needs is None and dtype.zero_free():
            return False
        case.needs_zero = bool(needs)
        return True

    case = None
    if dtype.zero_free() and scenario == "same-dynamic":
        scenario = "random"  # only the run time knows whether it pads: not drawn for it
    for _ in range(50 if scenario != "random" else 0):
        shape, op_args, dynamic = _scenario_config(rng, scenario, sizes)
        try:
            out_shape = pg.output_shape(shape, *op_args)
        except ValueError:
            continue
        if not 0 < math.prod(out_shape) <= limit or math.prod(shape) > limit:
            continue
        candidate = conf.Case(uid, dtype, draw_input(rng, shape), *op_args, dynamic)
        candidate.expected = ref.extract_patches(candidate.x, *candidate.op_args())
        if accept(candidate):
            case = candidate
            break
    if case is None:
        scenario = "random"
        use_channels = rng.random() < 0.4
        case = conf.draw_case(rng, uid, True, spatial_sizes=sizes,
                              channel_sizes=[s for s in sizes if s <= 130] if use_channels
                              else None, dtype=dtype, draw_input=draw_input,
                              max_elements=limit, accept=accept)
    item = Item(uid, case, dtype, route, expectation(dtype, route, case), scenario=scenario)
    item.source = _source_map(case)
    if route.tiled:
        shape = case.result_shape()
        while True:
            tiles = tuple(0 if rng.random() < 0.4 else rng.randint(1, max(1, d + 1))
                          for d in shape)
            if any(tiles):
                break
        item.tile_sizes = tiles
    return item


# --------------------------------------------------------------------------
# MLIR.

def _ids(rank):
    dims = ", ".join(f"d{i}" for i in range(rank))
    return f"affine_map<({dims}) -> ({dims})>", ", ".join(['"parallel"'] * rank)


def _generic(lines, name, ins, outs, body, rank):
    """A parallel elementwise linalg.generic; ins/outs: [(value, tensor type, element)]."""
    identity, iterators = _ids(rank)
    maps = ", ".join([identity] * (len(ins) + len(outs)))
    args = ", ".join(f"%a{i}: {e}" for i, (_, _, e) in enumerate(ins + outs))
    result_types = ", ".join(t for _, t, _ in outs)
    results = f"%{name}:{len(outs)}" if len(outs) > 1 else f"%{name}"
    ins_text = (f"ins({', '.join(v for v, _, _ in ins)} : {', '.join(t for _, t, _ in ins)}) "
                if ins else "")
    lines.append(f"    {results} = linalg.generic {{indexing_maps = [{maps}], "
                 f"iterator_types = [{iterators}]}} {ins_text}"
                 f"outs({', '.join(v for v, _, _ in outs)} : {result_types}) {{")
    lines.append(f"    ^bb0({args}):")
    lines += ["      " + line for line in body]
    lines.append(f"    }} -> {result_types if len(outs) == 1 else '(' + result_types + ')'}")


def input_lines(item, lines):
    """Builds the input of `item` from integer constants; returns its name."""
    dt, x, uid = item.dtype, item.case.x, item.uid
    shape, rank = x.shape, x.ndim
    ttype = pg.tensor_type(shape, dt.name)
    if dt.kind in ("int", "sint", "uint", "index"):
        lines.append(f"    %in{uid} = arith.constant {conf._dense(x, dt.literal)} : {ttype}")
        return f"%in{uid}"
    pw = dt.part_width
    parts = [x] if dt.kind == "float" else [
        np.vectorize(lambda b: b & ((1 << pw) - 1), otypes=[object])(x) if x.size else x,
        np.vectorize(lambda b: b >> pw, otypes=[object])(x) if x.size else x]
    itype = pg.tensor_type(shape, dt.signless)
    ins = []
    for j, p in enumerate(parts):
        lines.append(f"    %in{uid}_p{j} = arith.constant {conf._dense(p, dt.literal)} : {itype}")
        ins.append((f"%in{uid}_p{j}", itype, dt.signless))
    lines.append(f"    %in{uid}_init = tensor.empty() : {ttype}")
    if dt.kind == "float":
        body = [f"%f = arith.bitcast %a0 : {dt.signless} to {dt.name}", f"linalg.yield %f : {dt.name}"]
    else:
        body = [f"%re = arith.bitcast %a0 : {dt.signless} to {dt.part}",
                f"%im = arith.bitcast %a1 : {dt.signless} to {dt.part}",
                f"%c = complex.create %re, %im : {dt.name}", f"linalg.yield %c : {dt.name}"]
    _generic(lines, f"in{uid}", ins, [(f"%in{uid}_init", ttype, dt.name)], body, rank)
    return f"%in{uid}"


def readback_lines(dt, value, shape, lines):
    """Prints the raw bits of `value` (static `shape`) as i64 tensors."""
    rank = len(shape)
    wtype = pg.tensor_type(shape, "i64")
    widths = dt.printed_parts
    body = []

    def to_int(v, ty, name):  # a value of type `ty` to its signless integer bits
        if dt.kind in ("sint", "uint"):
            body.append(f"{name} = builtin.unrealized_conversion_cast {v} : {ty} to {dt.signless}")
        elif dt.kind == "index":
            body.append(f"{name} = arith.index_cast {v} : index to i64")
        elif dt.kind in ("float", "complex"):
            body.append(f"{name} = arith.bitcast {v} : {ty} to {dt.signless}")
        else:
            return v
        return name

    def widen(v, width, name):
        if width == 64:
            return v
        body.append(f"{name} = arith.{'extui' if width < 64 else 'trunci'} {v} : "
                    f"i{width} to i64")
        return name

    if dt.kind == "complex":
        body += [f"%re = complex.re %a0 : {dt.name}", f"%im = complex.im %a0 : {dt.name}"]
        results = [widen(to_int("%re", dt.part, "%b0"), dt.part_width, "%o0"),
                   widen(to_int("%im", dt.part, "%b1"), dt.part_width, "%o1")]
    else:
        bits = to_int("%a0", dt.name, "%b")
        w = int(dt.signless[1:])
        results = [widen(bits, w, "%o0")]
        if w > 64:
            body += [f"%c64 = arith.constant 64 : i{w}", f"%hi = arith.shrui {bits}, %c64 : i{w}"]
            results.append(widen("%hi", w, "%o1"))
    outs = []
    for j in range(len(widths)):
        lines.append(f"    %rb_init{j} = tensor.empty() : {wtype}")
        outs.append((f"%rb_init{j}", wtype, "i64"))
    body.append(f"linalg.yield {', '.join(results)} : "
                f"{', '.join(['i64'] * len(widths))}")
    _generic(lines, "rb", [(value, pg.tensor_type(shape, dt.name), dt.name)], outs, body, rank)
    names = ["%rb"] if len(widths) == 1 else [f"%rb#{j}" for j in range(len(widths))]
    for j, name in enumerate(names):
        lines += [f"    %rbu{j} = tensor.cast {name} : {wtype} to tensor<*xi64>",
                  f"    call @printMemrefI64(%rbu{j}) : (tensor<*xi64>) -> ()"]


def case_lines(item, identity=False):
    """@case_UID(%input): the op, its result's shape and bits printed."""
    case, dt = item.case, item.dtype
    shape = case.x.shape
    static_in = pg.tensor_type(shape, dt.name)
    lines = [f"  // {item.describe()}",
             f"  func.func @{item.fn}(%input: {static_in}) {{"]
    if identity:
        lines.append(f"    %y = tensor.cast %input : {static_in} to {static_in}")
        out_shape, out_type = shape, static_in
    else:
        out_shape = case.result_shape()
        operand, in_type = "%input", static_in
        if any(case.dynamic):
            in_type = pg.tensor_type(shape, dt.name, case.dynamic)
            lines.append(f"    %x = tensor.cast %input : {static_in} to {in_type}")
            operand = "%x"
        out_type = pg.tensor_type(out_shape, dt.name, case.layout().result_dynamic(case.dynamic))
        lines.append(f"    %y = {conf.op_text(case, operand, in_type, out_type)}")
    rank = len(out_shape)
    for i in range(rank):
        lines += [f"    %c{i} = arith.constant {i} : index",
                  f"    %d{i} = tensor.dim %y, %c{i} : {out_type}"]
    dims = ", ".join(f"%d{i}" for i in range(rank))
    lines += [f"    %dims = tensor.from_elements {dims} : tensor<{rank}xindex>",
              f"    %dims64 = arith.index_cast %dims : tensor<{rank}xindex> to tensor<{rank}xi64>",
              f"    %dims_u = tensor.cast %dims64 : tensor<{rank}xi64> to tensor<*xi64>",
              "    call @printMemrefI64(%dims_u) : (tensor<*xi64>) -> ()"]
    if math.prod(out_shape):
        static_out = pg.tensor_type(out_shape, dt.name)
        value = "%y"
        if out_type != static_out:
            lines.append(f"    %ys = tensor.cast %y : {out_type} to {static_out}")
            value = "%ys"
        readback_lines(dt, value, out_shape, lines)
    lines += ["    return", "  }"]
    return lines


def module_text(items, identity=False):
    lines = ["module {", "  func.func private @printMemrefI64(tensor<*xi64>)"]
    for item in items:
        lines += case_lines(item, identity)
    lines.append("  func.func @main() {")
    for item in items:
        name = input_lines(item, lines)
        lines.append(f"    call @{item.fn}({name}) {{no_inline}} : "
                     f"({pg.tensor_type(item.case.x.shape, item.dtype.name)}) -> ()")
    lines += ["    return", "  }", "}", ""]
    return "\n".join(lines)


def schedule_text(items):
    """A transform library tiling each case's op with its tile sizes."""
    lines = ["module attributes {transform.with_named_sequence} {",
             "  transform.named_sequence @__transform_main("
             "%root: !transform.any_op {transform.readonly}) {"]
    for item in items:
        u = item.uid
        loops = sum(1 for t in item.tile_sizes if t)
        types = ", ".join(["!transform.any_op"] * (loops + 1))
        lines += [f"    %f{u} = transform.structured.match ops{{[\"func.func\"]}} "
                  f"attributes {{sym_name = \"{item.fn}\"}} in %root "
                  ": (!transform.any_op) -> !transform.any_op",
                  f"    %e{u} = transform.structured.match ops{{[\"patches.extract\"]}} in %f{u} "
                  ": (!transform.any_op) -> !transform.any_op",
                  f"    %t{u}, %l{u}:{loops} = transform.structured.tile_using_for %e{u} "
                  f"tile_sizes {pg.int_list(item.tile_sizes)} "
                  f": (!transform.any_op) -> ({types})"]
    lines += ["    transform.yield", "  }", "}", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Running and checking.

@dataclass(frozen=True)
class Tools:
    patches_opt: str
    mlir_runner: str
    shared_libs: str
    timeout: int


CRASH_MARKERS = ("LLVM ERROR", "Assertion", "PLEASE submit a bug report", "Stack dump",
                 "UNREACHABLE", "Segmentation fault", "runtime error:", "AddressSanitizer")


def opt_command(tools, route, path):
    args = list(route.args)
    if route.tiled:
        sched = str(path).replace(".mlir", ".schedule.mlir")
        args.insert(0, f"--transform-preload-library=transform-library-paths={sched}")
    return [tools.patches_opt, *args, str(path)]


def runner_command(tools, route):
    libs = [f"-shared-libs={tools.shared_libs}"] if tools.shared_libs else []
    return [tools.mlir_runner, *route.runner_args, "-e", "main", "-entry-point-result=void",
            *libs]


def shell_command(tools, route, path, run=True):
    text = " ".join(shlex.quote(a) for a in opt_command(tools, route, path))
    if run:
        text += " | " + " ".join(shlex.quote(a) for a in runner_command(tools, route))
    return text


def _run(cmd, tools, **kwargs):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=tools.timeout,
                              **kwargs)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, -999, "", f"timed out after {tools.timeout} s")


def _status(proc):
    if proc.returncode == -999:
        return proc.stderr
    if proc.returncode < 0:
        return f"killed by signal {-proc.returncode}"
    return f"exit {proc.returncode}"


def run_module(path, route, tools):
    """(stdout, error or None) of compiling and running one module."""
    opt = _run(opt_command(tools, route, path), tools)
    if opt.returncode != 0:
        return "", f"patches-opt failed ({_status(opt)}):\n{_tail(opt.stderr)}"
    run = _run(runner_command(tools, route), tools, input=opt.stdout)
    if run.returncode != 0:
        return run.stdout, f"mlir-runner failed ({_status(run)}):\n{_tail(run.stderr)}"
    return run.stdout, None


def _tail(text, lines=30):
    text = text.rstrip().splitlines()
    return "\n".join(text[:lines] + ([f"... ({len(text) - lines} more lines)"]
                                     if len(text) > lines else []))


@dataclass
class Problem:
    item: Item
    text: str
    kind: str = "wrong"   # wrong, error (tool failed), noerror (should have been an error)


def _combine(dt, parts):
    widths = dt.printed_parts
    value, shift = 0, 0
    for p, w in zip(parts, widths):
        value |= (p & ((1 << w) - 1)) << shift
        shift += 64 if dt.kind != "complex" else w
    return value


def check_item(item, prints):
    dt, case = item.dtype, item.case
    if not prints:
        return "printed nothing"
    _, dims = prints.pop(0)
    if dims != list(case.expected.shape):
        return f"result shape {dims}, expected {list(case.expected.shape)}"
    size = case.expected.size
    if not size:
        return None
    data = []
    for _ in dt.printed_parts:
        if not prints:
            return "printed no data"
        sizes, values = prints.pop(0)
        if sizes != list(case.expected.shape) or len(values) != size:
            return f"printed data of shape {sizes} with {len(values)} values"
        data.append(values)
    expected = case.expected.reshape(-1)
    source = item.source.reshape(-1)
    wrong = []
    for i in range(size):
        raw = [d[i] for d in data]
        got = _combine(dt, raw)
        if dt.comparable(got, item.route.conv) != dt.comparable(int(expected[i]), item.route.conv):
            wrong.append((i, got, raw))
    if not wrong:
        return None
    digits = (dt.width + 3) // 4
    lines = [f"{len(wrong)} of {size} elements differ (index in the result layout; "
             f"bits as hex, {dt.width} bits):"]
    for i, got, raw in wrong[:8]:
        index = tuple(int(v) for v in np.unravel_index(i, case.expected.shape))
        src = int(source[i])
        origin = ("a zero (padding or hole)" if src == 0 else
                  f"input {tuple(int(v) for v in np.unravel_index(src - 1, case.x.shape))}")
        high = ""
        if dt.kind != "complex" and dt.width < 64 and raw[0] >> dt.width != 0:
            high = f" (printed {raw[0] & M64:#x}: bits above the type's width)"
        lines.append(f"  {index} from {origin}: expected 0x{int(expected[i]):0{digits}x}, "
                     f"got 0x{got:0{digits}x}{high}")
    if len(wrong) > 8:
        lines.append(f"  ... and {len(wrong) - 8} more")
    return "\n".join(lines)


def check_output(items, stdout):
    try:
        prints = conf.parse_prints(stdout)
    except ValueError as error:
        return [Problem(item, f"unparsable output: {error}", "error") for item in items]
    problems = []
    for item in items:
        text = check_item(item, prints)
        if text:
            problems.append(Problem(item, text))
    return problems


def write_module(path, items, identity=False):
    path.write_text(module_text(items, identity))
    if items and items[0].route.tiled:
        Path(str(path).replace(".mlir", ".schedule.mlir")).write_text(schedule_text(items))


def _items_at(text, items, stderr, path):
    """The items whose IR the diagnostics in `stderr` point into."""
    lines = {int(m.group(1)) for m in re.finditer(re.escape(str(path)) + r":(\d+):", stderr)}
    owner, current = {}, None
    by_fn = {item.fn: item for item in items}
    by_input = {f"%in{item.uid}": item for item in items}
    for number, line in enumerate(text.splitlines(), 1):
        m = re.match(r"  func\.func @(\w+)\(", line)
        if m:
            current = by_fn.get(m.group(1))
        elif line.startswith("  func.func @main"):
            current = None
        item = current
        if item is None:
            m = re.search(r"(%in\d+)\b", line)
            item = by_input.get(m.group(1)) if m else None
        if item is not None:
            owner[number] = item
    found = {owner[n].uid: owner[n] for n in lines if n in owner}
    return list(found.values())


def run_exact(items, path, tools, identity=False):
    """Problems of exact-expected items. A module that does not compile or run
    is split: the cases the diagnostics point to fail, the others run again;
    where no diagnostic points to a case, per type and then by halves."""
    write_module(path, items, identity)
    stdout, error = run_module(path, items[0].route, tools)
    if error is None:
        return check_output(items, stdout)
    if len(items) == 1:
        return [Problem(items[0], error, "error")]
    if error.startswith("patches-opt"):
        culprits = _items_at(path.read_text(), items, error, path)
        if culprits and len(culprits) < len(items):
            rest = [i for i in items if i not in culprits]
            again = []
            for item in culprits:  # each alone, for its own diagnostic
                again += run_exact([item], path.with_name(f"{path.stem}_c{item.uid}.mlir"),
                                   tools, identity)
            return again + run_exact(rest, path.with_name(f"{path.stem}_r.mlir"), tools,
                                     identity)
    groups = collections.OrderedDict()
    for item in items:
        groups.setdefault(item.dtype.name, []).append(item)
    if 2 < len(groups) <= 4 or len(groups) == 1:
        parts = list(groups.values()) if len(groups) > 1 else [items[:len(items) // 2],
                                                              items[len(items) // 2:]]
    else:  # halves along type boundaries
        names = list(groups)
        half = len(names) // 2
        parts = [[i for n in names[:half] for i in groups[n]],
                 [i for n in names[half:] for i in groups[n]]]
    problems = []
    for j, part in enumerate(parts):
        problems += run_exact(part, path.with_name(f"{path.stem}_{j}.mlir"), tools, identity)
    return problems or [Problem(items[0], f"{path.name} fails but its parts pass:\n{error}",
                                "error")]


def op_line(text):
    for number, line in enumerate(text.splitlines(), 1):
        if "= patches.extract" in line:
            return number
    return None


def run_error(item, path, tools, write=True):
    """An item that must be a clean error at the op."""
    if write:
        write_module(path, [item])
    proc = _run(opt_command(tools, item.route, path), tools)
    line = op_line(path.read_text())
    where = f"{path}:{line}:"
    if proc.returncode == 0:
        return Problem(item, f"expected an error at the op ({item.expect}), but patches-opt "
                             "exited 0" + _leftover(proc.stdout), "noerror")
    if proc.returncode < 0 or proc.returncode >= 128 or proc.returncode == -999 or any(
            m in proc.stderr for m in CRASH_MARKERS):
        return Problem(item, f"expected a clean error at the op ({item.expect}), got a crash "
                             f"({_status(proc)}):\n{_tail(proc.stderr)}", "error")
    first = next((l for l in proc.stderr.splitlines() if ": error:" in l), "")
    if not first.startswith(where):
        return Problem(item, f"expected the first error at the op ({where}), got:\n"
                             f"{_tail(proc.stderr)}", "error")
    if item.dtype.name not in first:
        return Problem(item, f"the error at the op does not name the type {item.dtype.name}:\n"
                             f"{_tail(proc.stderr)}", "error")
    return None


def _leftover(llvm):
    ops = sorted({m.group(1) for m in re.finditer(r"\b([a-z_]+\.[a-z_.]+)\b", llvm)
                  if not m.group(1).startswith(("llvm.", "transform."))
                  and m.group(1).split(".")[0] in ("func", "memref", "vector", "arith", "scf",
                                                   "cf", "linalg", "tensor", "complex",
                                                   "patches", "gpu", "math", "affine")})
    return f"; ops outside the LLVM dialect left: {', '.join(ops[:12])}" if ops else ""


# --------------------------------------------------------------------------

def write_repro(item, problem, repro_dir, tools):
    repro_dir.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9]+", "_", item.dtype.name).strip("_")
    path = repro_dir / f"{item.route.name}-{safe}-s{item.seed}-case{item.uid}.mlir"
    write_module(path, [item])
    body = path.read_text()
    run = item.expect == "exact"
    header = [f"// Reproducer: {item.describe()}",
              f"// Expected: {'every element bit-exact' if run else 'an error at the op: ' + item.expect}",
              f"// Command: {shell_command(tools, item.route, path, run)}"]
    header += ["// " + l for l in problem.text.splitlines()[:14]]
    header.append(f"// Check it again: {Path(__file__).name} --rerun {path} "
                  "(with --patches-opt, --mlir-runner, --shared-libs)")
    facts = {"dtype": item.dtype.name, "route": item.route.name, "expect": item.expect,
             "input_shape": list(item.case.x.shape), "shape": list(item.case.expected.shape),
             "expected": [hex(int(v)) for v in item.case.expected.reshape(-1)],
             "source": [int(v) for v in item.source.reshape(-1)],
             "tile_sizes": list(item.tile_sizes)}
    header.append("// expect-json: " + json.dumps(facts, separators=(",", ":")))
    path.write_text("\n".join(header) + "\n" + body)
    if item.route.tiled:  # the header moved the op: rewrite the schedule beside it
        Path(str(path).replace(".mlir", ".schedule.mlir")).write_text(schedule_text([item]))
    return path


def run_round(args, tools, dtypes, routes, seed, workdir, identity=False):
    """Draws and runs one round; returns (items, problems)."""
    rng = random.Random(seed)
    items, uid = [], 0
    for r, route in enumerate(routes):
        for d, dt in enumerate(dtypes):
            for k in range(args.cases):
                scenario = SCENARIOS[(r + d + k) % len(SCENARIOS)]
                item = draw_item(rng, uid, dt, route, scenario)
                item.seed = seed
                if identity:  # the module prints the input: that is what is expected
                    item.case.expected, item.expect = item.case.x, "exact"
                    item.source = np.arange(1, item.case.x.size + 1).reshape(item.case.x.shape)
                items.append(item)
                uid += 1
    jobs = []
    for route in routes:
        exact = [i for i in items if i.route is route and i.expect == "exact"]
        errors = [i for i in items if i.route is route and i.expect != "exact"]
        for k in range(0, len(exact), args.batch):
            jobs.append(("exact", exact[k:k + args.batch],
                         workdir / f"s{seed}_{route.name}_{k // args.batch:03d}.mlir"))
        for item in errors:
            jobs.append(("error", [item], workdir / f"s{seed}_{route.name}_err{item.uid}.mlir"))
    if args.dry_run:
        for kind, batch, path in jobs:
            write_module(path, batch, identity)
        return items, []

    def work(job):
        kind, batch, path = job
        if kind == "exact":
            return run_exact(batch, path, tools, identity)
        problem = run_error(batch[0], path, tools)
        if problem and problem.kind == "noerror" and batch[0].expect == "exact-or-error":
            return run_exact(batch, path, tools, identity)
        return [problem] if problem else []

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        problems = [p for result in pool.map(work, jobs) for p in result]
    return items, problems


class Tally:
    """What the rounds ran and what failed, per (type, route)."""

    def __init__(self):
        self.total, self.errors, self.bad = (collections.Counter() for _ in range(3))
        self.kinds = collections.defaultdict(set)
        self.cases = self.elements = self.expected_errors = self.failing = 0

    def add(self, items, problems):
        for i in items:
            key = (i.dtype.name, i.route.name)
            self.total[key] += 1
            self.cases += 1
            if i.expect == "exact":
                self.elements += i.case.expected.size
            else:
                self.errors[key] += 1
                self.expected_errors += 1
        for p in problems:
            self.kinds[(p.item.dtype.name, p.item.route.name)].add(p.kind)
        for uid, key in {p.item.uid: (p.item.dtype.name, p.item.route.name)
                         for p in problems}.items():
            self.bad[key] += 1
            self.failing += 1

    def table(self, dtypes, routes):
        width = max(len(d.name) for d in dtypes)
        rows = ["  " + " " * width + " " + " ".join(f"{r.name:>12}" for r in routes)]
        for d in dtypes:
            cells = []
            for r in routes:
                key = (d.name, r.name)
                if self.bad[key]:
                    cell = f"FAIL {self.bad[key]}/{self.total[key]}" + (
                        "!" if self.kinds[key] & {"error", "noerror"} else "")
                elif self.errors[key] == self.total[key] and self.total[key]:
                    cell = "error-ok"
                elif self.errors[key]:
                    cell = "ok+error-ok"
                else:
                    cell = "ok"
                cells.append(f"{cell:>12}")
            rows.append(f"  {d.name:<{width}} " + " ".join(cells))
        return "\n".join(rows)


def report(problems, tools, repro_dir):
    """Prints the first problem of each (type, route, kind) in full."""
    by_key = collections.OrderedDict()
    for p in problems:
        by_key.setdefault((p.item.dtype.name, p.item.route.name, p.kind), []).append(p)
    for (dtype, route, kind), group in by_key.items():
        p = group[0]
        print("=" * 78)
        print(f"FAIL {p.item.describe()}")
        print(f"  expected: " + ("bit-exact" if p.item.expect == "exact"
                                 else "an error at the op: " + p.item.expect))
        print(p.text)
        if repro_dir:
            path = write_repro(p.item, p, repro_dir, tools)
            print(f"  reproducer: {path}")
            print(f"  command: {shell_command(tools, p.item.route, path, p.item.expect == 'exact')}")
        if len(group) > 1:
            print(f"  ({len(group) - 1} more {dtype} cases on {route} fail the same way: cases "
                  + ", ".join(str(q.item.uid) for q in group[1:12]) + ")")


def self_test():
    failed = 0

    def check(name, cond):
        nonlocal failed
        if not cond:
            failed += 1
            print(f"self-test FAILED: {name}")
    bf16, f8fn, fnuz = FLOAT_FORMATS["bf16"], FLOAT_FORMATS["f8E4M3FN"], FLOAT_FORMATS["f8E5M2FNUZ"]
    check("bf16 sNaN not finite", not bf16.is_finite(0x7F81))
    check("bf16 -0 zero", bf16.is_zero(0x8000))
    check("bf16 inf", not bf16.is_finite(0x7F80) and bf16.is_finite(0x7F7F))
    check("bf16 one", 0x3F80 in bf16.specials()["one"])
    check("f16 one", 0x3C00 in FLOAT_FORMATS["f16"].specials()["one"])
    check("f32 one", 0x3F800000 in FLOAT_FORMATS["f32"].specials()["one"])
    check("f8E4M3FN 0x7f NaN, 0x7e finite", not f8fn.is_finite(0x7F) and f8fn.is_finite(0x7E))
    check("fnuz 0x80 NaN", not fnuz.is_finite(0x80) and not fnuz.is_zero(0x80))
    check("e8m0 no zero", not FLOAT_FORMATS["f8E8M0FNU"].is_zero(0))
    x87 = FLOAT_FORMATS["f80"]
    check("f80 one", x87.is_finite((16383 << 64) | (1 << 63)))
    check("f80 unnormal not canonical", not x87.is_finite(16383 << 64))
    check("f80 inf", not x87.is_finite((0x7FFF << 64) | (1 << 63)))
    rng = random.Random(1)
    for dt in ELEMENT_TYPES.values():
        seen = [dt.draw_bits(rng) for _ in range(400)]
        check(f"{dt.name} in range", all(0 <= b < (1 << dt.width) for b in seen))
        if dt.kind in ("float", "complex"):
            fin = [dt.draw_bits(rng, finite=True) for _ in range(200)]
            parts = fin if dt.kind == "float" else [b & ((1 << dt.part_width) - 1) for b in fin]
            check(f"{dt.name} finite draws", all(dt.fmt.is_finite(b) for b in parts))
        else:
            check(f"{dt.name} extremes", (1 << dt.width) - 1 in seen and 0 in seen)
        check(f"{dt.name} literal round trip",
              all((int(dt.literal(b)) & ((1 << dt.part_width) - 1)) == b & ((1 << dt.part_width) - 1)
                  for b in seen))
    check("bf16 draws sNaN", any(0x7F80 < b < 0x7FC0 or 0xFF80 < b < 0xFFC0 for b in
                                 [ELEMENT_TYPES["bf16"].draw_bits(rng) for _ in range(500)]))
    check("complex comparable", ELEMENT_TYPES["complex<f32>"].comparable(
        0x80000000 | (0x80000000 << 32), True) == 0)
    print(f"self-test: {'passed' if not failed else f'{failed} FAILED'}")
    return failed == 0


def rerun(paths, tools):
    """Runs reproducers written by --repro-dir again and checks them."""
    failed = 0
    for path in map(Path, paths):
        line = next((l for l in path.read_text().splitlines()
                     if l.startswith("// expect-json: ")), None)
        if line is None:
            print(f"{path}: no expect-json line")
            failed += 1
            continue
        facts = json.loads(line.partition(": ")[2])
        case = conf.Case(0, None, np.empty(facts["input_shape"]), (), (), "VALID", None, None,
                         None, None, ())
        case.expected = np.array([int(v, 16) for v in facts["expected"]] + [0],
                                 dtype=object)[:-1].reshape(facts["shape"])
        item = Item(0, case, ELEMENT_TYPES[facts["dtype"]], ROUTES[facts["route"]],
                    facts["expect"], tuple(facts["tile_sizes"]),
                    np.array(facts["source"] + [0], dtype=object)[:-1].reshape(facts["shape"]))
        if item.expect == "exact":
            stdout, error = run_module(path, item.route, tools)
            text = error or (check_output([item], stdout) or [Problem(item, "")])[0].text
        else:
            problem = run_error(item, path, tools, write=False)
            text = problem.text if problem else ""
        failed += bool(text)
        print(f"{'FAIL' if text else 'ok  '} {path}" + ("\n  " + text.replace("\n", "\n  ")
                                                       if text else ""))
    print(f"rerun: {len(paths) - failed} ok, {failed} failing")
    return 0 if not failed else 1


def _csv(text, known, what):
    if text in (None, "all"):
        return list(known.values())
    names = [t.strip() for t in re.split(r",(?![^<]*>)", text) if t.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return [known[n] for n in names]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patches-opt", default="patches-opt")
    parser.add_argument("--mlir-runner", default="mlir-runner")
    parser.add_argument("--shared-libs", default="", help="comma-separated runtime libraries")
    parser.add_argument("--dtypes", help="comma-separated element types (default all)")
    parser.add_argument("--skip-dtypes", help="comma-separated element types to leave out")
    parser.add_argument("--routes", help="comma-separated routes (default all)")
    parser.add_argument("--cases", type=int, default=2, help="cases per (type, route) pair")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hours", type=float, default=0,
                        help="repeat rounds with seeds seed, seed+1, ... for this long")
    parser.add_argument("--batch", type=int, default=120, help="cases per module")
    parser.add_argument("--jobs", type=int, default=2, help="modules run at once")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per tool run")
    parser.add_argument("--keep", help="write the modules to this directory and keep them")
    parser.add_argument("--dry-run", action="store_true", help="only write the modules")
    parser.add_argument("--repro-dir", help="write a reproducer per failing (type, route)")
    parser.add_argument("--identity", action="store_true",
                        help="harness check: print the inputs without the op (every route "
                             "must give the input bits back)")
    parser.add_argument("--list", action="store_true", help="list the types and routes")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--rerun", nargs="+", metavar="FILE",
                        help="run reproducers written by --repro-dir again and check them")
    args = parser.parse_args()
    if args.self_test:
        return 0 if self_test() else 1
    if args.list:
        print("types: " + ", ".join(ELEMENT_TYPES))
        print("routes: " + ", ".join(f"{r.name} ({' '.join(r.args)})" for r in ROUTES.values()))
        return 0
    dtypes = _csv(args.dtypes, ELEMENT_TYPES, "types")
    routes = _csv(args.routes, ROUTES, "routes")
    if args.skip_dtypes:
        skipped = {d.name for d in _csv(args.skip_dtypes, ELEMENT_TYPES, "types")}
        dtypes = [d for d in dtypes if d.name not in skipped]
    if args.identity:
        dtypes = [d for d in dtypes if d.name not in REJECTED_TYPES]
    tools = Tools(args.patches_opt, args.mlir_runner, args.shared_libs, args.timeout)
    if args.rerun:
        return rerun(args.rerun, tools)
    if args.dry_run and not args.keep:
        parser.error("--dry-run needs --keep DIR")
    repro_dir = Path(args.repro_dir) if args.repro_dir else None

    start, seed = time.time(), args.seed
    tally, rounds = Tally(), 0
    with tempfile.TemporaryDirectory(prefix="patches-exactness-") as scratch:
        while True:
            workdir = Path(args.keep) if args.keep else Path(scratch) / f"seed{seed}"
            workdir.mkdir(parents=True, exist_ok=True)
            items, problems = run_round(args, tools, dtypes, routes, seed, workdir,
                                        args.identity)
            if args.dry_run:
                print(f"exactness: wrote the modules of {len(items)} cases to {workdir}")
                return 0
            report(problems, tools, repro_dir)
            tally.add(items, problems)
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
            rounds += 1
            if args.hours:
                print(f"round {rounds} (seed {seed}): {len(items)} cases, "
                      f"{len({p.item.uid for p in problems})} failing, "
                      f"{time.time() - start:.0f} s", flush=True)
            seed += 1
            if not args.hours or time.time() - start > args.hours * 3600:
                break
    print("=" * 78)
    print(tally.table(dtypes, routes))
    what = (f"{tally.cases} cases ({tally.elements} elements, {tally.expected_errors} expected "
            f"errors) over {len(dtypes)} types and {len(routes)} routes"
            + (f", {rounds} rounds" if rounds > 1 else ""))
    if tally.failing:
        print(f"exactness: FAILED, {tally.failing} of {what} wrong")
        return 1
    print(f"exactness: {what}, all bit-exact and every expected error clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
