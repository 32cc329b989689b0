// The call tree of a folded profile: one node per distinct path from the root, with the
// samples whose stack ends at the node (self) and those that pass through it (total).
// Node 0 is the synthetic root "all"; children are sorted by name (as flamegraph.pl
// orders them), so the same profile always draws the same picture.
//
// A differential tree merges two profiles ("before" and "after"): its shape is the union of
// both, `total`/`self` are the after profile's counts and `base_total` the before profile's,
// so a flame graph of it is drawn with the after widths and coloured by each frame's change:
// in samples (the same workload at the same rate: samples are time) or, normalized, in its
// share of its profile (runs of different length). Frames only in "before" have total 0
// (they take no width).
//
// Invariants (checked by tests/flamegraph): total = self + sum of the children's totals, for
// every node and for base_total likewise; the root's total is the profile's total.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "folded.h"

namespace sis::flame {

using NodeId = std::uint32_t;

struct CallNode {
  std::string name;
  NodeId parent = 0;   // the root is its own parent
  std::uint32_t depth = 0;  // the root is 0, a thread/process frame 1
  std::uint64_t self = 0;
  std::uint64_t total = 0;
  std::uint64_t base_self = 0;   // differential trees only: the before profile's counts
  std::uint64_t base_total = 0;
  std::vector<NodeId> children;  // sorted by name
};

class CallTree {
 public:
  static constexpr NodeId kRoot = 0;

  CallTree();
  static CallTree from_profile(const FoldedProfile& profile);
  static CallTree differential(const FoldedProfile& before, const FoldedProfile& after);

  const CallNode& node(NodeId id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }
  const std::vector<CallNode>& nodes() const { return nodes_; }
  bool differential() const { return differential_; }
  std::uint64_t total() const { return nodes_[kRoot].total; }
  std::uint64_t base_total() const { return nodes_[kRoot].base_total; }
  std::uint32_t max_depth() const { return max_depth_; }

  // Root first: "all", the thread, ..., the node.
  std::vector<NodeId> path(NodeId id) const;
  // The frames of the node's path without the root, joined by ';' (a folded stack).
  std::string path_text(NodeId id) const;

  // Samples (after profile) in frames whose name contains `needle` (case-sensitive unless
  // told), each sample counted once even when several frames on its stack match.
  std::uint64_t matched_samples(const std::string& needle, bool case_sensitive = true) const;
  bool name_matches(NodeId id, const std::string& needle, bool case_sensitive = true) const;

  // The change of a node's share of its profile, after% - before%, in [-1, 1]; 0 outside
  // differential trees or when a profile is empty.
  double share_delta(NodeId id) const;
  // after - before in samples (0 outside differential trees).
  std::int64_t sample_delta(NodeId id) const;
  // share_delta (normalized) or sample_delta, as the colour scale uses it.
  double delta(NodeId id, bool normalized) const;
  // The largest |delta| over the tree (the colour scale's full intensity).
  double max_abs_delta(bool normalized) const;

 private:
  void add(const FoldedProfile& profile, bool base);
  void finish();

  std::vector<CallNode> nodes_;
  bool differential_ = false;
  std::uint32_t max_depth_ = 0;
};

}  // namespace sis::flame
