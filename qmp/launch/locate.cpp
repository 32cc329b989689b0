#include "launch/locate.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

namespace sis::host {

bool is_readable_file(const std::string& path) {
  struct stat st;
  return !path.empty() && stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), R_OK) == 0;
}

std::string find_on_path(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : std::string{};
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

std::string locate_qemu() {
  if (const char* env = std::getenv("SIS_QEMU"); env && *env) return find_on_path(env);
  return find_on_path("qemu-system-aarch64");
}

namespace {
std::string self_dir(const std::string& argv0) {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  std::string exe = n > 0 ? std::string(buf, static_cast<size_t>(n)) : argv0;
  auto slash = exe.rfind('/');
  return slash == std::string::npos ? "." : exe.substr(0, slash);
}
}  // namespace

std::string locate_kernel(const std::string& argv0) {
  if (const char* env = std::getenv("SIS_KERNEL"); env && *env) return env;
  const std::string dir = self_dir(argv0);
  for (const std::string& c : {dir + "/../kernel/Image", dir + "/../share/sis/kernel/Image",
                               std::string("build/kernel/Image")})
    if (is_readable_file(c)) return c;
  return {};
}

std::string locate_default_disk(const std::string& argv0) {
  if (const char* env = std::getenv("SIS_DISK_IMAGE"); env && *env) return env;
  const std::string dir = self_dir(argv0);
  for (const std::string& c : {dir + "/../disk/sis-disk.img", dir + "/../share/sis/disk/sis-disk.img"})
    if (is_readable_file(c)) return c;
  return {};
}

}  // namespace sis::host
