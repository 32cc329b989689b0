#include "lib/json_output.h"

namespace sis {

TextBuffer& json_scratch() {
  static char buf[128 * 1024];  // the largest: tracectl export of the whole decision ring
  static TextBuffer tb(buf, sizeof(buf));
  return tb;
}

}  // namespace sis
