#include "lib/fdt.h"

#include "lib/string.h"

namespace sis {

u32 be32(const u8* p) {
  return (static_cast<u32>(p[0]) << 24) | (static_cast<u32>(p[1]) << 16) | (static_cast<u32>(p[2]) << 8) | p[3];
}

u64 be64(const u8* p) { return (static_cast<u64>(be32(p)) << 32) | be32(p + 4); }

Result<Fdt> Fdt::open(const void* blob, usize max_size) {
  const auto* b = static_cast<const u8*>(blob);
  if (!b || max_size < 40) return Error::BadFormat;
  if (be32(b) != kMagic) return Error::BadFormat;
  u32 total = be32(b + 4);
  u32 off_struct = be32(b + 8);
  u32 off_strings = be32(b + 12);
  u32 off_rsv = be32(b + 16);
  u32 version = be32(b + 20);
  u32 size_strings = be32(b + 32);
  u32 size_struct = be32(b + 36);
  if (version < 17) return Error::NotSupported;  // size fields exist from v17 on
  if (total > max_size || total < 40) return Error::Corrupt;
  auto inside = [total](u64 off, u64 size) { return off <= total && size <= total - off; };
  if (!inside(off_struct, size_struct) || !inside(off_strings, size_strings) || !inside(off_rsv, 16))
    return Error::Corrupt;
  if ((off_struct & 3) || (off_rsv & 7)) return Error::Corrupt;
  return Fdt(b, total, off_struct, size_struct, off_strings, size_strings, off_rsv);
}

bool Fdt::read_be32(u32 off, u32* out) const {
  if (off > size_struct_ || size_struct_ - off < 4) return false;
  *out = be32(base_ + off_struct_ + off);
  return true;
}

int Fdt::node_name_len(u32 off) const {
  const u8* p = base_ + off_struct_;
  for (u32 i = off; i < size_struct_; ++i)
    if (p[i] == 0) return static_cast<int>(i - off);
  return -1;
}

Result<StrView> Fdt::string_at(u32 nameoff) const {
  if (nameoff >= size_strings_) return Error::Corrupt;
  const char* s = reinterpret_cast<const char*>(base_ + off_strings_ + nameoff);
  usize room = size_strings_ - nameoff;
  for (usize i = 0; i < room; ++i)
    if (s[i] == 0) return StrView(s, i);
  return Error::Corrupt;
}

Result<Fdt::Node> Fdt::root() const {
  Result<Node> found = Error::NoEntry;
  TRY(walk([&](const Node& n) { found = n; return true; }));
  return found;
}

Result<ByteSpan> Fdt::prop(const Node& n, StrView name) const {
  enum : u32 { kProp = 3, kNop = 4 };
  int len = node_name_len(n.offset + 4);
  if (len < 0) return Error::Corrupt;
  u32 off = static_cast<u32>(align_up(n.offset + 4 + static_cast<u32>(len) + 1, 4));
  for (;;) {
    u32 tok;
    if (!read_be32(off, &tok)) return Error::Corrupt;
    if (tok == kNop) { off += 4; continue; }
    if (tok != kProp) return Error::NoEntry;
    u32 plen, nameoff;
    if (!read_be32(off + 4, &plen) || !read_be32(off + 8, &nameoff)) return Error::Corrupt;
    if (plen > size_struct_ || off + 12 + plen > size_struct_) return Error::Corrupt;
    auto pname = TRY(string_at(nameoff));
    if (pname == name) return ByteSpan{base_ + off_struct_ + off + 12, plen};
    off = static_cast<u32>(align_up(off + 12 + plen, 4));
  }
}

Result<StrView> Fdt::prop_string(const Node& n, StrView name) const {
  auto p = TRY(prop(n, name));
  const char* s = reinterpret_cast<const char*>(p.data);
  for (usize i = 0; i < p.size; ++i)
    if (s[i] == 0) return StrView(s, i);
  return Error::Corrupt;  // strings must be terminated inside the property
}

Result<u32> Fdt::prop_u32(const Node& n, StrView name) const {
  auto p = TRY(prop(n, name));
  if (p.size != 4) return Error::Corrupt;
  return be32(p.data);
}

bool Fdt::is_compatible(const Node& n, StrView compat) const {
  auto p = prop(n, "compatible");
  if (!p.ok()) return false;
  const char* s = reinterpret_cast<const char*>(p->data);
  usize start = 0;
  for (usize i = 0; i < p->size; ++i) {
    if (s[i] == 0) {
      if (StrView(s + start, i - start) == compat) return true;
      start = i + 1;
    }
  }
  return false;
}

Result<u64> Fdt::read_cells(ByteSpan p, usize index, u32 cells) {
  if (cells == 0 || cells > 2) return Error::NotSupported;
  usize off = index * cells * 4;
  if (off > p.size || p.size - off < cells * 4) return Error::Range;
  return cells == 1 ? static_cast<u64>(be32(p.data + off)) : be64(p.data + off);
}

Result<Fdt::Reg> Fdt::reg(const Node& n, usize index) const {
  auto p = TRY(prop(n, "reg"));
  u32 ac = n.addr_cells, sc = n.size_cells;
  if (ac == 0 || ac > 2 || sc > 2) return Error::NotSupported;
  usize stride = (ac + sc) * 4;
  usize off = index * stride;
  if (off > p.size || p.size - off < stride) return Error::Range;
  Reg r;
  r.address = ac == 1 ? be32(p.data + off) : be64(p.data + off);
  if (sc == 1) r.size = be32(p.data + off + ac * 4);
  else if (sc == 2) r.size = be64(p.data + off + ac * 4);
  return r;
}

u32 Fdt::own_addr_cells(const Node& n) const { return prop_u32(n, "#address-cells").value_or(2); }
u32 Fdt::own_size_cells(const Node& n) const { return prop_u32(n, "#size-cells").value_or(1); }

Result<Fdt::Node> Fdt::find_compatible(StrView compat, const Node* after) const {
  Result<Node> found = Error::NoEntry;
  bool armed = after == nullptr;
  TRY(walk([&](const Node& n) {
    if (!armed) {
      armed = n.offset == after->offset;
      return false;
    }
    if (is_compatible(n, compat)) { found = n; return true; }
    return false;
  }));
  return found;
}

Result<Fdt::Node> Fdt::find_device_type(StrView type, const Node* after) const {
  Result<Node> found = Error::NoEntry;
  bool armed = after == nullptr;
  TRY(walk([&](const Node& n) {
    if (!armed) {
      armed = n.offset == after->offset;
      return false;
    }
    auto t = prop_string(n, "device_type");
    if (t.ok() && t.value() == type) { found = n; return true; }
    return false;
  }));
  return found;
}

namespace {
// Does node name `name` match path component `comp`? "memory" matches "memory@40000000".
bool component_matches(StrView name, StrView comp) {
  if (name == comp) return true;
  for (usize i = 0; i < comp.size; ++i)
    if (comp.data[i] == '@') return false;
  return name.size > comp.size && name.starts_with(comp) && name.data[comp.size] == '@';
}
}  // namespace

Result<Fdt::Node> Fdt::find_path(StrView path) const {
  if (path.empty() || path.data[0] != '/') return Error::Invalid;
  StrView comps[kMaxDepth];
  usize ncomp = 0;
  usize i = 1;
  while (i < path.size) {
    usize j = i;
    while (j < path.size && path.data[j] != '/') ++j;
    if (j > i) {
      if (ncomp == kMaxDepth) return Error::Range;
      comps[ncomp++] = StrView(path.data + i, j - i);
    }
    i = j + 1;
  }
  Result<Node> found = Error::NoEntry;
  int matched = 0;  // how many components the current branch has matched
  TRY(walk_events(
      [&](const Node& n) {
        if (n.depth == 0) {
          if (ncomp == 0) { found = n; return true; }
          return false;
        }
        if (n.depth == matched + 1 && component_matches(n.name, comps[matched])) {
          ++matched;
          if (static_cast<usize>(matched) == ncomp) { found = n; return true; }
        }
        return false;
      },
      [&](int depth) {
        if (depth <= matched && depth > 0) matched = depth - 1;
      }));
  return found;
}

Result<Fdt::Node> Fdt::resolve_alias_or_path(StrView spec) const {
  usize n = 0;
  while (n < spec.size && spec.data[n] != ':') ++n;  // strip ":115200n8" options
  StrView target(spec.data, n);
  if (target.empty()) return Error::Invalid;
  if (target.data[0] == '/') return find_path(target);
  auto aliases = find_path("/aliases");
  if (!aliases.ok()) return Error::NoEntry;
  auto p = TRY(prop_string(aliases.value(), target));
  if (p.empty() || p.data[0] != '/') return Error::Corrupt;
  return find_path(p);
}

usize Fdt::reservation_count() const {
  usize count = 0;
  for (u32 off = off_rsv_; off + 16 <= total_size_; off += 16) {
    if (be64(base_ + off) == 0 && be64(base_ + off + 8) == 0) return count;
    ++count;
  }
  return count;
}

Result<Fdt::Reg> Fdt::reservation(usize index) const {
  if (index >= reservation_count()) return Error::Range;
  u32 off = off_rsv_ + static_cast<u32>(index) * 16;
  return Reg{be64(base_ + off), be64(base_ + off + 8)};
}

}  // namespace sis
