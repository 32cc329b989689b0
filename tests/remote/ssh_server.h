// A real OpenSSH server on loopback for the GoogleTest remote tests: tests/remote/sshd.sh
// starts it (own host key, authorized_keys, config; the current user; a free port) in a
// temporary directory; the destructor kills it and every session it forked.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>

#include "remote/ssh_link.h"

namespace sis::remote::test {

inline std::string shell_out(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

class SshServer {
 public:
  // setenv: "VAR=value ..." set in every session (sshd_config SetEnv), e.g. the "remote"
  // side's SIS_RUNTIME_DIR; no quotes or spaces inside the values.
  explicit SshServer(const std::string& setenv = {}) {
    char tmpl[] = "/tmp/sis-sshd-XXXXXX";
    dir_ = ::mkdtemp(tmpl) ? tmpl : "";
    const std::string env = setenv.empty() ? std::string() : "SSHD_SETENV=\"" + setenv + "\" ";
    port_ = std::atoi(run(env + "sshd_start " + dir_ + " >&2 && echo $SSHD_PORT").c_str());
  }
  ~SshServer() {
    run("sshd_kill_all " + dir_);
    shell_out("rm -rf " + dir_);
  }
  SshServer(const SshServer&) = delete;
  SshServer& operator=(const SshServer&) = delete;

  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  // Drops every SSH connection (the server keeps listening).
  void kill_sessions() { run("sshd_kill_sessions " + dir_); }

  SshOptions options() const {
    SshOptions o;
    o.target.host = "127.0.0.1";
    o.target.port = port_;
    o.identity = dir_ + "/id_client";
    o.known_hosts = dir_ + "/known_hosts";
    o.timeout_ms = 20000;  // the CI machine may be loaded: generous, it only bounds failures
    return o;
  }

  std::string run(const std::string& function_call) const {
    return shell_out("bash -c 'source " SIS_SOURCE_DIR "/tests/remote/sshd.sh && " + function_call + "'");
  }

 private:
  std::string dir_;
  int port_ = 0;
};

}  // namespace sis::remote::test
