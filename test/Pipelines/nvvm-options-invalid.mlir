// The options of patches-lower-to-nvvm and patches-lower-to-llvm-emulating-gpu
// are checked when the pipeline is parsed: one error line that names the
// option and its valid values, no IR, a non-zero exit. A chip that LLVM's
// NVPTX backend does not know (sm_999 wrote PTX for it), or a PTX version
// older than the chip needs (LLVM ERROR in code generation) or newer than
// LLVM knows, is such an error.

// RUN: not patches-opt %s "--patches-lower-to-nvvm=chip=" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=EMPTY --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=chip=gfx90a" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=AMD --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm-emulating-gpu=chip=sm_" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NODIGITS --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=chip=sm_999" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=chip=sm_90 features=+ptx60" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OLD --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=chip=sm_90a features=+ptx78" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OLD-A --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=features=+ptx91" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NEW --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=features=+ptx80,+sm_90" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOT-PTX --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=block-size=0" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BLOCK0 --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm-emulating-gpu=block-size=1025" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BLOCK1025 --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=index-bitwidth=16" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WIDTH --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=opt-level=4" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OPT --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=format=ptx" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FORMAT --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm-emulating-gpu=strategy=im2col" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STRATEGY --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=device-buffers=maybe" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEVICE --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm-emulating-gpu=device-buffers=2" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEVICE2 --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-nvvm=min-threads=-1" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MIN-THREADS --implicit-check-not={{.}}
// RUN: not patches-opt %s "--patches-lower-to-llvm-emulating-gpu=vector-stores=yes" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=VECTOR --implicit-check-not={{.}}

// EMPTY: {{^}}<unknown>:0: error: chip must be an NVIDIA architecture that LLVM's NVPTX backend knows (sm_20, sm_21, sm_30, sm_32, sm_35, sm_37, sm_50, sm_52, sm_53, sm_60, sm_61, sm_62, sm_70, sm_72, sm_75, sm_80, sm_86, sm_87, sm_88, sm_89, sm_90, sm_90a, sm_100, sm_100a, sm_100f, sm_101, sm_101a, sm_101f, sm_103, sm_103a, sm_103f, sm_110, sm_110a, sm_110f, sm_120, sm_120a, sm_120f, sm_121, sm_121a, sm_121f), got ''
// AMD: {{^}}<unknown>:0: error: chip must be an NVIDIA architecture that LLVM's NVPTX backend knows (sm_20, {{.*}}, sm_121f), got 'gfx90a'
// NODIGITS: {{^}}<unknown>:0: error: chip must be an NVIDIA architecture that LLVM's NVPTX backend knows (sm_20, {{.*}}, sm_121f), got 'sm_'
// UNKNOWN: {{^}}<unknown>:0: error: chip must be an NVIDIA architecture that LLVM's NVPTX backend knows (sm_20, {{.*}}, sm_121f), got 'sm_999'
// OLD: {{^}}<unknown>:0: error: features +ptx60 is older than chip sm_90 needs: its PTX version must be +ptx78 to +ptx90 (one of +ptx78, +ptx80, +ptx81, +ptx82, +ptx83, +ptx84, +ptx85, +ptx86, +ptx87, +ptx88, +ptx90)
// OLD-A: {{^}}<unknown>:0: error: features +ptx78 is older than chip sm_90a needs: its PTX version must be +ptx80 to +ptx90 (one of +ptx80, {{.*}}, +ptx90)
// NEW: {{^}}<unknown>:0: error: features must be empty or a PTX version that LLVM knows (+ptx32 to +ptx90; for chip sm_90: +ptx78, +ptx80, +ptx81, +ptx82, +ptx83, +ptx84, +ptx85, +ptx86, +ptx87, +ptx88, +ptx90), got '+ptx91'
// NOT-PTX: {{^}}<unknown>:0: error: features must be empty or a PTX version that LLVM knows ({{.*}}), got '+ptx80,+sm_90'
// BLOCK0: {{^}}<unknown>:0: error: block-size must be in [1, 1024], got 0
// BLOCK1025: {{^}}<unknown>:0: error: block-size must be in [1, 1024], got 1025
// WIDTH: {{^}}<unknown>:0: error: index-bitwidth must be 32 or 64, got 16
// OPT: {{^}}<unknown>:0: error: opt-level must be in [0, 3], got 4
// FORMAT: {{^}}patches-opt: for the --format option: 'ptx' is not one of isa, bin, fatbin
// STRATEGY: {{^}}patches-opt: for the --strategy option: 'im2col' is not one of gather, conv
// DEVICE: {{^}}patches-opt: for the --device-buffers option: 'maybe' is invalid value for boolean argument! Try 0 or 1
// DEVICE2: {{^}}patches-opt: for the --device-buffers option: '2' is invalid value for boolean argument! Try 0 or 1
// MIN-THREADS: {{^}}<unknown>:0: error: min-threads must be 0 or more, got -1
// VECTOR: {{^}}patches-opt: for the --vector-stores option: 'yes' is invalid value for boolean argument! Try 0 or 1

// Valid edges: the oldest PTX version of a chip, an empty features (LLVM
// takes the chip's oldest), several versions (the newest counts).
// RUN: patches-opt %s "--patches-lower-to-nvvm=chip=sm_121f features=+ptx88" | FileCheck %s --check-prefix=SM121
// RUN: patches-opt %s "--patches-lower-to-nvvm=chip=sm_90 features=" | FileCheck %s --check-prefix=DEFAULT
// RUN: patches-opt %s "--patches-lower-to-nvvm=chip=sm_90 features=+ptx60,+ptx78 block-size=1024 opt-level=0 index-bitwidth=64 min-threads=0" \
// RUN:   | FileCheck %s --check-prefix=DEFAULT
// SM121: .target sm_121f
// DEFAULT: .version 7.8
// DEFAULT: .target sm_90
func.func @f(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID
         : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
