/* Carries out a load plan made by the ELF loader on the host (test_elf_run.cpp), under
 * qemu-aarch64-static: maps the pages with the planned permissions, copies the planned file
 * bytes, puts the planned stack image at its address and jumps to the entry point, as the
 * kernel's exec will. So a real glibc program starts on our plan and our stack (its startup
 * reads AT_PHDR for TLS, AT_RANDOM for the stack guard, argv, envp, auxv).
 *
 * Linked freestanding far from where programs load (--image-base in tests/unit/CMakeLists.txt),
 * with raw system calls. argv[1] is a file in the format test_elf_run.cpp writes:
 *   u64 magic, entry, sp, stack_lo, stack_hi, nmaps, ncopies, stack_bytes
 *   nmaps x {u64 start, end, prot}         page ranges and their final PROT_* bits
 *   ncopies x {u64 vaddr, len, then len bytes}
 *   stack_bytes bytes, which go at sp
 * Exit status 120-126: the launcher itself failed (the step is the status). */
typedef unsigned long u64;

#define SYS_openat 56
#define SYS_close 57
#define SYS_read 63
#define SYS_exit 93
#define SYS_mmap 222
#define SYS_mprotect 226

static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
  return x0;
}

static void die(int status) {
  sys6(SYS_exit, status, 0, 0, 0, 0, 0);
  for (;;) {
  }
}

static int fd;

static void read_all(void* dst, u64 n) {
  char* p = (char*)dst;
  while (n) {
    long r = sys6(SYS_read, fd, (long)p, (long)n, 0, 0, 0);
    if (r <= 0) die(121);
    p += r;
    n -= (u64)r;
  }
}

static u64 next(void) {
  u64 v;
  read_all(&v, 8);
  return v;
}

#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000

static void map_rw(u64 start, u64 end) {
  long r = sys6(SYS_mmap, (long)start, (long)(end - start), PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (r != (long)start) die(122);
}

struct Map {
  u64 start, end, prot;
};
static struct Map maps[64];

void launch(long argc, char** argv) {
  if (argc < 2) die(120);
  fd = (int)sys6(SYS_openat, -100, (long)argv[1], 0, 0, 0, 0);
  if (fd < 0) die(120);
  if (next() != 0x534953454c464c44ul) die(123); /* "SISELFLD" */
  u64 entry = next(), sp = next(), stack_lo = next(), stack_hi = next();
  u64 nmaps = next(), ncopies = next(), stack_bytes = next();
  if (nmaps > 64) die(123);
  for (u64 i = 0; i < nmaps; ++i) {
    maps[i].start = next();
    maps[i].end = next();
    maps[i].prot = next();
    map_rw(maps[i].start, maps[i].end);
  }
  for (u64 i = 0; i < ncopies; ++i) {
    u64 va = next(), len = next();
    read_all((void*)va, len);
  }
  map_rw(stack_lo, stack_hi);
  read_all((void*)sp, stack_bytes);
  sys6(SYS_close, fd, 0, 0, 0, 0, 0);
  for (u64 i = 0; i < nmaps; ++i)
    if (sys6(SYS_mprotect, (long)maps[i].start, (long)(maps[i].end - maps[i].start), (long)maps[i].prot, 0, 0, 0) != 0)
      die(124);
  /* As the kernel enters a new program: sp at argc, x0 = 0 (no rtld_fini for a static
   * program), the other registers zero. */
  __asm__ volatile(
      "mov sp, %0\n"
      "mov x16, %1\n"
      "mov x0, #0\n mov x1, #0\n mov x2, #0\n mov x3, #0\n mov x4, #0\n mov x5, #0\n"
      "mov x29, #0\n mov x30, #0\n"
      "br x16\n"
      :
      : "r"(sp), "r"(entry)
      : "memory");
  die(125);
}

/* The process's own entry: argc at sp, argv after it. */
__asm__(
    ".global _start\n"
    "_start:\n"
    "  ldr x0, [sp]\n"
    "  add x1, sp, #8\n"
    "  bl launch\n");
