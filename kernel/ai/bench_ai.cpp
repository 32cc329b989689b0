// `bench ai`: inference latency of the crash predictor and the scheduler model (lib/bench.h:
// a benchmark lives beside what it measures).
#include "ai/ai_metrics.h"
#include "ai/ai_sched.h"
#include "ai/crash_model.h"
#include "ai/monitor.h"
#include "ai/sched_model.h"
#include "ai/tensor.h"
#include "arch/arch.h"
#include "lib/bench.h"
#include "lib/json_output.h"
#include "lib/string.h"

namespace sis::ai {
namespace {

using ull = unsigned long long;

// `bench ai [--iters N] [--json]`: inference latency of each model on fixed inputs, warm,
// interrupts masked around each inference (so a timer interrupt does not land in a sample).
int bench_ai(const Args& a, Output& out) {
  u64 iters = 2000;
  if (!a.value("--iters").empty() && (!parse_u64(a.value("--iters"), &iters) || iters == 0 || iters > 100000)) {
    out.print("bench ai: --iters must be 1..100000\n");
    return 2;
  }
  static u32 lat[4][ModelStats::kCap], scratch[ModelStats::kCap];
  usize n = iters < ModelStats::kCap ? static_cast<usize>(iters) : ModelStats::kCap;
  static SchedModel sched;
  static bool loaded = false;
  if (!loaded) {
    usize size = 0;
    const u8* b = sched_model_bytes(&size);
    const char* why = "";
    loaded = sched.load(b, size, &why) == Error::Ok;
  }
  CrashModel crash;
  {
    usize size = 0;
    const u8* b = crash_model_bytes(&size);
    const char* why = "";
    (void)crash.load(b, size, &why);
  }
  CrashFeatures cf;
  for (usize i = 0; i < CrashFeatures::kCount; ++i) cf.v[i] = static_cast<i16>(i * 37 % 256);
  SchedFeatures sf[SchedModel::kMaxTokens];
  for (usize t = 0; t < SchedModel::kMaxTokens; ++t)
    for (usize i = 0; i < SchedFeatures::kCount; ++i) sf[t].v[i] = static_cast<i16>((t * 91 + i * 53) % 700);
  const usize tokens[3] = {2, 4, 8};
  const char* names[4] = {"crash-predictor (17-16-1 MLP)", "sched-transformer, 2 threads", "sched-transformer, 4 threads",
                          "sched-transformer, 8 threads"};
  volatile u32 sink = 0;
  for (int m = 0; m < 4; ++m) {
    for (usize k = 0; k < n + 16; ++k) {  // 16 warm-up runs
      u64 st = arch::irq_save();
      u64 t0 = arch::counter();
      if (m == 0) {
        sink = sink + crash.predict_q15(cf);
      } else {
        i32 scores[SchedModel::kMaxTokens];
        sink = sink + static_cast<u32>(sched.pick(sf, tokens[m - 1], scores));
      }
      u64 ns = arch::counter_to_ns(arch::counter() - t0);
      arch::irq_restore(st);
      if (k >= 16) lat[m][k - 16] = static_cast<u32>(ns);
    }
  }
  auto stats = [&](int m, u64* mean, u32* p50, u32* p99) {
    u64 sum = 0;
    for (usize k = 0; k < n; ++k) sum += lat[m][k];
    *mean = sum / n;
    ModelStats tmp;
    for (usize k = 0; k < n; ++k) tmp.record(lat[m][k], k);
    *p50 = tmp.percentile_ns(50, scratch);
    *p99 = tmp.percentile_ns(99, scratch);
  };
  if (a.has("--json"))
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_uint("iterations", n).kv_bool("neon", neon_enabled()).key("models").begin_array();
      for (int m = 0; m < 4; ++m) {
        u64 mean;
        u32 p50, p99;
        stats(m, &mean, &p50, &p99);
        w.begin_object().kv("name", names[m]);
        w.kv_uint("parameters", m == 0 ? CrashModel::parameter_count() : SchedModel::parameter_count());
        w.kv_uint("mean_ns", mean).kv_uint("p50_ns", p50).kv_uint("p99_ns", p99).end_object();
      }
      w.end_array().end_object();
    });
  out.printf("%-32s %10s %9s %9s %9s   (%llu runs each, warm, matvec %s)\n", "model", "parameters", "mean_us", "p50_us",
             "p99_us", (ull)n, neon_enabled() ? "NEON" : "scalar");
  for (int m = 0; m < 4; ++m) {
    u64 mean;
    u32 p50, p99;
    stats(m, &mean, &p50, &p99);
    out.printf("%-32s %10llu %5llu.%03llu %5u.%03u %5u.%03u\n", names[m],
               (ull)(m == 0 ? CrashModel::parameter_count() : SchedModel::parameter_count()), (ull)(mean / 1000),
               (ull)(mean % 1000), p50 / 1000, p50 % 1000, p99 / 1000, p99 % 1000);
  }
  return 0;
}

}  // namespace

SIS_BENCH("ai", "inference latency of the crash predictor and the scheduler model", "bench ai [--iters N] [--json]",
          bench_ai);

}  // namespace sis::ai
