#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""GPU benchmark of patches.extract: the kernel of patches-lower-to-nvvm
against a device-to-device copy of the output's bytes (the memory bound) and
a plain CUDA C++ im2col kernel built by nvcc (bench/gpu/baseline.cu).

For each case it writes a module that fills an input on the GPU and calls
`@extract` (one patches.extract) several times (with --device-buffers, lowered
with device-buffers=true: the input stays on the device and each call only
allocates its result there; by default each call copies its input in and
its result out around the kernel, which the timing leaves out), lowers it with
`patches-opt --patches-lower-to-nvvm`, runs it with mlir-runner and the CUDA
runtime wrapper (libpatches_cuda_runtime.so) under PATCHES_CUDA_PROFILE=1,
which times every kernel launch with CUDA events, and keeps the median time
of the `extract_kernel` launches (the first one warms up). The baseline
program times the copy and the nvcc kernel on the same geometry.

Run it through bench/gpu/run.sh, which builds what it needs. Without a
usable GPU it says so and exits 0.

Where the GPU's machine has no LLVM 22 (no patches-opt or mlir-runner
there), `--bundle DIR` prepares everything on a machine that has it: each
case lowered and compiled ahead of time (mlir-translate, llc) into an
executable linked with the runtime wrapper, which it finds beside itself,
and the baseline built for sm_90 by nvcc; `--prebuilt DIR` then runs them
on the GPU's machine, which needs only Python, the NVIDIA driver and this
file (bench/gpu/device_run.sh does both halves' second half).

Bandwidths count the bytes a kernel must move at least: the input read once
plus the output written, for both extraction kernels; the copy reads and
writes the output's size. `bound` is memcpy time / kernel time, `vs nvcc`
nvcc kernel time / lowered kernel time (above 1: the lowered kernel is
faster).
"""

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "utils"))
import aot_compile as aot  # noqa: E402
import patches_geometry as pg  # noqa: E402


def llvm_dirs(build):
    """(tools, libraries) of the LLVM the build was configured with (its
    patches-env.sh), or Debian's LLVM 22 where it has none."""
    found = {"PATCHES_LLVM_TOOLS_DIR": "/usr/lib/llvm-22/bin",
             "PATCHES_LLVM_LIB_DIR": "/usr/lib/llvm-22/lib"}
    env = build / "patches-env.sh"
    if env.exists():
        for line in env.read_text().splitlines():
            name, equals, value = line.partition("=")
            if equals and name in found:
                found[name] = (shlex.split(value) or [""])[0]
    return Path(found["PATCHES_LLVM_TOOLS_DIR"]), Path(found["PATCHES_LLVM_LIB_DIR"])


@dataclass
class Case:
    name: str
    lhs_spec: str
    rhs_spec: str
    out_spec: str
    batch: int
    channels: int
    spatial: list  # canonical (rhs_spec) order
    filter: list
    strides: list
    padding: object = "SAME"  # "SAME" | "VALID" | [(lo, hi), ...]
    lhs_dilation: list = field(default_factory=list)
    rhs_dilation: list = field(default_factory=list)

    def __post_init__(self):
        n = len(self.spatial)
        self.lhs_dilation = self.lhs_dilation or [1] * n
        self.rhs_dilation = self.rhs_dilation or [1] * n


def geometry(case):
    """The case's geometry (utils/patches_geometry.py)."""
    specs = (case.lhs_spec, case.rhs_spec, case.out_spec)
    layout = pg.parse_dimension_numbers(specs, len(case.spatial))
    in_shape = layout.lhs.place([case.batch, case.channels] + list(case.spatial))
    return pg.geometry(in_shape, case.filter, case.strides, case.padding, case.lhs_dilation,
                       case.rhs_dilation, specs)


def shapes(case):
    """Input and output shapes, the positions of (batch, feature, spatial...)
    in each, and per canonical dimension (lo, hi, output size)."""
    g = geometry(case)

    def positions(spec):
        return [spec.batch, spec.feature] + list(spec.spatial)

    return (list(g.in_shape), list(g.out_shape), positions(g.layout.lhs),
            positions(g.layout.out), [(lo, hi, o) for (lo, hi), o in zip(g.pads, g.out_sizes)])


CASES = [
    Case("resnet 3x3 s1 SAME, NCHW", "NCHW", "OIHW", "NCHW", 32, 64, [56, 56], [3, 3], [1, 1]),
    Case("resnet 3x3 s1 SAME, NHWC", "NHWC", "HWIO", "NHWC", 32, 64, [56, 56], [3, 3], [1, 1]),
    Case("stem 7x7 s2 SAME, NCHW", "NCHW", "OIHW", "NCHW", 32, 3, [224, 224], [7, 7], [2, 2]),
    Case("3x3 rhs dilation 2, NCHW", "NCHW", "OIHW", "NCHW", 32, 64, [56, 56], [3, 3], [1, 1],
         rhs_dilation=[2, 2]),
    Case("3-D 3x3x3 SAME, NCDHW", "NCDHW", "OIDHW", "NCDHW", 32, 3, [16, 112, 112], [3, 3, 3],
         [1, 1, 1]),
    Case("1-D window 9 SAME, NCW", "NCW", "OIW", "NCW", 32, 64, [16000], [9], [1]),
    Case("3x3 lhs dilation 2, NCHW", "NCHW", "OIHW", "NCHW", 32, 64, [28, 28], [3, 3], [1, 1],
         padding=[(1, 1), (1, 1)], lhs_dilation=[2, 2]),
]


def module_text(case, iterations, device_buffers=False):
    """The case's module. With device_buffers (lowered with
    device-buffers=true) every buffer is in device memory, so the host reads
    no element of the result: each call's result is only freed."""
    in_shape, out_shape, _, _, _ = shapes(case)
    in_type, out_type = pg.tensor_type(in_shape, "f32"), pg.tensor_type(out_shape, "f32")
    padding = pg.padding_text(case.padding)
    zeros = ", ".join(["%c0"] * len(out_shape))
    if device_buffers:
        use = ""
    else:
        use = f"""
    %v = tensor.extract %y[{zeros}] : {out_type}
    func.call @printF32(%v) : (f32) -> ()
    func.call @printNewline() : () -> ()"""
    return f"""
func.func @extract(%x: {in_type}) -> {out_type} {{
  %y = patches.extract %x filter_shape = {case.filter} window_strides = {case.strides}
      padding = {padding} lhs_dilation = {case.lhs_dilation} rhs_dilation = {case.rhs_dilation}
      dimension_numbers = ("{case.lhs_spec}", "{case.rhs_spec}", "{case.out_spec}")
      : {in_type} -> {out_type}
  return %y : {out_type}
}}

func.func @main() {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %iterations = arith.constant {iterations} : index
  %one = arith.constant 1.0 : f32
  %empty = tensor.empty() : {in_type}
  %x = linalg.fill ins(%one : f32) outs(%empty : {in_type}) -> {in_type}
  scf.for %i = %c0 to %iterations step %c1 {{
    %y = func.call @extract(%x) : ({in_type}) -> {out_type}{use}
  }}
  return
}}

func.func private @printF32(f32)
func.func private @printNewline()
"""


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"bench.py: {' '.join(map(str, command))} failed:\n"
                 f"{result.stdout[-2000:]}{result.stderr[-4000:]}")
    return result


