// The `bench` command: dispatches to the benchmarks registered with SIS_BENCH.
#include "lib/string.h"
#include "lib/bench.h"
#include "shell/command.h"

namespace sis::shell {

namespace {

int cmd_bench(const Args& a, Output& out) {
  if (a.argc < 2 || a.argv[1] == StrView("list")) {
    out.print("Benchmarks (bench NAME --help for options; --json for one JSON object):\n");
    for (usize i = 0; i < bench_count(); ++i) out.printf("  %-8s %s\n", bench_at(i)->name, bench_at(i)->summary);
    return a.argc < 2 ? 2 : 0;
  }
  for (usize i = 0; i < bench_count(); ++i) {
    const Bench* b = bench_at(i);
    if (a.argv[1] != StrView(b->name)) continue;
    if (a.has("--help")) {
      out.printf("%s\n", b->usage);
      return 0;
    }
    return b->run(a, out);
  }
  out.printf("bench: no benchmark named '%.*s' (bench list)\n", static_cast<int>(a.argv[1].size), a.argv[1].data);
  return 2;
}

}  // namespace

// `bench --help` shows this usage; `bench NAME --help` reaches the benchmark's own usage
// because execute_line only intercepts --help right after the command name.
SIS_COMMAND("bench", "run a benchmark (bench list)", "bench NAME [OPTIONS] [--json]   (bench list shows them)",
            cmd_bench);

}  // namespace sis::shell
