#include "shell/json_output.h"

namespace sis::shell {

TextBuffer& json_scratch() {
  static char buf[65536];
  static TextBuffer tb(buf, sizeof(buf));
  return tb;
}

}  // namespace sis::shell
