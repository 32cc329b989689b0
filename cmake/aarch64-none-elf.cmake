# Toolchain for the SIS kernel: clang targeting bare-metal aarch64, linked with ld.lld.
# Why clang: one compiler for host and kernel (Debian's clang is multi-target), the same
# compiler drives libFuzzer on the host, and no separate GNU cross toolchain is needed.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(SIS_TARGET aarch64-none-elf)

find_program(SIS_CLANG NAMES clang clang-14 REQUIRED)
find_program(SIS_CLANGXX NAMES clang++ clang++-14 REQUIRED)
set(CMAKE_C_COMPILER ${SIS_CLANG})
set(CMAKE_CXX_COMPILER ${SIS_CLANGXX})
set(CMAKE_ASM_COMPILER ${SIS_CLANG})
set(CMAKE_C_COMPILER_TARGET ${SIS_TARGET})
set(CMAKE_CXX_COMPILER_TARGET ${SIS_TARGET})
set(CMAKE_ASM_COMPILER_TARGET ${SIS_TARGET})
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

find_program(SIS_NM NAMES llvm-nm llvm-nm-14 REQUIRED)
find_program(SIS_OBJCOPY NAMES llvm-objcopy llvm-objcopy-14 REQUIRED)
find_program(SIS_LLD NAMES ld.lld ld.lld-14 REQUIRED)
