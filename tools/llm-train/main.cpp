// sis-llm-train: trains the SIS language model from the repo's own corpus, then a LoRA
// adapter on the incident -> command task set, and measures the adapter on held-out
// incidents, and scores held-out documents (perplexity on a doc split, beside unigram and
// bigram baselines). Deterministic for a given seed and thread count. Outputs are cached: a run
// whose inputs (corpus bytes, task bytes, options, trainer version) hash to a model that is
// already in --cache-dir copies it instead of training.
//
//   sis-llm-train --preset default|tiny|wide --corpus FILE... --tasks TRAIN.tsv --eval EVAL.tsv
//                 --out MODEL.bin [--lora-out ADAPTER.bin] [--report REPORT.json]
//                 [--heldout-docs FILE...] [--pretrain FILE... --pretrain-steps N]
//                 [--cache-dir DIR] [--seed N] [--threads N]
//                 [--steps N] [--lora-steps N] [--export-llama2c MODEL.bin TOKENIZER.bin]
//   sis-llm-train --print-key ...same options...   prints the inputs' key (the cache key, and
//                 the one resources/models/sis-ops.json records) and trains nothing
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "ai/llm/engine.h"
#include "bpe.h"
#include "doc_split.h"
#include "train.h"
#include "writer.h"

using namespace sis;
using namespace sis::train;

