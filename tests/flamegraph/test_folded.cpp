// The folded parser: every kind of bad line gives an error naming that line (and no
// profile), good input gives exactly its stacks and counts back.
#include <gtest/gtest.h>

#include "folded.h"

using sis::flame::parse_folded;

namespace {

void expect_error(std::string_view text, std::size_t line, std::string_view part) {
  const auto r = parse_folded(text);
  ASSERT_FALSE(r.ok()) << "accepted: " << text;
  EXPECT_EQ(r.error.line, line) << r.error.to_string();
  EXPECT_NE(r.error.message.find(part), std::string::npos) << r.error.to_string();
  EXPECT_TRUE(r.profile.stacks.empty());
  EXPECT_EQ(r.profile.total, 0u);
}

}  // namespace

TEST(FoldedParse, ReadsStacksCountsAndNamesWithSpaces) {
  const auto r = parse_folded("[kernel] shell;sis`kernel_main;sis`bench_fs 37\r\n\n[pid 7] busybox;busybox`main 12\n  \n");
  ASSERT_TRUE(r.ok()) << r.error.to_string();
  ASSERT_EQ(r.profile.stacks.size(), 2u);
  EXPECT_EQ(r.profile.stacks[0].frames, (std::vector<std::string>{"[kernel] shell", "sis`kernel_main", "sis`bench_fs"}));
  EXPECT_EQ(r.profile.stacks[0].count, 37u);
  EXPECT_EQ(r.profile.stacks[1].frames, (std::vector<std::string>{"[pid 7] busybox", "busybox`main"}));
  EXPECT_EQ(r.profile.total, 49u);
}

TEST(FoldedParse, EmptyTextIsAnEmptyProfile) {
  const auto r = parse_folded("");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.profile.stacks.empty());
}

TEST(FoldedParse, LastLineWithoutNewlineCounts) {
  const auto r = parse_folded("a;b 1\na 2");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.profile.total, 3u);
}

TEST(FoldedParse, MissingCountNamesTheLine) { expect_error("a;b 1\na;b\n", 2, "no sample count"); }
TEST(FoldedParse, ZeroCountIsAnError) { expect_error("a;b 1\n\na;c 0\n", 3, "'0' is not a positive integer"); }
TEST(FoldedParse, NegativeCountIsAnError) { expect_error("a -4\n", 1, "not a positive integer"); }
TEST(FoldedParse, NonDecimalCountIsAnError) { expect_error("a 1\nb 0x10\n", 2, "'0x10'"); }
TEST(FoldedParse, FractionalCountIsAnError) { expect_error("a 1.5\n", 1, "not a positive integer"); }
TEST(FoldedParse, TrailingSpaceAfterCountIsAnError) { expect_error("a 5 \n", 1, "not a positive integer"); }
TEST(FoldedParse, HugeCountIsAnError) { expect_error("a 99999999999999999999999\n", 1, "not a positive integer"); }
TEST(FoldedParse, TotalBeyondTwoToThe52IsAnError) {
  expect_error("a 4503599627370496\nb 1\n", 2, "exceeds");
}
TEST(FoldedParse, CountAloneIsAnError) { expect_error(" 5\n", 1, "no frames"); }
TEST(FoldedParse, EmptyFrameIsAnError) { expect_error("a;;b 5\n", 1, "empty frame name (frame 2)"); }
TEST(FoldedParse, TrailingSemicolonIsAnError) { expect_error("x 1\na;b; 5\n", 2, "empty frame name (frame 3)"); }
TEST(FoldedParse, ControlCharacterIsAnError) { expect_error(std::string_view("a;b\x01 5\n", 7), 1, "control character 0x01"); }
TEST(FoldedParse, NulByteIsAnError) { expect_error(std::string_view("ok 1\na\0b 5\n", 11), 2, "control character 0x00"); }
TEST(FoldedParse, InvalidUtf8IsAnError) { expect_error("a;\xC3\x28 5\n", 1, "not valid UTF-8"); }
TEST(FoldedParse, OverlongUtf8IsAnError) { expect_error("\xC0\xAF 5\n", 1, "not valid UTF-8"); }
TEST(FoldedParse, SurrogateIsAnError) { expect_error("\xED\xA0\x80 5\n", 1, "not valid UTF-8"); }
TEST(FoldedParse, TruncatedUtf8AtEndOfNameIsAnError) { expect_error("ab\xE2\x82 5\n", 1, "not valid UTF-8"); }
TEST(FoldedParse, ValidUtf8NamesAreKept) {
  const auto r = parse_folded("caf\xC3\xA9;\xE2\x82\xAC;\xF0\x9F\x94\xA5 2\n");
  ASSERT_TRUE(r.ok()) << r.error.to_string();
  EXPECT_EQ(r.profile.stacks[0].frames[2], "\xF0\x9F\x94\xA5");
}
TEST(FoldedParse, ErrorMessageSaysLineNumber) {
  const auto r = parse_folded("a 1\nb 2\nc x\n");
  EXPECT_EQ(r.error.to_string(), "line 3: the sample count 'x' is not a positive integer");
}
