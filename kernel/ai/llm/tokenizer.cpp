// Byte-level BPE encode/decode shared by the kernel, the host tests and the trainer.
#include "ai/llm/tokenizer.h"

#include "lib/env.h"
#include "lib/sort.h"

namespace sis::llm {
namespace {

bool is_word(u8 c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

int compare(const u8* a, usize an, const u8* b, usize bn) {
  usize n = min(an, bn);
  int c = n ? memcmp(a, b, n) : 0;
  if (c) return c;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

// Length of the UTF-8 code point at s[i], or 1 for a byte that does not start a valid one.
usize codepoint_len(const u8* s, usize n, usize i) {
  u8 c = s[i];
  usize len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + len > n) return 1;
  for (usize k = 1; k < len; ++k)
    if ((s[i + k] & 0xC0) != 0x80) return 1;
  return len;
}

}  // namespace

usize next_chunk(const u8* s, usize n, usize i) {
  if (i >= n) return n;
  usize j = i;
  if (s[j] == ' ' && j + 1 < n && is_word(s[j + 1])) ++j;
  if (is_word(s[j])) {
    while (j < n && is_word(s[j])) ++j;
    return j;
  }
  u8 c = s[j];
  while (j < n && s[j] == c) ++j;
  return j;
}

void Tokenizer::release() {
  env_free(pieces_);
  env_free(lens_);
  env_free(scores_);
  env_free(sorted_);
  pieces_ = nullptr;
  lens_ = nullptr;
  scores_ = nullptr;
  sorted_ = nullptr;
  n_ = sorted_n_ = 0;
}

usize Tokenizer::memory_bytes() const { return usize(n_) * (sizeof(u8*) + sizeof(u16) + sizeof(float) + sizeof(u32)); }

Error Tokenizer::alloc(u32 n, Diag* diag) {
  release();
  pieces_ = static_cast<const u8**>(env_alloc(sizeof(u8*) * n));
  lens_ = static_cast<u16*>(env_alloc(sizeof(u16) * n));
  scores_ = static_cast<float*>(env_alloc(sizeof(float) * n));
  sorted_ = static_cast<u32*>(env_alloc(sizeof(u32) * n));
  if (!pieces_ || !lens_ || !scores_ || !sorted_) {
    release();
    diag->set("out of memory for a %u-token vocabulary", n);
    return Error::NoMemory;
  }
  n_ = n;
  for (u32 i = 0; i < 256; ++i) bytes_[i] = static_cast<u8>(i);
  return Error::Ok;
}

void Tokenizer::build_index() {
  sorted_n_ = 0;
  for (u32 i = byte_base_; i < n_; ++i)
    if (lens_[i]) sorted_[sorted_n_++] = i;
  // Heapsort by piece bytes (no recursion, no allocation); ties keep... any order, lookup
  // then returns one of the equal pieces, and equal pieces only occur in odd vocabularies.
  auto less = [&](u32 a, u32 b) {
    int c = compare(pieces_[a], lens_[a], pieces_[b], lens_[b]);
    return c < 0 || (c == 0 && a < b);
  };
  heap_sort(sorted_, sorted_n_, less);
}

i32 Tokenizer::lookup(const u8* s, usize n) const {
  usize lo = 0, hi = sorted_n_;
  while (lo < hi) {
    usize mid = lo + (hi - lo) / 2;
    u32 id = sorted_[mid];
    int c = compare(pieces_[id], lens_[id], s, n);
    if (c == 0) {
      // Return the smallest id among equal pieces (deterministic).
      while (mid > 0 && compare(pieces_[sorted_[mid - 1]], lens_[sorted_[mid - 1]], s, n) == 0) --mid;
      return static_cast<i32>(sorted_[mid]);
    }
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

Error Tokenizer::load_sis(ByteSpan sec, u32 vocab_size, Diag* diag) {
  if (sec.size < kTokHeaderSize) {
    diag->set("tokenizer section truncated");
    return Error::Corrupt;
  }
  u32 count = ld32(sec.data), max_len = ld32(sec.data + 4);
  if (count != vocab_size) {
    diag->set("tokenizer has %u tokens, the model %u", count, vocab_size);
    return Error::Corrupt;
  }
  if (count < 259 || max_len > kMaxPieceLen) {
    diag->set("tokenizer header implausible (%u tokens, max piece %u bytes)", count, max_len);
    return Error::Corrupt;
  }
  TRY(alloc(count, diag));
  bos_ = ld32(sec.data + 8);
  eos_ = ld32(sec.data + 12);
  byte_base_ = ld32(sec.data + 16);
  flags_ = ld32(sec.data + 20);
  max_len_ = max_len;
  if (bos_ >= count || eos_ >= count || byte_base_ > count - 256) {
    release();
    diag->set("tokenizer special ids out of range");
    return Error::Corrupt;
  }
  usize off = kTokHeaderSize;
  for (u32 i = 0; i < count; ++i) {
    if (sec.size - off < 6) {
      release();
      diag->set("tokenizer truncated at token %u", i);
      return Error::Corrupt;
    }
    memcpy(&scores_[i], sec.data + off, 4);
    u16 len;
    memcpy(&len, sec.data + off + 4, 2);
    off += 6;
    if (len > max_len || sec.size - off < len) {
      release();
      diag->set("tokenizer entry %u: length %u is beyond the section or the maximum", i, len);
      return Error::Corrupt;
    }
    pieces_[i] = sec.data + off;
    lens_[i] = len;
    off += len;
  }
  if (off != sec.size) {
    release();
    diag->set("tokenizer section has %zu unused bytes", sec.size - off);
    return Error::Corrupt;
  }
  for (u32 b = 0; b < 256; ++b) {
    if (lens_[byte_base_ + b] != 1 || pieces_[byte_base_ + b][0] != b) {
      release();
      diag->set("tokenizer: token %u is not the byte 0x%02x", byte_base_ + b, b);
      return Error::Corrupt;
    }
  }
  build_index();
  return Error::Ok;
}

Error Tokenizer::load_llama2c(ByteSpan f, u32 vocab_size, Diag* diag) {
  if (f.size < 4) {
    diag->set("tokenizer file truncated");
    return Error::Corrupt;
  }
  u32 max_len = ld32(f.data);
  if (max_len == 0 || max_len > kMaxPieceLen || vocab_size < 259) {
    diag->set("not a llama2.c tokenizer (max token length %u, vocabulary %u)", max_len, vocab_size);
    return Error::BadFormat;
  }
  TRY(alloc(vocab_size, diag));
  max_len_ = max_len;
  bos_ = 1;
  eos_ = 2;
  byte_base_ = 3;
  flags_ = kTokDummyPrefix | kTokBytePieces;
  usize off = 4;
  for (u32 i = 0; i < vocab_size; ++i) {
    if (f.size - off < 8) {
      release();
      diag->set("tokenizer file truncated at token %u of %u", i, vocab_size);
      return Error::Corrupt;
    }
    memcpy(&scores_[i], f.data + off, 4);
    i32 len = ld32_signed(f.data + off + 4);
    off += 8;
    if (len < 0 || u32(len) > max_len || f.size - off < usize(len)) {
      release();
      diag->set("tokenizer entry %u: bad length %d", i, len);
      return Error::Corrupt;
    }
    pieces_[i] = f.data + off;
    lens_[i] = static_cast<u16>(len);
    off += usize(len);
  }
  if (off != f.size) {
    release();
    diag->set("tokenizer file has %zu bytes after %u tokens (vocabulary size mismatch?)", f.size - off, vocab_size);
    return Error::Corrupt;
  }
  build_index();
  return Error::Ok;
}

usize Tokenizer::merge(u32* ids, usize count) const {
  u8 buf[2 * kMaxPieceLen];
  for (;;) {
    float best = -3.0e38f;
    i32 best_id = -1;
    usize best_i = 0;
    for (usize i = 0; i + 1 < count; ++i) {
      StrView a = piece(ids[i]), b = piece(ids[i + 1]);
      if (a.size + b.size > sizeof(buf) || a.size + b.size > max_len_) continue;
      memcpy(buf, a.data, a.size);
      memcpy(buf + a.size, b.data, b.size);
      i32 id = lookup(buf, a.size + b.size);
      if (id >= 0 && scores_[id] > best) {
        best = scores_[id];
        best_id = id;
        best_i = i;
      }
    }
    if (best_id < 0) return count;
    ids[best_i] = static_cast<u32>(best_id);
    for (usize i = best_i + 1; i + 1 < count; ++i) ids[i] = ids[i + 1];
    --count;
  }
}

Result<usize> Tokenizer::encode(StrView text, bool bos, u32* out, usize cap) const {
  if (!loaded()) return Error::Invalid;
  usize n = 0;
  auto push = [&](u32 id) {
    if (n == cap) return false;
    out[n++] = id;
    return true;
  };
  if (bos && !push(bos_)) return Error::TooBig;
  const u8* s = reinterpret_cast<const u8*>(text.data);
  if ((flags_ & kTokDummyPrefix) && text.size) {
    i32 sp = lookup(reinterpret_cast<const u8*>(" "), 1);
    if (sp >= 0 && !push(u32(sp))) return Error::TooBig;
  }
  usize i = 0;
  while (i < text.size) {
    usize end = (flags_ & kTokPretokenize) ? next_chunk(s, text.size, i) : text.size;
    usize start = n;
    while (i < end) {
      usize cl = codepoint_len(s, end, i);
      i32 id = lookup(s + i, cl);
      if (id >= 0) {
        if (!push(u32(id))) return Error::TooBig;
      } else {
        for (usize k = 0; k < cl; ++k)
          if (!push(byte_base_ + s[i + k])) return Error::TooBig;
      }
      i += cl;
    }
    n = start + merge(out + start, n - start);
  }
  return n;
}

StrView Tokenizer::decode(u32 prev, u32 token) const {
  if (token >= n_ || token == bos_ || token == eos_ || token < byte_base_) return {};
  if (!(flags_ & kTokBytePieces)) return piece(token);
  if (token < byte_base_ + 256) return StrView(reinterpret_cast<const char*>(&bytes_[token - byte_base_]), 1);
  StrView p = piece(token);
  if (prev == bos_ && p.size && p.data[0] == ' ') p = StrView(p.data + 1, p.size - 1);
  return p;
}

}  // namespace sis::llm
