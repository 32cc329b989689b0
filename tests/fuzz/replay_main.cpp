// Replay driver for the fuzz targets when libFuzzer is not available (gcc builds, CI).
// Runs LLVMFuzzerTestOneInput on every seed file, then on a fixed number of deterministic
// pseudo-random mutations of them, so ctest exercises the parsers on malformed input in every
// build (and under ASan/UBSan in the asan preset).
//
//   sis_fuzz_replay_<target> [--iterations N] [--seed S] [--max-len L] PATH...
//
// PATH is a file or a directory (read recursively, in sorted order). Each input is copied
// into a heap block of exactly its size so that AddressSanitizer catches any overread.
// A crash prints the input that caused it (hex) so it can be added to the corpus.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define SIS_REPLAY_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIS_REPLAY_SANITIZED 1
#endif
#endif
#ifdef SIS_REPLAY_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

struct Rng {
  uint64_t s;
  uint64_t next() {  // splitmix64: tiny, good enough, fully deterministic
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
};

// The input being run, for the crash report.
const Bytes* g_current = nullptr;
std::string g_current_name;

void report_current() {
  if (!g_current) return;
  fprintf(stderr, "\n==== replay: crashing input (%s, %zu bytes) ====\n", g_current_name.c_str(),
          g_current->size());
  for (size_t i = 0; i < g_current->size() && i < 4096; ++i)
    fprintf(stderr, "%02x%s", (*g_current)[i], (i % 32 == 31) ? "\n" : "");
  fprintf(stderr, "\n");
}

extern "C" void on_fatal_signal(int sig) {
  report_current();
  signal(sig, SIG_DFL);
  raise(sig);
}

void run_one(const Bytes& input, const std::string& name) {
  g_current = &input;
  g_current_name = name;
  // Exactly-sized allocation: one byte past the end is a heap overflow ASan reports.
  std::unique_ptr<uint8_t[]> copy(new uint8_t[input.empty() ? 1 : input.size()]);
  if (!input.empty()) memcpy(copy.get(), input.data(), input.size());
  LLVMFuzzerTestOneInput(copy.get(), input.size());
  g_current = nullptr;
}

bool read_file(const std::filesystem::path& p, Bytes* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

const uint8_t kInterestingBytes[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x09, 0x7f, 0x80, 0xff, ' ', '\t', '"',
                                     '\'', '\\', 0x1b, '[', '~', 'A', 'B', 'C', 'D', '3', '\r', '\n',
                                     0x03, 0x15, 0x08, '%', '-', '.', '*', '/', '@', ':'};
const uint32_t kInterestingWords[] = {0,          1,          2,          3,          4,          9,
                                      16,         17,         0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffc,
                                      0xd00dfeed, 0x40,       0x1000,     0x100000,   0xfffffff0, 8};

void mutate_once(Bytes& b, Rng& rng, const std::vector<Bytes>& seeds, size_t max_len) {
  switch (rng.below(11)) {
    case 0:  // flip a bit
      if (!b.empty()) b[rng.below(b.size())] ^= static_cast<uint8_t>(1u << rng.below(8));
      break;
    case 1:  // random byte
      if (!b.empty()) b[rng.below(b.size())] = static_cast<uint8_t>(rng.next());
      break;
    case 2:  // interesting byte
      if (!b.empty()) b[rng.below(b.size())] = kInterestingBytes[rng.below(sizeof(kInterestingBytes))];
      break;
    case 3:    // interesting big-endian word at an aligned offset (FDT tokens, lengths, offsets)
    case 4: {  // ... or a small change to an existing word
      if (b.size() < 4) break;
      size_t off = rng.below(b.size() / 4) * 4;
      uint32_t v = (uint32_t{b[off]} << 24) | (uint32_t{b[off + 1]} << 16) | (uint32_t{b[off + 2]} << 8) | b[off + 3];
      if (rng.below(2)) v = kInterestingWords[rng.below(sizeof(kInterestingWords) / 4)];
      else v += static_cast<uint32_t>(static_cast<int>(rng.below(17)) - 8);
      for (int i = 0; i < 4; ++i) b[off + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (24 - 8 * i));
      break;
    }
    case 5: {  // insert a few bytes
      size_t n = 1 + rng.below(8);
      size_t at = rng.below(b.size() + 1);
      Bytes ins(n);
      for (auto& x : ins)
        x = rng.below(2) ? kInterestingBytes[rng.below(sizeof(kInterestingBytes))] : static_cast<uint8_t>(rng.next());
      b.insert(b.begin() + static_cast<long>(at), ins.begin(), ins.end());
      break;
    }
    case 6: {  // erase a range
      if (b.empty()) break;
      size_t at = rng.below(b.size());
      size_t n = std::min(b.size() - at, 1 + rng.below(16));
      b.erase(b.begin() + static_cast<long>(at), b.begin() + static_cast<long>(at + n));
      break;
    }
    case 7:  // truncate
      b.resize(rng.below(b.size() + 1));
      break;
    case 8: {  // duplicate a chunk elsewhere
      if (b.empty()) break;
      size_t from = rng.below(b.size());
      size_t n = std::min(b.size() - from, 1 + rng.below(64));
      Bytes chunk(b.begin() + static_cast<long>(from), b.begin() + static_cast<long>(from + n));
      size_t at = rng.below(b.size() + 1);
      b.insert(b.begin() + static_cast<long>(at), chunk.begin(), chunk.end());
      break;
    }
    case 9: {  // splice: our prefix + another seed's suffix
      const Bytes& other = seeds[rng.below(seeds.size())];
      size_t cut = rng.below(b.size() + 1);
      size_t from = rng.below(other.size() + 1);
      b.resize(cut);
      b.insert(b.end(), other.begin() + static_cast<long>(from), other.end());
      break;
    }
    case 10: {  // overwrite a range with one repeated byte
      if (b.empty()) break;
      size_t at = rng.below(b.size());
      size_t n = std::min(b.size() - at, 1 + rng.below(32));
      uint8_t v = kInterestingBytes[rng.below(sizeof(kInterestingBytes))];
      std::fill(b.begin() + static_cast<long>(at), b.begin() + static_cast<long>(at + n), v);
      break;
    }
  }
  if (b.size() > max_len) b.resize(max_len);
}

int usage(const char* argv0) {
  fprintf(stderr, "usage: %s [--iterations N] [--seed S] [--max-len L] PATH...\n", argv0);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t iterations = 20000, seed = 1;
  size_t max_len = 0;
  std::vector<std::filesystem::path> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto need = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--iterations" || a == "--seed" || a == "--max-len") {
      const char* v = need();
      if (!v) return usage(argv[0]);
      uint64_t n = strtoull(v, nullptr, 0);
      if (a == "--iterations") iterations = n;
      else if (a == "--seed") seed = n;
      else max_len = static_cast<size_t>(n);
    } else if (a.rfind("--", 0) == 0) {
      return usage(argv[0]);
    } else {
      paths.emplace_back(a);
    }
  }

