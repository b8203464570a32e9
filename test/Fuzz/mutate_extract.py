#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Mutation fuzzer of patches.extract (and of its adjoint patches.fold):
hostile input must never crash.

Starts from a corpus of valid `patches.extract` ops (every clause kind),
mutates them (extreme attribute values, broken dimension strings, huge and
dynamic tensor sizes, other element types, constant inputs,
deleted/duplicated/reordered clauses, truncated text, byte flips), writes
them in the custom or the generic form, and runs every mutant through
patches-opt: parse + verify, -canonicalize, both linalg strategies, the
vector lowering, the CPU pipeline with either strategy and with
-generate-runtime-verification before it. A clean `error:`
diagnostic is fine. A signal, an assertion, an LLVM fatal error, a crash
report or a timeout is a crash; an error from a lowering on an op that
verified (other than "cannot lower this") is a bad lowering: both are
findings.

Many cases go through one patches-opt process (-split-input-file), so that
start-up does not dominate. A batch that crashes is re-run case by case to
name the culprits, whose texts are printed (and written with --save-dir).

Structured mutants get their result type from the verifier itself: a first
run with an all-dynamic result type either verifies (the inferred type is as
dynamic) or reports "expected result type T", and T is written in. So most
mutants that the verifier accepts reach the lowerings.

Usage: mutate_extract.py --patches-opt PATH [--cases N] [--seed S]
                         [--duration SECONDS] [--batch B] [--save-dir DIR]
Prints `fuzz: N cases, K crashes, L bad lowerings` last; exits 1 when
K + L > 0.
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time

# Each seed: input type (sizes, element type) and clauses, all valid.
SEEDS = [
    # The worked example.
    dict(shape=[1, 1, 3, 3], elt="f32", filter=[2, 2], strides=[1, 1],
         padding="VALID"),
    dict(shape=[2, 9, 9, 3], elt="f32", filter=[3, 3], strides=[2, 1],
         padding=[[1, 1], [0, -1]], lhs=[2, 1], rhs=[2, 2],
         dn=("NHWC", "HWIO", "NHWC"), precision="HIGHEST"),
    dict(shape=[1, 2, 10], elt="i8", filter=[3], strides=[2],
         padding="SAME"),
    dict(shape=[1, 2, 10], elt="f16", filter=[4], strides=[2],
         padding="SAME_LOWER", rhs=[3]),
    dict(shape=[4, 3], elt="i32", filter=[], strides=[], padding="VALID",
         dn=("CN", "IO", "NC")),
    dict(shape=[2, 7, 9, 3], elt="f32", filter=[3, 2], strides=[2, 1],
         padding="SAME", dn=("NXYC", "YXIO", "CNYX"), precision="HIGH"),
    dict(shape=["?", 3, "?", 5], elt="f32", filter=[2, 2], strides=[1, 2],
         padding="SAME"),
    dict(shape=[1, 1, 4, 4, 4], elt="f64", filter=[2, 1, 2],
         strides=[1, 1, 1], padding=[[0, 0], [1, 0], [2, 2]],
         lhs=[1, 2, 1], rhs=[1, 1, 2]),
    dict(shape=[2, 3, 5], elt="bf16", filter=[1], strides=[1],
         padding="VALID", dn=("NCW", "OIW", "NWC")),
    dict(shape=[1, 2, 6, 0], elt="i1", filter=[2, 2], strides=[3, 1],
         padding=[[2, 2], [0, 1]], precision="DEFAULT"),
    dict(shape=[1, 2, 3, 3], elt="complex<f32>", filter=[2, 2],
         strides=[1, 1], padding="VALID", constant=True),
    dict(shape=[1, 1, 3, 3], elt="f32", filter=[2, 2], strides=[1, 1],
         padding=[[1, 0], [0, 1]], lhs=[2, 1], constant=True),
    # Valid, with sizes near the limits: lowerings must not overflow what
    # the verifier accepts.
    dict(shape=[2**20, 2**10, 2**15, 2**15], elt="f32", filter=[2, 2],
         strides=[1, 1], padding="SAME"),
    dict(shape=[1, 1, 2**62], elt="i8", filter=[3], strides=[2**61],
         padding=[[2**61, 0]], rhs=[2**60]),
    dict(shape=[1, 1, 2**30], elt="f32", filter=[2**10], strides=[1],
         padding=[[0, 0]], lhs=[2**10]),
]


