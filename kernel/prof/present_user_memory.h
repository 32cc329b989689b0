// PresentUserMemory: UserMemory over the pages of an address space that are present and
// user-readable right now (kernel only). Unlike AddressSpaceMemory (system calls), it never
// resolves a fault: no page is filled in or copied, nothing is allocated, so the profiler's
// interrupt handler can walk a user stack with it. Anything else is Error::Fault.
#pragma once
#include "proc/address_space.h"
#include "proc/user_memory.h"

namespace sis::prof {

class PresentUserMemory final : public proc::UserMemory {
 public:
  explicit PresentUserMemory(const proc::AddressSpace* as) : as_(as) {}
  Error copy_in(void* dst, u64 user_src, usize n) override;
  Error copy_out(u64, const void*, usize) override { return Error::Fault; }  // read-only
  Result<usize> copy_string_in(char*, u64, usize) override { return Error::Fault; }

 private:
  const proc::AddressSpace* as_;
};

}  // namespace sis::prof
