// A small JSON parser for control-protocol lines: parses in place (strings are unescaped
// into the input buffer), builds a tree of fixed-size nodes from a caller-provided pool, and
// never allocates. Limits (nesting depth, node count) turn hostile input into an Error, not
// a crash or a hang; the error message says where parsing stopped. Stricter than RFC 8259
// allows, so that no two readers can disagree about a message: duplicate member names in an
// object and numbers a double cannot hold (magnitude above 1.7976931348623157e308, or nonzero
// below 4.9406564584124654e-324) are errors. Fuzzed on the host.
#pragma once
#include "lib/result.h"

namespace sis {

class JsonValue;

struct JsonNode {
  enum class Type : u8 { Null, Bool, Number, String, Array, Object } type = Type::Null;
  bool boolean = false;
  bool integer = false;   // the number had no fraction or exponent and fits in i64
  i64 int_value = 0;
  StrView text;           // strings: unescaped UTF-8; numbers: the literal
  StrView key;            // member name when the parent is an object
  u32 first_child = 0;    // index + 1 of the first child (0 = none)
  u32 next_sibling = 0;   // index + 1 of the next sibling (0 = none)
  u32 count = 0;          // children (arrays and objects)
};

class JsonDocument {
 public:
  JsonDocument(JsonNode* pool, usize capacity) : nodes_(pool), cap_(capacity) {}

  // Parses `len` bytes of `text` (modified in place). One value, optional whitespace.
  Error parse(char* text, usize len);
  JsonValue root() const;
  // Where and why parsing failed (valid after parse returned an error).
  const char* error_message() const { return error_; }
  usize error_offset() const { return error_at_; }

  const JsonNode* node(u32 index_plus_one) const { return index_plus_one ? &nodes_[index_plus_one - 1] : nullptr; }

 private:
  friend struct JsonParser;
  JsonNode* nodes_;
  usize cap_;
  usize used_ = 0;
  const char* error_ = "";
  usize error_at_ = 0;
};

// A read-only handle to a node; an invalid handle (missing member) answers every query
// with "absent", so lookups chain without checks: doc.root()["params"]["path"].
class JsonValue {
 public:
  JsonValue() = default;
  JsonValue(const JsonDocument* doc, const JsonNode* n) : doc_(doc), n_(n) {}

  bool valid() const { return n_ != nullptr; }
  bool is_null() const { return n_ && n_->type == JsonNode::Type::Null; }
  bool is_bool() const { return n_ && n_->type == JsonNode::Type::Bool; }
  bool is_number() const { return n_ && n_->type == JsonNode::Type::Number; }
  bool is_integer() const { return is_number() && n_->integer; }
  bool is_string() const { return n_ && n_->type == JsonNode::Type::String; }
  bool is_array() const { return n_ && n_->type == JsonNode::Type::Array; }
  bool is_object() const { return n_ && n_->type == JsonNode::Type::Object; }

  bool as_bool(bool fallback = false) const { return is_bool() ? n_->boolean : fallback; }
  i64 as_int(i64 fallback = 0) const { return is_integer() ? n_->int_value : fallback; }
  StrView as_string() const { return is_string() ? n_->text : StrView(); }
  usize size() const { return n_ && (is_array() || is_object()) ? n_->count : 0; }

  JsonValue operator[](StrView key) const;  // object member (names are unique)
  JsonValue at(usize index) const;          // array element or object member by position
  StrView key() const { return n_ ? n_->key : StrView(); }

 private:
  const JsonDocument* doc_ = nullptr;
  const JsonNode* n_ = nullptr;
};

}  // namespace sis
