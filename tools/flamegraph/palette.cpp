#include "palette.h"

#include <algorithm>
#include <cmath>

namespace sis::flame {

namespace {

// FNV-1a: a stable hash (std::hash may differ between builds).
std::uint32_t fnv1a(std::string_view s, std::uint32_t seed) {
  std::uint32_t h = 2166136261u ^ seed;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

double unit(std::string_view s, std::uint32_t seed) { return (fnv1a(s, seed) % 1000) / 1000.0; }

std::uint8_t u8(double v) { return static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0)); }

}  // namespace

Rgb frame_color(std::string_view name) {
  // Shade by the function name only ("sis`foo" and "[pid 3] x" vary within their family).
  const double a = unit(name, 1), b = unit(name, 2);
  if (name == "[unknown]") return {0xB0, 0xB0, 0xB0};
  if (name.starts_with("[kernel]") || name.starts_with("[pid ")) return {u8(120 + 40 * a), u8(150 + 40 * a), u8(200 + 40 * b)};
  if (name.starts_with("sis`")) return {u8(215 + 40 * a), u8(90 + 130 * b), u8(20 + 40 * a)};
  if (name.find('`') != std::string_view::npos) return {u8(60 + 60 * a), u8(170 + 60 * b), u8(60 + 50 * a)};
  return {u8(200 + 50 * a), u8(120 + 100 * b), u8(50 + 50 * a)};  // "all" and other frames
}

Rgb diff_color(double delta, double max_abs) {
  if (!(max_abs > 0.0) || delta == 0.0) return {0xF5, 0xF5, 0xF5};
  // At least a light tint for any change, full colour at the largest change; the square root
  // keeps a change a tenth of the largest one clearly coloured.
  const double i = 0.15 + 0.85 * std::sqrt(std::min(1.0, std::fabs(delta) / max_abs));
  const std::uint8_t fade = u8(245 * (1.0 - i) + 40 * i);
  return delta > 0 ? Rgb{0xF0, fade, fade} : Rgb{fade, fade, 0xF0};
}

}  // namespace sis::flame
