#include "proc/sys_socket.h"

#include "lib/string.h"
#include "net/net_errno.h"
#include "proc/file_wait.h"
#include "proc/linux_stat.h"
#include "proc/linux_termios.h"
#include "proc/sys_file_internal.h"
#include "proc/user_memory.h"

namespace sis::proc {

using namespace sysfile;

namespace {

// aarch64 (asm-generic) numbers.
constexpr u32 kSysSocket = 198, kSysSocketpair = 199, kSysBind = 200, kSysListen = 201, kSysAccept = 202,
              kSysConnect = 203, kSysGetsockname = 204, kSysGetpeername = 205, kSysSendto = 206,
              kSysRecvfrom = 207, kSysSetsockopt = 208, kSysGetsockopt = 209, kSysShutdown = 210,
              kSysSendmsg = 211, kSysRecvmsg = 212, kSysAccept4 = 242;

constexpr int AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2;
constexpr int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_TYPE_MASK = 0xf;
constexpr u32 SOCK_NONBLOCK = linux::O_NONBLOCK, SOCK_CLOEXEC = linux::O_CLOEXEC;
constexpr int IPPROTO_IP = 0, IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
constexpr int TCP_NODELAY = 1;
constexpr long kEInProgress = 115, kEAlready = 114;
constexpr u32 MSG_PEEK = 0x2, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
constexpr int SOL_SOCKET = 1;
constexpr int SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_BROADCAST = 6, SO_SNDBUF = 7, SO_RCVBUF = 8,
              SO_KEEPALIVE = 9, SO_RCVTIMEO = 20, SO_SNDTIMEO = 21, SO_PROTOCOL = 38, SO_DOMAIN = 39;
constexpr int IP_TOS = 1, IP_TTL = 2, IP_MULTICAST_TTL = 33;
constexpr u32 kSIfSock = 0140000;
constexpr usize kMaxDatagram = 65507;  // the largest UDP payload; the stack refuses > 1472 (no fragmentation)

struct SockaddrIn {
  u16 family;
  u8 port[2];  // network order
  u8 addr[4];
  u8 zero[8];
};
static_assert(sizeof(SockaddrIn) == 16);

net::Stack* the_stack = nullptr;
u64 (*clock)() = nullptr;
WaitChannel* channel = nullptr;

i64 fail_net(i64 r) { return r; }  // stack results are already -errno

Result<SocketFile*> socket_file(SyscallContext& c, u64 fd) {
  File* f = TRY(c.files->get(fd_arg(fd)));
  if (f->kind() != FileKind::Socket) return Error::NotSupported;  // ENOTSOCK, mapped by the caller
  return static_cast<SocketFile*>(f);
}

// EBADF / ENOTSOCK as Linux orders them.
i64 lookup_error(Error e) { return e == Error::NotSupported ? -net::err::kNotSock : fail(e); }

i64 copy_in_addr(SyscallContext& c, u64 uaddr, u64 len, net::SockAddr* out, bool* unspec) {
  if (len > 128) return -linux::EINVAL;
  if (len < sizeof(u16)) return -linux::EINVAL;
  SockaddrIn sa{};
  if (c.mem->copy_in(&sa, uaddr, len < sizeof sa ? len : sizeof sa) != Error::Ok) return -linux::EFAULT;
  if (unspec) *unspec = sa.family == AF_UNSPEC;
  if (sa.family == AF_UNSPEC && unspec) return 0;
  if (sa.family != AF_INET) return -net::err::kAfNoSupport;
  if (len < sizeof sa) return -linux::EINVAL;
  out->addr = net::load32(sa.addr);
  out->port = net::load16(sa.port);
  return 0;
}

// Linux's sockaddr output protocol: writes min(*ulen, 16) bytes, stores 16 in *ulen.
i64 copy_out_addr(SyscallContext& c, u64 uaddr, u64 ulen, net::SockAddr a) {
  if (!uaddr) return 0;
  u32 len;
  if (c.mem->copy_in(&len, ulen, sizeof len) != Error::Ok) return -linux::EFAULT;
  if (static_cast<i32>(len) < 0) return -linux::EINVAL;
  SockaddrIn sa{};
  sa.family = AF_INET;
  net::store16(sa.port, a.port);
  net::store32(sa.addr, a.addr);
  usize n = len < sizeof sa ? len : sizeof sa;
  if (n && c.mem->copy_out(uaddr, &sa, n) != Error::Ok) return -linux::EFAULT;
  u32 full = sizeof sa;
  if (c.mem->copy_out(ulen, &full, sizeof full) != Error::Ok) return -linux::EFAULT;
  return 0;
}

struct ReadyCtx {
  net::Socket* s;
};
bool socket_readable(void* ctx) {
  SpinLockGuard g(the_stack->lock());
  return the_stack->readable(static_cast<ReadyCtx*>(ctx)->s);
}
bool socket_writable(void* ctx) {
  SpinLockGuard g(the_stack->lock());
  return the_stack->writable(static_cast<ReadyCtx*>(ctx)->s);
}
bool socket_connected(void* ctx) {  // the handshake finished, one way or the other
  SpinLockGuard g(the_stack->lock());
  return static_cast<ReadyCtx*>(ctx)->s->tcb->state != net::TcpState::SynSent;
}
bool socket_ready_any(void* ctx) { return socket_readable(ctx) || socket_writable(ctx); }

bool is_tcp(const SocketFile* f) { return f->socket()->type == net::SockType::Tcp; }

// Receives one datagram into buf (kernel memory), blocking unless told not to.
i64 receive(SocketFile* f, u8* buf, usize n, net::SockAddr* from, u32 flags, usize* full) {
  bool block = !(flags & MSG_DONTWAIT) && !f->nonblocking();
  for (;;) {
    i64 r;
    {
      SpinLockGuard g(the_stack->lock());
      if (is_tcp(f)) {
        r = the_stack->tcp_recv(f->socket(), buf, n, flags & MSG_PEEK, clock());
        if (from) *from = f->socket()->peer;
        if (full) *full = r > 0 ? static_cast<usize>(r) : 0;
      } else {
        r = the_stack->recv(f->socket(), buf, n, from, flags & MSG_PEEK, full);
      }
    }
    if (r != -net::err::kAgain || !block) return r;
    ReadyCtx ctx{f->socket()};
    Error e = channel->wait(socket_readable, &ctx, f->rcvtimeo_ns ? f->rcvtimeo_ns : WaitChannel::kForever);
    if (e == Error::Interrupted) return -linux::EINTR;
    if (e == Error::TimedOut) return -net::err::kAgain;
  }
}

// A stream: as much as fits, waiting for room unless non-blocking (then a partial count, or
// EAGAIN when nothing fit).
i64 transmit_stream(SocketFile* f, const u8* data, usize n, bool block) {
  usize done = 0;
  while (done < n) {
    i64 r;
    {
      SpinLockGuard g(the_stack->lock());
      r = the_stack->tcp_send(f->socket(), data + done, n - done, clock());
    }
    if (r > 0) {
      done += static_cast<usize>(r);
      continue;
    }
    if (r != -net::err::kAgain || !block) return done ? static_cast<i64>(done) : r;
    ReadyCtx ctx{f->socket()};
    Error e = channel->wait(socket_writable, &ctx, f->sndtimeo_ns ? f->sndtimeo_ns : WaitChannel::kForever);
    if (e == Error::Interrupted) return done ? static_cast<i64>(done) : -linux::EINTR;
    if (e == Error::TimedOut) return done ? static_cast<i64>(done) : -net::err::kAgain;
  }
  return static_cast<i64>(done);
}

i64 transmit(SocketFile* f, const u8* data, usize n, const net::SockAddr* to, bool block = false) {
  if (is_tcp(f)) return transmit_stream(f, data, n, block && !f->nonblocking());
  i64 r;
  bool delivered;
  {
    SpinLockGuard g(the_stack->lock());
    r = the_stack->send(f->socket(), data, n, to, clock());
    delivered = the_stack->take_changed();  // to our own address: delivered already
  }
  if (delivered) socket_state_changed();
  return r;
}

// ---- the calls ----

i64 sys_socket(SyscallContext& c, const SyscallArgs& a) {
  int domain = static_cast<int>(a.a[0]), type = static_cast<int>(a.a[1]), protocol = static_cast<int>(a.a[2]);
  u32 extra = static_cast<u32>(type) & ~static_cast<u32>(SOCK_TYPE_MASK);
  if (extra & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) return -linux::EINVAL;
  type &= SOCK_TYPE_MASK;
  if (domain != AF_INET || !the_stack) return -net::err::kAfNoSupport;
  net::SockType kind;
  if (type == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP)) kind = net::SockType::Udp;
  else if (type == SOCK_DGRAM && protocol == IPPROTO_ICMP) kind = net::SockType::IcmpDgram;
  else if (type == SOCK_RAW && protocol == IPPROTO_ICMP) kind = net::SockType::IcmpRaw;
  else if (type == SOCK_RAW) return -net::err::kProtoNoSupport;
  else if (type == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP)) kind = net::SockType::Tcp;
  else if (type == SOCK_STREAM) return -net::err::kProtoNoSupport;
  else if (type == SOCK_DGRAM) return -net::err::kProtoNoSupport;
  else return -94;  // ESOCKTNOSUPPORT
  net::Socket* s;
  {
    SpinLockGuard g(the_stack->lock());
    s = the_stack->open(kind);
  }
  if (!s) return -linux::ENOMEM;
  int proto = protocol ? protocol : (kind == net::SockType::Tcp ? IPPROTO_TCP : IPPROTO_UDP);
  auto* f = make_file<SocketFile>(s, linux::O_RDWR | (extra & SOCK_NONBLOCK), type, proto);
  if (!f) {
    SpinLockGuard g(the_stack->lock());
    the_stack->close(s);
    return -linux::ENOMEM;
  }
  auto fd = c.files->install(f, extra & SOCK_CLOEXEC);
  return fd.ok() ? fd.value() : fail(fd.error());
}

