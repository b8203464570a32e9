#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Prints the benchmark's table from Google Benchmark JSON files: the
linked route's and the bounds' (bench/bench_main.cpp, first), the JIT
route's (bench/jit.py) and torch's (bench/torch_unfold.py), and checks
issue #15's targets (bench/cases.py's TARGETS; informational: a missed
target does not change the exit status, a benchmark that reported an error,
such as a wrong result, does).

Usage: table.py [--json MERGED] FILE.json...

Times are wall-clock (Google Benchmark's real_time: the mean over the
iterations of a run; with repetitions, the median of the runs). GB/s counts
the output bytes written. vs_fill is the write bound's time over the row's
(> 1 is faster than the bound), vs_memcpy memcpy's; rows of N threads (_mt)
are compared with the bounds on N threads."""

import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import (CASES, TARGETS, THREADS_TARGET, VS_MEMCPY_TARGET,  # noqa: E402
                   VS_TORCH_TARGET)

BOUNDS = ("memcpy", "fill_fresh", "fill_dest")
ORDER = ("memcpy", "memcpy_mt", "fill_fresh", "fill_fresh_mt", "fill_dest", "fill_dest_mt",
         "gather", "gather_mt", "conv", "reference", "torch_unfold")
UNITS = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}


def load(paths):
    """(context of the first file, {(case, method, route): entry}, errors)"""
    context, runs, errors = {}, {}, []
    for i, path in enumerate(paths):
        with open(path) as f:
            doc = json.load(f)
        if i == 0:
            context = doc.get("context", {})
        for b in doc.get("benchmarks", []):
            parts = b["run_name" if "run_name" in b else "name"].split("/")
            route = b.get("route") or (parts[2] if len(parts) > 2 else "aot")
            key = (parts[0], parts[1], route)
            if b.get("error_occurred"):
                errors.append(f"{b['name']}: {b.get('error_message', 'error')}")
                runs.setdefault(key, {"error": True})
                continue
            entry = runs.setdefault(key, {"times": [], "median": None})
            if "times" not in entry:
                continue
            us = b["real_time"] * UNITS[b.get("time_unit", "ns")]
            if b.get("run_type") == "aggregate":
                if b.get("aggregate_name") == "median":
                    entry["median"] = us
            else:
                entry["times"].append(us)
            entry["bytes"] = b.get("bytes", entry.get("bytes"))
    result = {}
    for key, entry in runs.items():
        if entry.get("error"):
            result[key] = None
        elif entry["median"] is not None or entry["times"]:
            t = entry["median"] if entry["median"] is not None else statistics.median(entry["times"])
            result[key] = {"us": t, "bytes": entry.get("bytes")}
    return context, result, errors


def merged(paths):
    docs = [json.load(open(p)) for p in paths]
    out = {"context": dict(docs[0].get("context", {}) if docs else {}), "benchmarks": []}
    for d in docs:
        for b in d.get("benchmarks", []):
            if "route" not in b and not b["name"].endswith(("/jit", "/torch_unfold")):
                b = dict(b, route="aot")
            out["benchmarks"].append(b)
    return out


def header(context):
    threads = context.get("patches_threads", "?")
    load = context.get("load_avg")
    lines = [
        f"CPU: {context.get('cpu_model', '?')} (LLVM host CPU: {context.get('llvm_host_cpu', '?')}),"
        f" {context.get('num_cpus', '?')} cores, transparent huge pages: "
        f"{context.get('transparent_hugepage', '?')}"
        + (f", load average {load[0]:.2f} at the start" if load else ""),
        f"date: {context.get('date', '?')}; commit: {context.get('patches_commit', '?')};"
        f" options: {context.get('patches_options', 'none')}; _mt: {threads} threads",
        "time: wall-clock us per call (mean of a run, median of repetitions); GB/s: output bytes",
        "vs_fill: against the write bound, the faster of fill_fresh (a cold buffer) and"
        " fill_dest (the destination), named per case; vs_memcpy: against memcpy of the output"
        " bytes; _mt rows against the bounds on the same threads; x1t: over 1 thread",
        "routes: aot = patches-opt + mlir-translate + opt/llc -O3 -mcpu=native, linked;"
        " jit = mlir-runner -O3; c++ = the harness (bounds, reference)",
    ]
    return lines


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--json", help="write all the files' results into this one")
    args = parser.parse_args()
    context, runs, errors = load(args.files)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(merged(args.files), f, indent=1)

    print("\n".join(header(context)))
    print()
    cols = "%-20s %-13s %-5s %11s %8s %8s %9s %6s  %s"
    print(cols % ("case", "method", "route", "time_us", "GB/s", "vs_fill", "vs_memcpy", "x1t",
                  "targets (issue #15)"))
    passed, missed = [], []

    def target(label, value, least, keep=1):
        """PASS/MISS of value >= least, recorded under label (case, route,
        ratio); the note shown keeps its last `keep` words."""
        shown = " ".join(label.split(" ")[-keep:])
        if value is None:
            return f"{shown}: -"
        ok = value >= least
        (passed if ok else missed).append(f"{label} {value:.2f} (target {least:g})")
        return f"{shown}>={least:g} {'PASS' if ok else 'MISS'}"

    for case in CASES:
        name = case[0]
        got = {(m, r): v for (c, m, r), v in runs.items() if c == name}
        if not got:
            continue

        def us(method, route="aot"):
            v = got.get((method, route))
            return v["us"] if v else None

        def bound(mt):
            suffix = "_mt" if mt else ""
            times = [(us(b + suffix), b + suffix) for b in ("fill_fresh", "fill_dest")
                     if us(b + suffix) is not None]
            return min(times) if times else (None, None)

        nbytes = next((v["bytes"] for v in got.values() if v and v.get("bytes")), None)
        fill1, fill_mt = bound(False), bound(True)
        print(f"{name}: {nbytes / 1e6:.1f} MB out; write bound: {fill1[1] or '-'} (1 thread),"
              f" {fill_mt[1] or '-'} ({context.get('patches_threads', '?')} threads)"
              if nbytes else f"{name}:")
        order = sorted(got, key=lambda k: (ORDER.index(k[0]) if k[0] in ORDER else 99,
                                           ("aot", "c++", "jit", "torch").index(k[1])
                                           if k[1] in ("aot", "c++", "jit", "torch") else 9))
        for method, route in order:
            v = got[(method, route)]
            shown_route = "c++" if method in ORDER[:6] + ("reference",) else route
            if v is None:
                print(cols % (name, method, shown_route, "ERROR", "", "", "", "", "wrong result"))
                continue
            mt = method.endswith("_mt")
            t = v["us"]
            fill_t = (fill_mt if mt else fill1)[0]
            memcpy_t = us("memcpy_mt" if mt else "memcpy")
            vs_fill = fill_t / t if fill_t else None
            vs_memcpy = memcpy_t / t if memcpy_t else None
            speedup = None
            notes = []
            one = us("gather", route)
            if method == "gather_mt" and one:
                speedup = one / t
                if TARGETS.get(name, {}).get("batched") and context.get("patches_threads") == "2":
                    notes.append(target(f"{name} {route} x1t", speedup, THREADS_TARGET))
            if method == "gather":
                least = TARGETS.get(name, {}).get("vs_fill")
                if least is not None:
                    notes.append(target(f"{name} {route} vs_fill", vs_fill, least))
                notes.append(target(f"{name} {route} vs_memcpy", vs_memcpy, VS_MEMCPY_TARGET))
            if method == "torch_unfold":
                for r in ("aot", "jit"):
                    g = us("gather", r)
                    if g:
                        notes.append(target(f"{name} {r} vs_torch", t / g, VS_TORCH_TARGET, 2))
            gbs = v["bytes"] / (t * 1e-6) / 1e9 if v.get("bytes") else None
            print(cols % (name, method, shown_route, fmt(t, ".1f"), fmt(gbs, ".2f"),
                          fmt(vs_fill, ".2f"), fmt(vs_memcpy, ".2f"), fmt(speedup, ".2f"),
                          "; ".join(notes)))
    print()
    print(f"issue #15 targets: {len(passed)} PASS, {len(missed)} MISS"
          + (" (informational)" if passed or missed else ""))
    for m in missed:
        print(f"  MISS {m}")
    if errors:
        print()
        for e in errors:
            print(f"ERROR {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
