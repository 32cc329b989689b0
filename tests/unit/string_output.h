// An Output that collects everything written to it in a std::string, for tests that check a
// command's or a report's text.
#pragma once
#include <string>

#include "lib/output.h"

namespace sis::test {

class StringOutput final : public Output {
 public:
  void write(StrView s) override { text.append(s.data, s.size); }
  std::string text;
};

}  // namespace sis::test
