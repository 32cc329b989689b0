// llmctl: the kernel's language model from the shell (docs/llm.md). `bench llm` is ai/llm/bench_llm.cpp.
// Built with -mgeneral-regs-only like all shell code: everything here is integers; the
// floating-point work happens behind ai/llm/engine.h.
//
// Model output is text: it is printed (control bytes shown as \xNN so it cannot drive the
// terminal) and never executed. Prompts are data: llmctl passes them to the tokenizer as
// they are typed; nothing in them is interpreted.
#include "shell/llm_knowledge.h"
#include "ai/llm/llm_kernel.h"
#include "ai/llm/selftest.h"
#include "ai/llm/text.h"
#include "lib/json.h"
#include "lib/string.h"
#include "shell/command.h"
#include "lib/json_output.h"
#include "shell/subcommand.h"

namespace sis::shell {
namespace {

using ull = unsigned long long;
using llm::Diag;
using llm::Engine;

int fail(Output& out, Error e, const Diag& d) {
  out.printf("llmctl: %s (%s)\n", d.text, error_name(e));
  return 1;
}

// tokens per second x 10 from a count and nanoseconds.
u64 rate_x10(u64 tokens, u64 ns) { return ns ? tokens * 10000000000ull / ns : 0; }

bool is_option(StrView a) { return a.starts_with("--"); }

// Options that take a value.
bool takes_value(StrView a) {  // (--model takes none)
  const StrView v[] = {"--max-tokens", "--temperature", "--seed", "--tokenizer", "--positions", "--runs", "--tokens"};
  for (StrView x : v)
    if (a == x) return true;
  return false;
}

// Joins the non-option words after argv[first] with single spaces into buf.
StrView collect_words(const Args& a, usize first, char* buf, usize cap) {
  usize n = 0;
  for (usize i = first; i < a.argc; ++i) {
    if (is_option(a.argv[i])) {
      if (takes_value(a.argv[i])) ++i;
      continue;
    }
    if (n && n < cap) buf[n++] = ' ';
    for (usize k = 0; k < a.argv[i].size && n < cap; ++k) buf[n++] = a.argv[i].data[k];
  }
  return StrView(buf, n);
}

void print_model_text(Output& out, StrView t) {
  static char buf[4 * (llm::kMaxPieceLen + 16)];
  usize n = llm::to_terminal_text(t, buf, sizeof(buf));
  out.write(StrView(buf, n));
}

int cmd_info(const Args& a, Output& out) {
  Diag d;
  Error e = llm::ensure_loaded(&d);
  if (e != Error::Ok && !a.has("--json")) return fail(out, e, d);
  if (a.has("--json")) {
    return print_json_members(out, [](JsonWriter& w) { llm::write_info_members(w); });
  }
  Engine& en = llm::engine();
  const auto& m = en.model();
  const auto& c = m.cfg;
  out.printf("model      %s (%s, from %s)\n", m.name, m.format == llm::ModelFormat::Sis ? "SIS format v1" : "llama2.c",
             en.source());
  out.printf("shape      dim %u, hidden %u, %u layers, %u heads (%u kv), vocab %u, context %u of %u\n", c.dim,
             c.hidden_dim, c.n_layers, c.n_heads, c.n_kv_heads, c.vocab_size, en.transformer().context(), c.seq_len);
  out.printf("params     %llu (%llu KiB of weights)\n", static_cast<ull>(m.param_count), static_cast<ull>(m.weight_bytes >> 10));
  out.printf("memory     %llu KiB (file, tokenizer index, KV cache and buffers, adapters)\n",
             static_cast<ull>(en.memory_bytes() >> 10));
  out.printf("kernels    %s\n", en.kernels_name());
  out.printf("adapters   %u loaded\n", en.adapter_count());
  return 0;
}

int cmd_load(const Args& a, Output& out) {
  if (a.argc < 3) {
    out.print("usage: llmctl load PATH|builtin [--tokenizer PATH]\n");
    return 2;
  }
  Diag d;
  Error e = llm::load_model(a.argv[2], a.value("--tokenizer"), &d);
  if (e != Error::Ok) return fail(out, e, d);
  const auto& m = llm::engine().model();
  out.printf("loaded %s: %llu parameters, %llu KiB in memory\n", m.name, static_cast<ull>(m.param_count),
             static_cast<ull>(llm::engine().memory_bytes() >> 10));
  return 0;
}

bool parse_params(const Args& a, Output& out, llm::InferParams* p) {
  u64 v;
  StrView s = a.value("--max-tokens");
  if (!s.empty()) {
    if (!parse_u64(s, &v) || v == 0 || v > llm::kMaxNewTokens) {
      out.printf("llmctl: --max-tokens must be 1..%u\n", llm::kMaxNewTokens);
      return false;
    }
    p->max_tokens = static_cast<u32>(v);
  }
  s = a.value("--temperature");
  if (!s.empty() && !llm::parse_milli(s, 2000, &p->temperature_milli)) {
    out.print("llmctl: --temperature must be a decimal 0..2 with at most 3 decimals (0 = greedy)\n");
    return false;
  }
  s = a.value("--seed");
  if (!s.empty()) {
    if (!parse_u64(s, &v)) {
      out.print("llmctl: --seed must be a number\n");
      return false;
    }
    p->seed = v;
  }
  return true;
}

int generate(const llm::InferParams& p, Output& out, bool show_stats) {
  Diag d;
  Engine& e = llm::engine();
  Error err = e.begin(p, &d);
  if (err != Error::Ok) return fail(out, err, d);
  StrView t;
  u32 id;
  while (e.step(&t, &id)) print_model_text(out, t);
  const auto& s = e.stats();
  if (show_stats) {
    u64 gen_ns = s.total_ns > s.ttft_ns ? s.total_ns - s.ttft_ns : 0;
    u64 r = rate_x10(s.generated > 1 ? s.generated - 1 : 0, gen_ns);
    out.printf("\n[%u prompt tokens%s, %u generated, stop: %s; first token %llu.%03llu ms, %llu.%llu tokens/s]\n",
               s.prompt_tokens, s.prompt_truncated ? " (truncated to the context)" : "", s.generated,
               llm::stop_reason_name(s.stop), static_cast<ull>(s.ttft_ns / 1000000), static_cast<ull>(s.ttft_ns / 1000 % 1000),
               static_cast<ull>(r / 10), static_cast<ull>(r % 10));
  } else {
    out.print("\n");
  }
  return 0;
}

// The grounded paths (docs/llm.md, "Grounding"): retrieval over the disk's docs and the
// registry's help, a command from the grammar, the live state. The question is data.
const llm::Knowledge* knowledge(Output& out) {
  const char* note = "";
  const llm::Knowledge* k = llm::kernel_knowledge(&note);
  if (!k) out.printf("llmctl: the knowledge index could not be built (%s)\n", *note ? note : "out of memory");
  return k;
}

StrView question(const Args& a, Output& out, usize* status) {
  static char words[llm::kMaxPromptBytes + 1];
  StrView q = collect_words(a, 2, words, sizeof(words));
  *status = 0;
  if (q.empty()) {
    out.printf("usage: llmctl %.*s QUESTION (quote it)\n", static_cast<int>(a.argv[1].size), a.argv[1].data);
    *status = 2;
  } else if (q.size > llm::kMaxPromptBytes) {
    out.printf("llmctl: the question is longer than %zu bytes\n", llm::kMaxPromptBytes);
    *status = 2;
  }
  return q;
}

int cmd_ask(const Args& a, Output& out) {
  usize status;
  StrView q = question(a, out, &status);
  if (status) return static_cast<int>(status);
  u64 t0 = llm::now_ns();
  const llm::Knowledge* k = knowledge(out);
  if (!k) return 1;
  u64 t1 = llm::now_ns();
  llm::Answer ans;
  llm::answer_question(*k, q, &ans);
  u64 t2 = llm::now_ns();
  llm::write_answer_text(*k, ans, out);
  const char* note = "";
  llm::kernel_knowledge(&note);
  if (*note) out.printf("(%s)\n", note);
  llm::write_live_state(llm::topics_of(q), ans.command.line(), out);
  llm::KnowledgeStats st = llm::kernel_knowledge_stats();
  out.printf("[%zu passages from %u documents and the help, %llu KiB; indexed in %llu ms (once, at first use%s); "
             "retrieval and command %llu us]\n",
             k->size(), st.documents, static_cast<ull>(k->memory_bytes() >> 10), static_cast<ull>(st.build_ns / 1000000),
             t1 - t0 > 1000000 ? ": now" : "", static_cast<ull>((t2 - t1) / 1000));
  return 0;
}

int cmd_suggest_grounded(const Args& a, Output& out) {
  usize status;
  StrView q = question(a, out, &status);
  if (status) return static_cast<int>(status);
  const llm::Knowledge* k = knowledge(out);
  if (!k) return 1;
  llm::Knowledge::Suggestion s = k->suggest(q, llm::SuggestMethod::Grounded);
  StrView line = s.line();
  if (s.candidate < 0 || (!s.needs_value && !k->grammar().parses(line))) {
    out.print("llmctl: no command fits those words (try llmctl ask, or help)\n");
    return 1;
  }
  const auto& f = k->grammar().form(k->grammar().candidate(static_cast<usize>(s.candidate)).form);
  out.printf(s.needs_value ? "suggestion (a form: complete it with your values; nothing is run): %.*s\n"
                           : "suggestion (text only: nothing is run): %.*s\n",
             static_cast<int>(line.size), line.data);
  out.printf("  %.*s: %.*s (usage: %.*s)\n", static_cast<int>(f.command.size), f.command.data,
             static_cast<int>(f.summary.size), f.summary.data, static_cast<int>(f.syntax.size), f.syntax.data);
  if (s.example >= 0) {  // the incident example that voted for it: why this command
    char buf[4 * 240 + 16];  // an example line from the disk: control bytes shown as \xNN
    usize n = llm::to_terminal_text(k->example_text(s, 240), buf, sizeof(buf));
    out.print("  chosen for reports like: ");
    out.write(StrView(buf, n));
    out.print("\n");
  }
  return 0;
}

int cmd_infer(const Args& a, Output& out, bool suggest) {
  Diag d;
  Error e = llm::ensure_loaded(&d);
  if (e != Error::Ok) return fail(out, e, d);
  static char words[llm::kMaxPromptBytes + 1];
  StrView text = collect_words(a, 2, words, llm::kMaxPromptBytes + 1);
  if (text.size > llm::kMaxPromptBytes) {
    out.printf("llmctl: the prompt is longer than %zu bytes\n", llm::kMaxPromptBytes);
    return 2;
  }
  llm::InferParams p;
  p.max_tokens = suggest ? 16 : 64;
  if (!parse_params(a, out, &p)) return 2;
  static char prompt[llm::kMaxPromptBytes + 64];
  if (suggest && llm::engine().adapter_count() == 0) {
    // Suggestions need the incident -> command adapter: load the built-in one.
    Diag ad;
    if (llm::load_adapter("builtin", &ad) != Error::Ok) out.printf("llmctl: no adapter (%s): the base model answers\n", ad.text);
  }
  if (suggest) {
    // The task format the adapter was trained on (resources/corpus/tasks).
    usize n = format(prompt, sizeof(prompt), "incident: %.*s\ncommand:", static_cast<int>(text.size), text.data);
    p.prompt = StrView(prompt, min(n, sizeof(prompt) - 1));
    out.print("suggestion (text only: nothing is run):");
  } else {
    p.prompt = text;
  }
  return generate(p, out, true);
}

int cmd_stats(const Args& a, Output& out) {
  Engine& e = llm::engine();
  const auto& t = e.totals();
  const auto& s = e.stats();
  u64 r = rate_x10(t.generated, t.generate_ns);
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_bool("loaded", e.loaded()).kv_uint("requests", t.requests).kv_uint("prompt_tokens", t.prompt_tokens);
      w.kv_uint("generated", t.generated).kv_uint("generate_ns", t.generate_ns).kv_uint("prefill_ns", t.prefill_ns);
      w.key("tokens_per_s").fixed(static_cast<i64>(r), 1).kv_uint("memory_bytes", e.memory_bytes());
      w.key("last").begin_object().kv_uint("prompt_tokens", s.prompt_tokens).kv_uint("generated", s.generated);
      w.kv_uint("ttft_ns", s.ttft_ns).kv_uint("total_ns", s.total_ns).kv("stop", llm::stop_reason_name(s.stop)).end_object();
      w.end_object();
    });
  }
  out.printf("requests        %llu\n", static_cast<ull>(t.requests));
  out.printf("prompt tokens   %llu (prefill %llu ms)\n", static_cast<ull>(t.prompt_tokens), static_cast<ull>(t.prefill_ns / 1000000));
  out.printf("generated       %llu tokens, %llu.%llu tokens/s\n", static_cast<ull>(t.generated), static_cast<ull>(r / 10),
             static_cast<ull>(r % 10));
  out.printf("last request    %u prompt + %u generated, first token %llu ms, stop: %s\n", s.prompt_tokens, s.generated,
             static_cast<ull>(s.ttft_ns / 1000000), llm::stop_reason_name(s.stop));
  out.printf("memory          %llu KiB\n", static_cast<ull>(e.memory_bytes() >> 10));
  return 0;
}

