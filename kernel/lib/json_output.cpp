#include "lib/json_output.h"

namespace sis {

TextBuffer& json_scratch() {
  static char buf[65536];
  static TextBuffer tb(buf, sizeof(buf));
  return tb;
}

}  // namespace sis
