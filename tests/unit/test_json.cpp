// lib/json: the streaming JSON writer. Output is compared as exact strings and, independently,
// run through a small strict RFC 8259 validator written here.
#include "lib/json.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <string>

namespace {

using sis::JsonWriter;
using sis::TextBuffer;

// Strict recursive-descent JSON validator (one value, optional surrounding whitespace).
class JsonValidator {
 public:
  explicit JsonValidator(const std::string& s) : s_(s) {}
  bool valid() {
    ws();
    if (!value(0)) return false;
    ws();
    return i_ == s_.size();
  }

 private:
  bool value(int depth) {
    if (depth > 64 || i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') return string();
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    return literal("true") || literal("false") || literal("null");
  }
  bool object(int depth) {
    ++i_;
    ws();
    if (peek('}')) return ++i_, true;
    for (;;) {
      ws();
      if (!peek('"') || !string()) return false;
      ws();
      if (!peek(':')) return false;
      ++i_;
      ws();
      if (!value(depth + 1)) return false;
      ws();
      if (peek('}')) return ++i_, true;
      if (!peek(',')) return false;
      ++i_;
    }
  }
  bool array(int depth) {
    ++i_;
    ws();
    if (peek(']')) return ++i_, true;
    for (;;) {
      ws();
      if (!value(depth + 1)) return false;
      ws();
      if (peek(']')) return ++i_, true;
      if (!peek(',')) return false;
      ++i_;
    }
  }
  bool string() {
    ++i_;
    while (i_ < s_.size()) {
      auto c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;  // raw control characters are not allowed
      if (c == '\\') {
        if (i_ >= s_.size()) return false;
        char e = s_[i_++];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k, ++i_)
            if (i_ >= s_.size() || !isxdigit(static_cast<unsigned char>(s_[i_]))) return false;
        } else if (std::string("\"\\/bfnrt").find(e) == std::string::npos) {
          return false;
        }
      }
    }
    return false;
  }
  bool number() {
    size_t start = i_;
    if (peek('-')) ++i_;
    if (peek('0')) {
      ++i_;
    } else if (i_ < s_.size() && s_[i_] >= '1' && s_[i_] <= '9') {
      while (digit()) ++i_;
    } else {
      return false;
    }
    if (peek('.')) {
      ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
    }
    if (peek('e') || peek('E')) {
      ++i_;
      if (peek('+') || peek('-')) ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
    }
    return i_ > start;
  }
  bool literal(const char* lit) {
    std::string l(lit);
    if (s_.compare(i_, l.size(), l) != 0) return false;
    i_ += l.size();
    return true;
  }
  bool digit() const { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; }
  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  const std::string& s_;
  size_t i_ = 0;
};

bool valid_json(const std::string& s) { return JsonValidator(s).valid(); }

struct Doc {
  char storage[2048];
  TextBuffer tb{storage, sizeof(storage)};
  JsonWriter w{tb};
  std::string str() const { return std::string(tb.view().data, tb.view().size); }
};

TEST(JsonValidatorSelfTest, AcceptsAndRejects) {
  EXPECT_TRUE(valid_json(R"({"a":[1,-2.5,true,false,null,"x\u0001\n"],"b":{}})"));
  EXPECT_TRUE(valid_json("0"));
  EXPECT_FALSE(valid_json(""));
  EXPECT_FALSE(valid_json("{\"a\":1,}"));
  EXPECT_FALSE(valid_json("[1 2]"));
  EXPECT_FALSE(valid_json("{1:2}"));
  EXPECT_FALSE(valid_json("\"a\x01\""));
  EXPECT_FALSE(valid_json("01"));
  EXPECT_FALSE(valid_json("1."));
  EXPECT_FALSE(valid_json("{}{}"));
  EXPECT_FALSE(valid_json("\"\\x\""));
}

