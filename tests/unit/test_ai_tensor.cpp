// Fixed-point tensor kernels against double-precision references (the host cannot run the
// NEON path: `autoctl selftest` checks NEON == scalar bit for bit in the guest).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "ai/tensor.h"

using namespace sis;
using namespace sis::ai;

TEST(AiTensor, MatvecMatchesExactIntegerReference) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    usize rows = 1 + rng() % 40, cols = 1 + rng() % 300;
    int shift = rng() % 9;
    std::vector<i8> w(rows * cols);
    std::vector<i16> x(cols), y(rows);
    std::vector<i32> b(rows);
    for (auto& v : w) v = static_cast<i8>(rng());
    for (auto& v : x) v = static_cast<i16>(rng());
    for (auto& v : b) v = static_cast<i32>(rng() % 100000) - 50000;
    matvec_scalar(w.data(), b.data(), x.data(), y.data(), rows, cols, shift);
    for (usize r = 0; r < rows; ++r) {
      int64_t acc = 0;
      for (usize c = 0; c < cols; ++c) acc += int64_t{w[r * cols + c]} * x[c];
      int64_t v = (shift ? (acc + (int64_t{1} << (shift - 1))) >> shift : acc) + b[r];
      v = std::clamp<int64_t>(v, -32768, 32767);
      ASSERT_EQ(y[r], v) << "row " << r << " of " << rows << "x" << cols << " shift " << shift;
    }
  }
}

TEST(AiTensor, MatvecWithoutBiasAndSaturation) {
  i8 w[4] = {127, 127, -128, -128};
  i16 x[2] = {32767, 32767};
  i16 y[2];
  matvec_scalar(w, nullptr, x, y, 2, 2, 0);
  EXPECT_EQ(y[0], 32767);
  EXPECT_EQ(y[1], -32768);
}

TEST(AiTensor, ExpAndSigmoidAreCloseToFloatingPoint) {
  for (int x = -4096; x <= 0; x += 7) {
    double want = std::exp(x / 256.0) * 65536.0;
    EXPECT_NEAR(exp_neg_q16(x), want, want * 0.002 + 2) << "x=" << x;
  }
  for (int x = -3000; x <= 3000; x += 13) {
    double want = 32768.0 / (1.0 + std::exp(-x / 256.0));
    EXPECT_NEAR(sigmoid_q15(x), want, 40) << "x=" << x;
  }
  EXPECT_EQ(sigmoid_q15(0), 16384u);
  EXPECT_LE(sigmoid_q15(INT32_MAX / 2), 32768u);
  EXPECT_GE(sigmoid_q15(-INT32_MAX / 2), 0u);
}

TEST(AiTensor, SoftmaxSumsToOneAndOrdersLikeFloat) {
  std::mt19937 rng(3);
  for (int round = 0; round < 100; ++round) {
    usize n = 1 + rng() % 32;
    std::vector<i32> l(n);
    for (auto& v : l) v = static_cast<i32>(rng() % 4000) - 2000;
    std::vector<u16> p(n);
    softmax_q15(l.data(), p.data(), n);
    double mx = *std::max_element(l.begin(), l.end()), sum = 0;
    for (auto v : l) sum += std::exp((v - mx) / 256.0);
    u32 total = 0;
    for (usize i = 0; i < n; ++i) {
      total += p[i];
      double want = std::exp((l[i] - mx) / 256.0) / sum * 32768.0;
      EXPECT_NEAR(p[i], want, 40) << i;
    }
    EXPECT_NEAR(total, 32768u, n + 1);
  }
}

TEST(AiTensor, RmsAndLayerNorm) {
  i16 x[4] = {256, -256, 512, -512};  // rms = sqrt((1+1+4+4)/4) = 1.5811
  i16 y[4];
  rmsnorm(x, nullptr, y, 4);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(y[i], x[i] / 1.5811, 2);
  i16 g[4] = {512, 512, 512, 512};
  rmsnorm(x, g, y, 4);
  EXPECT_NEAR(y[2], 2 * 512 / 1.5811, 3);
  i16 z[4] = {1256, 744, 1512, 488};  // mean 1000, centered as x
  layernorm(z, nullptr, y, 4);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(y[i], x[i] / 1.5811, 3);
  i16 zero[3] = {0, 0, 0};
  rmsnorm(zero, nullptr, y, 3);
  EXPECT_EQ(y[0], 0);
}

TEST(AiTensor, HelpersDotIsqrtArgmaxRelu) {
  i16 a[3] = {256, 512, -256}, b[3] = {256, 256, 256};
  EXPECT_EQ(dot_q8(a, b, 3), 512);  // 1 + 2 - 1 = 2.0
  EXPECT_EQ(isqrt64(0), 0u);
  EXPECT_EQ(isqrt64(99), 9u);
  EXPECT_EQ(isqrt64(1ull << 62), 1u << 31);
  i32 v[5] = {3, 9, -1, 9, 2};
  EXPECT_EQ(argmax_i32(v, 5), 1u);
  relu(a, 3);
  EXPECT_EQ(a[2], 0);
  EXPECT_FALSE(neon_available());  // the host build is scalar only
  EXPECT_FALSE(set_neon(true));
}
