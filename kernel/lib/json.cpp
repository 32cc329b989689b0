#include "lib/json.h"

namespace sis {

void JsonWriter::before_value() {
  if (depth_ == 0) {
    if (roots_++ != 0) failed_ = true;  // a second top-level value is not one document
    return;
  }
  if (stack_[depth_ - 1] == Object) {
    if (!expect_value_) failed_ = true;  // values inside objects need a key first
    expect_value_ = false;
    return;
  }
  if (has_items_[depth_ - 1]) out_.push(',');
  has_items_[depth_ - 1] = true;
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  if (depth_ == static_cast<int>(array_size(stack_))) { failed_ = true; return *this; }
  stack_[depth_] = Object;
  has_items_[depth_++] = false;
  out_.push('{');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  if (depth_ == 0 || stack_[depth_ - 1] != Object || expect_value_) { failed_ = true; return *this; }
  --depth_;
  out_.push('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  if (depth_ == static_cast<int>(array_size(stack_))) { failed_ = true; return *this; }
  stack_[depth_] = Array;
  has_items_[depth_++] = false;
  out_.push('[');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  if (depth_ == 0 || stack_[depth_ - 1] != Array) { failed_ = true; return *this; }
  --depth_;
  out_.push(']');
  return *this;
}

JsonWriter& JsonWriter::key(StrView k) {
  if (depth_ == 0 || stack_[depth_ - 1] != Object || expect_value_) { failed_ = true; return *this; }
  if (has_items_[depth_ - 1]) out_.push(',');
  has_items_[depth_ - 1] = true;
  write_escaped(k);
  out_.push(':');
  expect_value_ = true;
  return *this;
}

void JsonWriter::write_escaped(StrView s) {
  out_.push('"');
  for (usize i = 0; i < s.size; ++i) {
    auto c = static_cast<unsigned char>(s.data[i]);
    switch (c) {
      case '"': out_.append("\\\""); break;
      case '\\': out_.append("\\\\"); break;
      case '\n': out_.append("\\n"); break;
      case '\r': out_.append("\\r"); break;
      case '\t': out_.append("\\t"); break;
      default:
        if (c < 0x20 || c == 0x7f) out_.appendf("\\u%04x", c);
        else out_.push(static_cast<char>(c));
    }
  }
  out_.push('"');
}

JsonWriter& JsonWriter::string(StrView v) {
  before_value();
  write_escaped(v);
  return *this;
}

JsonWriter& JsonWriter::uint(u64 v) {
  before_value();
  out_.appendf("%llu", static_cast<unsigned long long>(v));
  return *this;
}

JsonWriter& JsonWriter::sint(i64 v) {
  before_value();
  out_.appendf("%lld", static_cast<long long>(v));
  return *this;
}

JsonWriter& JsonWriter::fixed(i64 scaled, unsigned decimals) {
  before_value();
  if (decimals > 19) {  // 10^20 overflows a u64
    failed_ = true;
    return *this;
  }
  u64 div = 1;
  for (unsigned i = 0; i < decimals; ++i) div *= 10;
  bool neg = scaled < 0;
  u64 mag = neg ? static_cast<u64>(0) - static_cast<u64>(scaled) : static_cast<u64>(scaled);
  if (neg) out_.push('-');
  out_.appendf("%llu", static_cast<unsigned long long>(mag / div));
  if (decimals) out_.appendf(".%0*llu", static_cast<int>(decimals), static_cast<unsigned long long>(mag % div));
  return *this;
}

JsonWriter& JsonWriter::boolean(bool v) {
  before_value();
  out_.append(v ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_.append("null");
  return *this;
}

}  // namespace sis
