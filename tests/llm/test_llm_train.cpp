// The trainer's backward pass against finite differences, its determinism, and the files it
// writes read back by the kernel's own parser (tools/llm-train, kernel/ai/llm).
#include <gtest/gtest.h>

#include <cmath>

#include "ai/llm/engine.h"
#include "bpe.h"
#include "train.h"
#include "writer.h"

using namespace sis;
using namespace sis::train;

namespace {

Config small_config() {
  Config c;
  c.dim = 16;
  c.hidden_dim = 24;
  c.n_layers = 2;
  c.n_heads = 4;
  c.n_kv_heads = 2;
  c.vocab_size = 300;
  c.seq_len = 12;
  return c;
}

Sequence sample_sequence(uint64_t seed, size_t T, uint32_t vocab) {
  Rng r(seed);
  Sequence s;
  for (size_t i = 0; i <= T; ++i) s.tokens.push_back(static_cast<uint32_t>(r.below(vocab)));
  s.mask.assign(T, 1);
  s.mask[0] = 0;  // a masked position must not contribute
  return s;
}

// Central difference of the summed loss with respect to one parameter.
double numeric_grad(Trainer& tr, std::vector<float>& p, size_t i, const Sequence& s) {
  std::vector<float> g, lg;
  const float h = 2e-3f;
  float old = p[i];
  p[i] = old + h;
  double up = tr.loss_and_grad(s, g, lg);
  p[i] = old - h;
  double down = tr.loss_and_grad(s, g, lg);
  p[i] = old;
  return (up - down) / (2.0 * h);
}

void scale_params(Trainer& tr, float k) {
  for (float& v : tr.params()) v *= k;
}

}  // namespace

TEST(LlmTrain, BackwardMatchesFiniteDifferences) {
  Trainer tr(small_config(), 7, 1);
  scale_params(tr, 3.0f);  // larger weights: gradients well above float noise
  Sequence s = sample_sequence(3, 10, 300);
  std::vector<float> g, lg;
  tr.loss_and_grad(s, g, lg);
  Rng pick(11);
  const Layout& L = tr.layout();
  // Parameters from every tensor kind, in both layers.
  std::vector<size_t> idx;
  for (uint32_t l = 0; l < 2; ++l)
    for (size_t off : {L.rms_att[l], L.wq[l], L.wk[l], L.wv[l], L.wo[l], L.rms_ffn[l], L.w1[l], L.w2[l], L.w3[l]})
      for (int k = 0; k < 3; ++k) idx.push_back(off + pick.below(16));
  idx.push_back(L.rms_final + 3);
  idx.push_back(L.emb + size_t(s.tokens[4]) * 16 + 5);
  int bad = 0;
  for (size_t i : idx) {
    double num = numeric_grad(tr, tr.params(), i, s);
    double ana = g[i];
    double tol = 2e-2 * std::max(1.0, std::fabs(num));
    if (std::fabs(num - ana) > tol) {
      ++bad;
      ADD_FAILURE() << "param " << i << ": analytic " << ana << ", numeric " << num;
    }
  }
  EXPECT_EQ(bad, 0);
}

TEST(LlmTrain, LoraBackwardMatchesFiniteDifferences) {
  Trainer tr(small_config(), 9, 1);
  scale_params(tr, 8.0f);
  tr.enable_lora(4, (1u << llm::kLoraTargetCount) - 1, 8.0f, 5);
  Rng r(17);
  for (float& v : tr.lora_params()) v = r.normal() * 0.5f;  // B non-zero too
  Sequence s = sample_sequence(4, 9, 300);
  std::vector<float> g, lg;
  tr.loss_and_grad(s, g, lg);
  const LoraLayout& LL = tr.lora_layout();
  int bad = 0;
  for (uint32_t l = 0; l < 2; ++l)
    for (uint32_t t = 0; t < llm::kLoraTargetCount; ++t)
      for (size_t base : {LL.a[l][t], LL.b[l][t]}) {
        size_t i = base + r.below(8);
        double num = numeric_grad(tr, tr.lora_params(), i, s);
        double tol = 2e-2 * std::max(1.0, std::fabs(num));
        if (std::fabs(num - lg[i]) > tol) {
          ++bad;
          ADD_FAILURE() << "lora layer " << l << " target " << t << ": analytic " << lg[i] << ", numeric " << num;
        }
      }
  EXPECT_EQ(bad, 0);
}

TEST(LlmTrain, SameSeedSameWeightsWithOneOrTwoThreads) {
  auto train = [](int threads) {
    Trainer tr(small_config(), 42, threads);
    std::vector<Sequence> batch;
    for (int i = 0; i < 4; ++i) batch.push_back(sample_sequence(100 + i, 11, 300));
    for (int k = 0; k < 3; ++k) tr.step(batch, 1e-2f, 0.01f);
    return tr.params();
  };
  std::vector<float> a = train(2), b = train(2), c = train(1);
  EXPECT_EQ(a, b) << "two runs with the same seed differ";
  // Thread count changes only the order in which per-thread gradients are summed.
  double maxd = 0;
  for (size_t i = 0; i < a.size(); ++i) maxd = std::max(maxd, double(std::fabs(a[i] - c[i])));
  EXPECT_LT(maxd, 1e-4);
}

