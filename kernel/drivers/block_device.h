// The block device interface the file system sits on. virtio-blk implements it in the
// kernel; on the host an image file implements it (tests, sisctl image ...). Offsets and
// counts are in units of sector_size() bytes (512 for virtio-blk).
#pragma once
#include "lib/result.h"

namespace sis {

class BlockDevice {
 public:
  virtual u32 sector_size() const = 0;
  virtual u64 sector_count() const = 0;
  virtual bool read_only() const = 0;
  // Reads/writes `count` sectors at `sector`; the buffer must hold count * sector_size().
  virtual Error read(u64 sector, u32 count, void* buf) = 0;
  virtual Error write(u64 sector, u32 count, const void* buf) = 0;
  // Returns once everything written before it is durable on the medium.
  virtual Error flush() = 0;

 protected:
  ~BlockDevice() = default;
};

}  // namespace sis
