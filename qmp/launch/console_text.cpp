#include "launch/console_text.h"

namespace sis::host {

void append_console_text(std::string* transcript, bool* pending_cr, const char* bytes, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    char c = bytes[i];
    if (*pending_cr) {
      *pending_cr = false;
      if (c != '\n') transcript->push_back('\r');  // a lone CR: keep it
    }
    if (c == '\r') {
      *pending_cr = true;
      continue;
    }
    transcript->push_back(c);
  }
}

}  // namespace sis::host
