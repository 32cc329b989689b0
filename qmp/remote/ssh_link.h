// One SSH connection to a remote host (Debian's libssh), carrying everything a remote VM
// needs: shell commands (exec channels), forwarded Unix sockets (direct-streamlocal
// channels: a local socket whose every connection becomes a channel to the remote socket),
// and SFTP transfers with resume. All of it on ONE session, served by one I/O thread that
// owns every libssh call (libssh sessions are not thread-safe); callers on other threads
// hand it jobs and wait. Keep-alives (SSH_MSG_IGNORE) every keepalive_ms notice a dead
// link; every job has a deadline, so a peer that stops answering gives an error, not a hang.
//
// Host keys are checked against known_hosts (~/.ssh/known_hosts unless given): an unknown
// key is refused unless the policy trusts new keys (then it is added), a changed key is
// always refused. Both errors show the key's SHA256 fingerprint.
// Authentication: the agent, then the identity file (given, else ~/.ssh/id_*); a password
// only when asked for.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "remote/ssh_target.h"

namespace sis::remote {

enum class HostKeyPolicy {
  Strict,    // unknown and changed keys are refused
  TrustNew,  // an unknown key is added to known_hosts; a changed key is still refused
};

struct SshOptions {
  SshTarget target;
  std::string identity;     // private key file; empty: the agent and ~/.ssh/id_*
  std::string known_hosts;  // empty: ~/.ssh/known_hosts
  HostKeyPolicy policy = HostKeyPolicy::Strict;
  std::string password;     // used only when non-empty (the user asked for password auth)
  int timeout_ms = 10000;   // connecting, and each request's answer
  int keepalive_ms = 5000;
};

// Why connect() failed, for callers that react differently (the desktop asks to trust an
// unknown host key, and never offers that for a changed one).
enum class ConnectFailure { None, Unreachable, UnknownHostKey, ChangedHostKey, Authentication, Other };

struct ExecResult {
  bool ran = false;         // false: the command could not be run or did not finish (error says why)
  int exit_status = -1;
  std::string out, err;
  std::string error;
};

// Called (on the I/O thread) with bytes done and total while a transfer runs.
using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

class SshLink {
 public:
  // Connects, verifies the host key and authenticates (blocking); starts the I/O thread.
  // nullptr with a readable reason on failure.
  static std::unique_ptr<SshLink> connect(const SshOptions& options, std::string* error,
                                          ConnectFailure* failure = nullptr);
  ~SshLink();
  SshLink(const SshLink&) = delete;
  SshLink& operator=(const SshLink&) = delete;

  // Runs `command` in the remote user's shell with `input` on its stdin; waits up to
  // timeout_ms (<= 0: the connection's timeout) for it to exit.
  ExecResult exec(const std::string& command, const std::string& input = {}, int timeout_ms = 0);

  // Listens on `local_socket` (created, mode 0600); each connection to it is forwarded to
  // `remote_socket` on the remote host over a direct-streamlocal channel.
  bool forward_unix(const std::string& local_socket, const std::string& remote_socket, std::string* error);

  // SFTP. upload: a partial remote file (an interrupted upload of the same file to
  // remote_path + ".part") is continued from its size; the finished file is renamed into
  // place. download: a local `local_path`.part is continued the same way.
  bool upload(const std::string& local_path, const std::string& remote_path, const Progress& progress, std::string* error);
  bool download(const std::string& remote_path, const std::string& local_path, const Progress& progress, std::string* error);

  // False once the connection is gone (then lost_reason() says why; jobs fail at once).
  bool alive() const;
  std::string lost_reason() const;
  // Called once, on the I/O thread, when the connection is lost.
  void set_lost_handler(std::function<void(const std::string&)> handler);
  // Bytes carried by forwarded channels (both directions), for benchmarks and status.
  std::uint64_t forwarded_bytes() const;
  const SshOptions& options() const;

  struct Impl;

 private:
  explicit SshLink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sis::remote
