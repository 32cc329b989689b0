#include "svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout.h"
#include "palette.h"

namespace sis::flame {

namespace {

constexpr double kFontSize = 12.0;
constexpr double kCharWidth = 0.59 * kFontSize;  // average for a sans-serif font

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string pct(std::uint64_t part, std::uint64_t whole) {
  return whole ? fmt("%.2f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole)) : "0%";
}

std::string rgb(Rgb c) {
  return "rgb(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ")";
}

std::string samples(std::uint64_t n) { return std::to_string(n) + (n == 1 ? " sample" : " samples"); }

// The name cut to fit `px` pixels ("..") at the renderer's character width; "" if not even 3 fit.
std::string fit(const std::string& name, double px) {
  const auto fits = static_cast<std::size_t>(std::max(0.0, (px - 6.0) / kCharWidth));
  if (fits < 3) return {};
  if (name.size() <= fits) return name;
  std::size_t cut = fits - 2;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
  return name.substr(0, cut) + "..";
}

std::string tooltip(const CallTree& t, NodeId id, bool normalize) {
  const CallNode& n = t.node(id);
  if (!t.differential()) return n.name + " (" + samples(n.total) + ", " + pct(n.total, t.total()) + ")";
  std::string change;
  if (normalize) {
    change = fmt("%+.2f", 100.0 * t.share_delta(id)) + " points";
  } else {
    const std::int64_t d = t.sample_delta(id);
    change = (d >= 0 ? "+" : "") + std::to_string(d) + " samples";
    if (n.base_total) change += ", " + fmt("%+.1f%%", 100.0 * static_cast<double>(d) / static_cast<double>(n.base_total));
  }
  return n.name + " (before " + samples(n.base_total) + ", " + pct(n.base_total, t.base_total()) + "; after " +
         samples(n.total) + ", " + pct(n.total, t.total()) + "; " + change + ")";
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_svg(const CallTree& tree, const SvgOptions& o) {
  const double graph_w = o.width - 2 * kSvgPadX;
  const std::vector<FrameBox> boxes = layout(tree, CallTree::kRoot, graph_w > 0 ? o.min_width_px / graph_w : 0.0);
  const int levels = static_cast<int>(tree.max_depth()) + 1;
  const int height = kSvgPadTop + levels * o.frame_height + kSvgPadBottom;
  const double max_abs = tree.max_abs_delta(o.normalize);

  std::string s;
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + std::to_string(o.width) + "\" height=\"" +
       std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(o.width) + " " + std::to_string(height) + "\">\n";
  s += "<style>text { font-family: sans-serif; font-size: " + fmt("%.0f", kFontSize) +
       "px; fill: #000; } .frame:hover rect { stroke: #000; stroke-width: 1; } .title { font-size: 17px; text-anchor: middle; }"
       " .note { fill: #444; }</style>\n";
  s += "<rect x=\"0\" y=\"0\" width=\"" + std::to_string(o.width) + "\" height=\"" + std::to_string(height) + "\" fill=\"#fdfdf6\"/>\n";
  s += "<text class=\"title\" x=\"" + std::to_string(o.width / 2) + "\" y=\"22\">" + xml_escape(o.title) + "</text>\n";
  if (!o.subtitle.empty())
    s += "<text class=\"note\" x=\"" + std::to_string(o.width / 2) + "\" y=\"38\" text-anchor=\"middle\">" + xml_escape(o.subtitle) + "</text>\n";
  for (const FrameBox& b : boxes) {
    const CallNode& n = tree.node(b.node);
    const double x = kSvgPadX + b.x * graph_w;
    const double w = b.width * graph_w;
    const double y = kSvgPadTop + (levels - 1 - static_cast<int>(b.level)) * o.frame_height;
    const Rgb c = tree.differential() ? diff_color(tree.delta(b.node, o.normalize), max_abs) : frame_color(n.name);
    s += "<g class=\"frame\"><title>" + xml_escape(tooltip(tree, b.node, o.normalize)) + "</title>";
    s += "<rect x=\"" + fmt("%.4f", x) + "\" y=\"" + fmt("%.1f", y) + "\" width=\"" + fmt("%.4f", w) + "\" height=\"" +
         std::to_string(o.frame_height - 1) + "\" rx=\"2\" ry=\"2\" fill=\"" + rgb(c) + "\" stroke=\"" +
         rgb(Rgb{static_cast<std::uint8_t>(c.r * 4 / 5), static_cast<std::uint8_t>(c.g * 4 / 5), static_cast<std::uint8_t>(c.b * 4 / 5)}) +
         "\" stroke-width=\"0.5\"/>";
    // White names on dark frames (the strong blue of a differential graph).
    const bool dark = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b < 120;
    if (const std::string label = fit(n.name, w); !label.empty())
      s += "<text x=\"" + fmt("%.2f", x + 3) + "\" y=\"" + fmt("%.1f", y + o.frame_height - 4.5) + "\"" +
           (dark ? " style=\"fill:#fff\"" : "") + ">" + xml_escape(label) + "</text>";
    s += "</g>\n";
  }
  std::string note = tree.differential()
                         ? "before " + samples(tree.base_total()) + ", after " + samples(tree.total()) +
                               ": widths from after; red grew, blue shrank" +
                               (o.normalize ? " (share of samples)" : " (samples)")
                         : samples(tree.total()) + "; width = share of samples; hover a frame for its count";
  s += "<text class=\"note\" x=\"" + std::to_string(kSvgPadX) + "\" y=\"" + std::to_string(height - 8) + "\">" + xml_escape(note) + "</text>\n";
  s += "</svg>\n";
  return s;
}

}  // namespace sis::flame
