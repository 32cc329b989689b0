// Tokenizer: byte-level BPE with merge priorities as scores, encoded the way llama2.c's
// run.c does it (start from code points or single bytes, then repeatedly merge the adjacent
// pair whose concatenation is in the vocabulary with the best score). One implementation
// reads both the SIS tokenizer section and llama2.c's tokenizer.bin:
//  - SIS: ids 0 <unk>, 1 BOS, 2 EOS, 3..258 the bytes 0x00..0xFF spelled as themselves,
//    then merged pieces (score = -merge rank). Text is first cut into chunks (next_chunk)
//    and merges never cross a chunk; the trainer uses this same code to encode its corpus,
//    so training and inference always agree.
//  - llama2.c: same ids for the specials and bytes, byte pieces spelled "<0xXX>", a dummy
//    " " prefix, no chunking.
// Prompts are untrusted: any bytes are accepted (invalid UTF-8 falls back to byte tokens),
// special tokens can never be produced from text, and the output array is bounded.
#pragma once
#include "ai/llm/model.h"

namespace sis::llm {

// Where the chunk that starts at i ends (exclusive). Chunks: an optional single space
// followed by a run of word bytes (letters, digits, '_', bytes >= 0x80), or a run of one
// repeated non-word byte.
usize next_chunk(const u8* s, usize n, usize i);

class Tokenizer {
 public:
  Tokenizer() = default;
  ~Tokenizer() { release(); }
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // The pieces point into `bytes`, which must outlive the tokenizer.
  Error load_sis(ByteSpan section, u32 vocab_size, Diag* diag);
  Error load_llama2c(ByteSpan file, u32 vocab_size, Diag* diag);
  void release();
  bool loaded() const { return n_ != 0; }

  // Encodes text into at most cap ids (BOS first if bos). TooBig when the ids do not fit.
  Result<usize> encode(StrView text, bool bos, u32* out, usize cap) const;
  // The bytes to print for `token` following `prev` (empty for special tokens).
  StrView decode(u32 prev, u32 token) const;

  StrView piece(u32 id) const { return id < n_ ? StrView(reinterpret_cast<const char*>(pieces_[id]), lens_[id]) : StrView(); }
  float score(u32 id) const { return id < n_ ? scores_[id] : 0.0f; }
  u32 size() const { return n_; }
  u32 bos() const { return bos_; }
  u32 eos() const { return eos_; }
  u32 byte_base() const { return byte_base_; }
  u32 flags() const { return flags_; }
  // Id of a piece spelled exactly s, or -1 (never a special token).
  i32 lookup(const u8* s, usize n) const;
  usize memory_bytes() const;

 private:
  Error alloc(u32 n, Diag* diag);
  void build_index();
  usize merge(u32* ids, usize count) const;

  u32 n_ = 0, bos_ = 1, eos_ = 2, byte_base_ = 3, flags_ = 0, max_len_ = 0;
  const u8** pieces_ = nullptr;
  u16* lens_ = nullptr;
  float* scores_ = nullptr;
  u32* sorted_ = nullptr;  // ids sorted by piece bytes (specials excluded)
  u32 sorted_n_ = 0;
  u8 bytes_[256] = {};
};

}  // namespace sis::llm
