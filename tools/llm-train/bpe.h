// Byte-level BPE training. The corpus is cut into chunks with the kernel's own
// llm::next_chunk (merges never cross a chunk), chunk frequencies are counted, and the most
// frequent adjacent pair is merged until the vocabulary is full (ties broken by the pair's
// ids, so training is deterministic). Ids 0..2 are <unk>, BOS, EOS; 3..258 the bytes;
// merge r gets score -r, which is what the kernel's encoder ranks merges by.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace sis::train {

struct Vocab {
  std::vector<std::string> pieces;
  std::vector<float> scores;
  uint32_t flags = 0;  // llm::kTok* flags
};

Vocab train_bpe(const std::string& corpus, uint32_t vocab_size);

// The tokenizer section of a SIS model file (model_format.h).
std::vector<uint8_t> serialize_vocab(const Vocab& v);

// Encodes text with the kernel's Tokenizer (the same code the kernel runs), chunk by chunk
// with a cache. No BOS is added.
class Encoder {
 public:
  explicit Encoder(const Vocab& v);
  ~Encoder();
  std::vector<uint32_t> encode(const std::string& text);
  std::string decode(const std::vector<uint32_t>& ids);

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace sis::train
