// Test helpers for the ELF loader (kernel/proc/elf.h): a small ELF64 writer to craft valid and
// corrupted executables, and a model of what the kernel's exec does with a LoadPlan (zeroed
// pages, then the planned copies), so tests and the fuzzer can check the loaded memory
// against the file: every segment's file bytes where its p_vaddr says, zeroes after them.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "proc/elf.h"
#include "proc/user_layout.h"

namespace sis::test {

struct TestPhdr {
  uint32_t type = proc::kPtLoad;
  uint32_t flags = proc::kPfR;
  uint64_t offset = 0, vaddr = 0, filesz = 0, memsz = 0, align = 0x1000;
};

// An ELF64 file. bytes() lays out the header, the program headers at phoff and zero-padded
// room up to the furthest PT_LOAD byte (or min_size); every other byte is pattern(offset), so
// that copies from the wrong offset show.
struct TestElf {
  uint8_t ident_class = 2, ident_data = 1, ident_version = 1;
  uint16_t type = proc::kEtExec, machine = proc::kEmAarch64;
  uint32_t version = 1;
  uint64_t entry = 0, phoff = 64;
  uint16_t phentsize = 56;
  int phnum_override = -1;  // e_phnum when >= 0, else phdrs.size()
  std::vector<TestPhdr> phdrs;
  uint64_t min_size = 0;
  std::vector<std::pair<uint64_t, std::string>> strings;  // extra bytes at file offsets

  static constexpr uint64_t kMaxGrow = 16u << 20;

  static uint8_t pattern(uint64_t off) { return static_cast<uint8_t>((off * 131 + (off >> 8) * 7 + 1) & 0xff); }

  std::vector<uint8_t> bytes() const {
    uint64_t size = std::max<uint64_t>(64, min_size);
    if (!phdrs.empty()) size = std::max<uint64_t>(size, phoff + phdrs.size() * 56);
    for (const auto& p : phdrs)  // absurd offsets and sizes are left past the end (truncation tests)
      if (p.type == proc::kPtLoad && p.offset < kMaxGrow && p.filesz < kMaxGrow) size = std::max(size, p.offset + p.filesz);
    for (const auto& s : strings) size = std::max<uint64_t>(size, s.first + s.second.size() + 1);
    std::vector<uint8_t> b(size);
    for (uint64_t i = 0; i < size; ++i) b[i] = pattern(i);
    auto put = [&](uint64_t off, uint64_t v, int n) {
      for (int i = 0; i < n; ++i) b[off + i] = static_cast<uint8_t>(v >> (8 * i));
    };
    const uint8_t magic[] = {0x7f, 'E', 'L', 'F'};
    memcpy(b.data(), magic, 4);
    b[4] = ident_class;
    b[5] = ident_data;
    b[6] = ident_version;
    for (int i = 7; i < 16; ++i) b[i] = 0;
    put(16, type, 2);
    put(18, machine, 2);
    put(20, version, 4);
    put(24, entry, 8);
    put(32, phoff, 8);
    put(40, 0, 8);  // no section headers
    put(48, 0, 4);
    put(52, 64, 2);
    put(54, phentsize, 2);
    put(56, phnum_override >= 0 ? static_cast<uint64_t>(phnum_override) : phdrs.size(), 2);
    put(58, 64, 2);
    put(60, 0, 2);
    put(62, 0, 2);
    for (size_t i = 0; i < phdrs.size(); ++i) {
      const TestPhdr& p = phdrs[i];
      uint64_t o = phoff + i * 56;
      put(o, p.type, 4);
      put(o + 4, p.flags, 4);
      put(o + 8, p.offset, 8);
      put(o + 16, p.vaddr, 8);
      put(o + 24, p.vaddr, 8);
      put(o + 32, p.filesz, 8);
      put(o + 40, p.memsz, 8);
      put(o + 48, p.align, 8);
    }
    for (const auto& s : strings) memcpy(b.data() + s.first, s.second.c_str(), s.second.size() + 1);
    return b;
  }
};

// A small valid non-PIE program: headers and text in one R-X segment at 0x400000, data
// and bss at 0x411000, PT_PHDR, PT_GNU_STACK (RW) and PT_TLS.
inline TestElf tiny_exec() {
  TestElf e;
  e.entry = 0x400180;
  e.phdrs = {
      {proc::kPtPhdr, proc::kPfR, 64, 0x400040, 4 * 56, 4 * 56, 8},
      {proc::kPtLoad, proc::kPfR | proc::kPfX, 0, 0x400000, 0x1234, 0x1234, 0x10000},
      {proc::kPtLoad, proc::kPfR | proc::kPfW, 0x1300, 0x411300, 0x200, 0x3000, 0x10000},
      {proc::kPtGnuStack, proc::kPfR | proc::kPfW, 0, 0, 0, 0, 16},
  };
  return e;
}

// The same program as a static-pie (ET_DYN linked at 0).
inline TestElf tiny_pie() {
  TestElf e = tiny_exec();
  e.type = proc::kEtDyn;
  e.entry -= 0x400000;
  for (auto& p : e.phdrs)
    if (p.type != proc::kPtGnuStack) p.vaddr -= 0x400000;
  return e;
}

// User memory after the kernel carries out the plan: pages start zeroed, then each segment's
// copy_bytes land at copy_vaddr. Sparse: only pages a copy touches exist (absent pages read
// as zero).
struct LoadedImage {
  std::map<uint64_t, std::vector<uint8_t>> pages;

