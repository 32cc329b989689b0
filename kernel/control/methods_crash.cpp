// crash.inject: the response goes out first (the server sends it when the method returns),
// then control_port.cpp performs the crash that this method scheduled.
#include "control/control_port.h"
#include "control/server.h"

namespace sis::control {
namespace {

void inject(JsonValue params, Response& r) {
  StrView kind = params["kind"].as_string();
  CrashKind k;
  if (kind == StrView("panic")) k = CrashKind::Panic;
  else if (kind == StrView("hang")) k = CrashKind::Hang;
  else if (kind == StrView("oom")) k = CrashKind::Oom;
  else if (kind == StrView("write-crash")) {
    k = CrashKind::WriteCrash;
    JsonValue pv = params["path"];
    if (pv.valid() && !pv.is_string()) return r.error("InvalidParams", "\"path\" must be a string");
    StrView path = pv.valid() ? pv.as_string() : StrView("/crash-test.bin");
    if (path.empty() || path.data[0] != '/' || path.size > 255) return r.error("InvalidParams", "\"path\" must be an absolute path");
    Error e = prepare_write_crash(path);
    if (e == Error::NoEntry) return r.error("NotFound", "no file system holds %.*s", static_cast<int>(path.size), path.data);
    if (e == Error::ReadOnly) return r.error("ReadOnly", "%.*s is on a read-only file system", static_cast<int>(path.size), path.data);
    if (e != Error::Ok) return r.error("Unsupported", "write-crash needs a journaled ext4 file system (%s)", error_name(e));
  } else {
    return r.error("InvalidParams", "\"kind\" must be panic, hang, oom or write-crash");
  }
  schedule_crash(k);
  r.result().kv("kind", kind);
}
SIS_CONTROL_METHOD("crash.inject", "crash", inject, nullptr);

}  // namespace
}  // namespace sis::control
