// NameTable: see name_table.h.
#include "prof/name_table.h"

#include "lib/env.h"

namespace sis::prof {
namespace {

template <typename T>
bool grow_to(T*& p, usize used, usize new_cap) {
  T* q = static_cast<T*>(env_alloc(new_cap * sizeof(T)));
  if (!q) return false;
  if (used) memcpy(q, p, used * sizeof(T));
  env_free(p);
  p = q;
  return true;
}

}  // namespace

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
    if (!grow_to(offsets_, n_, c) || !grow_to(lengths_, n_, c) || !grow_to(hashes_, n_, c)) return Error::NoMemory;
    cap_ = c;
  }
  if (text_len_ + s.size > text_cap_) {
    usize c = text_cap_ ? text_cap_ : 4096;
    while (c < text_len_ + s.size) c *= 2;
    if (c > kEnvMaxAlloc || !grow_to(text_, text_len_, c)) return Error::NoMemory;
    text_cap_ = c;
  }
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
