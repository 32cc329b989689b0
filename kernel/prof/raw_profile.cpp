// RawProfile: see raw_profile.h.
#include "prof/raw_profile.h"

#include "lib/env.h"
#include "lib/string.h"

namespace sis::prof {
namespace {

constexpr usize kHeader = 4;  // raw stack words before the frames
usize bounded_len(const char* s, usize cap) {
  usize n = 0;
  while (n < cap && s[n]) ++n;
  return n;
}

// Equal byte arrays of a multiple of 8 bytes, compared a word at a time.
bool same_words(const char* a, const char* b, usize n) {
  for (usize i = 0; i < n; i += 8)
    if (ld64(a + i) != ld64(b + i)) return false;
  return true;
}
}  // namespace

void thread_label(const Sample& s, TextBuffer& out) {
  StrView name(s.thread, bounded_len(s.thread, sizeof(s.thread)));
  if (s.pid == 0) out.appendf("[kernel] %.*s", static_cast<int>(name.size), name.data);
  else out.appendf("[pid %u] %.*s", s.pid, static_cast<int>(name.size), name.data);
}

void RawProfile::clear() {
  for (auto& c : cache_) c.valid = false;
  labels_.clear();
  programs_.clear();
  stacks_.clear();
}

Result<const RawProfile::Names*> RawProfile::names_of(const Sample& s) {
  static_assert(sizeof(Sample::thread) % 8 == 0 && sizeof(Sample::exe) % 8 == 0);
  Names& c = cache_[s.tid % kNameCache];
  if (c.valid && c.tid == s.tid && c.pid == s.pid && same_words(c.thread, s.thread, sizeof(c.thread)) &&
      (s.pid == 0 || (same_words(c.exe, s.exe, sizeof(c.exe)) && c.image_start == s.image_start &&
                      c.image_bias == s.image_bias)))
    return &c;
  char lb[64];
  TextBuffer label(lb, sizeof(lb));
  thread_label(s, label);
  c.valid = false;
  c.label = TRY(labels_.intern(label.view()));
  usize exe_len = bounded_len(s.exe, sizeof(s.exe));
  c.program = exe_len ? TRY(programs_.intern({s.exe, exe_len})) + 1 : 0;
  c.tid = s.tid;
  c.pid = s.pid;
  c.image_start = s.image_start;
  c.image_bias = s.image_bias;
  memcpy(c.thread, s.thread, sizeof(c.thread));
  memcpy(c.exe, s.exe, sizeof(c.exe));
  c.valid = true;
  return &c;
}

Error RawProfile::add(const Sample& s) {
  if (s.nframes == 0 || s.nframes > kMaxFrames) return Error::Invalid;
  const Names* n = TRY(names_of(s));
  u64 words[kHeader + kMaxFrames];
  words[0] = n->label;
  words[1] = n->program;
  words[2] = n->image_start;
  words[3] = n->image_bias;
  for (usize i = 0; i < s.nframes; ++i) words[kHeader + i] = s.frames[i];
  return stacks_.add(words, kHeader + s.nframes);
}

Error RawProfile::build(FrameNamer& namer, Profile& out) const {
  u64 ids[1 + kMaxFrames];
  char nb[256];
  for (usize i = 0; i < stacks_.size(); ++i) {
    const u64* w = stacks_.words(i);
    usize n = stacks_.length(i);
    if (n <= kHeader) continue;
    ids[0] = TRY(out.intern(labels_.at(static_cast<u32>(w[0]))));
    StrView exe = w[1] ? programs_.at(static_cast<u32>(w[1] - 1)) : StrView();
    usize depth = 1;
    // Root first: the outermost frame (last word) comes right after the thread frame.
    for (usize k = n; k-- > kHeader;) {
      TextBuffer name(nb, sizeof(nb));
      bool innermost = k == kHeader;
      u64 f = w[k];
      if (f & kUnknownFrame) name.append("[unknown]");
      else if (f & kUserFrame) namer.user_frame(exe, w[2], w[3], f & kFrameValueMask, innermost, name);
      else namer.kernel_frame(f, innermost, name);
      ids[depth++] = TRY(out.intern(name.view()));
    }
    TRY(out.add_ids(ids, depth, stacks_.count(i)));
  }
  return Error::Ok;
}

}  // namespace sis::prof
