// The Linux terminal ABI for the console tty: the kernel's struct termios (asm-generic
// termbits.h: NCCS 19, 36 bytes, what TCGETS/TCSETS copy), struct winsize, the flag bits,
// the c_cc indices and the tty ioctl numbers. Facts from the UAPI headers.
#pragma once
#include "lib/types.h"

namespace sis::proc::linux {

constexpr usize NCCS = 19;
struct termios {
  u32 c_iflag;
  u32 c_oflag;
  u32 c_cflag;
  u32 c_lflag;
  u8 c_line;
  u8 c_cc[NCCS];
};
static_assert(sizeof(termios) == 36 && __builtin_offsetof(termios, c_cc) == 17);

struct winsize {
  u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};
static_assert(sizeof(winsize) == 8);

// c_cc indices
constexpr usize VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6,
                VSWTC = 7, VSTART = 8, VSTOP = 9, VSUSP = 10, VEOL = 11, VREPRINT = 12,
                VDISCARD = 13, VWERASE = 14, VLNEXT = 15, VEOL2 = 16;
// c_iflag
constexpr u32 IGNBRK = 01, BRKINT = 02, IGNPAR = 04, PARMRK = 010, INPCK = 020, ISTRIP = 040,
              INLCR = 0100, IGNCR = 0200, ICRNL = 0400, IUCLC = 01000, IXON = 02000,
              IXANY = 04000, IXOFF = 010000, IMAXBEL = 020000, IUTF8 = 040000;
// c_oflag
constexpr u32 OPOST = 01, OLCUC = 02, ONLCR = 04, OCRNL = 010, ONOCR = 020, ONLRET = 040;
// c_cflag
constexpr u32 B38400 = 017, CS8 = 060, CREAD = 0200, HUPCL = 02000, CLOCAL = 04000;
// c_lflag
constexpr u32 ISIG = 01, ICANON = 02, ECHO = 010, ECHOE = 020, ECHOK = 040, ECHONL = 0100,
              NOFLSH = 0200, TOSTOP = 0400, ECHOCTL = 01000, ECHOPRT = 02000, ECHOKE = 04000,
              IEXTEN = 0100000;

// tty ioctls (asm-generic/ioctls.h)
constexpr u32 TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404,
              TCSBRK = 0x5409, TCXONC = 0x540A, TCFLSH = 0x540B, TIOCSCTTY = 0x540E,
              TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411, TIOCGWINSZ = 0x5413,
              TIOCSWINSZ = 0x5414, FIONREAD = 0x541B, TIOCNOTTY = 0x5422, FIONBIO = 0x5421,
              TIOCGSID = 0x5429;

}  // namespace sis::proc::linux
