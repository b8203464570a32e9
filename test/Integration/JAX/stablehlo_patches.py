#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""JAX's conv_general_dilated_patches as StableHLO's conversion writes it in
linalg, raised by --patches-raise-one-hot-conv and executed.

For every case of JAX's own tests of the op (tests/lax_test.py:
testConvGeneralDilatedPatchesOverlapping1D, ...Overlapping2D and the
...NonOverlapping grid of layouts), and for further cases of the forms the
pass raises (lhs dilation, negative padding, rhs dilation, 1-D/2-D/3-D in
NCHW and NHWC, a widening preferred_element_type), this script writes the
program that `jax.export` and `stablehlo-legalize-to-linalg` make of it:

  * the filter as jax/_src/lax/other.py builds it (eye of the input's dtype,
    broadcast over the channels, reshaped to (C*K, 1, *filter_shape), the
    axes moved to rhs_spec), each op as StableHLO's conversion writes it:
    linalg.generic over linalg.index for the iotas, a compare, a convert,
    a broadcast, tensor.collapse_shape/expand_shape, linalg.transpose;
  * the convolution as StableHLO's conversion writes it: canonical
    dimension numbers (NHWC, HWIO, NHWC) with C feature groups make a
    depthwise named op (linalg.depthwise_conv_Nd_..._hwcm, or _hwc for a
    1x..x1 window) and C = 1 an ordinary named convolution; any other
    layout the general form, a linalg.generic over the operands' own
    layouts with the input's feature dimension split into (C, 1) and the
    filter's output features into (C, K) (no split for C = 1);
  * padding as tensor.pad, negative padding as tensor.extract_slice of it,
    lhs dilation as a strided tensor.insert_slice into zeros, rhs dilation
    (general form) as the filter inserted into zeros with strides;
  * preferred_element_type as a convolution of narrow operands into a wide
    result (a payload that converts the operands).

Each program is compiled with the project's CPU pipeline
(--patches-lower-to-llvm) as written and after --patches-raise-one-hot-conv
and run with mlir-runner on integer-valued inputs. The script checks that the
pass raised every convolution (one patches.extract, no reduction left), that
both runs print the same bits and that these are the bits of the
independent reference (utils/reference/patches_reference.py).

    stablehlo_patches.py --patches-opt PATH --mlir-runner PATH \\
        --shared-libs LIB1,LIB2 [--keep DIR]

`--emit` only prints the module.
"""

import argparse
import math
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(_ROOT / "utils" / "reference"))
import patches_reference as ref  # noqa: E402


@dataclass
class Case:
    name: str
    lhs_shape: tuple
    filter_shape: tuple
    strides: tuple
    padding: object  # 'SAME', 'VALID' or ((lo, hi), ...)
    dimension_numbers: object = None
    lhs_dilation: tuple = None
    rhs_dilation: tuple = None
    dtype: str = "f32"        # the input's element type
    out_dtype: str = None     # preferred_element_type (None: the input's)
    precision: str = None     # carried as a discardable precision_config
    id: int = 0
    fn: str = ""
    form: str = ""

    @property
    def result_dtype(self):
        return self.out_dtype or self.dtype


NUMPY = {"f32": np.float32, "f16": np.float16, "i32": np.int32, "i8": np.int8,
         "i16": np.int16, "f64": np.float64, "i64": np.int64}
BITS = {"f32": "i32", "f16": "i16", "f64": "i64", "i32": "i32", "i8": "i8",
        "i16": "i16", "i64": "i64"}


def is_float(t):
    return t.startswith("f")


def zero_literal(t):
    return "0.0" if is_float(t) else "0"


def tensor(shape, t):
    return "tensor<" + "".join(f"{d}x" for d in shape) + t + ">"


def jax_cases():
    """JAX's tests of conv_general_dilated_patches (tests/lax_test.py)."""
    cases = []
    # testConvGeneralDilatedPatchesOverlapping1D
    cases.append(Case("Overlapping1D (1,1) filter ()", (1, 1), (), (), "SAME"))
    dn = ("NHC", "OIH", "NHC")
    cases.append(Case("Overlapping1D VALID stride 2", (1, 5, 1), (2,), (2,), "VALID", dn))
    cases.append(Case("Overlapping1D SAME", (1, 5, 1), (3,), (1,), "SAME", dn))
    cases.append(Case("Overlapping1D SAME rhs_dilation 2", (1, 5, 1), (3,), (1,), "SAME", dn,
                      rhs_dilation=(2,)))
    # testConvGeneralDilatedPatchesOverlapping2D
    cases.append(Case("Overlapping2D", (1, 2, 3, 1), (2, 2), (1, 1), "SAME",
                      ("NHWC", "OIHW", "NHWC")))
    # testConvGeneralDilatedPatchesNonOverlapping: the grid of layouts.
    grid = [
        ((2, 5), (), (), [], ("NC", "OI", "CN")),
        ((2, 3, 4), (2,), (2,), [(0, 2)], ("CNH", "OHI", "HNC")),
        ((3, 1, 4, 5), (1, 3), (1, 3), [(3, 1), (2, 2)], ("NCHW", "OIHW", "NCHW")),
        ((3, 2, 5, 6), (4, 3), (4, 3), [(5, 2), (2, 4)], None),
        ((1, 2, 3, 4), (1, 1), (1, 1), [(0, 0), (0, 0)], ("NCWH", "OHWI", "CNHW")),
        ((1, 2, 3, 4), (3, 2), (1, 1), [(0, 0), (0, 0)], ("CWHN", "HOWI", "NCHW")),
        ((2, 3, 4, 5, 6), (2, 1, 3), (2, 1, 3), [(1, 2), (5, 3), (3, 5)],
         ("NHWDC", "HDIWO", "DCWNH")),
    ]
    for lhs_shape, fs, st, pad, dn in grid:
        cases.append(Case(f"NonOverlapping {lhs_shape} {dn}", lhs_shape, fs, st, pad, dn))
    return cases


