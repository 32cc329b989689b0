// shell/command: the tokenizer, the linker-section command registry and the dispatcher.
// Two commands are registered here with SIS_COMMAND, exactly as kernel subsystems do.
#include "shell/command.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "string_output.h"

extern "C" {
extern const sis::shell::Command __start_sis_commands[] __attribute__((weak));
extern const sis::shell::Command __stop_sis_commands[] __attribute__((weak));
}

namespace {

using sis::Error;
using sis::StrView;
using sis::shell::Args;
using sis::shell::Output;

using CaptureOutput = sis::test::StringOutput;

std::string S(StrView v) { return std::string(v.data, v.size); }

// Records what the test commands received.
std::vector<std::string> g_last_args;

int run_zeta(const Args& a, Output& out) {
  g_last_args.clear();
  for (size_t i = 0; i < a.argc; ++i) g_last_args.push_back(S(a.argv[i]));
  out.printf("zeta got %zu\n", a.argc);
  return static_cast<int>(a.argc) + 40;
}

int run_alpha(const Args& a, Output& out) {
  g_last_args.clear();
  for (size_t i = 0; i < a.argc; ++i) g_last_args.push_back(S(a.argv[i]));
  if (a.has("--fail")) return 3;
  StrView n = a.value("--count");
  out.print("alpha");
  if (!n.empty()) out.printf(" count=%.*s", static_cast<int>(n.size), n.data);
  out.print("\n");
  return 0;
}

// Defined in reverse alphabetical order: the registry must sort them.
SIS_COMMAND("zz-test-zeta", "the last test command", "zz-test-zeta [ARGS...]", run_zeta);
SIS_COMMAND("aa-test-alpha", "the first test command", "aa-test-alpha [--count N] [--fail]", run_alpha);

// Tokenizes a copy of `line`; returns the words, or the error.
struct Tok {
  Error error;
  std::vector<std::string> words;
};
Tok tokenize(const std::string& line) {
  std::vector<char> buf(line.begin(), line.end());
  buf.push_back('\0');
  Args args;
  Tok t{sis::shell::tokenize(buf.data(), &args), {}};
  if (t.error == Error::Ok) {
    EXPECT_LE(args.argc, Args::kMax);
    for (size_t i = 0; i < args.argc; ++i) {
      // Every word is terminated in place inside the line buffer.
      EXPECT_GE(args.argv[i].data, buf.data());
      EXPECT_LT(args.argv[i].data + args.argv[i].size, buf.data() + buf.size());
      EXPECT_EQ(args.argv[i].data[args.argv[i].size], '\0');
      t.words.push_back(S(args.argv[i]));
    }
  }
  return t;
}

using W = std::vector<std::string>;

TEST(Tokenize, SplitsOnSpacesAndTabs) {
  EXPECT_EQ(tokenize("echo hello world").words, (W{"echo", "hello", "world"}));
  EXPECT_EQ(tokenize("  lead\t\ttabs  trail  ").words, (W{"lead", "tabs", "trail"}));
  EXPECT_EQ(tokenize("single").words, (W{"single"}));
}

TEST(Tokenize, EmptyAndBlankLines) {
  for (const char* line : {"", " ", "\t \t"}) {
    Tok t = tokenize(line);
    EXPECT_EQ(t.error, Error::Ok);
    EXPECT_TRUE(t.words.empty()) << "'" << line << "'";
  }
}

TEST(Tokenize, QuotesGroupWords) {
  EXPECT_EQ(tokenize("echo \"a b\" 'c  d'").words, (W{"echo", "a b", "c  d"}));
  EXPECT_EQ(tokenize("x\"y z\"w").words, (W{"xy zw"}));  // quotes join with adjacent text
  EXPECT_EQ(tokenize("a \"\" b").words, (W{"a", "", "b"}));  // an empty quoted word counts
  EXPECT_EQ(tokenize("'\"' \"'\"").words, (W{"\"", "'"}));   // each quote protects the other
  EXPECT_EQ(tokenize("\"tab\there\"").words, (W{"tab\there"}));
}

TEST(Tokenize, BackslashEscapesInsideDoubleQuotesOnly) {
  EXPECT_EQ(tokenize(R"(echo "say \"hi\"" "back\\slash")").words, (W{"echo", "say \"hi\"", "back\\slash"}));
  EXPECT_EQ(tokenize(R"("\n\x")").words, (W{"\\n\\x"}));  // other escapes stay literal
  EXPECT_EQ(tokenize(R"('a\b' x)").words, (W{"a\\b", "x"}));  // no escapes in single quotes...
  EXPECT_EQ(tokenize(R"('a\'b')").error, Error::Invalid);    // ...so \' closes, the last ' opens
  EXPECT_EQ(tokenize(R"(a\ b)").words, (W{"a\\", "b"}));  // nor outside quotes
}

TEST(Tokenize, UnterminatedQuoteIsInvalid) {
  EXPECT_EQ(tokenize("echo \"abc").error, Error::Invalid);
  EXPECT_EQ(tokenize("echo 'abc").error, Error::Invalid);
  EXPECT_EQ(tokenize("\"").error, Error::Invalid);
  EXPECT_EQ(tokenize(R"("abc\")").error, Error::Invalid);  // the escaped quote does not close
}

TEST(Tokenize, TooManyWords) {
  std::string line;
  for (size_t i = 0; i < Args::kMax; ++i) line += "w" + std::to_string(i) + " ";
  Tok t = tokenize(line + "   ");
  EXPECT_EQ(t.error, Error::Ok);
  EXPECT_EQ(t.words.size(), Args::kMax);
  EXPECT_EQ(t.words.back(), "w15");
  EXPECT_EQ(tokenize(line + "extra").error, Error::TooBig);
}

