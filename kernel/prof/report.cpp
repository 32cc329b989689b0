// Profile reports: see report.h.
#include "prof/report.h"

#include "lib/env.h"

namespace sis::prof {
namespace {

// The top functions into an env_alloc'd array (nullptr and n = 0 when empty or no memory).
FunctionStat* top_functions(const Profile& p, usize top, usize* n, usize* distinct) {
  *n = 0;
  if (top > kMaxReportTop) top = kMaxReportTop;
  if (top == 0) top = 1;
  auto* stats = static_cast<FunctionStat*>(env_alloc(top * sizeof(FunctionStat)));
  if (!stats) return nullptr;
  *n = p.report(stats, top, distinct);
  return stats;
}

}  // namespace

void write_report_text(const Profile& p, const ReportTotals& t, usize top, Output& out) {
  out.printf("samples %llu, dropped %llu\n", static_cast<unsigned long long>(t.samples),
             static_cast<unsigned long long>(t.dropped));
  usize n = 0, distinct = 0;
  FunctionStat* s = top_functions(p, top, &n, &distinct);
  if (n == 0) {
    out.print("no samples\n");
    env_free(s);
    return;
  }
  out.print("  self%  total%     self    total  function\n");
  for (usize i = 0; i < n; ++i) {
    u64 sp = percent_x100(s[i].self, t.samples), tp = percent_x100(s[i].total, t.samples);
    StrView name = p.names().at(s[i].name);
    out.printf("%4llu.%02llu  %3llu.%02llu  %7llu  %7llu  %.*s\n", static_cast<unsigned long long>(sp / 100),
               static_cast<unsigned long long>(sp % 100), static_cast<unsigned long long>(tp / 100),
               static_cast<unsigned long long>(tp % 100), static_cast<unsigned long long>(s[i].self),
               static_cast<unsigned long long>(s[i].total), static_cast<int>(name.size), name.data);
  }
  if (distinct > n) out.printf("(%llu more functions)\n", static_cast<unsigned long long>(distinct - n));
  env_free(s);
}

void write_report_members(const Profile& p, const ReportTotals& t, usize top, JsonWriter& w) {
  w.kv_uint("samples", t.samples).kv_uint("dropped", t.dropped);
  usize n = 0, distinct = 0;
  FunctionStat* s = top_functions(p, top, &n, &distinct);
  w.key("functions").begin_array();
  for (usize i = 0; i < n; ++i) {
    w.begin_object().kv("name", p.names().at(s[i].name)).kv_uint("self", s[i].self).kv_uint("total", s[i].total);
    w.key("self_pct").fixed(static_cast<i64>(percent_x100(s[i].self, t.samples)), 2);
    w.key("total_pct").fixed(static_cast<i64>(percent_x100(s[i].total, t.samples)), 2);
    w.end_object();
  }
  w.end_array();
  env_free(s);
}

}  // namespace sis::prof
