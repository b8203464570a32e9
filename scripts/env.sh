# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Sourced by the scripts (bench/, scripts/) after BUILD_DIR is set: the LLVM
# tools and libraries and the Python that the build in $BUILD_DIR was
# configured with (its patches-env.sh, written by CMake from the MLIR package
# it found), or Debian's LLVM 22 and /usr/bin/python3 where that build has
# not been configured yet.
PATCHES_LLVM_TOOLS_DIR=/usr/lib/llvm-22/bin
PATCHES_LLVM_LIB_DIR=/usr/lib/llvm-22/lib
PATCHES_PYTHON=/usr/bin/python3
if [[ -f "${BUILD_DIR:-build}/patches-env.sh" ]]; then
  # shellcheck source=/dev/null
  . "${BUILD_DIR:-build}/patches-env.sh"
fi
