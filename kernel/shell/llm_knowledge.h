// Kernel glue of the grounding (docs/llm.md, "Grounding"): the Knowledge built from the
// live shell registry (every command's and benchmark's usage) and the documents on the
// default disk (/usr/share/doc/sis: docs/*.md, the tutorials, resources/corpus/*.md and the
// incident examples), and the live-state snapshot that goes with an answer. Kernel only;
// integers only (general-registers-only like the shell).
#pragma once
#include "ai/llm/answer.h"
#include "lib/output.h"

namespace sis::llm {

inline constexpr const char* kDocDir = "/usr/share/doc/sis";

// Builds the knowledge on first use (the registry always; the disk's documents when a file
// system is mounted: without one, answers rest on the help texts alone and *note says so).
// Later calls return the same object. nullptr when out of memory.
const Knowledge* kernel_knowledge(const char** note);

struct KnowledgeStats {
  u32 documents = 0;  // files read from kDocDir
  u64 build_ns = 0;   // reading them and building the index
};
KnowledgeStats kernel_knowledge_stats();

// A compact snapshot of live state for the question's topics (topics_of): `df` for disk,
// `memctl stats` for memory, `crashctl status` for crashes, `ps` for threads, `powerctl
// status` for power; the suggested command's output when it is one of a fixed list of cheap
// reading commands (`lspci`, `uptime`, `schedctl status`, ...; for `dmesg` the log's last
// lines); and always the kernel log's recent errors and warnings. Each part is a fixed
// read-only command line run through the registry: the question selects, never supplies,
// what runs. Writes "label  line" lines.
void write_live_state(u32 topics, StrView suggested_line /* empty: none */, Output& out);

}  // namespace sis::llm
