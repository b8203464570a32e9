# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""ctypes bindings of libPatchesC.so's compiled functions (patches-c/JIT.h).

The library is found, in this order, at $PATCHES_C_LIBRARY, at the path that
CMake wrote into `_config.py` (in the build tree and in an installation), or
by the dynamic loader as libPatchesC.so. It is loaded on first use, so that
`import patches` stays cheap.
"""

import ctypes
import os
import threading

_lock = threading.Lock()
_lib = None


class _StringRef(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("length", ctypes.c_size_t)]


_ON_ERROR = ctypes.CFUNCTYPE(None, _StringRef, ctypes.c_void_p)


class JitOptions(ctypes.Structure):
    """PatchesJitOptions."""
    _fields_ = [
        ("strategy", ctypes.c_int32),
        ("numThreads", ctypes.c_uint32),
        ("vectorBits", ctypes.c_int64),
        ("cpu", ctypes.c_char_p),
        ("vectorize", ctypes.c_int32),
        ("optLevel", ctypes.c_uint32),
        ("sharedLibPaths", ctypes.c_char_p),
    ]


def _config():
    try:
        from . import _config as config
        return config
    except ImportError:
        return None


def library_path():
    """The libPatchesC.so that will be (or was) loaded."""
    path = os.environ.get("PATCHES_C_LIBRARY")
    if path:
        return path
    config = _config()
    if config is not None and getattr(config, "LIBRARY", None):
        path = config.LIBRARY
        if not os.path.isabs(path):
            path = os.path.normpath(os.path.join(os.path.dirname(__file__), path))
        return path
    return "libPatchesC.so"


def libomp_path():
    """LLVM's OpenMP runtime, which code compiled with num_threads != 1 calls;
    None where it is not found ($PATCHES_LIBOMP overrides)."""
    path = os.environ.get("PATCHES_LIBOMP")
    if path:
        return path
    config = _config()
    directory = getattr(config, "LLVM_LIBRARY_DIR", None) if config else None
    for candidate in ([os.path.join(directory, "libomp.so")] if directory else []):
        if os.path.exists(candidate):
            return candidate
    return None


_I64P = ctypes.POINTER(ctypes.c_int64)
_COMPILE_ARGTYPES = [
    ctypes.c_char_p,  # elementType
    ctypes.c_ssize_t, _I64P,  # inputRank, inputShape
    ctypes.c_ssize_t, _I64P, _I64P,  # numSpatialDims, filterShape, windowStrides
    ctypes.c_int, _I64P, _I64P,  # padding, padLow, padHigh
    _I64P, _I64P,  # lhsDilation, rhsDilation
    ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,  # specs
    ctypes.c_int,  # precision
    ctypes.POINTER(JitOptions), _ON_ERROR, ctypes.c_void_p,
]


def lib():
    """The loaded library, with its prototypes."""
    global _lib
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        path = library_path()
        try:
            handle = ctypes.CDLL(path)
        except OSError as e:
            raise ImportError(
                f"patches: cannot load the C API library {path!r} ({e}); build patches "
                "(ninja -C <build>) and use its python/ directory, or set "
                "PATCHES_C_LIBRARY to the path of libPatchesC.so") from e
        for name in ("patchesJitCompileExtract", "patchesJitCompileFold"):
            fn = getattr(handle, name)
            fn.argtypes = _COMPILE_ARGTYPES
            fn.restype = ctypes.c_void_p
        handle.patchesJitOptionsInit.argtypes = [ctypes.POINTER(JitOptions)]
        handle.patchesJitOptionsInit.restype = None
        handle.patchesJitFunctionRun.argtypes = [ctypes.c_void_p, ctypes.c_void_p,
                                                 ctypes.c_void_p]
        handle.patchesJitFunctionRun.restype = None
        handle.patchesJitFunctionDestroy.argtypes = [ctypes.c_void_p]
        handle.patchesJitFunctionDestroy.restype = None
        handle.patchesJitFunctionGetRank.argtypes = [ctypes.c_void_p]
        handle.patchesJitFunctionGetRank.restype = ctypes.c_ssize_t
        for name in ("patchesJitFunctionGetOperandShape", "patchesJitFunctionGetResultShape"):
            fn = getattr(handle, name)
            fn.argtypes = [ctypes.c_void_p, _I64P]
            fn.restype = None
        _lib = handle
        return _lib


def _array(values):
    if values is None:
        return None
    return (ctypes.c_int64 * max(len(values), 1))(*values)


def compile_function(fold, element_type, input_shape, filter_shape, window_strides,
                     padding_kind, pad_low, pad_high, lhs_dilation, rhs_dilation, specs,
                     precision, strategy, num_threads, cpu=None, vector_bits=0,
                     vectorize=True, opt_level=3):
    """Compiles one function; returns (handle, operand shape, result shape) or
    raises ValueError with the compiler's messages."""
    library = lib()
    options = JitOptions()
    library.patchesJitOptionsInit(ctypes.byref(options))
    options.strategy = {"gather": 0, "conv": 1}[strategy]
    options.numThreads = num_threads
    options.vectorBits = vector_bits
    options.cpu = cpu.encode() if cpu else None
    options.vectorize = 1 if vectorize else 0
    options.optLevel = opt_level
    # libPatchesC.so loads libomp.so of its own LLVM for threads;
    # $PATCHES_LIBOMP names another.
    omp = os.environ.get("PATCHES_LIBOMP") if num_threads != 1 else None
    options.sharedLibPaths = omp.encode() if omp else None

    messages = []

    def on_error(message, _):
        messages.append(ctypes.string_at(message.data, message.length).decode(
            "utf-8", "replace"))

    callback = _ON_ERROR(on_error)
    lhs_spec, rhs_spec, out_spec = specs if specs else (None, None, None)
    fn = library.patchesJitCompileFold if fold else library.patchesJitCompileExtract
    handle = fn(element_type.encode(), len(input_shape), _array(input_shape),
                len(filter_shape), _array(filter_shape), _array(window_strides),
                padding_kind, _array(pad_low), _array(pad_high), _array(lhs_dilation),
                _array(rhs_dilation),
                lhs_spec.encode() if lhs_spec else None,
                rhs_spec.encode() if rhs_spec else None,
                out_spec.encode() if out_spec else None,
                precision, ctypes.byref(options), callback, None)
    if not handle:
        raise ValueError("\n".join(messages) or "patches: compilation failed")
    rank = library.patchesJitFunctionGetRank(handle)
    operand = (ctypes.c_int64 * max(rank, 1))()
    result = (ctypes.c_int64 * max(rank, 1))()
    library.patchesJitFunctionGetOperandShape(handle, operand)
    library.patchesJitFunctionGetResultShape(handle, result)
    return handle, tuple(operand[:rank]), tuple(result[:rank])
