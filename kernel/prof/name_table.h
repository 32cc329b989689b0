// NameTable: interned strings (frame and thread names) numbered 0, 1, 2, ... in first-seen
// order. Portable (env_alloc memory).
#pragma once
#include "lib/result.h"

namespace sis::prof {

class NameTable {
 public:
  NameTable() = default;
  ~NameTable();
  NameTable(const NameTable&) = delete;
  NameTable& operator=(const NameTable&) = delete;

  Result<u32> intern(StrView s);  // NoMemory when it cannot grow
  usize size() const { return n_; }
  StrView at(u32 id) const { return {text_ + offsets_[id], lengths_[id]}; }
  void clear();

 private:
  Error grow_slots();
  static u64 hash_of(StrView s);
  char* text_ = nullptr;
  usize text_len_ = 0, text_cap_ = 0;
  u32* offsets_ = nullptr;
  u32* lengths_ = nullptr;
  u64* hashes_ = nullptr;
  usize n_ = 0, cap_ = 0;
  u32* slots_ = nullptr;  // id + 1; 0 = empty
  usize nslots_ = 0;
};

}  // namespace sis::prof
