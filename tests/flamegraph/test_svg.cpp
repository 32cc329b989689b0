// The SVG writer's text: escaping, tooltips, the differential colours.
#include <gtest/gtest.h>

#include "call_tree.h"
#include "palette.h"
#include "svg.h"

using namespace sis::flame;

namespace {

CallTree tree(std::string_view text) {
  auto r = parse_folded(text);
  EXPECT_TRUE(r.ok()) << r.error.to_string();
  return CallTree::from_profile(r.profile);
}

}  // namespace

TEST(Svg, NamesAreEscapedInTooltipsAndLabels) {
  const std::string svg = render_svg(tree("[pid 1] a<b>&\"c';sis`operator<< 3\n"), SvgOptions{});
  EXPECT_EQ(svg.find("a<b>"), std::string::npos);
  EXPECT_NE(svg.find("<title>[pid 1] a&lt;b&gt;&amp;&quot;c&apos; (3 samples, 100.00%)</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>sis`operator&lt;&lt; (3 samples, 100.00%)</title>"), std::string::npos);
}

TEST(Svg, TooltipsGiveSamplesAndPercent) {
  const std::string svg = render_svg(tree("t;a 1\nt;b 3\n"), SvgOptions{});
  EXPECT_NE(svg.find("<title>a (1 sample, 25.00%)</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>b (3 samples, 75.00%)</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>all (4 samples, 100.00%)</title>"), std::string::npos);
}

TEST(Svg, DifferentialTooltipsGiveTheChangeInSamples) {
  auto b = parse_folded("t;a 30\nt;b 10\n"), a = parse_folded("t;a 10\nt;b 10\nt;c 5\n");
  const std::string svg = render_svg(CallTree::differential(b.profile, a.profile), SvgOptions{});
  EXPECT_NE(svg.find("<title>a (before 30 samples, 75.00%; after 10 samples, 40.00%; -20 samples, -66.7%)</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>b (before 10 samples, 25.00%; after 10 samples, 40.00%; +0 samples, +0.0%)</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>c (before 0 samples, 0.00%; after 5 samples, 20.00%; +5 samples)</title>"), std::string::npos);
  // b did not change in samples: white; a shrank most: full blue.
  const Rgb white = diff_color(0, 20), blue = diff_color(-20, 20);
  EXPECT_NE(svg.find("fill=\"rgb(" + std::to_string(white.r) + "," + std::to_string(white.g) + "," + std::to_string(white.b) + ")\""),
            std::string::npos);
  EXPECT_NE(svg.find("fill=\"rgb(" + std::to_string(blue.r) + "," + std::to_string(blue.g) + "," + std::to_string(blue.b) + ")\""),
            std::string::npos);
}

TEST(Svg, NormalizedDifferentialTooltipsAndColours) {
  auto b = parse_folded("t;a 30\nt;b 10\n"), a = parse_folded("t;a 10\nt;b 30\n");
  SvgOptions o;
  o.normalize = true;
  const std::string svg = render_svg(CallTree::differential(b.profile, a.profile), o);
  EXPECT_NE(svg.find("<title>a (before 30 samples, 75.00%; after 10 samples, 25.00%; -50.00 points)</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>b (before 10 samples, 25.00%; after 30 samples, 75.00%; +50.00 points)</title>"), std::string::npos);
  const Rgb grew = diff_color(0.5, 0.5), shrank = diff_color(-0.5, 0.5), same = diff_color(0.0, 0.5);
  EXPECT_GT(grew.r, grew.b);
  EXPECT_GT(shrank.b, shrank.r);
  EXPECT_EQ(same.r, same.b);
  EXPECT_NE(svg.find("fill=\"rgb(" + std::to_string(grew.r) + "," + std::to_string(grew.g) + "," + std::to_string(grew.b) + ")\""),
            std::string::npos);
}

TEST(Svg, EmptyProfileIsStillAPicture) {
  const std::string svg = render_svg(tree(""), SvgOptions{});
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("0 samples"), std::string::npos);
}

TEST(Palette, KernelUserAndThreadFramesGetDifferentFamilies) {
  const Rgb k = frame_color("sis`kernel_main"), u = frame_color("busybox`main"), t = frame_color("[kernel] shell");
  EXPECT_GT(k.r, k.g);  // warm
  EXPECT_GT(u.g, u.r);  // green
  EXPECT_GT(t.b, t.r);  // blue-grey
  // Stable: the same name, the same colour.
  const Rgb again = frame_color("sis`kernel_main");
  EXPECT_EQ(k.r, again.r);
  EXPECT_EQ(k.g, again.g);
}
