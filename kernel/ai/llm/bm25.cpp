#include "ai/llm/bm25.h"

#include "lib/env.h"
#include "lib/sort.h"
#include "lib/string.h"

namespace sis::llm {
namespace {

bool word_byte(u8 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; }

// Function words that say nothing about a topic. Sorted is not needed: the list is short.
const char* const kStop[] = {"a",    "an",   "and",  "are",  "as",   "at",   "be",   "but",  "by",   "can",  "do",
                             "does", "for",  "from", "how",  "i",    "if",   "in",   "into", "is",   "it",   "its",
                             "me",   "my",   "of",   "on",   "or",   "so",   "that", "the",  "their", "them", "then",
                             "there", "these", "this", "to",  "was",  "we",   "what", "when", "which", "who",  "why",
                             "will", "with", "you",  "your", "should", "would", "could", "some", "any",  "just", "now",
                             "our",  "has",  "have", "had",  "been", "being", "were", "am",   "also", "than", "very",
                             "all",  "out",  "up",   "get",  "got",  "keep", "keeps", "seem", "seems", "see", "want",
                             "need", "know", "tell", "show", "check", "look", "use", "using", "used", "etc"};

bool ends_with(const char* w, usize n, const char* suf) {
  usize m = strlen(suf);
  return n >= m && memcmp(w + n - m, suf, m) == 0;
}

// Lowercases the word into buf and removes common endings; returns the new length.
usize normalize(StrView word, char* buf, usize cap) {
  usize n = 0;
  for (usize i = 0; i < word.size && n < cap; ++i) {
    u8 c = static_cast<u8>(word.data[i]);
    buf[n++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  for (const char* s : kStop)
    if (strlen(s) == n && memcmp(s, buf, n) == 0) return 0;
  if (n >= 6 && ends_with(buf, n, "ing"))
    n -= 3;
  else if (n >= 5 && ends_with(buf, n, "ed"))
    n -= 2;
  else if (n >= 4 && buf[n - 1] == 's' && buf[n - 2] != 's')
    n -= 1;
  if (n >= 4 && buf[n - 1] == 'e') n -= 1;
  return n;
}

u32 fnv1a(const char* s, usize n) {
  u32 h = 2166136261u;
  for (usize i = 0; i < n; ++i) h = (h ^ static_cast<u8>(s[i])) * 16777619u;
  return h ? h : 1;  // 0 means "no term"
}

}  // namespace

u32 term_of(StrView word) {
  char buf[32];
  if (word.size == 0 || word.size > sizeof(buf)) return word.size ? fnv1a(word.data, word.size) : 0;
  usize n = normalize(word, buf, sizeof(buf));
  return n ? fnv1a(buf, n) : 0;
}

void for_each_term(StrView text, void (*fn)(void* ctx, u32 term), void* ctx) {
  usize i = 0;
  while (i < text.size) {
    while (i < text.size && !word_byte(static_cast<u8>(text.data[i]))) ++i;
    usize s = i;
    while (i < text.size && word_byte(static_cast<u8>(text.data[i]))) ++i;
    if (i > s) {
      u32 t = term_of(StrView(text.data + s, i - s));
      if (t) fn(ctx, t);
    }
  }
}

u32 log2_q10(u64 num, u64 den) {
  if (den == 0 || num < den) return 0;
  while (num >= (u64(1) << 32)) {  // keep num << 30 in range (coarser for huge inputs)
    num >>= 1;
    den = den > 1 ? den >> 1 : 1;
  }
  u32 ip = 0;
  while (num >= 2 * den) {  // integer part: double den until num/den is in [1, 2)
    den <<= 1;
    ++ip;
  }
  // x = num/den in [1, 2) as Q30; each squaring gives one fraction bit.
  u64 x = (num << 30) / den;
  u32 frac = 0;
  for (int b = 0; b < 10; ++b) {
    x = (x * x) >> 30;
    frac <<= 1;
    if (x >= (u64(2) << 30)) {
      x >>= 1;
      frac |= 1;
    }
  }
  return ip * 1024 + frac;
}

usize Bm25Index::query_terms(StrView query, u32* out, usize cap) {
  struct Ctx {
    u32* out;
    usize cap, n;
  } c{out, cap, 0};
  for_each_term(
      query,
      [](void* p, u32 t) {
        Ctx& c = *static_cast<Ctx*>(p);
        for (usize i = 0; i < c.n; ++i)
          if (c.out[i] == t) return;
        if (c.n < c.cap) c.out[c.n++] = t;
      },
      &c);
  return c.n;
}

void Bm25Index::clear() {
  env_free(post_);
  env_free(start_);
  env_free(len_);
  env_free(df_);
  post_ = nullptr;
  start_ = len_ = nullptr;
  df_ = nullptr;
  n_ = df_n_ = 0;
  total_len_ = 0;
}

usize Bm25Index::memory_bytes() const {
  return postings() * sizeof(Posting) + (n_ + 1) * sizeof(u32) + n_ * sizeof(u32) + df_n_ * sizeof(Posting);
}

Error Bm25Index::build(u32 n, TextFn text_of, void* ctx) {
  clear();
  // Pass 1: words per passage (an upper bound on its distinct terms).
  struct Count {
    u32 n;
  };
  u32* len = static_cast<u32*>(env_alloc((n ? n : 1) * sizeof(u32)));
  u32* start = static_cast<u32*>(env_alloc((n + 1) * sizeof(u32)));
  if (!len || !start) {
    env_free(len);
    env_free(start);
    return Error::NoMemory;
  }
  u64 words = 0;
  for (u32 i = 0; i < n; ++i) {
    Count c{0};
    auto count = [](void* p, u32) { ++static_cast<Count*>(p)->n; };
    for_each_term(text_of(ctx, i, 0), count, &c);
    c.n *= 2;
    for_each_term(text_of(ctx, i, 1), count, &c);
    for_each_term(text_of(ctx, i, 2), count, &c);
    len[i] = c.n;
    words += c.n;
  }
  if (words > 0x3fffffff) {
    env_free(len);
    env_free(start);
    return Error::TooBig;
  }
  Posting* post = static_cast<Posting*>(env_alloc((words ? words : 1) * sizeof(Posting)));
  if (!post) {
    env_free(len);
    env_free(start);
    return Error::NoMemory;
  }
  // Pass 2: collect each passage's terms, sort, merge duplicates into counts.
  u32 at = 0;
  for (u32 i = 0; i < n; ++i) {
    start[i] = at;
    struct Fill {
      Posting* p;
      u32 n, w;
    } f{post + at, 0, 2};
    auto add = [](void* p, u32 t) {
      Fill& f = *static_cast<Fill*>(p);
      f.p[f.n++] = Posting{t, f.w};
    };
    for_each_term(text_of(ctx, i, 0), add, &f);
    f.w = 1;
    for_each_term(text_of(ctx, i, 1), add, &f);
    for_each_term(text_of(ctx, i, 2), add, &f);
    heap_sort(f.p, f.n, [](const Posting& a, const Posting& b) { return a.term < b.term; });
    u32 m = 0;
    for (u32 k = 0; k < f.n; ++k) {
      if (m && f.p[m - 1].term == f.p[k].term)
        f.p[m - 1].tf += f.p[k].tf;
      else
        f.p[m++] = f.p[k];
    }
    at += m;
  }
  start[n] = at;
  // Document frequencies: all postings' terms sorted and counted.
  Posting* df = static_cast<Posting*>(env_alloc((at ? at : 1) * sizeof(Posting)));
  if (!df) {
    env_free(len);
    env_free(start);
    env_free(post);
    return Error::NoMemory;
  }
  for (u32 k = 0; k < at; ++k) df[k] = Posting{post[k].term, 1};
  heap_sort(df, at, [](const Posting& a, const Posting& b) { return a.term < b.term; });
  u32 m = 0;
  for (u32 k = 0; k < at; ++k) {
    if (m && df[m - 1].term == df[k].term)
      ++df[m - 1].tf;
    else
      df[m++] = df[k];
  }
  post_ = post;
  start_ = start;
  len_ = len;
  df_ = df;
  df_n_ = m;
  n_ = n;
  total_len_ = words;
  return Error::Ok;
}

u32 Bm25Index::tf_of(u32 p, u32 term) const {
  u32 lo = start_[p], hi = start_[p + 1];
  while (lo < hi) {
    u32 mid = lo + (hi - lo) / 2;
    if (post_[mid].term < term)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < start_[p + 1] && post_[lo].term == term ? post_[lo].tf : 0;
}

u32 Bm25Index::df_of(u32 term) const {
  u32 lo = 0, hi = df_n_;
  while (lo < hi) {
    u32 mid = lo + (hi - lo) / 2;
    if (df_[mid].term < term)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < df_n_ && df_[lo].term == term ? df_[lo].tf : 0;
}

// idf = ln(1 + (N - df + 0.5) / (df + 0.5)) = ln2 * log2((N + 1) / (df + 0.5)), x 1024.
u32 Bm25Index::idf_q10(u32 df) const {
  u32 l2 = log2_q10(2 * u64(n_) + 2, 2 * u64(df) + 1);
  return static_cast<u32>(u64(l2) * 710 / 1024);  // ln 2 = 0.6931 ~ 710/1024
}

u32 Bm25Index::score(u32 p, const u32* terms, usize nt) const {
  if (p >= n_ || total_len_ == 0) return 0;
  // k1 = 1.2, b = 0.75: tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)), all x 1000.
  u64 k = 1200 * (250 * total_len_ + 750 * u64(len_[p]) * n_) / (1000 * total_len_);
  u64 s = 0;
  for (usize i = 0; i < nt; ++i) {
    u32 tf = tf_of(p, terms[i]);
    if (!tf) continue;
    u64 tfpart_q10 = u64(tf) * 2200 * 1024 / (u64(tf) * 1000 + k);
    s += u64(idf_q10(df_of(terms[i]))) * tfpart_q10 >> 10;
  }
  return s > 0xffffffffu ? 0xffffffffu : static_cast<u32>(s);
}

usize Bm25Index::search(StrView query, Bm25Hit* out, usize k, bool (*allow)(void*, u32), void* actx) const {
  u32 terms[kMaxQueryTerms];
  usize nt = query_terms(query, terms, kMaxQueryTerms);
  usize got = 0;
  if (!nt || !k) return 0;
  for (u32 p = 0; p < n_; ++p) {
    if (allow && !allow(actx, p)) continue;
    u32 s = score(p, terms, nt);
    if (!s) continue;
    // Insert into the sorted top-k (best first; equal scores keep the lower passage first).
    if (got == k && s <= out[k - 1].score) continue;
    usize i = got < k ? got++ : k - 1;
    while (i > 0 && out[i - 1].score < s) {
      out[i] = out[i - 1];
      --i;
    }
    out[i] = Bm25Hit{p, s};
  }
  return got;
}

}  // namespace sis::llm
