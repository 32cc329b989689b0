// The scheduler's AVL tree (sched/sched_tree.h) against a brute-force reference: random
// inserts and erases keep it ordered, balanced and its subtree minima right, and the
// EEVDF query (earliest key among nodes with aug <= limit) matches a linear scan.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "sched/thread.h"

namespace sis::sched {
namespace {


// The reference answer: the smallest (key, insertion order) with aug <= limit.
TreeNode* brute_first_with_aug(const std::vector<TreeNode*>& in, u64 limit) {
  TreeNode* best = nullptr;
  for (TreeNode* n : in) {
    if (static_cast<i64>(n->aug - limit) > 0) continue;
    if (!best || static_cast<i64>(n->key - best->key) < 0 || (n->key == best->key && n->seq < best->seq)) best = n;
  }
  return best;
}

TEST(SchedTree, RandomInsertEraseKeepsOrderBalanceAndMinima) {
  std::mt19937 rng(12345);
  std::vector<TreeNode> nodes(300);
  std::vector<TreeNode*> in;
  SchedTree tree;
  for (int step = 0; step < 20000; ++step) {
    bool add = in.empty() || (in.size() < nodes.size() && rng() % 3 != 0);
    if (add) {
      TreeNode* n = nullptr;
      for (auto& c : nodes)
        if (!c.on) {
          n = &c;
          break;
        }
      n->key = rng() % 50;  // many equal keys: ties must stay in insertion order
      n->aug = 1000 + rng() % 1000;
      tree.insert(n);
      in.push_back(n);
    } else {
      usize i = rng() % in.size();
      tree.erase(in[i]);
      EXPECT_FALSE(in[i]->on);
      in.erase(in.begin() + static_cast<long>(i));
    }
    ASSERT_EQ(tree.size(), in.size());
    if (step % 97 == 0) {
      ASSERT_TRUE(tree.valid()) << "step " << step;
    }
    u64 limit = 1000 + rng() % 1100;
    ASSERT_EQ(tree.first_with_aug_at_most(limit), brute_first_with_aug(in, limit)) << "step " << step;
    ASSERT_EQ(tree.first(), brute_first_with_aug(in, ~0ull >> 1)) << "step " << step;
  }
}

TEST(SchedTree, HeightStaysLogarithmic) {
  std::vector<TreeNode> nodes(1024);
  SchedTree tree;
  // Sorted inserts: the worst case for an unbalanced tree.
  for (usize i = 0; i < nodes.size(); ++i) {
    nodes[i].key = i;
    tree.insert(&nodes[i]);
  }
  EXPECT_TRUE(tree.valid());
  u8 h = 0;
  for (auto& n : nodes) h = n.height > h ? n.height : h;
  EXPECT_LE(h, 15) << "AVL height bound for 1024 nodes is 1.44 * log2(1026) ~ 14.4";
  EXPECT_EQ(tree.first(), &nodes[0]);
  EXPECT_EQ(tree.last(), &nodes[1023]);
}

TEST(SchedTree, KeysCompareAcrossWrapAround) {
  TreeNode a, b;
  a.key = ~0ull - 5;  // just before the wrap
  b.key = 10;         // just after: later
  SchedTree tree;
  tree.insert(&b);
  tree.insert(&a);
  EXPECT_EQ(tree.first(), &a);
  EXPECT_TRUE(tree.valid());
}

}  // namespace
}  // namespace sis::sched
