#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Randomized test of `patches.fold` as the adjoint of `patches.extract`.

Draws random configurations (those of the conformance test: every padding
form, strides, both dilations, layouts, zero sizes) with random integer data
x and y, compiles modules that compute extract(x) and fold(y) and runs them
with mlir-runner. Then, exactly (integers do not round):

* fold(y) equals the Python reference fold (utils/reference/fold_reference.py),
* extract(x) equals the Python reference extraction,
* sum(extract(x) * y) == sum(x * fold(y)) on the compiled results.

Elements are i32, i64, si32 or ui32 (signed and unsigned integers are summed
as their signless twins; the script prints them through a signless copy).
About a third of the folds run with dynamic sizes: the patches and a random
subset of result dimensions are `?`, inside a function of their own that
receives the dynamic spatial sizes as `index` arguments (`spatial_sizes`),
so that no constant reaches them at compile time.

    run_adjoint.py --patches-opt PATH --mlir-runner PATH --shared-libs A,B \\
        --opt-args=--patches-lower-to-llvm --cases 60 --seed 1
"""

import argparse
import concurrent.futures
import random
import shlex
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "utils"))
sys.path.insert(0, str(ROOT / "utils" / "reference"))
sys.path.insert(0, str(ROOT / "test" / "Integration" / "Conformance"))
import fold_reference  # noqa: E402
import patches_geometry as pg  # noqa: E402  (writes the ops)
import patches_reference as ref  # noqa: E402  (computes what they must give)
import run_conformance as conf  # noqa: E402

# element type -> (numpy type of the data, signless type it is printed as)
INT_TYPES = {"i32": (np.int32, "i32"), "i64": (np.int64, "i64"),
             "si32": (np.int32, "i32"), "ui32": (np.uint32, "i32")}
PRINTERS = {"i32": "printMemrefI32", "i64": "printMemrefI64"}


class AdjointCase:
    def __init__(self, rng, case_id):
        case = conf.draw_case(rng, case_id, specials=False)
        case.dynamic = (False,) * case.x.ndim  # the extraction stays static
        self.case = case
        self.id = case_id
        self.element = rng.choice(["i32", "i32", "i64", "si32", "ui32"])
        dtype = INT_TYPES[self.element][0]
        low = 0 if self.element.startswith("u") else -50
        self.x = np.array([rng.randint(low, 50) for _ in range(case.x.size)],
                          dtype=dtype).reshape(case.x.shape)
        out_shape = case.result_shape()
        self.y = np.array([rng.randint(low, 50) for _ in range(int(np.prod(out_shape)))],
                          dtype=dtype).reshape(out_shape)
        self.extracted = ref.extract_patches(self.x, *case.op_args())
        self.folded = fold_reference.fold_patches(self.y, self.x.shape, *case.op_args())
        # Which result (input-shaped) dimensions of the fold are `?`.
        self.fold_dynamic = None
        if rng.random() < 0.35:
            self.fold_dynamic = tuple(rng.random() < 0.6 for _ in range(case.x.ndim))

    def _spatial_dims(self):
        lhs = self.case.layout().lhs
        return [d for d in range(self.case.x.ndim) if d not in (lhs.batch, lhs.feature)]

    def helper(self):
        """The dynamic fold's own function, or "" for a static fold."""
        if self.fold_dynamic is None:
            return ""
        c, e = self.case, self.element
        y_type = pg.tensor_type(self.y.shape, e, (True,) * self.y.ndim)
        x_type = pg.tensor_type(self.x.shape, e, self.fold_dynamic)
        sizes = [f"%s{d}" for d in self._spatial_dims() if self.fold_dynamic[d]]
        params = "".join(f", {size}: index" for size in sizes)
        fold = conf.op_text(c, "%y", y_type, x_type, op="patches.fold")
        if sizes:
            fold = fold.replace("%y", f"%y spatial_sizes({', '.join(sizes)})", 1)
        return "\n".join([f"  func.func @fold_{self.id}(%y: {y_type}{params}) -> {x_type} {{",
                          f"    %f = {fold}",
                          f"    return %f : {x_type}",
                          "  }"])

    def function(self):
        c, e = self.case, self.element
        x_type = pg.tensor_type(self.x.shape, e)
        y_type = pg.tensor_type(self.y.shape, e)
        extract = conf.op_text(c, "%x", x_type, y_type)
        lines = [f"  // {c.describe()}",
                 f"  func.func @case_{self.id}() {{",
                 f"    %x = arith.constant {conf._dense(self.x, str)} : {x_type}",
                 f"    %y = arith.constant {conf._dense(self.y, str)} : {y_type}",
                 f"    %e = {extract}"]
        if self.fold_dynamic is None:
            fold = conf.op_text(c, "%y", y_type, x_type, op="patches.fold")
            lines.append(f"    %f = {fold}")
        else:
            dyn_y = pg.tensor_type(self.y.shape, e, (True,) * self.y.ndim)
            dyn_x = pg.tensor_type(self.x.shape, e, self.fold_dynamic)
            args, arg_types = ["%yd"], [dyn_y]
            lines.append(f"    %yd = tensor.cast %y : {y_type} to {dyn_y}")
            for d in self._spatial_dims():
                if self.fold_dynamic[d]:
                    lines.append(f"    %s{d} = arith.constant {self.x.shape[d]} : index")
                    args.append(f"%s{d}")
                    arg_types.append("index")
            lines += [f"    %fd = call @fold_{self.id}({', '.join(args)}) : "
                      f"({', '.join(arg_types)}) -> {dyn_x}",
                      f"    %f = tensor.cast %fd : {dyn_x} to {x_type}"]
        # printMemref reads out of bounds on empty buffers: print only data.
        for name, value in (("e", self.y), ("f", self.x)):
            if value.size:
                printed, printed_type = f"%{name}", pg.tensor_type(value.shape, e)
                signless = INT_TYPES[e][1]
                if signless != e:
                    printed, printed_type = conf.signless_copy(name, printed, value.shape, e, lines)
                lines += [f"    %{name}u = tensor.cast {printed} : {printed_type} to tensor<*x{signless}>",
                          f"    call @{PRINTERS[signless]}(%{name}u) : (tensor<*x{signless}>) -> ()"]
        lines += ["    return", "  }"]
        return "\n".join(lines)

    def check(self, prints):
        """Consumes this case's prints; returns a problem or None."""
        actual = {}
        for name, expected in (("extract(x)", self.extracted), ("fold(y)", self.folded)):
            if not expected.size:
                actual[name] = expected
                continue
            if not prints:
                return f"{name} was not printed"
            sizes, values = prints.pop(0)
            if sizes != list(expected.shape):
                return f"{name} printed with shape {sizes}, expected {list(expected.shape)}"
            actual[name] = np.array(values, dtype=np.int64).reshape(expected.shape)
            if self.element.startswith("u"):  # printed as signed 32-bit
                actual[name] %= 1 << 32
            wrong = np.argwhere(actual[name] != expected)
            if len(wrong):
                index = tuple(int(i) for i in wrong[0])
                return (f"{name}: {len(wrong)} of {expected.size} elements differ, first at "
                        f"{index}: expected {expected[index]}, got {actual[name][index]}")
        lhs = int(np.sum(actual["extract(x)"].astype(np.int64) * self.y.astype(np.int64)))
        rhs = int(np.sum(self.x.astype(np.int64) * actual["fold(y)"].astype(np.int64)))
        if lhs != rhs:
            return f"sum(extract(x) * y) = {lhs} but sum(x * fold(y)) = {rhs}"
        return None


