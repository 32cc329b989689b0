#include "lib/bench.h"

extern "C" {
// Provided by the linker; weak, so a program without any benchmark still links.
extern const sis::Bench __start_sis_benches[] __attribute__((weak));
extern const sis::Bench __stop_sis_benches[] __attribute__((weak));
}

namespace sis {

usize bench_count() { return static_cast<usize>(__stop_sis_benches - __start_sis_benches); }
const Bench* bench_at(usize i) { return i < bench_count() ? &__start_sis_benches[i] : nullptr; }

}  // namespace sis
