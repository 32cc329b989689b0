// fs.* methods of the control protocol (docs/protocol.md section 4) over the kernel VFS.
// They exist (capability "fs") once something is mounted at "/".
#include "control/server.h"
#include "fs/fs_json.h"
#include "fs/vfs.h"
#include "lib/base64.h"
#include "lib/string.h"

namespace sis::control {
namespace {

using fs::kernel_vfs;

bool mounted() { return kernel_vfs().mount_count() > 0; }

const char* error_class(Error e) {
  switch (e) {
    case Error::NoEntry: return "NotFound";
    case Error::Exists: return "Exists";
    case Error::NotDir: return "NotADirectory";
    case Error::IsDir: return "IsADirectory";
    case Error::NotEmpty: return "NotEmpty";
    case Error::NoSpace: return "NoSpace";
    case Error::ReadOnly: return "ReadOnly";
    case Error::Io:
    case Error::TimedOut:  // the disk stopped answering
    case Error::Corrupt: return "IoError";
    case Error::Invalid:
    case Error::NameTooLong:
    case Error::PathTooLong:
    case Error::Loop:
    case Error::CrossDevice: return "InvalidParams";
    case Error::Busy:
    case Error::TooManyOpen: return "Busy";
    case Error::TooBig:
    case Error::FileTooBig: return "TooLarge";
    default: return "Internal";
  }
}

void fail(Response& r, StrView path, Error e) {
  r.error(error_class(e), "%.*s: %s", static_cast<int>(min<usize>(path.size, 200)), path.data, error_name(e));
}

// A path parameter: absolute, non-empty, at most 4095 bytes (protocol section 3).
bool path_param(JsonValue params, const char* name, Response& r, StrView* out) {
  JsonValue v = params[name];
  if (!v.is_string()) {
    r.error("InvalidParams", "\"%s\" (string) is required", name);
    return false;
  }
  StrView p = v.as_string();
  if (p.empty() || p.data[0] != '/') {
    r.error("InvalidParams", "\"%s\" must be an absolute path", name);
    return false;
  }
  if (p.size > 4095) {
    r.error("InvalidParams", "\"%s\" is longer than 4095 bytes", name);
    return false;
  }
  for (usize i = 0; i < p.size; ++i)
    if (p.data[i] == '\0') {
      r.error("InvalidParams", "\"%s\" contains a NUL byte", name);
      return false;
    }
  *out = p;
  return true;
}

// Optional integer parameter with bounds; false (and an error) when present but invalid.
bool int_param(JsonValue params, const char* name, i64 lo, i64 hi, i64* out, Response& r) {
  JsonValue v = params[name];
  if (!v.valid() || v.is_null()) return true;
  if (!v.is_integer() || v.as_int() < lo || v.as_int() > hi) {
    r.error("InvalidParams", "\"%s\" must be an integer %lld..%lld", name, static_cast<long long>(lo),
            static_cast<long long>(hi));
    return false;
  }
  *out = v.as_int();
  return true;
}

bool bool_param(JsonValue params, const char* name, bool def, bool* out, Response& r) {
  JsonValue v = params[name];
  if (!v.valid() || v.is_null()) {
    *out = def;
    return true;
  }
  if (!v.is_bool()) {
    r.error("InvalidParams", "\"%s\" must be true or false", name);
    return false;
  }
  *out = v.as_bool();
  return true;
}

// Joins dir + "/" + name into buf; false when it does not fit.
bool join(char* buf, usize cap, StrView dir, StrView name) {
  usize dl = dir.size;
  while (dl > 1 && dir.data[dl - 1] == '/') --dl;
  bool slash = !(dl == 1 && dir.data[0] == '/');
  usize need = dl + (slash ? 1 : 0) + name.size;
  if (need + 1 > cap) return false;
  memcpy(buf, dir.data, dl);
  if (slash) buf[dl] = '/';
  memcpy(buf + dl + (slash ? 1 : 0), name.data, name.size);
  buf[need] = '\0';
  return true;
}

bool is_dot(StrView n) { return n == StrView(".") || n == StrView(".."); }

void fs_stat(JsonValue params, Response& r) {
  StrView path;
  if (!path_param(params, "path", r, &path)) return;
  auto st = kernel_vfs().lstat(path);
  if (!st.ok()) return fail(r, path, st.error());
  usize i = path.size;
  while (i > 1 && path.data[i - 1] == '/') --i;
  usize end = i;
  while (i > 0 && path.data[i - 1] != '/') --i;
  StrView name = end == 1 && path.data[0] == '/' ? StrView("/") : StrView(path.data + i, end - i);
  auto& w = r.result();
  w.kv("name", name);
  fs::write_stat_members(w, st.value());
}
SIS_CONTROL_METHOD("fs.stat", "fs", fs_stat, mounted);

void fs_list(JsonValue params, Response& r) {
  StrView path;
  if (!path_param(params, "path", r, &path)) return;
  i64 start = 0, max = 256;
  if (!int_param(params, "start", 0, 1ll << 40, &start, r) || !int_param(params, "max", 1, 1024, &max, r)) return;
  auto st = kernel_vfs().stat(path);
  if (!st.ok()) return fail(r, path, st.error());
  if (st->type() != fs::FileType::Directory) return fail(r, path, Error::NotDir);
  struct Ctx {
    JsonWriter* w;
    StrView dir;
    i64 index, start, max, emitted;
    usize budget;  // bytes left before the 64 KiB line limit (a conservative estimate)
    bool more;
  } ctx{nullptr, path, 0, start, max, 0, 56000, false};
  auto& w = r.result();
  w.key("entries").begin_array();
  ctx.w = &w;
  Error e = kernel_vfs().list(path, [](void* p, const fs::DirEntry& d) {
    auto* c = static_cast<Ctx*>(p);
    if (is_dot(d.name_view())) return true;
    i64 i = c->index++;
    if (i < c->start) return true;
    usize cost = d.name_len * 6u + 200;  // worst-case escaping plus the members and numbers
    if (c->emitted == c->max || cost > c->budget) {
      c->more = true;
      return false;
    }
    static char child[fs::Vfs::kMaxPath];
    fs::Stat st{};
    bool have = join(child, sizeof(child), c->dir, d.name_view()) && kernel_vfs().lstat(child).ok();
    if (have) st = kernel_vfs().lstat(child).value();
    c->w->begin_object().kv("name", d.name_view());
    if (have) fs::write_stat_members(*c->w, st);
    else c->w->kv("type", fs::json_type_name(d.type)).kv_uint("inode", d.ino);
    c->w->end_object();
    c->budget -= cost;
    ++c->emitted;
    return true;
  }, &ctx);
  w.end_array();
  if (e != Error::Ok) {
    // Entries already written stay valid JSON; report the failure instead of a partial page.
    return fail(r, path, e);
  }
  w.key("next");
  if (ctx.more) w.uint(static_cast<u64>(ctx.start + ctx.emitted));
  else w.null();
}
SIS_CONTROL_METHOD("fs.list", "fs", fs_list, mounted);

constexpr usize kChunk = 32768;
u8 data_buf[kChunk];
char b64_buf[base64_encoded_size(kChunk) + 4];

void fs_read(JsonValue params, Response& r) {
  StrView path;
  if (!path_param(params, "path", r, &path)) return;
  i64 offset = 0, length = -1;
  if (!int_param(params, "offset", 0, 1ll << 53, &offset, r)) return;
  JsonValue lv = params["length"];
  if (lv.is_integer() && lv.as_int() > static_cast<i64>(kChunk)) return r.error("TooLarge", "\"length\" is at most 32768");
  if (!lv.valid()) return r.error("InvalidParams", "\"length\" (1..32768) is required");
  if (!int_param(params, "length", 1, kChunk, &length, r)) return;
  auto st = kernel_vfs().stat(path);
  if (!st.ok()) return fail(r, path, st.error());
  if (st->type() == fs::FileType::Directory) return fail(r, path, Error::IsDir);
  auto n = kernel_vfs().read_file(path, static_cast<u64>(offset), data_buf, static_cast<usize>(length));
  if (!n.ok()) return fail(r, path, n.error());
  usize enc = base64_encode(data_buf, n.value(), b64_buf);
  auto& w = r.result();
  w.kv("data", StrView(b64_buf, enc)).kv_uint("length", n.value());
  w.kv_bool("eof", static_cast<u64>(offset) + n.value() >= st->size).kv_uint("size", st->size);
}
SIS_CONTROL_METHOD("fs.read", "fs", fs_read, mounted);

void fs_write(JsonValue params, Response& r) {
  StrView path;
  if (!path_param(params, "path", r, &path)) return;
  JsonValue dv = params["data"];
  if (!dv.is_string()) return r.error("InvalidParams", "\"data\" (base64 string) is required");
  if (dv.as_string().size > base64_encoded_size(kChunk)) return r.error("TooLarge", "\"data\" decodes to more than 32768 bytes");
  auto len = base64_decode(dv.as_string(), data_buf, kChunk);
  if (!len.ok()) {
    if (len.error() == Error::TooBig) return r.error("TooLarge", "\"data\" decodes to more than 32768 bytes");
    return r.error("InvalidParams", "\"data\" is not valid base64");
  }
  i64 offset = -1;
  bool append, create, exclusive, truncate, sync;
  if (!int_param(params, "offset", 0, 1ll << 53, &offset, r) || !bool_param(params, "append", false, &append, r) ||
      !bool_param(params, "create", true, &create, r) || !bool_param(params, "exclusive", false, &exclusive, r) ||
      !bool_param(params, "truncate", false, &truncate, r) || !bool_param(params, "sync", false, &sync, r))
    return;
  if (append && offset >= 0) return r.error("InvalidParams", "\"offset\" and \"append\" exclude each other");
  auto& vfs = kernel_vfs();
  auto st = vfs.stat(path);
  bool exists = st.ok();
  if (!exists && st.error() != Error::NoEntry) return fail(r, path, st.error());
  if (exists && st->type() == fs::FileType::Directory) return fail(r, path, Error::IsDir);
  if (!exists && !create) return fail(r, path, Error::NoEntry);
  if (exists && create && exclusive) return fail(r, path, Error::Exists);
  Result<usize> written = Error::Invalid;
  u64 at = offset < 0 ? 0 : static_cast<u64>(offset);
  if (truncate || !exists) {
    // Replace creates or empties the file; a write at an offset into a new file follows.
    if (at == 0 || append) {
      written = vfs.write_file(path, data_buf, len.value(), fs::WriteMode::Replace);
    } else {
      written = vfs.write_file(path, data_buf, 0, fs::WriteMode::Replace);
      if (written.ok()) written = vfs.write_file(path, data_buf, len.value(), fs::WriteMode::At, at);
    }
  } else if (append) {
    written = vfs.write_file(path, data_buf, len.value(), fs::WriteMode::Append);
  } else {
    written = vfs.write_file(path, data_buf, len.value(), fs::WriteMode::At, at);
  }
  if (!written.ok()) return fail(r, path, written.error());
  if (sync) {
    if (Error e = vfs.sync(); e != Error::Ok) return fail(r, path, e);
  }
  auto after = vfs.stat(path);
  auto& w = r.result();
  w.kv_uint("written", written.value()).kv_uint("size", after.ok() ? after->size : 0);
}
SIS_CONTROL_METHOD("fs.write", "fs", fs_write, mounted);

void fs_mkdir(JsonValue params, Response& r) {
  StrView path;
  if (!path_param(params, "path", r, &path)) return;
  bool parents;
  i64 mode = 0755;
  if (!bool_param(params, "parents", false, &parents, r) || !int_param(params, "mode", 0, 07777, &mode, r)) return;
  auto& vfs = kernel_vfs();
  if (!parents) {
    if (Error e = vfs.mkdir(path, static_cast<u32>(mode)); e != Error::Ok) return fail(r, path, e);
    r.result();
    return;
  }
  // mkdir -p: create each missing prefix in turn; an existing directory is fine.
  static char prefix[fs::Vfs::kMaxPath];
  if (path.size >= sizeof(prefix)) return fail(r, path, Error::PathTooLong);
  for (usize i = 1; i <= path.size; ++i) {
    if (i != path.size && path.data[i] != '/') continue;
    memcpy(prefix, path.data, i);
    prefix[i] = '\0';
    Error e = vfs.mkdir(StrView(prefix, i), static_cast<u32>(mode));
    if (e == Error::Exists) {
      auto st = vfs.stat(StrView(prefix, i));
      if (!st.ok() || st->type() != fs::FileType::Directory) return fail(r, StrView(prefix, i), Error::NotDir);
    } else if (e != Error::Ok) {
      return fail(r, StrView(prefix, i), e);
    }
  }
  r.result();
}
SIS_CONTROL_METHOD("fs.mkdir", "fs", fs_mkdir, mounted);

void fs_remove(JsonValue params, Response& r) {
  StrView path;
  if (!path_param(params, "path", r, &path)) return;
  bool recursive;
  if (!bool_param(params, "recursive", false, &recursive, r)) return;
  // Checked before anything is removed (the VFS checks again): "/." or "/d/.." named a
  // directory whose contents a recursive remove would have emptied before failing.
  StrView last = fs::Vfs::last_component(path);
  if (last.empty()) return r.error("InvalidParams", "removing / is not allowed");
  if (is_dot(last)) return r.error("InvalidParams", "\"path\" must not end in \".\" or \"..\"");
  Error e = recursive ? kernel_vfs().remove_tree(path) : kernel_vfs().remove(path);
  if (e != Error::Ok) return fail(r, path, e);
  r.result();
}
SIS_CONTROL_METHOD("fs.remove", "fs", fs_remove, mounted);

void fs_rename(JsonValue params, Response& r) {
  StrView from, to;
  if (!path_param(params, "from", r, &from) || !path_param(params, "to", r, &to)) return;
  if (fs::Vfs::last_component(from).empty() || fs::Vfs::last_component(to).empty())
    return r.error("InvalidParams", "renaming / is not allowed");
  if (is_dot(fs::Vfs::last_component(from)) || is_dot(fs::Vfs::last_component(to)))
    return r.error("InvalidParams", "\"from\" and \"to\" must not end in \".\" or \"..\"");
  if (to.size > from.size && to.starts_with(from) && to.data[from.size] == '/')
    return r.error("InvalidParams", "cannot move a directory into itself");
  if (Error e = kernel_vfs().rename(from, to); e != Error::Ok) return fail(r, from, e);
  r.result();
}
SIS_CONTROL_METHOD("fs.rename", "fs", fs_rename, mounted);

void fs_sync(JsonValue, Response& r) {
  if (Error e = kernel_vfs().sync(); e != Error::Ok) return fail(r, "/", e);
  r.result();
}
SIS_CONTROL_METHOD("fs.sync", "fs", fs_sync, mounted);

}  // namespace
}  // namespace sis::control
