// altstack: sigaltstack and SA_ONSTACK, as programs use them to survive their own stack
// overflowing (a SIGSEGV handler cannot run on the stack that just ran out). Checks what
// sigaltstack reports and refuses, that a handler runs on the alternate stack and sees
// SS_ONSTACK there, that a fork keeps it, and recovers from unbounded recursion.
#include <setjmp.h>

#include "common.h"

#define ALT_SIZE (64 * 1024)
static char alt[ALT_SIZE] __attribute__((aligned(16)));
static volatile int on_alt, saw_onstack, change_errno;
static sigjmp_buf overflow_jump;

static bool within_alt(const void *p) { return (const char *)p >= alt && (const char *)p < alt + ALT_SIZE; }

static const char *flags_name(int flags) {
  switch (flags) {
    case 0: return "0";
    case SS_DISABLE: return "SS_DISABLE";
    case SS_ONSTACK: return "SS_ONSTACK";
    default: return "other";
  }
}

static void on_usr1(int sig) {
  (void)sig;
  volatile char here;
  on_alt = within_alt((const void *)&here);
  stack_t now;
  if (sigaltstack(NULL, &now) == 0) saw_onstack = now.ss_flags == SS_ONSTACK;
  stack_t other = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
  change_errno = sigaltstack(&other, NULL) < 0 ? errno : 0;
}

static void on_segv(int sig) {
  (void)sig;
  volatile char here;
  on_alt = within_alt((const void *)&here);
  siglongjmp(overflow_jump, 1);
}

// Recursion with a frame the compiler cannot drop: each level keeps 1 KiB live. The limit
// (1 TiB of stack) is never reached; it only tells the compiler the recursion could end.
static volatile int levels_allowed = 1 << 30;
static int deep(int n) {
  volatile char pad[1024];
  if (n >= levels_allowed) return 0;
  pad[n % 1024] = (char)n;
  return deep(n + 1) + pad[(n + 1) % 1024];
}

static void install(int sig, void (*fn)(int), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fn;
  sa.sa_flags = flags;
  if (sigaction(sig, &sa, NULL) < 0) die("sigaction");
}

int main(void) {
  line_buffered();
  stack_t ss;
  if (sigaltstack(NULL, &ss) < 0) die("sigaltstack");
  printf("at start: %s\n", flags_name(ss.ss_flags));
  stack_t tiny = {.ss_sp = alt, .ss_size = 1024, .ss_flags = 0};
  printf("a 1 KiB stack: %s\n", sigaltstack(&tiny, NULL) < 0 ? strerrorname_np(errno) : "accepted");
  stack_t bad = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 12345};
  printf("unknown flags: %s\n", sigaltstack(&bad, NULL) < 0 ? strerrorname_np(errno) : "accepted");
  stack_t good = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
  if (sigaltstack(&good, NULL) < 0) die("sigaltstack set");
  if (sigaltstack(NULL, &ss) < 0) die("sigaltstack get");
  printf("after setting: %s, size %zu, same address: %s\n", flags_name(ss.ss_flags), ss.ss_size,
         ss.ss_sp == alt ? "yes" : "no");

  install(SIGUSR1, on_usr1, 0);
  raise(SIGUSR1);
  printf("handler without SA_ONSTACK on the alternate stack: %s\n", on_alt ? "yes" : "no");
  install(SIGUSR1, on_usr1, SA_ONSTACK);
  raise(SIGUSR1);
  printf("handler with SA_ONSTACK on the alternate stack: %s, sees SS_ONSTACK: %s, changing it there: %s\n",
         on_alt ? "yes" : "no", saw_onstack ? "yes" : "no", change_errno ? strerrorname_np(change_errno) : "allowed");

  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    on_alt = 0;
    raise(SIGUSR1);
    _exit(on_alt ? 0 : 1);
  }
  char buf[64];
  printf("a forked child's handler on the alternate stack: %s\n",
         describe_status(wait_child(pid), buf, sizeof buf));

  install(SIGSEGV, on_segv, SA_ONSTACK);
  on_alt = 0;
  if (sigsetjmp(overflow_jump, 1) == 0) {
    deep(0);
    printf("the recursion ended?\n");
  } else {
    printf("stack overflow caught on the alternate stack: %s\n", on_alt ? "yes" : "no");
  }
  stack_t off = {.ss_flags = SS_DISABLE};
  if (sigaltstack(&off, NULL) < 0) die("sigaltstack disable");
  if (sigaltstack(NULL, &ss) < 0) die("sigaltstack get");
  printf("after disabling: %s\n", flags_name(ss.ss_flags));
  printf("altstack: done\n");
  return 0;
}
