// Output: where a command or a benchmark writes its text (the UART console, a capture buffer
// for the control port's shell.exec, a file for `> PATH`).
#pragma once
#include "lib/string.h"
#include "lib/types.h"

namespace sis {

class Output {
 public:
  virtual void write(StrView s) = 0;
  void print(StrView s) { write(s); }
  void printf(const char* fmt, ...) __attribute__((format(printf, 2, 3)));

 protected:
  ~Output() = default;
};

}  // namespace sis
