// The console transcript sisctl searches for prompts (launch/console_text.h).
#include <gtest/gtest.h>

#include <string>

#include "launch/console_text.h"

using sis::host::append_console_text;

namespace {
std::string feed(std::initializer_list<std::string> reads) {
  std::string t;
  bool cr = false;
  for (const auto& r : reads) append_console_text(&t, &cr, r.data(), r.size());
  return t;
}
}  // namespace

TEST(ConsoleText, CrLfBecomesLfEvenAcrossReads) {
  EXPECT_EQ(feed({"a\r\nb\r", "\nc"}), "a\nb\nc");
}

// The flake in integration.test_shell: a kernel log line arrives just before the line editor
// redraws the recalled line ("\rsis> echo world"). The redraw must not read as a new prompt
// at a line start, or sisctl takes the command as finished before its output.
TEST(ConsoleText, ARedrawAfterALogLineIsNotAFreshPrompt) {
  std::string t = feed({"power: estimator running at 10 Hz\r\n", "\rsis> echo world\x1b[K"});
  EXPECT_EQ(t.find("\nsis> "), std::string::npos) << t;
  t += feed({"\r\nworld\r\nsis> "});
  size_t at = t.find("\nsis> ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(t.substr(0, at).find("\nworld"), std::string::npos) << "the prompt found must be the one after the output";
}
