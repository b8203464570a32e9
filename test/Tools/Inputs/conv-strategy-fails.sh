#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# patches-reduce's interestingness test: exit 1 (interesting) when the conv
# strategy still refuses the module with its "cannot be lowered" error.
patches-opt "$1" --convert-patches-to-linalg=strategy=conv 2>&1 >/dev/null \
  | grep -q "cannot be lowered with the conv strategy" && exit 1
exit 0
