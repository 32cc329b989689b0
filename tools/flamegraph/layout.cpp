#include "layout.h"

namespace sis::flame {

std::vector<FrameBox> layout(const CallTree& tree, NodeId zoom, double min_width) {
  std::vector<FrameBox> boxes;
  for (NodeId a : tree.path(zoom)) {
    if (a == zoom) break;
    boxes.push_back(FrameBox{a, tree.node(a).depth, 0.0, 1.0, true});
  }
  const std::uint64_t span = tree.node(zoom).total;
  boxes.push_back(FrameBox{zoom, tree.node(zoom).depth, 0.0, 1.0, false});
  if (span == 0) return boxes;
  // Depth-first with sample offsets kept as integers: x and width are exact ratios.
  struct Todo {
    NodeId node;
    std::uint64_t offset;
  };
  std::vector<Todo> todo{{zoom, 0}};
  const double n = static_cast<double>(span);
  while (!todo.empty()) {
    const Todo t = todo.back();
    todo.pop_back();
    std::uint64_t offset = t.offset;
    for (NodeId c : tree.node(t.node).children) {
      const std::uint64_t w = tree.node(c).total;
      if (w > 0 && static_cast<double>(w) / n >= min_width) {
        boxes.push_back(FrameBox{c, tree.node(c).depth, static_cast<double>(offset) / n, static_cast<double>(w) / n, false});
        todo.push_back({c, offset});
      }
      offset += w;
    }
  }
  return boxes;
}

}  // namespace sis::flame
