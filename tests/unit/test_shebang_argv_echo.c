/* The interpreter for test_shebang.cpp's scripts: writes each argument followed by a NUL to
 * stdout, so the test sees exactly the argv the host's Linux kernel built from a "#!" line. */
#include <stdio.h>

int main(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) fwrite(argv[i], 1, __builtin_strlen(argv[i]) + 1, stdout);
  return 0;
}
