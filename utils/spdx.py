#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Adds, or checks, the license line of every source file of patches.

    spdx.py ROOT --check   lists the tracked source files without it; fails
                           if there are any
    spdx.py ROOT --add     adds it where it is missing

C, C++ and TableGen files get the LLVM-style block after their banner
line; CMake, Python and shell files a comment line (after a shebang).
Test inputs (.mlir, .test) carry none, as upstream's do.
"""

import os
import subprocess
import sys

LINE = "SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception"
SLASH_EXTS = (".cpp", ".h", ".c", ".td", ".inc.in", ".h.in", ".cpp.in")
HASH_EXTS = (".py", ".sh", ".cmake", ".cmake.in", ".sh.in", ".py.in")
HASH_NAMES = ("CMakeLists.txt", "run")
BANNER_END = "//===" + "-" * 70 + "===//"


def kind(path):
    name = os.path.basename(path)
    if name.endswith(SLASH_EXTS):
        return "//"
    if name.endswith(HASH_EXTS) or name in HASH_NAMES:
        return "#"
    return None


def tracked_sources(root):
    out = subprocess.run(["git", "-C", root, "ls-files"], check=True,
                         capture_output=True, text=True).stdout.split()
    return [p for p in out if kind(p)]


def add(text, style):
    lines = text.splitlines(keepends=True)
    if style == "#":
        at = 1 if lines and lines[0].startswith("#!") else 0
        return "".join(lines[:at] + ["# " + LINE + "\n"] + lines[at:])
    block = ["//\n",
             "// Part of patches, under the Apache License v2.0 with LLVM "
             "Exceptions.\n",
             "// See the LICENSE file for license information.\n",
             "// " + LINE + "\n"]
    if lines and lines[0].startswith("//===-"):
        rest = lines[1:]
        if rest and rest[0].rstrip("\n") == "//":
            return "".join(lines[:1] + block + rest)
        return "".join(lines[:1] + block + ["//\n", BANNER_END + "\n"] + rest)
    return "".join(["// " + LINE + "\n", "\n"] + lines)


def main(argv):
    if len(argv) != 3 or argv[2] not in ("--check", "--add"):
        sys.exit(__doc__)
    root = argv[1]
    missing = []
    for path in tracked_sources(root):
        full = os.path.join(root, path)
        if not os.path.isfile(full):
            continue
        with open(full, encoding="utf-8") as f:
            text = f.read()
        if LINE in text[:2000]:
            continue
        missing.append(path)
        if argv[2] == "--add":
            with open(full, "w", encoding="utf-8") as f:
                f.write(add(text, kind(path)))
    if argv[2] == "--check":
        if missing:
            sys.exit("source files without '%s':\n  %s" %
                     (LINE, "\n  ".join(missing)))
        print("every source file carries the license line")
    else:
        print("added the license line to %d files" % len(missing))


if __name__ == "__main__":
    main(sys.argv)
