#include "power_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "power/power_meter.h"
#include "vm_access.h"

namespace sisctl {
namespace {

using sis::host::ControlClient;
using sis::host::PowerMeter;
using sis::host::Reply;
using sis::host::VmRecord;
using sis::host::VmRuntimeDir;

constexpr const char* kUsage =
    "usage: sisctl power status [--json]\n"
    "       sisctl power history [--json]\n"
    "       sisctl power meter [--duration S] [--workload CMD] [--json]\n"
    "       sisctl power calibrate [--phase-ms MS]\n"
    "       sisctl power budget WATTS|off [--duration S] [--workload CMD] [--baseline S] [--keep]\n"
    "Every form takes --name NAME (VM, default 'default'); the metering forms also take\n"
    "--interval MS (meter period, default 500) and --watts-per-core W (default 10).\n"
    "\n"
    "The host is the VM's power meter: QEMU's CPU time (all its threads, /proc/PID/task/*/\n"
    "schedstat) times W per busy core, or the RAPL package energy share where powercap is\n"
    "readable. Readings go to the kernel (power.meter), which pairs each with its model's\n"
    "estimate over the same interval.\n"
    "\n"
    "  status     the kernel's power.status (estimate, model, accuracy, budget)\n"
    "  history    the kernel's 10 Hz history (power.history) as JSON\n"
    "  meter      meter for S seconds (default: until Ctrl-C); prints one line per reading\n"
    "             (metered, estimated, error) and the MAPE at the end. --workload runs a shell\n"
    "             command first (e.g. 'spawn burst 2') and 'spawn stop' afterwards.\n"
    "  calibrate  runs `powerctl calibrate` while metering; prints the fitted model\n"
    "  budget     sets the power budget and, with --duration, meters the run: the share of\n"
    "             one-second windows under the budget and the workload's throughput against\n"
    "             --baseline S seconds without a budget (default 5). The budget is switched\n"
    "             off at the end unless --keep.\n"
    "\n"
    "Exit status: 0 ok, 1 usage error, 2 failure, 4 timeout, 5 no power capability.\n";

struct Opts {
  QString name = QStringLiteral("default");
  long interval_ms = 500, duration_s = -1, phase_ms = 4000, baseline_s = 5;
  double watts_per_core = 10.0;
  bool json = false, keep = false;
  std::string workload;
  std::string budget;  // WATTS or off
};

struct Session {
  ControlClient control;
  VmRecord rec;
};

struct MeterRow {
  double t_s;
  double interval_s;
  int64_t metered_mw, estimated_mw;
  double cores;
};

bool connect(Session& s, const Opts& o, const char* what) {
  VmRuntimeDir dir(o.name);
  if (!find_running_vm(dir, &s.rec, what)) return false;
  if (!connect_control(s.control, dir.control_socket(), 4000, what)) return false;
  if (!s.control.has_capability("power")) {
    std::fprintf(stderr, "sisctl power: this kernel has no 'power' capability (it has: %s)\n",
                 qPrintable(s.control.capabilities().join(", ")));
    return false;
  }
  return true;
}

bool shell(Session& s, const std::string& cmd, std::string* output = nullptr) {
  Reply r = control_call(s.control, "shell.exec", {{"command", QString::fromStdString(cmd)}}, 20000);
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl power: shell.exec '%s': %s\n", cmd.c_str(), qPrintable(r.error->to_string()));
    return false;
  }
  if (output) *output = r.object().value("output").toString().toStdString();
  return r.object().value("status").toInt() == 0;
}

// Sum of the workload threads' progress counters (ps --json), for throughput.
double workload_progress(Session& s) {
  std::string out;
  if (!shell(s, "ps --json", &out)) return -1;
  QJsonObject ps = QJsonDocument::fromJson(QByteArray::fromStdString(out)).object();
  double sum = 0;
  for (const auto& t : ps.value("threads").toArray()) {
    QString kind = t.toObject().value("kind").toString();
    if (kind == "cpu" || kind == "io" || kind == "burst") sum += t.toObject().value("progress").toDouble();
  }
  return sum;
}

// Meters for duration_ms (or until stop() / Ctrl-C), sending each reading to the kernel.
// on_row sees every reading with the kernel's estimate for the same interval.
template <typename Stop, typename OnRow>
bool meter_loop(Session& s, PowerMeter& m, const Opts& o, long duration_ms, Stop&& stop, OnRow&& on_row) {
  QElapsedTimer t;
  t.start();
  while (!interrupted() && (duration_ms < 0 || t.elapsed() < duration_ms) && !stop()) {
    long wait = o.interval_ms;
    if (duration_ms >= 0) wait = std::min<long>(wait, duration_ms - t.elapsed());
    if (wait > 0) run_until([] { return false; }, static_cast<int>(wait));
    PowerMeter::Reading r;
    std::string err;
    if (!m.read(&r, &err)) {
      std::fprintf(stderr, "sisctl power: meter: %s\n", err.c_str());
      return false;
    }
    if (r.interval_s < 0.05) continue;
    Reply rep = control_call(s.control, "power.meter",
                             {{"metered_mw", static_cast<qint64>(r.milliwatts)},
                              {"interval_ms", static_cast<qint64>(std::llround(r.interval_s * 1000))}},
                             5000);
    if (!rep.ok()) {
      std::fprintf(stderr, "sisctl power: power.meter: %s\n", qPrintable(rep.error->to_string()));
      return false;
    }
    on_row(MeterRow{t.elapsed() / 1000.0, r.interval_s, r.milliwatts, static_cast<int64_t>(rep.object().value("estimated_mw").toDouble()),
                    r.cpu_cores},
           rep.object());
  }
  return true;
}

bool start_meter(Session& s, const Opts& o, PowerMeter* m) {
  std::string err;
  if (!m->start(&err)) {
    std::fprintf(stderr, "sisctl power: meter: %s\n", err.c_str());
    return false;
  }
  if (m->has_rapl())
    std::fprintf(stderr, "sisctl power: metering QEMU pid %lld: its share of the host's measured energy (%s)\n",
                 (long long)s.rec.pid, m->energy().kind().c_str());
  else
    std::fprintf(stderr, "sisctl power: metering QEMU pid %lld: CPU time of all threads x %.1f W per busy core, a model (%s)\n",
                 (long long)s.rec.pid, o.watts_per_core, m->energy().why_none().c_str());
  return true;
}

double mape(const std::vector<MeterRow>& rows) {
  double sum = 0;
  int n = 0;
  for (const auto& r : rows)
    if (r.metered_mw > 0) {
      sum += std::fabs(static_cast<double>(r.estimated_mw - r.metered_mw)) / r.metered_mw;
      ++n;
    }
  return n ? 100.0 * sum / n : NAN;
}

void print_row(const MeterRow& r, bool json) {
  if (json)
    std::printf("{\"t_s\":%.3f,\"metered_mw\":%lld,\"estimated_mw\":%lld,\"cpu_cores\":%.4f}\n", r.t_s,
                (long long)r.metered_mw, (long long)r.estimated_mw, r.cores);
  else
    std::printf("%8.1f s  metered %7.3f W  estimated %7.3f W  error %+6.1f%%  (QEMU %.2f cores)\n", r.t_s,
                r.metered_mw / 1000.0, r.estimated_mw / 1000.0,
                r.metered_mw > 0 ? 100.0 * (r.estimated_mw - r.metered_mw) / r.metered_mw : 0.0, r.cores);
  std::fflush(stdout);
}

int cmd_status(Session& s, const Opts& o, bool history) {
  Reply r = control_call(s.control, history ? "power.history" : "power.status", {});
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl power: %s\n", qPrintable(r.error->to_string()));
    return kQtFailed;
  }
  if (o.json || history) {
    std::printf("%s\n", QJsonDocument(r.object()).toJson(QJsonDocument::Compact).constData());
    return kQtOk;
  }
  std::string out;
  shell(s, "powerctl status", &out);
  std::fputs(out.c_str(), stdout);
  return kQtOk;
}

