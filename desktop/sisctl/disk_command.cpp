// sisctl disk create (see disk_command.h).
#include "disk_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "boot_command.h"

namespace sisctl {
namespace {

constexpr const char* kHelp =
    "usage: sisctl disk create PATH [--size MiB] [--from DIR] [--block-size 1024|4096] [--force]\n"
    "\n"
    "Makes an ext4 disk image with the real mkfs.ext4 (64bit, flex_bg, metadata_csum, a\n"
    "journal: Debian 12's defaults). --size defaults to 64 MiB; --from copies a directory\n"
    "tree into it (mkfs.ext4 -d). An existing PATH is kept unless --force is given.\n"
    "Exit status: 0 ok, 1 usage error, 2 mkfs.ext4 failed.\n";

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

int disk_main(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h")) {
    std::fputs(kHelp, argc < 3 ? stderr : stdout);
    return argc < 3 ? kUsage : kOk;
  }
  if (std::strcmp(argv[2], "create") != 0 || argc < 4) {
    std::fputs(kHelp, stderr);
    return kUsage;
  }
  std::string path = argv[3];
  long mib = 64, bs = 4096;
  std::string from;
  bool force = false;
  for (int i = 4; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--size" && i + 1 < argc) mib = std::strtol(argv[++i], nullptr, 10);
    else if (a == "--block-size" && i + 1 < argc) bs = std::strtol(argv[++i], nullptr, 10);
    else if (a == "--from" && i + 1 < argc) from = argv[++i];
    else if (a == "--force") force = true;
    else {
      std::fprintf(stderr, "sisctl disk create: unknown option '%s'\n%s", a.c_str(), kHelp);
      return kUsage;
    }
  }
  if (mib < 2 || mib > 1024 * 1024 || (bs != 1024 && bs != 4096)) {
    std::fprintf(stderr, "sisctl disk create: --size must be 2..1048576 MiB, --block-size 1024 or 4096\n");
    return kUsage;
  }
  if (!force && access(path.c_str(), F_OK) == 0) {
    std::fprintf(stderr, "sisctl disk create: %s exists (use --force to replace it)\n", path.c_str());
    return kUsage;
  }
  std::string cmd = "mkfs.ext4 -q -F -b " + std::to_string(bs) + " -L sis";
  if (!from.empty()) cmd += " -d " + quote(from);
  cmd += " " + quote(path) + " " + std::to_string(mib) + "M";
  std::string truncate = "rm -f " + quote(path) + " && truncate -s " + std::to_string(mib) + "M " + quote(path);
  if (std::system(truncate.c_str()) != 0 || std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "sisctl disk create: mkfs.ext4 failed (is e2fsprogs installed?)\n");
    return kBootFailed;
  }
  std::printf("%s: ext4, %ld MiB, %ld-byte blocks%s%s\n", path.c_str(), mib, bs, from.empty() ? "" : ", from ",
              from.c_str());
  return kOk;
}

}  // namespace sisctl
