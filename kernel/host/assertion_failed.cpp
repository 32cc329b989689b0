// Host definition of the SIS_ASSERT failure handler (lib/assert.h): the same report the
// kernel's panic path prints, on stderr, then abort() -- a failed check in a unit test or
// a fuzzer is a crash the harness sees (GoogleTest death tests match the report).
#include <stdio.h>
#include <stdlib.h>

#include "lib/assert.h"

namespace sis {

void assertion_failed(const char* expr, const char* file, int line, const char* function) {
  fprintf(stderr, "assertion failed: %s\n  at %s:%d\n  in %s\n", expr, file, line, function);
  fflush(stderr);
  abort();
}

}  // namespace sis
