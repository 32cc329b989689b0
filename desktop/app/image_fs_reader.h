// Reads an ext4 disk image on the host with the kernel's own portable ext4 code (sis_portable:
// kernel/fs/ext4 over kernel/host ImageDevice), read-only and without journal replay, so a
// stopped VM's disk can be browsed without changing it. Plain C++: this is the only desktop
// file that includes kernel headers (they and Qt's do not mix in one translation unit).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sis::desktop {

struct ImageEntry {
  std::string name;
  std::string type;  // "file", "dir", "symlink", "other"
  uint64_t size = 0;
  uint32_t mode = 0;
  int64_t mtime = 0;
  uint64_t inode = 0;
};

class ImageFsReader {
 public:
  ImageFsReader();
  ~ImageFsReader();
  ImageFsReader(const ImageFsReader&) = delete;
  ImageFsReader& operator=(const ImageFsReader&) = delete;

  // Opens and mounts (read-only); false with a reason.
  bool open(const std::string& image, std::string* error);
  void close();
  bool is_open() const;
  // Summary: volume name, block size, whether the journal needs replay.
  std::string summary() const;

  bool list(const std::string& dir, std::vector<ImageEntry>* out, std::string* error);
  bool read(const std::string& path, uint64_t max_bytes, std::string* data, uint64_t* size, std::string* error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sis::desktop
