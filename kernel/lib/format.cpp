#include "lib/format.h"

#include "lib/string.h"

namespace sis {
namespace {

struct Out {
  char* buf;
  usize cap;
  usize len;
  void put(char c) {
    if (len + 1 < cap) buf[len] = c;
    ++len;
  }
};

struct Spec {
  bool left = false;
  bool zero = false;
  int width = 0;
  int precision = -1;
};

void emit_padded(Out& o, const Spec& sp, const char* s, usize n, char pad) {
  usize w = sp.width > 0 ? static_cast<usize>(sp.width) : 0;
  if (!sp.left) for (usize i = n; i < w; ++i) o.put(pad);
  for (usize i = 0; i < n; ++i) o.put(s[i]);
  if (sp.left) for (usize i = n; i < w; ++i) o.put(' ');
}

void emit_number(Out& o, const Spec& sp, u64 v, bool negative, unsigned base, bool upper, const char* prefix) {
  char tmp[24];
  usize n = 0;
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    tmp[n++] = digits[v % base];
    v /= base;
  } while (v);
  usize plen = prefix ? strlen(prefix) : 0;
  usize body = n + (negative ? 1 : 0) + plen;
  usize w = sp.width > 0 ? static_cast<usize>(sp.width) : 0;
  usize pad = w > body ? w - body : 0;
  // Zero padding goes between the sign/prefix and the digits; '-' overrides '0'.
  bool zero = sp.zero && !sp.left;
  if (!sp.left && !zero) for (usize i = 0; i < pad; ++i) o.put(' ');
  if (negative) o.put('-');
  for (usize i = 0; i < plen; ++i) o.put(prefix[i]);
  if (zero) for (usize i = 0; i < pad; ++i) o.put('0');
  while (n) o.put(tmp[--n]);
  if (sp.left) for (usize i = 0; i < pad; ++i) o.put(' ');
}

// Parses a run of decimal digits, saturating at kFormatMaxField.
int parse_field(const char*& p) {
  int v = 0;
  while (*p >= '0' && *p <= '9') {
    v = v * 10 + (*p++ - '0');
    if (v > kFormatMaxField) v = kFormatMaxField;
  }
  return v;
}

}  // namespace

usize vformat(char* buf, usize cap, const char* fmt, va_list ap) {
  Out o{buf, cap, 0};
  for (const char* p = fmt; *p; ++p) {
    if (*p != '%') {
      o.put(*p);
      continue;
    }
    ++p;
    Spec sp;
    for (;; ++p) {
      if (*p == '-') sp.left = true;
      else if (*p == '0') sp.zero = true;
      else break;
    }
    if (*p == '*') {
      int w = va_arg(ap, int);
      if (w < 0) sp.left = true;
      // Negating INT_MIN would overflow: clamp while still negative.
      sp.width = w < 0 ? (w < -kFormatMaxField ? kFormatMaxField : -w) : min(w, kFormatMaxField);
      ++p;
    } else {
      sp.width = parse_field(p);
    }
    if (*p == '.') {
      ++p;
      if (*p == '*') { sp.precision = min(va_arg(ap, int), kFormatMaxField); ++p; }
      else sp.precision = parse_field(p);
    }
    int longs = 0;
    bool size_t_len = false;
    while (*p == 'l') { ++longs; ++p; }
    if (*p == 'z') { size_t_len = true; ++p; }
    auto fetch_unsigned = [&]() -> u64 {
      if (size_t_len) return va_arg(ap, usize);
      if (longs >= 2) return va_arg(ap, unsigned long long);
      if (longs == 1) return va_arg(ap, unsigned long);
      return va_arg(ap, unsigned int);
    };
    switch (*p) {
      case 'd':
      case 'i': {
        i64 v;
        if (size_t_len) v = static_cast<i64>(va_arg(ap, usize));
        else if (longs >= 2) v = va_arg(ap, long long);
        else if (longs == 1) v = va_arg(ap, long);
        else v = va_arg(ap, int);
        bool neg = v < 0;
        u64 mag = neg ? static_cast<u64>(0) - static_cast<u64>(v) : static_cast<u64>(v);
        emit_number(o, sp, mag, neg, 10, false, nullptr);
        break;
      }
      case 'u': emit_number(o, sp, fetch_unsigned(), false, 10, false, nullptr); break;
      case 'o': emit_number(o, sp, fetch_unsigned(), false, 8, false, nullptr); break;
      case 'x': emit_number(o, sp, fetch_unsigned(), false, 16, false, nullptr); break;
      case 'X': emit_number(o, sp, fetch_unsigned(), false, 16, true, nullptr); break;
      case 'p': {
        auto v = reinterpret_cast<uptr>(va_arg(ap, void*));
        emit_number(o, sp, v, false, 16, false, "0x");
        break;
      }
      case 's': {
        const char* s = va_arg(ap, const char*);
        if (!s) s = "(null)";
        usize n = 0;
        // Check the precision first: it bounds the read (the array need not be terminated).
        while ((sp.precision < 0 || n < static_cast<usize>(sp.precision)) && s[n]) ++n;
        emit_padded(o, sp, s, n, ' ');
        break;
      }
      case 'c': {
        char c = static_cast<char>(va_arg(ap, int));
        emit_padded(o, sp, &c, 1, ' ');
        break;
      }
      case '%': o.put('%'); break;
      case '\0': --p; break;  // a lone '%' at the end: print nothing more
      default:
        o.put('%');
        o.put(*p);
        break;
    }
  }
  if (cap) buf[o.len < cap ? o.len : cap - 1] = '\0';
  return o.len;
}

usize format(char* buf, usize cap, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  usize n = vformat(buf, cap, fmt, ap);
  va_end(ap);
  return n;
}

void TextBuffer::clear() {
  len_ = 0;
  truncated_ = false;
  if (cap_) buf_[0] = '\0';
}

void TextBuffer::push(char c) {
  if (len_ + 1 < cap_) {
    buf_[len_++] = c;
    buf_[len_] = '\0';
  } else {
    truncated_ = true;
  }
}

void TextBuffer::append(StrView s) {
  for (usize i = 0; i < s.size; ++i) push(s.data[i]);
}

void TextBuffer::vappendf(const char* fmt, va_list ap) {
  if (cap_ == 0) {
    if (vformat(nullptr, 0, fmt, ap) > 0) truncated_ = true;  // dropped, so flag it
    return;
  }
  usize room = cap_ - len_;
  usize n = vformat(buf_ + len_, room, fmt, ap);
  if (n >= room) {
    truncated_ = true;
    len_ = cap_ - 1;
  } else {
    len_ += n;
  }
}

void TextBuffer::appendf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vappendf(fmt, ap);
  va_end(ap);
}

}  // namespace sis
