#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Extracts the PTX of the gpu.binary ops of an MLIR module, and assembles it.

Reads a module lowered with `patches-lower-to-nvvm{format=isa}` (from a file
or stdin). Each `#gpu.object` holds the PTX of one gpu.module in its
`assembly` string.

    extract_ptx.py lowered.mlir                  # prints every PTX module
    extract_ptx.py --ptxas PTXAS --arch sm_90 lowered.mlir

With --ptxas, assembles each PTX module separately (`ptxas -arch=ARCH`),
prints `assembled N PTX modules` and fails on the first ptxas error, showing
its message. With --resources too, it asks ptxas (-v) what each kernel uses
and prints one line per kernel:

    resources KERNEL: registers R, stack S, spill stores T, spill loads L, smem M, global loads G, global stores W

(the last two count `ld.global`/`st.global` instructions in its PTX).
Fails when the input holds no object at all.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# MLIR prints string attributes with \\, \" and two-digit hex escapes.
_ESCAPE = re.compile(r'\\([0-9A-Fa-f]{2}|\\|")')
_OBJECT = re.compile(r'#gpu\.object<.*?assembly = "((?:[^"\\]|\\.)*)"', re.S)


def unescape(text):
    def replace(match):
        code = match.group(1)
        return code if code in ('\\', '"') else chr(int(code, 16))
    return _ESCAPE.sub(replace, text)


_ENTRY = re.compile(r"\.entry\s+(\w+)\s*\(")
_INFO_NUMBER = r"(\d+) bytes {}"


def kernel_bodies(ptx):
    """(name, PTX text) of each kernel (.entry) of a module."""
    starts = [(m.start(), m.group(1)) for m in _ENTRY.finditer(ptx)]
    ends = [start for start, _ in starts[1:]] + [len(ptx)]
    return [(name, ptx[start:end]) for (start, name), end in zip(starts, ends)]


def resources(ptxas_output, ptx):
    """One line per kernel from `ptxas -v` and the kernel's PTX."""
    lines = []
    for name, body in kernel_bodies(ptx):
        # ptxas reports "Function properties for NAME" (stack and spills) and
        # then "Used R registers, ... M bytes smem" after "entry function 'NAME'".
        section = ptxas_output.split(f"entry function '{name}'", 1)
        if len(section) != 2:
            sys.exit(f"extract_ptx.py: ptxas -v says nothing of kernel {name}")
        info = section[1].split("Compiling entry function", 1)[0]
        def number(pattern, default=None):
            match = re.search(pattern, info)
            if match:
                return int(match.group(1))
            if default is None:
                sys.exit(f"extract_ptx.py: no '{pattern}' for kernel {name} in:\n{info}")
            return default
        fields = [
            ("registers", number(r"Used (\d+) registers")),
            ("stack", number(_INFO_NUMBER.format("stack frame"))),
            ("spill stores", number(_INFO_NUMBER.format("spill stores"))),
            ("spill loads", number(_INFO_NUMBER.format("spill loads"))),
            # ptxas leaves the smem figure out when a kernel uses none.
            ("smem", number(_INFO_NUMBER.format("smem"), 0)),
            ("global loads", len(re.findall(r"\bld\.global\.", body))),
            ("global stores", len(re.findall(r"\bst\.global\.", body))),
        ]
        lines.append(f"resources {name}: " +
                     ", ".join(f"{what} {value}" for what, value in fields))
    return lines


def assemble(ptxas, arch, modules, verbose=False):
    report = []
    with tempfile.TemporaryDirectory() as directory:
        for index, ptx in enumerate(modules):
            path = os.path.join(directory, f"module_{index}.ptx")
            with open(path, "w") as file:
                file.write(ptx)
            command = [ptxas, f"-arch={arch}", path, "-o", os.devnull]
            if verbose:
                command.insert(1, "-v")
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                sys.stderr.write(result.stdout + result.stderr)
                sys.exit(f"extract_ptx.py: ptxas failed on PTX module {index}")
            if verbose:
                report += resources(result.stdout + result.stderr, ptx)
    print(f"assembled {len(modules)} PTX modules")
    for line in report:
        print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", help="the module (default: stdin)")
    parser.add_argument("--ptxas", help="assemble each PTX module with this ptxas")
    parser.add_argument("--arch", default="sm_90", help="ptxas -arch (default sm_90)")
    parser.add_argument("--resources", action="store_true",
                        help="with --ptxas: print what each kernel uses")
    args = parser.parse_args()
    source = open(args.input).read() if args.input else sys.stdin.read()
    modules = [unescape(a).rstrip("\0") + "\n" for a in _OBJECT.findall(source)]
    if not modules:
        sys.exit("extract_ptx.py: no #gpu.object with an assembly in the input")
    if args.ptxas:
        assemble(args.ptxas, args.arch, modules, verbose=args.resources)
    else:
        sys.stdout.write("".join(modules))


if __name__ == "__main__":
    main()