i64 sys_socketpair(SyscallContext&, const SyscallArgs& a) {
  return static_cast<int>(a.a[0]) == AF_UNIX ? -net::err::kOpNotSupp : -net::err::kAfNoSupport;
}

i64 sys_bind(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  net::SockAddr addr;
  if (i64 r = copy_in_addr(c, a.a[1], a.a[2], &addr, nullptr); r < 0) return r;
  SpinLockGuard g(the_stack->lock());
  return fail_net(the_stack->bind(f.value()->socket(), addr));
}

i64 sys_connect(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  net::SockAddr addr;
  bool unspec = false;
  if (i64 r = copy_in_addr(c, a.a[1], a.a[2], &addr, &unspec); r < 0) return r;
  if (unspec) addr = net::SockAddr{};
  SocketFile* sf = f.value();
  if (!is_tcp(sf)) {
    SpinLockGuard g(the_stack->lock());
    return fail_net(the_stack->connect(sf->socket(), addr));
  }
  i64 r;
  {
    SpinLockGuard g(the_stack->lock());
    r = the_stack->tcp_connect(sf->socket(), addr, clock());
  }
  if (r == -net::err::kAgain) return -kEAlready;
  if (r != -kEInProgress || sf->nonblocking()) return r;
  ReadyCtx ctx{sf->socket()};
  Error e = channel->wait(socket_connected, &ctx, WaitChannel::kForever);
  if (e == Error::Interrupted) return -linux::EINTR;  // the handshake goes on, as on Linux
  SpinLockGuard g(the_stack->lock());
  int err = the_stack->take_tcp_error(sf->socket());  // connect reports it: SO_ERROR then says 0
  return err ? -err : 0;
}

