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
    // Needs a writable journaled file system; none is mounted in this kernel yet.
    return r.error("ReadOnly", "write-crash needs a writable ext4 file system (none mounted)");
  } else {
    return r.error("InvalidParams", "\"kind\" must be panic, hang, oom or write-crash");
  }
  schedule_crash(k);
  r.result().kv("kind", kind);
}
SIS_CONTROL_METHOD("crash.inject", "crash", inject, nullptr);

}  // namespace
}  // namespace sis::control
