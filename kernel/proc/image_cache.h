// Shared read-only pages of recently executed programs (kernel only). exec copies a
// program's file bytes into fresh pages; for the pages that end up read-only (text, rodata)
// the copy is the same every time, so the cache keeps them after a first exec and later
// execs of the same file map those frames instead of reading the file again. A page is
// shared by reference count (frames.h), like fork's copy-on-write pages: a write after
// mprotect copies it (the cache's own reference keeps the count above one).
//
// Staleness: an entry is keyed by path, inode, size and mtime, and is reused only while its
// file system can prove the inode has not changed since (FileSystem::changed_since: ext4
// notes every inode write). mtime alone would not do: it has whole seconds here, so a file
// rewritten in the second it was cached could keep its size and mtime. File systems that do
// not track changes (the in-memory one) are never cached.
//
// Bounded (kMaxImageCachePages), least recently used out first, and dropped whole when a
// page fault finds no memory (oom.cpp asks before killing anyone).
#pragma once
#include "lib/result.h"
#include "fs/file_system.h"
#include "proc/elf.h"

namespace sis::proc {

class AddressSpace;

constexpr usize kImageCacheEntries = 8;
constexpr u64 kMaxImageCachePages = 2048;  // 8 MiB

struct ImageFile {
  const char* path;  // absolute
  const fs::FileSystem* fs = nullptr;  // the file system holding it
  u64 ino = 0, size = 0;
  i64 mtime = 0;
};

// Maps the cached read-only pages of `file` under `plan` into as (each with its own frame
// reference) and returns how many; 0 when nothing is cached. A page it mapped must not be
// copied into by the caller (image_page_cached says which).
Result<usize> image_cache_map(const ImageFile& file, const LoadPlan& plan, AddressSpace* as);
// After a full load into `as`: keeps references to its read-only pages for the next exec.
void image_cache_adopt(const ImageFile& file, const LoadPlan& plan, AddressSpace* as);
// A page of a plan that the cache serves (read-only and not shared with a writable segment).
bool image_page_cacheable(const LoadPlan& plan, u64 page);

// Drops every entry; returns the pages released (frames still mapped by processes live on).
u64 image_cache_release();

struct ImageCacheStats {
  u64 entries = 0, pages = 0;  // now
  u64 hits = 0, misses = 0, pages_mapped = 0, releases = 0;  // since boot
};
ImageCacheStats image_cache_stats();

}  // namespace sis::proc