i64 sys_listen(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  if (!is_tcp(f.value())) return -net::err::kOpNotSupp;  // datagram sockets do not listen
  i32 backlog = static_cast<i32>(a.a[1]);
  SpinLockGuard g(the_stack->lock());
  return the_stack->tcp_listen(f.value()->socket(), backlog < 0 ? 0 : static_cast<u32>(backlog));
}

i64 accept_common(SyscallContext& c, u64 fd, u64 uaddr, u64 ulen, u32 flags) {
  auto f = socket_file(c, fd);
  if (!f.ok()) return lookup_error(f.error());
  if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) return -linux::EINVAL;
  SocketFile* sf = f.value();
  if (!is_tcp(sf)) return -net::err::kOpNotSupp;
  sf->ref();  // the descriptor may be closed while we wait
  FileRef hold(sf);
  net::Socket* child = nullptr;
  for (;;) {
    {
      SpinLockGuard g(the_stack->lock());
      if (sf->socket()->tcb->state != net::TcpState::Listen) return -linux::EINVAL;
      child = the_stack->tcp_accept(sf->socket());
    }
    if (child) break;
    if (sf->nonblocking()) return -net::err::kAgain;
    ReadyCtx ctx{sf->socket()};
    Error e = channel->wait(socket_readable, &ctx, WaitChannel::kForever);
    if (e == Error::Interrupted) return -linux::EINTR;
  }
  auto* nf = make_file<SocketFile>(child, linux::O_RDWR | (flags & SOCK_NONBLOCK), SOCK_STREAM, IPPROTO_TCP);
  if (!nf) {
    SpinLockGuard g(the_stack->lock());
    the_stack->close(child, clock());
    return -linux::ENOMEM;
  }
  if (uaddr)
    if (i64 e = copy_out_addr(c, uaddr, ulen, child->peer); e < 0) {
      nf->unref();
      return e;
    }
  auto nfd = c.files->install(nf, flags & SOCK_CLOEXEC);
  return nfd.ok() ? nfd.value() : fail(nfd.error());
}

