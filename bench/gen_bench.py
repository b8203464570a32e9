#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes the benchmark's MLIR: for the linked route, one module per method
(one destination-passing function per case, callable from C++ through
`llvm.emit_c_interface`) and a C++ header describing the cases for the
harness; for the JIT route (bench/jit.py), `jit_driver` writes a module per
case and method whose `main` fills the input, runs the same function, prints
the checksum of its result and then the seconds of each timed call."""

import argparse
import math
import os

from cases import CASES, geometry, layouts, memref_type, op_text, output_shape, tensor_type

PREFIXES = ("gather", "gather_mt", "conv")


def case_function(prefix, case, noinline=False):
    """The case's function @<prefix>_<name>(%in, %out), writing the patches
    of %in into %out."""
    name, shape = case[0], case[1]
    out = output_shape(case)
    it, ot = tensor_type(shape), tensor_type(out)
    attrs = "llvm.emit_c_interface" + (', passthrough = ["noinline"]' if noinline else "")
    return [
        f"func.func @{prefix}_{name}(%in: {memref_type(shape)}, %out: {memref_type(out)})"
        f" attributes {{{attrs}}} {{",
        f"  %x = bufferization.to_tensor %in restrict : {memref_type(shape)} to {it}",
        f"  %y = {op_text(case, '%x', ot, it)}",
        f"  bufferization.materialize_in_destination %y in restrict writable %out"
        f" : ({ot}, {memref_type(out)}) -> ()",
        "  return",
        "}",
        "",
    ]


def mlir_module(prefix):
    lines = []
    for case in CASES:
        lines += case_function(prefix, case)
    return "\n".join(lines)


def jit_driver(prefix, case, min_seconds, min_iterations=1, max_iterations=100000):
    """A module for `mlir-runner -e main`: allocates the buffers (64-byte
    aligned, as the harness does), fills the input as harness.h's
    inputValue does and the output with NaN, calls @<prefix>_<name> once and
    prints the checksum of the result (harness.h's checksum, as a signed
    i64), then calls it again, timed with rtclock, until min_seconds have
    passed and at least min_iterations were run, printing each call's
    seconds on a line (the pipeline's buffer deallocation frees the buffers).
    The function is noinline, so that LLVM's -O3 cannot
    merge the calls with the loop around them."""
    name, shape = case[0], case[1]
    out = output_shape(case)
    in_t, out_t = memref_type(shape), memref_type(out)
    n_in, n_out = math.prod(shape), math.prod(out)
    assoc_in = "[" + ", ".join(str(i) for i in range(len(shape))) + "]"
    assoc_out = "[" + ", ".join(str(i) for i in range(len(out))) + "]"
    fn = f"@{prefix}_{name}"
    lines = case_function(prefix, case, noinline=True)
    lines += f"""func.func private @rtclock() -> f64
func.func private @printI64(i64)
func.func private @printF64(f64)
func.func private @printNewline()

func.func @main() {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %nin = arith.constant {n_in} : index
  %nout = arith.constant {n_out} : index
  %in = memref.alloc() {{alignment = 64 : i64}} : {in_t}
  %out = memref.alloc() {{alignment = 64 : i64}} : {out_t}
  %in1 = memref.collapse_shape %in [{assoc_in}] : {in_t} into memref<{n_in}xf32>
  %out1 = memref.collapse_shape %out [{assoc_out}] : {out_t} into memref<{n_out}xf32>
  %mul = arith.constant 2654435761 : i64
  %mask = arith.constant 4294967295 : i64
  %c11 = arith.constant 11 : i64
  %c2001 = arith.constant 2001 : i64
  %c1000 = arith.constant 1000 : i64
  scf.for %i = %c0 to %nin step %c1 {{
    %i64 = arith.index_cast %i : index to i64
    %h0 = arith.muli %i64, %mul : i64
    %h = arith.andi %h0, %mask : i64
    %s = arith.shrui %h, %c11 : i64
    %r = arith.remui %s, %c2001 : i64
    %v = arith.subi %r, %c1000 : i64
    %f = arith.sitofp %v : i64 to f32
    memref.store %f, %in1[%i] : memref<{n_in}xf32>
  }}
  %nan = arith.constant 0x7FC00000 : f32
  scf.for %i = %c0 to %nout step %c1 {{
    memref.store %nan, %out1[%i] : memref<{n_out}xf32>
  }}
  func.call {fn}(%in, %out) : ({in_t}, {out_t}) -> ()
  %zero = arith.constant 0.0 : f32
  %s0 = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %sum = scf.for %i = %c0 to %nout step %c1 iter_args(%acc = %s0) -> (i64) {{
    %x = memref.load %out1[%i] : memref<{n_out}xf32>
    %x0 = arith.addf %x, %zero : f32
    %bits = arith.bitcast %x0 : f32 to i32
    %b = arith.extui %bits : i32 to i64
    %i64 = arith.index_cast %i : index to i64
    %w = arith.addi %i64, %one : i64
    %t = arith.muli %b, %w : i64
    %a = arith.addi %acc, %t : i64
    scf.yield %a : i64
  }}
  func.call @printI64(%sum) : (i64) -> ()
  func.call @printNewline() : () -> ()
  %min_t = arith.constant {float(min_seconds)!r} : f64
  %min_n = arith.constant {min_iterations} : i64
  %max_n = arith.constant {max_iterations} : i64
  %t00 = arith.constant 0.0 : f64
  %r:2 = scf.while (%n = %s0, %total = %t00) : (i64, f64) -> (i64, f64) {{
    %time_left = arith.cmpf olt, %total, %min_t : f64
    %too_few = arith.cmpi slt, %n, %min_n : i64
    %below_cap = arith.cmpi slt, %n, %max_n : i64
    %want = arith.ori %time_left, %too_few : i1
    %go = arith.andi %want, %below_cap : i1
    scf.condition(%go) %n, %total : i64, f64
  }} do {{
  ^bb0(%n: i64, %total: f64):
    %t0 = func.call @rtclock() : () -> f64
    func.call {fn}(%in, %out) : ({in_t}, {out_t}) -> ()
    %t1 = func.call @rtclock() : () -> f64
    %dt = arith.subf %t1, %t0 : f64
    func.call @printF64(%dt) : (f64) -> ()
    func.call @printNewline() : () -> ()
    %n1 = arith.addi %n, %one : i64
    %total1 = arith.addf %total, %dt : f64
    scf.yield %n1, %total1 : i64, f64
  }}
  return
}}
""".splitlines()
    return "\n".join(lines) + "\n"


def cpp_header():
    out = ["// Generated by gen_bench.py: the benchmark cases.", "#pragma once",
           '#include "harness.h"', "", "static const BenchCase kCases[] = {"]
    for case in CASES:
        name, shape, filt, strides, padding, lhs_dil, rhs_dil, dn = case
        (lb, lf, ls), (ob, of, os_) = layouts(case)
        pads = geometry(case).pads
        arr = lambda v: "{" + ", ".join(str(x) for x in v) + "}"
        out.append(
            f'  {{"{name}", {len(filt)}, {arr(shape)}, {arr(output_shape(case))}, {arr(filt)}, '
            f"{arr(strides)}, {arr([p[0] for p in pads])}, {arr([p[1] for p in pads])}, "
            f"{arr(lhs_dil)}, {arr(rhs_dil)}, {lb}, {lf}, {arr(ls)}, {ob}, {of}, {arr(os_)}, "
            f"{'true' if dn is None else 'false'}}},")
    out.append("};")
    out.append("")
    for prefix in PREFIXES:
        for case in CASES:
            out.append(f'extern "C" void _mlir_ciface_{prefix}_{case[0]}(void *in, void *out);')
    out.append("")
    for prefix in PREFIXES:
        out.append(f"static CompiledFn k{prefix.title().replace('_', '')}Fns[] = {{")
        for case in CASES:
            out.append(f"  _mlir_ciface_{prefix}_{case[0]},")
        out.append("};")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    for prefix in PREFIXES:
        with open(os.path.join(args.out_dir, f"{prefix}.mlir"), "w") as f:
            f.write(mlir_module(prefix))
    with open(os.path.join(args.out_dir, "cases.h"), "w") as f:
        f.write(cpp_header())


if __name__ == "__main__":
    main()
