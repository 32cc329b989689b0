// RamFs: a small in-memory file system, mounted as "/" when the machine has no disk so that
// the shell's file commands still work. Nothing survives a reboot.
//
// A fixed table of kMaxInodes inodes (allocated at init); file contents and directory
// entries live on the heap (env_alloc), grown by doubling. Directories are singly linked
// lists of entries. Limits: kMaxFileSize per file, kMaxBytes in total.
#pragma once
#include "fs/file_system.h"

namespace sis::fs {

class RamFs final : public FileSystem {
 public:
  static constexpr u32 kMaxInodes = 512;
  static constexpr u64 kMaxFileSize = 16ull << 20;
  static constexpr u64 kMaxBytes = 64ull << 20;

  RamFs() = default;
  ~RamFs();
  RamFs(const RamFs&) = delete;
  RamFs& operator=(const RamFs&) = delete;

  Error init();

  const char* type_name() const override { return "ramfs"; }
  u64 root_ino() const override { return 1; }
  bool read_only() const override { return false; }
  Result<u64> lookup(u64 dir, StrView name) override;
  Result<Stat> getattr(u64 ino) override;
  Result<usize> read(u64 ino, u64 off, void* buf, usize len) override;
  Result<usize> write(u64 ino, u64 off, const void* buf, usize len) override;
  Error truncate(u64 ino, u64 size) override;
  Error setattr(u64 ino, const SetAttr& a) override;
  Result<usize> readlink(u64 ino, char* buf, usize cap) override;
  Result<bool> readdir(u64 dir, u64* cookie, DirEntry* out) override;
  Result<u64> create(u64 dir, StrView name, u32 mode) override;
  Result<u64> mkdir(u64 dir, StrView name, u32 mode) override;
  Result<u64> symlink(u64 dir, StrView name, StrView target) override;
  Error unlink(u64 dir, StrView name) override;
  Error rmdir(u64 dir, StrView name) override;
  Error rename(u64 from_dir, StrView from, u64 to_dir, StrView to) override;
  Error fsync(u64) override { return Error::Ok; }
  Error sync() override { return Error::Ok; }
  Result<FsStat> statfs() override;
  Error unmount() override;

 private:
  struct Entry {
    Entry* next;
    u32 ino;
    u8 len;
    char name[kNameMax + 1];
  };
  struct Node {
    bool used;
    u32 mode, nlink;
    u32 parent;
    u64 size, cap;
    u8* data;       // file contents or symlink target
    Entry* entries; // directories
    i64 mtime, ctime, atime;
    u32 uid, gid;
  };
  Result<Node*> node(u64 ino);
  Result<Node*> dir_node(u64 ino);
  Entry* find(Node* dir, StrView name, Entry** prev);
  Result<u32> make(u64 dir, StrView name, u32 mode);
  Error reserve(Node* n, u64 size);
  void release(u32 ino);

  Node* nodes_ = nullptr;
  u64 bytes_ = 0;
};

}  // namespace sis::fs