class Profile:
    """The values one mutant draws from."""

    def __init__(self, ints, sizes, text_mutations):
        self.ints, self.sizes = ints, sizes
        self.text_mutations = text_mutations


# Hostile: values that the verifier must reject (or that do not parse),
# mixed with a few that pass; and textual surgery.
HOSTILE = Profile(
    ints=[0, -1, 1, 2, 3, 7, 2**31, 2**32 + 1, 2**62, 2**62 + 1, 2**63 - 1,
          -2**63, -2**62, 2**63, -(2**63) - 1],
    sizes=[0, 1, 2, 3, "?", 2**31, 2**40, 2**62, 2**62 + 1, 2**63 - 1,
           2**63 - 2, -1],
    text_mutations=True)
# Plausible: huge values that often still verify, so that the lowerings
# see them (where sizes that wrap hide).
PLAUSIBLE = Profile(
    ints=[1, 2, 3, 2**31, 2**40, 2**61, 2**62 - 1, 2**62, 2**63 - 1, -1, -2],
    sizes=[0, 1, 2, 5, "?", 2**31, 2**40, 2**62, 2**63 - 1],
    text_mutations=False)
ELEMENT_TYPES = ["f32", "f16", "bf16", "f64", "i1", "i8", "i32", "i64",
                 "index", "complex<f32>", "f8E4M3FN", "f8E8M0FNU", "i3",
                 "vector<2xf32>", "none"]
LETTERS = "NCHWIOXYZD0123abcz_ \"\\"

# Configurations every mutant goes through.
CONFIGS = [
    [],
    ["-canonicalize"],
    ["--convert-patches-to-linalg=strategy=gather"],
    ["--convert-patches-to-linalg=strategy=conv"],
    ["--convert-patches-to-vector"],
    ["--patches-lower-to-llvm"],
    ["--patches-lower-to-llvm=strategy=conv"],
    ["-generate-runtime-verification", "--patches-lower-to-llvm"],
]

# What a lowering may say about an op that verifies: it cannot lower it.
# Any other error on such an op means that the lowering built invalid IR
# (a size that wrapped, say), which is as much a bug as a crash.
LOWERING_LIMITS = ["cannot be lowered with the conv strategy",
                   "failed to legalize operation", "is not supported"]

# An error at a case's location: (case index, message).
LOCATED_ERROR = r"case(\d+):0:0: error: ([^\n]*)"

CRASH_MARKERS = ["LLVM ERROR", "Assertion", "PLEASE submit a bug report",
                 "Stack dump", "UNREACHABLE", "runtime error:",
                 "AddressSanitizer", "Segmentation fault"]


def pick_int(rng, profile):
    if rng.random() < 0.7:
        return rng.choice(profile.ints)
    return rng.randint(-5, 12)


def format_list(values):
    return "[" + ", ".join(str(v) for v in values) + "]"


def mutate_list(rng, profile, values):
    values = list(values)
    roll = rng.random()
    if roll < 0.5 and values:
        values[rng.randrange(len(values))] = pick_int(rng, profile)
    elif roll < 0.65:
        values.append(pick_int(rng, profile))
    elif roll < 0.8 and values:
        values.pop(rng.randrange(len(values)))
    elif roll < 0.9:
        values = [pick_int(rng, profile) for _ in values]
    else:
        values = []
    return values


