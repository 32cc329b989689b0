// The tty line discipline (see tty.h). Input is a ring of u16 entries (a byte, or an
// end-of-file mark): [tail_, cooked_end_) is readable, [cooked_end_, head_) is the line
// being edited in canonical mode (empty in raw mode).
#include "proc/tty.h"

#include "lib/string.h"
#include "proc/linux_abi.h"
#include "proc/linux_stat.h"
#include "proc/signal_hook.h"
#include "proc/user_memory.h"

namespace sis::proc {

using namespace linux;

namespace {

bool is_ctl(u8 c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f; }

// A small output batch: bytes are collected under the lock and written after it.
struct Batch {
  char b[96];
  usize n = 0;
  void put(char c) {
    if (n < sizeof(b)) b[n++] = c;
  }
};

}  // namespace

termios Tty::default_termios() {
  termios t{};
  t.c_iflag = ICRNL | IXON;
  t.c_oflag = OPOST | ONLCR;
  t.c_cflag = B38400 | CS8 | CREAD | HUPCL;
  t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
  const u8 cc[NCCS] = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0};
  memcpy(t.c_cc, cc, NCCS);
  return t;
}

Tty::Tty(Output out, void* out_ctx, WaitChannel* ch) : out_(out), out_ctx_(out_ctx), ch_(ch), t_(default_termios()) {}

void Tty::receive(char in) {
  Batch echo;
  usize erase = 0;  // columns to rub out with "\b \b"
  int sig = 0, pgrp = 0;
  bool wake = false;
  {
    WaitChannelGuard g(ch_);
    u8 c = static_cast<u8>(in);
    const u32 il = t_.c_iflag, ll = t_.c_lflag;
    const u8* cc = t_.c_cc;
    if (il & ISTRIP) c &= 0x7f;
    if (c == '\r') {
      if (il & IGNCR) return;
      if (il & ICRNL) c = '\n';
    } else if (c == '\n' && (il & INLCR)) {
      c = '\r';
    }
    bool echo_on = ll & ECHO;
    auto echo_byte = [&](u8 b) {
      if ((ll & ECHOCTL) && is_ctl(b)) {
        echo.put('^');
        echo.put(static_cast<char>(b ^ 0x40));
      } else {
        echo.put(static_cast<char>(b));
      }
    };
    if (ll & ISIG) {
      if (cc[VINTR] && c == cc[VINTR]) sig = SIGINT;
      else if (cc[VQUIT] && c == cc[VQUIT]) sig = SIGQUIT;
      else if (cc[VSUSP] && c == cc[VSUSP]) sig = SIGTSTP;
      if (sig) {
        if (!(ll & NOFLSH)) head_ = tail_ = cooked_end_ = 0;
        if (echo_on) echo_byte(c);
        pgrp = fg_pgrp_;
        wake = true;
      }
    }
    if (!sig && (ll & ICANON)) {
      if ((cc[VERASE] && c == cc[VERASE]) || c == '\b') {
        if (head_ > cooked_end_) {
          u16 v = ring_[(head_ - 1) % kInputMax];
          --head_;
          if (echo_on && (ll & ECHOE)) erase = ((ll & ECHOCTL) && v < 0x100 && is_ctl(static_cast<u8>(v))) ? 2 : 1;
        }
      } else if (cc[VKILL] && c == cc[VKILL]) {
        usize cols = 0;
        for (u64 i = cooked_end_; i < head_; ++i) {
          u16 v = ring_[i % kInputMax];
          cols += ((ll & ECHOCTL) && is_ctl(static_cast<u8>(v))) ? 2 : 1;
        }
        head_ = cooked_end_;
        if (echo_on) {
          if (ll & ECHOKE) {
            erase = cols;
          } else if (ll & ECHOK) {
            echo_byte(c);
            echo.put('\n');
          }
        }
      } else if (cc[VEOF] && c == cc[VEOF]) {
        if (head_ - tail_ < kInputMax) {
          push_locked(kEofMark);
          cooked_end_ = head_;
          wake = true;
        }
      } else if (c == '\n' || (cc[VEOL] && c == cc[VEOL]) || (cc[VEOL2] && c == cc[VEOL2])) {
        if (head_ - tail_ < kInputMax) {
          push_locked(c);
          cooked_end_ = head_;
          wake = true;
          if (echo_on || (c == '\n' && (ll & ECHONL))) echo_byte(c);
        }
      } else if (head_ - tail_ < kInputMax - 1) {  // keep room for the line's delimiter
        push_locked(c);
        if (echo_on) echo_byte(c);
      }
    } else if (!sig) {
      if (head_ - tail_ < kInputMax) {
        push_locked(c);
        cooked_end_ = head_;
        wake = true;
        if (echo_on) echo_byte(c);
      }
    }
  }
  if (echo.n) write(echo.b, echo.n);
  for (usize i = 0; i < erase; ++i) output_raw("\b \b", 3);
  if (wake) ch_->wake_all();
  if (sig && pgrp > 0) signal_pgrp(pgrp, sig);
}

