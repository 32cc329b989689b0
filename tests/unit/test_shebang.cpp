// "#!" parsing (kernel/proc/shebang.h), with the host's Linux kernel as the oracle: each
// script is executed for real with sis_argv_echo (prints its argv) as the interpreter, and
// the argv Linux built must equal what parse_shebang + shebang_argv build.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "proc/shebang.h"

using namespace sis;
using namespace sis::proc;

namespace {

Result<ShebangLine> parse(const std::string& head) {
  return parse_shebang(reinterpret_cast<const u8*>(head.data()), head.size());
}

// Our argv for running `path` (whose first bytes are `head`) with argv {"script", rest...}.
std::vector<std::string> our_argv(const std::string& head, const std::string& path, const std::vector<std::string>& rest) {
  auto line = parse(head);
  if (!line.ok()) return {"<error>"};
  std::vector<const char*> argv = {"script"};
  for (const auto& r : rest) argv.push_back(r.c_str());
  const char* out[16];
  auto n = shebang_argv(line.value(), path.c_str(), argv.data(), argv.size(), out, 16);
  if (!n.ok()) return {"<error>"};
  return std::vector<std::string>(out, out + n.value());
}

// Linux's argv for the same: writes the script, executes it, collects sis_argv_echo's output.
// A refused exec (ENOEXEC) gives {"<error>"}.
std::vector<std::string> linux_argv(const std::string& content, const std::vector<std::string>& rest) {
  char path[] = "/tmp/sis-shebang-XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, content.data(), content.size()), static_cast<ssize_t>(content.size()));
  fchmod(fd, 0755);
  close(fd);
  int pipefd[2];
  EXPECT_EQ(pipe(pipefd), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], 1);
    close(pipefd[0]);
    std::vector<char*> argv = {const_cast<char*>("script")};
    for (const auto& r : rest) argv.push_back(const_cast<char*>(r.c_str()));
    argv.push_back(nullptr);
    execv(path, argv.data());
    _exit(127);  // exec refused
  }
  close(pipefd[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(pipefd[0], buf, sizeof buf)) > 0) out.append(buf, n);
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  unlink(path);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {"<error>"};
  std::vector<std::string> args;
  size_t start = 0;
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i] == 0) {
      args.push_back(out.substr(start, i - start));
      start = i + 1;
    }
  // The script path Linux passed is the temporary file's; give ours the same.
  for (auto& a : args)
    if (a == path) a = "<script>";
  return args;
}

std::vector<std::string> ours_for(const std::string& content, const std::vector<std::string>& rest) {
  auto v = our_argv(content.substr(0, kShebangHead), "<script>", rest);
  return v;
}

const std::string kEcho = SIS_ARGV_ECHO;

}  // namespace

TEST(Shebang, MatchesLinuxOnEveryLineShape) {
  ASSERT_EQ(kEcho.find_first_of(" \t"), std::string::npos) << "the build path has blanks";
  const std::vector<std::string> heads = {
      "#!" + kEcho + "\n",
      "#!" + kEcho,                                   // no newline, short file
      "#! \t" + kEcho + "  \t\n",                     // blanks around the name
      "#!" + kEcho + " -x\n",                         // one argument
      "#!" + kEcho + "   -S  a  b \t \nrest",         // everything after the name is ONE arg
      "#!" + kEcho + "\t-u\tv\n",
      "#!" + kEcho + " arg\r\n",                      // CR is part of the argument
      "#!" + kEcho + std::string("\0 -x\n", 5),       // NUL ends the name: no argument
      "#!" + kEcho + std::string(" -x\0y\n", 6),      // NUL ends the argument
      "#!" + kEcho + " " + std::string(400, 'a') + "\n",  // line past the head: argument cut
      "#!" + kEcho + " " + std::string(300, ' ') + "b\n",  // only blanks within the head
  };
  for (const auto& head : heads) {
    SCOPED_TRACE(head.substr(0, 80));
    for (const std::vector<std::string>& rest : {std::vector<std::string>{}, std::vector<std::string>{"one", "two"}}) {
      auto want = linux_argv(head, rest);
      ASSERT_NE(want, std::vector<std::string>{"<error>"});
      EXPECT_EQ(ours_for(head, rest), want);
    }
  }
}

TEST(Shebang, RefusesWhatLinuxRefuses) {
  // Each of these makes Linux's execve fail with ENOEXEC (the test sees exit 127).
  const std::vector<std::string> heads = {
      "#!\n",
      "#!   \t \n",
      "#!",
      "#!" + std::string(300, ' '),            // nothing but blanks, no newline
      "#!/" + std::string(300, 'n'),           // the name fills the head
  };
  for (const auto& head : heads) {
    SCOPED_TRACE(head.substr(0, 40));
    EXPECT_EQ(linux_argv(head, {}), std::vector<std::string>{"<error>"});
    auto r = parse(head);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), Error::BadFormat);
  }
  EXPECT_FALSE(is_shebang(reinterpret_cast<const u8*>("#"), 1));
  EXPECT_FALSE(is_shebang(reinterpret_cast<const u8*>("\x7f" "ELF"), 4));
  EXPECT_EQ(parse("#/bin/sh\n").error(), Error::BadFormat);
}

TEST(Shebang, NameThatEndsJustInsideTheHeadIsAccepted) {
  // 253 name bytes and a blank at offset 255: the name ended, so Linux runs it (with no
  // argument: the head's last byte is dropped). One byte more and the name may be cut.
  std::string name = "/" + std::string(252, 'n');
  auto line = parse("#!" + name + " " + "tail");
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(std::string(line->interp), name);
  EXPECT_EQ(line->interp_len, name.size());
  EXPECT_FALSE(line->has_arg);
  EXPECT_EQ(parse("#!" + name + "n tail").error(), Error::BadFormat);
}

TEST(Shebang, ArgvRewrite) {
  auto line = parse("#!/bin/sh -e\n");
  ASSERT_TRUE(line.ok());
  const char* argv[] = {"./s", "x", "y"};
  const char* out[5];
  auto n = shebang_argv(line.value(), "/home/s", argv, 3, out, 5);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n.value(), 5u);
  EXPECT_STREQ(out[0], "/bin/sh");
  EXPECT_STREQ(out[1], "-e");
  EXPECT_STREQ(out[2], "/home/s");
  EXPECT_STREQ(out[3], "x");
  EXPECT_STREQ(out[4], "y");
  EXPECT_EQ(shebang_argv(line.value(), "/home/s", argv, 3, out, 4).error(), Error::TooBig);
  // argc 0: the interpreter still gets the script's path.
  n = shebang_argv(line.value(), "/home/s", nullptr, 0, out, 5);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 3u);
}
