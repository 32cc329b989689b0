// Host benchmark of the kernel allocators (kernel/mm, compiled for the host) against glibc
// malloc/free with the same sizes and the same access patterns, in one run:
//   Pair      alloc then free one object (the hot LIFO path of both allocators)
//   Batch     64 allocations then 64 frees (walks further through slab free lists)
//   Mix       a live set of 4096 objects of realistic mixed sizes, one replaced per step
//   Page      a 4 KiB page from the buddy allocator vs malloc(4096)
// After the run a table of sis/glibc time ratios is printed (below 1.0 = faster than glibc).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "mm/heap.h"

namespace {

using namespace sis::mm;

constexpr size_t kArenaBytes = 512u << 20;

struct KernelHeap {
  KernelHeap() {
    mem = static_cast<uint8_t*>(std::aligned_alloc(4u << 20, kArenaBytes));
    meta.resize(BuddyAllocator::metadata_bytes(kArenaBytes));
    zone.init(mem, 0x40000000, kArenaBytes, meta.data(), meta.size());
    zone.add_free_range(0x40000000, kArenaBytes);
    pages.add_zone(&zone);
    heap.init(&pages, /*poisoning=*/false);
  }
  uint8_t* mem;
  std::vector<uint8_t> meta;
  BuddyAllocator zone;
  PageAllocator pages;
  Heap heap;
};

KernelHeap& kh() {
  static KernelHeap* h = new KernelHeap;
  return *h;
}

struct SisApi {
  static void* alloc(size_t n) { return kh().heap.alloc(n); }
  static void free(void* p) { kh().heap.free(p); }
};
struct GlibcApi {
  static void* alloc(size_t n) { return std::malloc(n); }
  static void free(void* p) { std::free(p); }
};

template <typename Api>
void Pair(benchmark::State& st) {
  size_t size = static_cast<size_t>(st.range(0));
  for (auto _ : st) {
    void* p = Api::alloc(size);
    benchmark::DoNotOptimize(p);
    Api::free(p);
  }
  st.SetItemsProcessed(st.iterations());
}

template <typename Api>
void Batch(benchmark::State& st) {
  size_t size = static_cast<size_t>(st.range(0));
  void* ptrs[64];
  for (auto _ : st) {
    for (auto& p : ptrs) p = Api::alloc(size);
    benchmark::DoNotOptimize(ptrs);
    for (auto* p : ptrs) Api::free(p);
  }
  st.SetItemsProcessed(st.iterations() * 64);
}

template <typename Api>
void Mix(benchmark::State& st) {
  static const size_t sizes[] = {16, 24, 32, 48, 64, 64, 96, 128, 128, 200, 256, 384, 512, 1024, 2048};
  std::mt19937 rng(1);
  std::vector<void*> live(4096);
  std::vector<size_t> idx(1 << 16), sz(1 << 16);
  for (size_t i = 0; i < idx.size(); ++i) {
    idx[i] = rng() % live.size();
    sz[i] = sizes[rng() % std::size(sizes)];
  }
  for (auto& p : live) p = Api::alloc(sizes[rng() % std::size(sizes)]);
  size_t k = 0;
  for (auto _ : st) {
    size_t i = idx[k & 0xffff];
    Api::free(live[i]);
    live[i] = Api::alloc(sz[k & 0xffff]);
    benchmark::DoNotOptimize(live[i]);
    ++k;
  }
  for (auto* p : live) Api::free(p);
  st.SetItemsProcessed(st.iterations());
}

void SisPage(benchmark::State& st) {
  for (auto _ : st) {
    auto r = kh().pages.alloc(0);
    benchmark::DoNotOptimize(r);
    kh().pages.free(r.value());
  }
  st.SetItemsProcessed(st.iterations());
}
void GlibcPage(benchmark::State& st) {
  for (auto _ : st) {
    void* p = std::malloc(4096);
    benchmark::DoNotOptimize(p);
    std::free(p);
  }
  st.SetItemsProcessed(st.iterations());
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (int s = 16; s <= 2048; s *= 2) b->Arg(s);
  b->Arg(8192);  // the large (buddy) path of kmalloc
}

BENCHMARK(Pair<SisApi>)->Name("Pair/sis")->Apply(Sizes);
BENCHMARK(Pair<GlibcApi>)->Name("Pair/glibc")->Apply(Sizes);
BENCHMARK(Batch<SisApi>)->Name("Batch/sis")->Apply(Sizes);
BENCHMARK(Batch<GlibcApi>)->Name("Batch/glibc")->Apply(Sizes);
BENCHMARK(Mix<SisApi>)->Name("Mix/sis");
BENCHMARK(Mix<GlibcApi>)->Name("Mix/glibc");
BENCHMARK(SisPage)->Name("Page/sis");
BENCHMARK(GlibcPage)->Name("Page/glibc");

// Collects each run's time per item so the ratio table can be printed after the console output.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.run_type != Run::RT_Iteration || r.iterations == 0) continue;
      auto it = r.counters.find("items_per_second");
      double ns = it != r.counters.end() && it->second.value > 0 ? 1e9 / it->second.value
                                                                  : r.GetAdjustedRealTime();
      times[r.benchmark_name()] = ns;
    }
  }
  std::map<std::string, double> times;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("\n%-14s %12s %12s %10s\n", "case", "sis ns/op", "glibc ns/op", "sis/glibc");
  for (const auto& [name, ns] : reporter.times) {
    auto slash = name.find("/sis");
    if (slash == std::string::npos) continue;
    std::string other = name.substr(0, slash) + "/glibc" + name.substr(slash + 4);
    auto g = reporter.times.find(other);
    if (g == reporter.times.end()) continue;
    std::string label = name.substr(0, slash) + name.substr(slash + 4);
    std::printf("%-14s %12.2f %12.2f %10.2f\n", label.c_str(), ns, g->second, ns / g->second);
  }
  benchmark::Shutdown();
  return 0;
}
