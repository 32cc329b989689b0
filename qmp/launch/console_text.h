// How console bytes become the session transcript that sisctl searches for prompts.
#pragma once
#include <cstddef>
#include <string>

namespace sis::host {

// Appends console output to `transcript`: "\r\n" becomes "\n"; a lone '\r' (the line editor's
// redraw: return to column 0 and reprint "sis> " and the line) is kept. Dropping it made a
// redraw right after an asynchronous kernel log line read as "\nsis> ", a fresh prompt, so a
// command seemed to end before its output came. `pending_cr` carries a '\r' that ended one
// read over to the next.
void append_console_text(std::string* transcript, bool* pending_cr, const char* bytes, std::size_t n);

}  // namespace sis::host