TEST(Json, NestedDocumentWithAutomaticCommas) {
  Doc d;
  d.w.begin_object()
      .kv("kernel", "SIS")
      .kv_uint("cpus", 4)
      .kv_sint("delta", -17)
      .kv_bool("smp", true)
      .key("regions")
      .begin_array()
      .begin_object()
      .kv_uint("base", 0x40000000)
      .kv_uint("size", 0x10000000)
      .end_object()
      .begin_object()
      .end_object()
      .begin_array()
      .end_array()
      .uint(1)
      .string("two")
      .null()
      .boolean(false)
      .end_array()
      .key("empty")
      .begin_object()
      .end_object()
      .key("nothing")
      .null()
      .end_object();
  const std::string expected =
      R"({"kernel":"SIS","cpus":4,"delta":-17,"smp":true,)"
      R"("regions":[{"base":1073741824,"size":268435456},{},[],1,"two",null,false],)"
      R"("empty":{},"nothing":null})";
  EXPECT_EQ(d.str(), expected);
  EXPECT_TRUE(d.w.ok());
  EXPECT_TRUE(valid_json(d.str()));
}

TEST(Json, TopLevelScalarsAndArrays) {
  {
    Doc d;
    d.w.string("solo");
    EXPECT_EQ(d.str(), "\"solo\"");
    EXPECT_TRUE(d.w.ok());
  }
  {
    Doc d;
    d.w.begin_array().uint(1).uint(2).begin_array().uint(3).end_array().end_array();
    EXPECT_EQ(d.str(), "[1,2,[3]]");
    EXPECT_TRUE(d.w.ok());
    EXPECT_TRUE(valid_json(d.str()));
  }
}

TEST(Json, IntegerExtremes) {
  Doc d;
  d.w.begin_array()
      .uint(0)
      .uint(UINT64_MAX)
      .sint(INT64_MIN)
      .sint(INT64_MAX)
      .sint(0)
      .end_array();
  EXPECT_EQ(d.str(), "[0,18446744073709551615,-9223372036854775808,9223372036854775807,0]");
  EXPECT_TRUE(d.w.ok());
  EXPECT_TRUE(valid_json(d.str()));
}

TEST(Json, EscapesQuotesBackslashesAndControlCharacters) {
  Doc d;
  const char raw[] = "q\"b\\s/n\nr\rt\tnul\0bel\x07" "esc\x1b" "del\x7f" "\x1f" "end";
  d.w.begin_object().kv(sis::StrView("k\"ey\n", 5), sis::StrView(raw, sizeof(raw) - 1)).end_object();
  EXPECT_EQ(d.str(),
            R"({"k\"ey\n":"q\"b\\s/n\nr\rt\tnul\u0000bel\u0007esc\u001bdel\u007f\u001fend"})");
  EXPECT_TRUE(d.w.ok());
  EXPECT_TRUE(valid_json(d.str()));
}

TEST(Json, EveryControlCharacterIsEscaped) {
  std::string all;
  for (int c = 0; c < 0x20; ++c) all.push_back(static_cast<char>(c));
  Doc d;
  d.w.string(sis::StrView(all.data(), all.size()));
  ASSERT_TRUE(d.w.ok());
  EXPECT_TRUE(valid_json(d.str()));
  for (char c : d.str()) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "raw control char in output";
}

TEST(Json, FixedPoint) {
  struct Case {
    int64_t scaled;
    unsigned decimals;
    const char* text;
  };
  const Case cases[] = {
      {12345, 3, "12.345"},
      {-12345, 3, "-12.345"},
      {5, 3, "0.005"},
      {-5, 3, "-0.005"},
      {0, 2, "0.00"},
      {7, 0, "7"},
      {-7, 0, "-7"},
      {100, 2, "1.00"},
      {INT64_MIN, 2, "-92233720368547758.08"},
      {INT64_MAX, 19, "0.9223372036854775807"},
      {1, 19, "0.0000000000000000001"},
  };
  for (const auto& c : cases) {
    Doc d;
    d.w.fixed(c.scaled, c.decimals);
    EXPECT_EQ(d.str(), c.text) << c.scaled << "/" << c.decimals;
    EXPECT_TRUE(d.w.ok());
    EXPECT_TRUE(valid_json(d.str())) << d.str();
  }
  Doc d;
  d.w.begin_object().key("t").fixed(1, 20).end_object();  // 10^20 does not fit: fail
  EXPECT_FALSE(d.w.ok());
}

