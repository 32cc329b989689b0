// A streaming JSON writer over a TextBuffer: the kernel's `--json` outputs and the control
// protocol use it, so every machine-readable object is well formed and properly escaped.
// Nesting is tracked so commas are placed automatically; misuse (a value where a key is
// needed, unbalanced ends) marks the writer as failed instead of producing bad JSON.
#pragma once
#include "lib/format.h"

namespace sis {

class JsonWriter {
 public:
  explicit JsonWriter(TextBuffer& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(StrView k);

  JsonWriter& string(StrView v);
  JsonWriter& uint(u64 v);
  JsonWriter& sint(i64 v);
  // A decimal with a fixed number of fraction digits: fixed(12345, 3) writes 12.345.
  // At most 19 decimals (10^19 is the largest power of ten in a u64); more fails.
  JsonWriter& fixed(i64 scaled, unsigned decimals);
  JsonWriter& boolean(bool v);
  JsonWriter& null();

  // key + value shorthands
  JsonWriter& kv(StrView k, StrView v) { return key(k).string(v); }
  JsonWriter& kv_uint(StrView k, u64 v) { return key(k).uint(v); }
  JsonWriter& kv_sint(StrView k, i64 v) { return key(k).sint(v); }
  JsonWriter& kv_bool(StrView k, bool v) { return key(k).boolean(v); }

  // True when the document is complete (exactly one top-level value), balanced and fit in
  // the buffer.
  bool ok() const { return !failed_ && depth_ == 0 && roots_ == 1 && !out_.truncated(); }

 private:
  enum Ctx : u8 { Object, Array };
  void before_value();
  void write_escaped(StrView s);

  TextBuffer& out_;
  Ctx stack_[32];
  bool has_items_[32] = {};
  int depth_ = 0;
  bool expect_value_ = false;  // a key was written, its value is next
  int roots_ = 0;              // top-level values started (a document has exactly one)
  bool failed_ = false;
};

}  // namespace sis
