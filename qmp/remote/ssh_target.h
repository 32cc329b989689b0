// Where an SSH connection goes: "user@host[:port]" (also "host", "[v6addr]:port"), the form
// `sisctl --host` and the desktop's remote host setting take. Plain C++ (no Qt).
#pragma once
#include <optional>
#include <string>

namespace sis::remote {

struct SshTarget {
  std::string user;  // empty: the local user name
  std::string host;
  int port = 22;

  // "user@host:port" as the user would write it back (port only when not 22).
  std::string to_string() const;
};

// Parses `text`; nullopt with a reason in *error when it is not a host.
std::optional<SshTarget> parse_ssh_target(const std::string& text, std::string* error);

}  // namespace sis::remote
