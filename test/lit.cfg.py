# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# -*- Python -*-
# lit configuration of the patches test suite.

import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "PATCHES"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".c"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.patches_obj_root, "test")

llvm_config.use_default_substitutions()
# Catch variables that leak between CHECK-LABEL blocks and unused prefixes.
config.environment["FILECHECK_OPTS"] = "-enable-var-scope --allow-unused-prefixes=false"

llvm_config.with_system_environment(["HOME", "TMPDIR", "PATH"])
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.patches_tools_dir, append_path=True)

config.substitutions.append(("%PATH%", config.environment["PATH"]))
# %python is the interpreter CMake found (find_package(Python3)), not lit's
# own, which use_default_substitutions put first.
config.substitutions = [(key, value) for key, value in config.substitutions if key != "%python"]
config.substitutions.insert(0, ("%python", '"%s"' % config.python_executable))
config.substitutions.append(("%patches_src_root", config.patches_src_root))
config.substitutions.append(("%patches_obj_root", config.patches_obj_root))
config.substitutions.append(("%patches_lib_dir", config.patches_lib_dir))
config.substitutions.append(("%mlir_lib_dir", config.mlir_lib_dir))
config.substitutions.append(("%llvm_tools_dir", config.llvm_tools_dir))
config.substitutions.append(("%llvm_cmake_dir", config.llvm_cmake_dir))
config.substitutions.append(("%mlir_cmake_dir", config.mlir_cmake_dir))
config.substitutions.append(("%cmake_command", config.cmake_command))
config.substitutions.append(("%cxx_compiler", config.cmake_cxx_compiler))
config.substitutions.append(("%c_compiler", config.cmake_c_compiler))
config.substitutions.append(
    ("%mlir_runner_utils", os.path.join(config.mlir_lib_dir, "libmlir_runner_utils.so")))
config.substitutions.append(
    ("%mlir_c_runner_utils", os.path.join(config.mlir_lib_dir, "libmlir_c_runner_utils.so")))
# libomp (Debian's libomp-22-dev) runs the pipeline's num-threads != 1 code.
libomp = os.path.join(config.mlir_lib_dir, "libomp.so")
if os.path.exists(libomp):
    config.available_features.add("libomp")
    config.substitutions.append(("%libomp", libomp))
config.substitutions.append(
    ("%patches_cuda_runtime", os.path.join(config.patches_lib_dir, "libpatches_cuda_runtime.so")))

tool_dirs = [config.patches_tools_dir, config.llvm_tools_dir]
tools = [
    "patches-opt",
    "patches-lsp-server",
    "patches-reduce",
    ToolSubst("mlir-opt", unresolved="fatal"),
    ToolSubst("mlir-runner", unresolved="fatal"),
    ToolSubst("mlir-translate", unresolved="fatal"),
    ToolSubst("llc", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# ptxas proves that the PTX we emit assembles; tests that need it are
# unsupported where CUDA is not installed.
ptxas = shutil.which("ptxas") or (
    "/usr/local/cuda/bin/ptxas" if os.path.exists("/usr/local/cuda/bin/ptxas") else None)
if ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))

# Tests of x86 code generation (the CPU pipeline's target choice).
import platform
if platform.machine() in ("x86_64", "AMD64"):
    config.available_features.add("x86")

# Checks over the tracked sources (test/Format) need a git checkout.
if shutil.which("git") and os.path.exists(
        os.path.join(config.patches_src_root, ".git")):
    config.available_features.add("git-checkout")

# clang-format checks the sources' format (test/Format), with the version
# the tree is formatted with.
clang_format = shutil.which("clang-format")
if clang_format and shutil.which("git"):
    import subprocess
    try:
        version = subprocess.run([clang_format, "--version"], capture_output=True,
                                 text=True, timeout=30).stdout
        if " version 14." in version and os.path.isdir(
                os.path.join(config.patches_src_root, ".git")):
            config.available_features.add("clang-format-14")
    except Exception:
        pass

# nvcc builds the benchmark's CUDA C++ baseline (bench/gpu/baseline.cu).
nvcc = shutil.which("nvcc") or (
    "/usr/local/cuda/bin/nvcc" if os.path.exists("/usr/local/cuda/bin/nvcc") else None)
if nvcc:
    config.available_features.add("nvcc")
    config.substitutions.append(("%nvcc", nvcc))

# A GPU is usable when the CUDA runtime wrapper was built and the driver
# reports a device (nvidia-smi -L lists one).
nvidia_smi = shutil.which("nvidia-smi")
if config.enable_cuda_runtime and nvidia_smi:
    import subprocess
    try:
        out = subprocess.run([nvidia_smi, "-L"], capture_output=True, text=True, timeout=30)
        if out.returncode == 0 and "GPU" in out.stdout:
            config.available_features.add("cuda-gpu")
    except Exception:
        pass

# numpy in the Python that the tests run (%python), which need not be the one
# running lit.
try:
    import subprocess
    if subprocess.run([config.python_executable, "-c", "import numpy"],
                      capture_output=True, timeout=60).returncode == 0:
        config.available_features.add("numpy")
except Exception:
    pass