int cmd_meter(Session& s, const Opts& o) {
  PowerMeter m(static_cast<pid_t>(s.rec.pid), o.watts_per_core);
  if (!start_meter(s, o, &m)) return kQtFailed;
  if (!o.workload.empty() && !shell(s, o.workload)) return kQtFailed;
  std::vector<MeterRow> rows;
  install_interrupt_handler();
  bool ok = meter_loop(s, m, o, o.duration_s < 0 ? -1 : o.duration_s * 1000, [] { return false; },
                       [&](const MeterRow& r, const QJsonObject&) {
                         rows.push_back(r);
                         print_row(r, o.json);
                       });
  if (!o.workload.empty()) shell(s, "spawn stop");
  if (!rows.empty()) {
    double me = 0, es = 0;
    for (const auto& r : rows) {
      me += r.metered_mw;
      es += r.estimated_mw;
    }
    std::printf("%s%zu readings: mean metered %.3f W, mean estimated %.3f W, MAPE %.2f%%%s\n", o.json ? "# " : "",
                rows.size(), me / rows.size() / 1000, es / rows.size() / 1000, mape(rows),
                o.workload.empty() ? "" : (" (workload: " + o.workload + ")").c_str());
  }
  return ok ? kQtOk : kQtFailed;
}

int cmd_calibrate(Session& s, const Opts& o) {
  PowerMeter m(static_cast<pid_t>(s.rec.pid), o.watts_per_core);
  if (!start_meter(s, o, &m)) return kQtFailed;
  Reply r = control_call(s.control, "power.calibrate", {{"phase_ms", static_cast<qint64>(o.phase_ms)}});
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl power: power.calibrate: %s\n", qPrintable(r.error->to_string()));
    return kQtFailed;
  }
  std::fprintf(stderr, "sisctl power: calibrating (settle 1 s, idle/cpu/mem/half phases of %ld ms)\n", o.phase_ms);
  install_interrupt_handler();
  QString phase;
  long limit = 1000 + 4 * o.phase_ms + 15000;
  QElapsedTimer t;
  t.start();
  bool ok = meter_loop(s, m, o, limit, [&] { return phase == "done" || phase == "failed"; },
                       [&](const MeterRow& row, const QJsonObject&) {
                         Reply st = control_call(s.control, "power.status", {});
                         QString p = st.ok() ? st.object().value("calibration").toObject().value("phase").toString() : "?";
                         if (p != phase) std::fprintf(stderr, "  %6.1f s  phase %s\n", row.t_s, qPrintable(p));
                         phase = p;
                       });
  if (!ok) return kQtFailed;
  if (phase != "done" && phase != "failed") {
    std::fprintf(stderr, "sisctl power: calibration did not finish in %ld s\n", limit / 1000);
    return kQtTimeout;
  }
  Reply st = control_call(s.control, "power.status", {});
  QJsonObject so = st.object(), model = so.value("model").toObject(), cal = so.value("calibration").toObject();
  if (o.json) {
    std::printf("%s\n", QJsonDocument(so).toJson(QJsonDocument::Compact).constData());
  } else {
    QJsonObject rd = cal.value("readings").toObject();
    std::printf("calibration %s: readings idle %d, cpu %d, mem %d, half %d\n", qPrintable(phase), rd.value("idle").toInt(),
                rd.value("cpu").toInt(), rd.value("mem").toInt(), rd.value("half").toInt());
    if (phase == "done") {
      QJsonObject sl = model.value("slopes_q32").toObject();
      auto per = [&](const char* k) { return sl.value(k).toDouble() / 4294967296.0; };
      std::printf("model: P = %.3f W + %.3f W x util + %.4f mW per MiB/s mem + %.4f mW per MiB/s io + %.4f mW per Minst/s"
                  " + %.4f mW per 1000 switches/s\n",
                  model.value("idle_mw").toDouble() / 1000, per("util") * 1e6 / 1000, per("mem") * 1024, per("io") * 1024,
                  per("inst"), per("switch") * 1000);
      std::printf("fit: %d readings, rms %.0f mW, r2 %.4f; %s\n", model.value("samples").toInt(),
                  model.value("rms_mw").toDouble(), cal.value("r2").toDouble(), qPrintable(cal.value("result").toString()));
    } else {
      std::printf("%s\n", qPrintable(cal.value("result").toString()));
    }
  }
  return phase == "done" ? kQtOk : kQtFailed;
}