def channels_last(n):
    sp = "DHW"[3 - n:] if n <= 3 else None
    return ("N" + sp + "C", sp + "IO", "N" + sp + "C")


def more_cases():
    """The forms the pass raises beyond JAX's tests."""
    cases = []
    # The JAX cases in JAX's types: integers and a widening
    # preferred_element_type.
    for c in jax_cases():
        for dtype, out in (("i32", None), ("f16", "f32"), ("i8", "i32")):
            cases.append(Case(c.name + f" {dtype}" + (f"->{out}" if out else ""),
                              c.lhs_shape, c.filter_shape, c.strides, c.padding,
                              c.dimension_numbers, c.lhs_dilation, c.rhs_dilation,
                              dtype, out))
    # JAX's cases in canonical layouts (named ops), where they have spatial
    # dimensions.
    for c in jax_cases():
        n = len(c.filter_shape)
        if n == 0:
            continue
        ref_layout = ref.parse_dimension_numbers(c.dimension_numbers, n)
        lhs = [c.lhs_shape[ref_layout.lhs.batch]]
        lhs += [c.lhs_shape[d] for d in ref_layout.lhs.spatial]
        lhs += [c.lhs_shape[ref_layout.lhs.feature]]
        cases.append(Case(c.name + " as channels-last", tuple(lhs), c.filter_shape,
                          c.strides, c.padding, channels_last(n), c.lhs_dilation,
                          c.rhs_dilation))
    # lhs dilation and negative padding, 1-D to 3-D, NCHW and NHWC.
    forms = [
        ("1-D lhs dilation 2, padding (1, -1)", (2, 3, 5), (2,), (1,), [(1, -1)], (2,), (1,)),
        ("2-D lhs dilation (2, 1), padding (-1, 2) x (0, -2), stride 2",
         (1, 2, 4, 5), (2, 3), (2, 1), [(-1, 2), (0, -2)], (2, 1), (1, 1)),
        ("2-D rhs dilation 2, padding (-2, 0) x (1, 1)",
         (2, 3, 6, 5), (2, 2), (1, 2), [(-2, 0), (1, 1)], (1, 1), (2, 2)),
        ("3-D lhs dilation (1, 2, 2), padding (0, 0) x (-1, 1) x (1, -1)",
         (1, 2, 3, 3, 4), (2, 2, 1), (1, 1, 2), [(0, 0), (-1, 1), (1, -1)], (1, 2, 2),
         (1, 1, 1)),
        # Extents (3, 5) are also a (3, 2) window dilated by (1, 4): the
        # filter decides.
        ("2-D rhs dilation 2, window (2, 3), padding (0, 0) x (1, 0)",
         (1, 2, 6, 7), (2, 3), (1, 1), [(0, 0), (1, 0)], (1, 1), (2, 2)),
    ]
    for name, shape, fs, st, pad, ld, rd in forms:
        n = len(fs)
        sp = "DHW"[3 - n:]
        nchw = ("NC" + sp, "OI" + sp, "NC" + sp)
        cases.append(Case(name + " NCHW", shape, fs, st, pad, nchw, ld, rd))
        nhwc = (shape[0],) + shape[2:] + (shape[1],)
        cases.append(Case(name + " NHWC", nhwc, fs, st, pad, channels_last(n), ld, rd))
        cases.append(Case(name + " NHWC i8->i32", nhwc, fs, st, pad, channels_last(n), ld,
                          rd, "i8", "i32"))
    # The precision JAX passes, where the producer keeps it on the op.
    cases.append(Case("NCHW precision HIGHEST", (1, 2, 3, 4), (2, 2), (1, 1), "VALID",
                      None, precision="HIGHEST"))
    cases.append(Case("NHWC precision HIGH", (1, 3, 4, 2), (2, 2), (1, 1), "SAME",
                      channels_last(2), precision="HIGH"))
    return cases


