// Making model output safe to show. Model output is data: it is printed or sent as a JSON
// string and never interpreted (never executed as a command, never passed to a terminal as
// control sequences). Portable and FP-free, used by the shell and the control port.
#pragma once
#include "lib/types.h"

namespace sis::llm {

// Copies s to out replacing each byte that is not part of a valid UTF-8 sequence with
// U+FFFD; returns the bytes written (stops early rather than overflow cap).
usize to_valid_utf8(StrView s, char* out, usize cap);
// For a terminal: valid UTF-8 as is, '\n' and '\t' as is, other control bytes (ESC, CR,
// BEL, ...) and invalid bytes shown as "\xNN" so output can never drive the terminal.
usize to_terminal_text(StrView s, char* out, usize cap);
// Length of the longest prefix of s that does not end inside an incomplete (but so far
// valid) UTF-8 sequence; the rest (at most 3 bytes) should wait for more bytes.
usize utf8_complete_prefix(StrView s);

}  // namespace sis::llm

namespace sis::llm {
// Parses a non-negative decimal such as "0.8", "1" or "1.25" into thousandths (800, 1000,
// 1250) without floating point; false on junk, more than 3 decimals, or above max_milli.
bool parse_milli(StrView s, u32 max_milli, u32* out);
}  // namespace sis::llm
