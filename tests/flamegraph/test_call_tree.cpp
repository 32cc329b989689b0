// The call tree, its layout, search and the differential tree on a known profile.
#include <gtest/gtest.h>

#include "call_tree.h"
#include "layout.h"

using namespace sis::flame;

namespace {

FoldedProfile parse(std::string_view text) {
  auto r = parse_folded(text);
  EXPECT_TRUE(r.ok()) << r.error.to_string();
  return r.profile;
}

NodeId find(const CallTree& t, const std::string& path) {
  for (NodeId id = 0; id < t.size(); ++id)
    if (t.path_text(id) == path) return id;
  ADD_FAILURE() << "no node " << path;
  return 0;
}

const char* kProfile =
    "t;main;b 3\n"
    "t;main;a;x 2\n"
    "t;main 1\n"
    "t;main;a;x 4\n"  // the same stack again: counts add up
    "u;main 10\n";

}  // namespace

TEST(CallTree, MergesStacksIntoTotalsAndSelf) {
  const CallTree t = CallTree::from_profile(parse(kProfile));
  EXPECT_EQ(t.total(), 20u);
  const CallNode& main = t.node(find(t, "t;main"));
  EXPECT_EQ(main.total, 10u);
  EXPECT_EQ(main.self, 1u);
  EXPECT_EQ(t.node(find(t, "t;main;a;x")).total, 6u);
  EXPECT_EQ(t.node(find(t, "t;main;a")).self, 0u);
  EXPECT_EQ(t.node(find(t, "u;main")).total, 10u);
  EXPECT_EQ(t.node(find(t, "t;main;a;x")).depth, 4u);
  EXPECT_EQ(t.max_depth(), 4u);
  // "u;main" and "t;main" are different nodes: the tree is by path, not by name.
  EXPECT_NE(find(t, "t;main"), find(t, "u;main"));
}

TEST(CallTree, ChildrenAreSortedByName) {
  const CallTree t = CallTree::from_profile(parse(kProfile));
  const CallNode& main = t.node(find(t, "t;main"));
  ASSERT_EQ(main.children.size(), 2u);
  EXPECT_EQ(t.node(main.children[0]).name, "a");
  EXPECT_EQ(t.node(main.children[1]).name, "b");
}

TEST(Layout, WidthsAreSampleSharesAndChildrenSitInsideTheirParent) {
  const CallTree t = CallTree::from_profile(parse(kProfile));
  const auto boxes = layout(t);
  ASSERT_EQ(boxes.size(), t.size());
  auto box_of = [&](const std::string& p) {
    const NodeId id = find(t, p);
    for (const FrameBox& b : boxes)
      if (b.node == id) return b;
    ADD_FAILURE() << p;
    return FrameBox{};
  };
  EXPECT_DOUBLE_EQ(box_of("t").width, 0.5);
  EXPECT_DOUBLE_EQ(box_of("t").x, 0.0);
  EXPECT_DOUBLE_EQ(box_of("u").x, 0.5);
  EXPECT_DOUBLE_EQ(box_of("t;main;a").x, 0.0);
  EXPECT_DOUBLE_EQ(box_of("t;main;a").width, 6.0 / 20);
  EXPECT_DOUBLE_EQ(box_of("t;main;b").x, 6.0 / 20);
  EXPECT_DOUBLE_EQ(box_of("t;main;b").width, 3.0 / 20);
  EXPECT_EQ(box_of("t;main;b").level, 3u);
}

TEST(Layout, ZoomSpansTheFrameAndKeepsItsAncestorsFullWidth) {
  const CallTree t = CallTree::from_profile(parse(kProfile));
  const NodeId main = find(t, "t;main");
  const auto boxes = layout(t, main);
  // all, t (ancestors), main, a, x, b: nothing from u.
  ASSERT_EQ(boxes.size(), 6u);
  for (const FrameBox& b : boxes) {
    EXPECT_NE(t.path_text(b.node).rfind("u", 0), 0u) << "outside the zoomed frame: " << t.path_text(b.node);
    if (b.node == CallTree::kRoot || b.node == find(t, "t")) {
      EXPECT_TRUE(b.ancestor);
      EXPECT_DOUBLE_EQ(b.width, 1.0);
    }
    if (b.node == main) {
      EXPECT_DOUBLE_EQ(b.width, 1.0);
    } else if (b.node == find(t, "t;main;a")) {
      EXPECT_DOUBLE_EQ(b.width, 0.6);
    } else if (b.node == find(t, "t;main;b")) {
      EXPECT_DOUBLE_EQ(b.x, 0.6);
    }
  }
}

TEST(Layout, NarrowFramesAreLeftOutWithTheirSubtrees) {
  const CallTree t = CallTree::from_profile(parse("big 999\nsmall;child 1\n"));
  const auto boxes = layout(t, CallTree::kRoot, 0.01);
  ASSERT_EQ(boxes.size(), 2u);  // all, big
  EXPECT_EQ(t.node(boxes[1].node).name, "big");
}

TEST(Search, CountsEachMatchingSampleOnce) {
  const CallTree t = CallTree::from_profile(parse("t;main;a;main 4\nt;main 1\nu;x 5\n"));
  EXPECT_EQ(t.matched_samples("main"), 5u);  // nested matches are not counted twice
  EXPECT_EQ(t.matched_samples("x"), 5u);
  EXPECT_EQ(t.matched_samples("MAIN"), 0u);
  EXPECT_EQ(t.matched_samples("MAIN", false), 5u);
  EXPECT_EQ(t.matched_samples(""), 0u);
  EXPECT_EQ(t.matched_samples("nothing"), 0u);
}

TEST(Differential, UnionShapeWithBothCountsAndShareDelta) {
  const CallTree t = CallTree::differential(parse("t;a 30\nt;b 10\n"), parse("t;a 10\nt;b 10\nt;c 20\n"));
  EXPECT_TRUE(t.differential());
  EXPECT_EQ(t.base_total(), 40u);
  EXPECT_EQ(t.total(), 40u);
  const NodeId a = find(t, "t;a"), b = find(t, "t;b"), c = find(t, "t;c");
  EXPECT_EQ(t.node(a).base_total, 30u);
  EXPECT_EQ(t.node(a).total, 10u);
  EXPECT_DOUBLE_EQ(t.share_delta(a), 0.25 - 0.75);
  EXPECT_DOUBLE_EQ(t.share_delta(b), 0.0);
  EXPECT_DOUBLE_EQ(t.share_delta(c), 0.5);
  EXPECT_EQ(t.node(c).base_total, 0u);
}

TEST(Differential, FramesOnlyBeforeTakeNoWidth) {
  const CallTree t = CallTree::differential(parse("t;gone 5\nt;kept 5\n"), parse("t;kept 5\n"));
  const NodeId gone = find(t, "t;gone");
  EXPECT_EQ(t.node(gone).total, 0u);
  for (const FrameBox& b : layout(t)) EXPECT_NE(b.node, gone);
}
