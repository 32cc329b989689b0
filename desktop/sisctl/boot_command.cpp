#include "boot_command.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "launch/control_line_client.h"
#include "launch/locate.h"
#include "launch/qemu_command.h"
#include "launch/shell_session.h"

namespace sisctl {
namespace {

constexpr const char* kUsageText =
    "usage: sisctl boot [--disk IMG [--disk-raw]] [--memory MiB] [--cpu MODEL] [--exec CMD]... [--timeout S]\n"
    "                   [--kernel IMAGE]\n"
    "\n"
    "Boots the SIS kernel in QEMU (qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a72).\n"
    "\n"
    "  --exec CMD      run CMD in the kernel shell (repeatable, in order), print its output,\n"
    "                  then power the VM off. Without --exec the terminal is attached to the\n"
    "                  shell (quit with 'poweroff', or Ctrl-A X).\n"
    "  --disk IMG      raw disk image attached as virtio-blk-pci\n"
    "  --disk-readonly attach the disk read-only (the kernel refuses writes to it)\n"
    "  --disk-raw      the disk is raw scratch space for block tests (blkctl, bench blk),\n"
    "                  not a file system: an in-memory \"/\" is expected, so no exit 7\n"
    "  --blk-queue-size N, --blk-queues N, --no-iothread\n"
    "                  virtio-blk tuning (defaults 256, 1, iothread on; see docs/performance.md)\n"
    "  --no-network    no virtio-net NIC (by default one on QEMU's user network: docs/network.md)\n"
    "  --memory MiB    guest RAM (default 256)\n"
    "  --cpu MODEL     QEMU CPU model (default cortex-a72, ARMv8.0; e.g. max for ARMv8.1+ features\n"
    "                  such as PAN)\n"
    "  --timeout S     give up after S seconds in total (default 60; --exec mode only);\n"
    "                  over the control port each command gets the time left as its\n"
    "                  deadline (shell.exec timeout_ms) and is cancelled at it\n"
    "  --kernel IMAGE  kernel Image (default: $SIS_KERNEL, else ../kernel/Image beside sisctl,\n"
    "                  else ../share/sis/kernel/Image: the installed package)\n"
    "  --quiet         do not print the boot banner\n"
    "  --verbose       print the QEMU command line before starting it\n"
    "  --console-only  type --exec commands on the serial console even when the kernel\n"
    "                  offers its control port (default: shell.exec over the port, which\n"
    "                  reports each command's exit status; the console is the fallback)\n"
    "\n"
    "Exit status: 0 ok, 1 usage error, 2 boot failure (QEMU missing, no prompt, VM exited),\n"
    "3 kernel panic (the report is printed), 4 timeout,\n"
    "6 an --exec command failed (exited non-zero over the control port; the rest still run),\n"
    "7 --disk was given but the kernel could not use it: \"/\" is in memory and every change\n"
    "  is lost at poweroff (the kernel's \"[NO DISK: ...]\" warning is printed; 7 wins over 6).\n"
    "Commands typed on the console (--console-only, poweroff, lines with control characters)\n"
    "report no exit status, so they never cause 6.\n"
    "Environment: SIS_QEMU (QEMU binary), SIS_KERNEL (kernel Image).\n";

// Commands that must go through the console: ones that never return, and lines with
// control characters (line-editing keys the shell's editor interprets).
bool suits_control_port(const std::string& cmd) {
  for (unsigned char c : cmd)
    if (c < 0x20 || c == 0x7f) return false;
  std::string first = cmd.substr(0, cmd.find(' '));
  return first != "poweroff" && first != "reboot" && first != "panic";
}

// The kernel prints "[NO DISK: ...]" before every prompt while "/" is not on a disk
// (kernel/shell/uart_shell.cpp). Returns that line from the boot transcript, or "".
std::string no_disk_warning(const std::string& transcript) {
  size_t at = transcript.find("[NO DISK:");
  if (at == std::string::npos) return {};
  return transcript.substr(at, transcript.find('\n', at) - at);
}

bool parse_uint(const char* s, unsigned max, unsigned* out) {
  if (!s || !*s) return false;
  char* end = nullptr;
  errno = 0;
  unsigned long v = std::strtoul(s, &end, 10);
  if (errno || *end || v > max) return false;
  *out = static_cast<unsigned>(v);
  return true;
}

}  // namespace

int boot_main(int argc, char** argv) {
  sis::host::VmConfig config;
  std::vector<std::string> commands;
  unsigned timeout_s = 60;
  bool quiet = false;
  bool verbose = false;
  bool no_control = false;
  bool disk_raw = false;  // --disk-raw: the disk is not meant to be "/"
  std::string kernel;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto need = [&](const char* what) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "sisctl boot: %s needs a value\n", what);
        return nullptr;
      }
      return argv[++i];
    };
    if (a == "-h" || a == "--help") {
      std::fputs(kUsageText, stdout);
      return kOk;
    } else if (a == "--exec") {
      const char* v = need("--exec");
      if (!v) return kUsage;
      commands.emplace_back(v);
    } else if (a == "--disk") {
      const char* v = need("--disk");
      if (!v) return kUsage;
      config.disk = v;
    } else if (a == "--disk-readonly") {
      config.disk_readonly = true;
    } else if (a == "--disk-raw") {
      disk_raw = true;
    } else if (a == "--blk-queue-size" || a == "--blk-queues") {
      const char* v = need(a.c_str());
      unsigned n;
      if (!v || !parse_uint(v, 4096, &n)) {
        std::fprintf(stderr, "sisctl boot: %s needs a number\n", a.c_str());
        return kUsage;
      }
      (a == "--blk-queues" ? config.blk_num_queues : config.blk_queue_size) = n;
    } else if (a == "--no-iothread") {
      config.blk_iothread = false;
    } else if (a == "--no-network") {
      config.network = false;
    } else if (a == "--memory") {
      const char* v = need("--memory");
      if (!v || !parse_uint(v, 1u << 20, &config.memory_mib)) {
        std::fprintf(stderr, "sisctl boot: --memory needs a number of MiB\n");
        return kUsage;
      }
    } else if (a == "--cpu") {
      const char* v = need("--cpu");
      if (!v) return kUsage;
      config.cpu_model = v;  // checked with the rest of the configuration (a plain -cpu name)
    } else if (a == "--timeout") {
      const char* v = need("--timeout");
      if (!v || !parse_uint(v, 86400, &timeout_s) || timeout_s == 0) {
        std::fprintf(stderr, "sisctl boot: --timeout needs a number of seconds (1..86400)\n");
        return kUsage;
      }
    } else if (a == "--kernel") {
      const char* v = need("--kernel");
      if (!v) return kUsage;
      kernel = v;
    } else if (a == "--quiet" || a == "-q") {
      quiet = true;
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--console-only") {
      no_control = true;
    } else {
      std::fprintf(stderr, "sisctl boot: unknown option '%s'\n%s", a.c_str(), kUsageText);
      return kUsage;
    }
  }

  if (disk_raw && config.disk.empty()) {
    std::fprintf(stderr, "sisctl boot: --disk-raw needs --disk IMG\n");
    return kUsage;
  }

  config.qemu = sis::host::locate_qemu();
  if (config.qemu.empty()) {
    std::fprintf(stderr, "sisctl: qemu-system-aarch64 not found (install qemu-system-arm or set SIS_QEMU)\n");
    return kBootFailed;
  }
  config.kernel = kernel.empty() ? sis::host::locate_kernel(argv[0]) : kernel;
  if (!sis::host::is_readable_file(config.kernel)) {
    std::fprintf(stderr, "sisctl: kernel image not found%s%s (build it with ./sis build or pass --kernel)\n",
                 config.kernel.empty() ? "" : ": ", config.kernel.c_str());
    return kBootFailed;
  }
  if (!config.disk.empty() && !sis::host::is_readable_file(config.disk)) {
    std::fprintf(stderr, "sisctl: disk image '%s' is not a readable file\n", config.disk.c_str());
    return kBootFailed;
  }
  if (std::string why = sis::host::validate(config); !why.empty()) {
    std::fprintf(stderr, "sisctl: %s\n", why.c_str());
    return kUsage;
  }

  if (verbose) {
    config.console = commands.empty() ? sis::host::VmConfig::Console::StdioWithMonitor : config.console;
    std::string line;
    for (const auto& arg : sis::host::qemu_arguments(config)) line += (line.empty() ? "" : " ") + arg;
    std::fprintf(stderr, "sisctl: %s\n", line.c_str());
  }

  if (commands.empty()) {
    // Interactive: QEMU owns the terminal (serial multiplexed with its monitor).
    config.console = sis::host::VmConfig::Console::StdioWithMonitor;
    auto args = sis::host::qemu_arguments(config);
    std::vector<char*> cargv;
    for (auto& s : args) cargv.push_back(s.data());
    cargv.push_back(nullptr);
    if (!quiet) std::fprintf(stderr, "sisctl: booting %s (quit: 'poweroff' or Ctrl-A X)\n", config.kernel.c_str());
    execvp(cargv[0], cargv.data());
    std::fprintf(stderr, "sisctl: cannot run %s: %s\n", cargv[0], std::strerror(errno));
    return kBootFailed;
  }

  using clock = std::chrono::steady_clock;
  auto deadline = clock::now() + std::chrono::seconds(timeout_s);
  // A control port beside the console: commands run through shell.exec when the kernel
  // offers it (exact output and an exit status); the console is the fallback.
  char socket_dir[] = "/tmp/sisctl-XXXXXX";
  bool have_dir = !no_control && mkdtemp(socket_dir) != nullptr;
  if (have_dir) config.control_socket = std::string(socket_dir) + "/control.sock";
  struct DirCleanup {
    bool on;
    std::string dir;
    ~DirCleanup() {
      if (!on) return;
      ::unlink((dir + "/control.sock").c_str());
      ::rmdir(dir.c_str());
    }
  } cleanup{have_dir, socket_dir};
  sis::host::ShellSession vm;
  bool report_shown = false;  // the panic report already went out with a command's output
  auto report_failure = [&](sis::host::ShellSession::Status s, const char* when) {
    using S = sis::host::ShellSession::Status;
    if (s == S::Panic) {
      if (!report_shown) std::fprintf(stdout, "%s\n", vm.panic_report().c_str());
      std::fflush(stdout);
      std::fprintf(stderr, "sisctl: kernel panic %s\n", when);
      return kPanic;
    }
    if (s == S::Timeout) {
      std::fprintf(stderr, "sisctl: timed out after %u s %s\n", timeout_s, when);
      return kTimeout;
    }
    if (s == S::StartFailed) {
      std::fprintf(stderr, "sisctl: %s\n", vm.error().c_str());
      return kBootFailed;
    }
    std::fprintf(stderr, "sisctl: QEMU exited (status %d) %s\n", vm.exit_status(), when);
    if (!vm.transcript().empty()) std::fprintf(stderr, "--- console ---\n%s\n", vm.transcript().c_str());
    return kBootFailed;
  };

  auto s = vm.start(config, deadline);
  if (!quiet) {
    std::fputs(vm.transcript().c_str(), stdout);
    std::fputc('\n', stdout);
    report_shown = true;
  }
  if (s != sis::host::ShellSession::Status::Ok) return report_failure(s, "while booting");
  if (!quiet) std::printf("[sisctl: prompt after %.1f ms]\n", vm.boot_ms());
  // A disk the kernel could not use leaves an in-memory "/" that accepts every write and
  // forgets it at poweroff: say so now, run the commands anyway, and exit kNoDisk.
  bool disk_unused = false;
  if (!config.disk.empty() && !disk_raw) {
    std::string warning = no_disk_warning(vm.transcript());
    if (!warning.empty()) {
      std::fflush(stdout);
      std::fprintf(stderr, "sisctl: the kernel is not using the disk '%s': %s\n", config.disk.c_str(), warning.c_str());
      disk_unused = true;
    }
  }
  bool command_failed = false;

  sis::host::ControlLineClient control;
  bool use_control = have_dir && control.connect(config.control_socket, std::min(deadline, clock::now() + std::chrono::seconds(3))) &&
                     control.has_capability("shell");
  if (verbose) std::fprintf(stderr, "sisctl: commands run %s\n", use_control ? "over the control port (shell.exec)" : "on the console");

  for (const auto& cmd : commands) {
    std::string out;
    std::printf("sis> %s\n", cmd.c_str());
    std::fflush(stdout);
    if (use_control && suits_control_port(cmd)) {
      auto r = control.exec(cmd, deadline);
      if (r.ok) {
        std::fputs(r.output.c_str(), stdout);
        if (!r.output.empty() && r.output.back() != '\n') std::fputc('\n', stdout);
        if (r.truncated) std::fputs("[sisctl: output truncated by the kernel at 32 KiB]\n", stdout);
        std::fflush(stdout);
        if (r.status != 0) {
          std::fprintf(stderr, "sisctl: '%s' exited with status %d\n", cmd.c_str(), r.status);
          command_failed = true;
        }
        if (auto p = vm.poll_console(0); p != sis::host::ShellSession::Status::Ok) {
          std::string when = "after '" + cmd + "'";
          return report_failure(p, when.c_str());
        }
        continue;
      }
      // No result: a panic (event, or on the console), a hang, or a refused command.
      auto p = vm.poll_console(r.panicked ? 3000 : 0);
      if (r.panicked || p == sis::host::ShellSession::Status::Panic) {
        std::string when = "while running '" + cmd + "'";
        return report_failure(sis::host::ShellSession::Status::Panic, when.c_str());
      }
      if (r.error_class.empty()) {
        std::fprintf(stderr, "sisctl: %s\n", control.error().c_str());
        std::string when = "while running '" + cmd + "'";
        return report_failure(clock::now() >= deadline ? sis::host::ShellSession::Status::Timeout : p, when.c_str());
      }
      // The kernel refused it over the port (e.g. Unsupported): type it on the console.
    }
    s = vm.run(cmd, &out, deadline);
    std::fputs(out.c_str(), stdout);
    if (!out.empty() && out.back() != '\n') std::fputc('\n', stdout);
    std::fflush(stdout);
    report_shown = true;
    if (s != sis::host::ShellSession::Status::Ok) {
      // `poweroff` as the last --exec legitimately ends QEMU with status 0.
      if (s == sis::host::ShellSession::Status::Exited && vm.exit_status() == 0 && cmd == "poweroff")
        return disk_unused ? kNoDisk : command_failed ? kCommandFailed : kOk;
      std::string when = "while running '" + cmd + "'";
      return report_failure(s, when.c_str());
    }
  }
  int st = vm.power_off(deadline);
  if (st != 0) {
    std::fprintf(stderr, "sisctl: VM did not power off cleanly (QEMU status %d)\n", st);
    return st < 0 ? kTimeout : kBootFailed;
  }
  return disk_unused ? kNoDisk : command_failed ? kCommandFailed : kOk;
}

}  // namespace sisctl
