// JSON members for power.status / power.history / the `power` metrics group and
// `powerctl ... --json` (kernel only).
#pragma once
#include "lib/json.h"
#include "power/power.h"

namespace sis::power {

// Writes the members of the `power` metrics group: estimated_w, metered_w (absent when no
// meter reading arrived in the last 3 s), budget_w (absent when no budget is set).
void write_metrics_members(JsonWriter& w, const Status& s);
// Writes the members (not the braces) of the status object: the metrics group's first.
void write_status_members(JsonWriter& w, const Status& s, const Calibration& c);
// Writes period_ms, columns, samples (arrays of 6 integers), meter_columns and meter.
void write_history_members(JsonWriter& w, const HistoryEntry* h, usize n, const MeterReading* m, usize nm);

}  // namespace sis::power