TEST(Json, ValueWithoutKeyInsideObjectFails) {
  Doc d;
  d.w.begin_object().uint(1).end_object();
  EXPECT_FALSE(d.w.ok());
  Doc e;
  e.w.begin_object().kv("a", "b").string("stray").end_object();
  EXPECT_FALSE(e.w.ok());
  Doc f;
  f.w.begin_object().begin_array().end_array().end_object();
  EXPECT_FALSE(f.w.ok());
}

TEST(Json, KeyMisuseFails) {
  Doc top;
  top.w.key("a");  // no object open
  EXPECT_FALSE(top.w.ok());
  Doc arr;
  arr.w.begin_array().key("a").uint(1).end_array();
  EXPECT_FALSE(arr.w.ok());
  Doc twice;
  twice.w.begin_object().key("a").key("b").uint(1).end_object();
  EXPECT_FALSE(twice.w.ok());
  Doc dangling;
  dangling.w.begin_object().key("a").end_object();  // key without a value
  EXPECT_FALSE(dangling.w.ok());
}

TEST(Json, UnbalancedEndsFail) {
  Doc open;
  open.w.begin_object().kv("a", "b");
  EXPECT_FALSE(open.w.ok());
  Doc extra;
  extra.w.begin_object().end_object().end_object();
  EXPECT_FALSE(extra.w.ok());
  Doc mismatch;
  mismatch.w.begin_object().end_array();
  EXPECT_FALSE(mismatch.w.ok());
  Doc mismatch2;
  mismatch2.w.begin_array().end_object();
  EXPECT_FALSE(mismatch2.w.ok());
  Doc bare_end;
  bare_end.w.end_array();
  EXPECT_FALSE(bare_end.w.ok());
}

TEST(Json, OneDocumentHasExactlyOneTopLevelValue) {
  Doc empty;
  EXPECT_FALSE(empty.w.ok()) << "an empty document is not JSON";
  Doc two;
  two.w.begin_object().end_object().begin_object().end_object();
  EXPECT_EQ(two.str(), "{}{}");
  EXPECT_FALSE(two.w.ok()) << "two top-level values are not one JSON document";
  Doc scalars;
  scalars.w.uint(1).uint(2);
  EXPECT_FALSE(scalars.w.ok());
}

TEST(Json, NestingLimit) {
  Doc ok;
  for (int i = 0; i < 32; ++i) ok.w.begin_array();
  for (int i = 0; i < 32; ++i) ok.w.end_array();
  EXPECT_TRUE(ok.w.ok());
  EXPECT_TRUE(valid_json(ok.str()));
  Doc deep;
  for (int i = 0; i < 33; ++i) deep.w.begin_array();
  for (int i = 0; i < 33; ++i) deep.w.end_array();
  EXPECT_FALSE(deep.w.ok());
}

TEST(Json, TruncationFailsAndExactFitSucceeds) {
  auto fill = [](JsonWriter& w) {
    w.begin_object().kv("name", "a \"quoted\" value").kv_uint("n", 1234567).key("l").begin_array();
    w.fixed(-31415, 4).boolean(true).end_array().end_object();
  };
  char big[256];
  TextBuffer tb(big, sizeof(big));
  JsonWriter w(tb);
  fill(w);
  ASSERT_TRUE(w.ok());
  const std::string full(tb.view().data, tb.view().size);
  EXPECT_EQ(full, R"({"name":"a \"quoted\" value","n":1234567,"l":[-3.1415,true]})");
  EXPECT_TRUE(valid_json(full));
  for (size_t cap = 1; cap <= full.size() + 1; ++cap) {
    std::string storage(cap + 1, '\x5a');
    TextBuffer t(storage.data(), cap);
    JsonWriter jw(t);
    fill(jw);
    EXPECT_EQ(storage[cap], '\x5a') << "overflow at cap " << cap;
    if (cap == full.size() + 1) {
      EXPECT_TRUE(jw.ok());
      EXPECT_EQ(std::string(t.c_str()), full);
    } else {
      EXPECT_FALSE(jw.ok()) << "cap " << cap;
      EXPECT_EQ(std::string(t.c_str()), full.substr(0, cap - 1)) << "cap " << cap;
    }
  }
}

}  // namespace
