# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks that the tools, libraries and Python the tests use are those of the
packages CMake found: the LLVM/MLIR of MLIR_DIR and the Python of
find_package(Python3), as the build directory's CMakeCache.txt records them.

    check_configured_paths.py --build-dir B --tools-dir T --lib-dir L \\
        --llvm-cmake-dir D --mlir-cmake-dir M --python P TOOL...

The directories and P are what lit uses (%llvm_tools_dir, %mlir_lib_dir,
...); each TOOL is a path lit substituted for a tool name (FileCheck,
mlir-runner, ...). Prints one `ok` or `FAIL` line per check and
`configured paths: N checks, K failed` last; exits 1 when K > 0.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

RUNTIME_LIBRARIES = ("libmlir_runner_utils.so", "libmlir_c_runner_utils.so")


def same(a, b):
    return bool(a) and bool(b) and os.path.realpath(a) == os.path.realpath(b)


def cmake_cache(build_dir):
    """{name: value} of CMakeCache.txt."""
    entries = {}
    with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
        for line in f:
            match = re.match(r"([A-Za-z0-9_]+):[A-Z]+=(.*)$", line.rstrip("\n"))
            if match:
                entries[match.group(1)] = match.group(2)
    return entries


def env_file(path):
    """{name: value} of the NAME='value' lines of patches-env.sh."""
    entries = {}
    with open(path) as f:
        for line in f:
            if re.match(r"[A-Z_]+=", line):
                name, _, value = line.strip().partition("=")
                entries[name] = (shlex.split(value) or [""])[0]
    return entries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--tools-dir", required=True)
    parser.add_argument("--lib-dir", required=True)
    parser.add_argument("--llvm-cmake-dir", required=True)
    parser.add_argument("--mlir-cmake-dir", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--llvm-version-major", default="22")
    parser.add_argument("tools", nargs="*", help="tool paths lit substituted")
    args = parser.parse_args()
    results = []

    def check(name, condition, detail=""):
        results.append(bool(condition))
        print(f"{'ok  ' if condition else 'FAIL'} {name}" + (f": {detail}" if detail else ""))

    cache = cmake_cache(args.build_dir)
    # What CMake found is what lit uses.
    check("MLIR_DIR", same(cache.get("MLIR_DIR"), args.mlir_cmake_dir),
          f"found {cache.get('MLIR_DIR')}, lit has {args.mlir_cmake_dir}")
    check("LLVM_DIR", same(cache.get("LLVM_DIR"), args.llvm_cmake_dir),
          f"found {cache.get('LLVM_DIR')}, lit has {args.llvm_cmake_dir}")
    check("MLIRConfig.cmake", os.path.isfile(os.path.join(args.mlir_cmake_dir, "MLIRConfig.cmake")))
    check("Python3_EXECUTABLE", same(cache.get("Python3_EXECUTABLE"), args.python),
          f"found {cache.get('Python3_EXECUTABLE')}, %python is {args.python}")
    check("the test runs in %python", same(sys.executable, args.python),
          f"{sys.executable} vs {args.python}")

    # The package's own account of where its tools and libraries are.
    llvm_config = os.path.join(args.tools_dir, "llvm-config")
    if os.access(llvm_config, os.X_OK):
        def ask(flag):
            return subprocess.run([llvm_config, flag], capture_output=True, text=True,
                                  timeout=60).stdout.strip()
        check("llvm-config --bindir", same(ask("--bindir"), args.tools_dir),
              f"{ask('--bindir')} vs {args.tools_dir}")
        check("llvm-config --libdir", same(ask("--libdir"), args.lib_dir),
              f"{ask('--libdir')} vs {args.lib_dir}")
        check("llvm-config --cmakedir", same(ask("--cmakedir"), args.llvm_cmake_dir),
              f"{ask('--cmakedir')} vs {args.llvm_cmake_dir}")
        version = ask("--version")
        check(f"LLVM {args.llvm_version_major}",
              version.split(".")[0] == args.llvm_version_major, version)
    else:
        print(f"(no llvm-config in {args.tools_dir}: its checks are left out)")

    # Tools from the tools directory, runtime libraries from the library
    # directory, and patches-opt linked against the package's libMLIR.
    for tool in args.tools:
        check(f"tool {os.path.basename(tool)}",
              same(os.path.dirname(tool), args.tools_dir), tool)
    for library in RUNTIME_LIBRARIES:
        check(library, os.path.isfile(os.path.join(args.lib_dir, library)), args.lib_dir)
    patches_opt = os.path.join(args.build_dir, "bin", "patches-opt")
    try:
        ldd = subprocess.run(["ldd", patches_opt], capture_output=True, text=True,
                             timeout=60).stdout
    except OSError:
        ldd = None
    if ldd is None:
        print("(no ldd: the libMLIR check is left out)")
    else:
        linked = re.search(r"libMLIR\.so\S* => (\S+)", ldd)
        check("patches-opt links the package's libMLIR",
              linked and same(os.path.dirname(os.path.realpath(linked.group(1))), args.lib_dir),
              linked.group(1) if linked else "no libMLIR in ldd's output")

    # The Python has what the tests need.
    numpy = subprocess.run([args.python, "-c", "import numpy"], capture_output=True, text=True,
                           timeout=60)
    check("numpy in %python", numpy.returncode == 0, "; ".join(numpy.stderr.strip().splitlines()[-1:]))

    # The scripts' view (patches-env.sh) is the same.
    env_path = os.path.join(args.build_dir, "patches-env.sh")
    env = env_file(env_path) if os.path.isfile(env_path) else {}
    check("patches-env.sh tools", same(env.get("PATCHES_LLVM_TOOLS_DIR"), args.tools_dir),
          env.get("PATCHES_LLVM_TOOLS_DIR"))
    check("patches-env.sh libraries", same(env.get("PATCHES_LLVM_LIB_DIR"), args.lib_dir),
          env.get("PATCHES_LLVM_LIB_DIR"))
    check("patches-env.sh python", same(env.get("PATCHES_PYTHON"), args.python),
          env.get("PATCHES_PYTHON"))

    failed = results.count(False)
    print(f"configured paths: {len(results)} checks, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
