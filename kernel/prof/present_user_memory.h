// PresentUserMemory: UserMemory over the pages of a user page table that are present and
// user-readable right now (kernel only). Unlike AddressSpaceMemory (system calls), it never
// resolves a fault: no page is filled in or copied, nothing is allocated, so the profiler's
// interrupt handler can walk a user stack with it. Anything else is Error::Fault.
// The table is the interrupted thread's active one (Thread::user_table, which exec and exit
// switch with interrupts masked before they free the old address space), so the interrupt
// never follows a table that is gone, even inside a system call.
#pragma once
#include "arch/arch.h"
#include "proc/user_memory.h"

namespace sis::prof {

class PresentUserMemory final : public proc::UserMemory {
 public:
  explicit PresentUserMemory(arch::PageTable table) : table_(table) {}
  Error copy_in(void* dst, u64 user_src, usize n) override;
  Error copy_out(u64, const void*, usize) override { return Error::Fault; }  // read-only
  Result<usize> copy_string_in(char*, u64, usize) override { return Error::Fault; }

 private:
  arch::PageTable table_;
};

}  // namespace sis::prof