  std::vector<std::filesystem::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
    } else if (std::filesystem::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      fprintf(stderr, "replay: no such file or directory: %s\n", p.c_str());
      return 2;
    }
  }
  std::sort(files.begin(), files.end());

  signal(SIGSEGV, on_fatal_signal);
  signal(SIGABRT, on_fatal_signal);
  signal(SIGILL, on_fatal_signal);
  signal(SIGFPE, on_fatal_signal);
  signal(SIGBUS, on_fatal_signal);
#ifdef SIS_REPLAY_SANITIZED
  __sanitizer_set_death_callback(report_current);  // sanitizer reports exit without a signal
#endif

  auto t0 = std::chrono::steady_clock::now();
  std::vector<Bytes> seeds;
  for (const auto& f : files) {
    Bytes b;
    if (!read_file(f, &b)) {
      fprintf(stderr, "replay: cannot read %s\n", f.c_str());
      return 2;
    }
    run_one(b, f.string());
    seeds.push_back(std::move(b));
  }
  if (seeds.empty()) seeds.emplace_back();  // mutate from nothing
  size_t longest = 0;
  for (const auto& s : seeds) longest = std::max(longest, s.size());
  if (max_len == 0) max_len = std::max<size_t>(4096, longest + longest / 4);

  Rng rng{seed};
  Bytes input;
  for (uint64_t i = 0; i < iterations; ++i) {
    input = seeds[rng.below(seeds.size())];
    size_t rounds = 1 + rng.below(rng.below(4) == 0 ? 16 : 4);
    for (size_t r = 0; r < rounds; ++r) mutate_once(input, rng, seeds, max_len);
    run_one(input, "mutation " + std::to_string(i) + " (seed " + std::to_string(seed) + ")");
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  printf("replay: %zu seed file(s), %" PRIu64 " mutation(s), %lld ms, no crash\n", files.size(), iterations,
         static_cast<long long>(ms));
  return 0;
}
