#include "remote/ssh_target.h"

#include <cctype>

namespace sis::remote {

std::string SshTarget::to_string() const {
  std::string s = user.empty() ? std::string() : user + "@";
  const bool v6 = host.find(':') != std::string::npos;
  s += v6 ? "[" + host + "]" : host;
  if (port != 22) s += ":" + std::to_string(port);
  return s;
}

namespace {

bool valid_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%';
}

}  // namespace

std::optional<SshTarget> parse_ssh_target(const std::string& text, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<SshTarget> {
    if (error) *error = "'" + text + "' is not user@host[:port]: " + why;
    return std::nullopt;
  };
  SshTarget t;
  std::string rest = text;
  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    t.user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (t.user.empty()) return fail("empty user name");
    for (char c : t.user)
      if (std::isspace(static_cast<unsigned char>(c)) || c == '/' || c == ':') return fail("bad character in the user name");
  }
  std::string port;
  if (!rest.empty() && rest[0] == '[') {
    const auto close = rest.find(']');
    if (close == std::string::npos) return fail("missing ']'");
    t.host = rest.substr(1, close - 1);
    const std::string after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return fail("junk after ']'");
      port = after.substr(1);
      if (port.empty()) return fail("empty port");
    }
  } else {
    const auto colon = rest.find(':');
    if (colon != std::string::npos && rest.find(':', colon + 1) == std::string::npos) {
      t.host = rest.substr(0, colon);
      port = rest.substr(colon + 1);
      if (port.empty()) return fail("empty port");
    } else if (colon != std::string::npos) {
      return fail("an IPv6 address needs brackets: [addr]:port");
    } else {
      t.host = rest;
    }
  }
  if (t.host.empty()) return fail("no host");
  if (t.host.size() > 253) return fail("host name too long");
  for (char c : t.host)
    if (!valid_host_char(c)) return fail("bad character in the host name");
  if (!port.empty()) {
    if (port.size() > 5) return fail("port out of range");
    int p = 0;
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return fail("the port is not a number");
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return fail("port out of range");
    t.port = p;
  }
  return t;
}

}  // namespace sis::remote
