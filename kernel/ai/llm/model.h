// Model files: the SIS format (model_format.h, docs/llm.md) and, read-compatibly, llama2.c
// checkpoints (Karpathy's run.c: a 7 x int32 header, then float32 tensors grouped by kind).
// The parser works on bytes already in memory (an embedded image, or a file the VFS read),
// never copies weights, and checks every size before it trusts it: a file that is truncated,
// has trailing bytes, fails its checksums or has absurd dimensions is refused with a message
// that says which. Invariant: after parse_model succeeds, every weight pointer and every
// tensor extent lies inside the span it was given.
#pragma once
#include "ai/llm/model_format.h"
#include "lib/result.h"

namespace sis::llm {

// A human-readable reason for a refusal (errors are values; the text is for the user).
struct Diag {
  char text[192] = {};
  void set(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
};

struct Config {
  u32 dim = 0, hidden_dim = 0, n_layers = 0, n_heads = 0, n_kv_heads = 0, vocab_size = 0, seq_len = 0;
  float rope_theta = 10000.0f;
  float norm_eps = 1e-5f;
  bool shared_classifier = true;
  u32 head_size() const { return dim / n_heads; }
  u32 kv_dim() const { return dim * n_kv_heads / n_heads; }
};

struct LayerWeights {
  const float* rms_att;  // [dim]
  const float* wq;       // [dim, dim]      (out, in), row-major
  const float* wk;       // [kv_dim, dim]
  const float* wv;       // [kv_dim, dim]
  const float* wo;       // [dim, dim]
  const float* rms_ffn;  // [dim]
  const float* w1;       // [hidden, dim]
  const float* w2;       // [dim, hidden]
  const float* w3;       // [hidden, dim]
};

enum class ModelFormat : u8 { Sis, Llama2c };

struct ModelView {
  Config cfg;
  ModelFormat format = ModelFormat::Sis;
  char name[17] = {};
  const float* token_embedding = nullptr;  // [vocab, dim]
  LayerWeights layers[kMaxLayers] = {};
  const float* rms_final = nullptr;  // [dim]
  const float* wcls = nullptr;       // [vocab, dim] (== token_embedding when shared)
  ByteSpan tokenizer;                // SIS files: the embedded tokenizer section
  u64 param_count = 0;
  u64 weight_bytes = 0;
};

// Number of float32 values in the weights section of a SIS model file.
u64 sis_weight_floats(const Config& c);
// Number of float32 values in a llama2.c checkpoint after its 28-byte header.
u64 llama2c_weight_floats(const Config& c);

// CRC-32 (IEEE 802.3 / zlib). crc32(data, n) of a whole buffer; pass the previous value
// to continue over several pieces.
u32 crc32(const u8* data, usize n, u32 prev = 0);

// Checks dimensions (ranges, divisibility, even head size for RoPE).
Error validate_config(const Config& c, Diag* diag);

// Parses a model file in memory (either format, told apart by the magic). The weights must
// stay where they are for as long as the view is used. Errors: BadFormat (neither format),
// Corrupt (checksum, inconsistent sizes), TooBig (dimensions beyond the limits),
// NotSupported (a newer SIS format version, or an adapter where a model was expected).
Error parse_model(ByteSpan file, ModelView* out, Diag* diag);

// Reads the header fields of a SIS file (models and adapters); checks magic, version and
// the header CRC, and (if check_payload) the payload CRC and the file size.
struct SisHeader {
  u32 version = 0, kind = 0, flags = 0;
  Config cfg;
  u32 lora_rank = 0, lora_alpha_e3 = 0, lora_targets = 0;
  u64 tok_offset = 0, tok_size = 0, weights_offset = 0, weights_size = 0;
  char name[17] = {};
};
Error parse_sis_header(ByteSpan file, SisHeader* out, bool check_payload, Diag* diag);
bool is_sis_file(ByteSpan file);

}  // namespace sis::llm
