#include "folded.h"

#include <cstdio>

namespace sis::flame {

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 if it is not valid UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF are invalid, as XML parsers require).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n;
  std::uint32_t cp;
  if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  // U+FFFE and U+FFFF are not XML characters either.
  if (cp == 0xFFFE || cp == 0xFFFF) return 0;
  return n;
}

// "" when the frame names are acceptable, else what is wrong with them.
std::string check_names(std::string_view stack) {
  for (std::size_t i = 0; i < stack.size();) {
    const unsigned char c = static_cast<unsigned char>(stack[i]);
    if (c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return std::string("control character ") + hex + " in a frame name (column " + std::to_string(i + 1) + ")";
    }
    const std::size_t n = utf8_sequence(stack, i);
    if (n == 0) return "a frame name is not valid UTF-8 (column " + std::to_string(i + 1) + ")";
    i += n;
  }
  return {};
}

bool parse_count(std::string_view digits, std::uint64_t* out) {
  if (digits.empty() || digits.size() > 19) return false;  // 19 digits always fit in 64 bits
  std::uint64_t v = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  if (v == 0) return false;
  *out = v;
  return true;
}

}  // namespace

std::string ParseError::to_string() const { return "line " + std::to_string(line) + ": " + message; }

ParseResult parse_folded(std::string_view text) {
  ParseResult r;
  const auto fail = [&](std::size_t line, std::string message) {
    r.profile = {};
    r.error = ParseError{line, std::move(message)};
    return r;
  };
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    ++line_no;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line

    const std::size_t space = line.rfind(' ');
    if (space == std::string_view::npos) return fail(line_no, "no sample count (expected 'frame;frame;... COUNT')");
    const std::string_view count_text = line.substr(space + 1);
    std::uint64_t count = 0;
    if (!parse_count(count_text, &count))
      return fail(line_no, "the sample count '" + std::string(count_text.substr(0, 40)) + "' is not a positive integer");
    const std::string_view stack = line.substr(0, space);
    if (stack.empty()) return fail(line_no, "no frames before the sample count");
    if (std::string bad = check_names(stack); !bad.empty()) return fail(line_no, bad);
    if (count > kMaxTotalSamples - r.profile.total)
      return fail(line_no, "the total sample count exceeds 2^52");

    FoldedStack s;
    s.count = count;
    std::size_t from = 0;
    while (true) {
      const std::size_t semi = stack.find(';', from);
      const std::string_view name = stack.substr(from, semi == std::string_view::npos ? std::string_view::npos : semi - from);
      if (name.empty()) return fail(line_no, "empty frame name (frame " + std::to_string(s.frames.size() + 1) + ")");
      s.frames.emplace_back(name);
      if (semi == std::string_view::npos) break;
      from = semi + 1;
    }
    r.profile.total += count;
    r.profile.stacks.push_back(std::move(s));
  }
  return r;
}

std::string to_folded(const FoldedProfile& profile) {
  std::string out;
  for (const FoldedStack& s : profile.stacks) {
    for (std::size_t i = 0; i < s.frames.size(); ++i) {
      if (i) out += ';';
      out += s.frames[i];
    }
    out += ' ';
    out += std::to_string(s.count);
    out += '\n';
  }
  return out;
}

}  // namespace sis::flame
