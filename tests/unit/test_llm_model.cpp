// The kernel's language-model runtime (kernel/ai/llm) on the host: model-file validation
// (truncated, corrupt, oversized and foreign files are refused with a reason), the
// tokenizer on arbitrary bytes, prompt limits, output sanitizing, and the scalar kernels.
// Models are built here byte by byte from the format description (docs/llm.md), not with
// the trainer's writer, so the reader is checked against the spec.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "ai/llm/engine.h"
#include "ai/llm/kernels.h"
#include "ai/llm/text.h"

using namespace sis;
using namespace sis::llm;

namespace {

void put32(std::vector<uint8_t>& b, size_t off, uint32_t v) { std::memcpy(&b[off], &v, 4); }
void put64(std::vector<uint8_t>& b, size_t off, uint64_t v) { std::memcpy(&b[off], &v, 8); }
void add32(std::vector<uint8_t>& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(uint8_t(v >> (8 * i)));
}

struct Dims {
  uint32_t dim = 8, hidden = 16, layers = 2, heads = 2, kv_heads = 1, vocab = 262, seq = 16;
};

// A SIS model: tokenizer = 3 specials, 256 bytes, then "ab", "abc", " x" merges.
std::vector<uint8_t> make_model(const Dims& d, uint32_t seed = 1) {
  std::vector<uint8_t> tok;
  add32(tok, d.vocab);
  add32(tok, 8);  // longest piece
  add32(tok, 1);
  add32(tok, 2);
  add32(tok, 3);
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
  const char* merges[] = {"ab", "abc", " x"};
  for (uint32_t i = 259; i < d.vocab; ++i) piece(i - 259 < 3 ? merges[i - 259] : "zz" + std::to_string(i), -float(i - 259));
  Config c;
  c.dim = d.dim;
  c.hidden_dim = d.hidden;
  c.n_layers = d.layers;
  c.n_heads = d.heads;
  c.n_kv_heads = d.kv_heads;
  c.vocab_size = d.vocab;
  c.seq_len = d.seq;
  uint64_t floats = sis_weight_floats(c);
  std::vector<uint8_t> f(kHeaderSize, 0);
  std::memcpy(f.data(), "SISLLM\0\0", 8);
  put32(f, 8, 1);
  put32(f, 12, 128);
  put32(f, 16, kKindModel);
  put32(f, 20, kFlagSharedClassifier);
  uint32_t dims[] = {d.dim, d.hidden, d.layers, d.heads, d.kv_heads, d.vocab, d.seq, 10000, 10000};
  for (int i = 0; i < 9; ++i) put32(f, 24 + 4 * i, dims[i]);
  size_t w_off = (kHeaderSize + tok.size() + 63) & ~size_t(63);
  put64(f, 72, kHeaderSize);
  put64(f, 80, tok.size());
  put64(f, 88, w_off);
  put64(f, 96, floats * 4);
  std::memcpy(&f[104], "unit", 4);
  f.insert(f.end(), tok.begin(), tok.end());
  f.resize(w_off, 0);
  uint64_t s = seed * 2654435761u + 1;
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

void refresh_crcs(std::vector<uint8_t>& f) {
  put32(f, 120, crc32(f.data() + 128, f.size() - 128));
  put32(f, 124, crc32(f.data(), 124));
}

Error parse(const std::vector<uint8_t>& f, Diag* d) {
  // Aligned copy (the parser requires 4-byte alignment, like a kmalloc buffer).
  static std::vector<uint32_t> buf;
  buf.assign((f.size() + 3) / 4, 0);
  std::memcpy(buf.data(), f.data(), f.size());
  ModelView v;
  return parse_model(ByteSpan{reinterpret_cast<const uint8_t*>(buf.data()), f.size()}, &v, d);
}

}  // namespace

TEST(LlmModel, WellFormedFileParses) {
  Diag d;
  EXPECT_EQ(parse(make_model(Dims{}), &d), Error::Ok) << d.text;
}

TEST(LlmModel, EveryTruncationIsRefusedWithAReason) {
  std::vector<uint8_t> f = make_model(Dims{});
  for (size_t n : {size_t(0), size_t(7), size_t(100), size_t(128), size_t(600), f.size() / 2, f.size() - 4, f.size() - 1}) {
    std::vector<uint8_t> t(f.begin(), f.begin() + long(n));
    Diag d;
    Error e = parse(t, &d);
    EXPECT_NE(e, Error::Ok) << "truncated to " << n;
    EXPECT_NE(d.text[0], 0) << "no reason given for " << n;
  }
}

TEST(LlmModel, FlippedBitsFailTheChecksums) {
  std::vector<uint8_t> f = make_model(Dims{});
  for (size_t off : {size_t(30), size_t(200), f.size() - 10}) {
    std::vector<uint8_t> t = f;
    t[off] ^= 0x10;
    Diag d;
    EXPECT_EQ(parse(t, &d), Error::Corrupt) << "flip at " << off;
    EXPECT_NE(std::strstr(d.text, "checksum"), nullptr) << d.text;
  }
}

TEST(LlmModel, TrailingBytesAndWrongSectionSizesAreCorrupt) {
  std::vector<uint8_t> f = make_model(Dims{});
  f.resize(f.size() + 8, 0);
  refresh_crcs(f);
  Diag d;
  EXPECT_EQ(parse(f, &d), Error::Corrupt);
  std::vector<uint8_t> g = make_model(Dims{});
  put64(g, 96, 8 * 4);  // weights size that does not match the dims
  refresh_crcs(g);
  EXPECT_NE(parse(g, &d), Error::Ok);
}

TEST(LlmModel, AbsurdDimensionsAreTooBigNotACrash) {
  std::vector<uint8_t> f = make_model(Dims{});
  put32(f, 24, 1u << 30);  // dim
  refresh_crcs(f);
  Diag d;
  EXPECT_EQ(parse(f, &d), Error::TooBig) << d.text;
  std::vector<uint8_t> g = make_model(Dims{});
  put32(g, 36, 3);  // 3 heads do not divide dim 8
  refresh_crcs(g);
  EXPECT_EQ(parse(g, &d), Error::Corrupt);
}

TEST(LlmModel, NewerVersionIsNotSupported) {
  std::vector<uint8_t> f = make_model(Dims{});
  put32(f, 8, 2);
  refresh_crcs(f);
  Diag d;
  EXPECT_EQ(parse(f, &d), Error::NotSupported);
}

TEST(LlmModel, GarbageIsNotAModel) {
  std::vector<uint8_t> g(4096, 0xAB);
  Diag d;
  EXPECT_EQ(parse(g, &d), Error::BadFormat) << d.text;
  // A plausible llama2.c header with the wrong size is refused as truncated.
  std::vector<uint8_t> l(28 + 64, 0);
  int32_t hdr[7] = {8, 16, 2, 2, 1, 262, 16};
  std::memcpy(l.data(), hdr, 28);
  EXPECT_EQ(parse(l, &d), Error::Corrupt);
  EXPECT_NE(std::strstr(d.text, "truncated"), nullptr) << d.text;
}

TEST(LlmTokenizer, MergesAndRoundTripsArbitraryBytes) {
  std::vector<uint8_t> f = make_model(Dims{});
  Engine e;
  Diag d;
  ASSERT_EQ(e.load(ByteSpan{f.data(), f.size()}, false, "t", &d), Error::Ok) << d.text;
  const Tokenizer& t = e.tokenizer();
  uint32_t ids[64];
  auto n = t.encode("abc x", true, ids, 64);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n.value(), 3u);  // BOS, "abc", " x"
  EXPECT_EQ(ids[0], 1u);
  EXPECT_EQ(t.piece(ids[1]).size, 3u);
  // Every byte value, quotes, newlines, invalid UTF-8 and special-token spellings.
  std::string s;
  for (int b = 0; b < 256; ++b) s.push_back(char(b));
  s += "\"<s></s>\n\xc3(\xff";
  std::vector<uint32_t> out(s.size() + 2);
  auto m = t.encode(StrView(s.data(), s.size()), false, out.data(), out.size());
  ASSERT_TRUE(m.ok());
  std::string back;
  for (size_t i = 0; i < m.value(); ++i) {
    EXPECT_GE(out[i], 3u) << "text produced a special token";
    StrView p = t.decode(0, out[i]);
    back.append(p.data, p.size);
  }
  EXPECT_EQ(back, s);
  // Output buffer too small: an error, never an overflow.
  EXPECT_EQ(t.encode(StrView(s.data(), s.size()), false, out.data(), 10).error(), Error::TooBig);
}

