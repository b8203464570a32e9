#!/usr/bin/env python3
"""Prints the PTX held by the gpu.binary ops of an MLIR module.

Reads the module (after `patches-lower-to-nvvm{format=isa}`) from a file or
stdin and writes, for each `#gpu.object` of the module, its `assembly`
string unescaped: the PTX that `ptxas` can assemble. Fails when there is no
object at all.
"""

import re
import sys

# MLIR prints string attributes with \\, \" and two-digit hex escapes.
_ESCAPE = re.compile(r'\\([0-9A-Fa-f]{2}|\\|")')
_OBJECT = re.compile(r'#gpu\.object<.*?assembly = "((?:[^"\\]|\\.)*)"', re.S)


def unescape(text):
    def replace(match):
        code = match.group(1)
        return code if code in ('\\', '"') else chr(int(code, 16))
    return _ESCAPE.sub(replace, text)


def main():
    source = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
    objects = _OBJECT.findall(source)
    if not objects:
        sys.exit("extract_ptx.py: no #gpu.object with an assembly in the input")
    for assembly in objects:
        sys.stdout.write(unescape(assembly).rstrip("\0"))
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
