// Model file parsing (SIS format and llama2.c checkpoints); see model.h for the contract.
#include "ai/llm/model.h"

#include "lib/env.h"
#include "lib/format.h"

namespace sis::llm {

void Diag::set(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vformat(text, sizeof(text), fmt, ap);
  va_end(ap);
}

namespace {

u32 crc_table[256];
bool crc_ready = false;

void crc_init() {
  for (u32 i = 0; i < 256; ++i) {
    u32 c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
  crc_ready = true;
}


}  // namespace

u32 crc32(const u8* data, usize n, u32 prev) {
  if (!crc_ready) crc_init();
  u32 c = ~prev;
  for (usize i = 0; i < n; ++i) c = crc_table[(c ^ data[i]) & 0xff] ^ (c >> 8);
  return ~c;
}

u64 sis_weight_floats(const Config& c) {
  u64 d = c.dim, h = c.hidden_dim, kv = c.kv_dim(), v = c.vocab_size, l = c.n_layers;
  u64 per_layer = 2 * d + 2 * d * d + 2 * kv * d + 3 * d * h;
  return v * d + l * per_layer + d + (c.shared_classifier ? 0 : v * d);
}

u64 llama2c_weight_floats(const Config& c) {
  // Same tensors plus the two legacy RoPE tables (freq_cis_real/imag, seq_len * head/2 each).
  return sis_weight_floats(c) + u64(c.seq_len) * c.head_size();
}

Error validate_config(const Config& c, Diag* diag) {
  if (c.dim == 0 || c.hidden_dim == 0 || c.n_layers == 0 || c.n_heads == 0 || c.n_kv_heads == 0 ||
      c.vocab_size == 0 || c.seq_len == 0) {
    diag->set("a dimension is zero (dim %u hidden %u layers %u heads %u kv_heads %u vocab %u seq %u)", c.dim,
              c.hidden_dim, c.n_layers, c.n_heads, c.n_kv_heads, c.vocab_size, c.seq_len);
    return Error::Corrupt;
  }
  if (c.dim > kMaxDim || c.hidden_dim > kMaxHidden || c.n_layers > kMaxLayers || c.n_heads > kMaxHeads ||
      c.vocab_size > kMaxVocab || c.seq_len > kMaxSeq) {
    diag->set("dimensions beyond this kernel's limits (dim<=%u hidden<=%u layers<=%u heads<=%u vocab<=%u seq<=%u)",
              kMaxDim, kMaxHidden, kMaxLayers, kMaxHeads, kMaxVocab, kMaxSeq);
    return Error::TooBig;
  }
  if (c.dim % c.n_heads != 0 || c.n_kv_heads > c.n_heads || c.n_heads % c.n_kv_heads != 0 ||
      c.head_size() % 2 != 0) {
    diag->set("inconsistent heads: dim %u, %u heads, %u kv heads (head size must be even)", c.dim, c.n_heads,
              c.n_kv_heads);
    return Error::Corrupt;
  }
  if (!(c.norm_eps > 0.0f && c.norm_eps < 1.0f) || !(c.rope_theta >= 1.0f)) {
    diag->set("bad norm epsilon or RoPE base");
    return Error::Corrupt;
  }
  return Error::Ok;
}

bool is_sis_file(ByteSpan f) { return f.size >= 8 && memcmp(f.data, kMagic, 8) == 0; }

Error parse_sis_header(ByteSpan f, SisHeader* h, bool check_payload, Diag* diag) {
  if (f.size < kHeaderSize) {
    diag->set("truncated: %zu bytes, a SIS model header alone is %u", f.size, kHeaderSize);
    return Error::Corrupt;
  }
  if (!is_sis_file(f)) {
    diag->set("not a SIS model file (bad magic)");
    return Error::BadFormat;
  }
  const u8* p = f.data;
  h->version = ld32(p + 8);
  if (h->version != kFormatVersion) {
    diag->set("SIS model format version %u; this kernel reads version %u", h->version, kFormatVersion);
    return Error::NotSupported;
  }
  if (ld32(p + 12) != kHeaderSize) {
    diag->set("header size %u, expected %u", ld32(p + 12), kHeaderSize);
    return Error::Corrupt;
  }
  u32 hcrc = ld32(p + 124);
  if (crc32(p, 124) != hcrc) {
    diag->set("header checksum mismatch (file damaged)");
    return Error::Corrupt;
  }
  h->kind = ld32(p + 16);
  h->flags = ld32(p + 20);
  Config& c = h->cfg;
  c.dim = ld32(p + 24);
  c.hidden_dim = ld32(p + 28);
  c.n_layers = ld32(p + 32);
  c.n_heads = ld32(p + 36);
  c.n_kv_heads = ld32(p + 40);
  c.vocab_size = ld32(p + 44);
  c.seq_len = ld32(p + 48);
  c.rope_theta = static_cast<float>(ld32(p + 52));
  c.norm_eps = static_cast<float>(ld32(p + 56)) * 1e-9f;
  c.shared_classifier = (h->flags & kFlagSharedClassifier) != 0;
  h->lora_rank = ld32(p + 60);
  h->lora_alpha_e3 = ld32(p + 64);
  h->lora_targets = ld32(p + 68);
  h->tok_offset = ld64(p + 72);
  h->tok_size = ld64(p + 80);
  h->weights_offset = ld64(p + 88);
  h->weights_size = ld64(p + 96);
  memcpy(h->name, p + 104, 16);
  h->name[16] = 0;
  TRY(validate_config(c, diag));
  // Sections must lie inside the file and the file must end where the last one ends.
  u64 size = f.size;
  if (h->tok_offset > size || h->tok_size > size - h->tok_offset || h->weights_offset > size ||
      h->weights_size > size - h->weights_offset || h->weights_offset < kHeaderSize ||
      (h->tok_size && h->tok_offset < kHeaderSize)) {
    u64 want = max(h->tok_offset + h->tok_size, h->weights_offset + h->weights_size);
    diag->set("truncated: the header describes %llu bytes, the file has %llu", static_cast<unsigned long long>(want),
              static_cast<unsigned long long>(size));
    return Error::Corrupt;
  }
  u64 end = max(h->tok_offset + h->tok_size, h->weights_offset + h->weights_size);
  if (end != size) {
    diag->set("%llu trailing bytes after the last section", static_cast<unsigned long long>(size - end));
    return Error::Corrupt;
  }
  if (h->weights_offset % 4 != 0) {
    diag->set("weights offset %llu is not 4-byte aligned", static_cast<unsigned long long>(h->weights_offset));
    return Error::Corrupt;
  }
  if (check_payload && crc32(p + kHeaderSize, f.size - kHeaderSize) != ld32(p + 120)) {
    diag->set("payload checksum mismatch (file damaged)");
    return Error::Corrupt;
  }
  return Error::Ok;
}

namespace {

// Lays out the tensors of one layer-major (SIS) weights section.
void map_sis(const float* w, ModelView* m) {
  const Config& c = m->cfg;
  u64 d = c.dim, h = c.hidden_dim, kv = c.kv_dim();
  m->token_embedding = w;
  w += u64(c.vocab_size) * d;
  for (u32 l = 0; l < c.n_layers; ++l) {
    LayerWeights& L = m->layers[l];
    L.rms_att = w; w += d;
    L.wq = w; w += d * d;
    L.wk = w; w += kv * d;
    L.wv = w; w += kv * d;
    L.wo = w; w += d * d;
    L.rms_ffn = w; w += d;
    L.w1 = w; w += h * d;
    L.w2 = w; w += d * h;
    L.w3 = w; w += h * d;
  }
  m->rms_final = w;
  w += d;
  m->wcls = c.shared_classifier ? m->token_embedding : w;
}

// llama2.c groups tensors by kind across layers (run.c memory_map_weights).
void map_llama2c(const float* w, ModelView* m) {
  const Config& c = m->cfg;
  u64 d = c.dim, h = c.hidden_dim, kv = c.kv_dim(), L = c.n_layers;
  m->token_embedding = w;
  w += u64(c.vocab_size) * d;
  for (u32 l = 0; l < L; ++l) m->layers[l].rms_att = w + l * d;
  w += L * d;
  for (u32 l = 0; l < L; ++l) m->layers[l].wq = w + l * d * d;
  w += L * d * d;
  for (u32 l = 0; l < L; ++l) m->layers[l].wk = w + l * kv * d;
  w += L * kv * d;
  for (u32 l = 0; l < L; ++l) m->layers[l].wv = w + l * kv * d;
  w += L * kv * d;
  for (u32 l = 0; l < L; ++l) m->layers[l].wo = w + l * d * d;
  w += L * d * d;
  for (u32 l = 0; l < L; ++l) m->layers[l].rms_ffn = w + l * d;
  w += L * d;
  for (u32 l = 0; l < L; ++l) m->layers[l].w1 = w + l * h * d;
  w += L * h * d;
  for (u32 l = 0; l < L; ++l) m->layers[l].w2 = w + l * d * h;
  w += L * d * h;
  for (u32 l = 0; l < L; ++l) m->layers[l].w3 = w + l * h * d;
  w += L * h * d;
  m->rms_final = w;
  w += d;
  w += u64(c.seq_len) * c.head_size();  // freq_cis_real + freq_cis_imag (unused: RoPE is computed)
  m->wcls = c.shared_classifier ? m->token_embedding : w;
}

Error parse_llama2c(ByteSpan f, ModelView* m, Diag* diag) {
  if (f.size < 28) {
    diag->set("not a model file: %zu bytes is too short for a SIS or llama2.c header", f.size);
    return Error::BadFormat;
  }
  i32 v[7];
  for (int i = 0; i < 7; ++i) v[i] = ld32_signed(f.data + 4 * i);
  for (int i = 0; i < 7; ++i) {
    if (i == 5) continue;
    if (v[i] <= 0) {
      diag->set("not a model file: neither the SIS magic nor a plausible llama2.c header");
      return Error::BadFormat;
    }
  }
  Config& c = m->cfg;
  c.dim = u32(v[0]);
  c.hidden_dim = u32(v[1]);
  c.n_layers = u32(v[2]);
  c.n_heads = u32(v[3]);
  c.n_kv_heads = u32(v[4]);
  c.shared_classifier = v[5] > 0;  // run.c: a negative vocab size means a separate classifier
  c.vocab_size = v[5] == INT32_MIN ? 0u : u32(v[5] < 0 ? -v[5] : v[5]);
  c.seq_len = u32(v[6]);
  c.rope_theta = 10000.0f;
  c.norm_eps = 1e-5f;
  Error e = validate_config(c, diag);
  if (e != Error::Ok) {
    if (e == Error::Corrupt) {
      char tmp[sizeof(diag->text)];
      memcpy(tmp, diag->text, sizeof(tmp));
      diag->set("not a SIS file; as a llama2.c checkpoint: %s", tmp);
      return Error::BadFormat;
    }
    return e;
  }
  u64 want = 28 + llama2c_weight_floats(c) * 4;
  if (f.size != want) {
    if (f.size < want)
      diag->set("truncated llama2.c checkpoint: %llu bytes, its header needs %llu",
                static_cast<unsigned long long>(f.size), static_cast<unsigned long long>(want));
    else
      diag->set("llama2.c checkpoint with %llu unexpected trailing bytes (or not a checkpoint)",
                static_cast<unsigned long long>(f.size - want));
    return Error::Corrupt;
  }
  m->format = ModelFormat::Llama2c;
  copy_cstr(m->name, sizeof(m->name), "llama2.c");
  map_llama2c(reinterpret_cast<const float*>(f.data + 28), m);
  m->weight_bytes = want - 28;
  return Error::Ok;
}

}  // namespace

Error parse_model(ByteSpan f, ModelView* m, Diag* diag) {
  *m = ModelView{};
  if (reinterpret_cast<uptr>(f.data) % 4 != 0) {
    diag->set("model buffer is not 4-byte aligned");
    return Error::Invalid;
  }
  if (!is_sis_file(f)) {
    TRY(parse_llama2c(f, m, diag));
  } else {
    SisHeader h;
    TRY(parse_sis_header(f, &h, true, diag));
    if (h.kind != kKindModel) {
      diag->set("this is a LoRA adapter, not a model (use llmctl lora load)");
      return Error::NotSupported;
    }
    m->cfg = h.cfg;
    if (h.weights_size != sis_weight_floats(h.cfg) * 4) {
      diag->set("weights section has %llu bytes, the dimensions need %llu",
                static_cast<unsigned long long>(h.weights_size),
                static_cast<unsigned long long>(sis_weight_floats(h.cfg) * 4));
      return Error::Corrupt;
    }
    if (h.tok_size == 0) {
      diag->set("SIS model without a tokenizer section");
      return Error::Corrupt;
    }
    m->format = ModelFormat::Sis;
    memcpy(m->name, h.name, sizeof(m->name));
    m->tokenizer = ByteSpan{f.data + h.tok_offset, static_cast<usize>(h.tok_size)};
    map_sis(reinterpret_cast<const float*>(f.data + h.weights_offset), m);
    m->weight_bytes = h.weights_size;
  }
  const Config& c = m->cfg;
  m->param_count = sis_weight_floats(c);
  // Sanity: a few norm weights must be finite (catches files of the right size but wrong
  // content cheaply; the checksum already covers SIS files).
  for (u32 i = 0; i < c.dim; ++i) {
    float g = m->rms_final[i];
    if (!(g == g) || g > 1e30f || g < -1e30f) {
      diag->set("final norm weights are not finite numbers: not a model file");
      return Error::Corrupt;
    }
  }
  return Error::Ok;
}

}  // namespace sis::llm
