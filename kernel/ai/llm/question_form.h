#pragma once
// What a report asks for, read from its form. A question about the machine's state ("is the
// CPU being throttled?", "what's the power limit set to", "how do I see the free pages")
// wants a command that reads the state; a request to act ("how do I force it out", "can I
// merge the free pages", "make them stop") wants one that changes it (docs/llm.md,
// "Choosing the command").
#include "lib/types.h"

namespace sis::llm {

enum class ReportAsks : u8 {
  Nothing,  // a plain description of a symptom: the form says nothing
  State,    // a question about the state
  Action,   // a request to act
};

// Requests first: a report with "how do I", "how can we", "can I", "can/could/would you", an
// opening "please", "how to", "is there a way to", "make them/it", "need them/it" asks for
// State when the verb that follows reads (see,
// check, find, ...) and for Action otherwise. Without one, a clause that opens like a
// question about state (is/are/was/were/did/does/do/has/have/what/which/why, "how many/much/
// close/far/long/big") asks for State. Only the first 64 words are read.
ReportAsks what_report_asks(StrView report);

}  // namespace sis::llm
