// Engine (see engine.h): model and adapter lifetime, prompt handling, token streaming.
#include "ai/llm/engine.h"

#include "lib/env.h"
#include "ai/llm/text.h"
#include "lib/format.h"

namespace sis::llm {

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::None: return "none";
    case StopReason::Eos: return "eos";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::Context: return "context";
    case StopReason::Cancelled: return "cancelled";
  }
  return "?";
}

Engine& engine() {
  static Engine e;
  return e;
}

void Engine::unload() {
  if (active_) end(StopReason::Cancelled);
  for (Slot& s : slots_) {
    if (s.used && s.owned) env_free(const_cast<u8*>(s.bytes.data));
    s = Slot{};
  }
  n_adapters_ = 0;
  tf_.release();
  tok_.release();
  if (model_owned_) env_free(const_cast<u8*>(model_.data));
  if (tok_owned_) env_free(const_cast<u8*>(tok_file_.data));
  env_free(tokens_);
  tokens_ = nullptr;
  model_ = tok_file_ = ByteSpan{};
  model_owned_ = tok_owned_ = false;
  view_ = ModelView{};
  source_[0] = 0;
}

Error Engine::finish_load(ByteSpan model, bool owned, ByteSpan tok, bool tok_owned, const char* source, Diag* diag) {
  auto drop = [&] {
    if (owned) env_free(const_cast<u8*>(model.data));
    if (tok_owned) env_free(const_cast<u8*>(tok.data));
  };
  if (busy()) {
    drop();
    diag->set("a generation is running");
    return Error::Busy;
  }
  // Parse into a scratch view first so a bad file leaves the loaded model untouched.
  static ModelView view;
  Error e = parse_model(model, &view, diag);
  if (e != Error::Ok) {
    drop();
    return e;
  }
  if (view.format == ModelFormat::Llama2c && !tok.data) {
    drop();
    diag->set("a llama2.c checkpoint needs its tokenizer.bin (--tokenizer PATH)");
    return Error::Invalid;
  }
  unload();
  view_ = view;
  model_ = model;
  model_owned_ = owned;
  tok_file_ = tok;
  tok_owned_ = tok_owned;
  e = view_.format == ModelFormat::Sis ? tok_.load_sis(view_.tokenizer, view_.cfg.vocab_size, diag)
                                       : tok_.load_llama2c(tok, view_.cfg.vocab_size, diag);
  if (e == Error::Ok) {
    tf_.set_kernels(want_neon_ ? &best_kernels() : &scalar_kernels());
    e = tf_.init(&view_, max_context_, diag);
  }
  if (e == Error::Ok) {
    tokens_ = static_cast<u32*>(env_alloc(sizeof(u32) * tf_.context()));
    if (!tokens_) {
      diag->set("out of memory for the prompt buffer");
      e = Error::NoMemory;
    }
  }
  if (e != Error::Ok) {
    unload();
    return e;
  }
  copy_cstr(source_, sizeof(source_), source);
  return Error::Ok;
}

Error Engine::load(ByteSpan model, bool owned, const char* source, Diag* diag) {
  return finish_load(model, owned, ByteSpan{}, false, source, diag);
}

Error Engine::load_llama2c(ByteSpan model, bool owned, ByteSpan tok, bool tok_owned, const char* source, Diag* diag) {
  return finish_load(model, owned, tok, tok_owned, source, diag);
}

Error Engine::load_adapter(ByteSpan bytes, bool owned, const char* source, Diag* diag) {
  auto drop = [&] {
    if (owned) env_free(const_cast<u8*>(bytes.data));
  };
  if (!loaded()) {
    drop();
    diag->set("no model loaded (llmctl load first)");
    return Error::Invalid;
  }
  if (busy()) {
    drop();
    diag->set("a generation is running");
    return Error::Busy;
  }
  Slot* slot = nullptr;
  for (Slot& s : slots_)
    if (!s.used) {
      slot = &s;
      break;
    }
  if (!slot) {
    drop();
    diag->set("already %u adapters loaded (llmctl lora unload NAME)", kMaxAdapters);
    return Error::Busy;
  }
  Error e = parse_adapter(bytes, view_.cfg, &slot->lora, diag);
  if (e == Error::Ok) {
    for (const Slot& s : slots_)
      if (s.used && StrView(s.lora.name) == StrView(slot->lora.name)) {
        diag->set("an adapter named '%s' is already loaded", s.lora.name);
        e = Error::Exists;
      }
  }
  if (e == Error::Ok) e = tf_.add_adapter(&slot->lora);
  if (e != Error::Ok) {
    slot->lora = LoraAdapter{};
    drop();
    return e;
  }
  slot->used = true;
  slot->owned = owned;
  slot->bytes = bytes;
  copy_cstr(slot->source, sizeof(slot->source), source);
  ++n_adapters_;
  return Error::Ok;
}

Error Engine::unload_adapter(StrView name) {
  if (busy()) return Error::Busy;
  bool all = name == StrView("all"), found = false;
  for (Slot& s : slots_) {
    if (!s.used || !(all || StrView(s.lora.name) == name)) continue;
    tf_.remove_adapter(&s.lora);
    if (s.owned) env_free(const_cast<u8*>(s.bytes.data));
    s = Slot{};
    --n_adapters_;
    found = true;
  }
  return found || all ? Error::Ok : Error::NoEntry;
}

AdapterInfo Engine::adapter(u32 i) const {
  AdapterInfo info{};
  u32 k = 0;
  for (const Slot& s : slots_) {
    if (!s.used) continue;
    if (k++ != i) continue;
    memcpy(info.name, s.lora.name, sizeof(info.name));
    copy_cstr(info.source, sizeof(info.source), s.source);
    info.rank = s.lora.rank;
    info.targets = s.lora.targets;
    info.params = s.lora.param_count;
    info.bytes = s.bytes.size;
  }
  return info;
}

