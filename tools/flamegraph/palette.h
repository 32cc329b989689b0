// Frame colours shared by the SVG renderer and the app's widget, so both draw the same
// picture. Normal graphs: warm colours for kernel frames (`sis`...), greens for user-space
// frames (`prog`...), blue-grey for the thread/process frames ("[kernel] x", "[pid N] cmd")
// and grey for "[unknown]"; the shade within a family comes from a hash of the name, so a
// function keeps its colour across profiles. Differential graphs: red where a frame grew
// (samples, or share of samples when normalized), blue where it shrank, white where it
// stayed, scaled to the largest change in the graph.
#pragma once
#include <cstdint>
#include <string_view>

namespace sis::flame {

struct Rgb {
  std::uint8_t r, g, b;
};

Rgb frame_color(std::string_view name);
// delta: the frame's change (CallTree::delta); max_abs: the largest |delta| in the graph.
Rgb diff_color(double delta, double max_abs);
// Search hits, in both views.
inline constexpr Rgb kMatchColor{0xE6, 0x00, 0xE6};

}  // namespace sis::flame
