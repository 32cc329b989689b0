// The language model's grounding (kernel/ai/llm/bm25.*, passages.*, command_grammar.*,
// knowledge.*, answer.*), on the host: integer BM25 against a floating-point reference,
// Markdown passages, the command grammar from usage texts, suggestions that always parse,
// and questions that are data (docs/llm.md, "Grounding").
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "ai/llm/answer.h"
#include "ai/llm/question_form.h"
#include "answer_json.h"

using sis::StrView;
using namespace sis::llm;

namespace {

StrView V(const std::string& s) { return StrView(s.data(), s.size()); }
std::string S(StrView s) { return std::string(s.data, s.size); }

struct StringOut final : sis::Output {
  std::string text;
  void write(StrView s) override { text.append(s.data, s.size); }
};

TEST(Bm25, Log2IsExactTo1024ths) {
  for (unsigned num = 1; num < 3000; num += 7)
    for (unsigned den = 1; den <= num; den += 13) {
      double want = std::log2(static_cast<double>(num) / den) * 1024;
      EXPECT_NEAR(static_cast<double>(log2_q10(num, den)), want, 1.5) << num << "/" << den;
    }
}

TEST(Bm25, WordsAreLowercasedStemmedAndStopWordsDropped) {
  EXPECT_EQ(term_of("Writes"), term_of("write"));
  EXPECT_EQ(term_of("failing"), term_of("fails"));
  EXPECT_EQ(term_of("slabs"), term_of("slab"));
  EXPECT_EQ(term_of("the"), 0u);
  EXPECT_NE(term_of("disk"), term_of("desk"));
}

// A floating-point Okapi BM25 (k1 1.2, b 0.75, the same idf) to check the integer one.
double float_bm25(const std::vector<std::vector<unsigned>>& docs, size_t d, const std::vector<unsigned>& q) {
  double avg = 0;
  for (auto& x : docs) avg += x.size();
  avg /= docs.size();
  double s = 0;
  for (unsigned t : q) {
    size_t df = 0, tf = 0;
    for (auto& x : docs) df += std::count(x.begin(), x.end(), t) > 0;
    tf = std::count(docs[d].begin(), docs[d].end(), t);
    if (!tf) continue;
    double idf = std::log(1 + (docs.size() - df + 0.5) / (df + 0.5));
    s += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * docs[d].size() / avg));
  }
  return s;
}

TEST(Bm25, IntegerScoresFollowTheFloatingPointFormula) {
  const char* texts[] = {"disk space full writes fail", "memory heap slab allocator", "disk disk disk slow requests queue",
                         "journal commit crash replay", "slab slab memory compact", "power watts meter"};
  struct Ctx {
    const char* const* t;
  } c{texts};
  Bm25Index idx;
  ASSERT_EQ(idx.build(6, [](void* p, sis::u32 i, sis::u32 part) { return part == 1 ? StrView(static_cast<Ctx*>(p)->t[i]) : StrView(); }, &c),
            sis::Error::Ok);
  std::vector<std::vector<unsigned>> docs;
  for (const char* t : texts) {
    std::vector<unsigned> d;
    for_each_term(StrView(t), [](void* p, sis::u32 x) { static_cast<std::vector<unsigned>*>(p)->push_back(x); }, &d);
    docs.push_back(d);
  }
  for (const char* q : {"disk", "slab memory", "crash journal disk", "watts"}) {
    sis::u32 terms[16];
    size_t n = Bm25Index::query_terms(StrView(q), terms, 16);
    std::vector<unsigned> qt(terms, terms + n);
    for (size_t d = 0; d < 6; ++d)
      EXPECT_NEAR(idx.score(static_cast<sis::u32>(d), terms, n) / 1024.0, float_bm25(docs, d, qt), 0.02) << q << " / " << d;
  }
  Bm25Hit hits[3];
  ASSERT_EQ(idx.search("disk slow", hits, 3), 2u);
  EXPECT_EQ(hits[0].passage, 2u);  // three times "disk" and "slow"
  EXPECT_EQ(hits[1].passage, 0u);
  EXPECT_EQ(idx.search("nothing matches these", hits, 3), 0u);
}