int cmd_budget(Session& s, const Opts& o) {
  if (o.budget == "off") {
    Reply r = control_call(s.control, "power.set_budget", {{"budget_mw", 0}});
    if (!r.ok()) {
      std::fprintf(stderr, "sisctl power: %s\n", qPrintable(r.error->to_string()));
      return kQtFailed;
    }
    std::printf("power budget off\n");
    return kQtOk;
  }
  char* end = nullptr;
  double watts = std::strtod(o.budget.c_str(), &end);
  if (!end || *end || watts < 0.1 || watts > 1000) {
    std::fprintf(stderr, "sisctl power budget: WATTS must be a number 0.1..1000 or off\n");
    return kQtUsage;
  }
  const qint64 budget_mw = std::llround(watts * 1000);
  PowerMeter m(static_cast<pid_t>(s.rec.pid), o.watts_per_core);
  if (o.duration_s > 0 && !start_meter(s, o, &m)) return kQtFailed;
  if (!o.workload.empty() && !shell(s, o.workload)) return kQtFailed;
  install_interrupt_handler();
  auto none = [] { return false; };
  double base_rate = -1, base_mw = 0;
  if (o.duration_s > 0 && o.baseline_s > 0) {
    double p0 = workload_progress(s);
    QElapsedTimer t;
    t.start();
    std::vector<MeterRow> rows;
    if (!meter_loop(s, m, o, o.baseline_s * 1000, none, [&](const MeterRow& r, const QJsonObject&) { rows.push_back(r); }))
      return kQtFailed;
    double p1 = workload_progress(s);
    base_rate = (p1 - p0) / (t.elapsed() / 1000.0);
    for (const auto& r : rows) base_mw += r.metered_mw;
    base_mw = rows.empty() ? 0 : base_mw / rows.size();
    std::printf("baseline (no budget, %ld s): metered %.3f W, workload progress %.0f/s\n", o.baseline_s, base_mw / 1000,
                base_rate);
  }
  Reply r = control_call(s.control, "power.set_budget", {{"budget_mw", budget_mw}});
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl power: power.set_budget: %s\n", qPrintable(r.error->to_string()));
    return kQtFailed;
  }
  std::printf("power budget %.3f W set\n", budget_mw / 1000.0);
  if (o.duration_s <= 0) return kQtOk;
  double p0 = workload_progress(s);
  QElapsedTimer t;
  t.start();
  // One-second windows: consecutive readings accumulated until they cover >= 1 s.
  std::vector<double> windows;
  double acc_e = 0, acc_t = 0, sum_mw = 0;
  int n = 0;
  bool ok = meter_loop(s, m, o, o.duration_s * 1000, none, [&](const MeterRow& row, const QJsonObject& rep) {
    double dt = row.interval_s;
    acc_e += row.metered_mw * dt;
    acc_t += dt;
    sum_mw += row.metered_mw;
    ++n;
    if (acc_t >= 0.999) {
      windows.push_back(acc_e / acc_t);
      acc_e = acc_t = 0;
    }
    if (!o.json)
      std::printf("%8.1f s  metered %7.3f W  estimated %7.3f W  idle injection %5.1f%%\n", row.t_s, row.metered_mw / 1000.0,
                  row.estimated_mw / 1000.0, rep.value("duty_ppm").toDouble() / 10000);
    std::fflush(stdout);
  });
  double p1 = workload_progress(s);
  double rate = (p1 - p0) / (t.elapsed() / 1000.0);
  if (!o.keep) control_call(s.control, "power.set_budget", {{"budget_mw", 0}});
  if (!o.workload.empty()) shell(s, "spawn stop");
  if (!ok) return kQtFailed;
  int under = 0;
  double worst = 0;
  for (double w : windows) {
    if (w <= budget_mw) ++under;
    worst = std::max(worst, w);
  }
  double pct = windows.empty() ? 0 : 100.0 * under / windows.size();
  std::printf("budget %.3f W: %d of %zu one-second windows under budget (%.1f%%), mean metered %.3f W, worst window %.3f W\n",
              budget_mw / 1000.0, under, windows.size(), pct, n ? sum_mw / n / 1000 : 0.0, worst / 1000);
  if (base_rate > 0 && rate >= 0)
    std::printf("throughput: workload progress %.0f/s vs %.0f/s without budget: cost %.1f%%; power %.3f W -> %.3f W\n", rate,
                base_rate, 100.0 * (1 - rate / base_rate), base_mw / 1000, n ? sum_mw / n / 1000 : 0.0);
  return kQtOk;
}

}  // namespace

