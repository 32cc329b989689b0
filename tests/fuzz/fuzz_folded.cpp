// Fuzz target: the folded-stack parser (tools/flamegraph/folded.h), which reads what a VM
// exported (`profctl export --folded`, `sisctl prof folded`) or any file a user opens in SIS
// Control Center's Profiler tab or hands to sis-flamegraph. Invariants beyond no crash and no
// sanitizer report:
//  - an error names a line that exists (1-based) and says what is wrong, and returns no stacks;
//  - an accepted profile has stacks with at least one frame, no empty name, no ';', no
//    control character, counts > 0 that sum to `total` <= 2^52;
//  - to_folded gives it back exactly (parse(to_folded(p)) == p);
//  - its call tree (what both renderers draw) adds up: every node's total is its self plus
//    its children's totals, the root's is the profile's; a differential tree of the profile
//    against itself has no change anywhere.
#include <string>
#include <string_view>

#include "call_tree.h"
#include "folded.h"
#include "fuzz_check.h"

using namespace sis::flame;

namespace {

std::size_t line_count(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < text.size(); ++n) {
    std::size_t end = text.find('\n', pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
  }
  return n;
}

void check_tree(const CallTree& t, std::uint64_t total) {
  FUZZ_CHECK(t.total() == total);
  for (NodeId id = 0; id < t.size(); ++id) {
    const CallNode& n = t.node(id);
    std::uint64_t sum = n.self, base_sum = n.base_self;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const CallNode& c = t.node(n.children[i]);
      FUZZ_CHECK(c.parent == id && c.depth == n.depth + 1);
      if (i) FUZZ_CHECK(t.node(n.children[i - 1]).name < c.name);  // sorted, distinct
      sum += c.total;
      base_sum += c.base_total;
    }
    FUZZ_CHECK(sum == n.total);
    FUZZ_CHECK(base_sum == n.base_total);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ParseResult r = parse_folded(text);
  if (!r.ok()) {
    FUZZ_CHECK(r.error.line >= 1 && r.error.line <= line_count(text));
    FUZZ_CHECK(!r.error.message.empty());
    FUZZ_CHECK(r.profile.stacks.empty() && r.profile.total == 0);
    return 0;
  }
  std::uint64_t sum = 0;
  for (const FoldedStack& s : r.profile.stacks) {
    FUZZ_CHECK(!s.frames.empty());
    FUZZ_CHECK(s.count > 0);
    for (const std::string& f : s.frames) {
      FUZZ_CHECK(!f.empty());
      for (char c : f) FUZZ_CHECK(c != ';' && c != '\n' && static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
    }
    sum += s.count;
  }
  FUZZ_CHECK(sum == r.profile.total && sum <= kMaxTotalSamples);

  std::string again = to_folded(r.profile);
  ParseResult back = parse_folded(again);
  FUZZ_CHECK(back.ok() && back.profile.total == r.profile.total && back.profile.stacks.size() == r.profile.stacks.size());
  for (std::size_t i = 0; i < back.profile.stacks.size(); ++i) {
    FUZZ_CHECK(back.profile.stacks[i].count == r.profile.stacks[i].count);
    FUZZ_CHECK(back.profile.stacks[i].frames == r.profile.stacks[i].frames);
  }

  check_tree(CallTree::from_profile(r.profile), r.profile.total);
  CallTree same = CallTree::differential(r.profile, r.profile);
  check_tree(same, r.profile.total);
  FUZZ_CHECK(same.base_total() == r.profile.total);
  for (NodeId id = 0; id < same.size(); ++id) FUZZ_CHECK(same.sample_delta(id) == 0 && same.share_delta(id) == 0.0);
  return 0;
}