TEST(Passages, SectionsHeadingsInCodeAndLongSectionsAreCut) {
  std::string md = "# Title\nintro text\n\n## First\nalpha beta\n\n```\n# not a heading\n```\n\n### Deep\ngamma\n";
  for (int i = 0; i < 60; ++i) md += "a paragraph of the long section with several words in it, number " + std::to_string(i) + "\n\n";
  std::vector<Passage> got;
  split_markdown("doc.md", V(md), [](void* p, const Passage& x) { static_cast<std::vector<Passage>*>(p)->push_back(x); }, &got);
  ASSERT_GE(got.size(), 5u);
  EXPECT_EQ(S(got[0].section), "Title");
  EXPECT_EQ(S(got[0].text), "intro text");
  EXPECT_EQ(S(got[1].section), "First");
  EXPECT_NE(S(got[1].text).find("# not a heading"), std::string::npos);
  EXPECT_EQ(S(got[1].parent), "Title");
  EXPECT_EQ(S(got[2].section), "Deep");
  EXPECT_EQ(S(got[2].parent), "First");
  for (size_t i = 2; i < got.size(); ++i) {
    EXPECT_EQ(S(got[i].section), "Deep");
    EXPECT_LE(got[i].text.size, 2 * kMaxPassageBytes);
  }
}

TEST(Passages, FaqEntriesArePassagesAndTheAnswerIsTheSentence) {
  std::string md = "## Disk\n\nQ: The disk is full.\nA: Run df. It shows the space.\n\nQ: Slow?\nA: Run blkstat.\n";
  std::vector<Passage> got;
  split_markdown("faq.md", V(md), [](void* p, const Passage& x) { static_cast<std::vector<Passage>*>(p)->push_back(x); }, &got);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(S(first_sentence(got[0].text, 200)), "Run df. It shows the space.");
  EXPECT_EQ(S(got[1].text).rfind("Q: Slow?", 0), 0u);
}

// A sentence's score for best_sentence: how often the word `want` occurs in it.
sis::u32 count(void* want, StrView s) {
  std::string t = S(s), w = static_cast<const char*>(want);
  sis::u32 n = 0;
  for (size_t at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) ++n;
  return n;
}

TEST(Passages, BestSentenceKeepsATopicalOpeningElseTheSentenceThatScoresHighest) {
  std::string text =
      "Intro words here. The second one names replay.\n\n```\nreplay in code.\n```\n\n| replay | table |\n\n"
      "- a list item about replay and crash\n";
  // Code blocks and tables are not sentences; a list item is. The highest count wins.
  EXPECT_EQ(S(best_sentence(V(text), 200, count, const_cast<char*>("replay"))), "The second one names replay.");
  EXPECT_EQ(S(best_sentence(V(text), 200, count, const_cast<char*>("crash"))), "a list item about replay and crash");
  // The opening sentence stays when it bears on the question at all; nothing matches: the first.
  EXPECT_EQ(S(best_sentence(V(text), 200, count, const_cast<char*>("Intro"))), "Intro words here.");
  EXPECT_EQ(S(best_sentence(V(text), 200, count, const_cast<char*>("absent"))), "Intro words here.");
  EXPECT_EQ(S(best_sentence(V(text), 200, count, const_cast<char*>("absent"))), S(first_sentence(V(text), 200)));
}

// Out of its paragraph, a sentence that opens with a pronoun pointing back is not shown; an
// opening connective is dropped ("So a failed mkdir" reads as "a failed mkdir").
TEST(Passages, SentencesThatPointBackAreNotShownAlone) {
  std::string text =
      "Intro. This one says replay twice: replay. So does\nreplay, replay. Then replay happens once. So replay.\n";
  EXPECT_EQ(S(best_sentence(V(text), 200, count, const_cast<char*>("replay"))), "Then replay happens once.");
  EXPECT_EQ(S(without_connective(V("Then replay happens once."))), "replay happens once.");
  EXPECT_EQ(S(without_connective(V("So, replay."))), "replay.");
  EXPECT_EQ(S(without_connective(V("Sorting is done."))), "Sorting is done.");  // a word, not a connective
  EXPECT_EQ(S(without_connective(V("So"))), "So");
}

const char* kMemctlUsage =
    "memctl [stats] [--json]   buddy orders, slab caches\n"
    "memctl compact [--json]   give empty slabs back\n"
    "memctl check              verify every allocator invariant\n"
    "memctl debug on|off       use-after-free poisoning for new slabs\n"
    "memctl misuse KIND        panic on purpose";

