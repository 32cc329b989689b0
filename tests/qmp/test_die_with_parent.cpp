// QEMU dies with the program that started it (launch/die_with_parent.h): a child that called
// die_with_parent is killed when its parent exits, instead of running on as an orphan.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "launch/die_with_parent.h"

TEST(DieWithParent, ChildIsKilledWhenItsParentExits) {
  // Orphans are re-parented to us, so we can reap the grandchild and see how it ended.
  ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  int pipe_fd[2];
  ASSERT_EQ(pipe(pipe_fd), 0);
  pid_t middle = fork();
  ASSERT_GE(middle, 0);
  if (middle == 0) {
    // The "launcher": starts a long-running child the way VmLauncher and sisctl start QEMU,
    // then exits as if killed by a timeout.
    // It exits only once the child has exec'd (EOF on a close-on-exec pipe), so the test
    // covers the signal and not die_with_parent's own "parent already gone" exit.
    int exec_fd[2];
    if (pipe2(exec_fd, O_CLOEXEC) != 0) _exit(2);
    pid_t self = getpid();
    pid_t child = fork();
    if (child == 0) {
      sis::host::die_with_parent(self);
      execlp("sleep", "sleep", "60", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(exec_fd[1]);
    char c;
    while (read(exec_fd[0], &c, 1) > 0) {
    }
    (void)!write(pipe_fd[1], &child, sizeof child);
    _exit(0);
  }
  pid_t child = -1;
  ASSERT_EQ(read(pipe_fd[0], &child, sizeof child), static_cast<ssize_t>(sizeof child));
  close(pipe_fd[0]);
  close(pipe_fd[1]);
  int status = 0;
  ASSERT_EQ(waitpid(middle, &status, 0), middle);
  // Wait (up to 20 s, far less than the child's 60 s sleep) for the orphan to end.
  pid_t reaped = 0;
  for (int i = 0; i < 2000 && reaped == 0; ++i) {
    reaped = waitpid(child, &status, WNOHANG);
    if (reaped == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (reaped == 0) kill(child, SIGKILL), waitpid(child, &status, 0);
  prctl(PR_SET_CHILD_SUBREAPER, 0);
  ASSERT_EQ(reaped, child) << "the child outlived its parent (waitpid: " << reaped << ", errno " << errno << ")";
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
}
