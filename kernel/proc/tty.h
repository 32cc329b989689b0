// Tty: a terminal line discipline, portable (host-tested), fed bytes by a device and
// writing through an output function. The console tty (console_tty.cpp) is the one the
// kernel has.
//
// Input (receive(), called from the device's receive interrupt):
//  - ICRNL/IGNCR/INLCR map CR and NL; ISIG turns VINTR (^C), VQUIT (^\) and VSUSP (^Z)
//    into SIGINT, SIGQUIT and SIGTSTP for the foreground process group (signal_hook.h's
//    signal_pgrp), flushing pending input unless NOFLSH;
//  - canonical mode (ICANON): lines are edited until a delimiter (NL, VEOL, VEOF) completes
//    them: VERASE (DEL, and ^H) erases a character, VKILL (^U) the line, VEOF (^D) ends the
//    line without itself, and on an empty line makes read return 0 (end of file);
//  - non-canonical mode: every byte is readable at once; read follows VMIN/VTIME (MIN=0
//    TIME=0 polls, MIN>0 waits for MIN bytes, TIME>0 gives up after TIME tenths of a second
//    with what arrived — the inter-byte timer of MIN>0 TIME>0 is approximated by waiting
//    for the first byte only);
//  - ECHO echoes input (ECHOCTL as ^X, ECHOE erases with "\b \b", ECHOK/ECHOKE for kill,
//    ECHONL echoes NL without ECHO).
// Output (write()): OPOST with ONLCR turns "\n" into "\r\n", OCRNL "\r" into "\n".
// Not offered: IXON flow control, TOSTOP/SIGTTIN/SIGTTOU for background groups, VLNEXT,
// VWERASE, VREPRINT.
//
// All state is guarded by the tty's WaitChannel lock; output and signals happen after it is
// dropped.
#pragma once
#include "lib/string.h"
#include "proc/file.h"
#include "proc/file_wait.h"
#include "proc/linux_termios.h"

namespace sis::proc {

class Tty {
 public:
  using Output = void (*)(void* ctx, const char* s, usize n);
  static constexpr usize kInputMax = 4096;  // MAX_CANON/N_TTY_BUF_SIZE

  // ch: the channel readers block on (owned by the caller, outlives the tty).
  Tty(Output out, void* out_ctx, WaitChannel* ch);

  // One byte from the device (interrupt context).
  void receive(char c);
  // Blocking read as the termios settings say (see above).
  Result<usize> read(void* buf, usize n, bool may_block);
  // Output with OPOST processing; never blocks.
  usize write(const void* buf, usize n);

  linux::termios get_termios() const;
  // TCSETS (flush_input: TCSETSF). Canonical -> raw makes the half-edited line readable.
  void set_termios(const linux::termios& t, bool flush_input);
  linux::winsize winsize() const;
  void set_winsize(const linux::winsize& w);  // SIGWINCH to the foreground group on change
  int foreground_pgrp() const;
  void set_foreground_pgrp(int pgid);
  int session() const;
  void set_session(int sid);
  usize readable_bytes() const;  // FIONREAD
  void flush_input();
  bool readable_now() const;     // what poll() says (caller need not hold the lock)
  Error wait_readable(u64 timeout_ns);

  // The standard settings (Linux's tty_std_termios): cooked, echo, ISIG, ONLCR.
  static linux::termios default_termios();

 private:
  // Input ring entries: a byte, or kEofMark (VEOF: ends a line without being returned).
  static constexpr u16 kEofMark = 0x100;

  bool readable_locked() const;
  usize available_locked() const { return static_cast<usize>(cooked_end_ - tail_); }
  void push_locked(u16 v) { ring_[head_++ % kInputMax] = v; }
  Result<usize> read_canonical(u8* buf, usize n);
  usize read_raw(u8* buf, usize n);
  void output_raw(const char* s, usize n) { out_(out_ctx_, s, n); }

  Output out_;
  void* out_ctx_;
  WaitChannel* ch_;
  linux::termios t_;
  linux::winsize ws_{24, 80, 0, 0};
  int fg_pgrp_ = 0;
  int sid_ = 0;
  u16 ring_[kInputMax];
  u64 head_ = 0, tail_ = 0;
  u64 cooked_end_ = 0;  // bytes before this are readable; after it, the line being edited
};

// A descriptor's view of a tty (the tty is not owned: it outlives every TtyFile).
class TtyFile final : public File {
 public:
  TtyFile(Tty* tty, u32 flags) : File(FileKind::Tty, flags), tty_(tty) {}
  Result<usize> read(void* buf, usize n, bool may_block) override;
  Result<usize> write(const void* buf, usize n, bool, bool) override;
  Result<fs::Stat> stat() override;
  usize describe(char* buf, usize cap) const override { return copy_cstr(buf, cap, "/dev/tty"); }
  Result<i64> ioctl(u32 cmd, u64 arg, UserMemory& mem) override;
  Readiness poll() override { return {tty_->readable_now(), true, false}; }
  Error wait_ready(u64 timeout_ns) override { return tty_->wait_readable(timeout_ns); }
  Tty* tty() const { return tty_; }

 private:
  // A process of a background group of the tty's session that reads (SIGTTIN), or writes
  // with TOSTOP or changes the tty's settings (SIGTTOU), stops its whole group: Interrupted,
  // and the call runs again once the group is continued (signal.h). EIO instead when the
  // group could never be continued by its shell (orphaned) or a read's SIGTTIN is ignored or
  // blocked; an ignored or blocked SIGTTOU lets the write or change go ahead.
  Error background_check(int sig);

  Tty* tty_;
};

}  // namespace sis::proc
