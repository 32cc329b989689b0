// Benchmarks in the guest: `bench NAME [options] [--json]`. A benchmark lives beside the code it
// measures, as `bench_<name>.cpp` in that subsystem's directory (mm/bench_alloc.cpp,
// drivers/virtio/bench_blk.cpp, sched/bench_ctxsw.cpp, fs/bench_fs.cpp, ai/bench_ai.cpp,
// ai/llm/bench_llm.cpp), and registers itself
// with SIS_BENCH (a linker set, like SIS_COMMAND). This registry is in lib/ so that a subsystem
// can register without including the shell, which sits above it; the shell's `bench` command
// (shell/cmd_bench.cpp) lists and runs them.
// Convention: a readable table by default, exactly one JSON object with --json.
#pragma once
#include "lib/args.h"
#include "lib/macros.h"
#include "lib/output.h"

namespace sis {

struct Bench {
  const char* name;
  const char* summary;
  const char* usage;
  int (*run)(const Args& args, Output& out);  // args.argv[0] is "bench", argv[1] the name
};

usize bench_count();
const Bench* bench_at(usize i);

}  // namespace sis

#define SIS_BENCH(NAME, SUMMARY, USAGE, FN) \
  SIS_LINKER_SET_ENTRY("sis_benches", ::sis::Bench, sis_bench_) = {NAME, SUMMARY, USAGE, FN}
