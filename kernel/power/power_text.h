// The text of `powerctl status` (portable; cmd_power.cpp prints it, the host tests read it).
#pragma once
#include "lib/output.h"
#include "power/power.h"

namespace sis::power {

// estimate ("no sample yet" before powerd's first sample), meter, model, accuracy, budget,
// calibration and counters, one line each.
void write_status_text(Output& out, const Status& s, const Calibration& c);

}  // namespace sis::power
