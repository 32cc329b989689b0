// Sockets for user space (Linux aarch64 numbers and semantics): socket, socketpair (refused:
// no AF_UNIX), bind, listen, accept, accept4, connect, getsockname, getpeername, sendto,
// recvfrom, sendmsg, recvmsg, shutdown, setsockopt and getsockopt for the common options.
// AF_INET only: SOCK_STREAM (TCP), SOCK_DGRAM (UDP, and IPPROTO_ICMP ping sockets) and
// SOCK_RAW with IPPROTO_ICMP (busybox ping). Differences from Linux are in docs/network.md
// (no SIGPIPE from send(), read() after a reset reports EIO, no ancillary data).
//
// A socket is a File (SocketFile): read/write are recv/send on the connected peer, poll
// reports readable when a datagram waits, and blocked callers sleep on one wait channel
// that the network thread wakes (socket_state_changed) whenever the stack delivered data.
// Portable: the stack and the clock come from set_socket_backend (the kernel's net::stack();
// host tests a stack of their own).
#pragma once
#include "net/stack.h"
#include "proc/file.h"
#include "proc/syscall_context.h"

namespace sis::proc {

class WaitChannel;

// Where the socket calls find the stack. Without one (no NIC), socket(AF_INET, ...) fails
// with EAFNOSUPPORT, as on a kernel without IPv4.
void set_socket_backend(net::Stack* stack, u64 (*now_ns)());
// The stack changed (a datagram arrived): wakes every blocked socket caller.
void socket_state_changed();

SyscallGroup socket_syscalls();
// System calls that restart after a signal handler with SA_RESTART (Linux: ERESTARTSYS).
bool socket_call_restarts(u64 nr);
// Whether call nr, having failed with EPIPE, also raises SIGPIPE: sendto(2) and sendmsg(2)
// do unless their flags (a2: sendmsg's, a3: sendto's) hold MSG_NOSIGNAL. The dispatcher
// sends the signal, as it does for write(2).
bool socket_send_raises_sigpipe(u64 nr, u64 a2, u64 a3);

class SocketFile final : public File {
 public:
  SocketFile(net::Socket* s, u32 flags, int type, int protocol);
  net::Socket* socket() const { return s_; }
  int type() const { return type_; }
  int protocol() const { return protocol_; }
  u64 rcvtimeo_ns = 0, sndtimeo_ns = 0;  // 0: wait forever

  Result<usize> read(void* buf, usize n, bool may_block) override;
  Result<usize> write(const void* buf, usize n, bool may_block, bool atomic) override;
  Result<fs::Stat> stat() override;
  usize describe(char* buf, usize cap) const override;
  Result<i64> ioctl(u32 cmd, u64 arg, UserMemory& mem) override;  // FIONREAD
  Readiness poll() override;
  Error wait_ready(u64 timeout_ns) override;

 protected:
  void release() override;

 private:
  net::Socket* s_;
  int type_, protocol_;
};

}  // namespace sis::proc
