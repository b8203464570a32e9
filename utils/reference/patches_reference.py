# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Reference semantics of `patches.extract` (= jax.lax.conv_general_dilated_patches).

Written from the op's semantics (docs/Patches.md), independently of the C++ code, so
that the compiler can be checked against it. Two formulations are provided:

* `extract_patches`: the definition, as plain loops over output positions that
  copy input elements (bit for bit) or write zero. This is the reference.
* `extract_patches_via_conv`: JAX's own formulation, a feature-grouped
  convolution with a one-hot filter computed by multiply-and-sum. It serves as
  an independent cross-check of the reference; it agrees with it exactly on
  finite inputs without -0.0.

Only numpy is needed; both functions are meant for small arrays.
"""

import math
from dataclasses import dataclass

import numpy as np

PADDING_STRINGS = ("SAME", "VALID", "SAME_LOWER")
PRECISIONS = ("DEFAULT", "HIGH", "HIGHEST")


@dataclass(frozen=True)
class Spec:
    """Positions of one operand's dimensions within its layout string.

    `batch` / `feature` are the positions of N / C (lhs, out) or O / I (rhs);
    `spatial[j]` is the position of canonical spatial dimension j.
    """
    text: str
    batch: int
    feature: int
    spatial: tuple

    @property
    def canonical_perm(self):
        """Axes of the layout in canonical order (batch, feature, spatial...)."""
        return (self.batch, self.feature) + self.spatial


@dataclass(frozen=True)
class Layout:
    lhs: Spec
    rhs: Spec
    out: Spec

    @property
    def num_spatial(self):
        return len(self.rhs.spatial)


def default_dimension_numbers(n):
    """Layout strings equivalent to JAX's default (N, C / O, I, then spatial)."""
    # Any n distinct names other than N, C, O and I would do.
    names = "".join(chr(ord("a") + j) for j in range(n))
    return ("NC" + names, "OI" + names, "NC" + names)


def parse_dimension_numbers(dn, n):
    """Resolves `dimension_numbers` for n spatial dimensions into a Layout.

    Raises ValueError for every malformed triple (see SEMANTICS.md).
    """
    if dn is None:
        dn = default_dimension_numbers(n)
    if isinstance(dn, str) or not hasattr(dn, "__len__") or len(dn) != 3:
        raise ValueError(
            "dimension_numbers must be a triple of strings (lhs_spec, rhs_spec, out_spec), "
            f"got {dn!r}")
    roles = (("lhs_spec", "N", "C"), ("rhs_spec", "O", "I"), ("out_spec", "N", "C"))
    spatial_names = []
    for spec, (what, first, second) in zip(dn, roles):
        if not isinstance(spec, str):
            raise ValueError(f"{what} must be a string, got {spec!r}")
        if len(spec) != n + 2:
            raise ValueError(
                f"{what} {spec!r} has length {len(spec)}, expected {n + 2} "
                f"for {n} spatial dimensions")
        for ch in (first, second):
            if spec.count(ch) != 1:
                raise ValueError(f"{what} {spec!r} must contain {ch!r} exactly once")
        if len(set(spec)) != len(spec):
            raise ValueError(f"{what} {spec!r} has a repeated character")
        spatial_names.append([ch for ch in spec if ch not in (first, second)])
    lhs_names, rhs_names, out_names = spatial_names
    if not set(lhs_names) == set(rhs_names) == set(out_names):
        raise ValueError(
            f"the spatial names of lhs_spec, rhs_spec and out_spec differ: {tuple(dn)!r}")

    def spec(text, first, second):
        # Canonical spatial order is the order of the spatial names in rhs_spec.
        return Spec(text, text.index(first), text.index(second),
                    tuple(text.index(name) for name in rhs_names))

    lhs_spec, rhs_spec, out_spec = dn
    return Layout(spec(lhs_spec, "N", "C"), spec(rhs_spec, "O", "I"), spec(out_spec, "N", "C"))


def _check_ints(name, values, n, minimum=None):
    """Returns `values` as a tuple of n ints, each >= minimum if one is given."""
    values = tuple(values)
    if len(values) != n:
        raise ValueError(f"{name} has {len(values)} entries, expected {n}")
    for v in values:
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool):
            raise ValueError(f"{name} must hold integers, got {values!r}")
        if minimum is not None and v < minimum:
            raise ValueError(f"{name} entries must be >= {minimum}, got {values!r}")
    return tuple(int(v) for v in values)


def dilated_size(d, l):
    """Size of an input dimension of size d after lhs dilation l."""
    return 0 if d == 0 else (d - 1) * l + 1


def window_size(k, r):
    """Size of a filter dimension of size k after rhs dilation r."""
    return (k - 1) * r + 1


