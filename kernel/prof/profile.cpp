// Profile: see profile.h.
#include "prof/profile.h"

#include "lib/env.h"
#include "prof/grow_array.h"
#include "lib/format.h"
#include "lib/sort.h"

namespace sis::prof {

TextBlob::~TextBlob() { clear(); }

void TextBlob::clear() {
  env_free(data_);
  data_ = nullptr;
  len_ = cap_ = 0;
}

Error TextBlob::append(StrView s) {
  if (!reserve_array(data_, cap_, len_, len_ + s.size, 4096)) return Error::NoMemory;
  if (s.size) memcpy(data_ + len_, s.data, s.size);
  len_ += s.size;
  return Error::Ok;
}

Error TextBlob::append_uint(u64 v) {
  char b[24];
  usize n = format(b, sizeof(b), "%llu", static_cast<unsigned long long>(v));
  return append({b, n});
}

void Profile::clear() {
  names_.clear();
  stacks_.clear();
}

Result<u32> Profile::intern(StrView name) {
  char buf[256];
  usize n = name.size < sizeof(buf) ? name.size : sizeof(buf);
  for (usize i = 0; i < n; ++i) {
    char c = name.data[i];
    buf[i] = (c == ';' || static_cast<u8>(c) < 0x20 || c == 0x7f) ? '_' : c;
  }
  if (n == 0) return names_.intern("[unknown]");
  return names_.intern({buf, n});
}

Error Profile::add(const StrView* names, usize n, u64 count) {
  u64 ids[StackCounter::kMaxWords];
  if (n > StackCounter::kMaxWords || n == 0 || count == 0) return Error::Invalid;
  for (usize i = 0; i < n; ++i) ids[i] = TRY(intern(names[i]));
  return stacks_.add(ids, n, count);
}

namespace {

int compare_views(StrView a, StrView b) {
  usize n = a.size < b.size ? a.size : b.size;
  int c = n ? memcmp(a.data, b.data, n) : 0;
  if (c) return c;
  return a.size < b.size ? -1 : a.size > b.size ? 1 : 0;
}

}  // namespace

Error Profile::folded(TextBlob& out) const {
  usize n = stacks_.size();
  if (n == 0) return Error::Ok;
  auto* order = static_cast<u32*>(env_alloc(n * sizeof(u32)));
  if (!order) return Error::NoMemory;
  for (usize i = 0; i < n; ++i) order[i] = static_cast<u32>(i);
  const StackCounter& s = stacks_;
  const NameTable& nt = names_;
  heap_sort(order, n, [&](u32 a, u32 b) {
    usize la = s.length(a), lb = s.length(b);
    const u64* wa = s.words(a);
    const u64* wb = s.words(b);
    for (usize i = 0; i < la && i < lb; ++i) {
      if (wa[i] == wb[i]) continue;
      return compare_views(nt.at(static_cast<u32>(wa[i])), nt.at(static_cast<u32>(wb[i]))) < 0;
    }
    return la < lb;
  });
  Error e = Error::Ok;
  for (usize k = 0; k < n && e == Error::Ok; ++k) {
    u32 i = order[k];
    const u64* w = s.words(i);
    for (usize j = 0; j < s.length(i) && e == Error::Ok; ++j) {
      if (j) e = out.append(";");
      if (e == Error::Ok) e = out.append(nt.at(static_cast<u32>(w[j])));
    }
    if (e == Error::Ok) e = out.append(" ");
    if (e == Error::Ok) e = out.append_uint(s.count(i));
    if (e == Error::Ok) e = out.append("\n");
  }
  env_free(order);
  return e;
}

usize folded_chunk_end(StrView t, usize o, usize max, usize hard_max) {
  if (o >= t.size) return t.size;
  if (max == 0) max = 1;
  if (max > t.size - o) return t.size;
  usize end = o + max;
  usize cut = end;
  while (cut > o && t.data[cut - 1] != '\n') --cut;
  if (cut > o) return cut;
  // The first line alone is longer than max: send it whole, up to hard_max.
  cut = end;
  while (cut < t.size && cut - o < hard_max && t.data[cut - 1] != '\n') ++cut;
  return cut;
}

usize Profile::report(FunctionStat* out, usize cap, usize* distinct) const {
  usize nn = names_.size();
  if (distinct) *distinct = 0;
  if (nn == 0) return 0;
  // Per name: self, total, and the last stack that counted it in total (recursion once).
  auto* self = static_cast<u64*>(env_zalloc(nn * sizeof(u64)));
  auto* total = static_cast<u64*>(env_zalloc(nn * sizeof(u64)));
  auto* seen = static_cast<u32*>(env_zalloc(nn * sizeof(u32)));
  auto* order = static_cast<u32*>(env_alloc(nn * sizeof(u32)));
  usize written = 0;
  if (self && total && seen && order) {
    for (usize i = 0; i < stacks_.size(); ++i) {
      const u64* w = stacks_.words(i);
      usize len = stacks_.length(i);
      u64 c = stacks_.count(i);
      if (len < 2) continue;  // a thread frame alone holds no function
      self[w[len - 1]] += c;
      for (usize j = 1; j < len; ++j) {
        if (seen[w[j]] == i + 1) continue;
        seen[w[j]] = static_cast<u32>(i + 1);
        total[w[j]] += c;
      }
    }
    usize m = 0;
    for (usize i = 0; i < nn; ++i)
      if (total[i]) order[m++] = static_cast<u32>(i);
    const NameTable& nt = names_;
    heap_sort(order, m, [&](u32 a, u32 b) {
      if (self[a] != self[b]) return self[a] > self[b];
      if (total[a] != total[b]) return total[a] > total[b];
      return compare_views(nt.at(a), nt.at(b)) < 0;
    });
    if (distinct) *distinct = m;
    for (; written < m && written < cap; ++written) out[written] = {order[written], self[order[written]], total[order[written]]};
  }
  env_free(self);
  env_free(total);
  env_free(seen);
  env_free(order);
  return written;
}

}  // namespace sis::prof
