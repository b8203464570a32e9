#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Quick start, command 2: set up, build, and run the whole test suite (lit:
# FileCheck tests, unit tests, end-to-end execution, randomized conformance).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ninja -C "$BUILD_DIR" check-patches 2>&1 | tee "$log" || status=$?
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^ *Failed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
unsupported=$(sed -n 's/^ *Unsupported *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
echo "check-patches: ${passed:-0} passed, ${failed:-0} failed, ${unsupported:-0} skipped"
if [[ $status -ne 0 || -z "${passed:-}" || "${passed:-0}" -eq 0 ]]; then
  echo "check-patches: FAILED" >&2
  exit 1
fi
