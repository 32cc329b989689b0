#include "ai/llm/example_classifier.h"

#include "ai/llm/bm25.h"
#include "lib/env.h"
#include "lib/sort.h"
#include "lib/string.h"

namespace sis::llm {
namespace {

// Additive smoothing of the word counts: alpha = kAlphaNum / kAlphaDen. Chosen on the
// development incidents (docs/llm.md, "Measurements").
constexpr u64 kAlphaNum = 3;
constexpr u64 kAlphaDen = 10;
// The posterior is flattened: 2^-(cost difference / kTemperature). Naive Bayes takes a
// report's words as independent, and they are not, so its raw posterior is near 0 or 1
// (overconfident). Chosen with the vote's share on the development incidents.
constexpr u32 kTemperature = 2;

}  // namespace

u32 pow2_neg_q16(u32 x) {
  // 2^(-k/16) x 65536 for k = 0..15; the rest of the fraction is linear between them.
  static constexpr u32 kStep[17] = {65536, 62757, 60097, 57549, 55109, 52773, 50535, 48393, 46341,
                                    44376, 42495, 40693, 38968, 37316, 35734, 34219, 32768};
  const u32 whole = x >> 10;
  if (whole >= 17) return 0;
  const u32 k = (x >> 6) & 15, rest = x & 63;
  const u32 v = kStep[k] - (kStep[k] - kStep[k + 1]) * rest / 64;
  return v >> whole;
}

void ExampleClassifier::clear() {
  env_free(counts_);
  env_free(total_);
  env_free(reference_);
  env_free(class_list_);
  counts_ = nullptr;
  total_ = nullptr;
  reference_ = nullptr;
  class_list_ = nullptr;
  ncounts_ = nclasses_ = vocab_ = 0;
}

usize ExampleClassifier::memory_bytes() const {
  return ncounts_ * sizeof(Count) + (counts_ ? kMaxClasses * (2 * sizeof(u32) + sizeof(u16)) : 0);
}

Error ExampleClassifier::build(u32 texts, TextFn text_of, void* ctx) {
  clear();
  // Every word of every text as (term, class), sorted, then runs merged into counts.
  struct Collect {
    Count* out;
    u32 n, cap;
    u16 cls;
    bool example;
  } c{nullptr, 0, 0, 0, true};
  auto tally = [](void* p, u32 term) {
    Collect& c = *static_cast<Collect*>(p);
    if (c.out && c.n < c.cap) c.out[c.n] = Count{term, c.cls, 1, static_cast<u16>(c.example ? 0 : 1)};
    ++c.n;
  };
  for (u32 i = 0; i < texts; ++i) {
    StrView text;
    u16 cls;
    bool example;
    if (!text_of(ctx, i, &text, &cls, &example)) continue;
    if (cls >= kMaxClasses) return Error::Invalid;
    for_each_term(text, tally, &c);
  }
  c.cap = c.n ? c.n : 1;
  c.out = static_cast<Count*>(env_alloc(c.cap * sizeof(Count)));
  total_ = static_cast<u32*>(env_alloc(kMaxClasses * sizeof(u32)));
  reference_ = static_cast<u32*>(env_alloc(kMaxClasses * sizeof(u32)));
  class_list_ = static_cast<u16*>(env_alloc(kMaxClasses * sizeof(u16)));
  if (!c.out || !total_ || !reference_ || !class_list_) {
    env_free(c.out);
    clear();
    return Error::NoMemory;
  }
  memset(total_, 0, kMaxClasses * sizeof(u32));
  memset(reference_, 0, kMaxClasses * sizeof(u32));
  c.n = 0;
  for (u32 i = 0; i < texts; ++i) {
    StrView text;
    if (!text_of(ctx, i, &text, &c.cls, &c.example)) continue;
    const u32 before = c.n;
    for_each_term(text, tally, &c);
    if (c.n > before && total_[c.cls] == 0) class_list_[nclasses_++] = c.cls;
    total_[c.cls] += c.n - before;
    if (!c.example) reference_[c.cls] += c.n - before;
  }
  heap_sort(c.out, c.n, [](const Count& a, const Count& b) { return a.term != b.term ? a.term < b.term : a.cls < b.cls; });
  u32 m = 0;
  for (u32 i = 0; i < c.n; ++i) {
    if (m && c.out[m - 1].term == c.out[i].term && c.out[m - 1].cls == c.out[i].cls) {
      Count& k = c.out[m - 1];
      if (k.n < 0xffff) ++k.n;
      if (c.out[i].reference && k.reference < 0xffff) ++k.reference;
      continue;
    }
    if (!m || c.out[m - 1].term != c.out[i].term) ++vocab_;
    c.out[m++] = c.out[i];
  }
  counts_ = c.out;
  ncounts_ = m;
  return Error::Ok;
}

const ExampleClassifier::Count* ExampleClassifier::first_of(u32 term) const {
  u32 lo = 0, hi = ncounts_;
  while (lo < hi) {
    u32 mid = lo + (hi - lo) / 2;
    if (counts_[mid].term < term)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < ncounts_ && counts_[lo].term == term ? counts_ + lo : nullptr;
}

usize ExampleClassifier::posterior(const u32* terms, usize nt, bool (*allow)(void*, u16), void* ctx, int held_out,
                                   u16* cls, u32* weight, usize cap) const {
  if (!counts_ || !cap) return 0;
  // -log2 P(words | class) x 1024 for each admitted class: the sum over the known terms of
  // log2((total + alpha V) / (count + alpha)).
  static u32 cost[kMaxClasses];
  static u16 admitted[kMaxClasses];
  usize na = 0;
  for (u32 k = 0; k < nclasses_; ++k)
    if ((!allow || allow(ctx, class_list_[k])) && !(class_list_[k] == held_out && !reference_[held_out])) {
      admitted[na++] = class_list_[k];
      cost[class_list_[k]] = 0;
    }
  usize known = 0;
  for (usize t = 0; t < nt; ++t) {
    const Count* first = first_of(terms[t]);
    if (!first) continue;
    ++known;
    for (usize k = 0; k < na; ++k) {
      const u16 c = admitted[k];
      const bool only_reference = c == held_out;
      u32 n = 0;
      for (const Count* p = first; p < counts_ + ncounts_ && p->term == terms[t]; ++p)
        if (p->cls == c) {
          n = only_reference ? p->reference : p->n;
          break;
        }
      const u64 total = only_reference ? reference_[c] : total_[c];
      cost[c] += log2_q10(kAlphaDen * total + kAlphaNum * vocab_, kAlphaDen * n + kAlphaNum);
    }
  }
  if (!known || !na) return 0;
  // The posterior with equal priors: 2^-(cost - the least cost), normalised.
  u32 least = ~0u;
  for (usize k = 0; k < na; ++k) least = min(least, cost[admitted[k]]);
  u64 sum = 0;
  usize n = 0;
  for (usize k = 0; k < na; ++k) {
    const u32 w = pow2_neg_q16((cost[admitted[k]] - least) / kTemperature);
    sum += w;
    if (!w) continue;
    // Keep the cap best, best first (insertion: cap is small).
    usize at = n < cap ? n++ : cap;
    while (at > 0 && weight[at - 1] < w) {
      if (at < cap) {
        weight[at] = weight[at - 1];
        cls[at] = cls[at - 1];
      }
      --at;
    }
    if (at < cap) {
      weight[at] = w;
      cls[at] = admitted[k];
    }
  }
  for (usize k = 0; k < n; ++k) weight[k] = static_cast<u32>(u64(weight[k]) * kPosteriorOne / sum);
  return n;
}

}  // namespace sis::llm