bool Tty::readable_locked() const {
  if (t_.c_lflag & ICANON) return cooked_end_ > tail_;
  return available_locked() > 0 || (t_.c_cc[VMIN] == 0 && t_.c_cc[VTIME] == 0);
}

bool Tty::readable_now() const {
  WaitChannelGuard g(ch_);
  return readable_locked();
}

Error Tty::wait_readable(u64 timeout_ns) {
  return ch_->wait([](void* ctx) { return static_cast<Tty*>(ctx)->readable_locked(); }, this,
                   timeout_ns == File::kForever ? WaitChannel::kForever : timeout_ns);
}

usize Tty::readable_bytes() const {
  WaitChannelGuard g(ch_);
  usize n = 0;
  for (u64 i = tail_; i < cooked_end_; ++i) n += ring_[i % kInputMax] != kEofMark;
  return n;
}

Result<usize> Tty::read_canonical(u8* buf, usize n) {
  usize got = 0;
  while (got < n && tail_ < cooked_end_) {
    u16 v = ring_[tail_ % kInputMax];
    ++tail_;
    if (v == kEofMark) break;  // ends the line; not returned
    u8 c = static_cast<u8>(v);
    buf[got++] = c;
    if (c == '\n' || (t_.c_cc[VEOL] && c == t_.c_cc[VEOL]) || (t_.c_cc[VEOL2] && c == t_.c_cc[VEOL2])) break;
  }
  if (tail_ == head_) head_ = tail_ = cooked_end_ = 0;
  return got;
}

usize Tty::read_raw(u8* buf, usize n) {
  usize got = 0;
  while (got < n && tail_ < cooked_end_) {
    u16 v = ring_[tail_ % kInputMax];
    ++tail_;
    if (v != kEofMark) buf[got++] = static_cast<u8>(v);
  }
  if (tail_ == head_) head_ = tail_ = cooked_end_ = 0;
  return got;
}

Result<usize> Tty::read(void* out, usize n, bool may_block) {
  if (n == 0) return usize{0};
  u8* buf = static_cast<u8*>(out);
  for (;;) {
    u64 timeout = WaitChannel::kForever;
    usize need = 1;  // raw mode: bytes that must be readable
    {
      WaitChannelGuard g(ch_);
      if (t_.c_lflag & ICANON) {
        if (cooked_end_ > tail_) return read_canonical(buf, n);
      } else {
        usize vmin = t_.c_cc[VMIN], vtime = t_.c_cc[VTIME];
        need = (vmin == 0 || vtime != 0) ? 1 : min(vmin, n);
        if (vmin == 0 && vtime == 0) return read_raw(buf, n);
        if (available_locked() >= need) return read_raw(buf, n);
        if (vmin == 0) timeout = static_cast<u64>(vtime) * 100'000'000ull;
      }
    }
    if (!may_block) return Error::WouldBlock;
    struct Want {
      Tty* tty;
      usize need;
    } want{this, need};
    Error e = ch_->wait(
        [](void* ctx) {
          auto* w = static_cast<Want*>(ctx);
          Tty* t = w->tty;
          // A change of mode (TCSETS) wakes the reader too: the loop above re-decides.
          if (t->t_.c_lflag & ICANON) return t->cooked_end_ > t->tail_;
          return t->available_locked() >= w->need;
        },
        &want, timeout);
    if (e == Error::TimedOut) {
      WaitChannelGuard g(ch_);
      return read_raw(buf, n);
    }
    if (e != Error::Ok) return e;
  }
}

usize Tty::write(const void* data, usize n) {
  const char* s = static_cast<const char*>(data);
  u32 ol;
  {
    WaitChannelGuard g(ch_);
    ol = t_.c_oflag;
  }
  if (!(ol & OPOST) || !(ol & (ONLCR | OCRNL))) {
    output_raw(s, n);
    return n;
  }
  usize start = 0;
  for (usize i = 0; i < n; ++i) {
    char c = s[i];
    if (c == '\n' && (ol & ONLCR)) {
      if (i > start) output_raw(s + start, i - start);
      output_raw("\r\n", 2);
      start = i + 1;
    } else if (c == '\r' && (ol & OCRNL)) {
      if (i > start) output_raw(s + start, i - start);
      output_raw("\n", 1);
      start = i + 1;
    }
  }
  if (n > start) output_raw(s + start, n - start);
  return n;
}

termios Tty::get_termios() const {
  WaitChannelGuard g(ch_);
  return t_;
}

void Tty::set_termios(const linux::termios& t, bool flush) {
  {
    WaitChannelGuard g(ch_);
    bool was_canon = t_.c_lflag & ICANON;
    t_ = t;
    if (flush) head_ = tail_ = cooked_end_ = 0;
    // Leaving canonical mode makes the line being edited readable.
    if (was_canon && !(t_.c_lflag & ICANON)) cooked_end_ = head_;
  }
  ch_->wake_all();
}

