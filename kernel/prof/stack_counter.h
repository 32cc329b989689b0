// StackCounter: counts distinct sequences of 64-bit words (call stacks). The profiler keeps
// two: raw stacks as sampled (program counters, deduplicated cheaply while profiling) and
// named stacks (interned function names, built once at stop so that different addresses in
// one function merge). Open addressing over one growing array of words; memory from
// env_alloc, so it builds for the host. Portable.
#pragma once
#include "lib/result.h"

namespace sis::prof {

class StackCounter {
 public:
  StackCounter() = default;
  ~StackCounter();
  StackCounter(const StackCounter&) = delete;
  StackCounter& operator=(const StackCounter&) = delete;

  // Adds count to the stack words[0..n); NoMemory (and nothing counted) when it cannot grow.
  Error add(const u64* words, usize n, u64 count = 1);
  void clear();  // frees everything

  usize size() const { return nentries_; }  // distinct stacks, in first-seen order
  u64 total() const { return total_; }      // sum of all counts
  const u64* words(usize i) const { return words_ + entries_[i].offset; }
  usize length(usize i) const { return entries_[i].len; }
  u64 count(usize i) const { return entries_[i].count; }

  static constexpr usize kMaxWords = 256;  // per stack

 private:
  struct Entry {
    u64 hash;
    u64 count;
    u32 offset;
    u32 len;
  };
  Error grow_slots();
  static u64 hash_of(const u64* w, usize n);

  Entry* entries_ = nullptr;
  usize nentries_ = 0, cap_entries_ = 0;
  u64* words_ = nullptr;
  usize nwords_ = 0, cap_words_ = 0;
  u32* slots_ = nullptr;  // entry index + 1; 0 = empty
  usize nslots_ = 0;
  u64 total_ = 0;
};

}  // namespace sis::prof
