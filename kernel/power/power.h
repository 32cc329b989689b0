// The kernel's power subsystem (kernel only; the model, the fit and the budget controller it
// drives are portable: power_model.h, least_squares.h, budget_controller.h).
//
//  - powerd (kernel thread, 10 Hz): snapshots the counters the model reads (scheduler idle
//    time, injected idle, host steal seen as late timer ticks, page-allocator and block
//    traffic, PMU instructions), estimates the power of the last 100 ms, keeps the history
//    ring (1024 samples = 102 s), and runs the budget controller.
//  - meter readings: the host measures what QEMU really consumes and sends it with
//    power.meter; each reading is paired with the model's estimate over the same interval
//    (the counters interpolated from the ring), which gives the accuracy (MAPE), corrects the
//    budget controller's bias, and feeds calibration.
//  - calibration (kernel thread powercal): idle, CPU-bound, memory-bound and half-duty
//    phases; least-squares fit of the meter readings; stored in /etc/power.conf.
//  - the budget: an idle-injection thread (nice -20) sits in WFI for the duty the controller
//    asks for, and the threads that use the most CPU get a lower priority (nice +5).
//
// Locking: one spin lock (interrupts masked, short sections) guards the shared state; the
// VFS is touched only from the background job (which runs under the command lock).
#pragma once
#include "lib/result.h"
#include "power/budget_controller.h"
#include "power/power_model.h"

namespace sis::power {

constexpr u64 kSamplePeriodNs = 100000000;  // 10 Hz
constexpr usize kHistory = 1024;

struct HistoryEntry {
  u64 ts_ns;
  i64 estimated_mw;
  i64 metered_mw;  // latest meter reading at that time, -1 if none within 3 s
  i64 budget_mw;   // 0 = no budget
  u32 util_ppm;    // utilisation the model used (steal removed)
  u32 busy_ppm;    // what the scheduler saw busy
  u32 duty_ppm;    // idle-injection duty in force
};
// Copies up to max entries, oldest first, newer than since_ns; returns the count.
usize history(HistoryEntry* out, usize max, u64 since_ns = 0);
usize history_size();

struct MeterReading {
  u64 ts_ns;          // kernel time it arrived (end of the interval)
  u64 interval_ns;
  i64 metered_mw;
  i64 estimated_mw;   // the model over the same interval
  Features features;
  u32 phase;          // calibration phase it belonged to (0: none)
};
struct MeterResult {
  i64 estimated_mw;
  i64 ape_ppm;
  Features features;
};
// A host meter reading: metered_mw averaged over the interval_ns that ended now.
Result<MeterResult> meter(i64 metered_mw, u64 interval_ns);
usize meter_history(MeterReading* out, usize max);

enum class CalPhase : u32 { None = 0, Settle, Idle, Cpu, Mem, Half, Fit, Done, Failed };
const char* cal_phase_name(CalPhase p);

struct Status {
  bool running;
  Coefficients coeffs;
  char coeffs_source[48];  // "defaults", "calibrated", "/etc/power.conf (ext4 on virtio0)"
  i64 estimated_mw;        // the last 100 ms
  i64 metered_mw;          // latest reading, -1 if none within 3 s
  u64 metered_age_ns;
  Features features;       // of the last 100 ms
  u32 busy_ppm;
  u64 steal_ns, injected_ns;
  // accuracy over the meter readings since the last calibration (calibration phases excluded)
  u32 accuracy_readings;
  i64 mape_ppm;
  i64 mape_recent_ppm;     // the last 20 such readings
  // budget
  i64 budget_mw;           // 0 = off
  u32 duty_ppm;
  i64 bias_mw;
  i64 predicted_mw;
  i64 demand_mw;
  u64 windows, windows_over;  // one-second meter windows under an active budget
  u32 deprioritised;          // threads whose nice the budget raised
  BudgetController::Stats budget_stats;
  bool pmu_instructions;
  u64 history_samples;
};
Status status();

Error set_budget(i64 mw);
void clear_budget();

struct Calibration {
  CalPhase phase;
  u64 phase_ns;
  u64 started_ns, finished_ns;
  u32 readings[5];   // per phase: idle, cpu, mem, half, (unused)
  u32 total;
  i64 r2_ppm;
  u32 used_mask;
  char stored[96];   // where the result went, or why it failed
};
Error start_calibration(u64 phase_ns);
Calibration calibration();

// Starts powerd and the injector once the scheduler runs (idempotent).
void ensure_started();

// The power model's background job (registered by top/background_jobs.cpp; it runs under the
// command lock): starts the estimator and advances its calibration.
void background_job();

}  // namespace sis::power
