// Properties over many generated profiles (fixed seeds: every run checks the same inputs),
// and mutation fuzzing of the parser: whatever the bytes, parse_folded returns a profile or
// an error on an existing line, never crashes; whatever it accepts renders to an SVG whose
// every character is allowed in XML.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "call_tree.h"
#include "layout.h"
#include "svg.h"

using namespace sis::flame;

namespace {

FoldedProfile random_profile(std::mt19937& rng) {
  static const std::vector<std::string> names = {"[kernel] shell", "[pid 3] sh", "sis`kernel_main", "sis`a",
                                                 "sis`b", "busybox`main", "[unknown]", "x y z", "caf\xC3\xA9",
                                                 "sis`operator<<", "&amp\"'<>"};
  FoldedProfile p;
  const int lines = std::uniform_int_distribution<int>(0, 40)(rng);
  for (int i = 0; i < lines; ++i) {
    FoldedStack s;
    const int depth = std::uniform_int_distribution<int>(1, 8)(rng);
    for (int d = 0; d < depth; ++d) s.frames.push_back(names[std::uniform_int_distribution<std::size_t>(0, names.size() - 1)(rng)]);
    s.count = std::uniform_int_distribution<std::uint64_t>(1, i % 7 == 0 ? 1000000 : 50)(rng);
    p.total += s.count;
    p.stacks.push_back(std::move(s));
  }
  return p;
}

// Samples per path prefix, computed from the stacks directly (the oracle for the tree).
std::map<std::string, std::uint64_t> prefix_totals(const FoldedProfile& p) {
  std::map<std::string, std::uint64_t> m;
  for (const FoldedStack& s : p.stacks) {
    std::string path;
    for (const std::string& f : s.frames) {
      path += path.empty() ? f : ";" + f;
      m[path] += s.count;
    }
  }
  return m;
}

bool xml_chars_only(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') return false;
  return true;
}

}  // namespace

TEST(FlameProperties, FoldedTextRoundTrips) {
  std::mt19937 rng(19);
  for (int i = 0; i < 300; ++i) {
    const FoldedProfile p = random_profile(rng);
    const auto r = parse_folded(to_folded(p));
    ASSERT_TRUE(r.ok()) << r.error.to_string();
    ASSERT_EQ(r.profile.stacks.size(), p.stacks.size());
    EXPECT_EQ(r.profile.total, p.total);
    for (std::size_t k = 0; k < p.stacks.size(); ++k) {
      EXPECT_EQ(r.profile.stacks[k].frames, p.stacks[k].frames);
      EXPECT_EQ(r.profile.stacks[k].count, p.stacks[k].count);
    }
  }
}

TEST(FlameProperties, TreeTotalsMatchTheStacksAndAddUp) {
  std::mt19937 rng(1919);
  for (int i = 0; i < 300; ++i) {
    const FoldedProfile p = random_profile(rng);
    const CallTree t = CallTree::from_profile(p);
    const auto want = prefix_totals(p);
    ASSERT_EQ(t.size(), want.size() + 1);
    EXPECT_EQ(t.total(), p.total);
    for (NodeId id = 1; id < t.size(); ++id) EXPECT_EQ(t.node(id).total, want.at(t.path_text(id))) << t.path_text(id);
    for (NodeId id = 0; id < t.size(); ++id) {
      std::uint64_t children = 0;
      for (NodeId c : t.node(id).children) {
        children += t.node(c).total;
        EXPECT_EQ(t.node(c).parent, id);
        EXPECT_EQ(t.node(c).depth, t.node(id).depth + 1);
      }
      EXPECT_EQ(t.node(id).total, t.node(id).self + children);
    }
  }
}

