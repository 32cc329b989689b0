// execve (kernel only): find the program, follow "#!" lines (shebang.h), plan the ELF image
// (elf.h), load it into a new address space, build the initial stack (exec_stack.h), and
// only then replace the caller's address space: a failing exec leaves the caller as it
// was. Arguments are copied into the kernel first (ExecArgs), from user memory for
// execve(2) or from kernel strings for procctl run.
#pragma once
#include "lib/result.h"
#include "proc/user_memory.h"

namespace sis::arch {
struct TrapFrame;
}

namespace sis::proc {

struct Process;

struct ExecArgs {
  static constexpr usize kMaxPath = 4096;
  char path[kMaxPath] = {};
  char* strings = nullptr;  // argv then envp strings, NUL-separated
  usize strings_used = 0;
  const char** argv = nullptr;  // argc entries + NULL
  usize argc = 0;
  const char** envp = nullptr;  // envc entries + NULL
  usize envc = 0;

  ~ExecArgs();
  static ExecArgs* from_kernel(const char* path, const char* const* argv, const char* const* envp);
  // Error::Fault for a bad pointer, TooBig over the argument limits, PathTooLong.
  static Result<ExecArgs*> from_user(UserMemory& mem, u64 path, u64 argv, u64 envp);
  // Replaces argv (a "#!" rewrite: the new strings may point into the old ones).
  Error replace_argv(const char* const* argv, usize argc);
  Error set_path(const char* path);
};

// Loads a.path into p (replacing its address space on success) and fills *frame with the
// registers the program starts with. On failure p is unchanged and `why` says what went
// wrong in a sentence (for procctl and the kernel log).
Error exec_into(Process* p, ExecArgs& a, arch::TrapFrame* frame, char* why, usize why_cap);

// comm (the base name), the program path and the command line shown by ps.
void set_process_names(Process* p, const char* path, const char* const* argv);

}  // namespace sis::proc
