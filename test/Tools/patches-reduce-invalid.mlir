// An interestingness test that cannot be run is one error line and exit
// code 1 before any reduction (upstream ends in `LLVM ERROR: Error running
// interestingness test: ...` with a stack dump), in both spellings of the
// pipeline.

// RUN: not patches-reduce %s -reduction-tree='traversal-mode=0 test=%t.missing' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING -DTEST=%t.missing --implicit-check-not={{.}}
// RUN: not patches-reduce %s -p 'builtin.module(reduction-tree{test=%t.missing traversal-mode=0})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING -DTEST=%t.missing --implicit-check-not={{.}}
// MISSING: {{^}}patches-reduce: error: interestingness test '[[TEST]]' does not exist

// RUN: not patches-reduce %s -reduction-tree='traversal-mode=0 test=%s' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOEXEC -DTEST=%s --implicit-check-not={{.}}
// NOEXEC: {{^}}patches-reduce: error: interestingness test '[[TEST]]' is not executable

// RUN: not patches-reduce %s -reduction-tree='traversal-mode=0 test=%S' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DIR -DTEST=%S --implicit-check-not={{.}}
// DIR: {{^}}patches-reduce: error: interestingness test '[[TEST]]' is a directory

// RUN: not patches-reduce %s -reduction-tree='traversal-mode=0' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NONE --implicit-check-not={{.}}
// NONE: {{^}}patches-reduce: error: the reduction passes need an interestingness test: test=<program> in their options

// A test that exists and is executable but cannot be started (its
// interpreter is missing): upstream's fatal error, as one line.
// RUN: printf '#!%t.no-interpreter\nexit 1\n' > %t.sh && chmod +x %t.sh
// RUN: not patches-reduce %s -reduction-tree='traversal-mode=0 test=%t.sh' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=START --implicit-check-not={{.}}
// START: {{^}}patches-reduce: error: Error running interestingness test: {{.+}}

func.func @f() {
  return
}
