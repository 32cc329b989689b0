// `powerctl status` text and the power JSON (kernel/power/power_text.h, power_json.h) before
// and after powerd's first sample: no estimate yet reads "no sample yet", never 0.000 W.
#include <gtest/gtest.h>

#include <string>

#include "lib/format.h"
#include "lib/json.h"
#include "power/power_json.h"
#include "power/power_text.h"
#include "string_output.h"

using namespace sis;
using namespace sis::power;

namespace {

using CaptureOutput = sis::test::StringOutput;

Status fresh_status() {
  Status s{};
  s.metered_mw = -1;  // no meter reading
  return s;
}

std::string status_text(const Status& s) {
  CaptureOutput out;
  Calibration c{};
  write_status_text(out, s, c);
  return out.text;
}

std::string metrics_json(const Status& s) {
  char storage[512];
  TextBuffer buf(storage, sizeof storage);
  JsonWriter w(buf);
  w.begin_object();
  write_metrics_members(w, s);
  w.end_object();
  return std::string(buf.c_str(), buf.size());
}

}  // namespace

TEST(PowerStatusText, BeforeTheFirstSampleSaysNoSampleYetNotZeroWatts) {
  const std::string text = status_text(fresh_status());
  EXPECT_NE(text.find("estimated  -         (no sample yet)\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("0.000 W"), std::string::npos) << text;
}

TEST(PowerStatusText, AfterTheFirstSampleShowsTheEstimateInWatts) {
  Status s = fresh_status();
  s.history_samples = 1;
  s.estimated_mw = 1234;
  s.features.x[kUtil] = 250000;
  const std::string text = status_text(s);
  EXPECT_NE(text.find("estimated  1.234 W   (last 100 ms: util 25.00%"), std::string::npos) << text;
  EXPECT_EQ(text.find("no sample yet"), std::string::npos) << text;
}

TEST(PowerMetricsJson, EstimateIsAbsentBeforeTheFirstSample) {
  Status s = fresh_status();
  EXPECT_EQ(metrics_json(s), "{}");
  s.history_samples = 3;
  s.estimated_mw = 900;
  s.metered_mw = 1500;
  s.budget_mw = 2000;
  EXPECT_EQ(metrics_json(s), "{\"estimated_w\":0.900,\"metered_w\":1.500,\"budget_w\":2.000}");
}
