// The Linux arm64 structures the file system calls copy to user space, byte for byte as the
// UAPI headers define them: struct stat (asm-generic/stat.h, 128 bytes, what fstat and
// newfstatat fill on arm64), struct statx (linux/stat.h, 256 bytes) and linux_dirent64
// (getdents64), struct statfs. Offsets are checked below against the headers' layout.
#pragma once
#include "fs/file_system.h"
#include "lib/types.h"

namespace sis::proc::linux {

struct stat {
  u64 st_dev;
  u64 st_ino;
  u32 st_mode;
  u32 st_nlink;
  u32 st_uid;
  u32 st_gid;
  u64 st_rdev;
  u64 pad1;
  i64 st_size;
  i32 st_blksize;
  i32 pad2;
  i64 st_blocks;
  i64 st_atime;
  u64 st_atime_nsec;
  i64 st_mtime;
  u64 st_mtime_nsec;
  i64 st_ctime;
  u64 st_ctime_nsec;
  u32 unused4;
  u32 unused5;
};
static_assert(sizeof(stat) == 128);
static_assert(__builtin_offsetof(stat, st_mode) == 16 && __builtin_offsetof(stat, st_rdev) == 32);
static_assert(__builtin_offsetof(stat, st_size) == 48 && __builtin_offsetof(stat, st_blksize) == 56);
static_assert(__builtin_offsetof(stat, st_blocks) == 64 && __builtin_offsetof(stat, st_atime) == 72);
static_assert(__builtin_offsetof(stat, st_mtime) == 88 && __builtin_offsetof(stat, st_ctime) == 104);

struct statx_timestamp {
  i64 tv_sec;
  u32 tv_nsec;
  i32 reserved;
};

struct statx {
  u32 stx_mask;
  u32 stx_blksize;
  u64 stx_attributes;
  u32 stx_nlink;
  u32 stx_uid;
  u32 stx_gid;
  u16 stx_mode;
  u16 spare0;
  u64 stx_ino;
  u64 stx_size;
  u64 stx_blocks;
  u64 stx_attributes_mask;
  statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
  u32 stx_rdev_major, stx_rdev_minor;
  u32 stx_dev_major, stx_dev_minor;
  u64 stx_mnt_id;
  u32 stx_dio_mem_align, stx_dio_offset_align;
  u64 spare3[12];
};
static_assert(sizeof(statx) == 256);
static_assert(__builtin_offsetof(statx, stx_mode) == 28 && __builtin_offsetof(statx, stx_ino) == 32);
static_assert(__builtin_offsetof(statx, stx_atime) == 64 && __builtin_offsetof(statx, stx_btime) == 80);
static_assert(__builtin_offsetof(statx, stx_mtime) == 112 && __builtin_offsetof(statx, stx_rdev_major) == 128);
static_assert(__builtin_offsetof(statx, stx_mnt_id) == 144);

constexpr u32 STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_NLINK = 0x4, STATX_UID = 0x8,
              STATX_GID = 0x10, STATX_ATIME = 0x20, STATX_MTIME = 0x40, STATX_CTIME = 0x80,
              STATX_INO = 0x100, STATX_SIZE = 0x200, STATX_BLOCKS = 0x400,
              STATX_BASIC_STATS = 0x7ff, STATX_BTIME = 0x800, STATX__RESERVED = 0x80000000u;
constexpr u32 AT_NO_AUTOMOUNT = 0x800, AT_STATX_SYNC_TYPE = 0x6000;

// getdents64 records: the header, then the NUL-terminated name, padded to 8 bytes.
struct linux_dirent64_header {
  u64 d_ino;
  i64 d_off;
  u16 d_reclen;
  u8 d_type;
};
constexpr usize kDirent64NameOffset = 19;  // offsetof(struct linux_dirent64, d_name)
static_assert(__builtin_offsetof(linux_dirent64_header, d_type) == 18);

enum DirentType : u8 { DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8, DT_LNK = 10, DT_SOCK = 12 };

constexpr u32 S_IFMT = 0170000, S_IFIFO = 0010000, S_IFCHR = 0020000, S_IFDIR = 0040000,
              S_IFREG = 0100000, S_IFLNK = 0120000;

inline u8 dirent_type(fs::FileType t) {
  switch (t) {
    case fs::FileType::Regular: return DT_REG;
    case fs::FileType::Directory: return DT_DIR;
    case fs::FileType::Symlink: return DT_LNK;
    case fs::FileType::CharDev: return DT_CHR;
    case fs::FileType::BlockDev: return DT_BLK;
    case fs::FileType::Fifo: return DT_FIFO;
    case fs::FileType::Socket: return DT_SOCK;
    default: return DT_UNKNOWN;
  }
}

// statfs/fstatfs (asm-generic/statfs.h with 64-bit __statfs_word: 120 bytes).
struct statfs {
  i64 f_type;
  i64 f_bsize;
  u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
  i32 f_fsid[2];
  i64 f_namelen;
  i64 f_frsize;
  i64 f_flags;
  i64 f_spare[4];
};
static_assert(sizeof(statfs) == 120 && __builtin_offsetof(statfs, f_fsid) == 56 && __builtin_offsetof(statfs, f_flags) == 80);
constexpr i64 EXT4_SUPER_MAGIC = 0xEF53, RAMFS_MAGIC = 0x858458f6;
constexpr i64 ST_RDONLY = 1;

// lseek whence, access(2) modes, fcntl commands.
constexpr int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
constexpr u32 F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;
constexpr u32 F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4,
              F_DUPFD_CLOEXEC = 1030;
constexpr u32 RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

}  // namespace sis::proc::linux
