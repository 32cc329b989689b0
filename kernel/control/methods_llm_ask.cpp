// llm.ask (docs/protocol.md, "llm.ask"): the grounded answer of `llmctl ask` for the host:
// cited passages (doc, section, text), a command from the shell's grammar (or null), the
// answer as text, and the live-state snapshot. The question is data: it is searched for
// words and never parsed as a command or executed; the snapshot runs fixed read-only
// commands chosen by the question's topic and the suggested command (llm_knowledge.h).
// Kernel only (it reads the disk and the registry).
#include "shell/llm_knowledge.h"
#include "control/server.h"
#include "lib/string.h"

namespace sis::control {
namespace {

void llm_ask(JsonValue params, Response& r) {
  JsonValue q = params["question"];
  if (!q.is_string()) return r.error("InvalidParams", "\"question\" (string) is required");
  StrView question = q.as_string();
  if (question.size > llm::kMaxQuestionBytes)
    return r.error("TooLarge", "question longer than %zu bytes", llm::kMaxQuestionBytes);
  const char* note = "";
  const llm::Knowledge* k = llm::kernel_knowledge(&note);
  if (!k) return r.error("Internal", "the knowledge index could not be built (%s)", *note ? note : "out of memory");
  llm::Answer a;
  llm::answer_question(*k, question, &a);
  static BoundedOutput<6144> text, live;
  text.reset();
  live.reset();
  llm::write_answer_text(*k, a, text);
  u32 topics = llm::topics_of(question);
  llm::write_live_state(topics, a.command.line(), live);
  auto& w = r.result();
  w.kv("answer", text.view());
  llm::write_answer_members(*k, a, w);
  w.kv("live_state", live.view()).kv_uint("topics", topics).kv("note", note);
}
SIS_CONTROL_METHOD("llm.ask", "llm", llm_ask, nullptr);

}  // namespace
}  // namespace sis::control
