// The seed's first user program: printf and getpid. Built twice (non-PIE and static-pie) so
// both of the loader's paths run it. The oracle harness replaces "pid N" by the PID it knows.
#include "common.h"

int main(void) {
  line_buffered();
  printf("Hello from SIS user space! I am pid %d.\n", (int)getpid());
  return 0;
}
