// sis-llm-run: the kernel's portable inference code (kernel/ai/llm) natively on the host.
// Generates from a prompt, dumps the logits for the reference test (tests/llm), or
// benchmarks (tokens/s, time to first token, memory) for comparison with `bench llm` in
// the guest.
//
//   sis-llm-run MODEL [--tokenizer TOK.bin] [--lora ADAPTER]... [--prompt TEXT]
//               [--max-tokens N] [--temperature T] [--seed S] [--dump FILE.json] [--bench [--runs N]]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ai/llm/engine.h"
#include "writer.h"

using namespace sis;

namespace {

uint64_t now_ns() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: sis-llm-run MODEL [--tokenizer TOK.bin] [--lora ADAPTER]... [--prompt TEXT] [--max-tokens N]\n"
               "                   [--temperature T] [--seed S] [--dump FILE.json] [--bench [--runs N]]\n");
  std::exit(2);
}

std::vector<uint8_t> load(const std::string& path) {
  std::string s;
  if (!train::read_file(path, &s)) {
    std::fprintf(stderr, "sis-llm-run: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  return std::vector<uint8_t>(s.begin(), s.end());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) usage();
  std::string model_path = argv[1], tok_path, prompt = "incident: the disk is slow\ncommand:", dump;
  std::vector<std::string> loras;
  uint32_t max_tokens = 32, temp_milli = 0, runs = 5;
  uint64_t seed = 0;
  bool bench = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--tokenizer") tok_path = next();
    else if (a == "--lora") loras.push_back(next());
    else if (a == "--prompt") prompt = next();
    else if (a == "--max-tokens") max_tokens = uint32_t(std::atoi(next().c_str()));
    else if (a == "--temperature") temp_milli = uint32_t(std::atof(next().c_str()) * 1000.0 + 0.5);
    else if (a == "--seed") seed = std::strtoull(next().c_str(), nullptr, 0);
    else if (a == "--dump") dump = next();
    else if (a == "--bench") bench = true;
    else if (a == "--runs") runs = uint32_t(std::atoi(next().c_str()));
    else usage();
  }
  // The engine borrows the bytes; keep them alive for the whole run.
  std::vector<uint8_t> model = load(model_path), tok;
  std::vector<std::vector<uint8_t>> adapters;
  llm::Engine eng;
  eng.set_clock(now_ns);
  llm::Diag d;
  Error e;
  if (!tok_path.empty()) {
    tok = load(tok_path);
    e = eng.load_llama2c(ByteSpan{model.data(), model.size()}, false, ByteSpan{tok.data(), tok.size()}, false,
                         model_path.c_str(), &d);
  } else {
    e = eng.load(ByteSpan{model.data(), model.size()}, false, model_path.c_str(), &d);
  }
  if (e != Error::Ok) {
    std::fprintf(stderr, "sis-llm-run: %s: %s (%s)\n", model_path.c_str(), d.text, error_name(e));
    return 1;
  }
  for (auto& p : loras) {
    adapters.push_back(load(p));
    if (eng.load_adapter(ByteSpan{adapters.back().data(), adapters.back().size()}, false, p.c_str(), &d) != Error::Ok) {
      std::fprintf(stderr, "sis-llm-run: %s: %s\n", p.c_str(), d.text);
      return 1;
    }
  }
  llm::InferParams ip;
  ip.prompt = StrView(prompt.data(), prompt.size());
  ip.max_tokens = max_tokens;
  ip.temperature_milli = temp_milli;
  ip.seed = seed;

  if (bench) {
    // Same protocol as `bench llm` in the guest: runs x (prompt + max_tokens greedy tokens).
    uint64_t gen_ns = 0, ttft = 0, toks = 0;
    for (uint32_t r = 0; r < runs; ++r) {
      ip.seed = r + 1;
      if (eng.begin(ip, &d) != Error::Ok) return 1;
      StrView t;
      uint32_t id;
      while (eng.step(&t, &id)) {
      }
      const auto& s = eng.stats();
      ttft += s.ttft_ns;
      gen_ns += s.total_ns - s.ttft_ns;
      toks += s.generated > 0 ? s.generated - 1 : 0;
    }
    double tps = gen_ns ? double(toks) * 1e9 / double(gen_ns) : 0;
    std::printf("{\"where\":\"host\",\"model\":\"%s\",\"params\":%llu,\"kernels\":\"%s\",\"runs\":%u,"
                "\"prompt_tokens\":%u,\"tokens_per_s\":%.1f,\"ttft_ms\":%.3f,\"memory_bytes\":%llu}\n",
                eng.model().name, (unsigned long long)eng.model().param_count, eng.kernels_name(), runs,
                eng.stats().prompt_tokens, tps, double(ttft) / runs / 1e6, (unsigned long long)eng.memory_bytes());
    return 0;
  }

  if (eng.begin(ip, &d) != Error::Ok) {
    std::fprintf(stderr, "sis-llm-run: %s\n", d.text);
    return 1;
  }
  std::string text, js;
  std::vector<uint32_t> ids;
  StrView t;
  uint32_t id;
  const uint32_t V = eng.model().cfg.vocab_size;
  js = "{\"logits\":[";
  bool first = true;
  while (eng.step(&t, &id)) {
    text.append(t.data, t.size);
    if (id == eng.tokenizer().eos()) break;  // the final flush of held-back bytes
    ids.push_back(id);
    if (!dump.empty()) {
      const float* lg = eng.transformer().logits();
      js += first ? "[" : ",[";
      first = false;
      char buf[32];
      for (uint32_t i = 0; i < V; ++i) {
        std::snprintf(buf, sizeof(buf), i ? ",%.7g" : "%.7g", double(lg[i]));
        js += buf;
      }
      js += "]";
    }
  }
  // Logits of the step that produced EOS are not dumped (no token); reference stops there.
  if (!dump.empty()) {
    js += "],\"prompt_tokens\":[";
    uint32_t n = eng.stats().prompt_tokens;
    // Re-encode to list the prompt ids exactly as the engine did.
    std::vector<uint32_t> p(prompt.size() + 2);
    auto r = eng.tokenizer().encode(StrView(prompt.data(), prompt.size()), true, p.data(), p.size());
    for (size_t i = 0; i < r.value() && i < n; ++i) js += (i ? "," : "") + std::to_string(p[i]);
    js += "],\"tokens\":[";
    for (size_t i = 0; i < ids.size(); ++i) js += (i ? "," : "") + std::to_string(ids[i]);
    js += "],\"stop\":\"" + std::string(llm::stop_reason_name(eng.stats().stop)) + "\"}\n";
    std::vector<uint8_t> b(js.begin(), js.end());
    if (!train::write_file(dump, b)) return 1;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::printf("\n");
  std::fprintf(stderr, "[%u prompt tokens, %u generated, stop: %s, ttft %.2f ms, %.1f tokens/s]\n",
               eng.stats().prompt_tokens, eng.stats().generated, llm::stop_reason_name(eng.stats().stop),
               eng.stats().ttft_ns / 1e6,
               eng.stats().total_ns > eng.stats().ttft_ns
                   ? (eng.stats().generated - 1) * 1e9 / double(eng.stats().total_ns - eng.stats().ttft_ns)
                   : 0.0);
  return 0;
}
