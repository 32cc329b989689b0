// Recomputes every checksum the ext4 reader verifies, in place, on an arbitrary (mutated)
// image: superblock, group descriptors, block and inode bitmaps, inodes, extent-tree blocks,
// directory blocks (leaf tails and htree nodes) and the journal (superblock, descriptor
// tags and tails, commit and revoke blocks).
//
// Why: with metadata_csum nearly every random mutation of an image dies at the first checksum
// check, so a fuzzer never gets past mount. fuzz_ext4 runs this after mutating when the input's
// mode byte asks for it, so that mutations reach the code behind the checksums. It follows the
// same (hostile) structures the reader follows, with every access bounds-checked and every
// walk bounded; what it cannot make sense of it leaves alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "lib/crc32c.h"

namespace ext4fix {

class Fixer {
 public:
  Fixer(uint8_t* d, size_t n) : d_(d), n_(n) {}

  void run() {
    if (!load()) return;
    if (csum_) {
      for (uint32_t g = 0; g < groups_; ++g) fix_group_inodes(g);
      for (uint32_t g = 0; g < groups_; ++g) fix_bitmaps_and_descriptor(g);
    }
    if (compat_ & 0x4) fix_journal();
    if (csum_) st32(sb() + 0x3FC, sis::crc32c_raw(~0u, sb(), 0x3FC));
  }

 private:
  static constexpr uint32_t kMaxTouched = 1u << 16;  // blocks visited per run: keeps it fast

  uint8_t* d_;
  size_t n_;
  uint32_t bs_ = 0, groups_ = 0, bpg_ = 0, ipg_ = 0, isz_ = 0, dsz_ = 0, compat_ = 0, incompat_ = 0, seed_ = 0;
  uint64_t blocks_ = 0, gdt_ = 0;
  bool csum_ = false;
  uint32_t touched_ = 0;