TEST(FlameProperties, LayoutTilesEveryLevelWithoutOverlap) {
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    const CallTree t = CallTree::from_profile(random_profile(rng));
    if (t.total() == 0) continue;
    // Zoom into a random node too: the same rules hold inside it.
    const NodeId zoom = std::uniform_int_distribution<NodeId>(0, static_cast<NodeId>(t.size() - 1))(rng);
    const auto boxes = layout(t, zoom);
    std::map<NodeId, FrameBox> by_node;
    for (const FrameBox& b : boxes) by_node[b.node] = b;
    for (const FrameBox& b : boxes) {
      EXPECT_GE(b.x, 0.0);
      EXPECT_LE(b.x + b.width, 1.0 + 1e-12);
      if (b.ancestor || b.node == zoom) continue;
      EXPECT_DOUBLE_EQ(b.width, static_cast<double>(t.node(b.node).total) / static_cast<double>(t.node(zoom).total));
      const FrameBox& parent = by_node.at(t.node(b.node).parent);
      EXPECT_GE(b.x, parent.x - 1e-12);
      EXPECT_LE(b.x + b.width, parent.x + parent.width + 1e-12);
      EXPECT_EQ(b.level, parent.level + 1);
    }
    // Siblings do not overlap: sorted by x within a parent, each ends before the next starts.
    std::map<NodeId, std::vector<FrameBox>> siblings;
    for (const FrameBox& b : boxes)
      if (!b.ancestor && b.node != zoom) siblings[t.node(b.node).parent].push_back(b);
    for (auto& [parent, v] : siblings)
      for (std::size_t k = 1; k < v.size(); ++k)
        EXPECT_LE(std::min(v[k - 1].x + v[k - 1].width, v[k].x + v[k].width), std::max(v[k - 1].x, v[k].x) + 1e-12);
  }
}

TEST(FlameProperties, SearchCountsSamplesWithAMatchingFrameOnce) {
  std::mt19937 rng(77);
  for (int i = 0; i < 200; ++i) {
    const FoldedProfile p = random_profile(rng);
    const CallTree t = CallTree::from_profile(p);
    for (const std::string needle : {"sis`", "main", "a", "[pid", "\xC3\xA9"}) {
      std::uint64_t want = 0;
      for (const FoldedStack& s : p.stacks)
        for (const std::string& f : s.frames)
          if (f.find(needle) != std::string::npos) {
            want += s.count;
            break;
          }
      EXPECT_EQ(t.matched_samples(needle), want) << needle;
    }
  }
}

TEST(FlameProperties, DifferentialKeepsBothProfilesTotals) {
  std::mt19937 rng(5);
  for (int i = 0; i < 100; ++i) {
    const FoldedProfile before = random_profile(rng), after = random_profile(rng);
    const CallTree t = CallTree::differential(before, after);
    const auto b = prefix_totals(before), a = prefix_totals(after);
    for (NodeId id = 1; id < t.size(); ++id) {
      const std::string path = t.path_text(id);
      EXPECT_EQ(t.node(id).base_total, b.count(path) ? b.at(path) : 0u) << path;
      EXPECT_EQ(t.node(id).total, a.count(path) ? a.at(path) : 0u) << path;
      EXPECT_GE(t.share_delta(id), -1.0);
      EXPECT_LE(t.share_delta(id), 1.0);
    }
  }
}

// Mutation fuzzing: valid text with bytes flipped, inserted, deleted or lines duplicated.
TEST(FlameFuzz, ParserNeverCrashesAndNamesAnExistingLine) {
  std::mt19937 rng(2019);
  static const std::string interesting[] = {";", " ", "\n", "\r", "\0", "0", "-", "99999999999999999999",
                                            "4503599627370496", "\xC3", "\xFF", "\xED\xA0\x80", "\t", ";;"};
  int accepted = 0, refused = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = to_folded(random_profile(rng));
    const int edits = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = text.empty() ? 0 : std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
      switch (std::uniform_int_distribution<int>(0, 4)(rng)) {
        case 0:
          if (!text.empty()) text[at] = static_cast<char>(rng());
          break;
        case 1: {
          const std::string& s = interesting[std::uniform_int_distribution<std::size_t>(0, std::size(interesting) - 1)(rng)];
          text.insert(at, s.empty() ? std::string(1, '\0') : s);
          break;
        }
        case 2:
          if (!text.empty()) text.erase(at, std::uniform_int_distribution<std::size_t>(1, 8)(rng));
          break;
        case 3:
          text.insert(at, text.substr(at, std::uniform_int_distribution<std::size_t>(0, 200)(rng)));
          break;
        default:
          if (!text.empty()) text.resize(at);
      }
    }
    const auto r = parse_folded(text);
    if (!r.ok()) {
      ++refused;
      const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
      ASSERT_GE(r.error.line, 1u);
      ASSERT_LE(r.error.line, lines);
      ASSERT_TRUE(r.profile.stacks.empty());
      continue;
    }
    ++accepted;
    const CallTree t = CallTree::from_profile(r.profile);
    ASSERT_EQ(t.total(), r.profile.total);
    const std::string svg = render_svg(t, SvgOptions{});
    ASSERT_TRUE(xml_chars_only(svg));
  }
  // Both paths were exercised.
  EXPECT_GT(accepted, 1000);
  EXPECT_GT(refused, 1000);
}
