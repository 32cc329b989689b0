// procctl: user processes from the shell. `run` starts a program with its stdout and stderr
// captured through pipes and streamed to this command's output (the UART, or the control
// port's shell.exec), and returns its exit status; list, kill, info and syscalls inspect
// them. While a program runs, the command lock (sched/background.h) is released: the
// program's own file system calls take it, and other commands may run meanwhile.
#include "lib/json_output.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/console_tty.h"
#include "proc/file_devices.h"
#include "proc/file_table.h"
#include "proc/frames.h"
#include "proc/image_cache.h"
#include "proc/pipe.h"
#include "proc/proc_status.h"
#include "proc/process.h"
#include "proc/run_capture.h"
#include "proc/signal.h"
#include "proc/syscall.h"
#include "proc/user_symbols.h"
#include "sched/background.h"
#include "sched/scheduler.h"
#include "shell/cancel.h"
#include "shell/command.h"
#include "shell/subcommand.h"

namespace sis::shell {
namespace {

using proc::File;
using proc::Process;
using proc::ProcessInfo;

constexpr usize kMaxArgs = 32;
constexpr usize kCaptureCap = 64 * 1024;  // --json keeps this much of each stream

int signal_number(StrView s) {
  u64 n;
  if (parse_u64(s, &n)) return n >= 1 && n <= 64 ? static_cast<int>(n) : -1;
  for (int sig = 1; sig <= 31; ++sig) {
    const char* name = proc::linux::signal_name(sig);
    if (!name) continue;
    if (s == StrView(name) || s == StrView(name + 3)) return sig;  // "SIGTERM" or "TERM"
  }
  return -1;
}

// One captured stream for --json: kept (up to kCaptureCap) for the JSON object.
struct Kept {
  char* data = nullptr;
  usize len = 0;
  bool truncated = false;
};

struct RunSink {
  Output* stream_to;  // plain run: straight to the command's output
  Kept kept[2];       // --json: stdout, stderr
};

void on_output(void* ctx, int stream, const char* data, usize n) {
  auto* s = static_cast<RunSink*>(ctx);
  if (s->stream_to) {
    s->stream_to->write(StrView(data, n));
    return;
  }
  Kept& k = s->kept[stream - 1];
  usize room = kCaptureCap - k.len;
  usize take = n < room ? n : room;
  memcpy(k.data + k.len, data, take);
  k.len += take;
  if (take < n) k.truncated = true;
}

bool exited(Process* p) {
  SpinLockGuard g(proc::process_table_lock);
  return p->state == proc::ProcState::Zombie;
}

void describe_death(Process* p, Output& out) {
  if (!p->fatal_signal) return;
  const char* name = proc::linux::signal_name(p->fatal_signal);
  out.printf("procctl: pid %u (%s) killed by %s%s", p->pid, p->name, name ? name : "a signal",
             p->oom_killed ? " (out of memory: the largest process)" : "");
  if (p->fault_pc) {
    char fn[112];
    proc::describe_user_pc(p, p->fault_pc, fn, sizeof(fn));
    out.printf(" at pc 0x%llx <%s>, address 0x%llx", static_cast<unsigned long long>(p->fault_pc), fn,
               static_cast<unsigned long long>(p->fault_addr));
  }
  out.print("\n");
}

// procctl run -t: the program gets the console as its terminal (stdin, stdout, stderr) and
// the console's input until it exits; ^C on the console interrupts its process group.
int run_on_terminal(const char* const* argv, Output& out) {
  File* tty = proc::console_tty_open(proc::linux::O_RDWR);
  if (!tty) {
    out.print("procctl: the console tty is not available\n");
    return 1;
  }
  char why[192] = {};
  proc::SpawnRequest req;
  req.path = argv[0];
  req.argv = argv;
  for (auto& s : req.stdio) s = tty;
  req.why = why;
  req.why_cap = sizeof(why);
  background::unlock_commands();
  auto spawned = proc::spawn(req);
  tty->unref();  // the program holds its own references
  int status = 127;
  if (spawned.ok()) {
    Process* p = spawned.value();
    proc::console_tty_acquire(static_cast<int>(p->pgid), static_cast<int>(p->sid));
    bool killed = false;
    while (!p->exit_wait.wait_until_for([&] { return exited(p); }, 50'000'000)) {
      if (cancelled() && !killed) {  // the control port's deadline, or its host went away
        (void)proc::kill_processes(-static_cast<i64>(p->pgid), proc::linux::SIGKILL);
        killed = true;
      }
    }
    int ws = proc::wait_for_exit(p);
    proc::console_tty_release();
    describe_death(p, out);
    status = proc::exit_status_of(ws);
    proc::release_process(p);
  } else {
    out.printf("procctl: %s\n", why[0] ? why : error_name(spawned.error()));
  }
  background::lock_commands();
  return status;
}

int run(const Args& a, Output& out) {
  bool json = false, terminal = false;
  const char* argv[kMaxArgs + 1];
  static char words[kMaxArgs][512];  // commands run one at a time (the command lock)
  usize argc = 0;
  for (usize i = 2; i < a.argc && argc < kMaxArgs; ++i) {
    if (argc == 0 && a.argv[i] == StrView("--json")) {
      json = true;
      continue;
    }
    if (argc == 0 && (a.argv[i] == StrView("-t") || a.argv[i] == StrView("--terminal"))) {
      terminal = true;
      continue;
    }
    copy_cstr(words[argc], sizeof(words[argc]), a.argv[i]);
    argv[argc] = words[argc];
    ++argc;
  }
  argv[argc] = nullptr;
  if (argc == 0) {
    out.print("usage: procctl run [--json | -t] PATH [ARGS...]\n");
    return 2;
  }
  if (terminal) return run_on_terminal(argv, out);
  RunSink sink{json ? nullptr : &out, {}};
  char* kept = nullptr;
  if (json) {
    kept = static_cast<char*>(kmalloc(2 * kCaptureCap));
    if (!kept) {
      out.print("procctl: out of memory for the capture buffers\n");
      return 1;
    }
    sink.kept[0].data = kept;
    sink.kept[1].data = kept + kCaptureCap;
  }
  char why[192] = {};
  int status = 1;
  background::unlock_commands();
  auto started = proc::start_captured(argv, why, sizeof(why));
  if (started.ok()) {
    proc::CapturedRun& r = started.value();
    Process* p = r.process;
    proc::CaptureSink cs;
    cs.output = on_output;
    cs.stop = [](void*) { return cancelled(); };  // the control port's deadline, or ^C
    cs.ctx = &sink;
    int ws = proc::stream_captured(r, cs);
    char fault_function[112] = "?";
    if (json && p->fatal_signal && p->fault_pc) proc::describe_user_pc(p, p->fault_pc, fault_function, sizeof(fault_function));
    if (json) {
      status = print_json(out, [&](JsonWriter& w) {
        w.begin_object();
        w.kv_uint("pid", p->pid);
        w.kv("status", (ws & 0x7f) ? "killed" : "exited");
        w.key("exit_code");
        if (ws & 0x7f) w.null();
        else w.uint((ws >> 8) & 0xff);
        w.key("signal");
        if (ws & 0x7f) w.string(StrView(proc::linux::signal_name(ws & 0x7f) ? proc::linux::signal_name(ws & 0x7f) : "?"));
        else w.null();
        w.kv("stdout", StrView(sink.kept[0].data, sink.kept[0].len));
        w.kv("stderr", StrView(sink.kept[1].data, sink.kept[1].len));
        w.kv_bool("truncated", sink.kept[0].truncated || sink.kept[1].truncated);
        w.kv_uint("cpu_ns", p->stats.cpu_ns);
        w.kv_uint("peak_rss_kib", p->mem_at_exit.peak_resident * 4);
        w.kv_uint("syscalls", p->stats.syscalls);
        w.kv_uint("faults", p->mem_at_exit.minor_faults + p->mem_at_exit.cow_faults);
        w.kv_bool("oom_killed", p->oom_killed);
        if (p->fatal_signal && p->fault_pc) {
          w.kv_uint("fault_pc", p->fault_pc);
          w.kv_uint("fault_addr", p->fault_addr);
          w.kv("fault_function", StrView(fault_function));
        }
        w.end_object();
      });
    } else {
      describe_death(p, out);
    }
    if (status == 0 || !json) status = proc::exit_status_of(ws);
    proc::finish_captured(r);
  } else {
    if (json) {
      status = print_json(out, [&](JsonWriter& w) {
        w.begin_object().kv("error", StrView(why[0] ? why : error_name(started.error()))).end_object();
      });
    } else {
      out.printf("procctl: %s\n", why[0] ? why : error_name(started.error()));
    }
    status = 127;
  }
  background::lock_commands();
  kfree(kept);
  return status;
}

void format_cpu(char* buf, usize cap, u64 ns) { format(buf, cap, "%llu.%03llu", static_cast<unsigned long long>(ns / 1000000000ull), static_cast<unsigned long long>(ns / 1000000ull % 1000)); }

int list(const Args& a, Output& out) {
  static ProcessInfo infos[proc::kMaxProcesses];
  usize n = proc::process_snapshot(infos, proc::kMaxProcesses);
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object();
      proc::write_process_list(w);
      w.end_object();
    });
  }
  out.print("  PID  PPID  PGID STATE     RSS(KiB)  CPU(s)  SYSCALLS  FAULTS  COMMAND\n");
  for (usize i = 0; i < n; ++i) {
    const ProcessInfo& p = infos[i];
    char cpu[32];
    format_cpu(cpu, sizeof(cpu), p.cpu_ns);
    out.printf("%5u %5u %5u %-8s %9llu %7s %9llu %7llu  %s\n", p.pid, p.ppid, p.pgid,
               proc::process_state_name(p), static_cast<unsigned long long>(p.rss_pages * 4),
               cpu, static_cast<unsigned long long>(p.syscalls), static_cast<unsigned long long>(p.faults),
               p.cmdline[0] ? p.cmdline : p.name);
  }
  auto fs = proc::frame_stats();
  auto cow = proc::cow_totals();
  auto ic = proc::image_cache_stats();
  out.printf("%u process%s; user pages in use: %llu (%llu shared copy-on-write, %llu cached program pages)\n",
             static_cast<unsigned>(n), n == 1 ? "" : "es", static_cast<unsigned long long>(fs.in_use),
             static_cast<unsigned long long>(fs.shared), static_cast<unsigned long long>(ic.pages));
  out.printf("copy-on-write since boot: fork shared %llu pages, %llu were copied later, %llu KiB never copied\n",
             static_cast<unsigned long long>(cow.shared_at_fork), static_cast<unsigned long long>(cow.copied),
             static_cast<unsigned long long>(cow.saved_pages() * 4));
  return 0;
}