def mutate_spec(rng, spec):
    roll = rng.random()
    chars = list(spec)
    if roll < 0.15 and chars:
        chars.pop(rng.randrange(len(chars)))
    elif roll < 0.3 and chars:
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(chars))
    elif roll < 0.45 and len(chars) > 1:
        i, j = rng.sample(range(len(chars)), 2)
        chars[i], chars[j] = chars[j], chars[i]
    elif roll < 0.6 and chars:
        chars[rng.randrange(len(chars))] = rng.choice(LETTERS)
    elif roll < 0.7:
        chars = list(spec.lower())
    elif roll < 0.8:
        chars = []
    elif roll < 0.9:
        chars = [rng.choice(LETTERS) for _ in range(rng.choice([70, 300]))]
    else:
        rng.shuffle(chars)
    return "".join(chars)


def mutate_structure(rng, profile, case):
    """One structural mutation of a case dict (in place)."""
    n = len(case["filter"])
    what = rng.choice(["filter", "strides", "lhs", "rhs", "padding",
                       "padding_kind", "dn", "precision", "shape", "shape",
                       "elt", "drop_optional", "constant"])
    if what in ("filter", "strides", "lhs", "rhs"):
        case[what] = mutate_list(rng, profile, case.get(what, [1] * n))
    elif what == "padding":
        pad = case.get("padding")
        if not isinstance(pad, list):
            pad = [[0, 0] for _ in range(n)]
        pad = [list(p) for p in pad]
        roll = rng.random()
        if roll < 0.6 and pad:
            pair = rng.choice(pad)
            if pair:
                pair[rng.randrange(len(pair))] = pick_int(rng, profile)
        elif roll < 0.75:
            pad.append([pick_int(rng, profile), pick_int(rng, profile)])
        elif roll < 0.85 and pad:
            pad.pop()
        else:
            # Pairs that are not pairs.
            pad = [[pick_int(rng, profile)] * rng.choice([0, 1, 3]) for _ in pad]
        case["padding"] = pad
    elif what == "padding_kind":
        case["padding"] = rng.choice(["SAME", "VALID", "SAME_LOWER",
                                      "SAME_UPPER", "valid", "EXPLICIT"])
    elif what == "dn":
        dn = list(case.get("dn") or ("NC" + "HWDXYZ"[:n], "OI" + "HWDXYZ"[:n],
                                     "NC" + "HWDXYZ"[:n]))
        i = rng.randrange(3)
        dn[i] = mutate_spec(rng, dn[i])
        case["dn"] = tuple(dn)
    elif what == "precision":
        case["precision"] = rng.choice(["DEFAULT", "HIGH", "HIGHEST",
                                        "LOWEST", "highest", "0"])
    elif what == "shape":
        shape = list(case["shape"])
        roll = rng.random()
        if roll < 0.75 and shape:
            shape[rng.randrange(len(shape))] = rng.choice(profile.sizes)
        elif roll < 0.85:
            shape.append(rng.choice(profile.sizes))
        elif shape:
            shape.pop()
        case["shape"] = shape
    elif what == "elt":
        case["elt"] = rng.choice(ELEMENT_TYPES)
    elif what == "drop_optional":
        for key in ("lhs", "rhs", "dn", "precision"):
            if rng.random() < 0.5:
                case.pop(key, None)
    elif what == "constant":
        case["constant"] = not case.get("constant", False)


def format_shape(shape, elt):
    return "tensor<" + "".join(f"{d}x" for d in shape) + elt + ">"


def constant_value(rng, case):
    """A dense literal for the input (splat unless small and static)."""
    elt = case["elt"]
    shape = case["shape"]
    if elt.startswith("complex"):
        scalar = lambda: f"({rng.randint(-3, 3)}.0, {rng.randint(-3, 3)}.5)"
    elif elt == "i1":
        scalar = lambda: rng.choice(["true", "false"])
    elif elt.startswith("i") or elt == "index":
        scalar = lambda: str(rng.randint(-9, 9))
    else:
        scalar = lambda: f"{rng.randint(-9, 9)}.5"
    count = 1
    for d in shape:
        count = count * d if isinstance(d, int) and d >= 0 else -1
        if count < 0:
            break
    if 0 < count <= 64 and rng.random() < 0.7:
        def nested(dims):
            if not dims:
                return scalar()
            return "[" + ", ".join(nested(dims[1:])
                                   for _ in range(dims[0])) + "]"
        return f"dense<{nested(shape)}>"
    return f"dense<{scalar()}>"


