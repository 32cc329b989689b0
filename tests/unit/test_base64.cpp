// Base64 for control-protocol file contents: RFC 4648 vectors and refusals.
#include <gtest/gtest.h>

#include <string>

#include "lib/base64.h"

using namespace sis;

namespace {
std::string enc(const std::string& s) {
  std::string out(base64_encoded_size(s.size()), '\0');
  out.resize(base64_encode(reinterpret_cast<const u8*>(s.data()), s.size(), out.data()));
  return out;
}
Result<std::string> dec(const std::string& s, usize cap = 1024) {
  std::string out(cap, '\0');
  auto r = base64_decode(StrView(s.data(), s.size()), reinterpret_cast<u8*>(out.data()), cap);
  if (!r.ok()) return r.error();
  out.resize(r.value());
  return out;
}
}  // namespace

TEST(Base64, Rfc4648Vectors) {
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(enc(plain[i]), coded[i]);
    auto d = dec(coded[i]);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.value(), plain[i]);
  }
}

TEST(Base64, AllByteValuesRoundTrip) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  auto d = dec(enc(all));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.value(), all);
}

TEST(Base64, RefusesBadInput) {
  for (const char* b : {"Zg=", "Z===", "Zg=a", "Zm9v!A==", "=Zm9", "Zg==Zg==", "Zm 9v"})
    EXPECT_EQ(dec(b).error(), Error::BadFormat) << b;
  EXPECT_EQ(dec("Zm9vYmFy", 5).error(), Error::TooBig);
}

// Only the canonical encoding decodes: nonzero bits under the padding would let several
// strings stand for the same bytes (found by the json fuzz target: "a/V8/V9=").
TEST(Base64, RefusesNonzeroBitsUnderThePadding) {
  for (const char* b : {"Zh==", "QR==", "Zm9=", "a/V8/V9="}) EXPECT_EQ(dec(b).error(), Error::BadFormat) << b;
  EXPECT_EQ(dec("Zg==").value(), "f");
  EXPECT_EQ(dec("Zm8=").value(), "fo");
  EXPECT_EQ(dec("a/V8/Vw=").value(), std::string("\x6b\xf5\x7c\xfd\x5c", 5));
}