int kill(const Args& a, Output& out) {
  u64 pid;
  if (a.argc < 3 || !parse_u64(a.argv[2], &pid) || pid == 0) {
    out.print("usage: procctl kill PID [SIGNAL]   (SIGNAL: a number or a name like TERM, KILL, INT; default TERM)\n");
    return 2;
  }
  int sig = a.argc > 3 ? signal_number(a.argv[3]) : proc::linux::SIGTERM;
  if (sig < 0) {
    out.printf("procctl: unknown signal '%.*s'\n", static_cast<int>(a.argv[3].size), a.argv[3].data);
    return 2;
  }
  Error e = proc::kill_processes(static_cast<i64>(pid), sig);
  if (e != Error::Ok) {
    out.printf("procctl: kill %llu: %s\n", static_cast<unsigned long long>(pid), error_name(e));
    return 1;
  }
  out.printf("sent %s to %llu\n", proc::linux::signal_name(sig) ? proc::linux::signal_name(sig) : "signal",
             static_cast<unsigned long long>(pid));
  return 0;
}

const char* kind_name(proc::FileKind k) {
  switch (k) {
    case proc::FileKind::Regular: return "file";
    case proc::FileKind::Directory: return "directory";
    case proc::FileKind::Symlink: return "symlink";
    case proc::FileKind::Pipe: return "pipe";
    case proc::FileKind::Tty: return "tty";
    case proc::FileKind::CharDevice: return "device";
    case proc::FileKind::Socket: return "socket";
  }
  return "?";
}

