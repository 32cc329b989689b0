// Fuzz target: the portable ext4 reader (and writer) on arbitrary images. The target mounts
// the image read-write (which replays a journal if one claims to need it), walks the tree
// with bounded effort (lookups, stat, readdir, reads, readlink), then tries a few writes.
// Every outcome must be an Error value: no crash, no out-of-bounds access, no hang.
//
// Input: one mode byte, then the disk image.
//   mode bit 0: recompute every checksum (ext4_csum_fixup.h) before mounting, so that
//               mutations of a metadata_csum image get past the checksums to the code
//               behind them; with the bit clear the checksums are checked as they are.
//   other bits: reserved (ignored).
// The image may be cut short: the disk is zero-filled up to the size the superblock claims
// (at most kMaxDisk), so seeds can leave out trailing zeros (a journal's unused tail).
// Seeds: corpus/ext4/, made by tests/fuzz/make_ext4_seeds.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <algorithm>

#include "fs/ext4.h"
#include "fs/vfs.h"
#include "ext4_csum_fixup.h"
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

constexpr size_t kMaxDisk = 4u << 20;

// Bytes the superblock says the file system has (0 when there is no sane superblock).
size_t claimed_size(const uint8_t* img, size_t size) {
  if (size < 2048 || img[1024 + 0x38] != 0x53 || img[1024 + 0x39] != 0xEF) return 0;
  const uint8_t* p = img + 1024;
  uint64_t blocks = p[4] | p[5] << 8 | p[6] << 16 | static_cast<uint64_t>(p[7]) << 24;
  uint32_t log = p[0x18] | p[0x19] << 8 | p[0x1A] << 16 | static_cast<uint32_t>(p[0x1B]) << 24;
  if (log > 6 || blocks > kMaxDisk) return 0;
  return static_cast<size_t>(std::min<uint64_t>(blocks << (10 + log), kMaxDisk));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 + 2048 || size > (8u << 20)) return 0;
  const uint8_t mode = data[0];
  ++data;
  --size;
  size_t disk = std::max(size, claimed_size(data, size));
  sis::host::MemDevice dev;
  if (dev.create((disk + 511) & ~size_t{511}) != sis::Error::Ok) return 0;
  memcpy(dev.data(), data, size);
  if (mode & 1) ext4fix::fix_checksums(dev.data(), dev.size());
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
    // The seeds' /d is an htree: insert into it (leaf split, index full -> drop), remove, move out.
    (void)v.write_file("/d/fuzz-new", "x", 1, sis::fs::WriteMode::Replace);
    (void)v.unlink("/d/name_3");
    (void)v.rename("/d/name_5", "/e/moved");
  }
  (void)v.unmount("/");
  return 0;
}
