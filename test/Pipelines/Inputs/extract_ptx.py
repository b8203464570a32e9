#!/usr/bin/env python3
"""Extracts the PTX of the gpu.binary ops of an MLIR module, and assembles it.

Reads a module lowered with `patches-lower-to-nvvm{format=isa}` (from a file
or stdin). Each `#gpu.object` holds the PTX of one gpu.module in its
`assembly` string.

    extract_ptx.py lowered.mlir                  # prints every PTX module
    extract_ptx.py --ptxas PTXAS --arch sm_90 lowered.mlir

With --ptxas, assembles each PTX module separately (`ptxas -arch=ARCH`),
prints `assembled N PTX modules` and fails on the first ptxas error, showing
its message. Fails when the input holds no object at all.
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


def assemble(ptxas, arch, modules):
    with tempfile.TemporaryDirectory() as directory:
        for index, ptx in enumerate(modules):
            path = os.path.join(directory, f"module_{index}.ptx")
            with open(path, "w") as file:
                file.write(ptx)
            result = subprocess.run(
                [ptxas, f"-arch={arch}", path, "-o", os.devnull],
                capture_output=True, text=True)
            if result.returncode != 0:
                sys.stderr.write(result.stdout + result.stderr)
                sys.exit(f"extract_ptx.py: ptxas failed on PTX module {index}")
    print(f"assembled {len(modules)} PTX modules")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", help="the module (default: stdin)")
    parser.add_argument("--ptxas", help="assemble each PTX module with this ptxas")
    parser.add_argument("--arch", default="sm_90", help="ptxas -arch (default sm_90)")
    args = parser.parse_args()
    source = open(args.input).read() if args.input else sys.stdin.read()
    modules = [unescape(a).rstrip("\0") + "\n" for a in _OBJECT.findall(source)]
    if not modules:
        sys.exit("extract_ptx.py: no #gpu.object with an assembly in the input")
    if args.ptxas:
        assemble(args.ptxas, args.arch, modules)
    else:
        sys.stdout.write("".join(modules))


if __name__ == "__main__":
    main()
