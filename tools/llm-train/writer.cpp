#include "writer.h"

#include <cstdio>
#include <cstring>

namespace sis::train {
namespace {

void put32(std::vector<uint8_t>& b, size_t off, uint32_t v) { std::memcpy(&b[off], &v, 4); }
void put64(std::vector<uint8_t>& b, size_t off, uint64_t v) { std::memcpy(&b[off], &v, 8); }
size_t align64(size_t v) { return (v + 63) & ~size_t(63); }

std::vector<uint8_t> header(uint32_t kind, const Config& c, const std::string& name) {
  std::vector<uint8_t> h(llm::kHeaderSize, 0);
  std::memcpy(h.data(), llm::kMagic, 8);
  put32(h, 8, llm::kFormatVersion);
  put32(h, 12, llm::kHeaderSize);
  put32(h, 16, kind);
  put32(h, 20, c.shared_classifier ? llm::kFlagSharedClassifier : 0);
  put32(h, 24, c.dim);
  put32(h, 28, c.hidden_dim);
  put32(h, 32, c.n_layers);
  put32(h, 36, c.n_heads);
  put32(h, 40, c.n_kv_heads);
  put32(h, 44, c.vocab_size);
  put32(h, 48, c.seq_len);
  put32(h, 52, static_cast<uint32_t>(c.rope_theta));
  put32(h, 56, static_cast<uint32_t>(c.norm_eps * 1e9f + 0.5f));
  std::memcpy(&h[104], name.data(), std::min<size_t>(name.size(), 16));
  return h;
}

void finish(std::vector<uint8_t>& f) {
  put32(f, 120, llm::crc32(f.data() + llm::kHeaderSize, f.size() - llm::kHeaderSize));
  put32(f, 124, llm::crc32(f.data(), 124));
}

}  // namespace

std::vector<uint8_t> sis_model_bytes(const Config& c, const std::vector<float>& params, const Vocab& v,
                                     const std::string& name) {
  std::vector<uint8_t> f = header(llm::kKindModel, c, name);
  std::vector<uint8_t> tok = serialize_vocab(v);
  size_t tok_off = llm::kHeaderSize, w_off = align64(tok_off + tok.size());
  put64(f, 72, tok_off);
  put64(f, 80, tok.size());
  put64(f, 88, w_off);
  put64(f, 96, params.size() * 4);
  f.insert(f.end(), tok.begin(), tok.end());
  f.resize(w_off, 0);
  // The payload is tokenizer + padding + weights; the padding is covered by the CRC but no
  // section: the reader checks that the file ends exactly at the last section's end.
  size_t at = f.size();
  f.resize(at + params.size() * 4);
  std::memcpy(&f[at], params.data(), params.size() * 4);
  finish(f);
  return f;
}

std::vector<uint8_t> sis_adapter_bytes(const Config& c, const LoraLayout& l, const std::vector<float>& lora,
                                       const std::string& name) {
  std::vector<uint8_t> f = header(llm::kKindAdapter, c, name);
  put32(f, 60, l.rank);
  put32(f, 64, static_cast<uint32_t>(l.alpha * 1000.0f + 0.5f));
  put32(f, 68, l.targets);
  put64(f, 72, 0);
  put64(f, 80, 0);
  put64(f, 88, llm::kHeaderSize);
  put64(f, 96, lora.size() * 4);
  size_t at = f.size();
  f.resize(at + lora.size() * 4);
  std::memcpy(&f[at], lora.data(), lora.size() * 4);
  finish(f);
  return f;
}

std::vector<uint8_t> llama2c_model_bytes(const Config& c, const std::vector<float>& p) {
  Layout L(c);
  std::vector<uint8_t> f(28);
  int32_t hdr[7] = {int32_t(c.dim), int32_t(c.hidden_dim), int32_t(c.n_layers), int32_t(c.n_heads),
                    int32_t(c.n_kv_heads), int32_t(c.vocab_size), int32_t(c.seq_len)};
  std::memcpy(f.data(), hdr, 28);
  auto add = [&](size_t off, size_t n) {
    size_t at = f.size();
    f.resize(at + n * 4);
    std::memcpy(&f[at], &p[off], n * 4);
  };
  size_t d = c.dim, h = c.hidden_dim, kv = c.kv_dim();
  add(L.emb, size_t(c.vocab_size) * d);
  for (auto o : L.rms_att) add(o, d);
  for (auto o : L.wq) add(o, d * d);
  for (auto o : L.wk) add(o, kv * d);
  for (auto o : L.wv) add(o, kv * d);
  for (auto o : L.wo) add(o, d * d);
  for (auto o : L.rms_ffn) add(o, d);
  for (auto o : L.w1) add(o, h * d);
  for (auto o : L.w2) add(o, d * h);
  for (auto o : L.w3) add(o, h * d);
  add(L.rms_final, d);
  f.resize(f.size() + size_t(c.seq_len) * c.head_size() * 4, 0);  // legacy freq_cis tables (unused)
  return f;
}

std::vector<uint8_t> llama2c_tokenizer_bytes(const Vocab& v) {
  std::vector<uint8_t> f;
  auto u32 = [&](uint32_t x) {
    for (int i = 0; i < 4; ++i) f.push_back(uint8_t(x >> (8 * i)));
  };
  std::vector<std::string> pieces = v.pieces;
  for (int b = 0; b < 256; ++b) {
    char buf[8];
    std::snprintf(buf, sizeof(buf), "<0x%02X>", b);
    pieces[3 + b] = buf;
  }
  uint32_t max_len = 0;
  for (auto& s : pieces) max_len = std::max<uint32_t>(max_len, static_cast<uint32_t>(s.size()));
  u32(max_len);
  for (size_t i = 0; i < pieces.size(); ++i) {
    uint32_t bits;
    std::memcpy(&bits, &v.scores[i], 4);
    u32(bits);
    u32(static_cast<uint32_t>(pieces[i].size()));
    f.insert(f.end(), pieces[i].begin(), pieces[i].end());
  }
  return f;
}

bool write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  return ok && std::rename(tmp.c_str(), path.c_str()) == 0;
}

bool read_file(const std::string& path, std::string* out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  out->clear();
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) out->append(buf, n);
  std::fclose(f);
  return true;
}

}  // namespace sis::train
