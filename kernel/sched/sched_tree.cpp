// The scheduler's AVL tree: see sched_tree.h. Recursive on the way down: the height is at
// most 1.44 log2(n), about 10 for the kernel's 128 threads.
#include "sched/sched_tree.h"

namespace sis::sched {
namespace {

inline i64 sdiff(u64 a, u64 b) { return static_cast<i64>(a - b); }

inline bool before(const TreeNode* a, const TreeNode* b) {
  i64 d = sdiff(a->key, b->key);
  return d < 0 || (d == 0 && a->seq < b->seq);
}

inline u8 height(const TreeNode* n) { return n ? n->height : 0; }

inline void update(TreeNode* n) {
  u8 hl = height(n->left), hr = height(n->right);
  n->height = static_cast<u8>((hl > hr ? hl : hr) + 1);
  u64 m = n->aug;
  if (n->left && sdiff(n->left->min_aug, m) < 0) m = n->left->min_aug;
  if (n->right && sdiff(n->right->min_aug, m) < 0) m = n->right->min_aug;
  n->min_aug = m;
}

TreeNode* rotate_right(TreeNode* n) {
  TreeNode* l = n->left;
  n->left = l->right;
  l->right = n;
  update(n);
  update(l);
  return l;
}

TreeNode* rotate_left(TreeNode* n) {
  TreeNode* r = n->right;
  n->right = r->left;
  r->left = n;
  update(n);
  update(r);
  return r;
}

TreeNode* balance(TreeNode* n) {
  update(n);
  int bf = static_cast<int>(height(n->left)) - static_cast<int>(height(n->right));
  if (bf > 1) {
    if (height(n->left->left) < height(n->left->right)) n->left = rotate_left(n->left);
    return rotate_right(n);
  }
  if (bf < -1) {
    if (height(n->right->right) < height(n->right->left)) n->right = rotate_right(n->right);
    return rotate_left(n);
  }
  return n;
}

TreeNode* insert_at(TreeNode* root, TreeNode* n) {
  if (!root) return n;
  if (before(n, root)) root->left = insert_at(root->left, n);
  else root->right = insert_at(root->right, n);
  return balance(root);
}

// Removes the smallest node of a non-empty subtree into *min.
TreeNode* take_min(TreeNode* root, TreeNode** min) {
  if (!root->left) {
    *min = root;
    return root->right;
  }
  root->left = take_min(root->left, min);
  return balance(root);
}

TreeNode* erase_at(TreeNode* root, TreeNode* n) {
  if (!root) return nullptr;  // not found: the caller checked n->on, so keys were changed
  if (root == n) {
    if (!n->left) return n->right;
    if (!n->right) return n->left;
    TreeNode* succ = nullptr;
    TreeNode* right = take_min(n->right, &succ);
    succ->left = n->left;
    succ->right = right;
    return balance(succ);
  }
  if (before(n, root)) root->left = erase_at(root->left, n);
  else root->right = erase_at(root->right, n);
  return balance(root);
}

bool check(const TreeNode* n, const TreeNode* lo, const TreeNode* hi, usize* count) {
  if (!n) return true;
  ++*count;
  if ((lo && !before(lo, n)) || (hi && !before(n, hi))) return false;
  if (!check(n->left, lo, n, count) || !check(n->right, n, hi, count)) return false;
  int bf = static_cast<int>(height(n->left)) - static_cast<int>(height(n->right));
  if (bf < -1 || bf > 1) return false;
  u8 hl = height(n->left), hr = height(n->right);
  if (n->height != (hl > hr ? hl : hr) + 1) return false;
  u64 m = n->aug;
  if (n->left && sdiff(n->left->min_aug, m) < 0) m = n->left->min_aug;
  if (n->right && sdiff(n->right->min_aug, m) < 0) m = n->right->min_aug;
  return m == n->min_aug && n->on;
}

}  // namespace

void SchedTree::insert(TreeNode* n) {
  n->left = n->right = nullptr;
  n->height = 1;
  n->min_aug = n->aug;
  n->seq = ++seq_;
  n->on = true;
  root_ = insert_at(root_, n);
  ++size_;
}

void SchedTree::erase(TreeNode* n) {
  if (!n->on) return;
  root_ = erase_at(root_, n);
  n->left = n->right = nullptr;
  n->on = false;
  --size_;
}

TreeNode* SchedTree::first() const {
  TreeNode* n = root_;
  while (n && n->left) n = n->left;
  return n;
}

TreeNode* SchedTree::last() const {
  TreeNode* n = root_;
  while (n && n->right) n = n->right;
  return n;
}

TreeNode* SchedTree::first_with_aug_at_most(u64 limit) const {
  TreeNode* n = root_;
  if (!n || sdiff(n->min_aug, limit) > 0) return nullptr;
  // Invariant: the subtree at n holds a qualifying node. The leftmost qualifying one is in
  // the left subtree if that has any, else n itself, else in the right subtree.
  while (n) {
    if (n->left && sdiff(n->left->min_aug, limit) <= 0) n = n->left;
    else if (sdiff(n->aug, limit) <= 0) return n;
    else n = n->right;
  }
  return nullptr;
}

bool SchedTree::valid() const {
  usize count = 0;
  return check(root_, nullptr, nullptr, &count) && count == size_;
}

}  // namespace sis::sched