def render_properties(case):
    """The clauses as the generic form's properties."""
    def array(values):
        return "array<i64" + "".join(
            (": " if i == 0 else ", ") + str(v)
            for i, v in enumerate(values)) + ">"
    pad = case["padding"]
    props = [f"filter_shape = {array(case['filter'])}",
             f"window_strides = {array(case['strides'])}",
             "padding = #patches.padding<" +
             (pad if isinstance(pad, str) else
              format_list(format_list(p) for p in pad)) + ">"]
    for key, name in (("lhs", "lhs_dilation"), ("rhs", "rhs_dilation")):
        if key in case:
            props.append(f"{name} = {array(case[key])}")
    if case.get("dn"):
        props.append('dimension_numbers = #patches.dimension_numbers<'
                     '"%s", "%s", "%s">' % case["dn"])
    if "precision" in case:
        props.append(f"precision = #patches.precision<{case['precision']}>")
    return ", ".join(props)


def render(rng, index, case, result_type, as_fold=False):
    """The function text of a case: `patches.extract` from the input type to
    `result_type`, or with `as_fold`, its adjoint `patches.fold` back."""
    input_type = format_shape(case["shape"], case["elt"])
    clauses = [f"filter_shape = {format_list(case['filter'])}",
               f"window_strides = {format_list(case['strides'])}"]
    pad = case["padding"]
    clauses.append("padding = " + (pad if isinstance(pad, str) else
                                   format_list(format_list(p) for p in pad)))
    if "lhs" in case:
        clauses.append(f"lhs_dilation = {format_list(case['lhs'])}")
    if "rhs" in case:
        clauses.append(f"rhs_dilation = {format_list(case['rhs'])}")
    if case.get("dn"):
        dn = case["dn"]
        clauses.append('dimension_numbers = ("%s", "%s", "%s")' % dn)
    if "precision" in case:
        clauses.append(f"precision = {case['precision']}")
    loc = f'loc("case{index}":0:0)'
    if as_fold:
        # Dynamic spatial sizes are `spatial_sizes` operands: usually one per
        # `?` of the result (right when batch and channels are static),
        # sometimes a wrong count, which the verifier must reject.
        dynamic = input_type.count("?")
        count = case.setdefault(
            "num_sizes", dynamic if rng.random() < 0.7 else rng.randint(0, dynamic + 1))
        sizes = [f"%s{k}" for k in range(count)]
        params = "".join(f", {size}: index" for size in sizes)
        if case.setdefault("generic", rng.random() < 0.2):
            operands = ", ".join(["%p"] + sizes)
            types = ", ".join([result_type] + ["index"] * count)
            op = (f'%y = "patches.fold"({operands}) <{{{render_properties(case)}}}> '
                  f": ({types}) -> {input_type} {loc}")
        else:
            spatial = f" spatial_sizes({', '.join(sizes)})" if sizes else ""
            op = (f"%y = patches.fold %p{spatial} {' '.join(clauses)} : "
                  f"{result_type} -> {input_type} {loc}")
        return (f"func.func @case{index}(%p: {result_type}{params}) -> {input_type} "
                f"{{\n  {op}\n  return %y : {input_type}\n}}\n")
    if case.setdefault("generic", rng.random() < 0.2):
        op = (f'%y = "patches.extract"(%x) <{{{render_properties(case)}}}> : '
              f"({input_type}) -> {result_type} {loc}")
    else:
        op = (f"%y = patches.extract %x {' '.join(clauses)} : "
              f"{input_type} -> {result_type} {loc}")
    if case.get("constant"):
        literal = case.setdefault("literal", constant_value(rng, case))
        head = (f"func.func @case{index}() -> {result_type} {{\n"
                f"  %x = arith.constant {literal} : {input_type}\n")
    else:
        head = f"func.func @case{index}(%x: {input_type}) -> {result_type} {{\n"
    return head + f"  {op}\n  return %y : {result_type}\n}}\n"


