// The JSON members of an answer (llm.ask's "passages", "command"), as the control port writes
// them, for the grounding tests.
#pragma once
#include <string>

#include "ai/llm/answer.h"

inline std::string answer_json(const sis::llm::Knowledge& k, const sis::llm::Answer& a) {
  static char buf[16384];
  sis::TextBuffer tb(buf, sizeof(buf));
  sis::JsonWriter w(tb);
  w.begin_object();
  sis::llm::write_answer_members(k, a, w);
  w.end_object();
  return std::string(tb.view().data, tb.size());
}
