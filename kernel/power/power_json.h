// JSON members for power.status / power.history and `powerctl ... --json` (kernel only).
#pragma once
#include "lib/json.h"
#include "power/power.h"

namespace sis::power {

// Writes the members (not the braces) of the status object.
void write_status_members(JsonWriter& w, const Status& s, const Calibration& c);
// Writes period_ms, columns, samples (arrays of 6 integers), meter_columns and meter.
void write_history_members(JsonWriter& w, const HistoryEntry* h, usize n, const MeterReading* m, usize nm);

}  // namespace sis::power
