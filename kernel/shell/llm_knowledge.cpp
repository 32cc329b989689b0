#include "shell/llm_knowledge.h"

#include "ai/llm/llm_kernel.h"

#include "fs/vfs.h"
#include "lib/bench.h"
#include "lib/env.h"
#include "lib/string.h"
#include "shell/command.h"

namespace sis::llm {
namespace {

constexpr usize kMaxDocs = 48;
constexpr usize kMaxDocBytes = 256 * 1024;

Knowledge g_knowledge;
bool g_built = false;
const char* g_note = "";
KnowledgeStats g_stats;
char g_names[kMaxDocs][64];

// Reads a whole file into an env_alloc'd buffer kept for the kernel's lifetime (passages
// point into it).
StrView read_doc(StrView path) {
  fs::Vfs& vfs = fs::kernel_vfs();
  auto st = vfs.stat(path);
  if (!st.ok() || st.value().size == 0 || st.value().size > kMaxDocBytes) return StrView();
  usize size = static_cast<usize>(st.value().size);
  char* buf = static_cast<char*>(env_alloc(size));
  if (!buf) return StrView();
  usize done = 0;
  while (done < size) {
    auto r = vfs.read_file(path, done, buf + done, size - done);
    if (!r.ok() || r.value() == 0) break;
    done += r.value();
  }
  return StrView(buf, done);
}

bool ends_with(StrView s, StrView suf) {
  return s.size >= suf.size && memcmp(s.data + s.size - suf.size, suf.data, suf.size) == 0;
}

void add_disk_documents(Knowledge& k) {
  fs::Vfs& vfs = fs::kernel_vfs();
  if (vfs.mount_count() == 0) {
    g_note = "no file system is mounted: the answers rest on the shell's help texts only";
    return;
  }
  auto fd = vfs.open(kDocDir, fs::kOpenRead);
  if (!fd.ok()) {
    g_note = "no /usr/share/doc/sis on the disk: the answers rest on the shell's help texts only";
    return;
  }
  usize n = 0;
  fs::DirEntry de;
  while (n < kMaxDocs) {
    auto r = vfs.readdir(fd.value(), &de);
    if (!r.ok() || !r.value()) break;
    StrView name = de.name_view();
    bool md = ends_with(name, ".md"), tsv = ends_with(name, ".tsv");
    if (!md && !tsv) continue;
    char path[160];
    usize pl = format(path, sizeof(path), "%s/%.*s", kDocDir, static_cast<int>(name.size), name.data);
    StrView text = read_doc(StrView(path, pl));
    if (text.empty()) continue;
    if (md && Knowledge::not_indexed(text)) {  // on the disk for people, not for the answers
      env_free(const_cast<char*>(text.data));
      continue;
    }
    copy_cstr(g_names[n], sizeof(g_names[n]), name);
    if (md)
      k.add_document(StrView(g_names[n], strlen(g_names[n])), text);
    else
      k.add_examples(text);
    ++n;
  }
  g_stats.documents = static_cast<u32>(n);
  vfs.close(fd.value());
}


bool contains_ci(StrView l, const char* w) {
  usize m = strlen(w);
  for (usize i = 0; i + m <= l.size; ++i) {
    usize k = 0;
    while (k < m && (l.data[i + k] | 0x20) == w[k]) ++k;
    if (k == m) return true;
  }
  return false;
}

// Runs a fixed command line through the registry and prints up to max_lines of its output
// (those that pass `keep`, the last ones when `tail`), each prefixed with the command's name.
void snapshot(const char* line, usize max_lines, bool (*keep)(StrView), bool tail, Output& out) {
  char buf[64];
  copy_cstr(buf, sizeof(buf), StrView(line));
  Args a;
  if (tokenize(buf, &a) != Error::Ok || a.argc == 0) return;
  const shell::Command* c = shell::find_command(a.argv[0]);
  if (!c) return;
  static BoundedOutput<4096> cap;  // the first 4 KiB of the command's output
  cap.reset();
  c->run(a, cap);
  StrView text = cap.view();
  StrView lines[64];
  usize n = 0;
  usize at = 0;
  while (at < text.size && n < 64) {
    usize e = at;
    while (e < text.size && text.data[e] != '\n') ++e;
    StrView l(text.data + at, e - at);
    at = e + 1;
    if (l.size && (!keep || keep(l))) lines[n++] = l;
  }
  usize from = tail && n > max_lines ? n - max_lines : 0;
  usize printed = 0;
  for (usize i = from; i < n && printed < max_lines; ++i, ++printed)
    out.printf("  %-8s %.*s\n", c->name, static_cast<int>(min<usize>(lines[i].size, 110)), lines[i].data);
  if (!printed && keep) out.printf("  %-8s (none)\n", c->name);
}

// What a path a question names is on the mounted disk: a form is filled only with a path
// that fits it (`cat FILE...` never with a directory).
PathKind path_kind(void*, StrView path) {
  auto st = fs::kernel_vfs().stat(path);
  if (!st.ok()) return PathKind::Missing;
  return st.value().type() == fs::FileType::Directory ? PathKind::Directory : PathKind::File;
}

bool is_problem(StrView l) {
  return contains_ci(l, "error") || contains_ci(l, "fail") || contains_ci(l, "warn") || contains_ci(l, "panic") ||
         contains_ci(l, "corrupt");
}

}  // namespace

const Knowledge* kernel_knowledge(const char** note) {
  if (!g_built) {
    g_built = true;
    u64 t0 = now_ns();
    for (usize i = 0; i < shell::command_count(); ++i) {
      const shell::Command* c = shell::command_at(i);
      g_knowledge.add_command(c->name, c->summary, c->usage);
    }
    for (usize i = 0; i < bench_count(); ++i) {
      const Bench* b = bench_at(i);
      g_knowledge.add_command("bench", b->summary, b->usage);
    }
    add_disk_documents(g_knowledge);
    g_knowledge.set_path_kinds(path_kind, nullptr);
    if (g_knowledge.finish() != Error::Ok) g_note = "out of memory while indexing";
    g_stats.build_ns = now_ns() - t0;
  }
  if (note) *note = g_note;
  return g_knowledge.ready() ? &g_knowledge : nullptr;
}

KnowledgeStats kernel_knowledge_stats() { return g_stats; }

namespace {

// Reading commands cheap enough to run with any answer: no argument, a bounded output, no
// change to the machine. When the answer suggests one of these lines, its output joins the
// live state, so the person sees what the command shows without running it. Only these
// fixed strings run: the suggestion is compared with them, never executed itself.
const char* const kSnapshotLines[] = {
    "df",           "dmesg",           "ps",          "meminfo",          "lspci",       "mount",
    "fsinfo",       "blkstat",         "blkctl info", "memctl",           "memctl stats", "crashctl status",
    "crashctl bcache", "crashctl bcache status", "autoctl status", "autoctl ai-metrics", "powerctl status",
    "powerctl history", "schedctl status", "schedctl policy", "schedctl transformer stats", "procctl list",
    "procctl syscalls", "tracectl list", "uptime",    "version",          "ifconfig",    "netstat",
    "llmctl stats"};  // not `llmctl info`: it loads the model

const char* snapshot_line(StrView suggested) {
  for (const char* l : kSnapshotLines)
    if (StrView(l) == suggested) return l;
  return nullptr;
}

}  // namespace

void write_live_state(u32 topics, StrView suggested, Output& out) {
  out.print("Live state (read-only commands, chosen by the question's topic and the suggested command):\n");
  const char* extra = snapshot_line(suggested);
  auto by_topic = [&](u32 topic, const char* line, usize max_lines) {
    if (!(topics & topic)) return;
    snapshot(line, max_lines, nullptr, false, out);
    if (extra && StrView(extra) == StrView(line)) extra = nullptr;  // shown already
  };
  by_topic(kTopicDisk, "df", 6);
  by_topic(kTopicMemory, "memctl stats", 4);
  by_topic(kTopicCrash | kTopicMemory, "crashctl status", 4);
  by_topic(kTopicProcess, "ps", 6);
  by_topic(kTopicPower, "powerctl status", 3);
  if (extra && StrView(extra) == StrView("dmesg")) {
    snapshot("dmesg", 8, nullptr, true, out);  // the log's last lines, problems or not
    return;
  }
  if (extra) snapshot(extra, 8, nullptr, false, out);
  snapshot("dmesg", 3, is_problem, true, out);
}

}  // namespace sis::llm
