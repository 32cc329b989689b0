// State shared by the kernel parts of the power subsystem (power.cpp, calibrate.cpp).
#pragma once
#include "core/spinlock.h"
#include "power/least_squares.h"
#include "power/power.h"

namespace sis::power::internal {

extern SpinLock lock;  // guards the model below and power.cpp's state (interrupts masked)
extern Coefficients coeffs SIS_GUARDED_BY(lock);
extern char coeffs_source[48] SIS_GUARDED_BY(lock);

// Counters now (takes no lock of ours; checks that `lock` is not held).
Counters read_counters();
// The model's features and estimate over [t_a, now] (counters interpolated from the ring).
Features features_since(u64 t_a_ns, const Counters& now);

// Calibration hooks (calibrate.cpp): where meter readings go while it runs.
u32 calibration_phase_at(u64 t_a_ns, u64 t_b_ns);  // 0 = not in a measuring phase
void calibration_add(u32 phase, const Features& f, i64 metered_mw);
bool calibrating();
// Called from the background job (command lock held): loads /etc/power.conf once a file
// system is mounted, stores a finished calibration.
void calibration_background();
// Accuracy bookkeeping restarts after a calibration.
void reset_accuracy();

}  // namespace sis::power::internal
