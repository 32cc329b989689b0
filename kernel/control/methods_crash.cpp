// crash.inject: the response goes out first (the server sends it when the method returns),
// then control_port.cpp performs the crash that this method scheduled.
#include "control/control_port.h"
#include "control/server.h"
#include "lib/base64.h"

namespace sis::control {
namespace {

u8 data_buf[kWriteCrashMaxData];

// write-crash's parameters: path, point, data. False once r holds the error.
bool prepare_write(JsonValue params, Response& r, fs::CrashPoint* point_out) {
  JsonValue pv = params["path"];
  if (pv.valid() && !pv.is_string()) return r.error("InvalidParams", "\"path\" must be a string"), false;
  StrView path = pv.valid() ? pv.as_string() : StrView("/crash-test.bin");
  if (path.empty() || path.data[0] != '/' || path.size > 255)
    return r.error("InvalidParams", "\"path\" must be an absolute path of at most 255 bytes"), false;
  JsonValue ptv = params["point"];
  if (ptv.valid() && !ptv.is_string()) return r.error("InvalidParams", "\"point\" must be a string"), false;
  fs::CrashPoint point = ptv.valid() ? fs::crash_point_from_name(ptv.as_string()) : fs::CrashPoint::AfterCommit;
  if (point == fs::CrashPoint::None)
    return r.error("InvalidParams", "\"point\" must be before-commit, after-commit, mid-data or during-checkpoint"), false;
  JsonValue dv = params["data"];
  const u8* data = nullptr;
  usize len = 0;
  if (dv.valid()) {
    if (!dv.is_string()) return r.error("InvalidParams", "\"data\" must be a base64 string"), false;
    if (dv.as_string().size > base64_encoded_size(kWriteCrashMaxData))
      return r.error("TooLarge", "\"data\" decodes to more than %zu bytes", kWriteCrashMaxData), false;
    auto n = base64_decode(dv.as_string(), data_buf, sizeof(data_buf));
    if (!n.ok() && n.error() == Error::TooBig)
      return r.error("TooLarge", "\"data\" decodes to more than %zu bytes", kWriteCrashMaxData), false;
    if (!n.ok()) return r.error("InvalidParams", "\"data\" is not valid base64"), false;
    if (n.value() == 0) return r.error("InvalidParams", "\"data\" is empty: a crash during the write needs something to write"), false;
    data = data_buf;
    len = n.value();
  }
  Error e = prepare_write_crash(path, point, data, len);
  const int pn = static_cast<int>(path.size);
  if (e == Error::Ok) {
    *point_out = point;
    return true;
  }
  if (e == Error::NoEntry) r.error("NotFound", "the directory that would hold %.*s does not exist", pn, path.data);
  else if (e == Error::NotDir) r.error("NotADirectory", "a component of %.*s is not a directory", pn, path.data);
  else if (e == Error::IsDir) r.error("IsADirectory", "%.*s is a directory: write-crash writes a file", pn, path.data);
  else if (e == Error::ReadOnly) r.error("ReadOnly", "%.*s is on a read-only file system", pn, path.data);
  else if (e == Error::Invalid) r.error("InvalidParams", "%.*s is not a regular file", pn, path.data);
  else r.error("Unsupported", "write-crash needs a journaled ext4 file system (%s)", error_name(e));
  return false;
}

void inject(JsonValue params, Response& r) {
  StrView kind = params["kind"].as_string();
  CrashKind k;
  fs::CrashPoint point = fs::CrashPoint::None;
  if (kind == StrView("panic")) k = CrashKind::Panic;
  else if (kind == StrView("hang")) k = CrashKind::Hang;
  else if (kind == StrView("oom")) k = CrashKind::Oom;
  else if (kind == StrView("write-crash")) {
    k = CrashKind::WriteCrash;
    if (!prepare_write(params, r, &point)) return;
  } else {
    return r.error("InvalidParams", "\"kind\" must be panic, hang, oom or write-crash");
  }
  schedule_crash(k);
  auto& w = r.result();
  w.kv("kind", kind);
  if (k == CrashKind::WriteCrash) {
    const WriteCrashTarget& t = write_crash_target();
    w.kv("point", fs::crash_point_name(point)).kv("path", StrView(t.path)).kv_uint("bytes", t.len);
    w.kv_bool("existed", t.existed).kv_uint("old_size", t.old_size);
  }
}
SIS_CONTROL_METHOD("crash.inject", "crash", inject, nullptr);

}  // namespace
}  // namespace sis::control
