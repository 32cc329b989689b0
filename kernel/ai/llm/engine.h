// Engine: the language model as the rest of the kernel sees it -- one loaded model (SIS or
// llama2.c), its tokenizer, the transformer state, up to Transformer::kMaxAdapters LoRA
// adapters, and a generation in progress that advances one token per step() so that a
// caller can stream tokens (the shell prints them, the control port sends llm.token events).
//
// The interface uses integers only (temperature in thousandths, times in ns): callers such as
// the shell are built with -mgeneral-regs-only and must not touch FP registers; everything
// that computes in floating point lives in the FP-enabled files behind this header.
//
// Prompts are untrusted data: at most kMaxPromptBytes bytes of anything; they are tokenized,
// never parsed or executed, and a prompt longer than the context keeps its most recent
// tokens (flagged in the stats).
#pragma once
#include "ai/llm/lora.h"
#include "ai/llm/sampler.h"
#include "ai/llm/tokenizer.h"
#include "ai/llm/transformer.h"

namespace sis::llm {

constexpr usize kMaxPromptBytes = 2048;
constexpr u32 kMaxNewTokens = 1024;

enum class StopReason : u8 { None, Eos, MaxTokens, Context, Cancelled };
const char* stop_reason_name(StopReason r);

struct InferParams {
  StrView prompt;
  u32 max_tokens = 64;
  u32 temperature_milli = 0;  // 0: greedy
  u64 seed = 0;
};

struct InferStats {
  u32 prompt_tokens = 0;
  u32 generated = 0;
  bool prompt_truncated = false;
  u64 prefill_ns = 0;  // running the prompt through the model
  u64 ttft_ns = 0;     // begin() to the first generated token
  u64 total_ns = 0;
  StopReason stop = StopReason::None;
};

struct AdapterInfo {
  char name[17];
  char source[64];
  u32 rank;
  u32 targets;
  u64 params;
  u64 bytes;
};

class Engine {
 public:
  using Clock = u64 (*)();
  static constexpr u32 kMaxAdapters = Transformer::kMaxAdapters;

  Engine() = default;
  ~Engine() { unload(); }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void set_clock(Clock c) { clock_ = c; }
  // Bounds the KV cache (0: the model's own context length).
  void set_max_context(u32 n) { max_context_ = n; }

  // Loads a model from bytes in memory. When owned, the engine frees them with env_free
  // on unload (also when loading fails). A model already loaded is replaced only on success.
  Error load(ByteSpan model, bool owned, const char* source, Diag* diag);
  // A llama2.c checkpoint plus its tokenizer.bin.
  Error load_llama2c(ByteSpan model, bool owned, ByteSpan tokenizer, bool tok_owned, const char* source, Diag* diag);
  void unload();
  bool loaded() const { return tf_.ready(); }

  Error load_adapter(ByteSpan bytes, bool owned, const char* source, Diag* diag);
  Error unload_adapter(StrView name);  // by name, or "all"
  u32 adapter_count() const { return n_adapters_; }
  AdapterInfo adapter(u32 i) const;

  // Generation. begin() tokenizes the prompt; each step() yields one token (false once the
  // generation has ended; then stats() is final). A generation that ends with EOS while
  // bytes of an unfinished character are held back returns them once more with token ==
  // EOS (not counted as generated). Busy while a generation runs.
  Error begin(const InferParams& p, Diag* diag);
  bool step(StrView* text, u32* token);
  void cancel() { cancel_ = true; }
  bool busy() const { return active_; }
  // Grammar-constrained choice (docs/llm.md, "Commands that exist by construction"): the
  // log-likelihood of each continuation after the prompt, teacher-forced, in micro-nats
  // (<= 0), into out[n]. The prompt runs once; each continuation reuses its KV cache. The
  // continuation's tokens are encoded without BOS; `eos` adds the end-of-sequence token.
  // Busy while a generation runs; TooBig when prompt plus a continuation exceed the context.
  Error score_continuations(StrView prompt, const StrView* conts, usize n, bool eos, i64* out, Diag* diag);
  const InferStats& stats() const { return stats_; }

  // Kernel selection: NEON when available (default), or the scalar reference.
  bool set_neon(bool on);
  const char* kernels_name() const { return tf_.ready() ? tf_.kernels().name : best_kernels().name; }

  const ModelView& model() const { return view_; }
  const Tokenizer& tokenizer() const { return tok_; }
  const Transformer& transformer() const { return tf_; }
  Transformer& transformer() { return tf_; }
  const char* source() const { return source_; }
  u64 model_bytes() const { return model_.size; }
  u64 memory_bytes() const;  // model file + tokenizer index + state + adapters

  struct Totals {
    u64 requests = 0, prompt_tokens = 0, generated = 0, generate_ns = 0, prefill_ns = 0;
  };
  const Totals& totals() const { return totals_; }
  u64 now() const { return clock_ ? clock_() : 0; }

 private:
  struct Slot {
    bool used = false;
    bool owned = false;
    ByteSpan bytes;
    LoraAdapter lora;
    char source[64] = {};
  };
  Error finish_load(ByteSpan model, bool owned, ByteSpan tok, bool tok_owned, const char* source, Diag* diag);
  void end(StopReason r);

  Clock clock_ = nullptr;
  u32 max_context_ = 0;
  ByteSpan model_{}, tok_file_{};
  bool model_owned_ = false, tok_owned_ = false;
  ModelView view_;
  Tokenizer tok_;
  Transformer tf_;
  char source_[64] = {};
  Slot slots_[kMaxAdapters];
  u32 n_adapters_ = 0;
  bool want_neon_ = true;

  // Generation state.
  bool active_ = false;
  volatile bool cancel_ = false;
  u32* tokens_ = nullptr;  // prompt tokens (context-sized)
  u32 n_prompt_ = 0, pos_ = 0, max_new_ = 0, last_ = 0;
  u64 t_begin_ = 0;
  Sampler sampler_;
  char pending_[8] = {};
  usize n_pending_ = 0;
  char out_[kMaxPieceLen + 8] = {};
  InferStats stats_;
  Totals totals_;
};

// The kernel's one engine (the shell, the control port and the benchmarks share it).
Engine& engine();

}  // namespace sis::llm
