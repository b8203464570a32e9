#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Randomized execution test of `convert-linalg-conv-to-patches`.

Draws random convolutions of every linalg form the rewrite takes (named ops,
optionally generalized to `linalg.generic`), with random sizes, strides,
dilations, zero padding (a `tensor.pad` the rewrite absorbs), outputs that use
fewer windows than fit and constant filters, on integer-valued data. Each module holds
many cases; it is run twice through the same CPU pipeline, as written and
after the rewrite, and the printed results must be identical (the data are
integer-valued, so float sums are exact in any order).

    run_conv_to_patches.py --patches-opt PATH --mlir-runner PATH \\
        --shared-libs LIB1,LIB2 --seed 1 --cases 100 [--generalize]

It also checks that the rewrite took every convolution (no remark under
`remarks=true`, no named convolution left). `--dry-run --keep DIR` only writes the modules.
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

# name: (input layout, filter layout, output layout, has strides/dilations,
#        quantized). Letters: n batch, g group, c input channel (the channel
# of a depthwise conv), f output channel, m channel multiplier; d, h, w
# spatial (input size, filter size, output size in the three layouts).
FORMS = {
    "conv_1d": ("w", "w", "w", False, False),
    "conv_2d": ("hw", "hw", "hw", False, False),
    "conv_3d": ("dhw", "dhw", "dhw", False, False),
    "conv_1d_nwc_wcf": ("nwc", "wcf", "nwf", True, False),
    "conv_1d_ncw_fcw": ("ncw", "fcw", "nfw", True, False),
    "conv_2d_nhwc_hwcf": ("nhwc", "hwcf", "nhwf", True, False),
    "conv_2d_nhwc_fhwc": ("nhwc", "fhwc", "nhwf", True, False),
    "conv_2d_nchw_fchw": ("nchw", "fchw", "nfhw", True, False),
    "conv_2d_ngchw_fgchw": ("ngchw", "fgchw", "ngfhw", True, False),
    "conv_2d_ngchw_gfchw": ("ngchw", "gfchw", "ngfhw", True, False),
    "conv_2d_nhwgc_gfhwc": ("nhwgc", "gfhwc", "nhwgf", True, False),
    "conv_3d_ndhwc_dhwcf": ("ndhwc", "dhwcf", "ndhwf", True, False),
    "conv_3d_ncdhw_fcdhw": ("ncdhw", "fcdhw", "nfdhw", True, False),
    "depthwise_conv_1d_nwc_wc": ("nwc", "wc", "nwc", True, False),
    "depthwise_conv_1d_ncw_cw": ("ncw", "cw", "ncw", True, False),
    "depthwise_conv_1d_nwc_wcm": ("nwc", "wcm", "nwcm", True, False),
    "depthwise_conv_2d_nhwc_hwc": ("nhwc", "hwc", "nhwc", True, False),
    "depthwise_conv_2d_nchw_chw": ("nchw", "chw", "nchw", True, False),
    "depthwise_conv_2d_nhwc_hwcm": ("nhwc", "hwcm", "nhwcm", True, False),
    "depthwise_conv_3d_ndhwc_dhwc": ("ndhwc", "dhwc", "ndhwc", True, False),
    "depthwise_conv_3d_ncdhw_cdhw": ("ncdhw", "cdhw", "ncdhw", True, False),
    "depthwise_conv_3d_ndhwc_dhwcm": ("ndhwc", "dhwcm", "ndhwcm", True, False),
    "conv_2d_nhwc_hwcf_q": ("nhwc", "hwcf", "nhwf", True, True),
    "conv_2d_nhwc_fhwc_q": ("nhwc", "fhwc", "nhwf", True, True),
    "conv_2d_nchw_fchw_q": ("nchw", "fchw", "nfhw", True, True),
    "conv_2d_nhwgc_gfhwc_q": ("nhwgc", "gfhwc", "nhwgf", True, True),
    "conv_2d_ngchw_gfchw_q": ("ngchw", "gfchw", "ngfhw", True, True),
    "conv_3d_ndhwc_dhwcf_q": ("ndhwc", "dhwcf", "ndhwf", True, True),
    "depthwise_conv_2d_nhwc_hwc_q": ("nhwc", "hwc", "nhwc", True, True),
    "depthwise_conv_2d_nhwc_hwcm_q": ("nhwc", "hwcm", "nhwcm", True, True),
}
SPATIAL = "dhw"

