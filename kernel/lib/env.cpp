#include "lib/env.h"

namespace sis {
namespace {
WallClockHook wall_clock_hook = nullptr;
}
void set_wall_clock_hook(WallClockHook hook) { wall_clock_hook = hook; }
// 2024-01-01 until someone tells us the time.
u64 wall_clock_seconds() { return wall_clock_hook ? wall_clock_hook() : 1704067200u; }
}  // namespace sis
