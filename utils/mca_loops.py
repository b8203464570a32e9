#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Judges the vectorized gather's inner loops on CPUs we do not have.

For each case (bench/cases.py) it lowers the op with patches-opt for a CPU,
compiles it with llc for that CPU, cuts out every innermost loop of the
assembly (LLVM marks them "Inner Loop Header"), and runs llvm-mca on each
for the same CPU. It prints, per loop, the bytes stored per iteration and
llvm-mca's cycles per iteration, so that row strategies can be compared on
Zen 4 and on Intel without either machine:

  utils/mca_loops.py --cpu znver4 --cpu sapphirerapids [--vector-bits 256]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from cases import CASES, memref_type, op_text, output_shape, tensor_type  # noqa: E402

STORE = re.compile(r"^\s*(v?p?mov\w*)\s+%([xyz])mm\d+,\s*-?\w*\(")
WIDTH = {"x": 16, "y": 32, "z": 64}
# Truncating stores (vpmovqd & co.) write a fraction of their register.
NARROWING = {"qd": 2, "dw": 2, "wb": 2, "qw": 4, "db": 4, "qb": 8}


def stored_bytes(match):
    mnemonic, register = match.groups()
    narrowing = re.match(r"^vpmovu?s?([qdw][dwb])$", mnemonic)
    return WIDTH[register] // (NARROWING[narrowing.group(1)] if narrowing else 1)


def case_module(case):
    name, shape = case[0], case[1]
    out = output_shape(case)
    it, ot = tensor_type(shape), tensor_type(out)
    return "\n".join([
        f"func.func @{name}(%in: {memref_type(shape)}, %out: {memref_type(out)}) {{",
        f"  %x = bufferization.to_tensor %in restrict : {memref_type(shape)} to {it}",
        f"  %y = {op_text(case, '%x', ot, it)}",
        f"  bufferization.materialize_in_destination %y in restrict writable %out"
        f" : ({ot}, {memref_type(out)}) -> ()",
        "  return",
        "}",
    ])


def inner_loops(asm):
    """Yields the instruction lines of each innermost loop."""
    lines = asm.splitlines()
    for i, line in enumerate(lines):
        if "Inner Loop Header" not in line:
            continue
        # The header's label is the nearest label line before the comment.
        j = i
        while j >= 0 and not re.match(r"^\.LBB\w+:", lines[j]):
            j -= 1
        label = lines[j].split(":")[0]
        body = []
        for text in lines[j + 1:]:
            code = text.split("#")[0].strip()
            if not code or code.startswith("."):
                continue
            body.append(code)
            if re.match(r"^j\w+\s+" + re.escape(label) + r"$", code):
                yield label, body
                break
            if len(body) > 400:
                break


def mca_cycles(body, cpu, llvm):
    with tempfile.NamedTemporaryFile("w", suffix=".s", delete=False) as f:
        f.write("\n".join(body) + "\n")
        path = f.name
    try:
        out = subprocess.run([f"{llvm}/llvm-mca", f"-mcpu={cpu}", "-iterations=200", path],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    cycles = int(re.search(r"Total Cycles:\s+(\d+)", out).group(1))
    uops = int(re.search(r"Total uOps:\s+(\d+)", out).group(1))
    return cycles / 200, uops / 200


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpu", action="append", required=True)
    parser.add_argument("--vector-bits", type=int, default=0)
    parser.add_argument("--case", action="append", help="case names (default: all)")
    parser.add_argument("--patches-opt", default=str(ROOT / "build/bin/patches-opt"))
    parser.add_argument("--llvm", default="/usr/lib/llvm-22/bin")
    args = parser.parse_args()
    print(f"{'case':16} {'cpu':16} {'bits':>4} {'loop':>10} {'insts':>5} "
          f"{'B/iter':>6} {'cyc/iter':>8} {'uops':>6} {'B/cycle':>7}")
    for case in CASES:
        if args.case and case[0] not in args.case:
            continue
        for cpu in args.cpu:
            options = f"cpu={cpu} vector-bits={args.vector_bits}"
            llvm_dialect = subprocess.run(
                [args.patches_opt, f"--patches-lower-to-llvm={options}"], input=case_module(case),
                capture_output=True, text=True, check=True).stdout
            ll = subprocess.run([f"{args.llvm}/mlir-translate", "--mlir-to-llvmir"],
                                input=llvm_dialect, capture_output=True, text=True, check=True).stdout
            asm = subprocess.run([f"{args.llvm}/llc", "-O3", f"-mcpu={cpu}", "-o", "-"], input=ll,
                                 capture_output=True, text=True, check=True).stdout
            for label, body in inner_loops(asm):
                stored = sum(stored_bytes(m) for m in map(STORE.match, body) if m)
                if not stored:
                    continue
                cycles, uops = mca_cycles(body, cpu, args.llvm)
                print(f"{case[0]:16} {cpu:16} {args.vector_bits or 'cpu':>4} {label:>10} "
                      f"{len(body):5} {stored:6} {cycles:8.2f} {uops:6.1f} {stored / cycles:7.1f}")


if __name__ == "__main__":
    main()
