// UserMemory over a process's AddressSpace (kernel only): each page is looked up (and made
// present, or copied for a write to a shared page) in the address space, then copied
// through the kernel's identity map. A user address is never dereferenced by the kernel.
#pragma once
#include "proc/address_space.h"
#include "proc/user_memory.h"

namespace sis::proc {

class AddressSpaceMemory final : public UserMemory {
 public:
  explicit AddressSpaceMemory(AddressSpace* as) : as_(as) {}
  Error copy_in(void* dst, u64 user_src, usize n) override;
  Error copy_out(u64 user_dst, const void* src, usize n) override;
  Result<usize> copy_string_in(char* dst, u64 user_src, usize cap) override;

 private:
  AddressSpace* as_;
};

}  // namespace sis::proc