int power_main(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h")) {
    std::fputs(kUsage, argc < 3 ? stderr : stdout);
    return argc < 3 ? kQtUsage : kQtOk;
  }
  const std::string sub = argv[2];
  Opts o;
  int i = 3;
  if (sub == "budget") {
    if (argc < 4) {
      std::fputs(kUsage, stderr);
      return kQtUsage;
    }
    o.budget = argv[3];
    i = 4;
  } else if (sub != "status" && sub != "history" && sub != "meter" && sub != "calibrate") {
    std::fprintf(stderr, "sisctl power: unknown subcommand '%s'\n%s", sub.c_str(), kUsage);
    return kQtUsage;
  }
  for (; i < argc; ++i) {
    const std::string opt = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    auto bad = [&]() {
      std::fprintf(stderr, "sisctl power: bad option '%s'\n(sisctl power --help for usage)\n", opt.c_str());
      return kQtUsage;
    };
    if (opt == "--json") {
      o.json = true;
      continue;
    }
    if (opt == "--keep") {
      o.keep = true;
      continue;
    }
    if (!v) return bad();
    ++i;
    if (opt == "--name" && VmRuntimeDir::valid_name(v)) {
      o.name = v;
    } else if (opt == "--interval" && parse_number(v, 100, 10000, &o.interval_ms)) {
    } else if (opt == "--duration" && parse_number(v, 1, 86400, &o.duration_s)) {
    } else if (opt == "--phase-ms" && parse_number(v, 1000, 60000, &o.phase_ms)) {
    } else if (opt == "--baseline" && parse_number(v, 0, 3600, &o.baseline_s)) {
    } else if (opt == "--workload") {
      o.workload = v;
    } else if (opt == "--watts-per-core") {
      char* end = nullptr;
      o.watts_per_core = std::strtod(v, &end);
      if (!end || *end || o.watts_per_core <= 0 || o.watts_per_core > 1000) return bad();
    } else {
      return bad();
    }
  }
  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  Session s;
  if (!connect(s, o, "power")) return kQtUnavailable;
  if (sub == "status") return cmd_status(s, o, false);
  if (sub == "history") return cmd_status(s, o, true);
  if (sub == "meter") return cmd_meter(s, o);
  if (sub == "calibrate") return cmd_calibrate(s, o);
  return cmd_budget(s, o);
}

}  // namespace sisctl
