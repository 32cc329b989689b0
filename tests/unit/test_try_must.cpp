// TRY and MUST (lib/result.h): one way to propagate an Error or a failed Result<T>, and one
// way to stop when a call that cannot fail does.
#include <gtest/gtest.h>

#include "lib/result.h"

using sis::Error;
using sis::Result;

namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return Error::Invalid;
  return c - '0';
}
Error check_positive(int v) { return v > 0 ? Error::Ok : Error::Range; }

int steps = 0;
// Two digits as a number; every step that ran is counted, so a test sees where TRY stopped.
Result<int> two_digits(const char* s) {
  int hi = TRY(parse_digit(s[0]));
  ++steps;
  int lo = TRY(parse_digit(s[1]));
  ++steps;
  TRY(check_positive(hi * 10 + lo));
  ++steps;
  return hi * 10 + lo;
}
Error two_digits_as_error(const char* s) {
  TRY(two_digits(s));
  return Error::Ok;
}

}  // namespace

TEST(Try, YieldsTheValueOfEachSuccessfulStep) {
  steps = 0;
  auto r = two_digits("42");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(steps, 3);
}

TEST(Try, ReturnsTheFirstFailureAndRunsNothingAfterIt) {
  steps = 0;
  EXPECT_EQ(two_digits("4x").error(), Error::Invalid);
  EXPECT_EQ(steps, 1);
  steps = 0;
  EXPECT_EQ(two_digits("00").error(), Error::Range);  // an Error (not a Result) propagates too
  EXPECT_EQ(steps, 2);
}

TEST(Try, APropagatedResultBecomesTheCallersError) {
  EXPECT_EQ(two_digits_as_error("x1"), Error::Invalid);
  EXPECT_EQ(two_digits_as_error("12"), Error::Ok);
}

TEST(Must, YieldsTheValueWhenTheCallSucceeds) { EXPECT_EQ(MUST(parse_digit('7')), 7); }

TEST(MustDeathTest, AFailedCallStopsWithTheExpressionAndTheErrorName) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(MUST(parse_digit('x')), "MUST\\(parse_digit\\('x'\\)\\): invalid argument");
  EXPECT_DEATH(MUST(check_positive(0)), "MUST\\(check_positive\\(0\\)\\): ");
}