TEST(CommandGrammar, FormsAndConcreteCommandsFromUsageTexts) {
  CommandGrammar g;
  ASSERT_EQ(g.add_command("memctl", "memory allocator statistics and control", kMemctlUsage), sis::Error::Ok);
  ASSERT_EQ(g.add_command("powerctl", "power",
                          "powerctl status [--json] | history [--json] [--seconds N] | set-budget WATTS|off | calibrate [--phase-ms N]\n"
                          "  status: estimated and metered power"),
            sis::Error::Ok);
  ASSERT_EQ(g.add_command("llmctl", "lm", "llmctl lora load PATH|builtin | unload NAME|all | list [--json]"), sis::Error::Ok);
  ASSERT_EQ(g.add_command("tracectl", "traces", "tracectl export --recent N (--path FILE | --console)   JSON"), sis::Error::Ok);
  ASSERT_EQ(g.add_command("cat", "print files", "cat PATH..."), sis::Error::Ok);
  ASSERT_EQ(g.add_command("df", "file system space", "df [--json]"), sis::Error::Ok);
  ASSERT_EQ(g.finish(), sis::Error::Ok);
  std::vector<std::string> c;
  for (size_t i = 0; i < g.candidate_count(); ++i) c.push_back(S(g.candidate(i).line));
  for (const char* want : {"memctl", "memctl stats", "memctl compact", "memctl check", "memctl debug on", "memctl debug off",
                           "powerctl status", "powerctl history", "powerctl set-budget off", "powerctl calibrate",
                           "llmctl lora load builtin", "llmctl lora unload all", "llmctl lora list", "df"})
    EXPECT_NE(std::find(c.begin(), c.end(), want), c.end()) << want;
  for (const char* never : {"memctl misuse", "cat", "tracectl export", "llmctl unload all", "powerctl history --json"})
    EXPECT_EQ(std::find(c.begin(), c.end(), never), c.end()) << never;
  for (const char* ok : {"memctl stats --json", "memctl --json", "memctl misuse double-free", "powerctl history --seconds 30",
                         "powerctl set-budget 3", "llmctl lora unload ops-fix", "tracectl export --recent 5 --console",
                         "tracectl export --recent 5 --path /t.json", "cat /a /b \"/c d\"", "df"})
    EXPECT_TRUE(g.parses(ok)) << ok;
  for (const char* bad : {"memctl info", "memctl debug", "memctl stats --verbose", "powerctl history --seconds",
                          "tracectl export --recent 5", "cat", "df -h", "dff", "", "\"unterminated", "llmctl unload all"})
    EXPECT_FALSE(g.parses(bad)) << bad;
  // Every concrete line parses; a form that needs a value is its syntax, marked so.
  for (size_t i = 0; i < g.candidate_count(); ++i)
    if (g.candidate(i).needs_value)
      EXPECT_EQ(S(g.candidate(i).line), S(g.form(g.candidate(i).form).syntax));
    else
      EXPECT_TRUE(g.parses(g.candidate(i).line)) << S(g.candidate(i).line);
  EXPECT_GE(g.find_candidate("cat PATH..."), 0);
}

TEST(CommandGrammar, UnbalancedUsageKeepsTheBareCommand) {
  CommandGrammar g;
  ASSERT_EQ(g.add_command("odd", "odd usage", "odd [--broken"), sis::Error::Ok);
  ASSERT_EQ(g.finish(), sis::Error::Ok);
  EXPECT_TRUE(g.parses("odd"));
  EXPECT_FALSE(g.parses("odd --broken"));
}

struct Fixture {
  Knowledge k;
  std::string doc =
      "# Files\n\n## Space\n\nWhen the disk is full, writes fail with NoSpace. `df` shows the free space.\n\n"
      "## Journal\n\nAfter a crash the journal is replayed: committed transactions are written home. Run `sync` to "
      "commit.\n";
  std::string examples = "# x\nslab caches use too much memory\tmemctl stats\nfreed memory is touched\tmemctl debug on\n"
                         "the disk is gone\tmemctl info\n";
  Fixture() {
    k.add_command("memctl", "memory allocator statistics and control", kMemctlUsage);
    k.add_command("df", "file system space", "df [--json]");
    k.add_command("sync", "write everything to disk (commit the journal)", "sync");
    k.add_command("panic", "crash the kernel on purpose", "panic [abort|undef|message]");
    k.add_document("files.md", V(doc));
    k.add_examples(V(examples));
    EXPECT_EQ(k.finish(), sis::Error::Ok);
  }
};