u64 Engine::memory_bytes() const {
  if (!loaded()) return 0;
  u64 b = model_.size + tok_file_.size + tok_.memory_bytes() + tf_.state_bytes() + sizeof(u32) * tf_.context();
  for (const Slot& s : slots_)
    if (s.used) b += s.bytes.size;
  return b;
}

bool Engine::set_neon(bool on) {
  if (on && !neon_kernels()) return false;
  want_neon_ = on;
  if (tf_.ready()) tf_.set_kernels(on ? neon_kernels() : &scalar_kernels());
  return true;
}

Error Engine::begin(const InferParams& p, Diag* diag) {
  if (!loaded()) {
    diag->set("no model loaded");
    return Error::Invalid;
  }
  if (active_) {
    diag->set("a generation is already running");
    return Error::Busy;
  }
  if (p.prompt.size > kMaxPromptBytes) {
    diag->set("prompt is %zu bytes; the limit is %zu", p.prompt.size, kMaxPromptBytes);
    return Error::TooBig;
  }
  stats_ = InferStats{};
  t_begin_ = now();
  const u32 ctx = tf_.context();
  // Tokenize into the context buffer; a prompt that does not fit keeps BOS + its tail.
  // Worst case is one token per byte (+ BOS + dummy prefix); encode into a temporary
  // allocation of that size so nothing is lost before we decide what to keep.
  usize cap = p.prompt.size + 2;
  u32* tmp = static_cast<u32*>(env_alloc(cap * sizeof(u32)));
  if (!tmp) {
    diag->set("out of memory for prompt tokens");
    return Error::NoMemory;
  }
  Result<usize> n = tok_.encode(p.prompt, true, tmp, cap);
  if (!n.ok()) {
    env_free(tmp);
    diag->set("tokenizing the prompt failed: %s", error_name(n.error()));
    return n.error();
  }
  usize count = n.value();
  u32 keep_max = ctx > 1 ? ctx - 1 : 1;  // leave room for at least one new token
  if (count > keep_max) {
    stats_.prompt_truncated = true;
    tokens_[0] = tmp[0];
    memcpy(tokens_ + 1, tmp + (count - (keep_max - 1)), (keep_max - 1) * sizeof(u32));
    count = keep_max;
  } else {
    memcpy(tokens_, tmp, count * sizeof(u32));
  }
  env_free(tmp);
  n_prompt_ = static_cast<u32>(count);
  stats_.prompt_tokens = n_prompt_;
  pos_ = 0;
  max_new_ = p.max_tokens == 0 ? 1 : min<u32>(p.max_tokens, kMaxNewTokens);
  sampler_.reset(p.temperature_milli, p.seed);
  n_pending_ = 0;
  cancel_ = false;
  active_ = true;
  ++totals_.requests;
  return Error::Ok;
}

void Engine::end(StopReason r) {
  active_ = false;
  stats_.stop = r;
  stats_.total_ns = now() - t_begin_;
  totals_.prompt_tokens += stats_.prompt_tokens;
  totals_.generated += stats_.generated;
  totals_.prefill_ns += stats_.prefill_ns;
  totals_.generate_ns += stats_.total_ns - stats_.prefill_ns;
}

bool Engine::step(StrView* text, u32* token) {
  *text = StrView();
  *token = 0;
  if (!active_) return false;
  if (cancel_) {
    end(StopReason::Cancelled);
    return false;
  }
  const u32 vocab = view_.cfg.vocab_size;
  float* logits = nullptr;
  if (pos_ == 0) {
    // Prefill: run every prompt token; the logits of the last predict the first new token.
    for (u32 i = 0; i < n_prompt_; ++i) logits = tf_.forward(tokens_[i], i);
    pos_ = n_prompt_;
    stats_.prefill_ns = now() - t_begin_;
  } else {
    if (pos_ >= tf_.context()) {
      // Flush held-back bytes of an unfinished character before stopping.
      end(StopReason::Context);
      return false;
    }
    logits = tf_.forward(last_, pos_);
    ++pos_;
  }
  u32 next = sampler_.sample(logits, vocab);
  u32 prev = stats_.generated == 0 ? tokens_[n_prompt_ - 1] : last_;
  if (stats_.generated == 0) stats_.ttft_ns = now() - t_begin_;
  if (next == tok_.eos() || next == tok_.bos()) {
    end(StopReason::Eos);
    // Whatever bytes were held back are returned as they are (possibly invalid UTF-8,
    // which the output layers replace).
    *text = StrView(pending_, n_pending_);
    *token = next;
    n_pending_ = 0;
    return text->size != 0;
  }
  last_ = next;
  ++stats_.generated;
  *token = next;
  // Join held-back bytes with this token's bytes and release only complete characters.
  StrView piece = tok_.decode(prev, next);
  memcpy(out_, pending_, n_pending_);
  usize len = n_pending_ + min<usize>(piece.size, sizeof(out_) - n_pending_);
  if (len > n_pending_) memcpy(out_ + n_pending_, piece.data, len - n_pending_);  // a special token has no bytes (nullptr)
  usize ok = utf8_complete_prefix(StrView(out_, len));
  n_pending_ = len - ok;
  memcpy(pending_, out_ + ok, n_pending_);
  bool last = stats_.generated >= max_new_ || pos_ >= tf_.context();
  if (last) {
    ok = len;  // nothing more will come: release the tail as is
    n_pending_ = 0;
    end(stats_.generated >= max_new_ ? StopReason::MaxTokens : StopReason::Context);
  }
  *text = StrView(out_, ok);
  return true;
}

}  // namespace sis::llm