  static uint16_t ld16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
  static uint32_t ld32(const uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24; }
  static void st16(uint8_t* p, uint32_t v) { p[0] = static_cast<uint8_t>(v); p[1] = static_cast<uint8_t>(v >> 8); }
  static void st32(uint8_t* p, uint32_t v) { st16(p, v); st16(p + 2, v >> 16); }
  static uint32_t be32(const uint8_t* p) { return static_cast<uint32_t>(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
  static void stbe32(uint8_t* p, uint32_t v) {
    p[0] = static_cast<uint8_t>(v >> 24); p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8); p[3] = static_cast<uint8_t>(v);
  }

  uint8_t* sb() { return d_ + 1024; }
  // The block, or null when it lies outside the image or the budget is spent.
  uint8_t* block(uint64_t b) {
    if (b >= blocks_ || b >= n_ / bs_ || touched_ >= kMaxTouched) return nullptr;
    ++touched_;
    return d_ + b * bs_;
  }
  uint8_t* desc(uint32_t g) {
    uint64_t off = gdt_ * bs_ + static_cast<uint64_t>(g) * dsz_;
    return off + dsz_ <= n_ ? d_ + off : nullptr;
  }
  uint64_t gd64(const uint8_t* g, uint32_t lo, uint32_t hi) const {
    return ld32(g + lo) | (dsz_ >= 64 ? static_cast<uint64_t>(ld32(g + hi)) << 32 : 0);
  }
  uint32_t inode_seed(uint32_t ino, uint32_t gen) const {
    uint8_t le[4];
    st32(le, ino);
    uint32_t c = sis::crc32c_raw(seed_, le, 4);
    st32(le, gen);
    return sis::crc32c_raw(c, le, 4);
  }

  bool load() {
    if (n_ < 2048 || ld16(sb() + 0x38) != 0xEF53) return false;
    uint32_t log = ld32(sb() + 0x18);
    if (log > 6) return false;
    bs_ = 1024u << log;
    compat_ = ld32(sb() + 0x5C);
    incompat_ = ld32(sb() + 0x60);
    csum_ = ld32(sb() + 0x64) & 0x400;
    bool b64 = incompat_ & 0x80;
    blocks_ = ld32(sb() + 0x4) | (b64 ? static_cast<uint64_t>(ld32(sb() + 0x150)) << 32 : 0);
    uint64_t first = ld32(sb() + 0x14);
    bpg_ = ld32(sb() + 0x20);
    ipg_ = ld32(sb() + 0x28);
    isz_ = ld16(sb() + 0x58);
    dsz_ = b64 ? ld16(sb() + 0xFE) : 32;
    if (bpg_ == 0 || bpg_ > bs_ * 8 || ipg_ == 0 || ipg_ > bs_ * 8 || blocks_ <= first) return false;
    if (isz_ < 128 || isz_ > bs_ || isz_ > 1024 || dsz_ < 32 || dsz_ > 1024 || (dsz_ & (dsz_ - 1))) return false;
    uint64_t groups = (blocks_ - first + bpg_ - 1) / bpg_;
    if (groups > (1u << 16)) return false;
    groups_ = static_cast<uint32_t>(groups);
    gdt_ = first + 1;
    seed_ = (incompat_ & 0x2000) ? ld32(sb() + 0x270) : sis::crc32c_raw(~0u, sb() + 0x68, 16);
    return true;
  }

  // --- inodes and what hangs off them ---

  void fix_group_inodes(uint32_t g) {
    const uint8_t* gd = desc(g);
    if (!gd) return;
    uint64_t table = gd64(gd, 0x8, 0x28);
    if (table >= n_ / bs_) return;
    for (uint32_t i = 0; i < ipg_; ++i) {
      uint64_t off = table * bs_ + static_cast<uint64_t>(i) * isz_;
      if (off + isz_ > n_) return;
      if (i % (bs_ / isz_) == 0 && touched_++ >= kMaxTouched) return;
      fix_inode(g * ipg_ + i + 1, d_ + off);
    }
  }

  void fix_inode(uint32_t ino, uint8_t* raw) {
    bool zero = true;
    for (uint32_t i = 0; i < isz_ && zero; ++i) zero = raw[i] == 0;
    if (zero) return;
    uint32_t iseed = inode_seed(ino, ld32(raw + 0x64));
    uint32_t flags = ld32(raw + 0x20);
    bool dir = (ld16(raw) & 0xF000) == 0x4000;
    if ((flags & 0x80000) && !(flags & 0x10000000)) {  // extents, not inline data
      Walk w{iseed, dir, (flags & 0x1000) && (compat_ & 0x20)};
      walk_extents(w, raw + 0x28, 60, 0);
    }
    uint8_t tmp[1024];
    memcpy(tmp, raw, isz_);
    st16(tmp + 0x7C, 0);
    bool hi = isz_ > 128 && ld16(tmp + 0x80) >= 4 && 128u + ld16(tmp + 0x80) <= isz_;
    if (hi) st16(tmp + 0x82, 0);
    uint32_t c = sis::crc32c_raw(iseed, tmp, isz_);
    st16(raw + 0x7C, c);
    if (hi) st16(raw + 0x82, c >> 16);
  }

  struct Walk {
    uint32_t iseed;
    bool dir, indexed;
  };

  void walk_extents(const Walk& w, uint8_t* node, uint32_t bytes, int level) {
    if (level > 5 || ld16(node) != 0xF30A) return;
    uint32_t entries = ld16(node + 2), max = ld16(node + 4), depth = ld16(node + 6);
    if (max > (bytes - 12) / 12 || entries > max) return;
    for (uint32_t i = 0; i < entries; ++i) {
      const uint8_t* e = node + 12 + i * 12;
      if (depth == 0) {
        if (!w.dir) continue;
        uint32_t len = ld16(e + 4);
        if (len > 32768) len -= 32768;
        uint64_t start = ld32(e + 8) | static_cast<uint64_t>(ld16(e + 6)) << 32;
        for (uint32_t k = 0; k < len && k < 4096; ++k) fix_dir_block(w, ld32(e) + static_cast<uint64_t>(k), start + k);
        continue;
      }
      uint64_t child = ld32(e + 4) | static_cast<uint64_t>(ld16(e + 8)) << 32;
      uint8_t* b = block(child);
      if (!b || b == node) continue;
      walk_extents(w, b, bs_, level + 1);
      uint32_t off = 12 + 12 * ld16(b + 4);
      if (off + 4 <= bs_) st32(b + off, sis::crc32c_raw(w.iseed, b, off));
    }
  }

  void fix_dx(const Walk& w, uint8_t* b, uint32_t count_off) {
    if (count_off + 4 > bs_) return;
    uint32_t limit = ld16(b + count_off), count = ld16(b + count_off + 2);
    uint32_t tail = count_off + limit * 8;
    if (count > limit || tail + 8 > bs_) return;
    uint32_t c = sis::crc32c_raw(w.iseed, b, count_off + count * 8);
    c = sis::crc32c_raw(c, b + tail, 4);
    const uint8_t zero[4] = {};
    st32(b + tail + 4, sis::crc32c_raw(c, zero, 4));
  }

  void fix_dir_block(const Walk& w, uint64_t lblk, uint64_t pblk) {
    uint8_t* b = block(pblk);
    if (!b) return;
    if (w.indexed && lblk == 0) {
      if (32 <= bs_) fix_dx(w, b, 24 + b[29]);
      return;
    }
    if (w.indexed && ld32(b) == 0 && ld16(b + 4) == bs_) {
      fix_dx(w, b, 8);
      return;
    }
    uint8_t* t = b + bs_ - 12;
    if (ld32(t) == 0 && ld16(t + 4) == 12 && t[6] == 0 && t[7] == 0xDE) st32(t + 8, sis::crc32c_raw(w.iseed, b, bs_ - 12));
  }

  // --- bitmaps and descriptors ---

  void fix_bitmaps_and_descriptor(uint32_t g) {
    uint8_t* gd = desc(g);
    if (!gd) return;
    if (uint8_t* bb = block(gd64(gd, 0x0, 0x20))) {
      uint32_t c = sis::crc32c_raw(seed_, bb, bpg_ / 8);
      st16(gd + 0x18, c);
      if (dsz_ >= 64) st16(gd + 0x38, c >> 16);
    }
    if (uint8_t* ib = block(gd64(gd, 0x4, 0x24))) {
      uint32_t c = sis::crc32c_raw(seed_, ib, ipg_ / 8);
      st16(gd + 0x1A, c);
      if (dsz_ >= 64) st16(gd + 0x3A, c >> 16);
    }
    uint8_t tmp[1024];
    memcpy(tmp, gd, dsz_);
    st16(tmp + 0x1E, 0);
    uint8_t le[4];
    st32(le, g);
    st16(gd + 0x1E, sis::crc32c_raw(sis::crc32c_raw(seed_, le, 4), tmp, dsz_));
  }

  // --- the journal ---

  struct Map {
    uint64_t lblk[64], pblk[64], len[64];
    int n = 0;
  };

  void map_extents(Map& m, const uint8_t* node, uint32_t bytes, int level) {
    if (level > 5 || ld16(node) != 0xF30A) return;
    uint32_t entries = ld16(node + 2), max = ld16(node + 4), depth = ld16(node + 6);
    if (max > (bytes - 12) / 12 || entries > max) return;
    for (uint32_t i = 0; i < entries && m.n < 64; ++i) {
      const uint8_t* e = node + 12 + i * 12;
      if (depth == 0) {
        uint32_t len = ld16(e + 4);
        if (len > 32768) len -= 32768;
        m.lblk[m.n] = ld32(e);
        m.pblk[m.n] = ld32(e + 8) | static_cast<uint64_t>(ld16(e + 6)) << 32;
        m.len[m.n++] = len;
      } else if (const uint8_t* b = block(ld32(e + 4) | static_cast<uint64_t>(ld16(e + 8)) << 32)) {
        if (b != node) map_extents(m, b, bs_, level + 1);
      }
    }
  }

  uint8_t* log_block(const Map& m, uint64_t lb) {
    for (int i = 0; i < m.n; ++i)
      if (lb >= m.lblk[i] && lb < m.lblk[i] + m.len[i]) return block(m.pblk[i] + (lb - m.lblk[i]));
    return nullptr;
  }

  void fix_journal() {
    uint32_t jino = ld32(sb() + 0xE0);
    if (jino == 0 || ipg_ == 0 || jino > groups_ * ipg_) return;
    const uint8_t* gd = desc((jino - 1) / ipg_);
    if (!gd) return;
    uint64_t table = gd64(gd, 0x8, 0x28);
    if (table >= n_ / bs_) return;
    uint64_t off = table * bs_ + static_cast<uint64_t>((jino - 1) % ipg_) * isz_;
    if (off + isz_ > n_) return;
    uint8_t* raw = d_ + off;
    Map m;
    map_extents(m, raw + 0x28, 60, 0);
    uint8_t* jsb = log_block(m, 0);
    if (!jsb || be32(jsb) != 0xC03B3998 || be32(jsb + 4) != 4 || be32(jsb + 0xC) != bs_) return;
    uint32_t incompat = be32(jsb + 0x28);
    bool v3 = incompat & 0x10, v2 = incompat & 0x8;
    if (!v2 && !v3) return;
    uint32_t jseed = sis::crc32c_raw(~0u, jsb + 0x30, 16);
    uint32_t maxlen = be32(jsb + 0x10), first = be32(jsb + 0x14), seq = be32(jsb + 0x18), start = be32(jsb + 0x1C);
    uint32_t tag_bytes = v3 ? 16 : ((incompat & 0x2) ? 14 : 10);
    if (start && first && first < maxlen && start >= first && start < maxlen) {
      auto next = [&](uint64_t p) { return p + 1 >= maxlen ? first : p + 1; };
      uint64_t pos = start;
      for (uint32_t steps = 0; steps < maxlen && steps < 4096; ++steps) {
        uint8_t* b = log_block(m, pos);
        if (!b || be32(b) != 0xC03B3998 || be32(b + 8) != seq) break;
        uint32_t type = be32(b + 4);
        if (type == 1) {  // descriptor: tags (each names the next log block), then the tail
          uint64_t dpos = next(pos);
          bool last = false;
          for (uint32_t o = 12; !last && o + tag_bytes <= bs_ - 4;) {
            uint8_t* t = b + o;
            uint32_t flags = v3 ? be32(t + 4) : (static_cast<uint32_t>(t[6]) << 8 | t[7]);
            if (const uint8_t* data = log_block(m, dpos)) {
              uint8_t s[4];
              stbe32(s, seq);
              uint32_t c = sis::crc32c_raw(sis::crc32c_raw(jseed, s, 4), data, bs_);
              if (v3) stbe32(t + 12, c);
              else { t[4] = static_cast<uint8_t>(c >> 8); t[5] = static_cast<uint8_t>(c); }
            }
            o += tag_bytes + ((flags & 2) ? 0 : 16);
            last = flags & 8;
            dpos = next(dpos);
          }
          stbe32(b + bs_ - 4, 0);
          stbe32(b + bs_ - 4, sis::crc32c_raw(jseed, b, bs_));
          pos = dpos;
        } else if (type == 2) {  // commit
          stbe32(b + 16, 0);
          stbe32(b + 16, sis::crc32c_raw(jseed, b, bs_));
          ++seq;
          pos = next(pos);
        } else if (type == 5) {  // revoke
          stbe32(b + bs_ - 4, 0);
          stbe32(b + bs_ - 4, sis::crc32c_raw(jseed, b, bs_));
          pos = next(pos);
        } else {
          break;
        }
      }
    }
    stbe32(jsb + 0xFC, 0);
    stbe32(jsb + 0xFC, sis::crc32c_raw(~0u, jsb, 1024));
  }
};

inline void fix_checksums(uint8_t* image, size_t size) { Fixer(image, size).run(); }

}  // namespace ext4fix
