#include "call_tree.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace sis::flame {

CallTree::CallTree() {
  CallNode root;
  root.name = "all";
  nodes_.push_back(std::move(root));
}

CallTree CallTree::from_profile(const FoldedProfile& profile) {
  CallTree t;
  t.add(profile, false);
  t.finish();
  return t;
}

CallTree CallTree::differential(const FoldedProfile& before, const FoldedProfile& after) {
  CallTree t;
  t.differential_ = true;
  t.add(before, true);
  t.add(after, false);
  t.finish();
  return t;
}

void CallTree::add(const FoldedProfile& profile, bool base) {
  // (parent, name) -> child while building; children are sorted once at the end.
  std::map<std::pair<NodeId, std::string>, NodeId> index;
  for (NodeId id = 1; id < nodes_.size(); ++id) index.emplace(std::pair{nodes_[id].parent, nodes_[id].name}, id);
  for (const FoldedStack& s : profile.stacks) {
    NodeId at = kRoot;
    (base ? nodes_[at].base_total : nodes_[at].total) += s.count;
    for (const std::string& frame : s.frames) {
      auto it = index.find(std::pair{at, frame});
      NodeId next;
      if (it != index.end()) {
        next = it->second;
      } else {
        next = static_cast<NodeId>(nodes_.size());
        CallNode n;
        n.name = frame;
        n.parent = at;
        n.depth = nodes_[at].depth + 1;
        nodes_.push_back(std::move(n));
        nodes_[at].children.push_back(next);
        index.emplace(std::pair{at, frame}, next);
      }
      at = next;
      (base ? nodes_[at].base_total : nodes_[at].total) += s.count;
    }
    (base ? nodes_[at].base_self : nodes_[at].self) += s.count;
  }
}

void CallTree::finish() {
  for (CallNode& n : nodes_) {
    std::sort(n.children.begin(), n.children.end(),
              [this](NodeId a, NodeId b) { return nodes_[a].name < nodes_[b].name; });
    max_depth_ = std::max(max_depth_, n.depth);
  }
}

std::vector<NodeId> CallTree::path(NodeId id) const {
  std::vector<NodeId> p;
  for (NodeId at = id;; at = nodes_[at].parent) {
    p.push_back(at);
    if (at == kRoot) break;
  }
  std::reverse(p.begin(), p.end());
  return p;
}

std::string CallTree::path_text(NodeId id) const {
  std::string s;
  for (NodeId at : path(id)) {
    if (at == kRoot) continue;
    if (!s.empty()) s += ';';
    s += nodes_[at].name;
  }
  return s;
}

bool CallTree::name_matches(NodeId id, const std::string& needle, bool case_sensitive) const {
  if (needle.empty()) return false;
  const std::string& h = nodes_[id].name;
  if (case_sensitive) return h.find(needle) != std::string::npos;
  const auto lower = [](unsigned char c) { return static_cast<char>(std::tolower(c)); };
  return std::search(h.begin(), h.end(), needle.begin(), needle.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != h.end();
}

std::uint64_t CallTree::matched_samples(const std::string& needle, bool case_sensitive) const {
  if (needle.empty()) return 0;
  // A matching node's total covers all samples below it: count the highest matches only.
  std::uint64_t sum = 0;
  std::vector<NodeId> todo(nodes_[kRoot].children.rbegin(), nodes_[kRoot].children.rend());
  while (!todo.empty()) {
    const NodeId id = todo.back();
    todo.pop_back();
    if (name_matches(id, needle, case_sensitive)) {
      sum += nodes_[id].total;
      continue;
    }
    for (NodeId c : nodes_[id].children) todo.push_back(c);
  }
  return sum;
}

double CallTree::share_delta(NodeId id) const {
  if (!differential_ || total() == 0 || base_total() == 0) return 0.0;
  const CallNode& n = nodes_[id];
  return static_cast<double>(n.total) / static_cast<double>(total()) -
         static_cast<double>(n.base_total) / static_cast<double>(base_total());
}

std::int64_t CallTree::sample_delta(NodeId id) const {
  if (!differential_) return 0;
  return static_cast<std::int64_t>(nodes_[id].total) - static_cast<std::int64_t>(nodes_[id].base_total);
}

double CallTree::delta(NodeId id, bool normalized) const {
  return normalized ? share_delta(id) : static_cast<double>(sample_delta(id));
}

double CallTree::max_abs_delta(bool normalized) const {
  double m = 0.0;
  for (NodeId id = 0; id < nodes_.size(); ++id) m = std::max(m, std::fabs(delta(id, normalized)));
  return m;
}

}  // namespace sis::flame
