#include "lib/json_reader.h"

namespace sis {

struct JsonParser {
  JsonDocument& doc;
  char* s;
  usize len;
  usize pos = 0;
  static constexpr int kMaxDepth = 32;

  bool fail(const char* why) {
    if (!*doc.error_) {
      doc.error_ = why;
      doc.error_at_ = pos;
    }
    return false;
  }
  void skip_ws() {
    while (pos < len && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) ++pos;
  }
  bool peek(char c) const { return pos < len && s[pos] == c; }

  Result<u32> new_node() {
    if (doc.used_ == doc.cap_) return Error::TooBig;
    doc.nodes_[doc.used_] = JsonNode{};
    return static_cast<u32>(++doc.used_);  // index + 1
  }
  JsonNode& at(u32 id) { return doc.nodes_[id - 1]; }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Parses a string at s[pos] == '"', unescaping in place; the result view points into s.
  bool parse_string(StrView* out) {
    ++pos;
    usize w = pos;
    usize start = pos;
    while (pos < len) {
      char c = s[pos++];
      if (c == '"') {
        *out = StrView(s + start, w - start);
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        s[w++] = c;
        continue;
      }
      if (pos >= len) break;
      char e = s[pos++];
      switch (e) {
        case '"': s[w++] = '"'; break;
        case '\\': s[w++] = '\\'; break;
        case '/': s[w++] = '/'; break;
        case 'b': s[w++] = '\b'; break;
        case 'f': s[w++] = '\f'; break;
        case 'n': s[w++] = '\n'; break;
        case 'r': s[w++] = '\r'; break;
        case 't': s[w++] = '\t'; break;
        case 'u': {
          u32 cp = 0;
          if (!read_hex4(&cp)) return fail("bad \\u escape");
          if (cp >= 0xd800 && cp < 0xdc00) {  // high surrogate: a low one must follow
            u32 lo = 0;
            if (pos + 1 >= len || s[pos] != '\\' || s[pos + 1] != 'u') return fail("lone surrogate");
            pos += 2;
            if (!read_hex4(&lo) || lo < 0xdc00 || lo > 0xdfff) return fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          } else if (cp >= 0xdc00 && cp < 0xe000) {
            return fail("lone surrogate");
          }
          // UTF-8 encoding is never longer than the 6+ bytes of the escape it replaces.
          if (cp < 0x80) s[w++] = static_cast<char>(cp);
          else if (cp < 0x800) {
            s[w++] = static_cast<char>(0xc0 | (cp >> 6));
            s[w++] = static_cast<char>(0x80 | (cp & 0x3f));
          } else if (cp < 0x10000) {
            s[w++] = static_cast<char>(0xe0 | (cp >> 12));
            s[w++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            s[w++] = static_cast<char>(0x80 | (cp & 0x3f));
          } else {
            s[w++] = static_cast<char>(0xf0 | (cp >> 18));
            s[w++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
            s[w++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            s[w++] = static_cast<char>(0x80 | (cp & 0x3f));
          }
          break;
        }
        default: return fail("bad escape");
      }
    }
    return fail("unterminated string");
  }

  bool read_hex4(u32* out) {
    if (pos + 4 > len) return false;
    u32 v = 0;
    for (int i = 0; i < 4; ++i) {
      int h = hex(s[pos + i]);
      if (h < 0) return false;
      v = v * 16 + static_cast<u32>(h);
    }
    pos += 4;
    *out = v;
    return true;
  }

  // Compares up to 17 significant digits (missing ones count as '0') with a 17-digit
  // reference; `more` says nonzero digits followed the 17 kept ones.
  static int compare_digits(const char* d, usize nd, bool more, const char* ref) {
    for (usize i = 0; i < 17; ++i) {
      char c = i < nd ? d[i] : '0';
      if (c != ref[i]) return c < ref[i] ? -1 : 1;
    }
    return more ? 1 : 0;
  }

  bool parse_number(JsonNode& n) {
    usize start = pos;
    bool neg = false;
    if (peek('-')) {
      neg = true;
      ++pos;
    }
    if (pos >= len || s[pos] < '0' || s[pos] > '9') return fail("bad number");
    if (s[pos] == '0' && pos + 1 < len && s[pos + 1] >= '0' && s[pos + 1] <= '9') return fail("leading zero");
    // The value as significant digits and the decimal exponent of the first one, to refuse
    // what a double cannot hold without floating point: d.ddd x 10^lead_exp.
    char sig[17];
    usize nsig = 0;
    bool more_sig = false;  // a nonzero digit beyond the 17 kept
    i64 lead_exp = 0;       // exponent of the first significant digit, before "e"
    auto digit = [&](char c, i64 place) {
      if (nsig == 0 && c == '0') return;
      if (nsig == 0) lead_exp = place;
      if (nsig < sizeof(sig)) sig[nsig++] = c;
      else if (c != '0') more_sig = true;
    };
    usize int_start = pos;
    while (pos < len && s[pos] >= '0' && s[pos] <= '9') ++pos;
    usize int_digits = pos - int_start;
    for (usize i = int_start; i < pos; ++i) digit(s[i], static_cast<i64>(int_digits - 1 - (i - int_start)));
    u64 mag = 0;
    bool overflow = false;
    for (usize i = int_start; i < int_start + int_digits; ++i) {
      u64 d = static_cast<u64>(s[i] - '0');
      if (mag > (~0ull - d) / 10) overflow = true;
      else mag = mag * 10 + d;
    }
    bool integral = true;
    if (peek('.')) {
      integral = false;
      ++pos;
      if (pos >= len || s[pos] < '0' || s[pos] > '9') return fail("bad fraction");
      for (i64 place = -1; pos < len && s[pos] >= '0' && s[pos] <= '9'; --place) digit(s[pos++], place);
    }
    i64 exp = 0;
    if (peek('e') || peek('E')) {
      integral = false;
      ++pos;
      bool eneg = false;
      if (peek('+') || peek('-')) eneg = s[pos++] == '-';
      if (pos >= len || s[pos] < '0' || s[pos] > '9') return fail("bad exponent");
      for (; pos < len && s[pos] >= '0' && s[pos] <= '9'; ++pos)
        if (exp < 1000000000) exp = exp * 10 + (s[pos] - '0');  // saturates: far out of range anyway
      if (eneg) exp = -exp;
    }
    // Refused: above the largest double (it would become infinity) or nonzero below the
    // smallest (it would become 0). Zero itself, however written, is fine.
    if (nsig) {
      i64 e10 = lead_exp + exp;
      if (e10 > 308 || (e10 == 308 && compare_digits(sig, nsig, more_sig, "17976931348623157") > 0) || e10 < -324 ||
          (e10 == -324 && compare_digits(sig, nsig, more_sig, "49406564584124654") < 0)) {
        pos = start;
        return fail("number out of range");
      }
    }
    n.type = JsonNode::Type::Number;
    n.text = StrView(s + start, pos - start);
    u64 limit = neg ? (1ull << 63) : (1ull << 63) - 1;
    if (integral && !overflow && mag <= limit) {
      n.integer = true;
      n.int_value = neg ? static_cast<i64>(0 - mag) : static_cast<i64>(mag);
    }
    return true;
  }

  bool literal(const char* word, usize n) {
    if (pos + n > len) return fail("unexpected end");
    for (usize i = 0; i < n; ++i)
      if (s[pos + i] != word[i]) return fail("unexpected character");
    pos += n;
    return true;
  }

  // Parses one value into node `id`.
  bool parse_value(u32 id, int depth) {
    skip_ws();
    if (pos >= len) return fail("unexpected end");
    JsonNode& n = at(id);
    char c = s[pos];
    if (c == '{' || c == '[') {
      if (depth >= kMaxDepth) return fail("nesting too deep");
      bool object = c == '{';
      n.type = object ? JsonNode::Type::Object : JsonNode::Type::Array;
      ++pos;
      skip_ws();
      if (peek(object ? '}' : ']')) {
        ++pos;
        return true;
      }
      u32 prev = 0;
      for (;;) {
        skip_ws();
        StrView key;
        if (object) {
          if (!peek('"')) return fail("expected a member name");
          usize key_at = pos;
          if (!parse_string(&key)) return false;
          // Duplicate names are an error: which one counts would be the reader's choice.
          for (u32 c = at(id).first_child; c; c = at(c).next_sibling)
            if (at(c).key == key) {
              pos = key_at;
              return fail("duplicate member name");
            }
          skip_ws();
          if (!peek(':')) return fail("expected ':'");
          ++pos;
        }
        auto child = new_node();
        if (!child.ok()) return fail("too many values");
        at(child.value()).key = key;
        if (!parse_value(child.value(), depth + 1)) return false;
        JsonNode& parent = at(id);  // re-fetch: the reference is stable, kept for clarity
        if (prev) at(prev).next_sibling = child.value();
        else parent.first_child = child.value();
        ++parent.count;
        prev = child.value();
        skip_ws();
        if (peek(',')) {
          ++pos;
          continue;
        }
        if (peek(object ? '}' : ']')) {
          ++pos;
          return true;
        }
        return fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
    if (c == '"') {
      n.type = JsonNode::Type::String;
      return parse_string(&n.text);
    }
    if (c == 't') {
      n.type = JsonNode::Type::Bool;
      n.boolean = true;
      return literal("true", 4);
    }
    if (c == 'f') {
      n.type = JsonNode::Type::Bool;
      return literal("false", 5);
    }
    if (c == 'n') {
      n.type = JsonNode::Type::Null;
      return literal("null", 4);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number(n);
    return fail("unexpected character");
  }
};

Error JsonDocument::parse(char* text, usize len) {
  used_ = 0;
  error_ = "";
  error_at_ = 0;
  if (!text || cap_ == 0) return Error::Invalid;
  JsonParser p{*this, text, len};
  auto root = p.new_node();
  if (!root.ok()) return Error::TooBig;
  if (!p.parse_value(root.value(), 0)) {
    used_ = 0;
    return Error::BadFormat;
  }
  p.skip_ws();
  if (p.pos != len) {
    p.fail("trailing characters after the value");
    used_ = 0;
    return Error::BadFormat;
  }
  return Error::Ok;
}

JsonValue JsonDocument::root() const { return used_ ? JsonValue(this, &nodes_[0]) : JsonValue(); }

JsonValue JsonValue::operator[](StrView k) const {
  if (!is_object()) return {};
  for (const JsonNode* c = doc_->node(n_->first_child); c; c = doc_->node(c->next_sibling))
    if (c->key == k) return JsonValue(doc_, c);
  return {};
}

JsonValue JsonValue::at(usize index) const {
  if (!is_array() && !is_object()) return {};
  usize i = 0;
  for (const JsonNode* c = doc_->node(n_->first_child); c; c = doc_->node(c->next_sibling), ++i)
    if (i == index) return JsonValue(doc_, c);
  return {};
}

}  // namespace sis
