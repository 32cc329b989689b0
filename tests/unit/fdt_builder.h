// A small flattened-device-tree writer for tests: builds well-formed blobs (and, through the
// raw_* calls and the header offsets, deliberately broken ones) without needing dtc or QEMU.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace sis::test {

class FdtBuilder {
 public:
  // Header field offsets, for tests that corrupt a finished blob.
  static constexpr size_t kOffMagic = 0;
  static constexpr size_t kOffTotalSize = 4;
  static constexpr size_t kOffStruct = 8;
  static constexpr size_t kOffStrings = 12;
  static constexpr size_t kOffRsvmap = 16;
  static constexpr size_t kOffVersion = 20;
  static constexpr size_t kOffSizeStrings = 32;
  static constexpr size_t kOffSizeStruct = 36;
  static constexpr size_t kHeaderSize = 40;

  enum Token : uint32_t { kBeginNode = 1, kEndNode = 2, kProp = 3, kNop = 4, kEnd = 9 };

  FdtBuilder& begin_node(const std::string& name) {
    raw_u32(kBeginNode);
    raw_bytes(name.data(), name.size());
    struct_.push_back(0);
    pad_struct();
    return *this;
  }
  FdtBuilder& end_node() { return raw_u32(kEndNode); }
  FdtBuilder& nop() { return raw_u32(kNop); }

  FdtBuilder& prop(const std::string& name, const std::vector<uint8_t>& value) {
    raw_u32(kProp);
    raw_u32(static_cast<uint32_t>(value.size()));
    raw_u32(string_offset(name));
    raw_bytes(value.data(), value.size());
    pad_struct();
    return *this;
  }
  FdtBuilder& prop_empty(const std::string& name) { return prop(name, {}); }
  FdtBuilder& prop_cells(const std::string& name, std::initializer_list<uint32_t> cells) {
    std::vector<uint8_t> v;
    for (uint32_t c : cells) append_be32(v, c);
    return prop(name, v);
  }
  FdtBuilder& prop_u32(const std::string& name, uint32_t value) { return prop_cells(name, {value}); }
  FdtBuilder& prop_string(const std::string& name, const std::string& value) {
    std::vector<uint8_t> v(value.begin(), value.end());
    v.push_back(0);
    return prop(name, v);
  }
  FdtBuilder& prop_strings(const std::string& name, std::initializer_list<std::string> values) {
    std::vector<uint8_t> v;
    for (const auto& s : values) {
      v.insert(v.end(), s.begin(), s.end());
      v.push_back(0);
    }
    return prop(name, v);
  }

  FdtBuilder& reserve(uint64_t address, uint64_t size) {
    reservations_.push_back({address, size});
    return *this;
  }

  // Raw access for malformed structures.
  FdtBuilder& raw_u32(uint32_t v) {
    append_be32(struct_, v);
    return *this;
  }
  FdtBuilder& raw_bytes(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    struct_.insert(struct_.end(), b, b + n);
    return *this;
  }
  uint32_t string_offset(const std::string& name) {
    // Reuse an existing entry so repeated property names share one string.
    size_t pos = 0;
    while (pos < strings_.size()) {
      std::string existing(reinterpret_cast<const char*>(strings_.data() + pos));
      if (existing == name) return static_cast<uint32_t>(pos);
      pos += existing.size() + 1;
    }
    auto off = static_cast<uint32_t>(strings_.size());
    strings_.insert(strings_.end(), name.begin(), name.end());
    strings_.push_back(0);
    return off;
  }

  // Lays out header | reservation map | struct block | strings block. With end_token the
  // FDT_END token is appended to the struct block first.
  std::vector<uint8_t> finish(bool end_token = true) const {
    std::vector<uint8_t> st = struct_;
    if (end_token) append_be32(st, kEnd);
    std::vector<uint8_t> blob(kHeaderSize, 0);
    const size_t off_rsv = kHeaderSize;  // 40 is 8-aligned
    for (const auto& r : reservations_) {
      append_be64(blob, r.address);
      append_be64(blob, r.size);
    }
    append_be64(blob, 0);
    append_be64(blob, 0);
    const size_t off_struct = blob.size();
    blob.insert(blob.end(), st.begin(), st.end());
    const size_t off_strings = blob.size();
    blob.insert(blob.end(), strings_.begin(), strings_.end());
    put_be32(blob, kOffMagic, 0xd00dfeed);
    put_be32(blob, kOffTotalSize, static_cast<uint32_t>(blob.size()));
    put_be32(blob, kOffStruct, static_cast<uint32_t>(off_struct));
    put_be32(blob, kOffStrings, static_cast<uint32_t>(off_strings));
    put_be32(blob, kOffRsvmap, static_cast<uint32_t>(off_rsv));
    put_be32(blob, kOffVersion, 17);
    put_be32(blob, 24, 16);  // last_comp_version
    put_be32(blob, 28, 0);   // boot_cpuid_phys
    put_be32(blob, kOffSizeStrings, static_cast<uint32_t>(strings_.size()));
    put_be32(blob, kOffSizeStruct, static_cast<uint32_t>(st.size()));
    return blob;
  }

  static uint32_t get_be32(const std::vector<uint8_t>& b, size_t off) {
    return (uint32_t{b[off]} << 24) | (uint32_t{b[off + 1]} << 16) | (uint32_t{b[off + 2]} << 8) | b[off + 3];
  }
  static void put_be32(std::vector<uint8_t>& b, size_t off, uint32_t v) {
    b[off] = static_cast<uint8_t>(v >> 24);
    b[off + 1] = static_cast<uint8_t>(v >> 16);
    b[off + 2] = static_cast<uint8_t>(v >> 8);
    b[off + 3] = static_cast<uint8_t>(v);
  }

 private:
  struct Rsv {
    uint64_t address, size;
  };
  static void append_be32(std::vector<uint8_t>& v, uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<uint8_t>(x >> s));
  }
  static void append_be64(std::vector<uint8_t>& v, uint64_t x) {
    append_be32(v, static_cast<uint32_t>(x >> 32));
    append_be32(v, static_cast<uint32_t>(x));
  }
  void pad_struct() {
    while (struct_.size() % 4) struct_.push_back(0);
  }

  std::vector<uint8_t> struct_;
  std::vector<uint8_t> strings_;
  std::vector<Rsv> reservations_;
};

}  // namespace sis::test