namespace {

constexpr const char* kTrainerVersion = "sis-llm-train 3";

struct Preset {
  const char* name;
  Config cfg;
  uint32_t steps, batch, lora_steps, lora_batch, lora_rank, lora_targets;
  float lr, lora_lr, lora_alpha;
};

Config make(uint32_t d, uint32_t h, uint32_t l, uint32_t heads, uint32_t kv, uint32_t vocab, uint32_t seq) {
  Config c;
  c.dim = d;
  c.hidden_dim = h;
  c.n_layers = l;
  c.n_heads = heads;
  c.n_kv_heads = kv;
  c.vocab_size = vocab;
  c.seq_len = seq;
  c.rope_theta = 10000.0f;
  c.norm_eps = 1e-5f;
  c.shared_classifier = true;
  return c;
}

const uint32_t kAllTargets = (1u << llm::kLoraTargetCount) - 1;

Preset preset(const std::string& name) {
  if (name == "tiny") return {"tiny", make(32, 96, 2, 4, 2, 320, 64), 80, 8, 60, 8, 4, kAllTargets, 1e-2f, 3e-3f, 8.0f};
  // 5.2 M parameters, a 21 MB file: larger than one 4 MiB kernel block, for the test that
  // loads a model from a run of blocks (llm.big_model_guest uses it untrained: --steps 0).
  if (name == "wide") return {"wide", make(256, 768, 6, 8, 8, 512, 256), 600, 8, 200, 16, 8, kAllTargets, 3e-3f, 5e-3f, 16.0f};
  // 2100 steps (about 9 passes over the corpus): 600 gave 29.8 perplexity on the doc split,
  // 2100 gives 18.8 (docs/llm.md, "The model"). LoRA: 700 steps of 16 (7 passes over the
  // 1597 incident examples). 200 steps (10 passes over the earlier 324) got 2 of the 20
  // held-out incidents right with 1172 examples; 700 get 7 with the 1597.
  return {"default", make(96, 256, 4, 4, 4, 512, 128), 2100, 8, 700, 16, 8, kAllTargets, 3e-3f, 5e-3f, 16.0f};
}

uint64_t fnv(uint64_t h, const void* p, size_t n) {
  const auto* b = static_cast<const uint8_t*>(p);
  for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  return h;
}

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
uint64_t now_ns() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

struct Task {
  std::string incident, command;
};

std::vector<Task> read_tasks(const std::string& path) {
  std::string text;
  if (!read_file(path, &text)) {
    std::fprintf(stderr, "llm-train: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::vector<Task> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t e = text.find('\n', i);
    if (e == std::string::npos) e = text.size();
    std::string line = text.substr(i, e - i);
    i = e + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

std::string task_prompt(const Task& t) { return "incident: " + t.incident + "\ncommand:"; }

Sequence task_sequence(Encoder& enc, const Task& t, uint32_t seq_len) {
  std::vector<uint32_t> p = enc.encode(task_prompt(t));
  std::vector<uint32_t> a = enc.encode(" " + t.command + "\n");
  Sequence s;
  s.tokens.push_back(1);  // BOS
  s.tokens.insert(s.tokens.end(), p.begin(), p.end());
  size_t first_answer = s.tokens.size();
  s.tokens.insert(s.tokens.end(), a.begin(), a.end());
  s.tokens.push_back(2);  // EOS
  s.mask.assign(s.tokens.size() - 1, 0);
  for (size_t t = first_answer - 1; t < s.mask.size(); ++t) s.mask[t] = 1;
  // Longer than the context: keep the end (the answer and the incident's last words).
  if (s.tokens.size() > seq_len + 1) {
    size_t cut = s.tokens.size() - (seq_len + 1);
    s.tokens.erase(s.tokens.begin(), s.tokens.begin() + long(cut));
    s.mask.erase(s.mask.begin(), s.mask.begin() + long(cut));
  }
  return s;
}

// Greedy answers with the kernel's inference engine (the same code the guest runs).
struct EvalResult {
  int correct = 0, total = 0;
  std::vector<std::string> answers;
};

EvalResult eval_tasks(llm::Engine& eng, const std::vector<Task>& tasks) {
  EvalResult r;
  for (const Task& t : tasks) {
    std::string prompt = task_prompt(t);
    llm::InferParams p;
    p.prompt = StrView(prompt.data(), prompt.size());
    p.max_tokens = 24;
    llm::Diag diag;
    if (eng.begin(p, &diag) != Error::Ok) {
      std::fprintf(stderr, "llm-train: eval: %s\n", diag.text);
      std::exit(1);
    }
    std::string out;
    StrView text;
    uint32_t tok;
    while (eng.step(&text, &tok)) {
      out.append(text.data, text.size);
      if (out.find('\n') != std::string::npos) {
        eng.cancel();
      }
    }
    std::string ans = out.substr(0, out.find('\n'));
    while (!ans.empty() && ans[0] == ' ') ans.erase(0, 1);
    while (!ans.empty() && ans.back() == ' ') ans.pop_back();
    r.answers.push_back(ans);
    ++r.total;
    if (ans == t.command) ++r.correct;
  }
  return r;
}

std::string json_escape(const std::string& s) {
  std::string o;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') o += '\\', o += char(c);
    else if (c == '\n') o += "\\n";
    else if (c < 0x20) {
      char b[8];
      std::snprintf(b, sizeof(b), "\\u%04x", c);
      o += b;
    } else o += char(c);
  }
  return o;
}

void usage() {
  std::fprintf(stderr,
               "usage: sis-llm-train --preset default|tiny|wide --corpus FILE... --tasks TRAIN.tsv --eval EVAL.tsv\n"
               "                     --out MODEL.bin [--lora-out ADAPTER.bin] [--report REPORT.json]\n"
               "                     [--heldout-docs FILE...] [--pretrain FILE... --pretrain-steps N]\n"
               "                     [--cache-dir DIR] [--seed N] [--threads N]\n"
               "                     [--steps N] [--lora-steps N]\n"
               "                     [--export-llama2c MODEL.bin TOKENIZER.bin] [--quiet] [--print-key]\n");
  std::exit(2);
}

bool copy_file(const std::string& from, const std::string& to) {
  std::string data;
  if (!read_file(from, &data)) return false;
  return write_file(to, std::vector<uint8_t>(data.begin(), data.end()));
}

}  // namespace

int main(int argc, char** argv) {
  std::string preset_name = "default", out, lora_out, report, cache_dir, tasks_path, eval_path, l2c_model, l2c_tok;
  std::vector<std::string> corpus, heldout, pretrain;
  long pretrain_steps = 0;
  uint64_t seed = 1234;
  int threads = 2;
  long steps = -1, lora_steps = -1;
  bool quiet = false, print_key = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--preset") preset_name = next();
    else if (a == "--corpus") {
      while (i + 1 < argc && argv[i + 1][0] != '-') corpus.push_back(argv[++i]);
    } else if (a == "--heldout-docs") {
      while (i + 1 < argc && argv[i + 1][0] != '-') heldout.push_back(argv[++i]);
    } else if (a == "--pretrain") {
      while (i + 1 < argc && argv[i + 1][0] != '-') pretrain.push_back(argv[++i]);
    } else if (a == "--pretrain-steps") pretrain_steps = std::atol(next().c_str());
    else if (a == "--tasks") tasks_path = next();
    else if (a == "--eval") eval_path = next();
    else if (a == "--out") out = next();
    else if (a == "--lora-out") lora_out = next();
    else if (a == "--report") report = next();
    else if (a == "--cache-dir") cache_dir = next();
    else if (a == "--seed") seed = std::strtoull(next().c_str(), nullptr, 0);
    else if (a == "--threads") threads = std::atoi(next().c_str());
    else if (a == "--steps") steps = std::atol(next().c_str());
    else if (a == "--lora-steps") lora_steps = std::atol(next().c_str());
    else if (a == "--export-llama2c") {
      l2c_model = next();
      l2c_tok = next();
    } else if (a == "--quiet") quiet = true;
    else if (a == "--print-key") print_key = true;
    else usage();
  }
  if (out.empty() || corpus.empty() || tasks_path.empty() || eval_path.empty()) usage();
  Preset P = preset(preset_name);
  if (steps >= 0) P.steps = uint32_t(steps);
  if (lora_steps >= 0) P.lora_steps = uint32_t(lora_steps);

  // Inputs -> cache key. Each set's files are read whole and hashed in order; the held-out and
  // pretraining files are tagged so that moving a file between sets changes the key.
  uint64_t key = fnv(1469598103934665603ull, kTrainerVersion, std::strlen(kTrainerVersion));
  auto read_set = [&](const std::vector<std::string>& paths, const char* tag, const char* what,
                      std::vector<std::string>* out) {
    for (const auto& path : paths) {
      std::string d;
      if (!read_file(path, &d)) {
        std::fprintf(stderr, "llm-train: cannot read %s %s\n", what, path.c_str());
        return false;
      }
      key = fnv(key, tag, std::strlen(tag));
      key = fnv(key, d.data(), d.size());
      out->push_back(std::move(d));
    }
    return true;
  };
  for (const auto& path : heldout)
    for (const auto& c : corpus)
      if (c == path) {
        std::fprintf(stderr, "llm-train: %s is both in --corpus and --heldout-docs\n", path.c_str());
        return 2;
      }
  // The doc split is scored, never trained on (nor used for the tokenizer); the pretraining
  // text (Debian's man pages) is read before the corpus (docs/llm.md).
  std::vector<std::string> docs, heldout_docs, pre_docs;
  if (!read_set(corpus, "", "corpus file", &docs) || !read_set(heldout, "heldout", "held-out document", &heldout_docs) ||
      !read_set(pretrain, "pretrain", "pretraining file", &pre_docs))
    return 1;
  if (pretrain_steps < 0 || (pretrain_steps > 0 && pre_docs.empty())) {
    std::fprintf(stderr, "llm-train: --pretrain-steps needs --pretrain FILE...\n");
    return 2;
  }
  std::string tasks_text, eval_text;
  read_file(tasks_path, &tasks_text);
  read_file(eval_path, &eval_text);
  key = fnv(key, tasks_text.data(), tasks_text.size());
  key = fnv(key, eval_text.data(), eval_text.size());
  char opts[256];
  std::snprintf(opts, sizeof(opts), "%s %llu %d %u %u %u %ld", P.name, (unsigned long long)seed, threads, P.steps,
                P.lora_steps, l2c_model.empty() ? 0 : 1, pretrain_steps);
  key = fnv(key, opts, std::strlen(opts));
  char keyhex[32];
  std::snprintf(keyhex, sizeof(keyhex), "%016llx", (unsigned long long)key);
  if (print_key) {
    std::printf("%s\n", keyhex);
    return 0;
  }
  std::string cbase = cache_dir.empty() ? "" : cache_dir + "/" + P.name + "-" + keyhex;
  if (!cbase.empty()) {
    struct stat st;
    if (stat((cbase + ".bin").c_str(), &st) == 0 && stat((cbase + ".json").c_str(), &st) == 0 &&
        stat((cbase + ".lora.bin").c_str(), &st) == 0) {
      bool ok = copy_file(cbase + ".bin", out);
      if (!lora_out.empty()) ok = ok && copy_file(cbase + ".lora.bin", lora_out);
      if (!report.empty()) ok = ok && copy_file(cbase + ".json", report);
      if (!l2c_model.empty())
        ok = ok && copy_file(cbase + ".l2c.bin", l2c_model) && copy_file(cbase + ".l2c.tok", l2c_tok);
      if (ok) {
        if (!quiet) std::printf("llm-train: %s model %s from the cache (%s)\n", P.name, out.c_str(), keyhex);
        return 0;
      }
    }
  }

  const double t0 = now_s();
  std::string all, pre_all;
  for (auto& d : docs) all += d + "\n";
  for (auto& d : pre_docs) pre_all += d + "\n";
  Vocab vocab = train_bpe(pre_all + all, P.cfg.vocab_size);
  Encoder enc(vocab);
  auto encode_all = [&](const std::vector<std::string>& set) {
    std::vector<uint32_t> out;
    for (auto& d : set) {
      out.push_back(1);
      std::vector<uint32_t> ids = enc.encode(d);
      out.insert(out.end(), ids.begin(), ids.end());
      out.push_back(2);
    }
    return out;
  };
  std::vector<uint32_t> stream = encode_all(docs), pre_stream = encode_all(pre_docs);
  const double t_tok = now_s() - t0;
  if (!quiet)
    std::printf("llm-train: %s: corpus %zu bytes in %zu files -> %zu tokens (vocab %u, %.1f bytes/token), %.2f s\n",
                P.name, all.size(), docs.size(), stream.size(), P.cfg.vocab_size, double(all.size()) / stream.size(),
                t_tok);

  Trainer tr(P.cfg, seed, threads);
  Rng rng(seed ^ 0x9e3779b97f4a7c15ull);
  const uint32_t T = P.cfg.seq_len;
  double loss = 0, first_loss = 0;
  const double t1 = now_s();
  // The first pretrain_steps steps read the pretraining text, the rest the corpus; one cosine
  // schedule with a short warm-up runs over both.
  const uint32_t total_steps = P.steps + uint32_t(pretrain_steps);
  double pretrain_loss = 0;
  for (uint32_t s = 0; s < total_steps; ++s) {
    const std::vector<uint32_t>& src = s < pretrain_steps ? pre_stream : stream;
    std::vector<Sequence> batch(P.batch);
    for (auto& q : batch) {
      size_t off = src.size() > T + 1 ? rng.below(src.size() - T - 1) : 0;
      size_t len = std::min<size_t>(T + 1, src.size() - off);
      q.tokens.assign(src.begin() + long(off), src.begin() + long(off + len));
      q.mask.assign(len - 1, 1);
    }
    float warm = std::min(1.0f, float(s + 1) / float(std::max<uint32_t>(1, std::min<uint32_t>(30, total_steps / 10))));
    float lr = P.lr * warm * 0.5f * (1.0f + std::cos(3.14159265f * float(s) / float(std::max<uint32_t>(total_steps, 1))));
    lr = std::max(lr, P.lr * 0.05f);
    loss = tr.step(batch, lr, 0.01f);
    if (s == 0) first_loss = loss;
    if (s + 1 == pretrain_steps) pretrain_loss = loss;
    if (!quiet && (s % 50 == 0 || s + 1 == total_steps))
      std::printf("  step %4u/%u  loss %.3f  lr %.2e  %.1f s%s\n", s + 1, total_steps, loss, lr, now_s() - t1,
                  s < pretrain_steps ? " (pretraining)" : "");
  }
  const double t_train = now_s() - t1;

  // Perplexity on the doc split, and on the training documents (the gap shows overfitting),
  // with the two n-gram rules over the same held-out tokens.
  auto doc_stream = [&](const std::string& d) {
    std::vector<uint32_t> s{1};
    std::vector<uint32_t> ids = enc.encode(d);
    s.insert(s.end(), ids.begin(), ids.end());
    s.push_back(2);
    return s;
  };
  auto model_score = [&](const std::vector<std::string>& set) {
    SplitScore sc;
    std::vector<Sequence> seqs;
    for (const auto& d : set) {
      std::vector<Sequence> c = stream_chunks(doc_stream(d), P.cfg.seq_len);
      seqs.insert(seqs.end(), c.begin(), c.end());
      sc.bytes += d.size();
    }
    for (const auto& q : seqs) sc.tokens += q.mask.size();
    sc.nats = tr.evaluate(seqs) * double(sc.tokens);
    return sc;
  };
  const double t_split = now_s();
  SplitScore split_model, split_train, split_uni, split_bi;
  if (!heldout_docs.empty()) {
    split_model = model_score(heldout_docs);
    split_train = model_score(docs);
    NgramBaseline ngram(stream, P.cfg.vocab_size);
    for (const auto& d : heldout_docs) {
      ngram.score(doc_stream(d), &split_uni, &split_bi);
      split_uni.bytes += d.size();
      split_bi.bytes += d.size();
    }
    if (!quiet)
      std::printf("llm-train: doc split: %zu held-out files, %zu bytes, %zu tokens: perplexity model %.2f (training "
                  "documents %.2f), bigram %.2f, unigram %.2f; bits/byte %.3f, %.3f, %.3f (%.1f s)\n",
                  heldout_docs.size(), split_model.bytes, split_model.tokens, split_model.perplexity(),
                  split_train.perplexity(), split_bi.perplexity(), split_uni.perplexity(), split_model.bits_per_byte(),
                  split_bi.bits_per_byte(), split_uni.bits_per_byte(), now_s() - t_split);
  }
  std::vector<uint8_t> model = sis_model_bytes(P.cfg, tr.params(), vocab, std::string("sis-ops-") + P.name);

  // LoRA on the task set, measured on held-out incidents before and after.
  std::vector<Task> train_tasks = read_tasks(tasks_path), eval_tasks_v = read_tasks(eval_path);
  std::vector<Sequence> train_seqs, eval_seqs;
  for (auto& t : train_tasks) train_seqs.push_back(task_sequence(enc, t, P.cfg.seq_len));
  for (auto& t : eval_tasks_v) eval_seqs.push_back(task_sequence(enc, t, P.cfg.seq_len));
  const double base_eval_loss = tr.evaluate(eval_seqs);

  llm::Engine eng;
  eng.set_clock(now_ns);
  llm::Diag diag;
  std::vector<uint8_t> model_copy = model;  // the engine borrows the bytes
  if (eng.load(ByteSpan{model_copy.data(), model_copy.size()}, false, "trainer", &diag) != Error::Ok) {
    std::fprintf(stderr, "llm-train: the model just written does not load: %s\n", diag.text);
    return 1;
  }
  EvalResult base_eval = eval_tasks(eng, eval_tasks_v);

  const double t2 = now_s();
  tr.enable_lora(P.lora_rank, P.lora_targets, P.lora_alpha, seed + 1);
  double lora_loss = 0;
  for (uint32_t s = 0; s < P.lora_steps; ++s) {
    std::vector<Sequence> batch;
    for (uint32_t b = 0; b < P.lora_batch && !train_seqs.empty(); ++b) batch.push_back(train_seqs[rng.below(train_seqs.size())]);
    float lr = P.lora_lr * std::min(1.0f, float(s + 1) / 10.0f);
    lora_loss = tr.step(batch, lr, 0.0f);
    if (!quiet && (s % 50 == 0 || s + 1 == P.lora_steps))
      std::printf("  lora step %4u/%u  loss %.3f  %.1f s\n", s + 1, P.lora_steps, lora_loss, now_s() - t2);
  }
  const double t_lora = now_s() - t2;
  const double lora_eval_loss = tr.evaluate(eval_seqs);
  std::vector<uint8_t> adapter = sis_adapter_bytes(P.cfg, tr.lora_layout(), tr.lora_params(), "ops-fix");
  std::vector<uint8_t> adapter_copy = adapter;
  if (eng.load_adapter(ByteSpan{adapter_copy.data(), adapter_copy.size()}, false, "trainer", &diag) != Error::Ok) {
    std::fprintf(stderr, "llm-train: the adapter just written does not load: %s\n", diag.text);
    return 1;
  }
  EvalResult lora_eval = eval_tasks(eng, eval_tasks_v);
  const double total = now_s() - t0;

  char buf[1024];
  std::string js = "{";
  std::snprintf(buf, sizeof(buf),
                "\"preset\":\"%s\",\"seed\":%llu,\"threads\":%d,\"cache_key\":\"%s\",\"corpus_bytes\":%zu,"
                "\"corpus_tokens\":%zu,\"vocab\":%u,\"dim\":%u,\"hidden_dim\":%u,\"layers\":%u,\"heads\":%u,"
                "\"kv_heads\":%u,\"seq_len\":%u,\"params\":%zu,\"model_bytes\":%zu,\"steps\":%u,\"batch\":%u,"
                "\"first_loss\":%.4f,\"final_loss\":%.4f,\"tokenizer_s\":%.2f,\"train_s\":%.2f,"
                "\"pretrain_bytes\":%zu,\"pretrain_tokens\":%zu,\"pretrain_steps\":%ld,\"pretrain_final_loss\":%.4f,",
                P.name, (unsigned long long)seed, threads, keyhex, all.size(), stream.size(), P.cfg.vocab_size,
                P.cfg.dim, P.cfg.hidden_dim, P.cfg.n_layers, P.cfg.n_heads, P.cfg.n_kv_heads, P.cfg.seq_len,
                tr.params().size(), model.size(), P.steps, P.batch, first_loss, loss, t_tok, t_train, pre_all.size(),
                pre_stream.size(), pretrain_steps, pretrain_loss);
  js += buf;
  std::snprintf(buf, sizeof(buf),
                "\"lora\":{\"rank\":%u,\"alpha\":%.1f,\"targets\":%u,\"params\":%zu,\"adapter_bytes\":%zu,\"steps\":%u,"
                "\"train_s\":%.2f,\"train_examples\":%zu,\"heldout_examples\":%zu,\"final_train_loss\":%.4f,"
                "\"heldout_loss_base\":%.4f,\"heldout_loss_lora\":%.4f,\"heldout_exact_base\":%d,"
                "\"heldout_exact_lora\":%d},\"total_s\":%.2f,",
                P.lora_rank, P.lora_alpha, P.lora_targets, tr.lora_params().size(), adapter.size(), P.lora_steps, t_lora,
                train_tasks.size(), eval_tasks_v.size(), lora_loss, base_eval_loss, lora_eval_loss, base_eval.correct,
                lora_eval.correct, total);
  js += buf;
  std::snprintf(buf, sizeof(buf),
                "\"doc_split\":{\"heldout_files\":%zu,\"heldout_bytes\":%zu,\"heldout_tokens\":%zu,"
                "\"model_perplexity\":%.3f,\"model_bits_per_byte\":%.4f,\"train_docs_perplexity\":%.3f,"
                "\"bigram_kn_perplexity\":%.3f,\"bigram_kn_bits_per_byte\":%.4f,\"unigram_perplexity\":%.3f,"
                "\"unigram_bits_per_byte\":%.4f},\"examples\":[",
                heldout_docs.size(), split_model.bytes, split_model.tokens, split_model.perplexity(),
                split_model.bits_per_byte(), split_train.perplexity(), split_bi.perplexity(), split_bi.bits_per_byte(),
                split_uni.perplexity(), split_uni.bits_per_byte());
  js += buf;
  for (size_t i = 0; i < eval_tasks_v.size(); ++i) {
    if (i) js += ",";
    js += "{\"incident\":\"" + json_escape(eval_tasks_v[i].incident) + "\",\"expected\":\"" +
          json_escape(eval_tasks_v[i].command) + "\",\"base\":\"" + json_escape(base_eval.answers[i]) +
          "\",\"lora\":\"" + json_escape(lora_eval.answers[i]) + "\"}";
  }
  js += "]}\n";
  if (!quiet) {
    std::printf("llm-train: base %.1f s (%u steps, loss %.3f -> %.3f), LoRA %.1f s; held-out: loss %.3f -> %.3f, "
                "exact command %d/%d -> %d/%d\n",
                t_train, P.steps, first_loss, loss, t_lora, base_eval_loss, lora_eval_loss, base_eval.correct,
                base_eval.total, lora_eval.correct, lora_eval.total);
  }

  bool ok = write_file(out, model);
  if (!lora_out.empty()) ok = ok && write_file(lora_out, adapter);
  std::vector<uint8_t> jsb(js.begin(), js.end());
  if (!report.empty()) ok = ok && write_file(report, jsb);
  std::vector<uint8_t> l2m, l2t;
  if (!l2c_model.empty()) {
    l2m = llama2c_model_bytes(P.cfg, tr.params());
    l2t = llama2c_tokenizer_bytes(vocab);
    ok = ok && write_file(l2c_model, l2m) && write_file(l2c_tok, l2t);
  }
  if (ok && !cbase.empty()) {
    mkdir(cache_dir.c_str(), 0755);
    write_file(cbase + ".bin", model);
    write_file(cbase + ".lora.bin", adapter);
    if (!l2c_model.empty()) {
      write_file(cbase + ".l2c.bin", l2m);
      write_file(cbase + ".l2c.tok", l2t);
    }
    write_file(cbase + ".json", jsb);  // last: its presence marks a complete entry
  }
  if (!ok) {
    std::fprintf(stderr, "llm-train: writing the outputs failed\n");
    return 1;
  }
  return 0;
}
