// UserMemory: the only way a system call touches a process's memory. Every access is checked
// page by page against the process's mappings: a bad pointer is Error::Fault (-EFAULT to
// the program); it never faults the kernel. The kernel implements it over the
// process's address space (a page-table walk, then a copy through the kernel's identity
// map, so the kernel never dereferences a user address and PAN can stay on). Host tests
// implement it over a buffer (tests/unit/fake_user_memory.h).
#pragma once
#include "lib/result.h"

namespace sis::proc {

class UserMemory {
 public:
  // Copies n bytes; Error::Fault for an unmapped or inaccessible byte. Nothing is
  // guaranteed about dst after a failed copy_in, or about user_dst after a failed copy_out.
  virtual Error copy_in(void* dst, u64 user_src, usize n) = 0;
  virtual Error copy_out(u64 user_dst, const void* src, usize n) = 0;
  // Copies a NUL-terminated string of at most cap-1 bytes plus the NUL; returns its
  // length. Error::PathTooLong when it does not fit, Fault on a bad pointer.
  virtual Result<usize> copy_string_in(char* dst, u64 user_src, usize cap) = 0;

 protected:
  ~UserMemory() = default;
};

}  // namespace sis::proc
