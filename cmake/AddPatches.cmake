# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# CMake helpers of the patches libraries.
#
# add_mlir_library installs a library into MLIR's own export set
# (MLIRTargets), which only an LLVM build exports. patches libraries go into
# PatchesTargets instead, so that the installed PatchesConfig.cmake provides
# them as Patches::<name> (see cmake/PatchesConfig.cmake.in).

# Installs `name` and adds it to the PatchesTargets export set.
function(add_patches_library_install name)
  install(TARGETS ${name}
    EXPORT PatchesTargets
    COMPONENT ${name}
    LIBRARY DESTINATION lib${LLVM_LIBDIR_SUFFIX}
    ARCHIVE DESTINATION lib${LLVM_LIBDIR_SUFFIX}
    RUNTIME DESTINATION bin
  )
  # Consumers of the installed package find the headers under include/.
  target_include_directories(${name} INTERFACE $<INSTALL_INTERFACE:include>)
  set_property(GLOBAL APPEND PROPERTY PATCHES_EXPORTS ${name})
endfunction()

# add_patches_library(name <add_mlir_library arguments>): a C++ library of
# patches. It is installed, exported, and linked by the umbrella target
# Patches::Patches.
function(add_patches_library name)
  add_mlir_library(${name} ${ARGN} DISABLE_INSTALL)
  add_patches_library_install(${name})
  set_property(GLOBAL APPEND PROPERTY PATCHES_LIBS ${name})
endfunction()

# Installed tools and shared libraries find patches' shared libraries beside
# them and libMLIR.so/libLLVM.so where LLVM lives, which is not on the default
# search path on Debian. (With this set, llvm_setup_rpath leaves targets
# alone and CMake's default build-tree RPATH applies.)
if(NOT CMAKE_INSTALL_RPATH)
  set(CMAKE_INSTALL_RPATH "\$ORIGIN/../lib${LLVM_LIBDIR_SUFFIX}" "${LLVM_LIBRARY_DIR}")
endif()
