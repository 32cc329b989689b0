#include "functions.h"

#include <algorithm>
#include <map>

namespace sis::flame {

std::vector<FunctionCost> function_costs(const CallTree& tree) {
  std::map<std::string, FunctionCost> by_name;
  // Depth-first; `open` counts how often each name is on the current path, so a node adds
  // its total only when no caller on its path has the same name.
  std::map<std::string, int> open;
  struct Step {
    NodeId node;
    bool leaving;
  };
  std::vector<Step> todo;
  for (NodeId thread : tree.node(CallTree::kRoot).children)
    for (NodeId c : tree.node(thread).children) todo.push_back({c, false});
  while (!todo.empty()) {
    const Step s = todo.back();
    todo.pop_back();
    const CallNode& n = tree.node(s.node);
    if (s.leaving) {
      --open[n.name];
      continue;
    }
    FunctionCost& f = by_name[n.name];
    f.name = n.name;
    f.self += n.self;
    if (open[n.name]++ == 0) f.total += n.total;
    todo.push_back({s.node, true});
    for (NodeId c : n.children) todo.push_back({c, false});
  }
  std::vector<FunctionCost> out;
  out.reserve(by_name.size());
  for (auto& [name, f] : by_name) out.push_back(std::move(f));
  std::sort(out.begin(), out.end(), [](const FunctionCost& a, const FunctionCost& b) {
    if (a.self != b.self) return a.self > b.self;
    if (a.total != b.total) return a.total > b.total;
    return a.name < b.name;
  });
  return out;
}

}  // namespace sis::flame
