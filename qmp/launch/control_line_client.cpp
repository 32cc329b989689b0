#include "launch/control_line_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "lib/json.h"
#include "lib/json_reader.h"

namespace sis::host {
namespace {

constexpr size_t kMaxLine = 65536;

int ms_left(ControlLineClient::Deadline d) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(d - std::chrono::steady_clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

std::string str(sis::StrView v) { return std::string(v.data ? v.data : "", v.size); }

}  // namespace

ControlLineClient::~ControlLineClient() { close(); }

void ControlLineClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool ControlLineClient::send_line(const std::string& line) {
  std::string l = line + "\n";
  size_t off = 0;
  while (off < l.size()) {
    ssize_t n = ::send(fd_, l.data() + off, l.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = std::string("control port: ") + std::strerror(errno);
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return true;
}

bool ControlLineClient::read_line(std::string* line, Deadline deadline) {
  for (;;) {
    size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      *line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return true;
    }
    if (buffer_.size() > kMaxLine) {
      error_ = "control port: a line longer than the protocol's limit";
      return false;
    }
    pollfd p{fd_, POLLIN, 0};
    int r = poll(&p, 1, ms_left(deadline));
    if (r == 0) {
      error_ = "control port: timed out";
      return false;
    }
    if (r < 0 && errno == EINTR) continue;
    char buf[8192];
    ssize_t n = ::read(fd_, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = "control port: connection closed";
      return false;
    }
    buffer_.append(buf, static_cast<size_t>(n));
  }
}

bool ControlLineClient::connect(const std::string& path, Deadline deadline) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof(addr.sun_path)) {
    error_ = "control socket path too long";
    return false;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  for (;;) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) break;
    close();
    if (ms_left(deadline) == 0) {
      error_ = "control port: cannot connect to " + path;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string line;
  while (read_line(&line, deadline)) {
    std::vector<char> text(line.begin(), line.end());
    sis::JsonNode pool[256];
    sis::JsonDocument doc(pool, 256);
    if (doc.parse(text.data(), text.size()) != sis::Error::Ok) continue;  // not for us: skip
    auto root = doc.root();
    if (root["type"].as_string() != sis::StrView("greeting")) continue;
    if (root["protocol"].as_int() != 1) {
      error_ = "control port: the kernel speaks protocol " + std::to_string(root["protocol"].as_int());
      return false;
    }
    auto caps = root["capabilities"];
    for (size_t i = 0; i < caps.size(); ++i) capabilities_.push_back(str(caps.at(i).as_string()));
    return send_line(R"({"type":"hello","capabilities":[]})");
  }
  return false;
}

bool ControlLineClient::has_capability(const std::string& cap) const {
  for (const auto& c : capabilities_)
    if (c == cap) return true;
  return false;
}

ControlLineClient::ExecResult ControlLineClient::exec(const std::string& command, Deadline deadline) {
  ExecResult res;
  unsigned id = next_id_++;
  std::vector<char> out(command.size() * 6 + 256);
  sis::TextBuffer tb(out.data(), out.size());
  sis::JsonWriter w(tb);
  w.begin_object().kv("type", "request").kv_uint("id", id).kv("method", "shell.exec");
  // The kernel cancels the command at timeout_ms (default 60 s): give it the time left until
  // our own deadline, so `sisctl boot --timeout S` governs long commands, not the default.
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
  long long timeout_ms = left < 1 ? 1 : left > 3600000 ? 3600000 : left;
  w.key("params").begin_object().kv("command", sis::StrView(command.data(), command.size()));
  w.kv_uint("timeout_ms", static_cast<unsigned long long>(timeout_ms)).end_object().end_object();
  if (!w.ok() || !send_line(std::string(tb.c_str(), tb.size()))) {
    if (error_.empty()) error_ = "control port: request too large";
    return res;
  }
  std::string line;
  while (read_line(&line, deadline)) {
    std::vector<char> text(line.begin(), line.end());
    static sis::JsonNode pool[4096];
    sis::JsonDocument doc(pool, 4096);
    if (doc.parse(text.data(), text.size()) != sis::Error::Ok) continue;
    auto root = doc.root();
    sis::StrView type = root["type"].as_string();
    if (type == sis::StrView("event") && root["event"].as_string() == sis::StrView("panic")) {
      res.panicked = true;
      res.panic_report = str(root["data"]["report"].as_string());
      return res;
    }
    if (type != sis::StrView("response") || root["id"].as_int(-1) != static_cast<long long>(id)) continue;
    if (root["error"].is_object()) {
      res.error_class = str(root["error"]["class"].as_string());
      error_ = res.error_class + ": " + str(root["error"]["message"].as_string());
      return res;
    }
    auto r = root["result"];
    res.ok = true;
    res.output = str(r["output"].as_string());
    res.status = static_cast<int>(r["status"].as_int());
    res.truncated = r["truncated"].as_bool();
    return res;
  }
  return res;
}

}  // namespace sis::host
