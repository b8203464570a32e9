# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Writes ${OUT}: the patches version and the commit of the source tree at
# ${SRC} (or "unknown" outside a git checkout). Run at every build by the
# patches-version target; configure_file leaves the header untouched, and so
# rebuilds nothing, while the commit stays the same.
execute_process(
  COMMAND git -C "${SRC}" rev-parse --short=12 HEAD
  OUTPUT_VARIABLE PATCHES_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR PATCHES_COMMIT STREQUAL "")
  set(PATCHES_COMMIT "unknown")
endif()
execute_process(
  COMMAND git -C "${SRC}" status --porcelain --untracked-files=no
  OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET RESULT_VARIABLE status)
if(status EQUAL 0 AND NOT changes STREQUAL "")
  string(APPEND PATCHES_COMMIT "-modified")
endif()
set(PATCHES_VERSION "${PATCHES_VERSION}")
configure_file("${SRC}/cmake/Version.h.in" "${OUT}" @ONLY)
