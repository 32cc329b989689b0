// Pipes: a 64 KiB ring (Linux's default capacity) shared by a read end and a write end,
// each an open file description (PipeFile). POSIX semantics:
//  - read returns what is there (at most n), blocks while empty, returns 0 (EOF) once the
//    pipe is empty and every write end is closed;
//  - write blocks while full; a write of at most PIPE_BUF bytes is atomic (all at once, never
//    interleaved), a larger one may be split; a write with no read end open fails with
//    Error::BrokenPipe (-EPIPE; the dispatcher raises SIGPIPE), or returns the bytes already
//    written when some went in first;
//  - non-blocking ends return Error::WouldBlock instead of waiting (a partial count when
//    some bytes moved); a blocked call returns Error::Interrupted on a pending signal;
//  - lseek/pread/pwrite are ESPIPE (File's defaults), fstat reports S_IFIFO.
// The ring and the end counts are guarded by the pipe's WaitChannel lock.
#pragma once
#include "proc/file.h"
#include "proc/file_wait.h"

namespace sis::proc {

struct Pipe;

class PipeFile final : public File {
 public:
  PipeFile(Pipe* p, bool write_end, u32 flags);
  Result<usize> read(void* buf, usize n, bool may_block) override;
  Result<usize> write(const void* buf, usize n, bool may_block, bool atomic) override;
  Result<fs::Stat> stat() override;
  usize describe(char* buf, usize cap) const override;
  Result<i64> ioctl(u32 cmd, u64 arg, UserMemory& mem) override;  // FIONREAD
  Readiness poll() override;
  Error wait_ready(u64 timeout_ns) override;
  bool write_end() const { return write_end_; }
  usize buffered() const;  // bytes waiting in the ring

 protected:
  void release() override;

 private:
  Pipe* pipe_;
  bool write_end_;
};

struct PipeEnds {
  PipeFile* read;
  PipeFile* write;
};

constexpr usize kPipeCapacity = 64 * 1024;

// A new pipe; flags may hold O_NONBLOCK (both ends). Each end has one reference.
// Error::NoMemory when the ring or a file cannot be allocated (nothing is left behind).
Result<PipeEnds> make_pipe(u32 flags);

// Live Pipe rings (tests check they are freed with their last end).
usize live_pipe_count();

}  // namespace sis::proc