const char* prot_text(u32 prot, char* buf) {
  buf[0] = (prot & proc::kProtRead) ? 'r' : '-';
  buf[1] = (prot & proc::kProtWrite) ? 'w' : '-';
  buf[2] = (prot & proc::kProtExec) ? 'x' : '-';
  buf[3] = 0;
  return buf;
}

int info(const Args& a, Output& out) {
  u64 pid;
  if (a.argc < 3 || !parse_u64(a.argv[2], &pid)) {
    out.print("usage: procctl info PID [--json]\n");
    return 2;
  }
  // Copied with the process lock held (interrupts masked: the process cannot run meanwhile).
  static proc::Vma vmas[proc::AddressSpace::kMaxVmas];
  static struct {
    int fd;
    const char* kind;
  } fds[64];
  usize nvmas = 0, nfds = 0;
  ProcessInfo pi{};
  bool found = false;
  {
    SpinLockGuard g(proc::process_table_lock);
    Process* p = proc::find_process(static_cast<u32>(pid));
    if (p) {
      found = true;
      if (p->as)
        for (usize i = 0; i < p->as->vma_count(); ++i) vmas[nvmas++] = p->as->vma(i);
      for (int fd = 0; p->files && fd < proc::FileTable::kMaxFds && nfds < 64; ++fd) {
        auto f = p->files->get(fd);
        if (f.ok()) fds[nfds++] = {fd, kind_name(f.value()->kind())};
      }
    }
  }
  if (!found) {
    out.printf("procctl: no process %llu\n", static_cast<unsigned long long>(pid));
    return 1;
  }
  static ProcessInfo infos[proc::kMaxProcesses];
  usize n = proc::process_snapshot(infos, proc::kMaxProcesses);
  for (usize i = 0; i < n; ++i)
    if (infos[i].pid == pid) pi = infos[i];
  char prot[4];
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_uint("pid", pi.pid).kv("cmdline", StrView(pi.cmdline));
      w.key("maps").begin_array();
      for (usize i = 0; i < nvmas; ++i)
        w.begin_object().kv_uint("start", vmas[i].start).kv_uint("end", vmas[i].end).kv("prot", StrView(prot_text(vmas[i].prot, prot)))
            .kv("kind", StrView(proc::vma_kind_name(vmas[i].kind))).end_object();
      w.end_array().key("fds").begin_array();
      for (usize i = 0; i < nfds; ++i) w.begin_object().kv_uint("fd", static_cast<u64>(fds[i].fd)).kv("kind", StrView(fds[i].kind)).end_object();
      w.end_array().kv_uint("rss_kib", pi.rss_pages * 4).kv_uint("syscalls", pi.syscalls).end_object();
    });
  }
  out.printf("pid %u (%s): %s\nmaps:\n", pi.pid, pi.name, pi.cmdline);
  for (usize i = 0; i < nvmas; ++i)
    out.printf("  %012llx-%012llx %s %s\n", static_cast<unsigned long long>(vmas[i].start),
               static_cast<unsigned long long>(vmas[i].end), prot_text(vmas[i].prot, prot), proc::vma_kind_name(vmas[i].kind));
  out.print("fds:\n");
  for (usize i = 0; i < nfds; ++i) out.printf("  %d %s\n", fds[i].fd, fds[i].kind);
  return 0;
}