TEST(LlmEngine, PromptsAreBoundedAndLongOnesKeepTheirTail) {
  std::vector<uint8_t> f = make_model(Dims{});
  Engine e;
  Diag d;
  ASSERT_EQ(e.load(ByteSpan{f.data(), f.size()}, false, "t", &d), Error::Ok);
  std::string big(kMaxPromptBytes + 1, 'q');
  InferParams p;
  p.prompt = StrView(big.data(), big.size());
  EXPECT_EQ(e.begin(p, &d), Error::TooBig);
  std::string longp(200, 'z');  // 200 tokens > context 16
  p.prompt = StrView(longp.data(), longp.size());
  p.max_tokens = 50;
  ASSERT_EQ(e.begin(p, &d), Error::Ok) << d.text;
  EXPECT_TRUE(e.stats().prompt_truncated);
  EXPECT_EQ(e.stats().prompt_tokens, 15u);
  StrView t;
  uint32_t id;
  int steps = 0;
  while (e.step(&t, &id)) ++steps;
  // One free slot: the first new token fills it, the second is predicted from a full context.
  EXPECT_EQ(e.stats().generated, 2u);
  EXPECT_EQ(e.stats().stop, StopReason::Context);
  EXPECT_FALSE(e.busy());
}

TEST(LlmEngine, SameSeedSameTextAndGreedyIsDeterministic) {
  std::vector<uint8_t> f = make_model(Dims{});
  Engine e;
  Diag d;
  ASSERT_EQ(e.load(ByteSpan{f.data(), f.size()}, false, "t", &d), Error::Ok);
  auto run = [&](uint32_t temp, uint64_t seed) {
    InferParams p;
    p.prompt = "abc";
    p.max_tokens = 10;
    p.temperature_milli = temp;
    p.seed = seed;
    EXPECT_EQ(e.begin(p, &d), Error::Ok);
    std::vector<uint32_t> ids;
    StrView t;
    uint32_t id;
    while (e.step(&t, &id)) ids.push_back(id);
    return ids;
  };
  EXPECT_EQ(run(0, 1), run(0, 2));
  EXPECT_EQ(run(900, 5), run(900, 5));
}

