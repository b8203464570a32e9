# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Install rules of patches and its CMake package (PatchesConfig.cmake).
#
# `cmake --install <build> --prefix P` installs
#   P/include/patches/...          headers, TableGen files, generated .inc
#   P/include/patches-c/...        the C API
#   P/lib/libPatches*.a|.so        libraries, the C API and the plugin
#   P/bin/patches-opt
#   P/lib/cmake/patches/           PatchesConfig.cmake and PatchesTargets.cmake
# The package is relocatable: it finds itself relative to its config file.

include(CMakePackageConfigHelpers)

set(PATCHES_VERSION "0.1.0")
set(PATCHES_INSTALL_INCLUDE_DIR include)
set(PATCHES_INSTALL_BIN_DIR bin)
set(PATCHES_INSTALL_CMAKE_DIR lib${LLVM_LIBDIR_SUFFIX}/cmake/patches)

#===------------------------------------------------------------------------===#
# Headers
#===------------------------------------------------------------------------===#

install(DIRECTORY
    ${PROJECT_SOURCE_DIR}/include/patches
    ${PROJECT_SOURCE_DIR}/include/patches-c
  DESTINATION ${PATCHES_INSTALL_INCLUDE_DIR}
  COMPONENT patches-headers
  FILES_MATCHING
  PATTERN "*.h"
  PATTERN "*.td"
)
# What TableGen generated: op, attribute and pass declarations and
# definitions that the headers include.
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/patches
  DESTINATION ${PATCHES_INSTALL_INCLUDE_DIR}
  COMPONENT patches-headers
  FILES_MATCHING
  PATTERN "*.inc"
  PATTERN "CMakeFiles" EXCLUDE
)

#===------------------------------------------------------------------------===#
# The umbrella target Patches::Patches
#===------------------------------------------------------------------------===#

get_property(PATCHES_LIBS GLOBAL PROPERTY PATCHES_LIBS)
add_library(Patches INTERFACE)
add_library(Patches::Patches ALIAS Patches)
target_link_libraries(Patches INTERFACE ${PATCHES_LIBS})
target_include_directories(Patches INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
  $<INSTALL_INTERFACE:${PATCHES_INSTALL_INCLUDE_DIR}>
)
target_compile_features(Patches INTERFACE cxx_std_17)
install(TARGETS Patches EXPORT PatchesTargets)
set_property(GLOBAL APPEND PROPERTY PATCHES_EXPORTS Patches)

# A library added with add_mlir_library instead of add_patches_library goes
# into MLIR's export set, not PatchesTargets; if a patches library links it,
# install(EXPORT) fails with "requires target ... not in any export set".
get_property(patches_mlir_exports GLOBAL PROPERTY MLIR_EXPORTS)
foreach(target IN LISTS patches_mlir_exports)
  if(TARGET ${target})
    get_target_property(imported ${target} IMPORTED)
    if(NOT imported)
      message(WARNING "${target} is added with add_mlir_library; use "
        "add_patches_library (cmake/AddPatches.cmake) so that it is installed "
        "and exported with patches")
    endif()
  endif()
endforeach()

#===------------------------------------------------------------------------===#
# The CMake package
#===------------------------------------------------------------------------===#

get_property(PATCHES_EXPORTS GLOBAL PROPERTY PATCHES_EXPORTS)
install(EXPORT PatchesTargets
  NAMESPACE Patches::
  DESTINATION ${PATCHES_INSTALL_CMAKE_DIR}
  COMPONENT patches-cmake-exports
)
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/PatchesConfig.cmake.in
  ${PROJECT_BINARY_DIR}/lib/cmake/patches/PatchesConfig.cmake
  INSTALL_DESTINATION ${PATCHES_INSTALL_CMAKE_DIR}
  PATH_VARS PATCHES_INSTALL_INCLUDE_DIR PATCHES_INSTALL_BIN_DIR
)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/lib/cmake/patches/PatchesConfigVersion.cmake
  VERSION ${PATCHES_VERSION}
  COMPATIBILITY SameMinorVersion
)
install(FILES
    ${PROJECT_BINARY_DIR}/lib/cmake/patches/PatchesConfig.cmake
    ${PROJECT_BINARY_DIR}/lib/cmake/patches/PatchesConfigVersion.cmake
  DESTINATION ${PATCHES_INSTALL_CMAKE_DIR}
  COMPONENT patches-cmake-exports
)