def resolve_padding(padding, in_sizes, filter_shape, strides, rhs_dilation, lhs_dilation):
    """Returns explicit ((lo, hi), ...) padding, in canonical spatial order.

    `in_sizes` are the undilated input spatial sizes in canonical order; the
    dilations may be None (all ones).
    """
    n = len(in_sizes)
    filter_shape = _check_ints("filter_shape", filter_shape, n, 1)
    strides = _check_ints("window_strides", strides, n, 1)
    rhs_dilation = _check_ints("rhs_dilation", (1,) * n if rhs_dilation is None else rhs_dilation,
                               n, 1)
    lhs_dilation = _check_ints("lhs_dilation", (1,) * n if lhs_dilation is None else lhs_dilation,
                               n, 1)
    if isinstance(padding, str):
        # JAX upper-cases the string before looking it up.
        kind = padding.upper()
        if kind not in PADDING_STRINGS:
            raise ValueError(f"unknown padding {padding!r}; expected one of {PADDING_STRINGS}")
        if any(l != 1 for l in lhs_dilation):
            raise ValueError("String padding is not implemented for transposed convolution "
                             f"(padding {padding!r} with lhs_dilation {lhs_dilation})")
        if kind == "VALID":
            return ((0, 0),) * n
        pads = []
        for d, k, s, r in zip(in_sizes, filter_shape, strides, rhs_dilation):
            # Resolved on the undilated size d (lhs dilation is 1 here anyway).
            out = -(-d // s)
            total = max((out - 1) * s + window_size(k, r) - d, 0)
            lo, hi = total // 2, total - total // 2
            pads.append((hi, lo) if kind == "SAME_LOWER" else (lo, hi))
        return tuple(pads)
    pads = tuple(padding)
    if len(pads) != n:
        raise ValueError(f"padding has {len(pads)} pairs, expected {n}")
    result = []
    for j, pair in enumerate(pads):
        lo, hi = _check_ints(f"padding[{j}]", pair, 2)
        if dilated_size(in_sizes[j], lhs_dilation[j]) + lo + hi < 0:
            raise ValueError(
                f"padding {(lo, hi)} of spatial dimension {j} crops more than the "
                f"(dilated) input size {dilated_size(in_sizes[j], lhs_dilation[j])}")
        result.append((lo, hi))
    return tuple(result)


@dataclass(frozen=True)
class Geometry:
    """Everything needed to compute the op, in canonical order."""
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
        """K = prod(filter_shape): the number of window positions."""
        return math.prod(self.filter_shape)

    @property
    def canonical_out_shape(self):
        return (self.batch, self.channels * self.window_count) + self.out_sizes

    @property
    def out_shape(self):
        """The result shape, laid out per out_spec."""
        shape = [0] * (self.layout.num_spatial + 2)
        for axis, size in zip(self.layout.out.canonical_perm, self.canonical_out_shape):
            shape[axis] = size
        return tuple(shape)


def geometry(input_shape, filter_shape, window_strides, padding, lhs_dilation=None,
             rhs_dilation=None, dimension_numbers=None, precision=None):
    """Validates all arguments and computes the geometry; raises ValueError."""
    filter_shape = tuple(filter_shape)
    n = len(filter_shape)
    layout = parse_dimension_numbers(dimension_numbers, n)
    input_shape = tuple(int(d) for d in input_shape)
    if len(input_shape) != n + 2:
        raise ValueError(f"input has rank {len(input_shape)}, expected {n + 2}")
    if any(d < 0 for d in input_shape):
        raise ValueError(f"invalid input shape {input_shape}")
    if precision is not None and precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}; expected one of {PRECISIONS}")
    filter_shape = _check_ints("filter_shape", filter_shape, n, 1)
    strides = _check_ints("window_strides", window_strides, n, 1)
    lhs_dilation = _check_ints("lhs_dilation", (1,) * n if lhs_dilation is None else lhs_dilation,
                               n, 1)
    rhs_dilation = _check_ints("rhs_dilation", (1,) * n if rhs_dilation is None else rhs_dilation,
                               n, 1)
    batch, channels, *in_sizes = (input_shape[a] for a in layout.lhs.canonical_perm)
    in_sizes = tuple(in_sizes)
    pads = resolve_padding(padding, in_sizes, filter_shape, strides, rhs_dilation, lhs_dilation)
    out_sizes = []
    for d, k, s, (lo, hi), l, r in zip(in_sizes, filter_shape, strides, pads, lhs_dilation,
                                      rhs_dilation):
        span = dilated_size(d, l) + lo + hi - window_size(k, r)
        out_sizes.append(max(0, span // s + 1))  # floor division, as in the spec
    return Geometry(layout, batch, channels, in_sizes, filter_shape, strides, pads,
                    lhs_dilation, rhs_dilation, tuple(out_sizes))


def output_shape(input_shape, filter_shape, window_strides, padding, lhs_dilation=None,
                 rhs_dilation=None, dimension_numbers=None, precision=None):
    """The result shape (laid out per out_spec); raises ValueError if invalid."""
    return geometry(input_shape, filter_shape, window_strides, padding, lhs_dilation,
                    rhs_dilation, dimension_numbers, precision).out_shape


def _bits(a):
    """An unsigned-integer view of a float array, so copies are bit-exact."""
    if a.dtype.kind in "fc":
        return a.view(np.dtype(f"u{a.dtype.itemsize}"))
    return a


def extract_patches(x, filter_shape, window_strides, padding, lhs_dilation=None,
                    rhs_dilation=None, dimension_numbers=None, precision=None):
    """The reference: out[n, c*K + k, o...] = x_dilated_padded[n, c, o*s + w*r ...]."""
    x = np.asarray(x)
    g = geometry(x.shape, filter_shape, window_strides, padding, lhs_dilation, rhs_dilation,
                 dimension_numbers, precision)
    layout = g.layout
    src = _bits(x)
    result = np.zeros(g.out_shape, dtype=x.dtype)
    dst = _bits(result)
    for b, f, *o in np.ndindex(*g.canonical_out_shape):
        c, k = divmod(f, g.window_count)
        w = np.unravel_index(k, g.filter_shape)  # row-major over filter_shape
        in_index = [0] * x.ndim
        in_index[layout.lhs.batch] = b
        in_index[layout.lhs.feature] = c
        inside = True
        for j in range(layout.num_spatial):
            # Position in the dilated input; padding shifts it by lo.
            pos = o[j] * g.strides[j] + int(w[j]) * g.rhs_dilation[j] - g.pads[j][0]
            if pos < 0 or pos >= dilated_size(g.in_sizes[j], g.lhs_dilation[j]):
                inside = False  # in padding
            elif pos % g.lhs_dilation[j] != 0:
                inside = False  # in a hole inserted by lhs dilation
            else:
                in_index[layout.lhs.spatial[j]] = pos // g.lhs_dilation[j]
        if not inside:
            continue  # result is zero-initialized
        out_index = [0] * x.ndim
        out_index[layout.out.batch] = b
        out_index[layout.out.feature] = f
        for j in range(layout.num_spatial):
            out_index[layout.out.spatial[j]] = o[j]
        dst[tuple(out_index)] = src[tuple(in_index)]
    return result


def extract_patches_via_conv(x, filter_shape, window_strides, padding, lhs_dilation=None,
                             rhs_dilation=None, dimension_numbers=None, precision=None):
    """JAX's formulation: a feature-grouped convolution with a one-hot filter."""
    x = np.asarray(x)
    g = geometry(x.shape, filter_shape, window_strides, padding, lhs_dilation, rhs_dilation,
                 dimension_numbers, precision)
    n = g.layout.num_spatial
    K = g.window_count
    features = g.channels * K

    # One-hot filter in canonical OI... layout: (C*K, 1, *filter_shape);
    # feature f = c*K + k reads window position k of its group's only channel.
    rhs = np.zeros((features, 1) + g.filter_shape, dtype=x.dtype)
    for f in range(features):
        rhs[(f, 0) + np.unravel_index(f % K, g.filter_shape)] = 1

    # Input in canonical (N, C, spatial...) order, dilated with zeros.
    lhs = np.transpose(x, g.layout.lhs.canonical_perm)
    dilated = np.zeros((g.batch, g.channels) +
                       tuple(dilated_size(d, l) for d, l in zip(g.in_sizes, g.lhs_dilation)),
                       dtype=x.dtype)
    dilated[(slice(None), slice(None)) + tuple(slice(None, None, l) for l in g.lhs_dilation)] = lhs

    # Pad (positive) then crop (negative) each spatial dimension.
    padded = np.pad(dilated, [(0, 0), (0, 0)] + [(max(lo, 0), max(hi, 0)) for lo, hi in g.pads])
    padded = padded[(slice(None), slice(None)) +
                    tuple(slice(max(-lo, 0), padded.shape[2 + j] - max(-hi, 0))
                          for j, (lo, hi) in enumerate(g.pads))]

    # Grouped convolution: feature f belongs to group f // K, which reads input
    # channel f // K. Sum the products over the window positions.
    out = np.zeros(g.canonical_out_shape, dtype=x.dtype)
    group_channel = np.arange(features) // K
    for w in np.ndindex(*g.filter_shape):
        window = (slice(None), group_channel) + tuple(
            slice(w[j] * g.rhs_dilation[j],
                  w[j] * g.rhs_dilation[j] + (g.out_sizes[j] - 1) * g.strides[j] + 1,
                  g.strides[j]) if g.out_sizes[j] > 0 else slice(0, 0)
            for j in range(n))
        weights = rhs[(slice(None), 0) + w].reshape((1, features) + (1,) * n)
        out = out + padded[window] * weights
    # Back to the out_spec layout: canonical axis i goes to position perm[i].
    return np.transpose(out, np.argsort(g.layout.out.canonical_perm))
