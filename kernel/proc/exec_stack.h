// The initial user stack of a new program, laid out as Linux's execve leaves it for glibc,
// musl and busybox (fs/exec.c and fs/binfmt_elf.c create_elf_tables):
//
//   stack_top  ->  8 zero bytes (end marker)
//                  execfn string, envp strings, argv strings (NUL-terminated, argv lowest)
//                  "aarch64\0" (AT_PLATFORM), 16-byte aligned below the strings
//                  16 random bytes (AT_RANDOM)
//                  padding to 16 bytes
//                  auxv pairs {tag, value} ending with {AT_NULL, 0}
//                  NULL, envp[envc-1] ... envp[0]
//                  NULL, argv[argc-1] ... argv[0]
//   sp         ->  argc                                   (sp is 16-byte aligned)
//
// Usage (kernel exec, after the ELF plan and before returning to EL0):
//   ExecStackInput in{argv, argc, envp, envc, path, &plan, hwcap, hwcap2, random16, 0, 0, kStackTop};
//   Result<StackImage> img = build_exec_stack(in, buf, cap);   // cap >= kExecStackMaxImage
//   copy buf[0 .. img->size) to user memory at img->sp; start the program with sp = img->sp.
// The image holds user addresses (computed from stack_top), so it is only valid at stack_top.
#pragma once
#include "lib/result.h"
#include "proc/elf.h"

namespace sis::proc {

// Auxiliary vector tags (include/uapi/linux/auxvec.h).
constexpr u64 AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
              AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
              AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25,
              AT_HWCAP2 = 26, AT_EXECFN = 31;
constexpr u64 kClockTicks = 100;  // AT_CLKTCK: USER_HZ, what times(2) counts in

// Limits. Linux allows a quarter of the stack rlimit for strings; a fixed cap keeps the
// kernel's copy buffer bounded. Over a cap: Error::TooBig (E2BIG).
constexpr usize kMaxArgBytes = 128 * 1024;  // argv + envp strings, NULs included
constexpr usize kMaxArgCount = 4096;        // argv entries; envp entries likewise
constexpr usize kMaxExecFn = 4096;          // PATH_MAX, NUL included (else Error::PathTooLong)
constexpr usize kAuxvPairs = 19;            // the entries below, AT_NULL included
// The largest image build_exec_stack can produce: a buffer of this size always suffices.
constexpr usize kExecStackMaxImage =
    8 + kMaxExecFn + kMaxArgBytes + 16 + 16 + 16 + 16 + (1 + 2 * (kMaxArgCount + 1) + 2 * kAuxvPairs) * 8;

struct ExecStackInput {
  const char* const* argv = nullptr;  // argc NUL-terminated strings (argc 0: one "" is used,
  usize argc = 0;                     // as Linux does, so argv[0] always exists)
  const char* const* envp = nullptr;
  usize envc = 0;
  const char* execfn = nullptr;       // the path execve was given (AT_EXECFN)
  const LoadPlan* plan = nullptr;     // AT_PHDR, AT_PHENT, AT_PHNUM, AT_ENTRY
  u64 hwcap = 0, hwcap2 = 0;          // AT_HWCAP, AT_HWCAP2 (from the CPU's ID registers)
  const u8* random16 = nullptr;       // the 16 AT_RANDOM bytes (glibc's stack guard seed)
  u32 uid = 0, gid = 0;               // real and effective alike (AT_SECURE is 0)
  u64 stack_top = 0;                  // 16-byte aligned; the image ends here
};

struct StackImage {
  u64 sp = 0;     // the initial stack pointer (points at argc)
  usize size = 0; // buf[0 .. size) belongs at [sp, stack_top)
  u64 argv = 0, envp = 0, auxv = 0;  // user addresses of the three tables (for reports)
};

// Builds the image into buf[0 .. cap). Errors: TooBig (argument bytes or counts over the caps,
// or cap too small), PathTooLong (execfn), Invalid (missing inputs, unaligned stack_top or a
// stack_top that leaves no room below it).
Result<StackImage> build_exec_stack(const ExecStackInput& in, u8* buf, usize cap);

}  // namespace sis::proc
