"""The CPU benchmark cases (issue: memory-speed CPU code) and their geometry.

Each case is a `patches.extract` configuration. The geometry here is only
what the harness needs to size buffers; the compiler computes its own.
"""

import math

# name, input shape, filter, strides, padding, lhs_dilation, rhs_dilation,
# dimension numbers (None = NCHW-style default)
CASES = [
    ("resnet3x3_nchw", [1, 64, 56, 56], [3, 3], [1, 1], "SAME", [1, 1], [1, 1], None),
    ("resnet3x3_nhwc", [1, 56, 56, 64], [3, 3], [1, 1], "SAME", [1, 1], [1, 1],
     ("NHWC", "HWIO", "NHWC")),
    ("conv7x7_s2", [1, 3, 224, 224], [7, 7], [2, 2], "SAME", [1, 1], [1, 1], None),
    ("dilated3x3_r2", [1, 64, 56, 56], [3, 3], [1, 1], "SAME", [1, 1], [2, 2], None),
    ("conv3d_3x3x3", [1, 3, 16, 112, 112], [3, 3, 3], [1, 1, 1], "SAME", [1, 1, 1], [1, 1, 1], None),
    ("conv1d_w9", [8, 64, 16000], [9], [1], "SAME", [1], [1], None),
    ("lhs_dilated2", [1, 64, 28, 28], [3, 3], [1, 1], [[1, 1], [1, 1]], [2, 2], [1, 1], None),
]


def layouts(n, dn):
    """(lhs, out) positions: batch, feature, spatial[j] in rhs order."""
    if dn is None:
        pos = (0, 1, list(range(2, 2 + n)))
        return pos, pos
    lhs, rhs, out = dn
    spatial = [c for c in rhs if c not in "OI"]
    def place(spec):
        return spec.index("N"), spec.index("C"), [spec.index(c) for c in spatial]
    return place(lhs), place(out)


def output_shape(case):
    name, shape, filt, strides, padding, lhs_dil, rhs_dil, dn = case
    n = len(filt)
    (lb, lf, ls), (ob, of, os_) = layouts(n, dn)
    out = [0] * (n + 2)
    out[ob] = shape[lb]
    out[of] = shape[lf] * math.prod(filt)
    for j in range(n):
        d = shape[ls[j]]
        w = (filt[j] - 1) * rhs_dil[j] + 1
        if isinstance(padding, str):
            o = -(-d // strides[j])
            p = max((o - 1) * strides[j] + w - d, 0)
            lo, hi = p // 2, p - p // 2
        else:
            lo, hi = padding[j]
        dd = 0 if d == 0 else (d - 1) * lhs_dil[j] + 1
        out[os_[j]] = max(0, (dd + lo + hi - w) // strides[j] + 1)
    return out


def fmt_list(v):
    return "[" + ", ".join(str(x) for x in v) + "]"


def op_text(case, src, result_type, input_type):
    name, shape, filt, strides, padding, lhs_dil, rhs_dil, dn = case
    pad = padding if isinstance(padding, str) else "[" + ", ".join(fmt_list(p) for p in padding) + "]"
    text = (f"patches.extract {src} filter_shape = {fmt_list(filt)} "
            f"window_strides = {fmt_list(strides)} padding = {pad} "
            f"lhs_dilation = {fmt_list(lhs_dil)} rhs_dilation = {fmt_list(rhs_dil)}")
    if dn is not None:
        text += ' dimension_numbers = ("%s", "%s", "%s")' % dn
    return text + f" : {input_type} -> {result_type}"


def tensor_type(shape, elem="f32"):
    return "tensor<" + "x".join(str(s) for s in shape) + f"x{elem}>"


def memref_type(shape, elem="f32"):
    return "memref<" + "x".join(str(s) for s in shape) + f"x{elem}>"
