// Preprocessor helpers shared by the registration macros (SIS_COMMAND, SIS_BENCH,
// SIS_CONTROL_METHOD, SIS_METRICS_GROUP).
#pragma once

// Pastes two tokens after expanding them (SIS_CONCAT(x_, __LINE__) -> x_42).
#define SIS_CONCAT_RAW(a, b) a##b
#define SIS_CONCAT(a, b) SIS_CONCAT_RAW(a, b)

// Declares one entry of a linker set: a constant object the linker gathers, with every other
// entry of the same SECTION, into one array (bounded by __start_SECTION/__stop_SECTION), so
// that a subsystem registers itself by being linked and needs no central list. Follow it with
// the initialiser: `SIS_LINKER_SET_ENTRY("sis_commands", Command, cmd_) = {...};`
#define SIS_LINKER_SET_ENTRY(SECTION, TYPE, PREFIX) \
  [[gnu::used, gnu::section(SECTION), gnu::aligned(8)]] static const TYPE SIS_CONCAT(PREFIX, __LINE__)