int cmd_lora(const Args& a, Output& out) {
  StrView sub = a.argc > 2 ? a.argv[2] : StrView("list");
  Engine& e = llm::engine();
  Diag d;
  if (sub == StrView("load")) {
    if (a.argc < 4) {
      out.print("usage: llmctl lora load PATH|builtin\n");
      return 2;
    }
    Error err = llm::load_adapter(a.argv[3], &d);
    if (err != Error::Ok) return fail(out, err, d);
    llm::AdapterInfo i = e.adapter(e.adapter_count() - 1);
    out.printf("adapter %s loaded: rank %u, %llu parameters\n", i.name, i.rank, static_cast<ull>(i.params));
    return 0;
  }
  if (sub == StrView("unload")) {
    if (a.argc < 4) {
      out.print("usage: llmctl lora unload NAME|all\n");
      return 2;
    }
    Error err = e.unload_adapter(a.argv[3]);
    if (err != Error::Ok) {
      out.printf("llmctl: %s\n", err == Error::NoEntry ? "no adapter by that name" : "a generation is running");
      return 1;
    }
    return 0;
  }
  if (sub != StrView("list")) {
    out.print("usage: llmctl lora load PATH|builtin | unload NAME|all | list [--json]\n");
    return 2;
  }
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().key("adapters").begin_array();
      for (u32 i = 0; i < e.adapter_count(); ++i) {
        llm::AdapterInfo x = e.adapter(i);
        w.begin_object().kv("name", x.name).kv("source", x.source).kv_uint("rank", x.rank).kv_uint("targets", x.targets);
        w.kv_uint("params", x.params).kv_uint("bytes", x.bytes).end_object();
      }
      w.end_array().end_object();
    });
  }
  if (e.adapter_count() == 0) out.print("no adapters loaded (llmctl lora load builtin)\n");
  for (u32 i = 0; i < e.adapter_count(); ++i) {
    llm::AdapterInfo x = e.adapter(i);
    out.printf("%-16s rank %-3u params %-8llu from %s\n", x.name, x.rank, static_cast<ull>(x.params), x.source);
  }
  return 0;
}

