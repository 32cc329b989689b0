/* A glibc program for the ELF loader's tests (test_elf.cpp), linked at build time by Debian's
 * aarch64-linux-gnu-gcc as -static (GNU ld: ET_EXEC at 0x400000) and -static-pie: the shapes
 * of real Debian static binaries (64 KiB-aligned segments, PT_TLS, PT_GNU_RELRO). The tests
 * only read its headers. */
#include <stdio.h>
#include <unistd.h>

static __thread int calls;

int main(void) {
  ++calls;
  printf("hello from pid %d (%d)\n", (int)getpid(), calls);
  return 0;
}
