// SchedTree: an intrusive AVL tree of run-queue nodes, O(log n) insert, erase and pick,
// no allocation. Nodes are ordered by (key, seq) where key is compared as a signed
// distance (vruntimes and deadlines may wrap) and seq breaks ties in insertion order, so
// equal keys stay first in, first out. Every node also carries `aug`, and each subtree
// keeps the minimum `aug` below it: EEVDF orders by virtual deadline (key) and needs "the
// earliest deadline among nodes whose vruntime (aug) is at most V" in one descent.
// A node's key and aug must not change while it is in the tree (erase, change, insert).
#pragma once
#include "lib/types.h"

namespace sis::sched {

struct Thread;

struct TreeNode {
  TreeNode* left = nullptr;
  TreeNode* right = nullptr;
  Thread* owner = nullptr;  // the thread this node is embedded in
  u64 key = 0;
  u64 seq = 0;
  u64 aug = 0;
  u64 min_aug = 0;  // min of aug over this subtree
  u8 height = 0;    // 1 for a leaf
  bool on = false;
};

class SchedTree {
 public:
  usize size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void insert(TreeNode* n);
  void erase(TreeNode* n);
  TreeNode* first() const;  // smallest (key, seq)
  TreeNode* last() const;   // largest
  // The smallest (key, seq) among nodes with aug <= limit (signed distance); nullptr if none.
  TreeNode* first_with_aug_at_most(u64 limit) const;
  // The smallest aug in the tree (0 when empty).
  u64 min_aug() const { return root_ ? root_->min_aug : 0; }
  // Checks ordering, balance, heights, subtree minima and the count (tests).
  bool valid() const;

 private:
  TreeNode* root_ = nullptr;
  usize size_ = 0;
  u64 seq_ = 0;
};

}  // namespace sis::sched