i64 sys_accept(SyscallContext& c, const SyscallArgs& a) { return accept_common(c, a.a[0], a.a[1], a.a[2], 0); }
i64 sys_accept4(SyscallContext& c, const SyscallArgs& a) {
  return accept_common(c, a.a[0], a.a[1], a.a[2], static_cast<u32>(a.a[3]));
}

i64 sys_getname(SyscallContext& c, const SyscallArgs& a, bool peer) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  net::SockAddr addr;
  {
    SpinLockGuard g(the_stack->lock());
    net::Socket* s = f.value()->socket();
    if (peer && !s->connected) return -net::err::kNotConn;
    addr = peer ? s->peer : s->local;
  }
  return copy_out_addr(c, a.a[1], a.a[2], addr);
}
i64 sys_getsockname(SyscallContext& c, const SyscallArgs& a) { return sys_getname(c, a, false); }
i64 sys_getpeername(SyscallContext& c, const SyscallArgs& a) { return sys_getname(c, a, true); }

i64 sys_sendto(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  usize n = a.a[2];
  u32 flags = static_cast<u32>(a.a[3]);
  if (is_tcp(f.value())) {  // a stream: a destination address is ignored (Linux: the same, or EISCONN)
    bool block = !(flags & MSG_DONTWAIT);
    Bounce b(n);
    usize done = 0;
    while (done < n) {
      usize k = min(b.cap(), n - done);
      if (c.mem->copy_in(b.data(), a.a[1] + done, k) != Error::Ok) return done ? static_cast<i64>(done) : -linux::EFAULT;
      i64 r = transmit(f.value(), b.data(), k, nullptr, block);
      if (r < 0) return done ? static_cast<i64>(done) : r;
      done += static_cast<usize>(r);
      if (static_cast<usize>(r) < k) break;
    }
    return static_cast<i64>(done);
  }
  if (n > kMaxDatagram) return -net::err::kMsgSize;
  net::SockAddr to;
  bool have_to = a.a[4] != 0;
  if (have_to)
    if (i64 r = copy_in_addr(c, a.a[4], a.a[5], &to, nullptr); r < 0) return r;
  Bounce b(n);
  if (b.cap() < n) return -linux::ENOMEM;
  if (n && c.mem->copy_in(b.data(), a.a[1], n) != Error::Ok) return -linux::EFAULT;
  return transmit(f.value(), b.data(), n, have_to ? &to : nullptr);
}