def gpu_problem(runtime):
    """Why the benchmark cannot run here, or None."""
    smi = shutil.which("nvidia-smi")
    if not smi:
        return "nvidia-smi not found"
    listing = subprocess.run([smi, "-L"], capture_output=True, text=True)
    if listing.returncode != 0 or "GPU" not in listing.stdout:
        return "nvidia-smi lists no GPU"
    if not runtime.exists():
        return f"{runtime} was not built (configure with CUDA found)"
    return None


def output_dir(args, build):
    out = Path(args.out_dir or build / "bench-gpu")
    out.mkdir(parents=True, exist_ok=True)
    return out


def selected_cases(args):
    """(index, case) of each case that --only selects."""
    return [(index, case) for index, case in enumerate(CASES)
            if not args.only or args.only in case.name]


def pipeline_options(args):
    """The patches-lower-to-nvvm options: --options, plus device-buffers=true
    with --device-buffers."""
    options = args.options
    if args.device_buffers:
        options = f"{options} device-buffers=true".strip()
    return options


def lower_case(args, build, out, index, case):
    """Writes the case's module and lowers it; returns the lowered file."""
    source = out / f"case{index}.mlir"
    source.write_text(module_text(case, args.iterations + 1, args.device_buffers))
    lowered = out / f"case{index}.nvvm.mlir"
    run([build / "bin" / "patches-opt", source,
         f"--patches-lower-to-nvvm={pipeline_options(args)}", "-o", lowered])
    return lowered