int cmd_selftest(const Args& a, Output& out) {
  Diag d;
  llm::ensure_loaded(&d);  // the forward-pass comparison needs a model; kernels are tested anyway
  u64 positions = 16;
  StrView pv = a.value("--positions");
  if (!pv.empty() && (!parse_u64(pv, &positions) || positions > 64)) {
    out.print("llmctl: --positions must be 0..64\n");
    return 2;
  }
  llm::SelftestResult r = llm::run_selftest(static_cast<u32>(positions));
  if (a.has("--json")) {
    print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_bool("neon", r.neon_available).kv_uint("cases", r.cases).kv_uint("failures", r.failures);
      w.kv_uint("max_rel_diff_e9", r.max_rel_diff_e9).kv_uint("positions", r.positions);
      w.kv_uint("max_logit_diff_e9", r.max_logit_diff_e9).kv_bool("same_argmax", r.same_argmax);
      w.kv_uint("scalar_ns", r.scalar_ns).kv_uint("neon_ns", r.neon_ns).kv_bool("pass", r.neon_available && r.failures == 0);
      w.end_object();
    });
    return r.neon_available && r.failures == 0 ? 0 : 1;
  }
  if (!r.neon_available) {
    out.print("llmctl selftest: this build has no NEON kernels\n");
    return 1;
  }
  out.printf("kernels   %u cases (matvec, dot, axpy, rmsnorm), worst relative difference %llu e-9 (limit %llu e-9)\n",
             r.cases, static_cast<ull>(r.max_rel_diff_e9), static_cast<ull>(llm::kSelftestRelTolE9));
  if (r.positions)
    out.printf("forward   %u positions, worst logit difference %llu e-9 (limit %llu e-9), greedy tokens %s; "
               "scalar %llu ms, NEON %llu ms\n",
               r.positions, static_cast<ull>(r.max_logit_diff_e9), static_cast<ull>(llm::kSelftestLogitTolE9),
               r.same_argmax ? "identical" : "DIFFER", static_cast<ull>(r.scalar_ns / 1000000),
               static_cast<ull>(r.neon_ns / 1000000));
  else
    out.print("forward   skipped (no model loaded)\n");
  out.printf("%s\n", r.failures ? "FAIL" : "PASS");
  return r.failures ? 1 : 0;
}

