#include "host/image_device.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sis::host {

ImageDevice::~ImageDevice() { close(); }

Error ImageDevice::open(const char* path, bool read_only) {
  close();
  fd_ = ::open(path, read_only ? O_RDONLY : O_RDWR);
  if (fd_ < 0) return Error::NoEntry;
  struct stat st;
  if (fstat(fd_, &st) != 0) {
    close();
    return Error::Io;
  }
  size_ = static_cast<u64>(st.st_size);
  read_only_ = read_only;
  return Error::Ok;
}

void ImageDevice::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  size_ = 0;
}

Error ImageDevice::read(u64 sector, u32 count, void* buf) {
  if (fd_ < 0) return Error::Invalid;
  if (sector > sector_count() || count > sector_count() - sector) return Error::Range;
  usize n = static_cast<usize>(count) * 512;
  ssize_t r = pread(fd_, buf, n, static_cast<off_t>(sector * 512));
  ++reads;
  return r == static_cast<ssize_t>(n) ? Error::Ok : Error::Io;
}

Error ImageDevice::write(u64 sector, u32 count, const void* buf) {
  if (fd_ < 0) return Error::Invalid;
  if (read_only_) return Error::ReadOnly;
  if (sector > sector_count() || count > sector_count() - sector) return Error::Range;
  usize n = static_cast<usize>(count) * 512;
  ssize_t r = pwrite(fd_, buf, n, static_cast<off_t>(sector * 512));
  ++writes;
  return r == static_cast<ssize_t>(n) ? Error::Ok : Error::Io;
}

Error ImageDevice::flush() {
  ++flushes;
  if (fd_ < 0) return Error::Invalid;
  return Error::Ok;  // the tests read the file back through the page cache; fdatasync is slow
}

MemDevice::~MemDevice() { free(data_); }

Error MemDevice::create(u64 bytes) {
  free(data_);
  data_ = static_cast<u8*>(calloc(1, bytes));
  size_ = data_ ? bytes : 0;
  return data_ ? Error::Ok : Error::NoMemory;
}

Error MemDevice::load(const char* path) {
  FILE* f = fopen(path, "rb");
  if (!f) return Error::NoEntry;
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  Error e = create(static_cast<u64>(sz));
  if (e == Error::Ok && fread(data_, 1, static_cast<size_t>(sz), f) != static_cast<size_t>(sz)) e = Error::Io;
  fclose(f);
  return e;
}

Error MemDevice::save(const char* path) const {
  FILE* f = fopen(path, "wb");
  if (!f) return Error::Io;
  bool ok = fwrite(data_, 1, size_, f) == size_;
  ok = fclose(f) == 0 && ok;
  return ok ? Error::Ok : Error::Io;
}

Error MemDevice::read(u64 sector, u32 count, void* buf) {
  if (sector > sector_count() || count > sector_count() - sector) return Error::Range;
  memcpy(buf, data_ + sector * 512, static_cast<size_t>(count) * 512);
  ++reads;
  return Error::Ok;
}

Error MemDevice::write(u64 sector, u32 count, const void* buf) {
  if (sector > sector_count() || count > sector_count() - sector) return Error::Range;
  memcpy(data_ + sector * 512, buf, static_cast<size_t>(count) * 512);
  ++writes;
  return Error::Ok;
}

}  // namespace sis::host