TEST(Knowledge, DocumentsMarkedNotIndexedAddNoPassages) {
  Fixture f;
  Knowledge k;
  k.add_command("df", "file system space", "df [--json]");
  std::string marked = "<!-- sis-llm: not indexed (measured) -->\n# Ref\n\n## df\n\nWhen the disk is full run `df`.\n";
  EXPECT_TRUE(Knowledge::not_indexed(V(marked)));
  EXPECT_FALSE(Knowledge::not_indexed(V(f.doc)));
  ASSERT_EQ(k.add_document("ref.md", V(marked)), sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  Bm25Hit hits[4];
  size_t n = k.search("disk full", 1u << 0, hits, 4);  // doc passages only: there are none
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(k.size(), 1u);  // the help passage of df
}

TEST(Knowledge, APartMarkedNotIndexedBelowEndsTheIndexedDocument) {
  Knowledge k;
  k.add_command("df", "file system space", "df [--json]");
  std::string doc = "# Spec\n\n## Space\n\nWhen the disk is full run `df`.\n\n"
                    "<!-- sis-llm: not indexed below: the record -->\n\n## Record\n\nThe journal replays after a crash.\n";
  StrView kept = Knowledge::indexed_part(V(doc));
  EXPECT_EQ(S(kept).find("Record"), std::string::npos);
  EXPECT_EQ(S(kept).substr(S(kept).size() - 3), ".\n\n") << "the part ends with the line before the marker";
  ASSERT_EQ(k.add_document("spec.md", V(doc)), sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  Bm25Hit hits[4];
  EXPECT_EQ(k.search("disk full", 1u << 0, hits, 4), 1u);
  EXPECT_EQ(k.search("journal replays crash", 1u << 0, hits, 4), 0u) << "the part below the marker is not indexed";
  const std::string plain = "no marker";
  EXPECT_EQ(S(Knowledge::indexed_part(V(plain))), plain);
}

TEST(Knowledge, ExamplesWhoseCommandDoesNotParseAreSkipped) {
  Fixture f;
  EXPECT_EQ(f.k.skipped_examples(), 1u);  // "memctl info" is no command
}

// An example whose command must never be suggested (it crashes the machine) is skipped: it
// cannot make the vote suggest that command, however well the question matches it.
TEST(Knowledge, ExamplesOfCommandsNeverSuggestedAreSkipped) {
  Fixture f;
  Knowledge k;
  k.add_command("panic", "crash the kernel on purpose", "panic [abort|undef|message]");
  k.add_command("df", "file system space", "df [--json]");
  std::string ex = "the kernel must stop right now\tpanic abort\nthe kernel must stop at once\tpanic\n";
  ASSERT_EQ(k.add_examples(V(ex)), sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  EXPECT_EQ(k.skipped_examples(), 2u);
  Knowledge::Suggestion s = k.suggest("the kernel must stop right now", SuggestMethod::Grounded);
  EXPECT_TRUE(s.candidate < 0 || S(s.line()).rfind("panic", 0) != 0) << S(s.line());
}

TEST(QuestionForm, QuestionsAboutStateRequestsToActAndPlainReports) {
  for (const char* q : {"is the CPU being throttled because we hit the power budget?", "what's the power limit currently set to",
                        "how many free physical pages are left", "Did the predictor take any action?",
                        "the predictor raised an alarm, what did it do in response?",
                        "was the fs unmounted cleanly last time, or is it flagged dirty?", "Which threads are running",
                        "how do I see which features the image has", "can I check there is room left?",
                        "why does thread 3 get such short slices?",
                        "is there a way to confirm the heap is consistent", "is"})
    EXPECT_EQ(what_report_asks(q), ReportAsks::State) << q;
  for (const char* q : {"how do I get rid of the background load", "is there a way to defragment the heap?",
                        "what now? can I merge the free pages", "how to force the cache out to disk",
                        "the cpu burners are still going, is it possible to make them stop", "free lists are tiny, need them coalesced",
                        "how can we", "can you execute /bin/hello for me", "Please end thread 9", "could you stop pid 4"})
    EXPECT_EQ(what_report_asks(q), ReportAsks::Action) << q;
  EXPECT_EQ(what_report_asks("could you show me what is in /etc"), ReportAsks::State);
  EXPECT_EQ(what_report_asks("it works, please"), ReportAsks::Nothing);  // a closing "please" asks for nothing
  for (const char* q : {"the disk is full and writes fail", "kill the load generators", "", "?,,;", "how",
                        "howmany isthere whatever"})
    EXPECT_EQ(what_report_asks(q), ReportAsks::Nothing) << q;
  std::string long_report;
  for (int i = 0; i < 10000; ++i) long_report += "x. ";
  long_report += "is it full?";
  EXPECT_EQ(what_report_asks(StrView(long_report.data(), long_report.size())), ReportAsks::Nothing)
      << "only the first words are read";
}

TEST(Knowledge, LinesThatActAreToldFromLinesThatRead) {
  for (const char* l : {"powerctl set-budget off", "powerctl calibrate", "memctl compact", "memctl debug on", "spawn stop", "sync",
                        "autoctl on", "crashctl bcache shrink", "schedctl transformer off"})
    EXPECT_TRUE(Knowledge::changes_state(l)) << l;
  for (const char* l : {"powerctl status", "powerctl history", "memctl stats", "memctl", "df", "crashctl bcache status",
                        "crashctl bcache", "schedctl transformer stats", "schedctl policy", "syncfs", "autoctl status"})
    EXPECT_FALSE(Knowledge::changes_state(l)) << l;
}

TEST(Knowledge, AQuestionAboutStateGetsALineThatReadsItARequestOneThatActs) {
  Knowledge k;
  k.add_command("powerctl", "power estimate and power budget",
                "powerctl status | set-budget WATTS|off\n  status: estimated power and the budget state\n"
                "  set-budget: keep the power under WATTS; off restores");
  std::string ex =
      "the power budget is throttling the cpu\tpowerctl set-budget off\n"
      "turn the power budget off, the budget throttles everything\tpowerctl set-budget off\n"
      "what does the power estimate say\tpowerctl status\n";
  ASSERT_EQ(k.add_examples(V(ex)), sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  // A plain report keeps the vote's winner; the same words as a question read the state.
  EXPECT_EQ(S(k.suggest("the power budget throttles the cpu", SuggestMethod::Grounded).line()), "powerctl set-budget off");
  EXPECT_EQ(S(k.suggest("is the power budget throttling the cpu?", SuggestMethod::Grounded).line()), "powerctl status");
  // A request to act gets the acting line even when a reading line has more votes.
  EXPECT_EQ(S(k.suggest("what does the power estimate say about the budget", SuggestMethod::Grounded).line()), "powerctl status");
  EXPECT_EQ(S(k.suggest("the power estimate is high, how do I get the budget to stop", SuggestMethod::Grounded).line()),
            "powerctl set-budget off");
  // With no reading line among the votes, the acting line is still suggested.
  Knowledge only_acts;
  only_acts.add_command("sync", "write everything to disk", "sync");
  ASSERT_EQ(only_acts.add_examples(V("data is not on the disk yet\tsync\n")), sis::Error::Ok);
  ASSERT_EQ(only_acts.finish(), sis::Error::Ok);
  EXPECT_EQ(S(only_acts.suggest("is my data on the disk yet?", SuggestMethod::Grounded).line()), "sync");
}

TEST(Knowledge, SuggestionsComeFromTheGrammarAndNeverCrashTheMachine) {
  Fixture f;
  EXPECT_EQ(S(f.k.suggest("the disk is full and writes fail", SuggestMethod::Grounded).line()), "df");
  EXPECT_EQ(S(f.k.suggest("which slab cache uses memory", SuggestMethod::Grounded).line()), "memctl stats");
  EXPECT_EQ(S(f.k.suggest("freed memory is touched again", SuggestMethod::Grounded).line()), "memctl debug on");
  Knowledge::Suggestion p = f.k.suggest("crash the kernel on purpose panic abort", SuggestMethod::Grounded);
  EXPECT_TRUE(p.candidate < 0 || S(p.line()).rfind("panic", 0) != 0) << S(p.line());
  // The family held-out split: without its example, "slab memory" must come from elsewhere.
  Knowledge::Suggestion h = f.k.suggest("slab caches use too much memory", SuggestMethod::Bm25Examples, "memctl stats");
  EXPECT_NE(S(h.line()), "memctl stats");
}

TEST(Knowledge, AnswerCitesTheSectionAndSuggestsACommandThatParses) {
  Fixture f;
  Answer a;
  ASSERT_TRUE(answer_question(f.k, "What does the journal do after a crash?", &a));
  EXPECT_EQ(S(f.k.entry(a.hits[0].passage).p.section), "Journal");
  StringOut out;
  write_answer_text(f.k, a, out);
  EXPECT_NE(out.text.find("[1] files.md \xc2\xa7 Journal"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("journal is replayed"), std::string::npos) << out.text;
  // The shown sentence: the section's opening when it has a word of the question, otherwise
  // the sentence with the question's words ("free space" is not in "When the disk is full").
  ASSERT_TRUE(answer_question(f.k, "Where is the free space?", &a));
  EXPECT_EQ(S(f.k.entry(a.hits[0].passage).p.section), "Space");
  out.text.clear();
  write_answer_text(f.k, a, out);
  EXPECT_NE(out.text.find("`df` shows the free space. [1]"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find("When the disk is full"), std::string::npos) << out.text;
  ASSERT_TRUE(answer_question(f.k, "commit the journal with sync", &a));
  out.text.clear();
  write_answer_text(f.k, a, out);
  EXPECT_NE(out.text.find("After a crash the journal is replayed"), std::string::npos) << out.text;
  ASSERT_TRUE(answer_question(f.k, "The disk is almost full and writes fail. What should I check?", &a));
  EXPECT_TRUE(a.command_parses);
  EXPECT_EQ(S(a.command.line()), "df");
  EXPECT_LT(a.command.example, 0);  // no example of df: the doc and help passages chose it
  // A suggestion that an incident example voted for names that example, in both forms.
  ASSERT_TRUE(answer_question(f.k, "slab caches use a lot of memory", &a));
  EXPECT_EQ(S(a.command.line()), "memctl stats");
  ASSERT_GE(a.command.example, 0);
  out.text.clear();
  write_answer_text(f.k, a, out);
  EXPECT_NE(out.text.find("  Chosen for reports like: slab caches use too much memory\n"), std::string::npos) << out.text;
  std::string json = answer_json(f.k, a);
  EXPECT_NE(json.find("\"like\":\"slab caches use too much memory\""), std::string::npos) << json;
}

// Citations search the doc and help passages with word statistics of their own: adding
// examples (which share the question's words) moves neither the cited passages nor their
// scores, only the vote.
TEST(Knowledge, ASectionIsCitedOnceEvenWhenSeveralOfItsPartsMatch) {
  // A section longer than a passage is cut at blank lines into parts: both parts name the
  // boot, and the other section less so. The answer cites each section once.
  std::string doc = "# Guide\n\n## Boot time\n\n";
  for (int i = 0; i < 30; ++i) doc += "The boot takes some milliseconds under emulation, measured " + std::to_string(i) + ".\n\n";
  doc += "## Other\n\nThe boot is also mentioned here once.\n";
  Knowledge k;
  k.add_command("uptime", "time since the machine started", "uptime");
  ASSERT_EQ(k.add_document("guide.md", V(doc)), sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  Bm25Hit raw[3];
  ASSERT_EQ(k.search("how long does the boot take", 1u << 0, raw, 3), 3u);
  ASSERT_EQ(S(k.entry(raw[1].passage).p.section), "Boot time") << "the fixture needs two parts of one section first";
  Answer a;
  ASSERT_TRUE(answer_question(k, "how long does the boot take", &a));
  ASSERT_EQ(a.cited, 2u);
  EXPECT_EQ(S(k.entry(a.hits[0].passage).p.section), "Boot time");
  EXPECT_EQ(S(k.entry(a.hits[1].passage).p.section), "Other");
}

TEST(Knowledge, ADocumentWithCrlfLineEndsAndTabsReadsLikeAnyOther) {
  Knowledge k;
  k.add_command("df", "file system space", "df [--json]");
  const std::string doc = "# Space\r\n\r\nWhen the disk\tis full,\r\nrun `df` to see the free space.\r\n";
  ASSERT_EQ(k.add_document("crlf.md", V(doc)), sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  Answer a;
  ASSERT_TRUE(answer_question(k, "the disk is full", &a));
  StringOut out;
  write_answer_text(k, a, out);
  EXPECT_NE(out.text.find("When the disk is full, run `df` to see the free space. [1]"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find("\\x0d"), std::string::npos) << out.text;
}

TEST(Knowledge, ExamplesDoNotMoveCitationScores) {
  Fixture f;
  Knowledge more;
  more.add_command("memctl", "memory allocator statistics and control", kMemctlUsage);
  more.add_command("df", "file system space", "df [--json]");
  more.add_command("sync", "write everything to disk (commit the journal)", "sync");
  more.add_command("panic", "crash the kernel on purpose", "panic [abort|undef|message]");
  more.add_document("files.md", V(f.doc));
  std::string many = f.examples;
  for (int i = 0; i < 50; ++i) many += "the disk is full again and every write fails " + std::to_string(i) + "\tsync\n";
  more.add_examples(V(many));
  ASSERT_EQ(more.finish(), sis::Error::Ok);
  ASSERT_EQ(more.size(), f.k.size() + 50);
  const char* q = "the disk is full and writes fail";
  Bm25Hit a[4], b[4];
  size_t na = f.k.search(q, 1u << 0 | 1u << 1, a, 4);
  size_t nb = more.search(q, 1u << 0 | 1u << 1, b, 4);
  ASSERT_EQ(na, nb);
  ASSERT_GT(na, 0u);
  for (size_t i = 0; i < na; ++i) {
    EXPECT_EQ(S(f.k.entry(a[i].passage).p.section), S(more.entry(b[i].passage).p.section));
    EXPECT_EQ(a[i].score, b[i].score);
  }
  // The vote does see them: fifty examples of `sync` outvote the Space section.
  EXPECT_EQ(S(more.suggest(q, SuggestMethod::Grounded).line()), "sync");
}

// Prompt text is data: quotes, newlines, $(...), escape sequences, invalid UTF-8 and 64 KiB
// of text get an answer (or "no passage matches"), never an escape byte in the output, and
// the suggestion (if any) is a grammar line or form, and nothing of the question but plain
// values (question_values.h) travels into it.
TEST(Knowledge, HostileQuestionsAreData) {
  Fixture f;
  std::vector<std::string> qs = {"\"; rm -rf / ; echo \"", "$(reboot) `panic` disk full", "line1\nline2\r\nmemctl stats",
                                 "\x1b[2J\x1b]0;owned\x07 the disk is full", std::string("\xff\xfe\x80 slab", 7),
                                 std::string(64 * 1024, 'A'), std::string(64 * 1024, ' ') + "disk", ""};
  for (const std::string& q : qs) {
    Answer a;
    answer_question(f.k, V(q), &a);
    StringOut out;
    write_answer_text(f.k, a, out);
    EXPECT_EQ(out.text.find('\x1b'), std::string::npos);
    EXPECT_EQ(out.text.find('\x07'), std::string::npos);
    EXPECT_EQ(out.text.find("owned"), std::string::npos);
    EXPECT_EQ(out.text.find("rm -rf"), std::string::npos);
    if (a.command.candidate >= 0) {
      // A line that parses (a candidate, or a form with plain values from the question), or
      // the grammar's own form for a person to complete.
      if (a.command.needs_value)
        EXPECT_EQ(f.k.grammar().find_candidate(a.command.line()), a.command.candidate);
      else
        EXPECT_TRUE(f.k.grammar().parses(a.command.line()));
      if (!a.command.filled && !a.command.needs_value) EXPECT_GE(f.k.grammar().find_candidate(a.command.line()), 0);
      EXPECT_EQ(S(a.command.line()).find_first_of("$`;|&<>'\"\\"), std::string::npos) << S(a.command.line());
      EXPECT_NE(S(a.command.line()), "reboot");
    }
  }
}

TEST(Knowledge, TopicsSelectTheLiveState) {
  EXPECT_EQ(topics_of("The disk is almost full and writes fail"), static_cast<sis::u32>(kTopicDisk));
  EXPECT_TRUE(topics_of("the kernel heap keeps growing") & kTopicMemory);
  EXPECT_TRUE(topics_of("is a crash coming? the predictor raised an alarm") & kTopicCrash);
  EXPECT_EQ(topics_of("hello there"), 0u);
}

}  // namespace