i64 sys_recvfrom(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  u32 flags = static_cast<u32>(a.a[3]);
  usize n = a.a[2] < kMaxDatagram + 20 ? a.a[2] : kMaxDatagram + 20;
  Bounce b(n);
  if (b.cap() < n) return -linux::ENOMEM;
  net::SockAddr from;
  usize full = 0;
  i64 r = receive(f.value(), b.data(), n, &from, flags, &full);
  if (r < 0) return r;
  if (r && c.mem->copy_out(a.a[1], b.data(), static_cast<usize>(r)) != Error::Ok) return -linux::EFAULT;
  if (i64 e = copy_out_addr(c, a.a[4], a.a[5], from); e < 0) return e;
  return (flags & MSG_TRUNC) ? static_cast<i64>(full) : r;
}

struct MsgHdr {
  u64 name;
  u32 namelen;
  u32 pad;
  u64 iov;
  u64 iovlen;
  u64 control;
  u64 controllen;
  i32 flags;
  u32 pad2;
};
static_assert(sizeof(MsgHdr) == 56);
struct Iovec {
  u64 base, len;
};
constexpr u64 kIovMax = 1024;

// Gathers a msghdr's iovecs: their total (Linux caps it) and the copy into buf.
i64 iov_total(SyscallContext& c, const MsgHdr& m, Iovec* iov, usize* total) {
  if (m.iovlen > kIovMax) return -net::err::kMsgSize;
  if (m.iovlen && c.mem->copy_in(iov, m.iov, sizeof(Iovec) * m.iovlen) != Error::Ok) return -linux::EFAULT;
  u64 t = 0;
  for (u64 i = 0; i < m.iovlen; ++i) {
    if (static_cast<i64>(iov[i].len) < 0) return -linux::EINVAL;
    t += iov[i].len;
    if (t > kMaxRw) return -linux::EINVAL;
  }
  *total = static_cast<usize>(t);
  return 0;
}

class IovBuf {
 public:
  explicit IovBuf(u64 n) : v_(static_cast<Iovec*>(env_alloc(sizeof(Iovec) * (n ? n : 1)))) {}
  ~IovBuf() { env_free(v_); }
  IovBuf(const IovBuf&) = delete;
  IovBuf& operator=(const IovBuf&) = delete;
  Iovec* get() { return v_; }

 private:
  Iovec* v_;
};

i64 sys_sendmsg(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  MsgHdr m;
  if (c.mem->copy_in(&m, a.a[1], sizeof m) != Error::Ok) return -linux::EFAULT;
  if (m.iovlen > kIovMax) return -net::err::kMsgSize;
  IovBuf iov(m.iovlen);
  if (!iov.get()) return -linux::ENOMEM;
  usize total;
  if (i64 r = iov_total(c, m, iov.get(), &total); r < 0) return r;
  if (total > kMaxDatagram) return -net::err::kMsgSize;  // (streams too: at most 64 KiB a call here)
  net::SockAddr to;
  if (m.name && !is_tcp(f.value()))
    if (i64 r = copy_in_addr(c, m.name, m.namelen, &to, nullptr); r < 0) return r;
  Bounce b(total);
  if (b.cap() < total) return -linux::ENOMEM;
  usize at = 0;
  for (u64 i = 0; i < m.iovlen; ++i) {
    if (iov.get()[i].len && c.mem->copy_in(b.data() + at, iov.get()[i].base, iov.get()[i].len) != Error::Ok)
      return -linux::EFAULT;
    at += iov.get()[i].len;
  }
  return transmit(f.value(), b.data(), total, m.name && !is_tcp(f.value()) ? &to : nullptr,
                  !(static_cast<u32>(a.a[2]) & MSG_DONTWAIT));
}

