// Where each frame of a call tree goes in a flame graph, independent of pixels: x and width
// are fractions of the graph's width, level is the row counted from the bottom (the root
// "all" is level 0). Widths are exactly the samples' share: a frame with n of the view's N
// samples is n/N wide, and children sit left to right in name order inside their parent.
//
// Zoom: a view rooted at node Z spans Z over the whole width; Z's ancestors are drawn below
// it at full width (so the path back is visible and clickable), everything outside Z's
// subtree is left out. Frames narrower than min_width are left out with their subtrees.
#pragma once
#include <vector>

#include "call_tree.h"

namespace sis::flame {

struct FrameBox {
  NodeId node = 0;
  std::uint32_t level = 0;   // node depth: 0 = "all"
  double x = 0.0;            // [0, 1)
  double width = 0.0;        // (0, 1]
  bool ancestor = false;     // an ancestor of the zoom root, drawn full width
};

std::vector<FrameBox> layout(const CallTree& tree, NodeId zoom = CallTree::kRoot, double min_width = 0.0);

}  // namespace sis::flame
