// sis-llm-ground: the kernel's grounding code (kernel/ai/llm/knowledge.*, answer.*) on the
// host, over the same files the default disk carries: answers questions as `llmctl ask`
// does (without the live state) and measures the incident benchmark and the doc-question
// citation benchmark (docs/llm.md, "Measurements"; ctest llm.grounding.quality).
//
// usage: sis-llm-ground --help-text SHELL_HELP --examples TRAIN.tsv --doc FILE.md...
//          [--ask QUESTION] [--suggest PROBLEM] [--search QUERY]
//          [--incidents BENCH.tsv [--min-incident PERCENT]]...
//          [--questions QUESTIONS.tsv [--min-citation PERCENT]]...
//          [--verbose] [--model MODEL.bin --lora ADAPTER] [--root DISK_TREE]
// --incidents and --questions may be given more than once (a result each); --min-incident is
// the minimum of the grounded vote's accuracy (all examples) on the incident set named just
// before it, --min-citation the minimum share of questions whose section is cited.
// --search prints the 10 best passages of every kind with their BM25 scores and the commands
// each names (what the grounded vote sees). The incident table has the two retrieval
// baselines, the grounded vote's two parts alone (the examples' classifier, the passages'
// vote) and the grounded vote; with --model (and its LoRA adapter) it adds the language model
// constrained to the grammar, alone and re-ranking the grounded vote.
// --root: the default disk's file tree (build/disk/rootfs), so a question's paths are files,
// directories or missing as in the guest (Knowledge::set_path_kinds).
// BENCH.tsv: family<TAB>incident<TAB>command; QUESTIONS.tsv: question<TAB>doc<TAB>section.
// Exits 1 when a suggestion does not parse or a figure is below its minimum.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "ai/llm/answer.h"
#include "ai/llm/engine.h"

using sis::ByteSpan;
using sis::StrView;
using namespace sis::llm;

namespace {

struct StdOut final : sis::Output {
  void write(StrView s) override { fwrite(s.data, 1, s.size, stdout); }
};

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    fprintf(stderr, "sis-llm-ground: cannot read %s\n", path.c_str());
    exit(2);
  }
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string base_name(const std::string& p) {
  size_t s = p.rfind('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

std::vector<std::vector<std::string>> read_tsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    size_t b = 0;
    for (size_t i = 0; i <= line.size(); ++i)
      if (i == line.size() || line[i] == '\t') {
        f.push_back(line.substr(b, i - b));
        b = i + 1;
      }
    rows.push_back(f);
  }
  return rows;
}

// The extracted help text (tools/llm-train/extract_help.py): blocks "NAME - SUMMARY\nusage:
// USAGE..." separated by blank lines; benchmarks are "bench NAME - ...".
void add_help(Knowledge& k, const std::string& text, std::vector<std::string>& keep) {
  std::istringstream in(text);
  std::string line, name, summary, usage;
  auto flush = [&]() {
    if (!name.empty() && !usage.empty()) {
      keep.push_back(name);
      keep.push_back(summary);
      keep.push_back(usage);
      size_t n = keep.size();
      k.add_command(StrView(keep[n - 3].data(), keep[n - 3].size()), StrView(keep[n - 2].data(), keep[n - 2].size()),
                    StrView(keep[n - 1].data(), keep[n - 1].size()));
    }
    name.clear();
    usage.clear();
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      flush();
      continue;
    }
    if (name.empty()) {
      size_t d = line.find(" - ");
      if (d == std::string::npos) continue;
      name = line.substr(0, d);
      summary = line.substr(d + 3);
      if (name.rfind("bench ", 0) == 0) name = "bench";
      continue;
    }
    if (usage.empty() && line.rfind("usage: ", 0) == 0)
      usage = line.substr(7);
    else if (!usage.empty())
      usage += "\n" + line;
  }
  flush();
}

// Percentages are committed as printed, to one decimal: compare them so.
double round1(double pct) { return std::round(pct * 10) / 10; }