i64 sys_recvmsg(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  u32 flags = static_cast<u32>(a.a[2]);
  MsgHdr m;
  if (c.mem->copy_in(&m, a.a[1], sizeof m) != Error::Ok) return -linux::EFAULT;
  if (m.iovlen > kIovMax) return -net::err::kMsgSize;
  IovBuf iov(m.iovlen);
  if (!iov.get()) return -linux::ENOMEM;
  usize total;
  if (i64 r = iov_total(c, m, iov.get(), &total); r < 0) return r;
  if (total > kMaxDatagram + 20) total = kMaxDatagram + 20;
  Bounce b(total);
  if (b.cap() < total) return -linux::ENOMEM;
  net::SockAddr from;
  usize full = 0;
  i64 r = receive(f.value(), b.data(), total, &from, flags, &full);
  if (r < 0) return r;
  usize at = 0;
  for (u64 i = 0; i < m.iovlen && at < static_cast<usize>(r); ++i) {
    usize k = min<usize>(iov.get()[i].len, static_cast<usize>(r) - at);
    if (k && c.mem->copy_out(iov.get()[i].base, b.data() + at, k) != Error::Ok) return -linux::EFAULT;
    at += k;
  }
  if (m.name) {
    SockaddrIn sa{};
    sa.family = AF_INET;
    net::store16(sa.port, from.port);
    net::store32(sa.addr, from.addr);
    usize n = m.namelen < sizeof sa ? m.namelen : sizeof sa;
    if (n && c.mem->copy_out(m.name, &sa, n) != Error::Ok) return -linux::EFAULT;
    m.namelen = sizeof sa;
  }
  m.controllen = 0;  // no ancillary data is produced
  m.flags = full > static_cast<usize>(r) ? static_cast<i32>(MSG_TRUNC) : 0;
  if (c.mem->copy_out(a.a[1], &m, sizeof m) != Error::Ok) return -linux::EFAULT;
  return (flags & MSG_TRUNC) ? static_cast<i64>(full) : r;
}

i64 sys_shutdown(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  int how = static_cast<int>(a.a[1]);
  if (how < 0 || how > 2) return -linux::EINVAL;
  {
    SpinLockGuard g(the_stack->lock());
    net::Socket* s = f.value()->socket();
    if (!s->connected) return -net::err::kNotConn;  // as Linux for datagram sockets
    if (s->type == net::SockType::Tcp) {
      the_stack->tcp_shutdown(s, how != 1, how != 0, clock());
      (void)the_stack->take_changed();
    } else {
      if (how != 1) s->shut_rd = true;
      if (how != 0) s->shut_wr = true;
    }
  }
  socket_state_changed();  // blocked readers see end of file
  return 0;
}

u64 timeval_ns(const u8* tv) {
  i64 sec, usec;
  memcpy(&sec, tv, 8);
  memcpy(&usec, tv + 8, 8);
  if (sec < 0 || usec < 0) return 0;
  return static_cast<u64>(sec) * 1'000'000'000 + static_cast<u64>(usec % 1'000'000) * 1000;
}

i64 sys_setsockopt(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  int level = static_cast<int>(a.a[1]), opt = static_cast<int>(a.a[2]);
  u64 uval = a.a[3], len = static_cast<u32>(a.a[4]);
  u8 v[16] = {};
  if (len > sizeof v) len = sizeof v;
  if (len && c.mem->copy_in(v, uval, len) != Error::Ok) return -linux::EFAULT;
  i32 iv = 0;
  memcpy(&iv, v, 4);
  bool is_int = len >= 4;
  SocketFile* sf = f.value();
  SpinLockGuard g(the_stack->lock());
  net::Socket* s = sf->socket();
  if (level == SOL_SOCKET) {
    switch (opt) {
      case SO_RCVBUF:
        if (!is_int) return -linux::EINVAL;
        // Linux doubles the request for bookkeeping; the minimum keeps one full frame.
        s->rcvbuf = iv < 1024 ? 2048 : (iv > (4 << 20) ? (8 << 20) : static_cast<usize>(iv) * 2);
        return 0;
      case SO_SNDBUF: case SO_REUSEADDR: case SO_BROADCAST: case SO_KEEPALIVE:
        // Accepted as on Linux: datagrams go out at once (no send buffer to size), broadcast is
        // always allowed, and there are no connections to keep alive or ports in TIME_WAIT.
        return is_int ? 0 : -linux::EINVAL;
      case SO_RCVTIMEO: case SO_SNDTIMEO:
        if (len < 16) return -linux::EINVAL;
        (opt == SO_RCVTIMEO ? sf->rcvtimeo_ns : sf->sndtimeo_ns) = timeval_ns(v);
        return 0;
      default: return -net::err::kNoProtoOpt;
    }
  }
  if (level == IPPROTO_TCP && opt == TCP_NODELAY && sf->socket()->type == net::SockType::Tcp)
    return is_int ? 0 : -linux::EINVAL;  // segments always go out at once: there is no Nagle delay
  if (level == IPPROTO_IP) {
    switch (opt) {
      case IP_TTL:
        if (!is_int || iv < -1 || iv == 0 || iv > 255) return -linux::EINVAL;
        s->ttl = static_cast<u8>(iv == -1 ? 64 : iv);
        return 0;
      case IP_MULTICAST_TTL: case IP_TOS:
        return is_int || len >= 1 ? 0 : -linux::EINVAL;  // no multicast; TOS is not used by slirp
      default: return -net::err::kNoProtoOpt;
    }
  }
  return -net::err::kNoProtoOpt;
}