# (input/filter element type, output element type).
TYPES = [("f32", "f32"), ("i32", "i32"), ("i8", "i32")]


def tensor_type(shape, elem):
    return "tensor<%sx%s>" % ("x".join(map(str, shape)), elem) if shape \
        else "tensor<%s>" % elem


def dense(values, shape, elem):
    """A dense literal of `values` (flat, row-major) with `shape`."""
    def fmt(v):
        return ("%d.0" % v) if elem.startswith("f") else str(v)

    def rec(offset, dims):
        if not dims:
            return fmt(values[offset]), offset + 1
        parts = []
        for _ in range(dims[0]):
            text, offset = rec(offset, dims[1:])
            parts.append(text)
        return "[" + ", ".join(parts) + "]", offset

    return "dense<%s> : %s" % (rec(0, list(shape))[0], tensor_type(shape, elem))


def product(values):
    result = 1
    for v in values:
        result *= v
    return result


class Case:
    def __init__(self, rng, index, name):
        self.index = index
        self.name = name
        in_layout, filter_layout, out_layout, attrs, quantized = FORMS[name]
        spatial = [s for s in SPATIAL if s in in_layout]
        n = len(spatial)
        if quantized:
            self.in_elem, self.out_elem = "i8", "i32"
        else:
            self.in_elem, self.out_elem = rng.choice(TYPES)
        self.quantized = quantized
        sizes = {"n": rng.choice([1, 1, 2]), "g": rng.choice([1, 2, 3]),
                 "c": rng.choice([1, 2, 3, 4]), "f": rng.choice([1, 2, 3, 5]),
                 "m": rng.choice([1, 2, 3])}
        self.strides, self.dilations = [], []
        self.pad_low, self.pad_high = [], []
        in_spatial, k_spatial, o_spatial = {}, {}, {}
        padded = rng.random() < 0.5
        for s in spatial:
            k = rng.choice([1, 2, 3])
            stride = rng.choice([1, 1, 2, 3]) if attrs else 1
            dilation = rng.choice([1, 1, 2]) if attrs else 1
            o = rng.choice([1, 2, 3, 4, 5])
            window = (k - 1) * dilation + 1
            # Sometimes fewer windows than fit (the rewrite crops).
            extra = rng.choice([0, 0, stride - 1, stride, stride + 1])
            size = (o - 1) * stride + window + extra
            lo = hi = 0
            if padded:
                lo = rng.randint(0, min(2, size - 1))
                hi = rng.randint(0, min(2, size - 1 - lo))
            self.strides.append(stride)
            self.dilations.append(dilation)
            self.pad_low.append(lo)
            self.pad_high.append(hi)
            in_spatial[s], k_spatial[s], o_spatial[s] = size, k, o
        self.padded = padded and any(self.pad_low + self.pad_high)

        def shape(layout, spatial_sizes):
            return [spatial_sizes[ch] if ch in SPATIAL else sizes[ch]
                    for ch in layout]

        self.padded_shape = shape(in_layout, in_spatial)
        self.input_shape = [
            size - (self.pad_low[spatial.index(ch)] +
                    self.pad_high[spatial.index(ch)]) if ch in SPATIAL
            else size for ch, size in zip(in_layout, self.padded_shape)]
        self.in_layout = in_layout
        self.filter_shape = shape(filter_layout, k_spatial)
        self.output_shape = shape(out_layout, o_spatial)
        self.attrs = attrs
        lo, hi = (-4, 4)
        self.x = [rng.randint(lo, hi) for _ in range(product(self.input_shape))]
        self.w = [rng.randint(lo, hi) for _ in range(product(self.filter_shape))]
        self.init = [rng.randint(-9, 9)
                     for _ in range(product(self.output_shape))]
        self.zx = rng.randint(-3, 3)
        self.zw = rng.randint(-3, 3)
        # A constant filter, which the rewrite transposes as a constant.
        self.constant_filter = rng.random() < 0.3

    def describe(self):
        return "%s x%s w%s -> %s strides %s dilations %s pad %s/%s %s" % (
            self.name, self.input_shape, self.filter_shape, self.output_shape,
            self.strides, self.dilations, self.pad_low, self.pad_high,
            self.in_elem)

    def function(self):
        i = self.index
        x_t = tensor_type(self.input_shape, self.in_elem)
        p_t = tensor_type(self.padded_shape, self.in_elem)
        w_t = tensor_type(self.filter_shape, self.in_elem)
        o_t = tensor_type(self.output_shape, self.out_elem)
        lines = ["// case %d: %s" % (i, self.describe())]
        if self.constant_filter:
            args = "%%x: %s, %%init: %s" % (x_t, o_t)
        else:
            args = "%%x: %s, %%w: %s, %%init: %s" % (x_t, w_t, o_t)
        if self.quantized:
            args += ", %zx: i32, %zw: i32"
        lines.append("func.func @case%d(%s) -> %s {" % (i, args, o_t))
        if self.constant_filter:
            lines.append("  %%w = arith.constant %s" % dense(
                self.w, self.filter_shape, self.in_elem))
        src = "%x"
        if self.padded:
            zero = "0.0" if self.in_elem.startswith("f") else "0"
            low, high = [], []
            for ch in self.in_layout:
                if ch in SPATIAL:
                    j = [s for s in SPATIAL if s in self.in_layout].index(ch)
                    low.append(self.pad_low[j])
                    high.append(self.pad_high[j])
                else:
                    low.append(0)
                    high.append(0)
            block_args = ", ".join("%%i%d: index" % j
                                   for j in range(len(self.in_layout)))
            lines += [
                "  %%zero = arith.constant %s : %s" % (zero, self.in_elem),
                "  %%padded = tensor.pad %%x low[%s] high[%s] {" % (
                    ", ".join(map(str, low)), ", ".join(map(str, high))),
                "  ^bb0(%s):" % block_args,
                "    tensor.yield %%zero : %s" % self.in_elem,
                "  } : %s to %s" % (x_t, p_t)]
            src = "%padded"
        n = len(self.strides)
        attrs = ""
        if self.attrs:
            attrs = (" {strides = dense<%s> : tensor<%dxi64>, dilations = "
                     "dense<%s> : tensor<%dxi64>}" % (
                         self.strides, n, self.dilations, n))
        ins = "%s, %%w" % src
        ins_t = "%s, %s" % (p_t, w_t)
        if self.quantized:
            ins += ", %zx, %zw"
            ins_t += ", i32, i32"
        lines.append("  %%y = linalg.%s%s ins(%s : %s) outs(%%init : %s) -> %s"
                     % (self.name, attrs, ins, ins_t, o_t, o_t))
        lines.append("  return %%y : %s" % o_t)
        lines.append("}")
        return "\n".join(lines)

    def call(self):
        i = self.index
        x_t = tensor_type(self.input_shape, self.in_elem)
        w_t = tensor_type(self.filter_shape, self.in_elem)
        o_t = tensor_type(self.output_shape, self.out_elem)
        lines = [
            "  %%x%d = arith.constant %s" % (i, dense(self.x, self.input_shape,
                                                     self.in_elem)),
            "  %%o%d = arith.constant %s" % (i, dense(self.init,
                                                     self.output_shape,
                                                     self.out_elem))]
        if self.constant_filter:
            args = "%%x%d, %%o%d" % (i, i)
            types = "%s, %s" % (x_t, o_t)
        else:
            lines.append("  %%w%d = arith.constant %s" % (
                i, dense(self.w, self.filter_shape, self.in_elem)))
            args = "%%x%d, %%w%d, %%o%d" % (i, i, i)
            types = "%s, %s, %s" % (x_t, w_t, o_t)
        if self.quantized:
            lines += ["  %%zx%d = arith.constant %d : i32" % (i, self.zx),
                      "  %%zw%d = arith.constant %d : i32" % (i, self.zw)]
            args += ", %%zx%d, %%zw%d" % (i, i)
            types += ", i32, i32"
        printer = "printMemrefF32" if self.out_elem == "f32" else \
            "printMemrefI32"
        unranked = "tensor<*x%s>" % self.out_elem
        lines += [
            "  %%r%d = call @case%d(%s) : (%s) -> %s" % (i, i, args, types, o_t),
            "  %%u%d = tensor.cast %%r%d : %s to %s" % (i, i, o_t, unranked),
            "  call @%s(%%u%d) : (%s) -> ()" % (printer, i, unranked)]
        return "\n".join(lines)