TEST(LlmTrain, TrainingReducesLoss) {
  Trainer tr(small_config(), 1, 2);
  std::vector<Sequence> batch;
  for (int i = 0; i < 4; ++i) batch.push_back(sample_sequence(7 + i, 11, 300));
  double first = tr.step(batch, 1e-2f, 0.0f), last = first;
  for (int k = 0; k < 40; ++k) last = tr.step(batch, 1e-2f, 0.0f);
  EXPECT_LT(last, first * 0.5) << "loss " << first << " -> " << last;
}

TEST(LlmTrain, BpeRoundTripsAnyBytes) {
  std::string corpus = "memctl stats shows the heap. blkstat shows the disk. memctl stats again\n";
  for (int i = 0; i < 20; ++i) corpus += "the kernel panics when the heap is exhausted\n";
  Vocab v = train_bpe(corpus, 300);
  ASSERT_EQ(v.pieces.size(), 300u);
  Encoder enc(v);
  std::string text = "memctl stats\n\xff\xfe \xc3\xa9t\xc3 \"quoted\" <s></s>";
  std::vector<uint32_t> ids = enc.encode(text);
  EXPECT_LT(ids.size(), text.size());  // merges happened
  for (uint32_t id : ids) EXPECT_GE(id, 3u) << "text produced a special token";
  EXPECT_EQ(enc.decode(ids), text);
}

TEST(LlmTrain, WrittenModelAndAdapterLoadInTheKernelParser) {
  Config c = small_config();
  Trainer tr(c, 3, 1);
  std::string corpus;
  for (int i = 0; i < 30; ++i) corpus += "incident: disk slow\ncommand: blkstat\n";
  Vocab v = train_bpe(corpus, c.vocab_size);
  std::vector<uint8_t> model = sis_model_bytes(c, tr.params(), v, "unit");
  tr.enable_lora(2, 0x0f, 4.0f, 1);
  std::vector<uint8_t> adapter = sis_adapter_bytes(c, tr.lora_layout(), tr.lora_params(), "unit-lora");
  llm::Engine eng;
  llm::Diag d;
  ASSERT_EQ(eng.load(ByteSpan{model.data(), model.size()}, false, "mem", &d), Error::Ok) << d.text;
  EXPECT_EQ(eng.model().cfg.n_kv_heads, 2u);
  EXPECT_STREQ(eng.model().name, "unit");
  ASSERT_EQ(eng.load_adapter(ByteSpan{adapter.data(), adapter.size()}, false, "mem", &d), Error::Ok) << d.text;
  EXPECT_EQ(eng.adapter_count(), 1u);
  EXPECT_EQ(eng.adapter(0).rank, 2u);
}

TEST(LlmTrain, Llama2cExportGivesTheSameLogits) {
  Config c = small_config();
  Trainer tr(c, 5, 1);
  scale_params(tr, 4.0f);
  std::string corpus;
  for (int i = 0; i < 30; ++i) corpus += "the quick brown fox jumps over the lazy kernel\n";
  Vocab v = train_bpe(corpus, c.vocab_size);
  std::vector<uint8_t> sis_file = sis_model_bytes(c, tr.params(), v, "x");
  std::vector<uint8_t> l2c = llama2c_model_bytes(c, tr.params());
  std::vector<uint8_t> l2t = llama2c_tokenizer_bytes(v);
  llm::Engine a, b;
  llm::Diag d;
  ASSERT_EQ(a.load(ByteSpan{sis_file.data(), sis_file.size()}, false, "sis", &d), Error::Ok) << d.text;
  ASSERT_EQ(b.load_llama2c(ByteSpan{l2c.data(), l2c.size()}, false, ByteSpan{l2t.data(), l2t.size()}, false, "l2c", &d),
            Error::Ok)
      << d.text;
  EXPECT_EQ(b.model().format, llm::ModelFormat::Llama2c);
  a.set_neon(false);
  b.set_neon(false);
  for (uint32_t pos = 0; pos < 6; ++pos) {
    uint32_t tok = 3 + pos * 37;
    float* la = a.transformer().forward(tok, pos);
    std::vector<float> ca(la, la + c.vocab_size);
    float* lb = b.transformer().forward(tok, pos);
    for (uint32_t i = 0; i < c.vocab_size; ++i) ASSERT_EQ(ca[i], lb[i]) << "pos " << pos << " logit " << i;
  }
  // The llama2.c tokenizer decodes byte tokens spelled <0xXX>.
  EXPECT_EQ(b.tokenizer().decode(5, 3 + 'A').size, 1u);
  EXPECT_EQ(b.tokenizer().decode(5, 3 + 'A').data[0], 'A');
}
