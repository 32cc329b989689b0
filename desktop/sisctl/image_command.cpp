// sisctl image: ls / cat / fsck on an ext4 image file (see image_command.h).
#include "image_command.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "boot_command.h"
#include "fs/ext4.h"
#include "fs/vfs.h"
#include "host/image_device.h"

namespace sisctl {
namespace {

constexpr const char* kHelp =
    "usage: sisctl image ls IMG [PATH] [-l]   list a directory (default /)\n"
    "       sisctl image cat IMG PATH         write a file's bytes to stdout\n"
    "       sisctl image fsck IMG             run e2fsck -fn; exit 0 when clean\n"
    "\n"
    "ls and cat read the image with the kernel's own ext4 code, read-only (a journal that\n"
    "needs recovery is not replayed: the view is the last checkpointed state). fsck runs the\n"
    "real e2fsck from e2fsprogs and prints its report.\n"
    "Exit status: 0 ok, 1 usage error, 2 the image could not be read (or fsck found problems).\n";

struct Image {
  sis::host::ImageDevice dev;
  sis::fs::Ext4 fs;
  sis::fs::Vfs vfs;
};

bool open_image(Image& im, const char* path) {
  sis::Error e = im.dev.open(path, true);
  if (e != sis::Error::Ok) {
    std::fprintf(stderr, "sisctl image: %s: %s\n", path, sis::error_name(e));
    return false;
  }
  sis::fs::Ext4::Options o;
  o.read_only = true;
  e = im.fs.mount(&im.dev, o);
  if (e == sis::Error::Ok) e = im.vfs.mount("/", &im.fs, "image");
  if (e != sis::Error::Ok) {
    std::fprintf(stderr, "sisctl image: %s: not a readable ext4 image: %s\n", path, sis::error_name(e));
    return false;
  }
  return true;
}

int do_ls(Image& im, const std::string& dir, bool longf) {
  struct Ctx {
    Image* im;
    std::string dir;
    bool longf;
  } ctx{&im, dir, longf};
  sis::Error e = im.vfs.list(dir.c_str(), [](void* p, const sis::fs::DirEntry& d) {
    auto* c = static_cast<Ctx*>(p);
    std::string name(d.name, d.name_len);
    if (name == "." || name == "..") return true;
    if (!c->longf) {
      std::printf("%s%s\n", name.c_str(), d.type == sis::fs::FileType::Directory ? "/" : "");
      return true;
    }
    std::string path = (c->dir == "/" ? "" : c->dir) + "/" + name;
    auto st = c->im->vfs.lstat(path.c_str());
    if (!st.ok()) {
      std::printf("?????????? %s (%s)\n", name.c_str(), sis::error_name(st.error()));
      return true;
    }
    std::printf("%-7s %06o %3u %10llu %s", sis::fs::file_type_name(st.value().type()), st.value().mode, st.value().nlink,
                static_cast<unsigned long long>(st.value().size), name.c_str());
    if (st.value().type() == sis::fs::FileType::Symlink) {
      char t[4096];
      auto n = c->im->vfs.readlink(path.c_str(), t, sizeof t);
      if (n.ok()) std::printf(" -> %.*s", static_cast<int>(n.value() < sizeof t ? n.value() : sizeof t), t);
    }
    std::printf("\n");
    return true;
  }, &ctx);
  if (e != sis::Error::Ok) {
    std::fprintf(stderr, "sisctl image ls: %s: %s\n", dir.c_str(), sis::error_name(e));
    return kBootFailed;
  }
  return kOk;
}

int do_cat(Image& im, const std::string& path) {
  static char buf[1 << 16];
  unsigned long long off = 0;
  for (;;) {
    auto r = im.vfs.read_file(path.c_str(), off, buf, sizeof buf);
    if (!r.ok()) {
      std::fprintf(stderr, "sisctl image cat: %s: %s\n", path.c_str(), sis::error_name(r.error()));
      return kBootFailed;
    }
    if (r.value() == 0) return kOk;
    std::fwrite(buf, 1, r.value(), stdout);
    off += r.value();
  }
}

int do_fsck(const char* img) {
  std::string cmd = "e2fsck -fn '" + std::string(img) + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    std::fprintf(stderr, "sisctl image fsck: cannot run e2fsck\n");
    return kBootFailed;
  }
  char line[1024];
  while (std::fgets(line, sizeof line, p)) std::fputs(line, stdout);
  int st = pclose(p);
  int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  if (code == 127 || code < 0) {
    std::fprintf(stderr, "sisctl image fsck: e2fsck not found (install e2fsprogs)\n");
    return kBootFailed;
  }
  std::printf("%s: %s (e2fsck exit %d)\n", img, code == 0 ? "clean" : "NOT clean", code);
  return code == 0 ? kOk : kBootFailed;
}

}  // namespace

int image_main(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h")) {
    std::fputs(kHelp, argc < 3 ? stderr : stdout);
    return argc < 3 ? kUsage : kOk;
  }
  std::string sub = argv[2];
  if (argc < 4) {
    std::fputs(kHelp, stderr);
    return kUsage;
  }
  const char* img = argv[3];
  if (sub == "fsck") return do_fsck(img);
  bool longf = false;
  std::string path;
  for (int i = 4; i < argc; ++i) {
    if (!std::strcmp(argv[i], "-l")) longf = true;
    else path = argv[i];
  }
  if (sub != "ls" && sub != "cat") {
    std::fprintf(stderr, "sisctl image: unknown subcommand '%s'\n%s", sub.c_str(), kHelp);
    return kUsage;
  }
  if (sub == "cat" && path.empty()) {
    std::fputs(kHelp, stderr);
    return kUsage;
  }
  Image im;
  if (!open_image(im, img)) return kBootFailed;
  return sub == "ls" ? do_ls(im, path.empty() ? "/" : path, longf) : do_cat(im, path);
}

}  // namespace sisctl
