// Per-function costs against the kernel's own report of the same profile: the fixture
// kernel_bench_fs.folded is what `profctl export --folded` wrote after `bench fs`, and
// kernel_bench_fs.report what `profctl report --top 10` printed for it in the same run.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "functions.h"

using namespace sis::flame;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

FoldedProfile parse(std::string_view text) {
  auto r = parse_folded(text);
  EXPECT_TRUE(r.ok()) << r.error.to_string();
  return r.profile;
}

}  // namespace

TEST(FunctionCosts, MatchTheKernelsReportOfTheSameProfile) {
  const auto r = parse_folded(slurp(SIS_FLAME_FIXTURES "/kernel_bench_fs.folded"));
  ASSERT_TRUE(r.ok()) << r.error.to_string();
  const auto costs = function_costs(CallTree::from_profile(r.profile));
  // The report: "  self%  total%     self    total  function", then "(N more functions)".
  std::istringstream report(slurp(SIS_FLAME_FIXTURES "/kernel_bench_fs.report"));
  std::string line;
  std::size_t row = 0, more = 0;
  while (std::getline(report, line)) {
    if (std::sscanf(line.c_str(), "(%zu more functions)", &more) == 1) continue;
    double self_pct, total_pct;
    unsigned long long self, total;
    int name_at = 0;
    if (std::sscanf(line.c_str(), " %lf %lf %llu %llu %n", &self_pct, &total_pct, &self, &total, &name_at) != 4) continue;
    ASSERT_LT(row, costs.size());
    EXPECT_EQ(costs[row].name, line.substr(static_cast<std::size_t>(name_at))) << "row " << row;
    EXPECT_EQ(costs[row].self, self) << costs[row].name;
    EXPECT_EQ(costs[row].total, total) << costs[row].name;
    ++row;
  }
  EXPECT_EQ(row, 10u);
  EXPECT_EQ(costs.size(), row + more);
}

TEST(FunctionCosts, RecursionCountsOnceAndThreadFramesAreNotFunctions) {
  const auto costs = function_costs(CallTree::from_profile(parse("t;f;g;f 3\nt;f 2\nu;g 4\n")));
  ASSERT_EQ(costs.size(), 2u);  // "t" and "u" are threads
  EXPECT_EQ(costs[0].name, "f");
  EXPECT_EQ(costs[0].self, 5u);   // innermost in 3 + 2
  EXPECT_EQ(costs[0].total, 5u);  // f;g;f's 3 samples once, not twice
  EXPECT_EQ(costs[1].name, "g");
  EXPECT_EQ(costs[1].self, 4u);
  EXPECT_EQ(costs[1].total, 7u);
}
