// AddressSpace: one process's memory (kernel only). A page table (arch) plus a sorted list
// of regions (VMAs) that say what may be mapped where and with which rights; pages are
// filled in on first touch (zeroed), or loaded up front for program images. fork shares
// every present page copy-on-write: both sides map it read-only, and the first write copies
// it (or just makes it writable when the writer holds the last reference).
//
// Only the owning process's thread changes its address space (its own faults and system
// calls, fork of itself, exec, exit), so there is no lock; readers from other threads
// (procctl info) take a snapshot with interrupts masked.
#pragma once
#include "arch/arch.h"
#include "lib/result.h"
#include "proc/prot.h"

namespace sis::proc {


enum class VmaKind : u8 { Image, Heap, Stack, Anon, FileCopy, Trampoline };
const char* vma_kind_name(VmaKind k);

struct Vma {
  u64 start = 0;  // page aligned
  u64 end = 0;    // exclusive, page aligned
  u32 prot = 0;
  VmaKind kind = VmaKind::Anon;
};

struct MemStats {
  u64 resident_pages = 0;  // pages mapped now (shared ones count in each space)
  u64 peak_resident = 0;
  u64 minor_faults = 0;    // pages filled on first touch
  u64 cow_faults = 0;      // writes to shared pages
  u64 cow_copies = 0;      // ... that had to copy (the rest only changed rights)
  u64 cow_shared_at_fork = 0;  // pages fork shared instead of copying
};

// What copy-on-write saved, over every fork since boot: the pages fork shared instead of
// copying, and how many of them a later write had to copy after all (the rest were never
// copied, or only had their rights changed because the other sharer had gone).
struct CowTotals {
  u64 shared_at_fork = 0;
  u64 copied = 0;
  u64 saved_pages() const { return shared_at_fork > copied ? shared_at_fork - copied : 0; }
};
CowTotals cow_totals();

class AddressSpace {
 public:
  static constexpr usize kMaxVmas = 128;
  AddressSpace() = default;  // empty and tableless: use create()

  static Result<AddressSpace*> create();
  // Frees every page reference, the page table and the object.
  static void destroy(AddressSpace* as);
  // A copy-on-write copy of this space (fork).
  Result<AddressSpace*> fork();

  arch::PageTable table() const { return table_; }

  // Adds a region; Exists if it overlaps one, NoSpace beyond kMaxVmas, Invalid outside the
  // user layout.
  Error add(u64 start, u64 end, u32 prot, VmaKind kind);
  // Removes [start, end) from every region (munmap): splits, unmaps, drops page references.
  Error remove(u64 start, u64 end);
  // Changes the rights of [start, end), which must be fully covered by regions (mprotect).
  Error protect(u64 start, u64 end, u32 prot);
  // Top-down search for len free bytes in the mmap area.
  Result<u64> find_free(u64 len) const;
  const Vma* find(u64 va) const;
  usize vma_count() const { return nvmas_; }
  const Vma& vma(usize i) const { return vmas_[i]; }

  // Resolves a fault at va (write/exec as the CPU reported): Ok when the page is now
  // mapped with the needed right, Fault when the access is not allowed (a segfault).
  Error handle_fault(u64 va, bool write, bool exec);
  // The physical page behind va, made present (and private + writable for a write): what
  // system calls use to copy to and from user memory. Fault when not allowed.
  Result<u64> page_for(u64 va, bool write);
  // Maps a given frame (the caller's reference moves to this space) at va inside a region.
  Error map_frame(u64 va, u64 pa);

  // The program break (brk): the heap region grows and shrinks at its end.
  Error set_heap(u64 start);
  u64 heap_start() const { return heap_start_; }
  u64 heap_end() const { return heap_end_; }
  // brk(2): returns the break after the call (the old one when it cannot move).
  Result<u64> set_break(u64 new_end);
  u64 brk() const { return brk_; }

  const MemStats& stats() const { return stats_; }

 private:
  u32 map_flags(u32 prot) const;
  Error insert(const Vma& v);
  // Splits the region that straddles addr (if one does) into [start, addr) and [addr, end).
  Error split_at(u64 addr);
  void unmap_range(u64 start, u64 end);
  Error fill(u64 page, const Vma& v);

  arch::PageTable table_;
  Vma vmas_[kMaxVmas];
  usize nvmas_ = 0;
  u64 heap_start_ = 0, heap_end_ = 0;  // the heap region's extent (page aligned)
  u64 brk_ = 0;                        // the break as the program set it
  MemStats stats_;
};

}  // namespace sis::proc