class Writer:
    """Builds one function's body, naming values %v0, %v1, ..."""

    def __init__(self):
        self.lines = []
        self.count = 0

    def fresh(self):
        self.count += 1
        return f"%v{self.count}"

    def emit(self, text):
        self.lines.append("    " + text)

    def empty(self, shape, t):
        v = self.fresh()
        self.emit(f"{v} = tensor.empty() : {tensor(shape, t)}")
        return v

    def constant(self, literal, t):
        v = self.fresh()
        self.emit(f"{v} = arith.constant {literal} : {t}")
        return v

    def zeros(self, shape, t):
        zero = self.constant(zero_literal(t), t)
        e = self.empty(shape, t)
        v = self.fresh()
        ty = tensor(shape, t)
        self.emit(f"{v} = linalg.fill ins({zero} : {t}) outs({e} : {ty}) -> {ty}")
        return v

    def reshape(self, value, from_shape, to_shape, t):
        """stablehlo.reshape: collapse to one dimension, then expand."""
        if tuple(from_shape) == tuple(to_shape):
            return value
        flat = math.prod(from_shape)
        v = value
        if len(from_shape) != 1:
            v = self.fresh()
            group = ", ".join(str(i) for i in range(len(from_shape)))
            self.emit(f"{v} = tensor.collapse_shape {value} [[{group}]] : "
                      f"{tensor(from_shape, t)} into {tensor((flat,), t)}")
        if len(to_shape) == 1:
            return v
        w = self.fresh()
        group = ", ".join(str(i) for i in range(len(to_shape)))
        self.emit(f"{w} = tensor.expand_shape {v} [[{group}]] output_shape "
                  f"[{', '.join(map(str, to_shape))}] : {tensor((flat,), t)} into "
                  f"{tensor(to_shape, t)}")
        return w

    def split(self, value, shape, dim, factor, t):
        """stablehlo.reshape splitting `dim` into (factor, size / factor)."""
        new = list(shape[:dim]) + [factor, shape[dim] // factor] + list(shape[dim + 1:])
        groups, i = [], 0
        for d in range(len(shape)):
            if d == dim:
                groups.append([i, i + 1])
                i += 2
            else:
                groups.append([i])
                i += 1
        v = self.fresh()
        self.emit(f"{v} = tensor.expand_shape {value} {groups} output_shape "
                  f"[{', '.join(map(str, new))}] : {tensor(shape, t)} into {tensor(new, t)}")
        return v, new

    def merge(self, value, shape, dim, t):
        """stablehlo.reshape merging `dim` and `dim + 1`."""
        new = list(shape[:dim]) + [shape[dim] * shape[dim + 1]] + list(shape[dim + 2:])
        groups, i = [], 0
        while i < len(shape):
            if i == dim:
                groups.append([i, i + 1])
                i += 2
            else:
                groups.append([i])
                i += 1
        v = self.fresh()
        self.emit(f"{v} = tensor.collapse_shape {value} {groups} : "
                  f"{tensor(shape, t)} into {tensor(new, t)}")
        return v, new


def affine(exprs, num_dims):
    dims = ", ".join(f"d{i}" for i in range(num_dims))
    return f"affine_map<({dims}) -> ({', '.join(exprs)})>"


def cast_op(src, dst):
    """The conversion StableHLO writes for stablehlo.convert (and linalg's
    cast_signed) from `src` to `dst`."""
    if src == dst:
        return None
    if src == "i1":
        return "arith.uitofp" if is_float(dst) else "arith.extui"
    if is_float(src) and is_float(dst):
        return "arith.extf" if int(dst[1:]) > int(src[1:]) else "arith.truncf"
    if not is_float(src) and not is_float(dst):
        return "arith.extsi" if int(dst[1:]) > int(src[1:]) else "arith.trunci"
    return "arith.sitofp" if is_float(dst) else "arith.fptosi"


def build_filter(w, case, layout, C, t):
    """jax/_src/lax/other.py's one-hot filter, in rhs_spec's layout."""
    fs = tuple(case.filter_shape)
    K = math.prod(fs)
    n = len(fs)
    # lax._eye: two iotas, a compare, a convert.
    iotas = []
    for d in range(2):
        e = w.empty((K, K), "i32")
        v = w.fresh()
        m = affine(["d0", "d1"], 2)
        w.emit(f"{v} = linalg.generic {{indexing_maps = [{m}], iterator_types = "
               f"[\"parallel\", \"parallel\"]}} outs({e} : {tensor((K, K), 'i32')}) {{")
        w.emit(f"^bb0(%out: i32):")
        w.emit(f"  %i = linalg.index {d} : index")
        w.emit(f"  %c = arith.index_cast %i : index to i32")
        w.emit(f"  linalg.yield %c : i32")
        w.emit(f"}} -> {tensor((K, K), 'i32')}")
        iotas.append(v)
    m = affine(["d0", "d1"], 2)
    e = w.empty((K, K), "i1")
    eq = w.fresh()
    w.emit(f"{eq} = linalg.generic {{indexing_maps = [{m}, {m}, {m}], iterator_types = "
           f"[\"parallel\", \"parallel\"]}} ins({iotas[0]}, {iotas[1]} : "
           f"{tensor((K, K), 'i32')}, {tensor((K, K), 'i32')}) outs({e} : {tensor((K, K), 'i1')}) {{")
    w.emit("^bb0(%a: i32, %b: i32, %out: i1):")
    w.emit("  %c = arith.cmpi eq, %a, %b : i32")
    w.emit("  linalg.yield %c : i1")
    w.emit(f"}} -> {tensor((K, K), 'i1')}")
    e = w.empty((K, K), t)
    eye = w.fresh()
    w.emit(f"{eye} = linalg.generic {{indexing_maps = [{m}, {m}], iterator_types = "
           f"[\"parallel\", \"parallel\"]}} ins({eq} : {tensor((K, K), 'i1')}) "
           f"outs({e} : {tensor((K, K), t)}) {{")
    w.emit(f"^bb0(%a: i1, %out: {t}):")
    w.emit(f"  %c = {cast_op('i1', t)} %a : i1 to {t}")
    w.emit(f"  linalg.yield %c : {t}")
    w.emit(f"}} -> {tensor((K, K), t)}")
    # broadcast_in_dim to (C, K, K), dims (1, 2).
    e = w.empty((C, K, K), t)
    b = w.fresh()
    w.emit(f"{b} = linalg.generic {{indexing_maps = [{affine(['d1', 'd2'], 3)}, "
           f"{affine(['d0', 'd1', 'd2'], 3)}], iterator_types = "
           f"[\"parallel\", \"parallel\", \"parallel\"]}} ins({eye} : {tensor((K, K), t)}) "
           f"outs({e} : {tensor((C, K, K), t)}) {{")
    w.emit(f"^bb0(%a: {t}, %out: {t}):")
    w.emit(f"  linalg.yield %a : {t}")
    w.emit(f"}} -> {tensor((C, K, K), t)}")
    # reshape to (C * K, 1, *filter_shape).
    shape = (C * K, 1) + fs
    r = w.reshape(b, (C, K, K), shape, t)
    # moveaxis((0, 1), (rhs O, rhs I)).
    dest = (layout.rhs.out, layout.rhs.inp)
    order = [i for i in range(n + 2) if i not in (0, 1)]
    for d, s in sorted(zip(dest, (0, 1))):
        order.insert(d, s)
    if order == list(range(n + 2)):
        return r, list(shape)
    out_shape = [shape[i] for i in order]
    e = w.empty(out_shape, t)
    v = w.fresh()
    w.emit(f"{v} = linalg.transpose ins({r} : {tensor(shape, t)}) outs({e} : "
           f"{tensor(out_shape, t)}) permutation = [{', '.join(map(str, order))}]")
    return v, out_shape


def pad_input(w, value, shape, dims, pads, interior, t):
    """StableHLO's applyConvolutionPadding and its pad conversions: a
    tensor.pad (or, with interior padding, an insertion into zeros), then
    tensor.extract_slice for negative edges."""
    rank = len(shape)
    lo, hi, it = [0] * rank, [0] * rank, [0] * rank
    for j, d in enumerate(dims):
        lo[d], hi[d] = pads[j]
        it[d] = interior[j]
    if not any(lo) and not any(hi) and not any(it):
        return value, list(shape)
    plo = [max(x, 0) for x in lo]
    phi = [max(x, 0) for x in hi]
    padded = [plo[d] + phi[d] + ((shape[d] - 1) * (it[d] + 1) + 1 if shape[d] else 0)
              for d in range(rank)]
    if any(it):
        dest = w.zeros(padded, t)
        v = w.fresh()
        w.emit(f"{v} = tensor.insert_slice {value} into {dest}"
               f"[{', '.join(map(str, plo))}] [{', '.join(map(str, shape))}] "
               f"[{', '.join(str(x + 1) for x in it)}] : {tensor(shape, t)} into "
               f"{tensor(padded, t)}")
    elif any(plo) or any(phi):
        zero = w.constant(zero_literal(t), t)
        v = w.fresh()
        idx = ", ".join(f"%i{d}: index" for d in range(rank))
        w.emit(f"{v} = tensor.pad {value} low[{', '.join(map(str, plo))}] "
               f"high[{', '.join(map(str, phi))}] {{")
        w.emit(f"^bb0({idx}):")
        w.emit(f"  tensor.yield {zero} : {t}")
        w.emit(f"}} : {tensor(shape, t)} to {tensor(padded, t)}")
    else:
        v = value
    if any(x < 0 for x in lo + hi):
        final = [padded[d] + min(lo[d], 0) + min(hi[d], 0) for d in range(rank)]
        offsets = [-min(lo[d], 0) for d in range(rank)]
        s = w.fresh()
        w.emit(f"{s} = tensor.extract_slice {v}[{', '.join(map(str, offsets))}] "
               f"[{', '.join(map(str, final))}] [{', '.join('1' for _ in range(rank))}] : "
               f"{tensor(padded, t)} to {tensor(final, t)}")
        return s, final
    return v, padded


def is_canonical(layout, n):
    return (layout.lhs.batch == 0 and layout.lhs.feature == n + 1
            and tuple(layout.lhs.spatial) == tuple(range(1, n + 1))
            and tuple(layout.rhs.spatial) == tuple(range(n)) and layout.rhs.inp == n
            and layout.rhs.out == n + 1 and layout.out.batch == 0
            and layout.out.feature == n + 1
            and tuple(layout.out.spatial) == tuple(range(1, n + 1)))


def attrs_precision(case):
    if not case.precision:
        return ""
    return (f", precision_config = [#patches.precision<{case.precision}>, "
            f"#patches.precision<DEFAULT>]")


def conv_function(case):
    """The function `case.fn`: input in, patches out, as StableHLO writes it."""
    n = len(case.filter_shape)
    t, ot = case.dtype, case.result_dtype
    g = ref.geometry(case.lhs_shape, case.filter_shape, case.strides, case.padding,
                     case.lhs_dilation, case.rhs_dilation, case.dimension_numbers)
    layout = Layout(ref.parse_dimension_numbers(case.dimension_numbers, n))
    C = case.lhs_shape[layout.lhs.feature]
    K = math.prod(case.filter_shape)
    out_shape = list(g.out_shape)
    strides = list(g.strides)
    rhs_dil = list(g.rhs_dilation)
    lhs_dil = list(g.lhs_dilation)
    w = Writer()
    x = "%x"
    filt, fshape = build_filter(w, case, layout, C, t)
    canonical = is_canonical(layout, n)
    padded, pshape = pad_input(w, x, case.lhs_shape, layout.lhs.spatial, g.pads,
                               [l - 1 for l in lhs_dil], t)
    result = None
    prec = attrs_precision(case)
    if canonical and n >= 1:
        sp = ["w", "hw", "dhw"][n - 1]
        name = {1: "1d_nwc", 2: "2d_nhwc", 3: "3d_ndhwc"}[n]
        attrs = (f"{{dilations = dense<[{', '.join(map(str, rhs_dil))}]> : tensor<{n}xi64>, "
                 f"strides = dense<[{', '.join(map(str, strides))}]> : tensor<{n}xi64>{prec}}}")
        osp = out_shape[1:n + 1]
        if C == 1:
            op = f"linalg.conv_{name}_{sp}cf"
            conv_filter, cf_shape = filt, fshape
            conv_out = out_shape
            case.form = "named conv (C = 1)"
        elif K == 1:
            op = f"linalg.depthwise_conv_{name}_{sp}c"
            conv_filter, cf_shape = w.merge(filt, fshape, n, t)
            conv_out = out_shape
            case.form = "named depthwise (no multiplier)"
        else:
            op = f"linalg.depthwise_conv_{name}_{sp}cm"
            conv_filter = w.reshape(filt, fshape, fshape[:n] + [C, K], t)
            cf_shape = fshape[:n] + [C, K]
            conv_out = [out_shape[0]] + osp + [C, K]
            case.form = "named depthwise"
        init = w.zeros(conv_out, ot)
        v = w.fresh()
        w.emit(f"{v} = {op} {attrs} ins({padded}, {conv_filter} : {tensor(pshape, t)}, "
               f"{tensor(cf_shape, t)}) outs({init} : {tensor(conv_out, ot)}) -> "
               f"{tensor(conv_out, ot)}")
        result = v
        if conv_out != out_shape:
            result, _ = w.merge(v, conv_out, n + 1, ot)
    else:
        case.form = "grouped generic" if C != 1 else "generic (C = 1)"
        # rhs dilation: the filter padded inside.
        fpadded, fpshape = pad_input(w, filt, fshape, layout.rhs.spatial,
                                     [(0, 0)] * n, [r - 1 for r in rhs_dil], t)
        grouped = C != 1
        lhs_v, lhs_s, rhs_v, rhs_s = padded, pshape, fpadded, fpshape
        if grouped:
            lhs_v, lhs_s = w.split(padded, pshape, layout.lhs.feature, C, t)
            rhs_v, rhs_s = w.split(fpadded, fpshape, layout.rhs.out, C, t)
        # Loops: [group], input feature, output feature, (output, window)
        # per spatial dimension, batch.
        nd = 0
        gdim = None
        if grouped:
            gdim, nd = f"d{nd}", nd + 1
        ifd, nd = f"d{nd}", nd + 1
        ofd, nd = f"d{nd}", nd + 1
        spd = []
        for j in range(n):
            spd.append((f"d{nd}", f"d{nd + 1}"))
            nd += 2
        bd, nd = f"d{nd}", nd + 1
        iters = (["parallel"] if grouped else []) + ["reduction", "parallel"]
        iters += ["parallel", "reduction"] * n + ["parallel"]

        def exprs(spec_kind, rank):
            ex = []
            for d in range(rank):
                if spec_kind == "lhs":
                    if d == layout.lhs.batch:
                        ex.append([bd])
                    elif d == layout.lhs.feature:
                        ex.append(([gdim] if grouped else []) + [ifd])
                    else:
                        j = layout.lhs.spatial.index(d)
                        o, k = spd[j]
                        ex.append([f"{o} * {strides[j]} + {k}" if strides[j] != 1
                                   else f"{o} + {k}"])
                elif spec_kind == "rhs":
                    if d == layout.rhs.out:
                        ex.append(([gdim] if grouped else []) + [ofd])
                    elif d == layout.rhs.inp:
                        ex.append([ifd])
                    else:
                        ex.append([spd[layout.rhs.spatial.index(d)][1]])
                else:
                    if d == layout.out.batch:
                        ex.append([bd])
                    elif d == layout.out.feature:
                        ex.append(([gdim] if grouped else []) + [ofd])
                    else:
                        ex.append([spd[layout.out.spatial.index(d)][0]])
            return [e for group in ex for e in group]

        conv_out = list(out_shape)
        if grouped:
            f = layout.out.feature
            conv_out = out_shape[:f] + [C, out_shape[f] // C] + out_shape[f + 1:]
        maps = [affine(exprs("lhs", n + 2), nd), affine(exprs("rhs", n + 2), nd),
                affine(exprs("out", n + 2), nd)]
        init = w.zeros(conv_out, ot)
        v = w.fresh()
        it = ", ".join(f'"{i}"' for i in iters)
        w.emit(f"{v} = linalg.generic {{indexing_maps = [{', '.join(maps)}], "
               f"iterator_types = [{it}]{prec}}} ins({lhs_v}, {rhs_v} : {tensor(lhs_s, t)}, "
               f"{tensor(rhs_s, t)}) outs({init} : {tensor(conv_out, ot)}) {{")
        w.emit(f"^bb0(%in: {t}, %f: {t}, %acc: {ot}):")
        a, b = "%in", "%f"
        cast = cast_op(t, ot)
        if cast:
            w.emit(f"  %ca = {cast} %in : {t} to {ot}")
            w.emit(f"  %cb = {cast} %f : {t} to {ot}")
            a, b = "%ca", "%cb"
        mul, add = ("arith.mulf", "arith.addf") if is_float(ot) else ("arith.muli", "arith.addi")
        w.emit(f"  %m = {mul} {a}, {b} : {ot}")
        w.emit(f"  %s = {add} %acc, %m : {ot}")
        w.emit(f"  linalg.yield %s : {ot}")
        w.emit(f"}} -> {tensor(conv_out, ot)}")
        result = v
        if grouped:
            result, _ = w.merge(v, conv_out, layout.out.feature, ot)
    text = [f"  func.func @{case.fn}(%x: {tensor(case.lhs_shape, t)}) -> "
            f"{tensor(out_shape, ot)} {{"]
    text += w.lines
    text.append(f"    return {result} : {tensor(out_shape, ot)}")
    text.append("  }")
    return "\n".join(text), out_shape


class Layout:
    """The reference's Layout with the rhs's O and I named."""

    def __init__(self, layout):
        self.lhs = _Spec(layout.lhs.batch, layout.lhs.feature, layout.lhs.spatial)
        self.rhs = _Spec(layout.rhs.batch, layout.rhs.feature, layout.rhs.spatial)
        self.rhs.out, self.rhs.inp = layout.rhs.batch, layout.rhs.feature
        self.out = _Spec(layout.out.batch, layout.out.feature, layout.out.spatial)


@dataclass
class _Spec:
    batch: int
    feature: int
    spatial: tuple
    out: int = 0
    inp: int = 0


def input_values(case, rng):
    return rng.integers(-8, 9, size=case.lhs_shape).astype(NUMPY[case.dtype])


def dense(array):
    def nest(a):
        if a.ndim == 0:
            return str(int(a)) if a.dtype.kind in "iu" else f"{float(a):.1f}"
        return "[" + ", ".join(nest(s) for s in a) + "]"
    return f"dense<{nest(array)}>"


def case_driver(case, out_shape, x):
    t, ot = case.dtype, case.result_dtype
    in_ty, out_ty = tensor(case.lhs_shape, t), tensor(out_shape, ot)
    bits = BITS[ot]
    printed = "i64" if bits == "i64" else "i32"
    lines = [f"  func.func @run_{case.fn}() {{",
             f"    %x = arith.constant {dense(x)} : {in_ty}",
             f"    %y = call @{case.fn}(%x) : ({in_ty}) -> {out_ty}"]
    v, vt = "%y", ot
    if is_float(ot):
        lines.append(f"    %b = arith.bitcast %y : {out_ty} to {tensor(out_shape, bits)}")
        v, vt = "%b", bits
    if vt != printed:
        lines.append(f"    %w = arith.extsi {v} : {tensor(out_shape, vt)} to "
                     f"{tensor(out_shape, printed)}")
        v = "%w"
    lines.append(f"    %u = tensor.cast {v} : {tensor(out_shape, printed)} to "
                 f"tensor<*x{printed}>")
    fn = "printMemrefI64" if printed == "i64" else "printMemrefI32"
    lines.append(f"    call @{fn}(%u) : (tensor<*x{printed}>) -> ()")
    lines.append("    return")
    lines.append("  }")
    return "\n".join(lines)


def expected_bits(case, x):
    y = ref.extract_patches(x, case.filter_shape, case.strides, case.padding,
                            case.lhs_dilation, case.rhs_dilation, case.dimension_numbers)
    y = y.astype(NUMPY[case.result_dtype])
    bits = BITS[case.result_dtype]
    if is_float(case.result_dtype):
        y = y.view(NUMPY[bits])
    return y.astype(np.int64).ravel().tolist()


def module(cases, rng):
    parts = ["module {",
             "  func.func private @printMemrefI32(tensor<*xi32>)",
             "  func.func private @printMemrefI64(tensor<*xi64>)"]
    inputs = []
    for i, case in enumerate(cases):
        case.id, case.fn = i, f"case_{i}"
        text, out_shape = conv_function(case)
        x = input_values(case, rng)
        inputs.append(x)
        parts += [text, case_driver(case, out_shape, x)]
    parts.append("  func.func @main() {")
    parts += [f"    call @run_{c.fn}() : () -> ()" for c in cases]
    parts += ["    return", "  }", "}", ""]
    return "\n".join(parts), inputs


def parse_prints(stdout):
    import re
    prints = []
    for chunk in stdout.split("Unranked Memref")[1:]:
        data = chunk.partition("data =")[2]
        prints.append([int(v) for v in re.findall(r"-?\d+", data)])
    return prints


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=900)
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} failed (exit {p.returncode}):\n{p.stderr[:4000]}")
    return p.stdout


