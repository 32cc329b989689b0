// NameTable: see name_table.h.
#include "prof/name_table.h"

#include "lib/env.h"
#include "prof/grow_array.h"

namespace sis::prof {

NameTable::~NameTable() { clear(); }

void NameTable::clear() {
  env_free(text_);
  env_free(offsets_);
  env_free(lengths_);
  env_free(hashes_);
  env_free(slots_);
  text_ = nullptr;
  offsets_ = lengths_ = slots_ = nullptr;
  hashes_ = nullptr;
  text_len_ = text_cap_ = n_ = cap_ = nslots_ = 0;
}

u64 NameTable::hash_of(StrView s) {
  u64 h = 0xcbf29ce484222325ull;
  for (usize i = 0; i < s.size; ++i) {
    h ^= static_cast<u8>(s.data[i]);
    h *= 0x100000001b3ull;
  }
  return h ^ (h >> 31);
}

Error NameTable::grow_slots() {
  usize n = nslots_ ? nslots_ * 2 : 256;
  if (n * sizeof(u32) > kEnvMaxAlloc) return Error::NoMemory;
  auto* s = static_cast<u32*>(env_zalloc(n * sizeof(u32)));
  if (!s) return Error::NoMemory;
  for (usize i = 0; i < n_; ++i) {
    usize j = hashes_[i] & (n - 1);
    while (s[j]) j = (j + 1) & (n - 1);
    s[j] = static_cast<u32>(i + 1);
  }
  env_free(slots_);
  slots_ = s;
  nslots_ = n;
  return Error::Ok;
}

Result<u32> NameTable::intern(StrView s) {
  u64 h = hash_of(s);
  if (nslots_) {
    for (usize j = h & (nslots_ - 1); slots_[j]; j = (j + 1) & (nslots_ - 1)) {
      u32 id = slots_[j] - 1;
      if (hashes_[id] == h && lengths_[id] == s.size && memcmp(text_ + offsets_[id], s.data, s.size) == 0) return id;
    }
  }
  if ((n_ + 1) * 2 > nslots_) TRY(grow_slots());
  if (n_ == cap_) {
    usize c = cap_ ? cap_ * 2 : 64;
    if (c * sizeof(u64) > kEnvMaxAlloc) return Error::NoMemory;
    if (!resize_array(offsets_, n_, c) || !resize_array(lengths_, n_, c) || !resize_array(hashes_, n_, c))
      return Error::NoMemory;
    cap_ = c;
  }
  if (!reserve_array(text_, text_cap_, text_len_, text_len_ + s.size, 4096)) return Error::NoMemory;
  if (s.size) memcpy(text_ + text_len_, s.data, s.size);
  offsets_[n_] = static_cast<u32>(text_len_);
  lengths_[n_] = static_cast<u32>(s.size);
  hashes_[n_] = h;
  text_len_ += s.size;
  usize j = h & (nslots_ - 1);
  while (slots_[j]) j = (j + 1) & (nslots_ - 1);
  slots_[j] = static_cast<u32>(n_ + 1);
  return static_cast<u32>(n_++);
}

}  // namespace sis::prof
