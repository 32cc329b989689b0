// ppoll: readiness of several descriptors (what busybox's line editor waits in before each
// key). Waiting on one file uses that file's wait channel; waiting on files with different
// channels waits on the first in slices of kSliceNs and looks at all of them again (there
// is no multi-queue wait: FIXME when a program needs many-pipe polls to be cheap).
// The signal mask argument is not applied (FIXME: needs the process's signal mask).
#include "proc/file_wait.h"
#include "proc/linux_abi.h"
#include "proc/sys_file_internal.h"
#include "proc/user_memory.h"

namespace sis::proc {

using namespace sysfile;

namespace {

struct PollFd {
  i32 fd;
  u16 events;
  u16 revents;
};
static_assert(sizeof(PollFd) == 8);

constexpr u16 POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20,
              POLLRDNORM = 0x40, POLLWRNORM = 0x100;
constexpr u64 kSliceNs = 10'000'000;

struct Timespec {
  i64 sec;
  i64 nsec;
};

// Fills revents; returns how many entries have any, and the first not-ready file that can
// block plus whether others with other files are waiting too.
usize scan(FileTable& files, PollFd* p, u64 n, File** waiter, bool* several) {
  usize count = 0;
  *waiter = nullptr;
  *several = false;
  for (u64 i = 0; i < n; ++i) {
    p[i].revents = 0;
    if (p[i].fd < 0) continue;
    auto fr = files.get(p[i].fd);
    if (!fr.ok()) {
      p[i].revents = POLLNVAL;
      ++count;
      continue;
    }
    File* f = fr.value();
    Readiness r = f->poll();
    u16 ev = p[i].events;
    u16 out = 0;
    if (r.readable) out |= ev & (POLLIN | POLLRDNORM);
    if (r.writable) out |= ev & (POLLOUT | POLLWRNORM);
    if (r.hangup) out |= (f->kind() == FileKind::Pipe && f->writable()) ? POLLERR : POLLHUP;
    p[i].revents = out;
    if (out) {
      ++count;
    } else if (ev & (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLPRI)) {
      if (!*waiter) *waiter = f;
      else if (*waiter != f) *several = true;
    }
  }
  return count;
}

}  // namespace

i64 sys_ppoll(SyscallContext& c, const SyscallArgs& a) {
  u64 ufds = a.a[0], nfds = a.a[1], utmo = a.a[2], usigmask = a.a[3], sigsetsize = a.a[4];
  if (nfds > static_cast<u64>(FileTable::kMaxFds)) return -linux::EINVAL;  // RLIMIT_NOFILE
  if (usigmask && sigsetsize != 8) return -linux::EINVAL;
  u64 timeout = File::kForever;
  if (utmo) {
    Timespec ts;
    if (c.mem->copy_in(&ts, utmo, sizeof(ts)) != Error::Ok) return -linux::EFAULT;
    if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1'000'000'000) return -linux::EINVAL;
    timeout = static_cast<u64>(ts.sec) > (File::kForever - 1) / 1'000'000'000 - 1
                  ? File::kForever - 1
                  : static_cast<u64>(ts.sec) * 1'000'000'000 + static_cast<u64>(ts.nsec);
  }
  auto* p = static_cast<PollFd*>(env_alloc(sizeof(PollFd) * (nfds ? nfds : 1)));
  if (!p) return -linux::ENOMEM;
  i64 result = 0;
  if (nfds && c.mem->copy_in(p, ufds, sizeof(PollFd) * nfds) != Error::Ok) {
    env_free(p);
    return -linux::EFAULT;
  }
  for (;;) {
    File* waiter;
    bool several;
    usize count = scan(*c.files, p, nfds, &waiter, &several);
    if (count || timeout == 0) {
      result = static_cast<i64>(count);
      break;
    }
    if (!waiter) {
      // Nothing can become ready (no fds, or only fds < 0): sleep until the timeout or a
      // signal, as Linux does (ppoll(NULL, 0, NULL) is a pause()).
      WaitChannel* ch = wait_channel_create();
      if (!ch) {
        result = -linux::ENOMEM;
        break;
      }
      Error e = ch->wait([](void*) { return false; }, nullptr, timeout);
      wait_channel_destroy(ch);
      result = e == Error::Interrupted ? -linux::EINTR : 0;
      break;
    }
    waiter->ref();
    u64 slice = several ? min(timeout, kSliceNs) : timeout;
    Error e = waiter->wait_ready(slice);
    waiter->unref();
    if (e == Error::Interrupted) {
      result = -linux::EINTR;
      break;
    }
    if (e == Error::TimedOut) {
      if (timeout != File::kForever) timeout -= slice;
      if (timeout == 0) {
        result = static_cast<i64>(scan(*c.files, p, nfds, &waiter, &several));
        break;
      }
    }
  }
  if (result >= 0 && nfds && c.mem->copy_out(ufds, p, sizeof(PollFd) * nfds) != Error::Ok) result = -linux::EFAULT;
  env_free(p);
  return result;
}

}  // namespace sis::proc
