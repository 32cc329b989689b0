// `bench llm` (lib/bench.h: a benchmark lives beside what it measures): tokens/s, time to
// first token and memory of the kernel's language model. Integer code, built with
// -mgeneral-regs-only like the shell; the floating-point work is behind engine.h.
#include "ai/llm/engine.h"
#include "ai/llm/llm_kernel.h"
#include "lib/bench.h"
#include "lib/json_output.h"
#include "lib/string.h"

namespace sis::llm {
namespace {

using ull = unsigned long long;

int fail(Output& out, Error e, const Diag& d) {
  out.printf("bench llm: %s (%s)\n", d.text, error_name(e));
  return 1;
}

// tokens per second x 10 from a count and nanoseconds.
u64 rate_x10(u64 tokens, u64 ns) { return ns ? tokens * 10000000000ull / ns : 0; }

// bench llm: tokens/s, time to first token and memory of the loaded (default: built-in)
// model, greedy, with the same protocol as the host's `sis-llm-run MODEL --bench`.
int bench_llm(const Args& a, Output& out) {
  Diag d;
  Error err = ensure_loaded(&d);
  if (err != Error::Ok) return fail(out, err, d);
  u64 runs = 3, tokens = 32;
  StrView v = a.value("--runs");
  if (!v.empty() && (!parse_u64(v, &runs) || runs == 0 || runs > 100)) return 2;
  v = a.value("--tokens");
  if (!v.empty() && (!parse_u64(v, &tokens) || tokens < 2 || tokens > kMaxNewTokens)) return 2;
  Engine& e = engine();
  static const char kPrompt[] = "incident: the disk is slow\ncommand:";
  InferParams p;
  p.prompt = StrView(kPrompt);
  p.max_tokens = static_cast<u32>(tokens);
  u64 gen_ns = 0, ttft = 0, prefill = 0, toks = 0;
  u32 prompt_tokens = 0;
  for (u64 r = 0; r < runs; ++r) {
    p.seed = r + 1;
    err = e.begin(p, &d);
    if (err != Error::Ok) return fail(out, err, d);
    StrView t;
    u32 id;
    while (e.step(&t, &id)) {
    }
    const auto& s = e.stats();
    ttft += s.ttft_ns;
    prefill += s.prefill_ns;
    gen_ns += s.total_ns - s.ttft_ns;
    toks += s.generated > 0 ? s.generated - 1 : 0;
    prompt_tokens = s.prompt_tokens;
  }
  u64 r10 = rate_x10(toks, gen_ns);
  u64 ttft_us = ttft / runs / 1000;
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv("where", "guest").kv("model", e.model().name).kv_uint("params", e.model().param_count);
      w.kv("kernels", e.kernels_name()).kv_uint("runs", runs).kv_uint("prompt_tokens", prompt_tokens);
      w.kv_uint("generated_tokens", toks).key("tokens_per_s").fixed(static_cast<i64>(r10), 1);
      w.key("ttft_ms").fixed(static_cast<i64>(ttft_us), 3).kv_uint("memory_bytes", e.memory_bytes());
      w.kv_uint("model_bytes", e.model_bytes()).end_object();
    });
  }
  out.printf("model            %s (%llu parameters, kernels %s)\n", e.model().name, static_cast<ull>(e.model().param_count),
             e.kernels_name());
  out.printf("runs             %llu x (%u prompt tokens + %llu new tokens, greedy)\n", static_cast<ull>(runs),
             prompt_tokens, static_cast<ull>(tokens));
  out.printf("tokens/s         %llu.%llu (after the first token)\n", static_cast<ull>(r10 / 10), static_cast<ull>(r10 % 10));
  out.printf("first token      %llu.%03llu ms (prefill %llu ms)\n", static_cast<ull>(ttft_us / 1000),
             static_cast<ull>(ttft_us % 1000), static_cast<ull>(prefill / runs / 1000000));
  out.printf("memory           %llu KiB (weights %llu KiB)\n", static_cast<ull>(e.memory_bytes() >> 10),
             static_cast<ull>(e.model_bytes() >> 10));
  return 0;
}

}  // namespace

SIS_BENCH("llm", "language model: tokens/s, time to first token, memory",
          "bench llm [--runs N] [--tokens N] [--json]   (greedy; defaults 3 runs x 32 tokens)", bench_llm);

}  // namespace sis::llm