std::string sv(StrView s) { return std::string(s.data, s.size); }

}  // namespace

int main(int argc, char** argv) {
  std::string help, examples, ask, suggest, search, model, lora;
  std::vector<std::string> docs;
  std::vector<std::pair<std::string, double>> incident_sets, question_sets;  // file, minimum percent
  bool verbose = false;
  static std::string root;  // the default disk's tree: what a question's paths are
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        fprintf(stderr, "sis-llm-ground: %s needs a value\n", a.c_str());
        exit(2);
      }
      return argv[++i];
    };
    if (a == "--help-text") help = next();
    else if (a == "--examples") examples = next();
    else if (a == "--ask") ask = next();
    else if (a == "--suggest") suggest = next();
    else if (a == "--search") search = next();
    else if (a == "--incidents") incident_sets.emplace_back(next(), 0.0);
    else if (a == "--questions") question_sets.emplace_back(next(), 0.0);
    else if (a == "--min-incident") {
      if (incident_sets.empty()) {
        fprintf(stderr, "sis-llm-ground: --min-incident follows the --incidents file it applies to\n");
        return 2;
      }
      incident_sets.back().second = atof(next().c_str());
    }
    else if (a == "--min-citation") {
      if (question_sets.empty()) {
        fprintf(stderr, "sis-llm-ground: --min-citation follows the --questions file it applies to\n");
        return 2;
      }
      question_sets.back().second = atof(next().c_str());
    }
    else if (a == "--verbose") verbose = true;
    else if (a == "--model") model = next();
    else if (a == "--lora") lora = next();
    else if (a == "--root") root = next();
    else if (a == "--doc") {
      while (i + 1 < argc && argv[i + 1][0] != '-') docs.push_back(argv[++i]);
    } else {
      fprintf(stderr, "sis-llm-ground: unknown option %s (see the comment at the top of ground.cpp)\n", a.c_str());
      return 2;
    }
  }
  if (help.empty()) {
    fprintf(stderr, "sis-llm-ground: --help-text is required\n");
    return 2;
  }
  static Knowledge k;
  if (!root.empty())
    k.set_path_kinds(
        [](void*, StrView path) {
          struct stat st;
          std::string p = root + std::string(path.data, path.size);
          if (::stat(p.c_str(), &st) != 0) return PathKind::Missing;
          return S_ISDIR(st.st_mode) ? PathKind::Directory : PathKind::File;
        },
        nullptr);
  std::vector<std::string> keep;
  keep.reserve(4096);  // views point into these strings: no reallocation
  add_help(k, slurp(help), keep);
  std::vector<std::string> doc_text, doc_name;
  doc_text.reserve(docs.size() + 1);
  doc_name.reserve(docs.size() + 1);
  for (const std::string& d : docs) {
    doc_text.push_back(slurp(d));
    doc_name.push_back(base_name(d));
    if (k.add_document(StrView(doc_name.back().data(), doc_name.back().size()),
                       StrView(doc_text.back().data(), doc_text.back().size())) != sis::Error::Ok) {
      fprintf(stderr, "sis-llm-ground: too many passages at %s\n", d.c_str());
      return 1;
    }
  }
  std::string ex_text = examples.empty() ? std::string() : slurp(examples);
  k.add_examples(StrView(ex_text.data(), ex_text.size()));
  if (k.finish() != sis::Error::Ok) {
    fprintf(stderr, "sis-llm-ground: building the index failed\n");
    return 1;
  }
  printf("knowledge: %zu passages, %zu forms, %zu commands in the grammar, %u postings, %zu examples skipped\n", k.size(),
         k.grammar().form_count(), k.grammar().candidate_count(), k.index().postings(), k.skipped_examples());
  static Engine engine;
  static std::string model_bytes, lora_bytes;
  if (!model.empty()) {
    model_bytes = slurp(model);
    Diag d;
    if (engine.load(ByteSpan{reinterpret_cast<const sis::u8*>(model_bytes.data()), model_bytes.size()}, false, "model", &d) !=
        sis::Error::Ok) {
      fprintf(stderr, "sis-llm-ground: %s: %s\n", model.c_str(), d.text);
      return 1;
    }
    if (!lora.empty()) {
      lora_bytes = slurp(lora);
      if (engine.load_adapter(ByteSpan{reinterpret_cast<const sis::u8*>(lora_bytes.data()), lora_bytes.size()}, false, "lora",
                              &d) != sis::Error::Ok) {
        fprintf(stderr, "sis-llm-ground: %s: %s\n", lora.c_str(), d.text);
        return 1;
      }
    }
    k.set_scorer(
        [](void*, StrView prompt, const StrView* lines, size_t n, sis::i64* out) {
          Diag d;
          return engine.score_continuations(prompt, lines, n, true, out, &d) == sis::Error::Ok;
        },
        nullptr);
  }
  int status = 0;
  if (verbose) {
    for (size_t c = 0; c < k.grammar().candidate_count(); ++c) printf("  candidate: %s\n", sv(k.grammar().candidate(c).line).c_str());
  }
  if (!ask.empty()) {
    Answer a;
    answer_question(k, StrView(ask.data(), ask.size()), &a);
    StdOut out;
    write_answer_text(k, a, out);
  }
  if (!suggest.empty()) {
    Knowledge::Suggestion s = k.suggest(StrView(suggest.data(), suggest.size()), SuggestMethod::Grounded);
    printf("suggestion: %s (%s)\n", s.candidate >= 0 ? sv(s.line()).c_str() : "(none)",
           s.needs_value ? "a form to complete"
           : s.candidate >= 0 && k.grammar().parses(s.line()) ? (s.filled ? "parses, values from the question" : "parses")
                                                                : "does not parse");
    if (s.example >= 0) printf("  chosen for reports like: %s\n", sv(k.example_text(s, 240)).c_str());
  }
  if (!search.empty()) {
    Bm25Hit hits[10];
    size_t n = k.search(StrView(search.data(), search.size()), 7, hits, 10);
    for (size_t i = 0; i < n; ++i) {
      const Knowledge::Entry& e = k.entry(hits[i].passage);
      printf("%2zu. %7.2f  %s § %s  ->", i + 1, hits[i].score / 1024.0, sv(e.p.doc).c_str(), sv(e.p.section).c_str());
      for (size_t m = 0; m < e.mention_count; ++m) printf(" [%s]", sv(k.grammar().candidate(e.mentions[m]).line).c_str());
      printf("\n");
    }
  }
  for (const auto& [incidents, min_incident] : incident_sets) {
    auto rows = read_tsv(slurp(incidents));
    const char* names[] = {"BM25 alone (nearest example)", "BM25 + template (best doc/help passage)", "grounded (BM25 vote, grammar)",
                           "language model + LoRA, constrained to the grammar", "grounded vote re-ranked by the model",
                           "examples' classifier alone (naive Bayes)", "passages' vote alone (without the classifier)"};
    // The table's rows in order (SuggestMethod numbers); the model's rows need --model.
    std::vector<int> methods = {0, 1, 5, 6, 2};
    if (!model.empty()) methods.insert(methods.end(), {3, 4});
    size_t correct[2][7] = {}, unparsed = 0, total = 0, expected_bad = 0, forms = 0, filled = 0;
    std::map<std::string, std::pair<size_t, size_t>> fam;  // grounded, all examples
    for (auto& r : rows) {
      if (r.size() < 3) continue;
      ++total;
      if (!k.grammar().parses(StrView(r[2].data(), r[2].size()))) {
        fprintf(stderr, "benchmark command does not parse: %s\n", r[2].c_str());
        ++expected_bad;
      }
      for (int split = 0; split < 2; ++split)
        for (int m : methods) {
          StrView ex = split ? StrView(r[2].data(), r[2].size()) : StrView();
          Knowledge::Suggestion s = k.suggest(StrView(r[1].data(), r[1].size()), static_cast<SuggestMethod>(m), ex);
          if (s.candidate >= 0 && !s.needs_value && !k.grammar().parses(s.line())) ++unparsed;
          bool ok = s.candidate >= 0 && sv(s.line()) == r[2];
          if (m == 2 && split == 0) {
            forms += s.needs_value;
            filled += s.filled;
          }
          correct[split][m] += ok;
          if (m == 2 && split == 0) {
            fam[r[0]].second++;
            fam[r[0]].first += ok;
          }
          if (verbose && m != 1 && !ok)
            printf("  miss (%s, %s, %s): \"%s\" -> %s, expected %s\n", names[m], split ? "family held out" : "all examples",
                   base_name(incidents).c_str(), r[1].c_str(),
                   s.candidate >= 0 ? sv(s.line()).c_str() : "(none)", r[2].c_str());
        }
    }
    printf("\nincidents (%s): %zu cases, %zu families\n", base_name(incidents).c_str(), total, fam.size());
    printf("| method | exact command, all examples | exact command, family's examples held out |\n|---|---|---|\n");
    for (int m : methods)
      printf("| %s | %zu / %zu (%.1f%%) | %zu / %zu (%.1f%%) |\n", names[m], correct[0][m], total,
             total ? 100.0 * correct[0][m] / total : 0.0, correct[1][m], total, total ? 100.0 * correct[1][m] / total : 0.0);
    printf("per family (grounded, all examples):");
    for (auto& [f, c] : fam) printf(" %s %zu/%zu", f.c_str(), c.first, c.second);
    printf("\nsuggestions that do not parse: %zu; benchmark commands that do not parse: %zu\n", unparsed, expected_bad);
    printf("grounded, all examples: %zu forms to complete (no value in the question), %zu lines with the question's values\n",
           forms, filled);
    double acc = total ? 100.0 * correct[0][2] / total : 0;
    if (unparsed || expected_bad) status = 1;
    if (round1(acc) < min_incident) {
      printf("FAIL: incident accuracy %.1f%% on %s is below the committed %.1f%%\n", acc, base_name(incidents).c_str(),
             min_incident);
      status = 1;
    }
  }
  for (const auto& [questions, min_citation] : question_sets) {
    auto rows = read_tsv(slurp(questions));
    size_t top1 = 0, top3 = 0, total = 0;
    for (auto& r : rows) {
      if (r.size() < 3) continue;
      ++total;
      Answer a;
      answer_question(k, StrView(r[0].data(), r[0].size()), &a);
      bool one = false, three = false;
      for (size_t i = 0; i < a.cited; ++i) {
        const auto& e = k.entry(a.hits[i].passage);
        if (sv(e.p.doc) == r[1] && sv(e.p.section) == r[2]) {
          three = true;
          if (i == 0) one = true;
        }
      }
      top1 += one;
      top3 += three;
      if (verbose && !three) {
        printf("  uncited (%s): \"%s\" expected %s § %s; got", base_name(questions).c_str(), r[0].c_str(), r[1].c_str(),
               r[2].c_str());
        for (size_t i = 0; i < a.cited; ++i)
          printf(" [%s § %s]", sv(k.entry(a.hits[i].passage).p.doc).c_str(), sv(k.entry(a.hits[i].passage).p.section).c_str());
        printf("\n");
      }
    }
    printf("\ndoc questions (%s): %zu; the expected section cited first: %zu (%.1f%%); among the %zu cited: %zu (%.1f%%)\n",
           base_name(questions).c_str(), total, top1, total ? 100.0 * top1 / total : 0.0, kMaxCitations, top3,
           total ? 100.0 * top3 / total : 0.0);
    double acc = total ? 100.0 * top3 / total : 0;
    if (round1(acc) < min_citation) {
      printf("FAIL: citation accuracy %.1f%% on %s is below the committed %.1f%%\n", acc, base_name(questions).c_str(),
             min_citation);
      status = 1;
    }
  }
  return status;
}