i64 sys_getsockopt(SyscallContext& c, const SyscallArgs& a) {
  auto f = socket_file(c, a.a[0]);
  if (!f.ok()) return lookup_error(f.error());
  int level = static_cast<int>(a.a[1]), opt = static_cast<int>(a.a[2]);
  u32 len;
  if (c.mem->copy_in(&len, a.a[4], sizeof len) != Error::Ok) return -linux::EFAULT;
  if (static_cast<i32>(len) < 0) return -linux::EINVAL;
  SocketFile* sf = f.value();
  i32 iv;
  {
    SpinLockGuard g(the_stack->lock());
    net::Socket* s = sf->socket();
    if (level == SOL_SOCKET && opt == SO_TYPE) iv = sf->type();
    else if (level == SOL_SOCKET && opt == SO_ERROR) iv = s->tcb ? the_stack->take_tcp_error(s) : 0;  // read and cleared
    else if (level == SOL_SOCKET && opt == SO_RCVBUF) iv = static_cast<i32>(s->rcvbuf);
    else if (level == SOL_SOCKET && opt == SO_SNDBUF) iv = 212992;
    else if (level == SOL_SOCKET && opt == SO_PROTOCOL) iv = sf->protocol();
    else if (level == SOL_SOCKET && opt == SO_DOMAIN) iv = AF_INET;
    else if (level == IPPROTO_IP && opt == IP_TTL) iv = s->ttl;
    else return -net::err::kNoProtoOpt;
  }
  u32 n = len < 4 ? len : 4;
  if (n && c.mem->copy_out(a.a[3], &iv, n) != Error::Ok) return -linux::EFAULT;
  if (c.mem->copy_out(a.a[4], &n, sizeof n) != Error::Ok) return -linux::EFAULT;
  return 0;
}

const SyscallEntry kSocketCalls[] = {
    {kSysSocket, "socket", sys_socket},
    {kSysSocketpair, "socketpair", sys_socketpair},
    {kSysBind, "bind", sys_bind},
    {kSysListen, "listen", sys_listen},
    {kSysAccept, "accept", sys_accept},
    {kSysAccept4, "accept4", sys_accept4},
    {kSysConnect, "connect", sys_connect},
    {kSysGetsockname, "getsockname", sys_getsockname},
    {kSysGetpeername, "getpeername", sys_getpeername},
    {kSysSendto, "sendto", sys_sendto},
    {kSysRecvfrom, "recvfrom", sys_recvfrom},
    {kSysSetsockopt, "setsockopt", sys_setsockopt},
    {kSysGetsockopt, "getsockopt", sys_getsockopt},
    {kSysShutdown, "shutdown", sys_shutdown},
    {kSysSendmsg, "sendmsg", sys_sendmsg},
    {kSysRecvmsg, "recvmsg", sys_recvmsg},
};

}  // namespace

void set_socket_backend(net::Stack* stack, u64 (*now_ns)()) {
  if (!channel) channel = wait_channel_create();
  the_stack = channel ? stack : nullptr;
  clock = now_ns;
}

void socket_state_changed() {
  if (channel) channel->wake_all();
}

bool socket_send_raises_sigpipe(u64 nr, u64 a2, u64 a3) {
  if (nr == kSysSendto) return !(a3 & MSG_NOSIGNAL);
  if (nr == kSysSendmsg) return !(a2 & MSG_NOSIGNAL);
  return false;
}