void Tty::flush_input() {
  WaitChannelGuard g(ch_);
  head_ = tail_ = cooked_end_ = 0;
}

winsize Tty::winsize() const {
  WaitChannelGuard g(ch_);
  return ws_;
}

void Tty::set_winsize(const linux::winsize& w) {
  int pgrp;
  bool changed;
  {
    WaitChannelGuard g(ch_);
    changed = memcmp(&ws_, &w, sizeof(w)) != 0;
    ws_ = w;
    pgrp = fg_pgrp_;
  }
  if (changed && pgrp > 0) signal_pgrp(pgrp, SIGWINCH);
}

int Tty::foreground_pgrp() const {
  WaitChannelGuard g(ch_);
  return fg_pgrp_;
}

void Tty::set_foreground_pgrp(int pgid) {
  WaitChannelGuard g(ch_);
  fg_pgrp_ = pgid;
}

int Tty::session() const {
  WaitChannelGuard g(ch_);
  return sid_;
}

void Tty::set_session(int sid) {
  WaitChannelGuard g(ch_);
  sid_ = sid;
}

Error TtyFile::background_check(int sig) {
  int fg = tty_->foreground_pgrp(), sid = tty_->session();
  if (fg <= 0 || sid <= 0) return Error::Ok;  // no job control on this tty now
  CallerJob me = caller_job(sig);
  if (me.sid != sid || me.pgid == fg) return Error::Ok;  // not its controlling tty, or in front
  if (!me.sig_acts) return sig == linux::SIGTTIN ? Error::Io : Error::Ok;
  if (me.orphaned) return Error::Io;
  signal_pgrp(me.pgid, sig);
  return Error::Interrupted;
}

Result<usize> TtyFile::read(void* buf, usize n, bool may_block) {
  TRY(background_check(linux::SIGTTIN));
  return tty_->read(buf, n, may_block);
}

Result<usize> TtyFile::write(const void* buf, usize n, bool, bool) {
  if (tty_->get_termios().c_lflag & linux::TOSTOP) TRY(background_check(linux::SIGTTOU));
  return tty_->write(buf, n);
}

Result<fs::Stat> TtyFile::stat() {
  fs::Stat st;
  st.ino = 0x500;  // /dev/tty's device number (5:0), reported as st_rdev too
  st.mode = S_IFCHR | 0620;
  st.nlink = 1;
  return st;
}

Result<i64> TtyFile::ioctl(u32 cmd, u64 arg, UserMemory& mem) {
  switch (cmd) {
    case TCGETS: {
      linux::termios t = tty_->get_termios();
      TRY(mem.copy_out(arg, &t, sizeof(t)));
      return i64{0};
    }
    case TCSETS:
    case TCSETSW:  // output is never queued: "after draining" is now
    case TCSETSF: {
      TRY(background_check(linux::SIGTTOU));
      linux::termios t;
      TRY(mem.copy_in(&t, arg, sizeof(t)));
      tty_->set_termios(t, cmd == TCSETSF);
      return i64{0};
    }
    case TIOCGWINSZ: {
      linux::winsize w = tty_->winsize();
      TRY(mem.copy_out(arg, &w, sizeof(w)));
      return i64{0};
    }
    case TIOCSWINSZ: {
      linux::winsize w;
      TRY(mem.copy_in(&w, arg, sizeof(w)));
      tty_->set_winsize(w);
      return i64{0};
    }
    case TIOCGPGRP: {
      i32 pg = tty_->foreground_pgrp();
      TRY(mem.copy_out(arg, &pg, sizeof(pg)));
      return i64{0};
    }
    case TIOCSPGRP: {
      TRY(background_check(linux::SIGTTOU));
      i32 pg;
      TRY(mem.copy_in(&pg, arg, sizeof(pg)));
      if (pg < 0) return Error::Invalid;
      tty_->set_foreground_pgrp(pg);
      return i64{0};
    }
    case TIOCGSID: {
      i32 sid = tty_->session();
      TRY(mem.copy_out(arg, &sid, sizeof(sid)));
      return i64{0};
    }
    case FIONREAD: {
      i32 n = static_cast<i32>(tty_->readable_bytes());
      TRY(mem.copy_out(arg, &n, sizeof(n)));
      return i64{0};
    }
    case TCFLSH:
      if (arg > 2) return Error::Invalid;
      if (arg != 1) tty_->flush_input();  // TCIFLUSH or TCIOFLUSH; output is never queued
      return i64{0};
    case TIOCSCTTY:
    case TIOCNOTTY:
    case TCSBRK:
    case TCXONC:
      return i64{0};
    default:
      return Error::NotTty;
  }
}

}  // namespace sis::proc