def module(cases):
    parts = [c.function() for c in cases]
    parts.append("func.func @main() {")
    parts += [c.call() for c in cases]
    parts.append("  return")
    parts.append("}")
    parts.append("func.func private @printMemrefF32(tensor<*xf32>)")
    parts.append("func.func private @printMemrefI32(tensor<*xi32>)")
    return "\n".join(parts) + "\n"


def run(cmd, stdin):
    result = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write("command failed: %s\n%s\n" % (" ".join(cmd),
                                                        result.stderr))
        sys.exit(1)
    return result.stdout


def results(printed):
    """The printed values, without the lines that hold buffer addresses."""
    return [line for line in printed.splitlines()
            if not line.startswith("Unranked Memref")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--patches-opt", default="patches-opt")
    parser.add_argument("--mlir-runner", default="mlir-runner")
    parser.add_argument("--shared-libs", default="")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--per-module", type=int, default=30)
    parser.add_argument("--forms", default="",
                        help="comma-separated op names (default: all)")
    parser.add_argument("--generalize", action="store_true",
                        help="rewrite the named ops to linalg.generic first")
    parser.add_argument("--opt-args", default="--patches-lower-to-llvm")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--keep", default="")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    names = args.forms.split(",") if args.forms else sorted(FORMS)
    # Every form at least once, then random ones.
    chosen = [names[i % len(names)] for i in range(len(names))]
    chosen += [rng.choice(names) for _ in range(args.cases - len(chosen))]
    cases = [Case(rng, i, name) for i, name in enumerate(chosen)]
    keep = args.keep or tempfile.mkdtemp(prefix="conv-to-patches-")
    os.makedirs(keep, exist_ok=True)
    runner = [args.mlir_runner, "-e", "main", "-entry-point-result=void",
              "-shared-libs=" + args.shared_libs]
    opt_args = args.opt_args.split()
    values = 0
    for start in range(0, len(cases), args.per_module):
        batch = cases[start:start + args.per_module]
        text = module(batch)
        path = os.path.join(keep, "cases-%d.mlir" % start)
        with open(path, "w") as f:
            f.write(text)
        if args.dry_run:
            continue
        if args.generalize:
            text = run([args.patches_opt, "--linalg-generalize-named-ops"],
                       text)
        rewrite = subprocess.run(
            [args.patches_opt, "--convert-linalg-conv-to-patches=remarks=true"],
            input=text, capture_output=True, text=True)
        rewritten = rewrite.stdout
        with open(path + ".rewritten", "w") as f:
            f.write(rewritten)
        # Every convolution is rewritten: no remark, no named one left (an
        # extraction that is the identity, a 1x1 window at stride 1, folds).
        left = re.findall(r"linalg\.(?:depthwise_)?conv_\w+", rewritten)
        if rewrite.returncode != 0 or "remark" in rewrite.stderr or left:
            print("FAIL: %s: not every convolution was rewritten: %s%s" % (
                path, rewrite.stderr, sorted(set(left))))
            return 1
        if "patches.extract" not in rewritten:
            print("FAIL: %s: no extraction" % path)
            return 1
        expected = results(run(runner, run([args.patches_opt] + opt_args,
                                           text)))
        actual = results(run(runner, run([args.patches_opt] + opt_args,
                                         rewritten)))
        if len(expected) != len(actual):
            print("FAIL: %s: %d lines printed, %d expected" % (
                path, len(actual), len(expected)))
            return 1
        for line, (e, a) in enumerate(zip(expected, actual)):
            if e != a:
                print("FAIL: %s: line %d differs:\n  expected %s\n  actual   %s"
                      % (path, line, e, a))
                return 1
        values += sum(len(re.findall(r"-?\d+", line)) for line in expected)
    if not args.dry_run:
        print("conv-to-patches: %d cases, %d values, all equal" % (
            len(cases), values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
