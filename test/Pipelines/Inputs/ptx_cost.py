#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Counts the PTX instructions each kernel spends per output element stored.

Reads PTX (from extract_ptx.py, a file or stdin). For each kernel (.entry)
it builds the control-flow graph of its basic blocks, finds its loops
(natural loops of the back edges, by dominators) and prints one line per
loop that stores, and one for the whole kernel where it has no loop:

    cost KERNEL loop HEADER: I instructions, E elements stored, R per element
    cost KERNEL straight: I instructions, E elements stored, R per element

I counts every instruction of the loop's blocks (all its paths: the fast
one and the per-element one alike), or of the kernel; E counts the
elements its `st.global` instructions store, each of --element-bytes
bytes (a `.v4.b32` store of 4-byte elements stores 4). A loop's stores
and instructions are those of one iteration that runs every block once,
so R over-counts a loop whose paths are exclusive: it is an upper bound.

With --max-per-element M, fails (after printing) when a loop or
straight-line kernel that stores is above M, or when a kernel stores
nothing.
"""

import argparse
import re
import sys

_ENTRY = re.compile(r"\.entry\s+(\w+)\s*\(")
_LABEL = re.compile(r"^\s*(\$?[\w$]+):\s*$")
_BRANCH = re.compile(r"^\s*(@!?%\w+\s+)?bra(\.uni)?\s+(\$?[\w$]+)\s*;")
_STORE = re.compile(r"\bst\.global(?:\.\w+)*?(?:\.v(\d))?\.[bsuf](\d+)\b")


def kernels(ptx):
    """(name, body) of each .entry, body being the text between its braces."""
    result = []
    for match in _ENTRY.finditer(ptx):
        start = ptx.index("{", match.end())
        depth, end = 0, start
        for end in range(start, len(ptx)):
            if ptx[end] == "{":
                depth += 1
            elif ptx[end] == "}":
                depth -= 1
                if depth == 0:
                    break
        result.append((match.group(1), ptx[start + 1:end]))
    return result


def instructions(body):
    """The kernel's labels and instructions, in order: ('label', name) or
    ('inst', text). Declarations (.reg, .local, ...) are not instructions."""
    items = []
    for line in body.splitlines():
        line = line.split("//", 1)[0].strip()
        if not line:
            continue
        label = _LABEL.match(line)
        if label:
            items.append(("label", label.group(1)))
        elif not line.startswith(".") and line.endswith(";"):
            items.append(("inst", line))
    return items


def basic_blocks(items):
    """Blocks as lists of instructions, their successors, and label -> block."""
    blocks, labels = [[]], {}
    for kind, text in items:
        if kind == "label":
            if blocks[-1]:
                blocks.append([])
            labels[text] = len(blocks) - 1
        else:
            blocks[-1].append(text)
            if _BRANCH.match(text) or text.startswith("ret") or text.startswith("exit"):
                blocks.append([])
    if not blocks[-1]:
        blocks.pop()
    successors = []
    for index, block in enumerate(blocks):
        last = block[-1] if block else ""
        branch = _BRANCH.match(last)
        next_block = [index + 1] if index + 1 < len(blocks) else []
        if branch:
            target = labels[branch.group(3)]
            successors.append([target] + (next_block if branch.group(1) else []))
        elif last.startswith("ret") or last.startswith("exit"):
            successors.append([])
        else:
            successors.append(next_block)
    return blocks, successors


def dominators(successors):
    count = len(successors)
    predecessors = [[] for _ in range(count)]
    for block, targets in enumerate(successors):
        for target in targets:
            predecessors[target].append(block)
    everything = set(range(count))
    dom = [everything.copy() for _ in range(count)]
    dom[0] = {0}
    changed = True
    while changed:
        changed = False
        for block in range(1, count):
            preds = [dom[p] for p in predecessors[block]]
            new = (set.intersection(*preds) if preds else set()) | {block}
            if new != dom[block]:
                dom[block], changed = new, True
    return dom, predecessors


def loops(successors):
    """{header: set of blocks} of the natural loops, back edges merged."""
    dom, predecessors = dominators(successors)
    result = {}
    for block, targets in enumerate(successors):
        for header in targets:
            if header in dom[block]:
                body = result.setdefault(header, {header})
                stack = [block]
                while stack:
                    node = stack.pop()
                    if node not in body:
                        body.add(node)
                        stack.extend(predecessors[node])
    return result


def elements_stored(block_list, element_bytes):
    total = 0
    for text in block_list:
        match = _STORE.search(text)
        if match:
            lanes = int(match.group(1) or 1)
            total += lanes * int(match.group(2)) // 8 // element_bytes
    return total


def costs(name, body, element_bytes):
    """(kind, instructions, elements) per loop that stores, or for the whole
    kernel where no loop does."""
    items = instructions(body)
    blocks, successors = basic_blocks(items)
    result = []
    for header, members in sorted(loops(successors).items()):
        code = [inst for member in sorted(members) for inst in blocks[member]]
        stored = elements_stored(code, element_bytes)
        if stored:
            result.append((f"loop {header}", len(code), stored))
    if not result:
        code = [inst for block in blocks for inst in block]
        result.append(("straight", len(code), elements_stored(code, element_bytes)))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", help="PTX (default: stdin)")
    parser.add_argument("--element-bytes", type=int, default=4,
                        help="bytes of one output element (default 4)")
    parser.add_argument("--max-per-element", type=float,
                        help="fail above this many instructions per element")
    args = parser.parse_args()
    ptx = open(args.input).read() if args.input else sys.stdin.read()
    found = kernels(ptx)
    if not found:
        sys.exit("ptx_cost.py: no .entry in the input")
    failures = []
    for name, body in found:
        for kind, count, stored in costs(name, body, args.element_bytes):
            if not stored:
                print(f"cost {name} {kind}: {count} instructions, stores nothing")
                failures.append(name)
                continue
            ratio = count / stored
            print(f"cost {name} {kind}: {count} instructions, {stored} elements stored, "
                  f"{ratio:.2f} per element")
            if args.max_per_element is not None and ratio > args.max_per_element:
                failures.append(f"{name} {kind}")
    if args.max_per_element is not None and failures:
        sys.exit(f"ptx_cost.py: above {args.max_per_element} instructions per element "
                 f"(or storing nothing): {', '.join(failures)}")


if __name__ == "__main__":
    main()
