# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The geometry of `patches.extract`, for the scripts that generate its uses.

The bench (bench/), the test generators (test/Integration/*/run_*.py, the
GPU tests' case generator) and anything else that writes `patches.extract`
ops take from here what they need to write a valid op and to size its
buffers: the layout of the dimension numbers, the resolution of SAME /
SAME_LOWER / VALID and explicit padding, dilated and window sizes, output
sizes and result shapes (with ValueError for an invalid configuration, so
that random drawing can reject it), and the MLIR text of types and clauses.
The rules are those of docs/Patches.md (`jax.lax.conv_general_dilated_patches`).

It is pure Python (no numpy). The reference implementation
(utils/reference/patches_reference.py), which computes the expected patches
element by element, does not use it: it has its own geometry, written from
the same rules, and run_conformance.py --self-test checks that the two agree
on random configurations, valid or not.
"""

import math
from dataclasses import dataclass

PADDING_STRINGS = ("SAME", "VALID", "SAME_LOWER")
PRECISIONS = ("DEFAULT", "HIGH", "HIGHEST")


def ceil_div(a, b):
    return -(-a // b)


def dilated_size(d, l):
    """An input size d after lhs dilation l (l - 1 zeros between elements)."""
    return 0 if d == 0 else (d - 1) * l + 1


def window_size(k, r):
    """The span of k filter taps rhs-dilated by r."""
    return (k - 1) * r + 1


def output_size(d, k, s, lo, hi, l=1, r=1):
    """One output size: floor((D + lo + hi - W) / s) + 1, at least 0."""
    return max(0, (dilated_size(d, l) + lo + hi - window_size(k, r)) // s + 1)


def same_padding(d, k, s, r=1, lower=False):
    """(lo, hi) of SAME (SAME_LOWER: swapped), on the undilated size d."""
    total = max((ceil_div(d, s) - 1) * s + window_size(k, r) - d, 0)
    lo, hi = total // 2, total - total // 2
    return (hi, lo) if lower else (lo, hi)


# --------------------------------------------------------------------------
# Dimension numbers.

@dataclass(frozen=True)
class Spec:
    """Where one operand's dimensions are: `batch` and `feature` (N and C,
    or O and I for rhs_spec) and `spatial[j]`, canonical spatial dimension
    j, as positions in the layout string."""
    text: str
    batch: int
    feature: int
    spatial: tuple

    @property
    def canonical_perm(self):
        """The positions of (batch, feature, spatial...)."""
        return (self.batch, self.feature) + self.spatial

    def place(self, canonical):
        """A shape laid out per this spec from its canonical order."""
        shape = [0] * len(self.text)
        for axis, size in zip(self.canonical_perm, canonical):
            shape[axis] = size
        return shape

    def canonical(self, shape):
        """(batch, feature, spatial...) of a shape laid out per this spec."""
        return [shape[axis] for axis in self.canonical_perm]


@dataclass(frozen=True)
class Layout:
    lhs: Spec
    rhs: Spec
    out: Spec

    @property
    def num_spatial(self):
        return len(self.rhs.spatial)

    def result_dynamic(self, input_dynamic):
        """Which result dimensions are `?` for an operand whose dimensions
        `input_dynamic` are: those that an input dimension of the same role
        feeds."""
        dynamic = [False] * len(input_dynamic)
        for lhs_axis, out_axis in zip(self.lhs.canonical_perm, self.out.canonical_perm):
            dynamic[out_axis] = bool(input_dynamic[lhs_axis])
        return dynamic


def default_dimension_numbers(n):
    """N, C (O, I) followed by the n spatial dimensions in order."""
    spatial = "".join(chr(ord("a") + j) for j in range(n))
    return ("NC" + spatial, "OI" + spatial, "NC" + spatial)


def parse_dimension_numbers(dimension_numbers, n):
    """The Layout of `dimension_numbers` (None: the default) for n spatial
    dimensions; ValueError unless it is a triple of strings of length n + 2,
    each without repeats, with N and C (O and I) once each, and the same
    spatial names in all three."""
    dn = default_dimension_numbers(n) if dimension_numbers is None else dimension_numbers
    if isinstance(dn, str) or not isinstance(dn, (tuple, list)) or len(dn) != 3:
        raise ValueError(f"dimension_numbers must be three strings, got {dn!r}")
    roles = ("NC", "OI", "NC")
    names = []
    for spec, role in zip(dn, roles):
        if not isinstance(spec, str) or len(spec) != n + 2 or len(set(spec)) != len(spec):
            raise ValueError(f"{spec!r} is not a layout of {n + 2} distinct dimensions")
        if any(spec.count(c) != 1 for c in role):
            raise ValueError(f"{spec!r} must name {role[0]} and {role[1]} once each")
        names.append([c for c in spec if c not in role])
    if not set(names[0]) == set(names[1]) == set(names[2]):
        raise ValueError(f"the layouts {tuple(dn)!r} name different spatial dimensions")
    # Canonical spatial order: the order of the names in rhs_spec.
    canonical = names[1]
    specs = [Spec(spec, spec.index(role[0]), spec.index(role[1]),
                  tuple(spec.index(c) for c in canonical))
             for spec, role in zip(dn, roles)]
    return Layout(*specs)


# --------------------------------------------------------------------------
# Padding, sizes and shapes.

def _positive_ints(name, values, n, minimum=1):
    values = tuple(values)
    if len(values) != n or any(isinstance(v, bool) or not isinstance(v, int) or v < minimum
                               for v in values):
        raise ValueError(f"{name} must be {n} integers >= {minimum}, got {values!r}")
    return values


def resolve_padding(padding, in_sizes, filter_shape, strides, lhs_dilation=None,
                    rhs_dilation=None):
    """((lo, hi), ...) in canonical order for a padding string or explicit
    pairs; `in_sizes` are the undilated input sizes. ValueError for a string
    with an lhs dilation other than ones, or a crop past the dilated size."""
    n = len(in_sizes)
    lhs_dilation = (1,) * n if lhs_dilation is None else tuple(lhs_dilation)
    rhs_dilation = (1,) * n if rhs_dilation is None else tuple(rhs_dilation)
    if isinstance(padding, str):
        kind = padding.upper()  # as JAX does
        if kind not in PADDING_STRINGS:
            raise ValueError(f"padding {padding!r} is none of {PADDING_STRINGS}")
        if any(l != 1 for l in lhs_dilation):
            raise ValueError("string padding with lhs_dilation (a transposed convolution)")
        if kind == "VALID":
            return ((0, 0),) * n
        return tuple(same_padding(d, k, s, r, lower=kind == "SAME_LOWER")
                     for d, k, s, r in zip(in_sizes, filter_shape, strides, rhs_dilation))
    pairs = tuple(tuple(pair) for pair in padding)
    if len(pairs) != n:
        raise ValueError(f"padding has {len(pairs)} pairs for {n} spatial dimensions")
    for d, l, pair in zip(in_sizes, lhs_dilation, pairs):
        if len(pair) != 2 or any(isinstance(v, bool) or not isinstance(v, int) for v in pair):
            raise ValueError(f"padding pair {pair!r} is not two integers")
        if dilated_size(d, l) + pair[0] + pair[1] < 0:
            raise ValueError(f"padding {pair} crops more than the size {dilated_size(d, l)}")
    return pairs


@dataclass(frozen=True)
class Geometry:
    """One valid configuration, in canonical order (batch, feature, then the
    spatial dimensions in rhs_spec's order)."""
    layout: Layout
    batch: int
    channels: int
    in_sizes: tuple
    filter_shape: tuple
    strides: tuple
    pads: tuple
    lhs_dilation: tuple
    rhs_dilation: tuple
    out_sizes: tuple

    @property
    def window_count(self):
        """K, the number of window positions: the feature size is C * K."""
        return math.prod(self.filter_shape)

    @property
    def in_shape(self):
        return tuple(self.layout.lhs.place((self.batch, self.channels) + self.in_sizes))

    @property
    def canonical_out_shape(self):
        return (self.batch, self.channels * self.window_count) + self.out_sizes

    @property
    def out_shape(self):
        """The result shape, laid out per out_spec."""
        return tuple(self.layout.out.place(self.canonical_out_shape))


def geometry(input_shape, filter_shape, window_strides, padding, lhs_dilation=None,
             rhs_dilation=None, dimension_numbers=None, precision=None):
    """The Geometry of an op on an input of `input_shape` (laid out per
    lhs_spec); the clauses as the op takes them (None: omitted). ValueError
    for an invalid configuration."""
    filter_shape = tuple(filter_shape)
    n = len(filter_shape)
    layout = parse_dimension_numbers(dimension_numbers, n)
    input_shape = tuple(input_shape)
    if len(input_shape) != n + 2 or any(
            isinstance(d, bool) or not isinstance(d, int) or d < 0 for d in input_shape):
        raise ValueError(f"input shape {input_shape} is not {n + 2} sizes >= 0")
    if precision is not None and precision not in PRECISIONS:
        raise ValueError(f"precision {precision!r} is none of {PRECISIONS}")
    filter_shape = _positive_ints("filter_shape", filter_shape, n)
    strides = _positive_ints("window_strides", window_strides, n)
    lhs_dilation = _positive_ints("lhs_dilation",
                                  (1,) * n if lhs_dilation is None else lhs_dilation, n)
    rhs_dilation = _positive_ints("rhs_dilation",
                                  (1,) * n if rhs_dilation is None else rhs_dilation, n)
    batch, channels, *in_sizes = layout.lhs.canonical(input_shape)
    pads = resolve_padding(padding, in_sizes, filter_shape, strides, lhs_dilation, rhs_dilation)
    out_sizes = tuple(output_size(d, k, s, lo, hi, l, r) for d, k, s, (lo, hi), l, r in
                      zip(in_sizes, filter_shape, strides, pads, lhs_dilation, rhs_dilation))
    return Geometry(layout, batch, channels, tuple(in_sizes), filter_shape, strides, pads,
                    lhs_dilation, rhs_dilation, out_sizes)


def output_shape(input_shape, filter_shape, window_strides, padding, lhs_dilation=None,
                 rhs_dilation=None, dimension_numbers=None, precision=None):
    """The result shape (laid out per out_spec); ValueError if invalid."""
    return geometry(input_shape, filter_shape, window_strides, padding, lhs_dilation,
                    rhs_dilation, dimension_numbers, precision).out_shape


# --------------------------------------------------------------------------
# MLIR text.

def int_list(values):
    return "[" + ", ".join(str(v) for v in values) + "]"


def shaped_type(kind, shape, element, dynamic=None):
    """`tensor<2x?x3xf32>` (kind "tensor" or "memref"); `dynamic`: per
    dimension whether it is `?`, or True for all."""
    dims = ["?" if (dynamic is True or (dynamic and dynamic[i])) else str(d)
            for i, d in enumerate(shape)]
    return f"{kind}<" + "".join(d + "x" for d in dims) + element + ">"


def tensor_type(shape, element="f32", dynamic=None):
    return shaped_type("tensor", shape, element, dynamic)


def memref_type(shape, element="f32", dynamic=None):
    return shaped_type("memref", shape, element, dynamic)


def padding_text(padding):
    """A padding string as it is, explicit pairs as `[[lo, hi], ...]`."""
    if isinstance(padding, str):
        return padding
    return "[" + ", ".join(int_list(pair) for pair in padding) + "]"


def clauses(filter_shape, window_strides, padding, lhs_dilation=None, rhs_dilation=None,
            dimension_numbers=None, precision=None):
    """The op's clauses as `name = value` texts; None leaves one out."""
    texts = [f"filter_shape = {int_list(filter_shape)}",
             f"window_strides = {int_list(window_strides)}",
             f"padding = {padding_text(padding)}"]
    if lhs_dilation is not None:
        texts.append(f"lhs_dilation = {int_list(lhs_dilation)}")
    if rhs_dilation is not None:
        texts.append(f"rhs_dilation = {int_list(rhs_dilation)}")
    if dimension_numbers is not None:
        texts.append("dimension_numbers = (" +
                     ", ".join(f'"{spec}"' for spec in dimension_numbers) + ")")
    if precision is not None:
        texts.append(f"precision = {precision}")
    return texts


def op_text(operand, in_type, out_type, *op_args, separator=" ", op="patches.extract"):
    """`patches.extract %x <clauses> : T -> U` (the custom form); `op_args`
    are clauses()'s arguments, `separator` goes between the clauses and
    before the types."""
    return (f"{op} {operand} " + separator.join(clauses(*op_args)) +
            f"{separator}: {in_type} -> {out_type}")
