#include "launch/shell_session.h"

#include "launch/console_text.h"
#include "launch/die_with_parent.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sis::host {
namespace {

constexpr const char* kPrompt = "sis> ";
constexpr const char* kPanicMarker = "*** KERNEL PANIC";
constexpr const char* kHaltMarker = "System halted.";

int ms_until(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

bool write_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

const char* status_name(ShellSession::Status s) {
  switch (s) {
    case ShellSession::Status::Ok: return "ok";
    case ShellSession::Status::StartFailed: return "QEMU could not be started";
    case ShellSession::Status::Exited: return "QEMU exited";
    case ShellSession::Status::Panic: return "kernel panic";
    case ShellSession::Status::Timeout: return "timed out";
  }
  return "unknown";
}

ShellSession::~ShellSession() { kill_vm(); }

ShellSession::Status ShellSession::start(const VmConfig& config, std::chrono::steady_clock::time_point deadline) {
  if (std::string why = validate(config); !why.empty()) {
    error_ = why;
    return Status::StartFailed;
  }
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) {
    error_ = std::string("pipe: ") + std::strerror(errno);
    return Status::StartFailed;
  }
  std::vector<std::string> args = qemu_arguments(config);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto t0 = std::chrono::steady_clock::now();
  pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) {
    error_ = std::string("fork: ") + std::strerror(errno);
    return Status::StartFailed;
  }
  if (pid_ == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    setpgid(0, 0);  // Ctrl-C on sisctl's terminal must not kill QEMU behind our back
    die_with_parent(parent);  // ... but sisctl's death must
    execvp(argv[0], argv.data());
    dprintf(2, "sisctl: cannot run %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  to_vm_ = in_pipe[1];
  from_vm_ = out_pipe[0];
  signal(SIGPIPE, SIG_IGN);
  size_t at;
  Status s = wait_for(kPrompt, 0, deadline, &at);
  boot_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (s == Status::Exited && exit_status_ == 127) {
    error_ = "QEMU could not be started (" + args[0] + ")";
    return Status::StartFailed;
  }
  return s;
}

bool ShellSession::read_some(int timeout_ms) {
  pollfd p{from_vm_, POLLIN, 0};
  int r = poll(&p, 1, timeout_ms);
  if (r <= 0) return true;  // timeout (or EINTR): not EOF
  char buf[4096];
  ssize_t n = ::read(from_vm_, buf, sizeof(buf));
  if (n < 0 && errno == EINTR) return true;
  if (n <= 0) return false;
  append_console_text(&transcript_, &pending_cr_, buf, static_cast<size_t>(n));
  if (panic_at_ == std::string::npos) {
    size_t from = transcript_.size() > static_cast<size_t>(n) + 32 ? transcript_.size() - n - 32 : 0;
    panic_at_ = transcript_.find(kPanicMarker, from);
  }
  return true;
}

bool ShellSession::reap(bool block) {
  if (pid_ <= 0) return true;
  int st;
  pid_t r = waitpid(pid_, &st, block ? 0 : WNOHANG);
  if (r == pid_) {
    exit_status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    pid_ = -1;
    return true;
  }
  return false;
}

void ShellSession::collect_panic_tail() {
  // The report is printed with polled output; give it a moment to finish.
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (transcript_.find(kHaltMarker, panic_at_) == std::string::npos && std::chrono::steady_clock::now() < until) {
    if (!read_some(100)) break;
  }
}

ShellSession::Status ShellSession::wait_for(const std::string& marker, size_t from,
                                            std::chrono::steady_clock::time_point deadline, size_t* found_at) {
  for (;;) {
    size_t pos = transcript_.find(marker, from);
    if (panic_at_ != std::string::npos) {
      collect_panic_tail();
      return Status::Panic;
    }
    if (pos != std::string::npos) {
      *found_at = pos;
      return Status::Ok;
    }
    int left = ms_until(deadline);
    if (left == 0) return Status::Timeout;
    if (!read_some(left > 200 ? 200 : left)) {
      reap(true);
      return Status::Exited;
    }
  }
}

ShellSession::Status ShellSession::run(const std::string& command, std::string* output,
                                       std::chrono::steady_clock::time_point deadline) {
  size_t start = transcript_.size();
  if (!write_all(to_vm_, command + "\r")) {
    reap(true);
    return Status::Exited;
  }
  // The shell echoes the line, then prints the output, then a new prompt at a line start.
  size_t at;
  Status s = wait_for(std::string("\n") + kPrompt, start, deadline, &at);
  std::string text = transcript_.substr(start, (s == Status::Ok ? at + 1 : transcript_.size()) - start);
  size_t eol = text.find('\n');
  *output = eol == std::string::npos ? std::string{} : text.substr(eol + 1);
  return s;
}

ShellSession::Status ShellSession::poll_console(int timeout_ms) {
  if (!read_some(timeout_ms)) {
    reap(true);
    return Status::Exited;
  }
  if (panic_at_ != std::string::npos) {
    collect_panic_tail();
    return Status::Panic;
  }
  return Status::Ok;
}

int ShellSession::power_off(std::chrono::steady_clock::time_point deadline) {
  if (pid_ <= 0) return exit_status_;
  write_all(to_vm_, "poweroff\r");
  while (pid_ > 0 && ms_until(deadline) > 0) {
    if (!read_some(100)) {
      reap(true);
      break;
    }
    reap(false);
  }
  if (pid_ > 0) {
    kill_vm();
    return -1;
  }
  return exit_status_;
}

std::string ShellSession::panic_report() const {
  return panic_at_ == std::string::npos ? std::string{} : transcript_.substr(panic_at_);
}

void ShellSession::kill_vm() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    reap(true);
  }
  if (to_vm_ >= 0) close(to_vm_);
  if (from_vm_ >= 0) close(from_vm_);
  to_vm_ = from_vm_ = -1;
}

}  // namespace sis::host
