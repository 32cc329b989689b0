// A small blocking client for the control protocol (docs/protocol.md), plain C++ and POSIX:
// sisctl boot uses it to run --exec commands through shell.exec, which reports each
// command's exit status, instead of scraping the serial console. (The desktop and the
// long-lived sisctl commands use the asynchronous Qt ControlClient.)
#pragma once
#include <chrono>
#include <string>
#include <vector>

namespace sis::host {

class ControlLineClient {
 public:
  using Deadline = std::chrono::steady_clock::time_point;

  ControlLineClient() = default;
  ~ControlLineClient();
  ControlLineClient(const ControlLineClient&) = delete;
  ControlLineClient& operator=(const ControlLineClient&) = delete;

  // Connects to the Unix socket (retrying until the deadline: QEMU creates it as it
  // starts), waits for the greeting and answers hello. False with error() on failure.
  bool connect(const std::string& socket_path, Deadline deadline);
  bool has_capability(const std::string& cap) const;

  struct ExecResult {
    bool ok = false;           // a result came back (else error_class/error holds why)
    std::string output;
    int status = 0;
    bool truncated = false;
    std::string error_class;   // protocol error class, or "" for transport problems
    bool panicked = false;     // a panic event arrived instead
    std::string panic_report;
  };
  // shell.exec: runs one command line in the kernel shell.
  ExecResult exec(const std::string& command, Deadline deadline);

  const std::string& error() const { return error_; }
  void close();

 private:
  bool send_line(const std::string& line);
  // Next complete line, or false on timeout/EOF (error_ says which).
  bool read_line(std::string* line, Deadline deadline);

  int fd_ = -1;
  std::string buffer_;
  std::vector<std::string> capabilities_;
  unsigned next_id_ = 1;
  std::string error_;
};

}  // namespace sis::host
