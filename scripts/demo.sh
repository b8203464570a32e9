#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Quick start, command 1: set up, build, then lower the shipped example to
# LLVM with patches-opt, run it on the CPU with mlir-runner and print the
# input and its patches.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
. scripts/env.sh
EXAMPLE=${1:-examples/worked_example.mlir}
STRATEGY=${STRATEGY:-gather}

echo "== $EXAMPLE, lowered with --patches-lower-to-llvm=strategy=$STRATEGY and run with mlir-runner"
"$BUILD_DIR/bin/patches-opt" "$EXAMPLE" "--patches-lower-to-llvm=strategy=$STRATEGY" |
  "$PATCHES_LLVM_TOOLS_DIR/mlir-runner" -e main -entry-point-result=void \
    -shared-libs="$PATCHES_LLVM_LIB_DIR/libmlir_runner_utils.so,$PATCHES_LLVM_LIB_DIR/libmlir_c_runner_utils.so"
