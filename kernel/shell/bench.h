// Benchmarks in the guest: `bench NAME [options] [--json]`. Each subsystem registers its
// own with SIS_BENCH (linker section `sis_benches`, like SIS_COMMAND), so `bench alloc`,
// `bench blk`, `bench ctxsw`, `bench fs` live beside the code they measure.
// Convention: a readable table by default, exactly one JSON object with --json.
#pragma once
#include "shell/command.h"

namespace sis::shell {

struct Bench {
  const char* name;
  const char* summary;
  const char* usage;
  int (*run)(const Args& args, Output& out);  // args.argv[0] is "bench", argv[1] the name
};

usize bench_count();
const Bench* bench_at(usize i);

}  // namespace sis::shell

#define SIS_BENCH(NAME, SUMMARY, USAGE, FN) \
  SIS_LINKER_SET_ENTRY("sis_benches", ::sis::shell::Bench, sis_bench_) = {NAME, SUMMARY, USAGE, FN}
