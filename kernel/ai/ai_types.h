// Integer types the models use beside lib/types.h's (which has no signed 8/16-bit names).
#pragma once
#include "lib/types.h"

namespace sis::ai {
using i8 = int8_t;
using i16 = int16_t;
}  // namespace sis::ai