TEST(LlmEngine, ModelFileIsNotAnAdapter) {
  std::vector<uint8_t> f = make_model(Dims{});
  Engine e;
  Diag d;
  ASSERT_EQ(e.load(ByteSpan{f.data(), f.size()}, false, "t", &d), Error::Ok);
  // A model file is not an adapter.
  std::vector<uint8_t> g = make_model(Dims{});
  EXPECT_EQ(e.load_adapter(ByteSpan{g.data(), g.size()}, false, "x", &d), Error::BadFormat);
  EXPECT_EQ(e.adapter_count(), 0u);
}

TEST(LlmText, TerminalOutputCannotCarryControlSequences) {
  char out[128];
  std::string s = "ok\x1b[2J\r\x07\xc2\x9b\xff\ttab\n";
  size_t n = to_terminal_text(StrView(s.data(), s.size()), out, sizeof(out));
  std::string r(out, n);
  EXPECT_EQ(r.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.find('\r'), std::string::npos);
  EXPECT_NE(r.find("\\x1b"), std::string::npos);
  EXPECT_NE(r.find("\ttab\n"), std::string::npos);
  n = to_valid_utf8(StrView("a\xff", 2), out, sizeof(out));
  EXPECT_EQ(std::string(out, n), "a\xef\xbf\xbd");
  EXPECT_EQ(utf8_complete_prefix(StrView("ab\xc3", 3)), 2u);
  EXPECT_EQ(utf8_complete_prefix(StrView("ab\xc3\xa9", 4)), 4u);
}

TEST(LlmText, ParseMilli) {
  uint32_t v;
  EXPECT_TRUE(parse_milli("0.8", 2000, &v));
  EXPECT_EQ(v, 800u);
  EXPECT_TRUE(parse_milli("1", 2000, &v));
  EXPECT_EQ(v, 1000u);
  EXPECT_TRUE(parse_milli(".25", 2000, &v));
  EXPECT_EQ(v, 250u);
  EXPECT_FALSE(parse_milli("2.5", 2000, &v));
  EXPECT_FALSE(parse_milli("0.0001", 2000, &v));
  EXPECT_FALSE(parse_milli("1e3", 2000, &v));
  EXPECT_FALSE(parse_milli("-1", 2000, &v));
}

TEST(LlmKernels, ScalarMatvecIsTheDefinition) {
  const Kernels& k = scalar_kernels();
  float w[6] = {1, 2, 3, 4, 5, 6}, x[3] = {1, 0.5f, -1}, out[2];
  k.matvec(out, x, w, 3, 2);
  EXPECT_FLOAT_EQ(out[0], 1 + 1 - 3);
  EXPECT_FLOAT_EQ(out[1], 4 + 2.5f - 6);
#if !defined(__aarch64__)
  EXPECT_EQ(neon_kernels(), nullptr) << "the x86 host has no NEON path (the guest selftest checks it)";
#endif
}
