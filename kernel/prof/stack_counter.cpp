// StackCounter: see stack_counter.h.
#include "prof/stack_counter.h"

#include "lib/env.h"
#include "prof/grow_array.h"

namespace sis::prof {
namespace {

bool same_words(const u64* a, const u64* b, usize n) {
  for (usize i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace

StackCounter::~StackCounter() { clear(); }

void StackCounter::clear() {
  env_free(entries_);
  env_free(words_);
  env_free(slots_);
  entries_ = nullptr;
  words_ = nullptr;
  slots_ = nullptr;
  nentries_ = cap_entries_ = nwords_ = cap_words_ = nslots_ = 0;
  total_ = 0;
}

u64 StackCounter::hash_of(const u64* w, usize n) {
  u64 h = 0xcbf29ce484222325ull ^ n;  // FNV-1a over words, then a final mix
  for (usize i = 0; i < n; ++i) {
    h ^= w[i];
    h *= 0x100000001b3ull;
    h ^= h >> 29;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

Error StackCounter::grow_slots() {
  usize n = nslots_ ? nslots_ * 2 : 256;
  if (n * sizeof(u32) > kEnvMaxAlloc) return Error::NoMemory;
  auto* s = static_cast<u32*>(env_zalloc(n * sizeof(u32)));
  if (!s) return Error::NoMemory;
  for (usize i = 0; i < nentries_; ++i) {
    usize j = entries_[i].hash & (n - 1);
    while (s[j]) j = (j + 1) & (n - 1);
    s[j] = static_cast<u32>(i + 1);
  }
  env_free(slots_);
  slots_ = s;
  nslots_ = n;
  return Error::Ok;
}

Error StackCounter::add(const u64* words, usize n, u64 count) {
  if (n > kMaxWords) return Error::Invalid;
  u64 h = hash_of(words, n);
  if (nslots_) {
    for (usize j = h & (nslots_ - 1); slots_[j]; j = (j + 1) & (nslots_ - 1)) {
      Entry& e = entries_[slots_[j] - 1];
      if (e.hash == h && e.len == n && same_words(words_ + e.offset, words, n)) {
        e.count += count;
        total_ += count;
        return Error::Ok;
      }
    }
  }
  // New stack: keep the table at most half full.
  if ((nentries_ + 1) * 2 > nslots_) TRY(grow_slots());
  if (nwords_ + n > 0xffff'ffffull) return Error::NoMemory;
  if (!reserve_array(words_, cap_words_, nwords_, nwords_ + n)) return Error::NoMemory;
  if (!reserve_array(entries_, cap_entries_, nentries_, nentries_ + 1)) return Error::NoMemory;
  if (n) memcpy(words_ + nwords_, words, n * sizeof(u64));
  entries_[nentries_] = Entry{h, count, static_cast<u32>(nwords_), static_cast<u32>(n)};
  nwords_ += n;
  usize j = h & (nslots_ - 1);
  while (slots_[j]) j = (j + 1) & (nslots_ - 1);
  slots_[j] = static_cast<u32>(++nentries_);
  total_ += count;
  return Error::Ok;
}

}  // namespace sis::prof
