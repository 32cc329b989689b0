// The tty line discipline: canonical editing (erase, kill, EOF), echo and output
// processing, signals to the foreground group, raw mode with VMIN/VTIME, and the ioctls.
#include "test_file_hooks.h"  // first: see there
#include "fake_user_memory.h"

#include <gtest/gtest.h>

#include <string>

using namespace sis;
using namespace sis::proc;
using namespace sis::proc::test;

namespace {

struct TtyTest : ::testing::Test {
  std::string screen;  // everything the tty wrote to its device
  WaitChannel* ch = nullptr;
  Tty* tty = nullptr;
  void SetUp() override {
    hooks().reset();
    ch = wait_channel_create();
    tty = new Tty([](void* ctx, const char* s, usize n) { static_cast<std::string*>(ctx)->append(s, n); }, &screen, ch);
  }
  void TearDown() override {
    delete tty;
    wait_channel_destroy(ch);
    EXPECT_TRUE(hooks().on_block.empty());
    EXPECT_EQ(File::live_count(), 0u);
  }
  void type(const std::string& s) {
    for (char c : s) tty->receive(c);
  }
  std::string read(usize n = 256, bool block = true) {
    std::string s(n, '\0');
    auto r = tty->read(s.data(), n, block);
    if (!r.ok()) return std::string("<") + error_name(r.error()) + ">";
    s.resize(r.value());
    return s;
  }
  void set(u32 lflag_clear, u32 lflag_set, u8 vmin = 1, u8 vtime = 0) {
    kabi::termios t = tty->get_termios();
    t.c_lflag = (t.c_lflag & ~lflag_clear) | lflag_set;
    t.c_cc[kVMIN] = vmin;
    t.c_cc[kVTIME] = vtime;
    tty->set_termios(t, false);
  }
};

TEST_F(TtyTest, CanonicalReadsWaitForAWholeLine) {
  type("ec");
  EXPECT_EQ(read(256, false), "<" + std::string(error_name(Error::WouldBlock)) + ">");
  hooks().on_block.push_back([&] { type("ho\r"); });  // Enter sends CR; ICRNL makes it NL
  EXPECT_EQ(read(), "echo\n");
  EXPECT_EQ(hooks().blocks, 1u);
}

TEST_F(TtyTest, CanonicalReadsReturnOneLineAtATime) {
  type("one\ntwo\n");
  EXPECT_EQ(read(), "one\n");
  EXPECT_EQ(read(2), "tw");
  EXPECT_EQ(read(), "o\n");
}

TEST_F(TtyTest, EraseAndKillEditTheLineAndTheScreen) {
  type("lx\x7f");  // DEL erases
  type("s\x08");   // so does ^H
  type("s -l\n");
  EXPECT_EQ(read(), "ls -l\n");
  EXPECT_EQ(screen, "lx\b \bs\b \bs -l\r\n");
  screen.clear();
  type("garbage\x15");  // ^U kills the line
  type("ok\n");
  EXPECT_EQ(read(), "ok\n");
  EXPECT_EQ(screen.substr(0, 7), "garbage");
  std::string rub;
  for (int i = 0; i < 7; ++i) rub += "\b \b";
  EXPECT_EQ(screen.substr(7, rub.size()), rub);
  type("\x7f\x7f");  // erasing an empty line does nothing
  EXPECT_EQ(screen.substr(7 + rub.size()), "ok\r\n");
}

TEST_F(TtyTest, ControlDEndsALineOrTheInput) {
  type("abc\x04");
  EXPECT_EQ(read(), "abc") << "^D hands over the line without a newline";
  type("\x04");
  EXPECT_EQ(read(), "") << "^D on an empty line is end of file";
  type("next\n");
  EXPECT_EQ(read(), "next\n");
}

TEST_F(TtyTest, ControlCSignalsTheForegroundGroupAndFlushesInput) {
  tty->set_foreground_pgrp(42);
  type("half a line");
  type("\x03");
  ASSERT_EQ(hooks().signals.size(), 1u);
  EXPECT_EQ(hooks().signals[0], std::make_pair(42, kSIGINT));
  type("\x1c");
  EXPECT_EQ(hooks().signals[1], std::make_pair(42, kSIGQUIT));
  type("\x1a");
  EXPECT_EQ(hooks().signals[2], std::make_pair(42, kSIGTSTP));
  type("new\n");
  EXPECT_EQ(read(), "new\n") << "the half line was flushed";
  EXPECT_NE(screen.find("^C"), std::string::npos);
}

TEST_F(TtyTest, ABlockedReadIsInterruptedByTheSignalControlCRaises) {
  tty->set_foreground_pgrp(7);
  hooks().on_block.push_back([&] {
    type("\x03");
    hooks().signal_pending = true;  // what the lead's signal_pgrp does to the reader
  });
  EXPECT_EQ(read(), "<" + std::string(error_name(Error::Interrupted)) + ">");
  EXPECT_EQ(hooks().signals.size(), 1u);
}

TEST_F(TtyTest, WithoutIsigControlCIsJustAByte) {
  set(kICANON | kISIG | kECHO, 0);
  type("\x03");
  EXPECT_EQ(read(), "\x03");
  EXPECT_TRUE(hooks().signals.empty());
}

TEST_F(TtyTest, OutputTurnsNewlinesIntoCrLfUnlessOpostIsOff) {
  tty->write("a\nb\n", 4);
  EXPECT_EQ(screen, "a\r\nb\r\n");
  kabi::termios t = tty->get_termios();
  t.c_oflag &= ~kOPOST;
  tty->set_termios(t, false);
  screen.clear();
  tty->write("a\nb", 3);
  EXPECT_EQ(screen, "a\nb");
}

TEST_F(TtyTest, EchoShowsControlCharactersAsCaretLetters) {
  set(kICANON, 0);
  type("\x01x");
  EXPECT_EQ(screen, "^Ax");
  screen.clear();
  set(kECHO, 0);
  type("y");
  EXPECT_EQ(screen, "");
}

TEST_F(TtyTest, RawModeWithVminOneReturnsEachByte) {
  set(kICANON | kECHO, 0, 1, 0);  // what busybox's line editor asks for
  type("ab");
  EXPECT_EQ(read(1), "a");
  EXPECT_EQ(read(), "b");
  hooks().on_block.push_back([&] { type("\x7f"); });
  EXPECT_EQ(read(), "\x7f") << "no editing in raw mode";
}

TEST_F(TtyTest, RawModeVminWaitsForThatManyBytes) {
  set(kICANON, 0, 3, 0);
  type("a");
  hooks().on_block.push_back([&] { type("b"); });
  hooks().on_block.push_back([&] { type("c"); });
  EXPECT_EQ(read(), "abc");
  EXPECT_EQ(hooks().blocks, 2u);
}

TEST_F(TtyTest, RawModeVminZeroVtimeZeroPolls) {
  set(kICANON, 0, 0, 0);
  EXPECT_EQ(read(), "");
  type("z");
  EXPECT_EQ(read(), "z");
}

TEST_F(TtyTest, RawModeVtimeGivesUpWithWhatArrived) {
  set(kICANON, 0, 0, 5);
  EXPECT_EQ(read(), "") << "the scripted channel times out: nothing arrived";
  EXPECT_EQ(hooks().blocks, 1u);
}

TEST_F(TtyTest, LeavingCanonicalModeMakesTheEditedLineReadable) {
  type("par");
  set(kICANON, 0, 1, 0);
  EXPECT_EQ(read(), "par");
}

TEST_F(TtyTest, TheInputLineIsBoundedAndKeepsRoomForNewline) {
  type(std::string(Tty::kInputMax + 100, 'x'));
  type("\n");
  std::string got;
  for (int i = 0; i < 100 && got.find('\n') == std::string::npos; ++i) got += read(8192);
  EXPECT_EQ(got.size(), Tty::kInputMax);
  EXPECT_EQ(got.back(), '\n');
}

struct TtyFileTest : TtyTest {
  FakeUserMemory mem;
};

TEST_F(TtyFileTest, IoctlsUseTheKernelTermiosAndWinsizeLayouts) {
  TtyFile* f = make_file<TtyFile>(tty, kO_RDWR);
  u64 t = mem.alloc(36);
  ASSERT_TRUE(f->ioctl(kTCGETS, t, mem).ok());
  const u8* b = mem.at(t);
  EXPECT_EQ(ld32(b + 0), kICRNL | 02000u);  // c_iflag: ICRNL | IXON
  EXPECT_EQ(ld32(b + 4), kOPOST | kONLCR);  // c_oflag
  EXPECT_NE(ld32(b + 12) & kICANON, 0u);    // c_lflag
  EXPECT_EQ(b[17 + kVINTR], 3);             // c_cc starts at 17
  EXPECT_EQ(b[17 + kVERASE], 0x7f);
  EXPECT_EQ(b[17 + kVEOF], 4);
  EXPECT_EQ(b[17 + kVMIN], 1);
  // TCSETS: clear ICANON and ECHO.
  st32(mem.at(t + 12), ld32(b + 12) & ~(kICANON | kECHO));
  ASSERT_TRUE(f->ioctl(kTCSETS, t, mem).ok());
  EXPECT_EQ(tty->get_termios().c_lflag & (kICANON | kECHO), 0u);
  u64 w = mem.alloc(8);
  ASSERT_TRUE(f->ioctl(kTIOCGWINSZ, w, mem).ok());
  EXPECT_EQ(ld16(mem.at(w)), 24);
  EXPECT_EQ(ld16(mem.at(w + 2)), 80);
  tty->set_foreground_pgrp(5);
  st16(mem.at(w), 50);
  ASSERT_TRUE(f->ioctl(kTIOCSWINSZ, w, mem).ok());
  EXPECT_EQ(tty->winsize().ws_row, 50);
  ASSERT_EQ(hooks().signals.size(), 1u);
  EXPECT_EQ(hooks().signals[0], std::make_pair(5, kSIGWINCH));
  u64 pg = mem.alloc(4);
  st32(mem.at(pg), 99);
  ASSERT_TRUE(f->ioctl(kTIOCSPGRP, pg, mem).ok());
  st32(mem.at(pg), 0);
  ASSERT_TRUE(f->ioctl(kTIOCGPGRP, pg, mem).ok());
  EXPECT_EQ(ld32(mem.at(pg)), 99u);
  EXPECT_EQ(f->ioctl(kTCGETS, FakeUserMemory::kHole, mem).error(), Error::Fault);
  EXPECT_EQ(f->ioctl(kTCSETS, FakeUserMemory::kHole, mem).error(), Error::Fault);
  EXPECT_EQ(f->ioctl(0x1234, t, mem).error(), Error::NotTty);
  EXPECT_EQ(f->lseek(0, 0).error(), Error::NoSeek);
  EXPECT_EQ(f->fsync(), Error::Invalid);
  EXPECT_EQ(f->stat().value().mode & kS_IFMT, kS_IFCHR);
  f->unref();
}

TEST_F(TtyFileTest, TcsetsfFlushesPendingInput) {
  TtyFile* f = make_file<TtyFile>(tty, kO_RDWR);
  type("stale\n");
  u64 t = mem.alloc(36);
  ASSERT_TRUE(f->ioctl(kTCGETS, t, mem).ok());
  ASSERT_TRUE(f->ioctl(kTCSETSF, t, mem).ok());
  EXPECT_EQ(read(256, false), "<" + std::string(error_name(Error::WouldBlock)) + ">");
  f->unref();
}

// Job control: the tty belongs to session 3 with group 5 in front; the caller is in group 9.
struct TtyJobControlTest : TtyFileTest {
  TtyFile* f = nullptr;
  void SetUp() override {
    TtyFileTest::SetUp();
    f = make_file<TtyFile>(tty, kO_RDWR);
    tty->set_session(3);
    tty->set_foreground_pgrp(5);
    hooks().job = CallerJob{9, 3, true, false};
  }
  void TearDown() override {
    f->unref();
    TtyFileTest::TearDown();
  }
  Error read_error() {
    char c;
    auto r = f->read(&c, 1, false);
    return r.ok() ? Error::Ok : r.error();
  }
};

TEST_F(TtyJobControlTest, ABackgroundReadStopsItsGroupWithSigttin) {
  type("x\n");
  EXPECT_EQ(read_error(), Error::Interrupted) << "the read runs again once the group is continued";
  ASSERT_EQ(hooks().signals.size(), 1u);
  EXPECT_EQ(hooks().signals[0], std::make_pair(9, kSIGTTIN));
  hooks().job.pgid = 5;  // brought to the front (fg): the read goes through
  EXPECT_EQ(read_error(), Error::Ok);
}

TEST_F(TtyJobControlTest, ABackgroundReadGetsEioWhenSigttinCannotStopIt) {
  hooks().job.sig_acts = false;  // SIGTTIN ignored or blocked
  EXPECT_EQ(read_error(), Error::Io);
  hooks().job = CallerJob{9, 3, true, true};  // an orphaned group: no shell could continue it
  EXPECT_EQ(read_error(), Error::Io);
  EXPECT_TRUE(hooks().signals.empty());
}

TEST_F(TtyJobControlTest, ReadsOutsideTheTtysSessionOrWithoutJobControlAreNotChecked) {
  type("ab\n");
  hooks().job.sid = 4;
  EXPECT_EQ(read_error(), Error::Ok);
  hooks().job.sid = 3;
  tty->set_foreground_pgrp(0);  // nobody in front (the console is not handed to a job)
  EXPECT_EQ(read_error(), Error::Ok);
  EXPECT_TRUE(hooks().signals.empty());
}

TEST_F(TtyJobControlTest, BackgroundWritesStopOnlyWithTostopAndSettingsChangesAlways) {
  EXPECT_EQ(f->write("a", 1, false, false).value(), 1u) << "without TOSTOP a background job may write";
  u64 t = mem.alloc(36);
  hooks().job.pgid = 5;
  ASSERT_TRUE(f->ioctl(kTCGETS, t, mem).ok());
  st32(mem.at(t + 12), ld32(mem.at(t + 12)) | kTOSTOP);
  ASSERT_TRUE(f->ioctl(kTCSETS, t, mem).ok());
  hooks().job.pgid = 9;
  EXPECT_EQ(f->write("a", 1, false, false).error(), Error::Interrupted);
  EXPECT_EQ(f->ioctl(kTCSETS, t, mem).error(), Error::Interrupted);
  ASSERT_EQ(hooks().signals.size(), 2u);
  EXPECT_EQ(hooks().signals[1], std::make_pair(9, kSIGTTOU));
  hooks().job.sig_acts = false;  // SIGTTOU ignored: the write goes ahead, as on Linux
  EXPECT_EQ(f->write("b", 1, false, false).value(), 1u);
  EXPECT_EQ(screen, "ab");
}

}  // namespace
