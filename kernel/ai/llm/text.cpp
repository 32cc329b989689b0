#include "ai/llm/text.h"

namespace sis::llm {
namespace {

// Length of the valid UTF-8 sequence at s[i] (1..4), or 0 if invalid / incomplete.
usize valid_seq(const u8* s, usize n, usize i, bool* incomplete) {
  *incomplete = false;
  u8 c = s[i];
  if (c < 0x80) return 1;
  usize len;
  u32 cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  for (usize k = 1; k < len; ++k) {
    if (i + k >= n) {
      *incomplete = true;
      return 0;
    }
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  // Overlong encodings, surrogates and values beyond U+10FFFF are invalid.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

}  // namespace

usize to_valid_utf8(StrView sv, char* out, usize cap) {
  const u8* s = reinterpret_cast<const u8*>(sv.data);
  usize o = 0;
  for (usize i = 0; i < sv.size;) {
    bool inc;
    usize len = valid_seq(s, sv.size, i, &inc);
    if (len == 0) {
      if (o + 3 > cap) break;
      out[o++] = static_cast<char>(0xEF);
      out[o++] = static_cast<char>(0xBF);
      out[o++] = static_cast<char>(0xBD);
      ++i;
      continue;
    }
    if (o + len > cap) break;
    for (usize k = 0; k < len; ++k) out[o++] = static_cast<char>(s[i + k]);
    i += len;
  }
  return o;
}

usize to_terminal_text(StrView sv, char* out, usize cap) {
  static const char hex[] = "0123456789abcdef";
  const u8* s = reinterpret_cast<const u8*>(sv.data);
  usize o = 0;
  for (usize i = 0; i < sv.size;) {
    bool inc;
    usize len = valid_seq(s, sv.size, i, &inc);
    bool ctrl = len == 1 && ((s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7f);
    // C1 controls (U+0080..U+009F) also act on some terminals.
    if (len == 2 && s[i] == 0xC2 && s[i + 1] < 0xA0) ctrl = true;
    if (len == 0 || ctrl) {
      usize n = len ? len : 1;
      for (usize k = 0; k < n; ++k) {
        if (o + 4 > cap) return o;
        out[o++] = '\\';
        out[o++] = 'x';
        out[o++] = hex[s[i + k] >> 4];
        out[o++] = hex[s[i + k] & 15];
      }
      i += n;
      continue;
    }
    if (o + len > cap) return o;
    for (usize k = 0; k < len; ++k) out[o++] = static_cast<char>(s[i + k]);
    i += len;
  }
  return o;
}

usize utf8_complete_prefix(StrView sv) {
  const u8* s = reinterpret_cast<const u8*>(sv.data);
  // Look at most 3 bytes back for the lead byte of an unfinished sequence.
  for (usize back = 1; back <= 3 && back <= sv.size; ++back) {
    usize i = sv.size - back;
    u8 c = s[i];
    if ((c & 0xC0) == 0x80) continue;  // continuation: keep looking for the lead
    bool inc;
    valid_seq(s, sv.size, i, &inc);
    return inc ? i : sv.size;
  }
  return sv.size;
}

}  // namespace sis::llm

namespace sis::llm {
bool parse_milli(StrView s, u32 max_milli, u32* out) {
  if (s.size == 0 || s.size > 12) return false;
  u64 whole = 0, frac = 0;
  usize i = 0, digits = 0, fdigits = 0;
  for (; i < s.size && s.data[i] >= '0' && s.data[i] <= '9'; ++i, ++digits) whole = whole * 10 + u64(s.data[i] - '0');
  if (i < s.size && s.data[i] == '.') {
    for (++i; i < s.size && s.data[i] >= '0' && s.data[i] <= '9'; ++i, ++fdigits) {
      if (fdigits == 3) return false;
      frac = frac * 10 + u64(s.data[i] - '0');
    }
  }
  if (i != s.size || (digits == 0 && fdigits == 0)) return false;
  while (fdigits++ < 3) frac *= 10;
  u64 v = whole * 1000 + frac;
  if (v > max_milli) return false;
  *out = static_cast<u32>(v);
  return true;
}
}  // namespace sis::llm
