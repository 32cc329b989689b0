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
  Parsed p(R"({"x":1,"y":"two","z":3})");
  ASSERT_EQ(p.err, Error::Ok);
  EXPECT_EQ(p.doc.root()["x"].as_int(), 1);
  EXPECT_EQ(str(p.doc.root().at(1).key()), "y");
  EXPECT_EQ(p.doc.root().at(2).as_int(), 3);
  EXPECT_FALSE(p.doc.root().at(3).valid());
}

// Two members with one name are refused: a reader that keeps the first and one that keeps
// the last would act on different requests (e.g. two "id"s, or two "path"s).
TEST(JsonReader, RefusesDuplicateMemberNames) {
  const char* dup[] = {R"({"id":1,"id":2})", R"({"a":{"x":1,"y":2,"x":3}})", R"([{"k":1},{"k":2,"k":2}])",
                       R"({"id":1,"\u0069d":2})"};  // the same name once unescaped
  for (const char* d : dup) {
    Parsed p(d);
    EXPECT_EQ(p.err, Error::BadFormat) << d;
    EXPECT_FALSE(p.doc.root().valid()) << d;
    EXPECT_STREQ(p.doc.error_message(), "duplicate member name") << d;
  }
  Parsed q(R"({"id":1,"id":2})");
  EXPECT_EQ(q.doc.error_offset(), 8u);  // at the second "id"
  // The same name in different objects, and names that only share a prefix, are fine.
  Parsed ok(R"({"a":{"x":1},"b":{"x":2},"x":{"x":3},"xx":4,"":5,"x ":6})");
  EXPECT_EQ(ok.err, Error::Ok) << ok.doc.error_message();
}

// Numbers beyond what an IEEE double holds (overflow to infinity, or a nonzero value that
// would round to 0) are refused rather than kept as text a consumer may convert to inf.
TEST(JsonReader, RefusesNumbersOutOfRange) {
  const char* bad[] = {"1e999999", "-1e999999", "1e309", "1.8e308", "17976931348623158e292", "[0, 2e400]",
                       "1e99999999999999999999999", "0.000000001e-320", "4e-324", "1e-400",
                       "100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                       "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                       "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                       "0000000000000000000000000000000000000000000000000000"};
  for (const char* b : bad) {
    Parsed p(b);
    EXPECT_EQ(p.err, Error::BadFormat) << b;
    EXPECT_STREQ(p.doc.error_message(), "number out of range") << b;
  }
  Parsed at(R"({"id":1e999999})");
  EXPECT_EQ(at.doc.error_offset(), 6u);  // where the number starts
  // The extremes a double does hold are numbers; zero is zero however it is written.
  const char* good[] = {"1.7976931348623157e308", "-1.7976931348623157e308", "179769313486231570e291",
                        "5e-324", "4.9406564584124654e-324", "0e999999", "-0.0e-999999", "0.00000000000000",
                        "1e308", "18446744073709551615", "123456789012345678901234567890", "1E+2", "2.5e-3"};
  for (const char* g : good) {
    Parsed p(g);
    EXPECT_EQ(p.err, Error::Ok) << g << ": " << p.doc.error_message();
    EXPECT_TRUE(p.doc.root().is_number()) << g;
  }
}
