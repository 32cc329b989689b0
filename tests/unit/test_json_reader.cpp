// The in-place JSON reader used for control-protocol lines.
#include <gtest/gtest.h>

#include <string>

#include "lib/json_reader.h"

using namespace sis;

namespace {

struct Parsed {
  std::string text;
  JsonNode pool[128];
  JsonDocument doc{pool, 128};
  Error err;
  explicit Parsed(std::string t) : text(std::move(t)) { err = doc.parse(text.data(), text.size()); }
};

std::string str(StrView v) { return std::string(v.data ? v.data : "", v.size); }

}  // namespace

TEST(JsonReader, ParsesARequest) {
  Parsed p(R"({"type":"request","id":7,"method":"fs.stat","params":{"path":"/etc/motd","n":-12,"ok":true,"x":null}})");
  ASSERT_EQ(p.err, Error::Ok);
  JsonValue r = p.doc.root();
  EXPECT_TRUE(r.is_object());
  EXPECT_EQ(r.size(), 4u);
  EXPECT_EQ(str(r["type"].as_string()), "request");
  EXPECT_EQ(r["id"].as_int(), 7);
  EXPECT_EQ(str(r["params"]["path"].as_string()), "/etc/motd");
  EXPECT_EQ(r["params"]["n"].as_int(), -12);
  EXPECT_TRUE(r["params"]["ok"].as_bool());
  EXPECT_TRUE(r["params"]["x"].is_null());
  EXPECT_FALSE(r["missing"].valid());
  EXPECT_FALSE(r["params"]["missing"]["deeper"].valid());  // chains safely
}

TEST(JsonReader, UnescapesStringsInPlace) {
  Parsed p(R"(["a\"b\\c\/d\n\t", "\u00e9\u20ac\ud83d\ude00", ""])");
  ASSERT_EQ(p.err, Error::Ok);
  EXPECT_EQ(str(p.doc.root().at(0).as_string()), "a\"b\\c/d\n\t");
  EXPECT_EQ(str(p.doc.root().at(1).as_string()), "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
  EXPECT_EQ(str(p.doc.root().at(2).as_string()), "");
  EXPECT_TRUE(p.doc.root().at(2).is_string());
}

TEST(JsonReader, Numbers) {
  Parsed p("[0, -0, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1.5, 2e3, -7]");
  ASSERT_EQ(p.err, Error::Ok);
  auto v = p.doc.root();
  EXPECT_TRUE(v.at(0).is_integer());
  EXPECT_EQ(v.at(2).as_int(), INT64_MAX);
  EXPECT_EQ(v.at(3).as_int(), INT64_MIN);
  EXPECT_TRUE(v.at(4).is_number());
  EXPECT_FALSE(v.at(4).is_integer());  // out of range: a number, not an integer
  EXPECT_FALSE(v.at(5).is_integer());
  EXPECT_FALSE(v.at(6).is_integer());
  EXPECT_EQ(v.at(6).as_int(-1), -1);
  EXPECT_EQ(v.at(7).as_int(), -7);
}

TEST(JsonReader, RejectsMalformedInput) {
  const char* bad[] = {"", "{", "}", "{\"a\"}", "{\"a\":}", "[1,]", "[1 2]", "{\"a\":1,}", "01", "-", "1.", "1e",
                       "\"unterminated", "\"bad \\x escape\"", "\"\\ud800\"", "\"\\udc00x\"", "tru", "nul", "{} {}",
                       "\"ctl \x01\"", "{\"a\" 1}", "[\"\\u12\"]"};
  for (const char* b : bad) {
    Parsed p(b);
    EXPECT_EQ(p.err, Error::BadFormat) << "input: " << b;
    EXPECT_FALSE(p.doc.root().valid());
    EXPECT_STRNE(p.doc.error_message(), "") << b;
  }
}

TEST(JsonReader, ErrorsSayWhere) {
  Parsed p(R"({"a":1, "b" 2})");
  ASSERT_EQ(p.err, Error::BadFormat);
  EXPECT_STREQ(p.doc.error_message(), "expected ':'");
  EXPECT_EQ(p.doc.error_offset(), 12u);
}

TEST(JsonReader, DepthAndNodeLimits) {
  std::string deep(40, '[');
  deep += std::string(40, ']');
  Parsed p(deep);
  EXPECT_EQ(p.err, Error::BadFormat);
  EXPECT_STREQ(p.doc.error_message(), "nesting too deep");
  std::string many = "[";
  for (int i = 0; i < 200; ++i) many += "1,";
  many += "1]";
  Parsed q(many);
  EXPECT_EQ(q.err, Error::BadFormat);
  EXPECT_STREQ(q.doc.error_message(), "too many values");
}

TEST(JsonReader, ObjectMembersByPosition) {
  Parsed p(R"({"x":1,"y":"two","x":3})");
  ASSERT_EQ(p.err, Error::Ok);
  EXPECT_EQ(p.doc.root()["x"].as_int(), 1);  // first match wins
  EXPECT_EQ(str(p.doc.root().at(1).key()), "y");
  EXPECT_EQ(p.doc.root().at(2).as_int(), 3);
  EXPECT_FALSE(p.doc.root().at(3).valid());
}