  uint8_t at(uint64_t va) const {
    auto it = pages.find(va & ~uint64_t(proc::kUserPage - 1));
    return it == pages.end() ? 0 : it->second[va & (proc::kUserPage - 1)];
  }
  void put(uint64_t va, uint8_t v) {
    auto& page = pages[va & ~uint64_t(proc::kUserPage - 1)];
    if (page.empty()) page.assign(proc::kUserPage, 0);
    page[va & (proc::kUserPage - 1)] = v;
  }
};

inline LoadedImage carry_out(const proc::LoadPlan& plan, const std::vector<uint8_t>& file) {
  LoadedImage m;
  for (size_t i = 0; i < plan.segment_count; ++i) {
    const proc::LoadSegment& s = plan.segments[i];
    for (uint64_t k = 0; k < s.copy_bytes; ++k) m.put(s.copy_vaddr + k, file.at(s.copy_offset + k));
  }
  return m;
}

// Whether memory holds every PT_LOAD of the file as its program header says: its file bytes
// at p_vaddr + bias, zeroes up to p_memsz (checked where pages exist). Returns "" or what
// differs. Reads the program headers from the file itself.
inline std::string check_loaded(const proc::LoadPlan& plan, const std::vector<uint8_t>& file, const LoadedImage& m) {
  auto ld = [&](uint64_t off, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint64_t(file[off + i]) << (8 * i);
    return v;
  };
  uint64_t phoff = ld(32, 8);
  unsigned phnum = static_cast<unsigned>(ld(56, 2));
  for (unsigned i = 0; i < phnum; ++i) {
    uint64_t o = phoff + i * 56;
    if (ld(o, 4) != proc::kPtLoad) continue;
    uint64_t off = ld(o + 8, 8), vaddr = ld(o + 16, 8) + plan.bias, filesz = ld(o + 32, 8), memsz = ld(o + 40, 8);
    for (uint64_t k = 0; k < filesz; ++k)
      if (m.at(vaddr + k) != file[off + k])
        return "segment " + std::to_string(i) + " byte " + std::to_string(k) + " differs from the file";
    for (const auto& [page, bytes] : m.pages) {
      uint64_t lo = std::max(page, vaddr + filesz), hi = std::min(page + proc::kUserPage, vaddr + memsz);
      for (uint64_t va = lo; va < hi; ++va)
        if (bytes[va - page] != 0) return "segment " + std::to_string(i) + " bss byte at " + std::to_string(va) + " is not zero";
    }
  }
  // AT_PHDR must show the program header table.
  for (uint64_t k = 0; k < uint64_t(phnum) * 56; ++k)
    if (m.at(plan.phdr + k) != file[phoff + k]) return "program headers in memory differ at byte " + std::to_string(k);
  return "";
}

}  // namespace sis::test
