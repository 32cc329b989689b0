// The power model: features from counters, the estimate, and the stored text form.
#include "power/power_model.h"

#include "lib/format.h"
#include "lib/string.h"
#include "power/fixed.h"

namespace sis::power {
namespace {

constexpr const char* kNames[kFeatureCount] = {"util", "mem", "io", "inst", "switch"};
constexpr const char* kUnits[kFeatureCount] = {"ppm", "KiB/s", "KiB/s", "Minst/s", "1/s"};

u64 delta(u64 a, u64 b) { return b > a ? b - a : 0; }

// bytes over ns -> KiB/s
i64 kib_per_s(u64 bytes, u64 ns) {
  if (ns == 0) return 0;
  return static_cast<i64>(udiv128(static_cast<u128>(bytes) * 1000000000ull, static_cast<u128>(ns) * 1024));
}

bool parse_i64(StrView s, i64* out) {
  bool neg = s.size > 0 && s.data[0] == '-';
  u64 v = 0;
  if (!parse_u64(neg ? StrView(s.data + 1, s.size - 1) : s, &v) || v > (1ull << 62)) return false;
  *out = neg ? -static_cast<i64>(v) : static_cast<i64>(v);
  return true;
}

}  // namespace

const char* feature_name(u32 k) { return k < kFeatureCount ? kNames[k] : "?"; }
const char* feature_unit(u32 k) { return k < kFeatureCount ? kUnits[k] : "?"; }

i64 busy_ppm_between(const Counters& a, const Counters& b) {
  u64 wall = delta(a.t_ns, b.t_ns);
  if (wall == 0) return 0;
  u64 idle = delta(a.idle_ns, b.idle_ns) + delta(a.injected_ns, b.injected_ns);
  u64 busy = idle >= wall ? 0 : wall - idle;
  return static_cast<i64>(udiv128(static_cast<u128>(busy) * 1000000, wall));
}

Features features_between(const Counters& a, const Counters& b) {
  Features f;
  u64 wall = delta(a.t_ns, b.t_ns);
  if (wall == 0) return f;
  u64 idle = delta(a.idle_ns, b.idle_ns) + delta(a.injected_ns, b.injected_ns) + delta(a.steal_ns, b.steal_ns);
  u64 busy = idle >= wall ? 0 : wall - idle;
  f.x[kUtil] = static_cast<i64>(udiv128(static_cast<u128>(busy) * 1000000, wall));
  f.x[kMem] = kib_per_s(delta(a.mem_bytes, b.mem_bytes), wall);
  f.x[kIo] = kib_per_s(delta(a.io_bytes, b.io_bytes), wall);
  // million instructions per second = instructions * 1000 / ns
  f.x[kInst] = static_cast<i64>(udiv128(static_cast<u128>(delta(a.instructions, b.instructions)) * 1000, wall));
  f.x[kSwitch] = static_cast<i64>(udiv128(static_cast<u128>(delta(a.switches, b.switches)) * 1000000000ull, wall));
  return f;
}

Counters interpolate(const Counters& a, const Counters& b, u64 t) {
  if (t <= a.t_ns || b.t_ns <= a.t_ns) return a;
  if (t >= b.t_ns) return b;
  u64 num = t - a.t_ns, den = b.t_ns - a.t_ns;
  auto lerp = [&](u64 x, u64 y) -> u64 {
    if (y <= x) return x;
    return x + static_cast<u64>(udiv128(static_cast<u128>(y - x) * num, den));
  };
  Counters c;
  c.t_ns = t;
  c.idle_ns = lerp(a.idle_ns, b.idle_ns);
  c.injected_ns = lerp(a.injected_ns, b.injected_ns);
  c.steal_ns = lerp(a.steal_ns, b.steal_ns);
  c.mem_bytes = lerp(a.mem_bytes, b.mem_bytes);
  c.io_bytes = lerp(a.io_bytes, b.io_bytes);
  c.instructions = lerp(a.instructions, b.instructions);
  c.switches = lerp(a.switches, b.switches);
  return c;
}

Coefficients default_coefficients() {
  Coefficients c;
  c.idle_mw = 600;
  // 9.4 W more at full utilisation: 9400 mW / 1e6 ppm in Q32.
  c.slope_q32[kUtil] = static_cast<i64>(udiv128(static_cast<u128>(9400) << 32, 1000000));
  return c;
}

i64 term_mw(const Coefficients& c, const Features& f, u32 k) {
  if (k >= kFeatureCount) return 0;
  return mul_q32(c.slope_q32[k], f.x[k]);
}

i64 estimate_mw(const Coefficients& c, const Features& f) {
  i64 p = c.idle_mw;
  for (u32 k = 0; k < kFeatureCount; ++k) p += term_mw(c, f, k);
  return p < 0 ? 0 : p;
}

usize format_coefficients(const Coefficients& c, char* buf, usize cap) {
  TextBuffer tb(buf, cap);
  tb.appendf("# SIS power model (powerctl calibrate): P = idle + sum slope_k * x_k\n");
  tb.appendf("# slopes: mW per unit * 2^32; units: util ppm, mem/io KiB/s, inst M/s\n");
  tb.appendf("idle_mw %lld\n", static_cast<long long>(c.idle_mw));
  for (u32 k = 0; k < kFeatureCount; ++k)
    tb.appendf("%s_q32 %lld\n", kNames[k], static_cast<long long>(c.slope_q32[k]));
  tb.appendf("samples %u\n", c.samples);
  tb.appendf("rms_mw %lld\n", static_cast<long long>(c.rms_mw));
  tb.appendf("calibrated %d\n", c.calibrated ? 1 : 0);
  return tb.truncated() ? 0 : tb.size();
}

bool parse_coefficients(const char* text, usize len, Coefficients* out) {
  Coefficients c;
  bool have_idle = false;
  usize i = 0;
  while (i < len) {
    usize eol = i;
    while (eol < len && text[eol] != '\n') ++eol;
    StrView line(text + i, eol - i);
    i = eol + 1;
    while (line.size && (line.data[line.size - 1] == '\r' || line.data[line.size - 1] == ' ')) --line.size;
    if (line.empty() || line.data[0] == '#') continue;
    usize sp = 0;
    while (sp < line.size && line.data[sp] != ' ') ++sp;
    if (sp == line.size) return false;
    StrView key(line.data, sp), val(line.data + sp + 1, line.size - sp - 1);
    while (val.size && val.data[0] == ' ') val = StrView(val.data + 1, val.size - 1);
    i64 v;
    if (!parse_i64(val, &v)) return false;
    if (key == "idle_mw") {
      c.idle_mw = v;
      have_idle = true;
    } else if (key == "samples") {
      c.samples = static_cast<u32>(v);
    } else if (key == "rms_mw") {
      c.rms_mw = v;
    } else if (key == "calibrated") {
      c.calibrated = v != 0;
    } else {
      for (u32 k = 0; k < kFeatureCount; ++k) {
        char name[16];
        format(name, sizeof(name), "%s_q32", kNames[k]);
        if (key == name) c.slope_q32[k] = v;
      }
    }
  }
  if (!have_idle) return false;
  *out = c;
  return true;
}

i64 ape_ppm(i64 est, i64 meas) {
  if (meas <= 0) return 0;
  i64 d = est > meas ? est - meas : meas - est;
  return static_cast<i64>(udiv128(static_cast<u128>(d) * 1000000, static_cast<u128>(meas)));
}

}  // namespace sis::power