def placeholder_result(case):
    rank = len(case["filter"]) + 2
    return format_shape(["?"] * rank, case["elt"])


def mutate_text(rng, text):
    """Textual mutations: clause surgery, truncation, byte flips."""
    roll = rng.random()
    clause = re.compile(
        r"(filter_shape|window_strides|padding|lhs_dilation|rhs_dilation|"
        r"dimension_numbers|precision) = (\[[^=]*?\](?=\s+[a-z_]+ =|\s*:)|"
        r"\([^)]*\)|[A-Z_]+)")
    matches = list(clause.finditer(text))
    if roll < 0.3 and matches:
        m = rng.choice(matches)
        if rng.random() < 0.5:  # delete
            return text[:m.start()] + text[m.end():]
        return text[:m.end()] + " " + m.group(0) + text[m.end():]  # duplicate
    if roll < 0.45 and len(matches) > 1:
        a, b = sorted(rng.sample(matches, 2), key=lambda m: m.start())
        return (text[:a.start()] + b.group(0) + text[a.end():b.start()] +
                a.group(0) + text[b.end():])
    if roll < 0.6:
        return text[:rng.randrange(len(text))] + "\n"
    data = bytearray(text.encode())
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(data))
        if rng.random() < 0.5:
            data[i] ^= 1 << rng.randrange(7)  # stay ASCII
        else:
            data[i] = ord(rng.choice("[](){}<>,=x?-0123456789\" "))
    return data.decode("ascii", errors="replace")


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.crashes = []
        self.bad_lowerings = []
        self.cases = 0

    def run(self, config, text, timeout, keep_output=False):
        """Runs patches-opt on `text`; returns (crashed, reason, stderr,
        stdout), the output only with `keep_output`."""
        with tempfile.NamedTemporaryFile("w", suffix=".mlir",
                                         delete=False) as f:
            f.write(text)
            path = f.name
        try:
            proc = subprocess.run(
                [self.args.patches_opt, path, "-split-input-file"] +
                ([] if keep_output else ["-o", os.devnull]) + config,
                capture_output=True, text=True, errors="replace",
                timeout=timeout)
        except subprocess.TimeoutExpired:
            return True, f"timeout after {timeout} s", "", ""
        finally:
            os.unlink(path)
        if proc.returncode < 0 or proc.returncode >= 128:
            return (True, f"exit code {proc.returncode}", proc.stderr,
                    proc.stdout)
        for marker in CRASH_MARKERS:
            if marker in proc.stderr:
                return True, f"'{marker}' in stderr", proc.stderr, proc.stdout
        return False, "", proc.stderr, proc.stdout

    def resolve_result_types(self, cases):
        """Renders the cases, with the result type the verifier expects."""
        texts = [render(self.rng, i, c, placeholder_result(c))
                 for i, c in cases]
        crashed, _, stderr, _ = self.run([], "// -----\n".join(texts), 60)
        if crashed:
            return texts  # Left to the main runs to report.
        expected = {}
        for m in re.finditer(r"case(\d+):0:0: error: [^\n]*expected result "
                             r"type '(tensor<[^']*>)'", stderr):
            expected[int(m.group(1))] = m.group(2)
        out = []
        for (i, c), text in zip(cases, texts):
            # Most keep the expected type; a few keep the placeholder, which
            # the verifier must reject (or accept, when as dynamic).
            if i in expected and self.rng.random() < 0.9:
                text = render(self.rng, i, c, expected[i])
            if c.get("fold"):
                text = render(self.rng, i, c, expected.get(
                    i, placeholder_result(c)), as_fold=True)
            out.append(text)
        return out

    def make_batch(self, first, count):
        cases, profiles = [], []
        for i in range(first, first + count):
            case = {k: (list(v) if isinstance(v, list) else v)
                    for k, v in self.rng.choice(SEEDS).items()}
            profile = self.rng.choice([HOSTILE, HOSTILE, PLAUSIBLE])
            for _ in range(self.rng.choice([0, 1, 1, 2, 3])):
                mutate_structure(self.rng, profile, case)
            # A fifth are the adjoint, patches.fold, with the same clauses.
            if self.rng.random() < 0.2:
                case["fold"], case["constant"] = True, False
            cases.append((i, case))
            profiles.append(profile)
        texts = self.resolve_result_types(cases)
        return [mutate_text(self.rng, t)
                if profile.text_mutations and self.rng.random() < 0.45 else t
                for t, profile in zip(texts, profiles)]

    def check_batch(self, texts):
        verified = None
        for config in CONFIGS:
            crashed, reason, stderr, stdout = self.run(
                config, "// -----\n".join(texts),
                self.args.timeout * len(texts), keep_output=not config)
            if not config:
                # The cases that parse and verify are printed. A byte flip
                # may give a failing case the location of another, so the
                # errors seen here are also remembered.
                verified = {int(i) for i in re.findall(
                    r"func\.func @case(\d+)\(", stdout)}
                verify_errors = set(re.findall(LOCATED_ERROR, stderr))
            elif not crashed:
                self.check_lowering_errors(config, texts, verified,
                                           verify_errors, stderr)
            if not crashed:
                continue
            # Name the culprits.
            for text in texts:
                crashed, reason, stderr, _ = self.run(config, text,
                                                      self.args.timeout)
                if crashed:
                    self.report(config, text, reason, stderr)

    def check_lowering_errors(self, config, texts, verified, verify_errors,
                              stderr):
        """Reports the verified cases that a lowering rejected for any reason
        but a known limit of the lowering."""
        for index, message in re.findall(LOCATED_ERROR, stderr):
            if (int(index) not in verified or
                    (index, message) in verify_errors or
                    any(limit in message for limit in LOWERING_LIMITS)):
                continue
            index = int(index)
            text = next((t for t in texts if f"@case{index}(" in t), "")
            self.report(config, text, "invalid IR from a lowering: " + message,
                        stderr, kind="BAD LOWERING")
            verified.discard(index)

    def report(self, config, text, reason, stderr, kind="CRASH"):
        if kind == "CRASH":
            self.crashes.append((config, text))
        else:
            self.bad_lowerings.append((config, text))
        print(f"{kind} ({reason}) with patches-opt {' '.join(config)}:")
        print(text)
        tail = "\n".join(stderr.strip().splitlines()[:12])
        print("stderr:\n" + tail + "\n")
        if self.args.save_dir:
            os.makedirs(self.args.save_dir, exist_ok=True)
            name = os.path.join(self.args.save_dir,
                                f"finding{len(self.crashes) + len(self.bad_lowerings)}.mlir")
            with open(name, "w") as f:
                f.write(f"// RUN: patches-opt %s {' '.join(config)}\n" + text)
        sys.stdout.flush()

    def main(self):
        start = time.time()
        while self.cases < self.args.cases:
            if self.args.duration and time.time() - start > self.args.duration:
                break
            count = min(self.args.batch, self.args.cases - self.cases)
            self.check_batch(self.make_batch(self.cases, count))
            self.cases += count
        print(f"fuzz: {self.cases} cases, {len(self.crashes)} crashes, "
              f"{len(self.bad_lowerings)} bad lowerings")
        return 1 if self.crashes or self.bad_lowerings else 0


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--patches-opt", default="patches-opt")
    p.add_argument("--cases", type=int, default=400)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--duration", type=float, default=0,
                   help="stop after this many seconds (0: no limit)")
    p.add_argument("--batch", type=int, default=100,
                   help="cases per patches-opt process")
    p.add_argument("--timeout", type=float, default=5,
                   help="seconds allowed per case")
    p.add_argument("--save-dir", help="write each finding here")
    return p.parse_args()


if __name__ == "__main__":
    sys.exit(Fuzzer(parse_args()).main())
