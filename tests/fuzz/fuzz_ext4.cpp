// Fuzz target: the portable ext4 reader (and writer) on arbitrary images. The input bytes
// are the disk (padded to whole sectors); the target mounts it read-write (which replays a
// journal if one claims to need it), walks the tree with bounded effort (lookups, stat,
// readdir, reads, readlink), then tries a few writes. Every outcome must be an Error value:
// no crash, no out-of-bounds access, no hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "fs/ext4.h"
#include "fs/vfs.h"
#include "fuzz_check.h"
#include "host/image_device.h"

namespace {

struct Walk {
  sis::fs::Vfs* v;
  int budget;
};

void walk(Walk& w, const char* dir, int depth) {
  if (depth > 6 || w.budget <= 0) return;
  struct Ctx {
    Walk* w;
    const char* dir;
    int depth;
  } ctx{&w, dir, depth};
  (void)w.v->list(dir, [](void* p, const sis::fs::DirEntry& e) {
    auto* c = static_cast<Ctx*>(p);
    if (--c->w->budget <= 0) return false;
    FUZZ_CHECK(e.name_len <= sis::fs::kNameMax);
    if (e.name_view() == "." || e.name_view() == "..") return true;
    char path[1024];
    size_t dl = strlen(c->dir);
    if (dl + 1 + e.name_len + 1 > sizeof path) return true;
    memcpy(path, c->dir, dl);
    path[dl] = '/';
    memcpy(path + dl + 1, e.name, e.name_len);
    path[dl + 1 + e.name_len] = 0;
    auto st = c->w->v->lstat(path);
    if (!st.ok()) return true;
    static char buf[8192];
    switch (st.value().type()) {
      case sis::fs::FileType::Directory: walk(*c->w, path, c->depth + 1); break;
      case sis::fs::FileType::Symlink: {
        auto n = c->w->v->readlink(path, buf, sizeof buf);
        (void)n;
        (void)c->w->v->stat(path);  // follow it (loops end with Error::Loop)
        break;
      }
      default: {
        auto r = c->w->v->read_file(path, 0, buf, sizeof buf);
        if (r.ok()) FUZZ_CHECK(r.value() <= sizeof buf);
        (void)c->w->v->read_file(path, st.value().size > 100 ? st.value().size - 100 : 0, buf, 200);
      }
    }
    return true;
  }, &ctx);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2048 || size > (8u << 20)) return 0;
  sis::host::MemDevice dev;
  if (dev.create((size + 511) & ~size_t{511}) != sis::Error::Ok) return 0;
  memcpy(dev.data(), data, size);
  sis::fs::Ext4 fs;
  sis::fs::Ext4::Options opt;
  opt.cache_buffers = 64;
  if (fs.mount(&dev, opt) != sis::Error::Ok) return 0;
  sis::fs::Vfs v;
  FUZZ_CHECK(v.mount("/", &fs, "fuzz") == sis::Error::Ok);
  Walk w{&v, 300};
  walk(w, "", 0);
  (void)v.stat("/d/name_7");
  if (!fs.read_only()) {
    (void)v.write_file("/fuzz-new", "hello", 5, sis::fs::WriteMode::Replace);
    (void)v.write_file("/a", "appended", 8, sis::fs::WriteMode::Append);
    (void)v.mkdir("/fuzz-dir");
    (void)v.rename("/fuzz-new", "/fuzz-dir/moved");
    (void)v.unlink("/l");
    (void)v.truncate("/e/bin", 10);
    (void)v.rmdir("/fuzz-dir");
  }
  (void)v.unmount("/");
  return 0;
}