def function_bodies(text):
    """{name: body text} of the functions of a printed module."""
    bodies, name, lines = {}, None, []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("func.func @"):
            name = stripped.split("@", 1)[1].split("(", 1)[0]
            lines = []
        elif name is not None:
            if stripped == "}" and line.startswith("  }"):
                bodies[name] = "\n".join(lines)
                name = None
            else:
                lines.append(line)
    return bodies


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--patches-opt", default="patches-opt")
    ap.add_argument("--mlir-runner", default="mlir-runner")
    ap.add_argument("--shared-libs", default="")
    ap.add_argument("--keep", help="a directory for the module and the raised one")
    ap.add_argument("--emit", action="store_true", help="print the module and stop")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()

    cases = jax_cases() + more_cases()
    text, inputs = module(cases, np.random.default_rng(args.seed))
    if args.emit:
        print(text)
        return
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp())
    workdir.mkdir(parents=True, exist_ok=True)
    src = workdir / "stablehlo_patches.mlir"
    src.write_text(text)

    raised = run([args.patches_opt, str(src), "--patches-raise-one-hot-conv=remarks=true"])
    (workdir / "raised.mlir").write_text(raised)
    bodies = function_bodies(raised)
    problems = []
    for case in cases:
        body = bodies.get(case.fn, "")
        if body.count("patches.extract") != 1 or "reduction" in body or "linalg.conv" in \
                body or "linalg.depthwise" in body:
            problems.append(f"{case.fn} ({case.name}): not raised:\n{body}")
        if case.precision and f"precision = {case.precision}" not in body:
            problems.append(f"{case.fn} ({case.name}): precision {case.precision} not kept")

    libs = [f"-shared-libs={args.shared_libs}"] if args.shared_libs else []
    outputs = []
    for extra in ([], ["--patches-raise-one-hot-conv"]):
        llvm = run([args.patches_opt, str(src), *extra, "--patches-lower-to-llvm"])
        out = run([args.mlir_runner, "-e", "main", "-entry-point-result=void", *libs],
                  stdin=llvm)
        outputs.append(parse_prints(out))
    before, after = outputs
    if len(before) != len(cases) or len(after) != len(cases):
        sys.exit(f"expected {len(cases)} prints, got {len(before)} and {len(after)}")
    elements = 0
    for case, x, b, a in zip(cases, inputs, before, after):
        expected = expected_bits(case, x)
        elements += len(expected)
        if b != a:
            problems.append(f"{case.fn} ({case.name}): before and after raising differ")
        if a != expected:
            problems.append(f"{case.fn} ({case.name}): differs from the reference:\n"
                            f"  got      {a[:40]}\n  expected {expected[:40]}")
        print(f"{case.fn}: {case.name} [{case.dtype}"
              f"{'->' + case.out_dtype if case.out_dtype else ''}, {case.form}]: raised, "
              f"identical before and after, equal to the reference")
    for p in problems:
        print("FAIL:", p)
    forms = sorted({c.form for c in cases})
    print(f"forms: {', '.join(forms)}")
    if problems:
        print(f"stablehlo-patches: {len(problems)} problems in {len(cases)} cases")
        sys.exit(1)
    print(f"stablehlo-patches: {len(cases)} cases, {elements} elements, all raised and "
          f"identical")


if __name__ == "__main__":
    main()
