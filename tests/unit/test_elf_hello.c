/* A glibc program for the ELF loader's tests, linked at build time by Debian's
 * aarch64-linux-gnu-gcc as -static (GNU ld: ET_EXEC at 0x400000) and -static-pie: the shapes
 * of real Debian static binaries (64 KiB-aligned segments, PT_TLS, PT_GNU_RELRO).
 * test_elf.cpp compares its plans with llvm-readelf; test_elf_run.cpp runs it on our plan
 * and our stack, and it prints what its C library found there: argv, the environment, auxv
 * entries and an initialised thread-local variable (the TLS template, found via AT_PHDR). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>

static __thread int calls = 5;

int main(int argc, char** argv) {
  ++calls;
  const unsigned char* random = (const unsigned char*)getauxval(AT_RANDOM);
  printf("argc=%d", argc);
  for (int i = 0; i < argc; ++i) printf(" argv[%d]=%s", i, argv[i]);
  printf(" SIS_TEST=%s execfn=%s platform=%s pagesz=%lu random0=%u tls=%d\n", getenv("SIS_TEST"),
         (const char*)getauxval(AT_EXECFN), (const char*)getauxval(AT_PLATFORM), getauxval(AT_PAGESZ),
         random ? random[0] : 999u, calls);
  return 3;
}
