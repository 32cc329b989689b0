// Fuzz target: the grounded answers (kernel/ai/llm: llmctl ask, llm.ask) on untrusted text.
// The first byte chooses what the rest of the input is:
//   even: a question (from the shell or the control port), asked of a fixed knowledge;
//   odd:  a Markdown document and incident examples (from the default disk), split at the
//         first NUL, indexed into a fresh knowledge that is then asked a fixed question.
// Invariants: no crash; at most kMaxCitations citations, each a passage of the knowledge;
// a suggested command always parses under the grammar (or is one of its forms, to complete),
// values from the question in it are plain bytes; the answer's text form carries no
// control byte but newline and tab (an escape sequence in a document must not reach the
// terminal), and its JSON members make one valid JSON object.
#include <cstring>
#include <string>
#include <vector>

#include "ai/llm/answer.h"
#include "ai/llm/question_form.h"
#include "fuzz_check.h"
#include "lib/format.h"
#include "lib/json_reader.h"

using namespace sis;
using namespace sis::llm;

namespace {

struct TextOut final : Output {
  std::string text;
  void write(StrView s) override { text.append(s.data, s.size); }
};

void add_commands(Knowledge& k) {
  k.add_command("df", "file system space", "df [--json]");
  k.add_command("memctl", "memory allocator statistics and control",
                "memctl [stats] [--json]   buddy orders, slab caches\nmemctl compact [--json]   give empty slabs back\n"
                "memctl debug on|off       use-after-free poisoning");
  k.add_command("powerctl", "power estimate and budget", "powerctl status [--json] | set-budget WATTS|off");
  k.add_command("panic", "crash the kernel on purpose", "panic [abort|undef]");
  // Forms that take values a question names (question_values.h), and one never suggested.
  k.add_command("procctl", "user processes",
                "procctl run [--json] PATH [ARGS...]   run a program\nprocctl list [--json]   processes\n"
                "procctl kill PID [SIGNAL]   send a signal\nprocctl info PID [--json]   one process");
  k.add_command("ls", "list the files in a directory", "ls [-l] [PATH] [--json]");
  k.add_command("kill", "stop a thread", "kill TID");
  k.add_command("schedctl", "scheduler", "schedctl status [--json] | explain TID|NAME [--json]");
  k.add_command("llmctl", "language model", "llmctl load PATH|builtin [--tokenizer TOK]");
  k.add_command("rm", "remove files", "rm PATH...");
  k.add_command("cat", "print the contents of files", "cat FILE...");
}

// The fixed knowledge's file system: a path whose last part has a dot is a file, one under
// /missing does not exist, any other is a directory.
PathKind kind_of(void*, StrView p) {
  if (p.starts_with("/missing")) return PathKind::Missing;
  for (usize i = p.size; i > 0 && p.data[i - 1] != '/'; --i)
    if (p.data[i - 1] == '.') return PathKind::File;
  return PathKind::Directory;
}

const char kDoc[] =
    "# Files\n\n## Space\n\nWhen the disk is full, writes fail with ENOSPC. Run `df` to see the free space.\n\n"
    "## Journal\n\nAfter a crash the journal is replayed at mount.\n\n## Memory\n\nRun `memctl compact` when the "
    "heap is fragmented; `memctl stats` shows the slab caches.\n\nQ: Is the power budget on?\nA: `powerctl status`.\n";
const char kExamples[] =
    "the disk is full\tdf\nslab caches keep growing\tmemctl stats\nfreed memory is used again\tmemctl debug on\n"
    "the power budget throttles the cpu\tpowerctl set-budget off\nthe kernel must stop\tpanic abort\n"
    "get rid of process 12\tprocctl kill 12\nbrowse /data/logs\tls /data/logs\nstart /bin/hello\tprocctl run /bin/hello\n"
    "why is thread 4 slow\tschedctl explain 4\nuse the model /models/m.bin\tllmctl load /models/m.bin\n"
    "delete /tmp/x\trm /tmp/x\nshow what /etc/motd says\tcat /etc/motd\n";

const Knowledge& fixed_knowledge() {
  static Knowledge k;
  static bool built = false;
  if (!built) {
    built = true;
    add_commands(k);
    FUZZ_CHECK(k.add_document("files.md", StrView(kDoc, sizeof(kDoc) - 1)) == Error::Ok);
    FUZZ_CHECK(k.add_examples(StrView(kExamples, sizeof(kExamples) - 1)) == Error::Ok);
    k.set_path_kinds(kind_of, nullptr);
    FUZZ_CHECK(k.finish() == Error::Ok);
  }
  return k;
}

void check_answer(const Knowledge& k, StrView q) {
  (void)what_report_asks(q);
  Answer a;
  bool cited = answer_question(k, q, &a);
  FUZZ_CHECK(a.cited <= kMaxCitations);
  FUZZ_CHECK(cited == (a.cited > 0));
  for (usize i = 0; i < a.cited; ++i) FUZZ_CHECK(a.hits[i].passage < k.size());
  if (a.command.candidate >= 0) {
    FUZZ_CHECK(a.command_parses);
    StrView line = a.command.line();
    // A file form is never filled with a directory (when the knowledge can tell).
    if (a.command.filled && line.starts_with("cat ")) {
      usize b = 4;
      for (usize i = 4; i <= line.size; ++i)
        if (i == line.size || line.data[i] == ' ') {
          FUZZ_CHECK(&k != &fixed_knowledge() || kind_of(nullptr, StrView(line.data + b, i - b)) != PathKind::Directory);
          b = i + 1;
        }
    }
    FUZZ_CHECK(!Knowledge::never_suggested(line));
    FUZZ_CHECK(a.command.needs_value ? k.grammar().find_candidate(line) == a.command.candidate
                                     : k.grammar().parses(line));
    // Values from the question are plain words: no byte the shell would read otherwise.
    if (a.command.filled)
      for (usize i = 0; i < line.size; ++i) {
        char c = line.data[i];
        FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '/' ||
                   c == '.' || c == '_' || c == '-' || c == '+');
      }
  }
  TextOut out;
  write_answer_text(k, a, out);
  for (char c : out.text) FUZZ_CHECK((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) || c == '\n' || c == '\t');
  static char buf[1 << 17];
  TextBuffer tb(buf, sizeof(buf));
  JsonWriter w(tb);
  w.begin_object();
  write_answer_members(k, a, w);
  w.end_object();
  if (!tb.truncated()) {
    std::vector<char> json(tb.view().data, tb.view().data + tb.size());
    static JsonNode pool[512];
    JsonDocument doc(pool, 512);
    FUZZ_CHECK(doc.parse(json.data(), json.size()) == Error::Ok);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxQuestionBytes) return 0;
  std::vector<char> rest(data + 1, data + size);  // exactly sized: ASan sees any overread
  StrView text(rest.data(), rest.size());
  if ((data[0] & 1) == 0) {
    check_answer(fixed_knowledge(), text);
    return 0;
  }
  usize nul = 0;
  while (nul < text.size && text.data[nul] != 0) ++nul;
  Knowledge k;
  add_commands(k);
  (void)k.add_document("disk.md", StrView(text.data, nul));
  if (nul < text.size) (void)k.add_examples(StrView(text.data + nul + 1, text.size - nul - 1));
  if (k.finish() != Error::Ok) return 0;
  check_answer(k, "the disk is full and writes fail, what should I check?");
  return 0;
}