def bundle(args, build):
    """Writes, lowers and compiles every selected case into args.bundle, an
    executable each, with the runtime wrapper beside them and the baseline
    built for sm_90: all that --prebuilt needs on a GPU's machine."""
    out = Path(args.bundle).resolve()
    llvm_bin, _ = llvm_dirs(build)
    runtime = build / "lib" / "libpatches_cuda_runtime.so"
    if not runtime.exists():
        sys.exit(f"bench.py: {runtime} was not built (configure with "
                 "-DPATCHES_ENABLE_CUDA_RUNTIME=ON)")
    compiler = aot.Compiler(out, llvm_bin, runtime)
    cases = selected_cases(args)
    for index, case in cases:
        compiler.compile(lower_case(args, build, out, index, case), f"case{index}")
    nvcc = Path(os.environ.get("NVCC", "/usr/local/cuda/bin/nvcc"))
    baseline = "no baseline (nvcc not found)"
    if nvcc.exists():
        run([nvcc, "-O3", "-std=c++17", "-arch=sm_90",
             Path(__file__).resolve().parent / "baseline.cu", "-o", out / "baseline"])
        baseline = "the baseline"
    # What --prebuilt must know of how the executables were made.
    (out / "bundle.json").write_text(json.dumps(
        {"options": pipeline_options(args), "iterations": args.iterations}))
    print(f"bundle: {len(cases)} cases and {baseline} in {out} "
          f"(patches-lower-to-nvvm options: {pipeline_options(args)})")
    return 0


