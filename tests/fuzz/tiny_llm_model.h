// A tiny SIS language model (docs/llm.md file format), built byte by byte so fuzz targets
// can put a real model on their file system without a training run: dim 8, 2 layers, a
// byte-level tokenizer (3 specials + 256 bytes + 3 merges), context 16.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ai/llm/model.h"
#include "ai/llm/model_format.h"

inline std::vector<uint8_t> tiny_llm_model() {
  using namespace sis::llm;
  std::vector<uint8_t> tok;
  auto add32 = [](std::vector<uint8_t>& b, uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(uint8_t(v >> (8 * i)));
  };
  auto put32 = [](std::vector<uint8_t>& b, size_t off, uint32_t v) { std::memcpy(&b[off], &v, 4); };
  auto put64 = [](std::vector<uint8_t>& b, size_t off, uint64_t v) { std::memcpy(&b[off], &v, 8); };
  const uint32_t vocab = 262;
  add32(tok, vocab);
  add32(tok, 8);  // longest piece
  add32(tok, 1);  // bos
  add32(tok, 2);  // eos
  add32(tok, 3);  // first byte token
  add32(tok, kTokPretokenize);
  auto piece = [&](const std::string& p, float score) {
    uint32_t bits;
    std::memcpy(&bits, &score, 4);
    add32(tok, bits);
    tok.push_back(uint8_t(p.size()));
    tok.push_back(0);
    tok.insert(tok.end(), p.begin(), p.end());
  };
  piece("<unk>", 0);
  piece("<s>", 0);
  piece("</s>", 0);
  for (int b = 0; b < 256; ++b) piece(std::string(1, char(b)), -1e6f);
  piece("ab", 0);
  piece("abc", -1);
  piece(" x", -2);
  Config c;
  c.dim = 8;
  c.hidden_dim = 16;
  c.n_layers = 2;
  c.n_heads = 2;
  c.n_kv_heads = 1;
  c.vocab_size = vocab;
  c.seq_len = 16;
  uint64_t floats = sis_weight_floats(c);
  std::vector<uint8_t> f(kHeaderSize, 0);
  std::memcpy(f.data(), "SISLLM\0\0", 8);
  put32(f, 8, 1);
  put32(f, 12, kHeaderSize);
  put32(f, 16, kKindModel);
  put32(f, 20, kFlagSharedClassifier);
  uint32_t dims[] = {c.dim, c.hidden_dim, c.n_layers, c.n_heads, c.n_kv_heads, vocab, c.seq_len, 10000, 10000};
  for (int i = 0; i < 9; ++i) put32(f, 24 + 4 * i, dims[i]);
  size_t w_off = (kHeaderSize + tok.size() + 63) & ~size_t(63);
  put64(f, 72, kHeaderSize);
  put64(f, 80, tok.size());
  put64(f, 88, w_off);
  put64(f, 96, floats * 4);
  std::memcpy(&f[104], "tiny", 4);
  f.insert(f.end(), tok.begin(), tok.end());
  f.resize(w_off, 0);
  uint64_t s = 2654435762u;
  for (uint64_t i = 0; i < floats; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    float v = float(int32_t(s >> 40) - (1 << 23)) / float(1 << 23) * 0.5f;
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    add32(f, bits);
  }
  put32(f, 120, crc32(f.data() + 128, f.size() - 128));
  put32(f, 124, crc32(f.data(), 124));
  return f;
}
