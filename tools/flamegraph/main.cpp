// sis-flamegraph: folded stacks -> SVG flame graph (docs/flamegraph.md). Reads a folded file
// (or stdin), or two with --diff for a differential graph, and writes the SVG to -o or stdout.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>

#include "call_tree.h"
#include "folded.h"
#include "svg.h"

namespace {

constexpr const char* kUsage =
    "usage: sis-flamegraph [OPTIONS] [FILE]             folded stacks (FILE or stdin) -> SVG\n"
    "       sis-flamegraph [OPTIONS] --diff BEFORE AFTER  differential flame graph\n"
    "\n"
    "  -o FILE          write the SVG to FILE (default: stdout)\n"
    "  --title TEXT     the graph's title (default \"Flame graph\", \"Differential flame graph\")\n"
    "  --subtitle TEXT  a second line under the title (e.g. the workload)\n"
    "  --width PX       image width, 200..20000 (default 1200)\n"
    "  --min-width PX   leave out frames narrower than this (default 0.1; 0 keeps all)\n"
    "  --diff B A       widths from A; red where a frame has more samples than in B, blue\n"
    "                   where it has fewer (the same workload at the same rate)\n"
    "  --normalize      with --diff: compare each frame's share of its profile instead\n"
    "                   (runs of different length or rate)\n"
    "\n"
    "Input: one stack a line, root first, frames separated by ';', a space, the sample count\n"
    "(\"[kernel] bench;sis`kernel_main;sis`bench_fs 37\"). A bad line is reported as\n"
    "FILE:LINE: what is wrong, and nothing is written.\n"
    "Exit status: 0 ok, 1 usage error, 2 unreadable or bad input, 3 cannot write the output.\n";

int usage_error(const std::string& what) {
  std::fprintf(stderr, "sis-flamegraph: %s\n(sis-flamegraph --help for usage)\n", what.c_str());
  return 1;
}

std::optional<std::string> read_all(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

std::optional<sis::flame::FoldedProfile> load(const std::string& path) {
  const std::optional<std::string> text = read_all(path);
  if (!text) {
    std::fprintf(stderr, "sis-flamegraph: cannot read %s: %s\n", path.c_str(), std::strerror(errno));
    return std::nullopt;
  }
  sis::flame::ParseResult r = sis::flame::parse_folded(*text);
  if (!r.ok()) {
    std::fprintf(stderr, "%s:%zu: %s\n", path == "-" ? "<stdin>" : path.c_str(), r.error.line, r.error.message.c_str());
    return std::nullopt;
  }
  return std::move(r.profile);
}

bool parse_double(const char* s, double lo, double hi, double* out) {
  char* end = nullptr;
  const double v = std::strtod(s, &end);
  if (end == s || *end || !(v >= lo && v <= hi)) return false;
  *out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  sis::flame::SvgOptions opt;
  std::string out_path;
  std::vector<std::string> inputs;
  bool diff = false;
  bool title_set = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "-o") {
      const char* v = value();
      if (!v) return usage_error("-o needs a file");
      out_path = v;
    } else if (a == "--title" || a == "--subtitle") {
      const char* v = value();
      if (!v) return usage_error(a + " needs a text");
      (a == "--title" ? opt.title : opt.subtitle) = v;
      title_set |= a == "--title";
    } else if (a == "--width") {
      const char* v = value();
      double w;
      if (!v || !parse_double(v, 200, 20000, &w)) return usage_error("--width needs pixels between 200 and 20000");
      opt.width = static_cast<int>(w);
    } else if (a == "--min-width") {
      const char* v = value();
      if (!v || !parse_double(v, 0, 1000, &opt.min_width_px)) return usage_error("--min-width needs pixels between 0 and 1000");
    } else if (a == "--diff") {
      diff = true;
    } else if (a == "--normalize") {
      opt.normalize = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      inputs.push_back(a);
    }
  }
  if (diff && inputs.size() != 2) return usage_error("--diff needs two files: BEFORE AFTER");
  if (opt.normalize && !diff) return usage_error("--normalize needs --diff");
  if (!diff && inputs.size() > 1) return usage_error("one input file at most (or --diff BEFORE AFTER)");
  if (inputs.empty()) inputs.push_back("-");

  sis::flame::CallTree tree;
  if (diff) {
    const auto before = load(inputs[0]);
    if (!before) return 2;
    const auto after = load(inputs[1]);
    if (!after) return 2;
    tree = sis::flame::CallTree::differential(*before, *after);
    if (!title_set) opt.title = "Differential flame graph";
  } else {
    const auto profile = load(inputs[0]);
    if (!profile) return 2;
    tree = sis::flame::CallTree::from_profile(*profile);
  }
  const std::string svg = sis::flame::render_svg(tree, opt);
  if (out_path.empty()) {
    std::fwrite(svg.data(), 1, svg.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 3;
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out.write(svg.data(), static_cast<std::streamsize>(svg.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "sis-flamegraph: cannot write %s\n", out_path.c_str());
    return 3;
  }
  return 0;
}
