// FakeUserMemory: a UserMemory over a host buffer for tests of system call handlers. User
// addresses [kBase, kBase + kSize) are "mapped" except one page-sized hole at kHole, so a
// test can hand a handler a pointer that faults (EFAULT), or a buffer that runs into the
// hole part way.
#pragma once
#include "proc/user_memory.h"

#include <string.h>

#include <string>
#include <vector>

namespace sis::proc::test {

class FakeUserMemory final : public UserMemory {
 public:
  static constexpr u64 kBase = 0x400000, kSize = 1 << 20, kHole = kBase + 0x80000, kHoleSize = 4096;

  FakeUserMemory() : mem_(kSize, 0) {}

  bool mapped(u64 addr, usize n) const {
    if (addr < kBase || addr - kBase > kSize || n > kSize - (addr - kBase)) return false;
    return addr + n <= kHole || addr >= kHole + kHoleSize;
  }

  Error copy_in(void* dst, u64 src, usize n) override {
    ++calls;
    if (!mapped(src, n)) return Error::Fault;
    memcpy(dst, &mem_[src - kBase], n);
    return Error::Ok;
  }
  Error copy_out(u64 dst, const void* src, usize n) override {
    ++calls;
    if (!mapped(dst, n)) return Error::Fault;
    memcpy(&mem_[dst - kBase], src, n);
    return Error::Ok;
  }
  Result<usize> copy_string_in(char* dst, u64 src, usize cap) override {
    ++calls;
    for (usize i = 0; i < cap; ++i) {
      if (!mapped(src + i, 1)) return Error::Fault;
      dst[i] = static_cast<char>(mem_[src + i - kBase]);
      if (!dst[i]) return i;
    }
    return Error::PathTooLong;
  }

  // Test helpers: direct access to the bytes (no checks) and a bump allocator for
  // strings and buffers below the hole.
  u8* at(u64 addr) { return &mem_[addr - kBase]; }
  u64 alloc(usize n) {
    u64 a = next_;
    next_ += (n + 15) & ~usize{15};
    return a;
  }
  u64 str(const std::string& s) {
    u64 a = alloc(s.size() + 1);
    memcpy(at(a), s.c_str(), s.size() + 1);
    return a;
  }
  u64 bytes(const std::string& s) {
    u64 a = alloc(s.size() ? s.size() : 1);
    memcpy(at(a), s.data(), s.size());
    return a;
  }
  std::string read(u64 addr, usize n) { return std::string(reinterpret_cast<char*>(at(addr)), n); }

  usize calls = 0;

 private:
  std::vector<u8> mem_;
  u64 next_ = kBase + 64;
};

}  // namespace sis::proc::test
