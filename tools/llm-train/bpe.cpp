#include "bpe.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_map>

#include "ai/llm/model_format.h"
#include "ai/llm/tokenizer.h"

namespace sis::train {

Vocab train_bpe(const std::string& corpus, uint32_t vocab_size) {
  Vocab v;
  v.flags = llm::kTokPretokenize;
  v.pieces = {"<unk>", "<s>", "</s>"};
  v.scores = {0, 0, 0};
  for (int b = 0; b < 256; ++b) {
    v.pieces.emplace_back(1, static_cast<char>(b));
    v.scores.push_back(-1e6f);
  }
  // Unique chunks with their counts (std::map: deterministic order).
  std::map<std::string, uint64_t> freq;
  const auto* s = reinterpret_cast<const uint8_t*>(corpus.data());
  for (size_t i = 0; i < corpus.size();) {
    size_t j = llm::next_chunk(s, corpus.size(), i);
    ++freq[corpus.substr(i, j - i)];
    i = j;
  }
  struct Word {
    std::vector<uint32_t> ids;
    uint64_t n;
  };
  std::vector<Word> words;
  for (auto& [w, n] : freq) {
    Word wd{{}, n};
    for (unsigned char c : w) wd.ids.push_back(3u + c);
    if (wd.ids.size() > 1) words.push_back(std::move(wd));
  }
  std::unordered_map<std::string, uint32_t> existing;
  for (uint32_t i = 3; i < v.pieces.size(); ++i) existing[v.pieces[i]] = i;
  uint32_t rank = 0;
  while (v.pieces.size() < vocab_size) {
    std::unordered_map<uint64_t, uint64_t> pairs;
    for (const Word& w : words)
      for (size_t i = 0; i + 1 < w.ids.size(); ++i) pairs[(uint64_t(w.ids[i]) << 32) | w.ids[i + 1]] += w.n;
    uint64_t best = 0, best_n = 0;
    for (auto& [p, n] : pairs)
      if (n > best_n || (n == best_n && p < best)) {
        best = p;
        best_n = n;
      }
    if (best_n < 2) break;
    uint32_t a = uint32_t(best >> 32), b = uint32_t(best);
    std::string merged = v.pieces[a] + v.pieces[b];
    if (merged.size() > llm::kMaxPieceLen) break;
    uint32_t id;
    auto it = existing.find(merged);
    if (it != existing.end()) {
      id = it->second;
    } else {
      id = static_cast<uint32_t>(v.pieces.size());
      v.pieces.push_back(merged);
      v.scores.push_back(-static_cast<float>(rank++));
      existing[merged] = id;
    }
    for (Word& w : words) {
      std::vector<uint32_t> out;
      out.reserve(w.ids.size());
      for (size_t i = 0; i < w.ids.size(); ++i) {
        if (i + 1 < w.ids.size() && w.ids[i] == a && w.ids[i + 1] == b) {
          out.push_back(id);
          ++i;
        } else {
          out.push_back(w.ids[i]);
        }
      }
      w.ids.swap(out);
    }
  }
  // Pad to the exact size (tiny corpora may run out of pairs): unused byte-pair pieces.
  for (uint32_t k = 0; v.pieces.size() < vocab_size; ++k) {
    std::string p = "\x01\x02" + std::to_string(k);
    v.pieces.push_back(p);
    v.scores.push_back(-1e9f);
  }
  return v;
}

std::vector<uint8_t> serialize_vocab(const Vocab& v) {
  std::vector<uint8_t> out;
  auto u32 = [&](uint32_t x) {
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(x >> (8 * i)));
  };
  uint32_t max_len = 0;
  for (auto& p : v.pieces) max_len = std::max<uint32_t>(max_len, static_cast<uint32_t>(p.size()));
  u32(static_cast<uint32_t>(v.pieces.size()));
  u32(max_len);
  u32(1);  // BOS
  u32(2);  // EOS
  u32(3);  // byte base
  u32(v.flags);
  for (size_t i = 0; i < v.pieces.size(); ++i) {
    uint32_t bits;
    std::memcpy(&bits, &v.scores[i], 4);
    u32(bits);
    uint16_t len = static_cast<uint16_t>(v.pieces[i].size());
    out.push_back(uint8_t(len));
    out.push_back(uint8_t(len >> 8));
    out.insert(out.end(), v.pieces[i].begin(), v.pieces[i].end());
  }
  return out;
}

struct Encoder::Impl {
  std::vector<uint8_t> bytes;
  llm::Tokenizer tok;
  std::unordered_map<std::string, std::vector<uint32_t>> cache;
};

Encoder::Encoder(const Vocab& v) : impl_(new Impl) {
  impl_->bytes = serialize_vocab(v);
  llm::Diag diag;
  if (impl_->tok.load_sis(ByteSpan{impl_->bytes.data(), impl_->bytes.size()}, static_cast<uint32_t>(v.pieces.size()),
                          &diag) != Error::Ok) {
    fprintf(stderr, "llm-train: tokenizer does not load: %s\n", diag.text);
    abort();
  }
}

Encoder::~Encoder() { delete impl_; }

std::vector<uint32_t> Encoder::encode(const std::string& text) {
  std::vector<uint32_t> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  std::vector<uint32_t> buf;
  for (size_t i = 0; i < text.size();) {
    size_t j = llm::next_chunk(s, text.size(), i);
    std::string chunk = text.substr(i, j - i);
    auto it = impl_->cache.find(chunk);
    if (it == impl_->cache.end()) {
      buf.resize(chunk.size() + 2);
      auto r = impl_->tok.encode(StrView(chunk.data(), chunk.size()), false, buf.data(), buf.size());
      std::vector<uint32_t> ids(buf.begin(), buf.begin() + static_cast<long>(r.value()));
      it = impl_->cache.emplace(chunk, std::move(ids)).first;
    }
    out.insert(out.end(), it->second.begin(), it->second.end());
    i = j;
  }
  return out;
}

std::string Encoder::decode(const std::vector<uint32_t>& ids) {
  std::string s;
  uint32_t prev = 1;
  for (uint32_t id : ids) {
    StrView p = impl_->tok.decode(prev, id);
    s.append(p.data, p.size);
    prev = id;
  }
  return s;
}

}  // namespace sis::train
