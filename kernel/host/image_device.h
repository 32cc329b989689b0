// ImageDevice (host only): a BlockDevice over a disk image file, for the unit tests and
// `sisctl image ...`. MemDevice: the same over a byte array in memory (fast tests, crash
// simulation). Both use 512-byte sectors like virtio-blk.
#pragma once
#include "drivers/block_device.h"

namespace sis::host {

class ImageDevice final : public BlockDevice {
 public:
  ImageDevice() = default;
  ~ImageDevice();
  ImageDevice(const ImageDevice&) = delete;
  ImageDevice& operator=(const ImageDevice&) = delete;

  Error open(const char* path, bool read_only);
  void close();

  u32 sector_size() const override { return 512; }
  u64 sector_count() const override { return size_ / 512; }
  bool read_only() const override { return read_only_; }
  Error read(u64 sector, u32 count, void* buf) override;
  Error write(u64 sector, u32 count, const void* buf) override;
  Error flush() override;

  u64 reads = 0, writes = 0, flushes = 0;

 private:
  int fd_ = -1;
  u64 size_ = 0;
  bool read_only_ = false;
};

class MemDevice : public BlockDevice {
 public:
  MemDevice() = default;
  ~MemDevice();
  MemDevice(const MemDevice&) = delete;
  MemDevice& operator=(const MemDevice&) = delete;

  Error load(const char* path);  // whole image into memory
  Error save(const char* path) const;
  Error create(u64 bytes);       // zero-filled
  u8* data() { return data_; }
  u64 size() const { return size_; }

  u32 sector_size() const override { return 512; }
  u64 sector_count() const override { return size_ / 512; }
  bool read_only() const override { return false; }
  Error read(u64 sector, u32 count, void* buf) override;
  Error write(u64 sector, u32 count, const void* buf) override;
  Error flush() override {
    ++flushes;
    return Error::Ok;
  }

  u64 reads = 0, writes = 0, flushes = 0;

 protected:
  u8* data_ = nullptr;
  u64 size_ = 0;
};

// FaultyDevice (tests): a MemDevice that fails on command, to check that the file system
// loses nothing when the disk does. The nth read from now fails once with Error::Io; from
// the nth write on, every write and flush fails (the disk is gone, as a pulled cable).
// 0 disarms. Counting is by request, not by sector.
class FaultyDevice final : public MemDevice {
 public:
  void fail_read(u64 nth) {
    read_fault_at_ = nth;
    reads_seen_ = 0;
  }
  void fail_writes_from(u64 nth) {
    write_fault_at_ = nth;
    writes_seen_ = 0;
  }
  void heal() { read_fault_at_ = write_fault_at_ = 0; }
  u64 reads_seen() const { return reads_seen_; }
  u64 writes_seen() const { return writes_seen_; }
  bool failed() const { return failed_; }

  Error read(u64 sector, u32 count, void* buf) override {
    ++reads_seen_;
    if (read_fault_at_ && reads_seen_ == read_fault_at_) {
      failed_ = true;
      return Error::Io;
    }
    return MemDevice::read(sector, count, buf);
  }
  Error write(u64 sector, u32 count, const void* buf) override {
    ++writes_seen_;
    if (write_fault_at_ && writes_seen_ >= write_fault_at_) {
      failed_ = true;
      return Error::Io;
    }
    return MemDevice::write(sector, count, buf);
  }
  Error flush() override {
    if (write_fault_at_ && writes_seen_ >= write_fault_at_) return Error::Io;
    return MemDevice::flush();
  }

 private:
  u64 read_fault_at_ = 0, write_fault_at_ = 0, reads_seen_ = 0, writes_seen_ = 0;
  bool failed_ = false;
};

}  // namespace sis::host