int cmd_unload(const Args&, Output&) {
  llm::engine().unload();
  return 0;
}

int cmd_infer_text(const Args& a, Output& out) { return cmd_infer(a, out, false); }
// llmctl suggest: the grounded suggestion; --model asks the LoRA-adapted model instead.
int cmd_suggest(const Args& a, Output& out) { return a.has("--model") ? cmd_infer(a, out, true) : cmd_suggest_grounded(a, out); }

int cmd_kernels(const Args& a, Output& out) {
  if (a.argc > 2) {
    bool neon = a.argv[2] == StrView("neon");
    if (!neon && a.argv[2] != StrView("scalar")) {
      out.print("usage: llmctl kernels neon|scalar\n");
      return 2;
    }
    if (!llm::engine().set_neon(neon)) {
      out.print("llmctl: no NEON kernels in this build\n");
      return 1;
    }
  }
  out.printf("kernels: %s\n", llm::engine().kernels_name());
  return 0;
}

const Subcommand kLlmctl[] = {
    {"info", "[--json]", cmd_info},
    {"load", "PATH|builtin [--tokenizer TOK]", cmd_load},
    {"unload", "", cmd_unload},
    {"infer", "PROMPT [--max-tokens N] [--temperature T] [--seed S]", cmd_infer_text},
    {"ask", "QUESTION", cmd_ask},
    {"suggest", "SYMPTOM... [--model]", cmd_suggest},
    {"stats", "[--json]", cmd_stats},
    {"lora", "load PATH|builtin | unload NAME|all | list [--json]", cmd_lora},
    {"kernels", "[neon|scalar]", cmd_kernels},
    {"selftest", "[--positions N] [--json]", cmd_selftest},
};
int cmd_llmctl(const Args& a, Output& out) { return run_subcommand("llmctl", kLlmctl, a, out, nullptr); }

SIS_COMMAND("llmctl", "the kernel's language model: load, infer, LoRA adapters, stats",
            "llmctl info [--json]            loaded model: shape, parameters, memory, adapters\n"
            "llmctl load PATH|builtin [--tokenizer TOK]   SIS model or llama2.c checkpoint (+ tokenizer.bin)\n"
            "llmctl unload\n"
            "llmctl infer PROMPT [--max-tokens N] [--temperature T] [--seed S]\n"
            "                                generate text after PROMPT (quote it; T=0 greedy)\n"
            "llmctl ask QUESTION             answer from the docs and help (cited) + a command + live state\n"
            "llmctl suggest SYMPTOM [--model]  a command for a problem: one the shell parses, from the\n"
            "                                grammar of its commands (--model: the LoRA model's free text)\n"
            "llmctl stats [--json]           requests, tokens, tokens/s, time to first token\n"
            "llmctl lora load PATH|builtin | unload NAME|all | list [--json]\n"
            "llmctl kernels [neon|scalar]    inner loops used for inference\n"
            "llmctl selftest [--positions N] [--json]   NEON vs scalar kernels and forward pass\n"
            "Output is text only: it is printed, never run as a command.",
            cmd_llmctl);

}  // namespace
}  // namespace sis::shell
