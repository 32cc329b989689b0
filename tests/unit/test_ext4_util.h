// Helpers for the file-system tests: temp dirs, running the real e2fsprogs, mounting.
#pragma once
#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fs/ext4.h"
#include "lib/env.h"
#include "fs/vfs.h"
#include "host/image_device.h"

namespace fstest {

struct CmdResult {
  int code;
  std::string out;
};

inline CmdResult run(const std::string& cmd, bool merge_stderr = true) {
  std::string full = merge_stderr ? cmd + " 2>&1" : cmd + " 2>/dev/null";
  FILE* p = popen(full.c_str(), "r");
  CmdResult r{-1, {}};
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/sis-fs-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { run("rm -rf '" + path_ + "'"); }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& s) const { return path_ + "/" + s; }

 private:
  std::string path_;
};

inline void write_host_file(const std::string& path, const std::string& data) {
  FILE* f = fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  fwrite(data.data(), 1, data.size(), f);
  fclose(f);
}

inline std::string pattern(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    s[i] = static_cast<char>(x);
  }
  return s;
}

// mkfs.ext4 -q -F -b BS [-d DIR] [extra] IMG SIZE_KiB
inline std::string make_image(const TempDir& t, const std::string& name, unsigned mib, unsigned bs,
                              const std::string& from_dir = "", const std::string& extra = "") {
  std::string img = t / name;
  std::string cmd = "mkfs.ext4 -q -F -b " + std::to_string(bs) + " " + extra;
  if (!from_dir.empty()) cmd += " -d '" + from_dir + "'";
  cmd += " '" + img + "' " + std::to_string(mib * 1024) + "k";
  CmdResult r = run(cmd);
  EXPECT_EQ(r.code, 0) << cmd << "\n" << r.out;
  return img;
}

inline CmdResult fsck(const std::string& img) { return run("e2fsck -fn '" + img + "'"); }
inline CmdResult fsck_fix(const std::string& img) { return run("e2fsck -fy '" + img + "'"); }
inline std::string debugfs(const std::string& img, const std::string& req) {
  return run("debugfs -R '" + req + "' '" + img + "'", false).out;
}
// Exact file contents through debugfs dump (binary-safe).
inline std::string debugfs_cat(const TempDir& t, const std::string& img, const std::string& path) {
  std::string out = t / "dump.out";
  unlink(out.c_str());
  run("debugfs -R 'dump \"" + path + "\" " + out + "' '" + img + "'");
  FILE* f = fopen(out.c_str(), "rb");
  if (!f) return "<missing>";
  std::string s;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  fclose(f);
  return s;
}
// Names in a directory according to debugfs `ls -p` (/ino/mode/uid/gid/name/size/).
inline std::vector<std::string> debugfs_names(const std::string& img, const std::string& dir) {
  std::string out = debugfs(img, "ls -p " + dir);
  std::vector<std::string> names;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    if (nl == std::string::npos) nl = out.size();
    std::string line = out.substr(pos, nl - pos);
    pos = nl + 1;
    // /ino/mode/uid/gid/name/size/
    std::vector<std::string> f;
    size_t a = 0;
    while (a < line.size()) {
      size_t b = line.find('/', a);
      if (b == std::string::npos) break;
      f.push_back(line.substr(a, b - a));
      a = b + 1;
    }
    if (f.size() >= 6 && f[1] != "0" && f[5] != "." && f[5] != "..") names.push_back(f[5]);  // ino 0: deleted
  }
  std::sort(names.begin(), names.end());
  return names;
}

// An ext4 mounted on an image file, with a VFS on top.
struct Mounted {
  sis::host::ImageDevice dev;
  sis::fs::Ext4 fs;
  sis::fs::Vfs vfs;
  sis::Error err = sis::Error::Invalid;
  explicit Mounted(const std::string& img, bool ro = false, size_t cache = 512) {
    err = dev.open(img.c_str(), ro);
    if (err != sis::Error::Ok) return;
    sis::fs::Ext4::Options o;
    o.cache_buffers = cache;
    o.read_only = ro;
    err = fs.mount(&dev, o);
    if (err == sis::Error::Ok) err = vfs.mount("/", &fs, "image");
  }
  sis::Error unmount() { return vfs.unmount("/"); }
};

inline std::string read_all(sis::fs::Vfs& v, const std::string& path) {
  auto st = v.stat(sis::StrView(path.c_str()));
  if (!st.ok()) return std::string("<") + sis::error_name(st.error()) + ">";
  std::string s(st.value().size, '\0');
  auto r = v.read_file(sis::StrView(path.c_str()), 0, s.data(), s.size());
  if (!r.ok()) return std::string("<") + sis::error_name(r.error()) + ">";
  s.resize(r.value());
  return s;
}

inline std::vector<std::string> list_names(sis::fs::Vfs& v, const std::string& path) {
  std::vector<std::string> names;
  sis::Error e = v.list(sis::StrView(path.c_str()), [](void* ctx, const sis::fs::DirEntry& d) {
    std::string n(d.name, d.name_len);
    if (n != "." && n != "..") static_cast<std::vector<std::string>*>(ctx)->push_back(n);
    return true;
  }, &names);
  if (e != sis::Error::Ok) names.push_back(std::string("<") + sis::error_name(e) + ">");
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace fstest
