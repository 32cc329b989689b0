// kprobe: user space must not reach the kernel. Children try to read the kernel image
// (0x40080000 on QEMU virt, where SIS's identity map puts it), to write it, and to read the
// kernel's stack slots (0x700000000000, level-0 slot 224) and the upper half; each must be
// killed by SIGSEGV. Then the program reads the kernel image itself and must die the same
// way (exit status: killed by SIGSEGV). It prints each attempt before making it.
#include <stdint.h>

#include "common.h"

struct probe {
  const char *what;
  uintptr_t addr;
  int write;
};

static const struct probe kProbes[] = {
    {"read the kernel image", 0x40080000u, 0},
    {"write the kernel image", 0x40080000u, 1},
    {"read the kernel stacks", 0x700000000000ull, 0},
    {"read the upper half", 0xffff000040080000ull, 0},
};

static void touch(const struct probe *p) {
  volatile uint64_t *ptr = (volatile uint64_t *)p->addr;
  if (p->write) *ptr = 0x5151;
  else printf("read 0x%llx (must not happen)\n", (unsigned long long)*ptr);
}

int main(void) {
  line_buffered();
  char desc[64];
  for (size_t i = 0; i < sizeof kProbes / sizeof kProbes[0]; i++) {
    printf("child: %s at 0x%llx\n", kProbes[i].what, (unsigned long long)kProbes[i].addr);
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
      touch(&kProbes[i]);
      _exit(0);
    }
    printf("  the child was %s\n", describe_status(wait_child(pid), desc, sizeof desc));
  }
  printf("self: %s at 0x%llx\n", kProbes[0].what, (unsigned long long)kProbes[0].addr);
  fflush(stdout);
  touch(&kProbes[0]);
  printf("still alive: the kernel image was readable\n");
  return 1;
}
