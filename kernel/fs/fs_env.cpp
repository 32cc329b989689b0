#include "fs/fs_env.h"

namespace sis::fs {
namespace {
TimeHook time_hook = nullptr;
}
void set_time_hook(TimeHook hook) { time_hook = hook; }
// 2024-01-01 until someone tells us the time.
u64 fs_now() { return time_hook ? time_hook() : 1704067200u; }
}  // namespace sis::fs
