// Flattened device tree (DTB) reader. The kernel learns everything about the machine from
// here: RAM, the UART, the GIC, the timer's interrupts, PSCI's conduit, PCIe windows.
// Every read is bounds-checked against the blob's declared size, so a corrupt or hostile
// blob yields an error, never a wild read (it is fuzzed on the host for that reason).
#pragma once
#include "lib/result.h"

namespace sis {

class Fdt {
 public:
  static constexpr u32 kMagic = 0xd00dfeed;
  static constexpr int kMaxDepth = 16;

  struct Node {
    u32 offset = 0;          // offset of the node's BEGIN_NODE token in the struct block
    StrView name;            // "pl011@9000000" (root is "")
    int depth = 0;           // root is 0
    u32 addr_cells = 2;      // the parent's #address-cells: how to read this node's "reg"
    u32 size_cells = 1;      // the parent's #size-cells
  };

  struct Reg {
    u64 address = 0;
    u64 size = 0;
  };

  // Validates the header and that the blocks lie inside `max_size` bytes.
  static Result<Fdt> open(const void* blob, usize max_size);
  Fdt() = default;

  u32 total_size() const { return total_size_; }

  Result<Node> root() const;
  // First node (after `after`, if given) whose "compatible" list contains `compat`.
  Result<Node> find_compatible(StrView compat, const Node* after = nullptr) const;
  // Absolute path such as "/chosen" or "/pl011@9000000"; a component without '@' also
  // matches a node whose name has a unit address ("/memory" finds "/memory@40000000").
  Result<Node> find_path(StrView path) const;
  // Resolves "serial0", "/pl011@9000000" or "/pl011@9000000:115200" as used in stdout-path.
  Result<Node> resolve_alias_or_path(StrView spec) const;
  // First node whose device_type property equals `type` ("memory", "cpu").
  Result<Node> find_device_type(StrView type, const Node* after = nullptr) const;

  Result<ByteSpan> prop(const Node& n, StrView name) const;
  Result<StrView> prop_string(const Node& n, StrView name) const;  // without the NUL
  Result<u32> prop_u32(const Node& n, StrView name) const;
  bool is_compatible(const Node& n, StrView compat) const;
  Result<Reg> reg(const Node& n, usize index) const;
  // The node's own #address-cells/#size-cells (what its children use).
  u32 own_addr_cells(const Node& n) const;
  u32 own_size_cells(const Node& n) const;

  // Reads the n-th cell group of `cells` cells from a property as a number (1 or 2 cells).
  static Result<u64> read_cells(ByteSpan p, usize cell_index, u32 cells);

  // Memory reservation block entries (regions the firmware asks us not to touch).
  usize reservation_count() const;
  Result<Reg> reservation(usize index) const;

  // Visits every node in document order; the visitor returns true to stop.
  template <typename F>
  Error walk(F&& visit) const;

 private:
  Fdt(const u8* base, u32 total, u32 off_struct, u32 size_struct, u32 off_strings,
      u32 size_strings, u32 off_rsv)
      : base_(base), total_size_(total), off_struct_(off_struct), size_struct_(size_struct),
        off_strings_(off_strings), size_strings_(size_strings), off_rsv_(off_rsv) {}

  bool read_be32(u32 struct_off, u32* out) const;
  // Reads a NUL-terminated string inside the struct block; returns its length or -1.
  int node_name_len(u32 struct_off) const;
  Result<StrView> string_at(u32 nameoff) const;

  // Low-level event walk: on_enter(node) -> bool stop, on_leave(depth).
  template <typename Enter, typename Leave>
  Error walk_events(Enter&& on_enter, Leave&& on_leave) const;

  const u8* base_ = nullptr;
  u32 total_size_ = 0;
  u32 off_struct_ = 0;
  u32 size_struct_ = 0;
  u32 off_strings_ = 0;
  u32 size_strings_ = 0;
  u32 off_rsv_ = 0;
};

u32 be32(const u8* p);
u64 be64(const u8* p);

template <typename Enter, typename Leave>
Error Fdt::walk_events(Enter&& on_enter, Leave&& on_leave) const {
  enum : u32 { kBegin = 1, kEnd = 2, kProp = 3, kNop = 4, kFinish = 9 };
  u32 cells_addr[kMaxDepth + 1];
  u32 cells_size[kMaxDepth + 1];
  cells_addr[0] = 2;  // defaults the spec gives when a node has no #address-cells
  cells_size[0] = 1;
  int depth = -1;     // depth of the node whose properties we are reading
  Node current;
  bool pending = false;  // `current` entered but not yet reported (its props still coming)
  u32 off = 0;
  for (u32 guard = 0; guard < size_struct_; ++guard) {
    u32 tok;
    if (!read_be32(off, &tok)) return Error::Corrupt;
    if (tok != kProp && pending) {
      pending = false;
      if (on_enter(current)) return Error::Ok;
    }
    switch (tok) {
      case kBegin: {
        if (depth + 1 > kMaxDepth) return Error::Corrupt;
        int len = node_name_len(off + 4);
        if (len < 0) return Error::Corrupt;
        ++depth;
        current.offset = off;
        current.name = StrView(reinterpret_cast<const char*>(base_ + off_struct_ + off + 4), static_cast<usize>(len));
        current.depth = depth;
        current.addr_cells = depth == 0 ? 2 : cells_addr[depth];
        current.size_cells = depth == 0 ? 1 : cells_size[depth];
        cells_addr[depth + 1 <= kMaxDepth ? depth + 1 : kMaxDepth] = 2;
        cells_size[depth + 1 <= kMaxDepth ? depth + 1 : kMaxDepth] = 1;
        pending = true;
        off = static_cast<u32>(align_up(off + 4 + static_cast<u32>(len) + 1, 4));
        break;
      }
      case kEnd:
        if (depth < 0) return Error::Corrupt;
        on_leave(depth);
        --depth;
        off += 4;
        break;
      case kProp: {
        u32 len, nameoff;
        if (depth < 0 || !read_be32(off + 4, &len) || !read_be32(off + 8, &nameoff)) return Error::Corrupt;
        if (len > size_struct_ || off + 12 + len > size_struct_) return Error::Corrupt;
        auto name = TRY(string_at(nameoff));
        if (len == 4 && depth + 1 <= kMaxDepth) {
          u32 v = be32(base_ + off_struct_ + off + 12);
          if (name == StrView("#address-cells")) cells_addr[depth + 1] = v;
          if (name == StrView("#size-cells")) cells_size[depth + 1] = v;
        }
        off = static_cast<u32>(align_up(off + 12 + len, 4));
        break;
      }
      case kNop: off += 4; break;
      case kFinish: return depth == -1 ? Error::Ok : Error::Corrupt;
      default: return Error::Corrupt;
    }
  }
  return Error::Corrupt;  // ran past the struct block without FDT_END
}

template <typename F>
Error Fdt::walk(F&& visit) const {
  return walk_events([&](const Node& n) { return visit(n); }, [](int) {});
}

}  // namespace sis
