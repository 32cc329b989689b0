// Pipes (see pipe.h). The ring is a power-of-two buffer with free-running indices; the
// read end and write end counts say whether EOF or EPIPE applies. The ring is freed when
// both ends have been released.
#include "proc/pipe.h"

#include "lib/format.h"
#include "lib/string.h"
#include "proc/linux_stat.h"
#include "proc/linux_termios.h"
#include "proc/user_memory.h"

namespace sis::proc {

struct Pipe {
  WaitChannel* ch = nullptr;
  u8* ring = nullptr;
  u64 head = 0;  // total bytes written
  u64 tail = 0;  // total bytes read
  u32 readers = 1, writers = 1;
  u64 ino = 0;   // for fstat: pipes of one pair share it

  usize used() const { return static_cast<usize>(head - tail); }
  usize space() const { return kPipeCapacity - used(); }
};

namespace {
usize live_pipes = 0;
u64 next_pipe_ino = 1;

bool readable_now(void* ctx) {
  auto* p = static_cast<Pipe*>(ctx);
  return p->used() > 0 || p->writers == 0;
}

struct WriteWait {
  Pipe* p;
  usize need;
};
bool writable_now(void* ctx) {
  auto* w = static_cast<WriteWait*>(ctx);
  return w->p->space() >= w->need || w->p->readers == 0;
}

void free_pipe(Pipe* p) {
  wait_channel_destroy(p->ch);
  env_free(p->ring);
  env_free(p);
  __atomic_sub_fetch(&live_pipes, 1, __ATOMIC_RELAXED);
}

}  // namespace

usize live_pipe_count() { return __atomic_load_n(&live_pipes, __ATOMIC_RELAXED); }

Result<PipeEnds> make_pipe(u32 flags) {
  auto* p = static_cast<Pipe*>(env_zalloc(sizeof(Pipe)));
  if (!p) return Error::NoMemory;
  p->readers = p->writers = 1;
  p->ring = static_cast<u8*>(env_alloc(kPipeCapacity));
  p->ch = wait_channel_create();
  __atomic_add_fetch(&live_pipes, 1, __ATOMIC_RELAXED);
  if (!p->ring || !p->ch) {
    free_pipe(p);
    return Error::NoMemory;
  }
  p->ino = __atomic_fetch_add(&next_pipe_ino, 1, __ATOMIC_RELAXED);
  u32 nb = flags & linux::O_NONBLOCK;
  PipeFile* r = make_file<PipeFile>(p, false, linux::O_RDONLY | nb);
  PipeFile* w = r ? make_file<PipeFile>(p, true, linux::O_WRONLY | nb) : nullptr;
  if (!w) {
    if (r) {
      p->writers = 0;  // so that releasing the read end frees the pipe
      r->unref();
    } else {
      free_pipe(p);
    }
    return Error::NoMemory;
  }
  return PipeEnds{r, w};
}

PipeFile::PipeFile(Pipe* p, bool write_end, u32 flags) : File(FileKind::Pipe, flags), pipe_(p), write_end_(write_end) {}

void PipeFile::release() {
  Pipe* p = pipe_;
  bool last;
  {
    WaitChannelGuard g(p->ch);
    if (write_end_) --p->writers;
    else --p->readers;
    last = p->readers == 0 && p->writers == 0;
  }
  if (last) {
    free_pipe(p);
  } else {
    p->ch->wake_all();  // readers see EOF, writers see EPIPE
  }
}

usize PipeFile::buffered() const {
  WaitChannelGuard g(pipe_->ch);
  return pipe_->used();
}

Result<usize> PipeFile::read(void* buf, usize n, bool may_block) {
  if (write_end_) return Error::BadFd;
  if (n == 0) return usize{0};
  Pipe* p = pipe_;
  for (;;) {
    usize got = 0;
    bool eof = false;
    {
      WaitChannelGuard g(p->ch);
      usize avail = p->used();
      if (avail) {
        got = min(avail, n);
        usize at = static_cast<usize>(p->tail % kPipeCapacity);
        usize first = min(got, kPipeCapacity - at);
        memcpy(buf, p->ring + at, first);
        memcpy(static_cast<u8*>(buf) + first, p->ring, got - first);
        p->tail += got;
      } else {
        eof = p->writers == 0;
      }
    }
    if (got) {
      p->ch->wake_all();  // room for writers
      return got;
    }
    if (eof) return usize{0};
    if (!may_block) return Error::WouldBlock;
    TRY(p->ch->wait(readable_now, p));
  }
}

Result<usize> PipeFile::write(const void* buf, usize n, bool may_block, bool atomic) {
  if (!write_end_) return Error::BadFd;
  if (n == 0) return usize{0};
  Pipe* p = pipe_;
  const u8* src = static_cast<const u8*>(buf);
  usize done = 0;
  for (;;) {
    usize left = n - done;
    // An atomic write waits for room for all of it; otherwise any room will do.
    usize need = (atomic && left <= kPipeBuf) ? left : 1;
    usize put = 0;
    bool broken = false;
    {
      WaitChannelGuard g(p->ch);
      if (p->readers == 0) {
        broken = true;
      } else if (p->space() >= need) {
        put = min(p->space(), left);
        usize at = static_cast<usize>(p->head % kPipeCapacity);
        usize first = min(put, kPipeCapacity - at);
        memcpy(p->ring + at, src + done, first);
        memcpy(p->ring, src + done + first, put - first);
        p->head += put;
      }
    }
    if (broken) {
      if (done) return done;
      return Error::BrokenPipe;
    }
    if (put) {
      done += put;
      p->ch->wake_all();  // data for readers
      if (done == n) return done;
    }
    if (!may_block) {
      if (done) return done;
      return Error::WouldBlock;
    }
    WriteWait w{p, (atomic && n - done <= kPipeBuf) ? n - done : 1};
    Error e = p->ch->wait(writable_now, &w);
    if (e != Error::Ok) {
      if (done) return done;
      return e;
    }
  }
}

usize PipeFile::describe(char* buf, usize cap) const {
  if (cap == 0) return 0;
  usize n = format(buf, cap, "pipe:[%llu] %s", static_cast<unsigned long long>(pipe_->ino), write_end_ ? "write" : "read");
  return min(n, cap - 1);
}

Result<fs::Stat> PipeFile::stat() {
  fs::Stat st;
  st.ino = pipe_->ino;
  st.mode = linux::S_IFIFO | 0600;
  st.nlink = 1;
  return st;
}

Result<i64> PipeFile::ioctl(u32 cmd, u64 arg, UserMemory& mem) {
  if (cmd != linux::FIONREAD) return Error::NotTty;
  i32 n = static_cast<i32>(buffered());
  TRY(mem.copy_out(arg, &n, sizeof(n)));
  return i64{0};
}

Readiness PipeFile::poll() {
  WaitChannelGuard g(pipe_->ch);
  Readiness r;
  if (write_end_) {
    r.writable = pipe_->readers == 0 || pipe_->space() >= kPipeBuf;
    r.hangup = pipe_->readers == 0;
  } else {
    r.readable = pipe_->used() > 0 || pipe_->writers == 0;
    r.hangup = pipe_->writers == 0;
  }
  return r;
}

Error PipeFile::wait_ready(u64 timeout_ns) {
  if (write_end_) {
    WriteWait w{pipe_, kPipeBuf};
    return pipe_->ch->wait(writable_now, &w, timeout_ns);
  }
  return pipe_->ch->wait(readable_now, pipe_, timeout_ns);
}

}  // namespace sis::proc
