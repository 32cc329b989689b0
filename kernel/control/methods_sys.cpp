// sys.* and shell.exec methods of the control protocol. sys.info and sys.ping are
// immediate (answered by the port's reader even while a command runs); shell.exec runs on
// control-exec under the command lock, with a deadline (timeout_ms) that long commands
// notice in their loops (shell/cancel.h).
#include "control/server.h"
#include "core/version.h"
#include "fs/fs_boot.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "shell/cancel.h"
#include "shell/command.h"

namespace sis::control {
namespace {

// What "/" is: a host must be able to tell the in-memory fallback (writes lost at
// poweroff) from a disk without scraping the boot log.
void write_root_fs(JsonWriter& w) {
  fs::RootStatus s = fs::root_status();
  const char* type = s.kind == fs::RootKind::Ext4 ? "ext4" : s.kind == fs::RootKind::RamFs ? "ramfs" : "none";
  w.begin_object().kv("type", type).kv_bool("persistent", s.persistent()).kv_bool("read_only", s.read_only);
  w.kv("disk", s.persistent() ? "mounted" : s.disk_present ? "unusable" : "none");
  if (s.disk_present && !s.persistent()) w.kv("reason", error_name(s.disk_error));
  w.end_object();
}

void sys_info(JsonValue, Response& r) {
  auto& w = r.result();
  w.kv("kernel", "SIS").kv("version", SIS_VERSION).kv_uint("protocol", SIS_PROTOCOL_VERSION).kv("arch", "aarch64");
  w.kv_uint("uptime_ns", Server::now_ns()).kv_uint("cpus", 1);
  w.kv_uint("memory_bytes", mm::kernel_pages().stats().managed_pages * 4096);
  w.key("root_fs");
  write_root_fs(w);
  w.key("capabilities");
  Server::write_capabilities(w);
}
SIS_CONTROL_METHOD_IMMEDIATE("sys.info", "sys", sys_info, nullptr);

void sys_ping(JsonValue, Response& r) { r.result(); }
SIS_CONTROL_METHOD_IMMEDIATE("sys.ping", "sys", sys_ping, nullptr);


constexpr u64 kDefaultTimeoutMs = 60000;   // longer than any command the tests and sisctl run
constexpr u64 kMaxTimeoutMs = 3600000;

void shell_exec(JsonValue params, Response& r) {
  JsonValue cmd = params["command"];
  if (!cmd.is_string()) return r.error("InvalidParams", "\"command\" (string) is required");
  StrView c = cmd.as_string();
  if (c.size > 1024) return r.error("TooLarge", "command longer than 1024 bytes");
  for (usize i = 0; i < c.size; ++i)
    if (c.data[i] == '\n' || c.data[i] == '\r') return r.error("InvalidParams", "command must be one line");
  static char line[1025];
  copy_cstr(line, sizeof(line), c);
  // Commands that never return cannot answer a request.
  shell::Args probe;
  static char probe_buf[1025];
  copy_cstr(probe_buf, sizeof(probe_buf), c);
  if (shell::tokenize(probe_buf, &probe) == Error::Ok && probe.argc > 0) {
    const StrView never[] = {"reboot", "poweroff", "panic"};
    for (StrView n : never)
      if (probe.argv[0] == n)
        return r.error("Unsupported", "'%.*s' does not return; use crash.inject or QMP", static_cast<int>(n.size), n.data);
  }
  u64 timeout_ms = kDefaultTimeoutMs;
  JsonValue tv = params["timeout_ms"];
  if (tv.valid()) {
    if (!tv.is_integer() || tv.as_int() < 1 || tv.as_int() > static_cast<i64>(kMaxTimeoutMs))
      return r.error("InvalidParams", "\"timeout_ms\" must be an integer in 1..%llu", static_cast<unsigned long long>(kMaxTimeoutMs));
    timeout_ms = static_cast<u64>(tv.as_int());
  }
  // The runner (control-exec) installed a token; the deadline goes on it. Commands check
  // it in their long loops and stop early (cooperatively: no lock is left held).
  shell::CancelToken* token = shell::current_cancel_token();
  u64 start = shell::cancel_clock_ns();
  if (token) token->deadline_ns = start + timeout_ms * 1000000;
  static BoundedOutput<32768> out;  // the first 32 KiB of the output; the rest is flagged
  out.reset();
  int status = shell::execute_line(line, out);
  if (token && token->observed) {
    unsigned long long ms = (shell::cancel_clock_ns() - start) / 1000000;
    // `line` was split into words in place: quote the command as the host sent it.
    int n = static_cast<int>(min<usize>(c.size, 160));
    if (token->requested) return r.error("Cancelled", "'%.*s' was cancelled after %llu ms: the session ended", n, c.data, ms);
    return r.error("Timeout", "'%.*s' ran past timeout_ms (%llu) and was cancelled after %llu ms (%zu bytes of output dropped)",
                   n, c.data, static_cast<unsigned long long>(timeout_ms), ms, out.view().size);
  }
  auto& w = r.result();
  w.kv("output", out.view()).kv_sint("status", status).kv_bool("truncated", out.truncated());
}
SIS_CONTROL_METHOD("shell.exec", "shell", shell_exec, nullptr);

}  // namespace
}  // namespace sis::control