SyscallGroup socket_syscalls() { return {kSocketCalls, sizeof(kSocketCalls) / sizeof(kSocketCalls[0])}; }

bool socket_call_restarts(u64 nr) {
  return nr == kSysRecvfrom || nr == kSysRecvmsg || nr == kSysSendto || nr == kSysSendmsg || nr == kSysAccept4 ||
         nr == kSysAccept;
}

// ---- SocketFile ----

SocketFile::SocketFile(net::Socket* s, u32 flags, int type, int protocol)
    : File(FileKind::Socket, flags), s_(s), type_(type), protocol_(protocol) {}

Result<usize> SocketFile::read(void* buf, usize n, bool may_block) {
  i64 r = receive(this, static_cast<u8*>(buf), n, nullptr, may_block ? 0 : MSG_DONTWAIT, nullptr);
  if (r == -net::err::kAgain) return Error::WouldBlock;
  if (r == -linux::EINTR) return Error::Interrupted;
  if (r == -104 /* ECONNRESET */) return Error::ConnectionReset;
  if (r < 0) return Error::Invalid;
  return static_cast<usize>(r);
}

Result<usize> SocketFile::write(const void* buf, usize n, bool may_block, bool) {
  i64 r = transmit(this, static_cast<const u8*>(buf), n, nullptr, may_block);
  if (r == -net::err::kAgain) return Error::WouldBlock;
  if (r == -linux::EINTR) return Error::Interrupted;
  if (r == -net::err::kDestAddrReq) return Error::Invalid;  // write(2) on an unconnected datagram socket
  if (r == -104 /* ECONNRESET */) return Error::ConnectionReset;  // the reset, reported once; no SIGPIPE
  if (r == -net::err::kPipe) return Error::BrokenPipe;               // the dispatcher adds SIGPIPE
  if (r == -net::err::kMsgSize) return Error::TooBig;
  if (r < 0) return Error::Io;
  return static_cast<usize>(r);
}

Result<fs::Stat> SocketFile::stat() {
  fs::Stat st;
  st.ino = reinterpret_cast<uptr>(s_) >> 4;
  st.mode = kSIfSock | 0777;
  st.nlink = 1;
  return st;
}

usize SocketFile::describe(char* buf, usize cap) const {
  if (!cap) return 0;
  StrView t = net::sock_type_name(s_->type);
  const char* prefix = "socket:";
  usize n = 0;
  for (const char* p = prefix; *p && n + 1 < cap; ++p) buf[n++] = *p;
  for (usize i = 0; i < t.size && n + 1 < cap; ++i) buf[n++] = t.data[i];
  buf[n] = 0;
  return n;
}

Result<i64> SocketFile::ioctl(u32 cmd, u64 arg, UserMemory& mem) {
  if (cmd != linux::FIONREAD) return Error::NotTty;
  i32 n;
  {
    SpinLockGuard g(the_stack->lock());
    if (s_->tcb) n = static_cast<i32>(s_->tcb->rcvbuf.size());  // a stream: all bytes waiting
    else n = s_->head ? static_cast<i32>(s_->head->len) : 0;    // Linux: the next datagram's size
  }
  TRY(mem.copy_out(arg, &n, sizeof(n)));
  return i64{0};
}

Readiness SocketFile::poll() {
  SpinLockGuard g(the_stack->lock());
  return Readiness{the_stack->readable(s_), the_stack->writable(s_), the_stack->hangup(s_)};
}

Error SocketFile::wait_ready(u64 timeout_ns) {
  // Any change of readiness wakes the channel; poll() then looks at what the caller wanted.
  ReadyCtx ctx{s_};
  Readiness now = poll();
  return channel->wait(now.writable ? socket_readable : socket_ready_any, &ctx, timeout_ns);
}

void SocketFile::release() {
  {
    SpinLockGuard g(the_stack->lock());
    the_stack->close(s_, clock());
    (void)the_stack->take_changed();
  }
  s_ = nullptr;
}

}  // namespace sis::proc
