// shell/subcommand: the table dispatch every `xxxctl` command uses (pick by argv[1], the
// default when there is none, one error text with the usage lines for an unknown name).
#include "shell/subcommand.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "string_output.h"

namespace {

using sis::StrView;
using sis::shell::Args;
using sis::shell::Output;
using sis::shell::Subcommand;

using CaptureOutput = sis::test::StringOutput;

int run_status(const Args& a, Output& out) {
  out.printf("status with %zu words\n", a.argc);
  return 0;
}
int run_set(const Args& a, Output& out) {
  if (a.argc < 3) return 2;
  out.printf("set %.*s\n", static_cast<int>(a.argv[2].size), a.argv[2].data);
  return 7;
}

const Subcommand kTable[] = {
    {"status", "[--json]", run_status},
    {"set", "VALUE", run_set},
    {"--json", nullptr, run_status},  // an alias: works, not listed
    {"clear", "", run_status},
};

int run(std::initializer_list<const char*> words, CaptureOutput& out, const char* fallback = "status") {
  Args a;
  for (const char* w : words) a.argv[a.argc++] = StrView(w, std::strlen(w));
  return sis::shell::run_subcommand("democtl", kTable, a, out, fallback);
}

TEST(Subcommand, PicksTheEntryNamedByTheFirstArgumentAndPassesAllArguments) {
  CaptureOutput out;
  EXPECT_EQ(run({"democtl", "set", "5"}, out), 7);
  EXPECT_EQ(out.text, "set 5\n");
}

TEST(Subcommand, NoArgumentRunsTheFallback) {
  CaptureOutput out;
  EXPECT_EQ(run({"democtl"}, out), 0);
  EXPECT_EQ(out.text, "status with 1 words\n");
}

TEST(Subcommand, AnAliasWithoutUsageStillRuns) {
  CaptureOutput out;
  EXPECT_EQ(run({"democtl", "--json"}, out), 0);
  EXPECT_EQ(out.text, "status with 2 words\n");
}

TEST(Subcommand, UnknownNameIsAnErrorWithTheListedUsage) {
  CaptureOutput out;
  EXPECT_EQ(run({"democtl", "bogus"}, out), 2);
  EXPECT_EQ(out.text,
            "democtl: unknown subcommand 'bogus'\n"
            "usage: democtl status [--json]\n"
            "       democtl set VALUE\n"
            "       democtl clear\n");
}

TEST(Subcommand, NoArgumentAndNoFallbackIsAnError) {
  CaptureOutput out;
  EXPECT_EQ(run({"democtl"}, out, nullptr), 2);
  EXPECT_EQ(out.text.rfind("democtl: a subcommand is needed\nusage: democtl status [--json]\n", 0), 0u) << out.text;
}

TEST(Subcommand, NamesMatchWholeWordsOnly) {
  CaptureOutput out;
  EXPECT_EQ(run({"democtl", "stat"}, out), 2);
  EXPECT_EQ(out.text.rfind("democtl: unknown subcommand 'stat'\n", 0), 0u) << out.text;
}

}  // namespace
