// The profile report as text (profctl report) and as JSON members (prof.report, profctl
// report --json): the top functions by self samples, with self and total percentages of
// all samples. Portable.
#pragma once
#include "lib/json.h"
#include "lib/output.h"
#include "prof/profile.h"

namespace sis::prof {

struct ReportTotals {
  u64 samples = 0;  // samples in the profile
  u64 dropped = 0;  // samples lost (ring full, table full)
};

constexpr usize kMaxReportTop = 200;

// "samples N, dropped D" then a table: self% total% self total function.
void write_report_text(const Profile& p, const ReportTotals& t, usize top, Output& out);
// Members "samples", "dropped", "functions": [{name, self, total, self_pct, total_pct}...].
void write_report_members(const Profile& p, const ReportTotals& t, usize top, JsonWriter& w);

}  // namespace sis::prof