TEST(ArgsHelpers, HasAndValue) {
  std::vector<char> line;
  std::string s = "cmd --json --seconds 5 --last";
  line.assign(s.begin(), s.end());
  line.push_back('\0');
  Args a;
  ASSERT_EQ(sis::shell::tokenize(line.data(), &a), Error::Ok);
  EXPECT_TRUE(a.has("--json"));
  EXPECT_FALSE(a.has("cmd"));  // the command name itself is not a flag
  EXPECT_FALSE(a.has("--js"));
  EXPECT_EQ(S(a.value("--seconds")), "5");
  EXPECT_TRUE(a.value("--last").empty());  // no value after it
  EXPECT_TRUE(a.value("--missing").empty());
}

TEST(Registry, FindsSortsAndCounts) {
  size_t in_section = static_cast<size_t>(__stop_sis_commands - __start_sis_commands);
  ASSERT_GE(in_section, 2u);
  EXPECT_EQ(sis::shell::command_count(), in_section);
  for (size_t i = 0; i + 1 < sis::shell::command_count(); ++i)
    EXPECT_LT(strcmp(sis::shell::command_at(i)->name, sis::shell::command_at(i + 1)->name), 0) << i;
  EXPECT_EQ(sis::shell::command_at(sis::shell::command_count()), nullptr);
  // The two commands here sort first and last whatever else another test file registers.
  EXPECT_STREQ(sis::shell::command_at(0)->name, "aa-test-alpha");
  EXPECT_STREQ(sis::shell::command_at(sis::shell::command_count() - 1)->name, "zz-test-zeta");

  const auto* zeta = sis::shell::find_command("zz-test-zeta");
  ASSERT_NE(zeta, nullptr);
  EXPECT_STREQ(zeta->summary, "the last test command");
  EXPECT_EQ(zeta->run, &run_zeta);
  EXPECT_EQ(sis::shell::find_command("aa-test-alpha")->run, &run_alpha);
  EXPECT_EQ(sis::shell::find_command("aa-test"), nullptr);
  EXPECT_EQ(sis::shell::find_command("aa-test-alpha2"), nullptr);
  EXPECT_EQ(sis::shell::find_command(""), nullptr);
  EXPECT_EQ(sis::shell::find_command(StrView("aa-test-alphaX", 13))->run, &run_alpha);
}

int exec(const std::string& line, std::string* output) {
  std::vector<char> buf(line.begin(), line.end());
  buf.push_back('\0');
  CaptureOutput out;
  int rc = sis::shell::execute_line(buf.data(), out);
  *output = out.text;
  return rc;
}

TEST(ExecuteLine, RunsCommandsWithArguments) {
  std::string out;
  EXPECT_EQ(exec("zz-test-zeta one \"two three\"", &out), 43);
  EXPECT_EQ(out, "zeta got 3\n");
  EXPECT_EQ(g_last_args, (W{"zz-test-zeta", "one", "two three"}));
  EXPECT_EQ(exec("  aa-test-alpha --count 7 ", &out), 0);
  EXPECT_EQ(out, "alpha count=7\n");
  EXPECT_EQ(exec("aa-test-alpha --fail", &out), 3);
}

TEST(ExecuteLine, EmptyLineDoesNothing) {
  std::string out;
  g_last_args = {"untouched"};
  EXPECT_EQ(exec("", &out), 0);
  EXPECT_EQ(exec("   \t ", &out), 0);
  EXPECT_EQ(out, "");
  EXPECT_EQ(g_last_args, (W{"untouched"}));
}

TEST(ExecuteLine, UnknownCommand) {
  std::string out;
  EXPECT_EQ(exec("frobnicate --now", &out), 127);
  EXPECT_EQ(out, "frobnicate: unknown command (type 'help' for the list)\n");
}

TEST(ExecuteLine, HelpFlagPrintsUsageInsteadOfRunning) {
  std::string out;
  g_last_args.clear();
  EXPECT_EQ(exec("aa-test-alpha --help", &out), 0);
  EXPECT_EQ(out, "aa-test-alpha [--count N] [--fail]\n");
  EXPECT_EQ(exec("zz-test-zeta -h", &out), 0);
  EXPECT_EQ(out, "zz-test-zeta [ARGS...]\n");
  EXPECT_EQ(exec("  zz-test-zeta   --help  ignored words", &out), 0);
  EXPECT_EQ(out, "zz-test-zeta [ARGS...]\n");
  EXPECT_TRUE(g_last_args.empty()) << "command ran despite --help";
}

TEST(ExecuteLine, TokenizerErrorsAreReported) {
  std::string out;
  EXPECT_EQ(exec("zz-test-zeta \"open", &out), 2);
  EXPECT_EQ(out, "error: unterminated quote\n");
  std::string many = "zz-test-zeta";
  for (int i = 0; i < 16; ++i) many += " x";
  EXPECT_EQ(exec(many, &out), 2);
  EXPECT_EQ(out, "error: too many words (at most 16)\n");
}

TEST(OutputPrintf, LongOutputIsCutAt511Bytes) {
  CaptureOutput out;
  std::string big(600, 'q');
  out.printf("%s!", big.c_str());
  EXPECT_EQ(out.text, std::string(511, 'q'));
  out.text.clear();
  out.printf("%d-%s", 12, "ab");
  EXPECT_EQ(out.text, "12-ab");
}

}  // namespace