def module_text(cases):
    parts = ["module {",
             "  func.func private @printMemrefI32(tensor<*xi32>)",
             "  func.func private @printMemrefI64(tensor<*xi64>)"]
    parts += [case.helper() for case in cases if case.helper()]
    parts += [case.function() for case in cases]
    parts.append("  func.func @main() {")
    parts += [f"    call @case_{case.id}() : () -> ()" for case in cases]
    parts += ["    return", "  }", "}", ""]
    return "\n".join(parts)


def run_batch(path, cases, tools):
    stdout, error = conf.run_module(path, tools)
    if error:
        return [(None, f"{path.name}: {error}")]
    try:
        prints = conf.parse_prints(stdout)
    except ValueError as problem:
        return [(None, str(problem))]
    problems = [(case, problem) for case in cases if (problem := case.check(prints))]
    if prints and not problems:
        problems.append((None, f"{len(prints)} unexpected prints after the last case"))
    return problems


def self_test(rng, count):
    """The reference fold against the reference extraction, by the identity."""
    failed = 0
    for i in range(count):
        case = AdjointCase(rng, i)
        lhs = int(np.sum(case.extracted.astype(np.int64) * case.y))
        rhs = int(np.sum(case.x.astype(np.int64) * case.folded))
        if lhs != rhs:
            failed += 1
            print(f"self-test FAILED: {case.case.describe()}: {lhs} != {rhs}")
    print(f"adjoint self-test: {count - failed} passed, {failed} failed")
    return failed == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patches-opt")
    parser.add_argument("--mlir-runner")
    parser.add_argument("--shared-libs", default="")
    parser.add_argument("--opt-args", default="--patches-lower-to-llvm")
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--per-module", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--keep", help="write the modules into this directory")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    if args.self_test:
        return 0 if self_test(rng, args.cases) else 1

    tools = argparse.Namespace(patches_opt=args.patches_opt, mlir_runner=args.mlir_runner,
                               shared_libs=args.shared_libs,
                               opt_args=shlex.split(args.opt_args))
    cases = [AdjointCase(rng, i) for i in range(args.cases)]
    batches = [cases[i:i + args.per_module] for i in range(0, len(cases), args.per_module)]
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(args.keep or scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        paths = []
        for index, batch in enumerate(batches):
            path = workdir / f"adjoint_{index:03d}.mlir"
            path.write_text(module_text(batch))
            paths.append(path)
        with concurrent.futures.ThreadPoolExecutor() as pool:
            results = pool.map(run_batch, paths, batches, [tools] * len(batches))
            problems = [problem for batch_problems in results for problem in batch_problems]
    for case, problem in problems[:5]:
        print("=" * 78)
        if case is not None:
            print(case.case.describe())
            print(case.function())
        print(problem)
    if problems:
        print(f"adjoint: {len(problems)} of {len(cases)} cases FAILED")
        return 1
    print(f"adjoint: {len(cases)} cases, identity exact")
    return 0


if __name__ == "__main__":
    sys.exit(main())