int syscalls(const Args& a, Output& out) {
  static proc::SyscallCount counts[proc::linux::kSyscallCount];
  usize n = proc::syscall_counts(counts, proc::linux::kSyscallCount);
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_uint("total", proc::syscalls_total()).kv_uint("unknown", proc::syscalls_unknown());
      w.key("calls").begin_array();
      for (usize i = 0; i < n; ++i) {
        w.begin_object().kv_uint("nr", counts[i].nr);
        w.key("name");
        if (counts[i].name) w.string(StrView(counts[i].name));
        else w.null();
        w.kv_uint("calls", counts[i].calls).kv_bool("implemented", counts[i].name != nullptr).end_object();
      }
      w.end_array().end_object();
    });
  }
  out.print("  NR  NAME                  CALLS\n");
  for (usize i = 0; i < n; ++i)
    out.printf("%4u  %-20s %6llu%s\n", counts[i].nr, counts[i].name ? counts[i].name : "?",
               static_cast<unsigned long long>(counts[i].calls), counts[i].name ? "" : "  (not implemented: ENOSYS)");
  out.printf("total %llu, ENOSYS %llu\n", static_cast<unsigned long long>(proc::syscalls_total()),
             static_cast<unsigned long long>(proc::syscalls_unknown()));
  return 0;
}

int procctl(const Args& a, Output& out) {
  static const Subcommand table[] = {
      {"run", "[--json | -t] PATH [ARGS...]", run},
      {"list", "[--json]", list},
      {"kill", "PID [SIGNAL]", kill},
      {"info", "PID [--json]", info},
      {"syscalls", "[--json]", syscalls},
  };
  return run_subcommand("procctl", table, a, out, "list");
}

}  // namespace

SIS_COMMAND("procctl", "user processes: run a program, list, kill, inspect, system call counts",
            "procctl run [--json] PATH [ARGS...]   run (execute) a program as a new process and wait for it\n"
            "                                      (stdout/stderr here; status = its exit status)\n"
            "procctl run -t PATH [ARGS...]         run it on the console as its terminal (e.g. /bin/sh; ^C to its group)\n"
            "procctl list [--json]                 processes: PID, PPID, state, RSS, CPU, command line\n"
            "procctl kill PID [SIGNAL]             send a process a signal (default TERM: terminate it)\n"
            "procctl info PID [--json]             one process in detail: its memory map and open descriptors\n"
            "procctl syscalls [--json]             calls per system call number (ENOSYS ones too)\n",
            procctl);

namespace {
int sh(const Args& a, Output& out) {
  const char* argv[] = {"/bin/sh", nullptr};
  (void)a;
  return run_on_terminal(argv, out);
}
}  // namespace

SIS_COMMAND("sh", "busybox sh on the console (procctl run -t /bin/sh); exit returns to the kernel shell",
            "sh   (the console becomes its terminal: line editing, pipelines, ^C to the foreground job)", sh);

}  // namespace sis::shell