def dry_run(args, build):
    """Writes and lowers every selected case, as a run would: a check that
    the benchmark still builds where no GPU is."""
    out = output_dir(args, build)
    cases = selected_cases(args)
    for index, case in cases:
        lowered = lower_case(args, build, out, index, case)
        if "gpu.binary @extract_kernel" not in lowered.read_text():
            sys.exit(f"bench.py: {case.name} lowered to no extract_kernel binary")
    mode = "device" if args.device_buffers else "host"
    print(f"dry run: lowered {len(cases)} cases ({mode} buffers)")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default="build")
    parser.add_argument("--out-dir", default=None)
    parser.add_argument("--baseline", help="the built baseline program")
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--options", default="format=isa",
                        help="patches-lower-to-nvvm options, e.g. 'block-size=512'")
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--device-buffers", action="store_true",
                        help="lower with device-buffers=true: the input stays on the "
                             "device and each call allocates its result there, with no "
                             "host copies around the kernel")
    parser.add_argument("--dry-run", action="store_true",
                        help="only write and lower each case's module (no GPU needed)")
    parser.add_argument("--bundle", metavar="DIR",
                        help="write, lower and compile each case into DIR (an executable "
                             "each, the runtime wrapper, the baseline), for --prebuilt on "
                             "a GPU's machine without LLVM (no GPU needed here)")
    parser.add_argument("--prebuilt", metavar="DIR",
                        help="run the cases and the baseline that --bundle put in DIR, "
                             "with the iterations they were built with (no patches-opt "
                             "or mlir-runner needed)")
    args = parser.parse_args()

    build = Path(args.build_dir).resolve()
    if args.dry_run:
        return dry_run(args, build)
    if args.bundle:
        return bundle(args, build)
    prebuilt = Path(args.prebuilt).resolve() if args.prebuilt else None
    runtime = (prebuilt or build / "lib") / "libpatches_cuda_runtime.so"
    problem = gpu_problem(runtime)
    if problem:
        print(f"GPU benchmark skipped: no usable GPU ({problem}).")
        return 0
    options = pipeline_options(args)
    if prebuilt:
        args.baseline = args.baseline or str(prebuilt / "baseline")
        made = json.loads((prebuilt / "bundle.json").read_text())
        options, args.iterations = made["options"], made["iterations"]
    else:
        out = output_dir(args, build)
        llvm_bin, llvm_lib = llvm_dirs(build)
        shared_libs = ",".join(str(p) for p in [llvm_lib / "libmlir_runner_utils.so",
                                                 llvm_lib / "libmlir_c_runner_utils.so",
                                                 runtime])
    gpu = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"],
                         capture_output=True, text=True).stdout.strip().splitlines()[0]
    print(f"GPU: {gpu}; patches-lower-to-nvvm options: {options}; "
          f"median of {args.iterations} runs (first run excluded)"
          + (f"; prebuilt in {prebuilt}" if prebuilt else ""))
    header = (f"{'case':30} {'output MB':>9} {'lowered ms':>10} {'GB/s':>7} "
              f"{'memcpy ms':>9} {'GB/s':>7} {'nvcc ms':>9} {'GB/s':>7} {'bound':>6} {'vs nvcc':>7}")
    print(header)
    print("-" * len(header))
    for index, case in selected_cases(args):
        in_shape, out_shape, lhs_layout, out_layout, geometry = shapes(case)
        if prebuilt:
            command = [prebuilt / f"case{index}"]
        else:
            lowered = lower_case(args, build, out, index, case)
            command = [llvm_bin / "mlir-runner", lowered, "-e", "main",
                       "-entry-point-result=void", f"-shared-libs={shared_libs}"]
        result = run(command, env=dict(os.environ, PATCHES_CUDA_PROFILE="1"))
        # The kernels outlined from @extract are extract_kernel, then
        # extract_kernel_0, ... (the conv strategy has several): a call's
        # time is the sum of its launches.
        times = [float(m) for m in re.findall(
            r"profile kernel=extract_kernel\S* .* ms=([0-9.]+)", result.stderr)]
        calls = args.iterations + 1
        if not times or len(times) % calls:
            sys.exit(f"bench.py: no timings of extract_kernel for {case.name}:\n"
                     f"{result.stderr[-2000:]}")
        per_call = len(times) // calls
        lowered_ms = statistics.median(
            sum(times[i * per_call:(i + 1) * per_call]) for i in range(1, calls))
        line = run([args.baseline, "--rank", str(len(case.spatial)),
                    "--input-shape", ",".join(map(str, in_shape)),
                    "--output-shape", ",".join(map(str, out_shape)),
                    "--lhs-layout", ",".join(map(str, lhs_layout)),
                    "--out-layout", ",".join(map(str, out_layout)),
                    "--filter", ",".join(map(str, case.filter)),
                    "--strides", ",".join(map(str, case.strides)),
                    "--pad-low", ",".join(str(g[0]) for g in geometry),
                    "--lhs-dilation", ",".join(map(str, case.lhs_dilation)),
                    "--rhs-dilation", ",".join(map(str, case.rhs_dilation)),
                    "--iterations", str(args.iterations), "--check"]).stdout
        values = dict(re.findall(r"(\w+)=([0-9.]+)", line))
        memcpy_ms, nvcc_ms = float(values["memcpy_ms"]), float(values["im2col_ms"])
        out_bytes, in_bytes = int(values["output_bytes"]), int(values["input_bytes"])
        moved = (in_bytes + out_bytes) / 1e9
        print(f"{case.name:30} {out_bytes / 1e6:9.1f} {lowered_ms:10.3f} "
              f"{moved / (lowered_ms / 1e3):7.0f} {memcpy_ms:9.3f} "
              f"{2 * out_bytes / 1e9 / (memcpy_ms / 1e3):7.0f} {nvcc_ms:9.3f} "
              f"{moved / (nvcc_ms / 1e3):7.0f} {memcpy_ms / lowered_ms:6.2f} "
              f"{nvcc_ms / lowered_ms:7.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
