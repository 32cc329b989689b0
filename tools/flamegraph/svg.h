// Folded profile -> SVG flame graph, our own renderer (no flamegraph.pl): one <g class="frame">
// per frame holding a <title> tooltip ("name (N samples, P%)"; differential graphs: before,
// after and the change), a <rect> whose width is exactly the frame's samples over
// the graph's samples times the graph width, and the name as <text> where it fits. Plain
// SVG 1.1 without scripts, so any browser or image viewer shows it; names are XML-escaped
// (the parser has already refused control characters and invalid UTF-8).
#pragma once
#include <string>

#include "call_tree.h"

namespace sis::flame {

struct SvgOptions {
  std::string title = "Flame graph";
  std::string subtitle;        // e.g. the workload; omitted when empty
  int width = 1200;            // pixels
  int frame_height = 16;       // pixels per level
  double min_width_px = 0.1;   // narrower frames (and their subtrees) are left out
  bool normalize = false;      // differential: colour by change of share, not of samples
};

// Geometry, so tests can check the picture against the counts.
inline constexpr int kSvgPadX = 10;       // left and right margin
inline constexpr int kSvgPadTop = 44;     // title, subtitle
inline constexpr int kSvgPadBottom = 24;  // the totals line

std::string render_svg(const CallTree& tree, const SvgOptions& options);

// & < > " ' as entities.
std::string xml_escape(std::string_view s);

}  // namespace sis::flame
