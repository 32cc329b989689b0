// A tiny aarch64 program for the ELF loader's tests (test_elf.cpp): text, initialised data,
// bss and a TLS variable, so that lld emits R, R-X and RW segments plus PT_TLS. Built at
// build time by clang + lld (tests/unit/CMakeLists.txt) as non-PIE, static-pie and -N.
// It exits with the value of `counter` (42); the tests only read its headers.
  .text
  .global _start
_start:
  adrp x1, counter
  ldr x0, [x1, :lo12:counter]
  mov x8, #93  // exit
  svc #0

  .data
counter:
  .quad 42

  .bss
buffer:
  .zero 8192

  .section .tbss, "awT", @nobits
tlsvar:
  .zero 8
