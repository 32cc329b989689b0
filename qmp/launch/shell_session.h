// Drives a SIS VM's UART shell from the host: starts QEMU with the serial console on pipes,
// waits for the "sis> " prompt, runs commands one at a time and collects what each printed.
// Recognises a kernel panic ("*** KERNEL PANIC") and QEMU exiting on its own.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "launch/qemu_command.h"

namespace sis::host {

class ShellSession {
 public:
  enum class Status { Ok, StartFailed, Exited, Panic, Timeout };

  ShellSession() = default;
  ~ShellSession();
  ShellSession(const ShellSession&) = delete;
  ShellSession& operator=(const ShellSession&) = delete;

  // Starts QEMU and waits for the first prompt before `deadline`.
  Status start(const VmConfig& config, std::chrono::steady_clock::time_point deadline);
  // Runs one command line; `output` receives what it printed (without echo and prompt).
  Status run(const std::string& command, std::string* output, std::chrono::steady_clock::time_point deadline);
  // Reads console output for up to timeout_ms (keeps QEMU's console pipe drained while
  // commands run over the control port); Panic or Exited when that happened.
  Status poll_console(int timeout_ms);
  // Sends `poweroff` and waits for QEMU to exit; returns QEMU's exit status or -1.
  int power_off(std::chrono::steady_clock::time_point deadline);
  // Kills QEMU if it still runs.
  void kill_vm();

  // Everything the console printed so far (boot banner included), '\r' removed.
  const std::string& transcript() const { return transcript_; }
  // Text of the panic report when status was Panic.
  std::string panic_report() const;
  // Milliseconds from starting QEMU to the first prompt.
  double boot_ms() const { return boot_ms_; }
  std::string error() const { return error_; }
  int exit_status() const { return exit_status_; }

 private:
  // Reads console output until `marker` appears after `from`; returns its position.
  Status wait_for(const std::string& marker, size_t from, std::chrono::steady_clock::time_point deadline,
                  size_t* found_at);
  bool read_some(int timeout_ms);  // false on EOF
  bool reap(bool block);
  void collect_panic_tail();

  pid_t pid_ = -1;
  int to_vm_ = -1;
  int from_vm_ = -1;
  std::string transcript_;
  bool pending_cr_ = false;  // a '\r' that ended the last read (console_text.h)
  size_t panic_at_ = std::string::npos;
  double boot_ms_ = 0;
  std::string error_;
  int exit_status_ = -1;
};

const char* status_name(ShellSession::Status s);

}  // namespace sis::host
