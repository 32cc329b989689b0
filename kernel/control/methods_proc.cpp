// proc.* methods of the control protocol (docs/protocol.md, "proc"): list, kill, run.
// proc.run answers at once with the new process's pid; a kernel thread of its own then
// streams the program's stdout and stderr as `proc.output` events and ends with one
// `proc.exit` event, so the control port keeps serving requests (a proc.list, a proc.kill
// of that very program) while the program runs. (A method cannot send events while it
// runs, and the executor runs one request at a time: answering at exit would stall the
// port for as long as the program lives.) The capture itself is proc/run_capture.h, the
// same as the shell's `procctl run`.
//
// argv is data: it reaches exec as the program's arguments, never a shell; the output goes
// back base64-encoded, so any bytes are safe.
#include "control/server.h"
#include "core/spinlock.h"
#include "lib/base64.h"
#include "lib/string.h"
#include "proc/frames.h"
#include "proc/proc_status.h"
#include "proc/process.h"
#include "proc/run_capture.h"
#include "proc/signal.h"
#include "proc/user_symbols.h"
#include "sched/background.h"
#include "sched/scheduler.h"

namespace sis::control {
namespace {

constexpr usize kMaxArgs = 32;           // argv entries (procctl run's limit)
constexpr usize kMaxArgBytes = 4096;     // all entries with their NULs
constexpr usize kMaxRuns = 4;            // programs streaming at once

struct RunJob {
  bool used = false;
  u64 session = 0;  // the session that asked; the program is killed when it ends
  u32 pid = 0;
  u64 bytes[2] = {};  // stdout, stderr so far (the next event's offset)
  proc::CapturedRun run;
  const char* argv[kMaxArgs + 1] = {};
  char words[kMaxArgBytes] = {};
};
SpinLock jobs_lock;
RunJob jobs[kMaxRuns];

RunJob* claim_job() {
  SpinLockGuard g(jobs_lock);
  for (auto& j : jobs)
    if (!j.used) {
      j.used = true;
      return &j;
    }
  return nullptr;
}

void free_job(RunJob* j) {
  SpinLockGuard g(jobs_lock);
  j->used = false;
}

// A signal by number (1..64) or name ("SIGTERM" or "TERM"); -1 when neither.
int signal_from(JsonValue v) {
  if (v.is_integer()) return v.as_int() >= 1 && v.as_int() <= 64 ? static_cast<int>(v.as_int()) : -1;
  if (!v.is_string()) return -1;
  StrView s = v.as_string();
  for (int sig = 1; sig <= 31; ++sig) {
    const char* name = proc::linux::signal_name(sig);
    if (name && (s == StrView(name) || s == StrView(name + 3))) return sig;
  }
  return -1;
}

void proc_list(JsonValue, Response& r) { proc::write_process_list(r.result()); }
SIS_CONTROL_METHOD("proc.list", "proc", proc_list, nullptr);

// The `proc` metrics group: per-process accounting in every sample (docs/protocol.md, 5).
void fill_proc(JsonWriter& w) { proc::write_proc_metrics(w); }
SIS_METRICS_GROUP("proc", fill_proc, nullptr);

void proc_kill(JsonValue params, Response& r) {
  JsonValue pidv = params["pid"], sigv = params["signal"];
  if (!pidv.is_integer() || pidv.as_int() < 1 || pidv.as_int() > 0xffffffffll)
    return r.error("InvalidParams", "\"pid\" (integer 1..4294967295) is required");
  int sig = proc::linux::SIGTERM;
  if (sigv.valid() && !sigv.is_null()) {
    sig = signal_from(sigv);
    if (sig < 0) {
      if (sigv.is_string())
        return r.error("InvalidParams", "unknown signal '%.*s' (a number 1..64 or a name like TERM, KILL, INT)",
                       static_cast<int>(min<usize>(sigv.as_string().size, 40)), sigv.as_string().data);
      return r.error("InvalidParams", "\"signal\" must be a number 1..64 or a name like TERM, KILL, INT");
    }
  }
  u64 pid = static_cast<u64>(pidv.as_int());
  Error e = proc::kill_processes(static_cast<i64>(pid), sig);
  if (e == Error::NoProcess) return r.error("NotFound", "no process %llu", static_cast<unsigned long long>(pid));
  if (e != Error::Ok) return r.error("Internal", "kill %llu: %s", static_cast<unsigned long long>(pid), error_name(e));
  const char* name = proc::linux::signal_name(sig);
  r.result().kv_uint("pid", pid).kv_uint("signal", static_cast<u64>(sig)).kv("name", StrView(name ? name : ""));
}
SIS_CONTROL_METHOD("proc.kill", "proc", proc_kill, nullptr);

struct OutputEvent {
  u32 pid;
  int stream;
  u64 offset;
  const char* data;
  usize n;
};

void fill_output(JsonWriter& w, void* p) {
  auto* e = static_cast<OutputEvent*>(p);
  char b64[base64_encoded_size(512) + 4];
  usize len = base64_encode(reinterpret_cast<const u8*>(e->data), e->n, b64);
  w.begin_object().kv_uint("pid", e->pid).kv("stream", e->stream == 1 ? "stdout" : "stderr");
  w.kv_uint("offset", e->offset).kv("data", StrView(b64, len)).end_object();
}

void on_output(void* ctx, int stream, const char* data, usize n) {
  auto* j = static_cast<RunJob*>(ctx);
  // Reads are at most 512 bytes (run_capture.cpp); cut anyway so the buffer above holds.
  for (usize done = 0; done < n;) {
    usize take = min<usize>(n - done, 512);
    OutputEvent ev{j->pid, stream, j->bytes[stream - 1], data + done, take};
    // A line the port cannot take is dropped (counted by the server); the offsets and
    // proc.exit's byte counts let the host see the gap.
    server().send_event("proc.output", Server::now_ns(), fill_output, &ev);
    j->bytes[stream - 1] += take;
    done += take;
  }
}

bool session_gone(void* ctx) {
  auto* j = static_cast<RunJob*>(ctx);
  return !server().connected() || server().session() != j->session;
}

struct ExitEvent {
  RunJob* job;
  int ws;
  char fault_function[112];  // symbolized before sending (it may read the program file)
};

void fill_exit(JsonWriter& w, void* p) {
  auto* e = static_cast<ExitEvent*>(p);
  proc::Process* pr = e->job->run.process;
  int sig = e->ws & 0x7f;
  w.begin_object().kv_uint("pid", e->job->pid).kv("status", sig ? "killed" : "exited");
  w.key("exit_code");
  if (sig) w.null();
  else w.uint((e->ws >> 8) & 0xff);
  w.key("signal");
  if (sig) w.string(StrView(proc::linux::signal_name(sig) ? proc::linux::signal_name(sig) : "?"));
  else w.null();
  w.kv_uint("exit_status", static_cast<u64>(proc::exit_status_of(e->ws)));
  w.kv_uint("stdout_bytes", e->job->bytes[0]).kv_uint("stderr_bytes", e->job->bytes[1]);
  w.kv_uint("cpu_ns", pr->stats.cpu_ns).kv_uint("peak_rss_kib", pr->mem_at_exit.peak_resident * 4);
  w.kv_uint("syscalls", pr->stats.syscalls).kv_uint("faults", pr->mem_at_exit.minor_faults + pr->mem_at_exit.cow_faults);
  w.kv_bool("oom_killed", pr->oom_killed);
  if (pr->fatal_signal && pr->fault_pc) {
    w.kv_uint("fault_pc", pr->fault_pc).kv_uint("fault_addr", pr->fault_addr);
    w.kv("fault_function", StrView(e->fault_function));
  }
  w.end_object();
}

// The program's own thread of the control port: streams until both pipes close, reports
// the exit, frees everything.
void stream_job(void* arg) {
  auto* j = static_cast<RunJob*>(arg);
  proc::CaptureSink sink;
  sink.output = on_output;
  sink.stop = session_gone;  // nobody left to stream to: the program is killed
  sink.ctx = j;
  ExitEvent ev{j, proc::stream_captured(j->run, sink), {}};
  proc::Process* pr = j->run.process;
  if (pr->fatal_signal && pr->fault_pc) proc::describe_user_pc(pr, pr->fault_pc, ev.fault_function, sizeof(ev.fault_function));
  server().send_event("proc.exit", Server::now_ns(), fill_exit, &ev);
  proc::finish_captured(j->run);
  free_job(j);
}

// argv from the request into the job (the request line is gone once the method returns).
bool copy_argv(JsonValue a, RunJob* j, Response& r) {
  if (!a.is_array() || a.size() == 0)
    return r.error("InvalidParams", "\"argv\" (a non-empty array of strings: the program's path first) is required"), false;
  if (a.size() > kMaxArgs) return r.error("TooLarge", "\"argv\" has %zu entries (at most %zu)", a.size(), kMaxArgs), false;
  usize used = 0;
  for (usize i = 0; i < a.size(); ++i) {
    JsonValue v = a.at(i);
    if (!v.is_string()) return r.error("InvalidParams", "\"argv\"[%zu] is not a string", i), false;
    StrView s = v.as_string();
    for (usize k = 0; k < s.size; ++k)
      if (s.data[k] == '\0') return r.error("InvalidParams", "\"argv\"[%zu] contains a NUL byte", i), false;
    if (used + s.size + 1 > kMaxArgBytes)
      return r.error("TooLarge", "\"argv\" is longer than %zu bytes in all", kMaxArgBytes), false;
    memcpy(j->words + used, s.data, s.size);
    j->words[used + s.size] = '\0';
    j->argv[i] = j->words + used;
    used += s.size + 1;
  }
  j->argv[a.size()] = nullptr;
  if (j->argv[0][0] != '/') return r.error("InvalidParams", "\"argv\"[0] must be the program's absolute path"), false;
  return true;
}

const char* spawn_error_class(Error e) {
  switch (e) {
    case Error::NoEntry:
    case Error::NotDir: return "NotFound";
    case Error::NoMemory:
    case Error::Busy: return "Busy";
    case Error::TooBig: return "TooLarge";
    default: return "InvalidParams";  // not executable, a bad ELF, a directory...
  }
}

void proc_run(JsonValue params, Response& r) {
  RunJob* j = claim_job();
  if (!j) return r.error("Busy", "%zu programs started with proc.run are still running", kMaxRuns);
  if (!copy_argv(params["argv"], j, r)) return free_job(j);
  char why[192] = {};
  // The program's own file system calls take the command lock this method runs under.
  background::unlock_commands();
  auto started = proc::start_captured(j->argv, why, sizeof(why));
  background::lock_commands();
  if (!started.ok()) {
    free_job(j);
    return r.error(spawn_error_class(started.error()), "%s", why[0] ? why : error_name(started.error()));
  }
  j->run = started.value();
  j->pid = j->run.process->pid;
  j->bytes[0] = j->bytes[1] = 0;
  j->session = server().caller_session();
  sched::SpawnOptions opt;
  opt.detached = true;
  auto t = sched::spawn("proc-run", stream_job, j, opt);
  if (!t.ok()) {
    // No thread to stream: the program cannot be left writing into pipes nobody reads.
    (void)proc::kill_processes(-static_cast<i64>(j->run.process->pgid), proc::linux::SIGKILL);
    proc::CaptureSink none;
    background::unlock_commands();
    (void)proc::stream_captured(j->run, none);
    background::lock_commands();
    proc::finish_captured(j->run);
    free_job(j);
    return r.error("Busy", "no thread to stream the program's output: %s", error_name(t.error()));
  }
  r.result().kv_uint("pid", j->pid);
}
SIS_CONTROL_METHOD("proc.run", "proc", proc_run, nullptr);

}  // namespace
}  // namespace sis::control
