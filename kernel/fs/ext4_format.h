// ext4 on-disk format: byte offsets and constants (from the kernel's fs/ext4/ext4.h and
// e2fsprogs' ext2_fs.h). Everything on disk is little-endian; values are read and written
// with ld16/ld32/st16/st32 on byte buffers (lib/env.h), never by casting hostile bytes to
// structs, so a corrupt image can only yield wrong numbers, which the readers range-check.
#pragma once
#include "lib/types.h"

namespace sis::fs::ext4 {

constexpr u16 kMagic = 0xEF53;
constexpr u32 kSuperOffset = 1024;  // bytes from the start of the device
constexpr u32 kSuperSize = 1024;

// Superblock field offsets.
namespace sb {
constexpr u32 inodes_count = 0x0, blocks_count_lo = 0x4, r_blocks_count_lo = 0x8, free_blocks_lo = 0xC,
              free_inodes = 0x10, first_data_block = 0x14, log_block_size = 0x18, log_cluster_size = 0x1C,
              blocks_per_group = 0x20, clusters_per_group = 0x24, inodes_per_group = 0x28, mtime = 0x2C,
              wtime = 0x30, mnt_count = 0x34, magic = 0x38, state = 0x3A, rev_level = 0x4C, first_ino = 0x54,
              inode_size = 0x58, feature_compat = 0x5C, feature_incompat = 0x60, feature_ro_compat = 0x64,
              uuid = 0x68, volume_name = 0x78, last_mounted = 0x88, reserved_gdt_blocks = 0xCE,
              journal_inum = 0xE0, journal_dev = 0xE4, last_orphan = 0xE8, hash_seed = 0xEC,
              def_hash_version = 0xFC, desc_size = 0xFE, first_meta_bg = 0x104, mkfs_time = 0x108,
              jnl_blocks = 0x10C, blocks_count_hi = 0x150, r_blocks_count_hi = 0x154, free_blocks_hi = 0x158,
              min_extra_isize = 0x15C, want_extra_isize = 0x15E, flags = 0x160, log_groups_per_flex = 0x174,
              checksum_type = 0x175, kbytes_written = 0x178, checksum_seed = 0x270, checksum = 0x3FC;
}  // namespace sb

// Feature bits.
constexpr u32 kCompatHasJournal = 0x4, kCompatDirIndex = 0x20;
constexpr u32 kIncompatFiletype = 0x2, kIncompatRecover = 0x4, kIncompatJournalDev = 0x8, kIncompatMetaBg = 0x10,
              kIncompatExtents = 0x40, kIncompat64bit = 0x80, kIncompatMmp = 0x100, kIncompatFlexBg = 0x200,
              kIncompatCsumSeed = 0x2000, kIncompatLargedir = 0x4000, kIncompatInlineData = 0x8000;
constexpr u32 kIncompatSupported = kIncompatFiletype | kIncompatRecover | kIncompatExtents | kIncompat64bit |
                                   kIncompatFlexBg | kIncompatCsumSeed | kIncompatLargedir | kIncompatInlineData;
constexpr u32 kRoCompatSparseSuper = 0x1, kRoCompatLargeFile = 0x2, kRoCompatHugeFile = 0x8, kRoCompatGdtCsum = 0x10,
              kRoCompatDirNlink = 0x20, kRoCompatExtraIsize = 0x40, kRoCompatMetadataCsum = 0x400;
// ro_compat features we can write while keeping e2fsck happy; others mount read-only.
constexpr u32 kRoCompatWritable = kRoCompatSparseSuper | kRoCompatLargeFile | kRoCompatHugeFile |
                                  kRoCompatDirNlink | kRoCompatExtraIsize | kRoCompatMetadataCsum;
constexpr u32 kFlagsUnsignedHash = 0x2;

// Group descriptor offsets (32 bytes, or 64 with the 64bit feature).
namespace gd {
constexpr u32 block_bitmap_lo = 0x0, inode_bitmap_lo = 0x4, inode_table_lo = 0x8, free_blocks_lo = 0xC,
              free_inodes_lo = 0xE, used_dirs_lo = 0x10, flags = 0x12, block_bitmap_csum_lo = 0x18,
              inode_bitmap_csum_lo = 0x1A, itable_unused_lo = 0x1C, checksum = 0x1E, block_bitmap_hi = 0x20,
              inode_bitmap_hi = 0x24, inode_table_hi = 0x28, free_blocks_hi = 0x2C, free_inodes_hi = 0x2E,
              used_dirs_hi = 0x30, itable_unused_hi = 0x32, block_bitmap_csum_hi = 0x38,
              inode_bitmap_csum_hi = 0x3A;
}  // namespace gd
constexpr u16 kBgInodeUninit = 0x1, kBgBlockUninit = 0x2, kBgInodeZeroed = 0x4;

// Inode field offsets.
namespace in {
constexpr u32 mode = 0x0, uid = 0x2, size_lo = 0x4, atime = 0x8, ctime = 0xC, mtime = 0x10, dtime = 0x14,
              gid = 0x18, links = 0x1A, blocks_lo = 0x1C, flags = 0x20, block = 0x28, generation = 0x64,
              file_acl_lo = 0x68, size_hi = 0x6C, blocks_hi = 0x74, file_acl_hi = 0x76, uid_hi = 0x78,
              gid_hi = 0x7A, checksum_lo = 0x7C, extra_isize = 0x80, checksum_hi = 0x82, ctime_extra = 0x84,
              mtime_extra = 0x88, atime_extra = 0x8C, crtime = 0x90, crtime_extra = 0x94;
}  // namespace in
constexpr u32 kGoodOldInodeSize = 128;
constexpr u32 kBlockArrayBytes = 60;  // i_block
constexpr u32 kInodeFlagIndex = 0x1000, kInodeFlagHugeFile = 0x40000, kInodeFlagExtents = 0x80000,
              kInodeFlagEaInode = 0x200000, kInodeFlagInlineData = 0x10000000;
constexpr u32 kRootIno = 2, kJournalIno = 8, kResizeIno = 7;

// Extents.
constexpr u16 kExtentMagic = 0xF30A;
constexpr u32 kExtentHeaderSize = 12, kExtentEntrySize = 12;
constexpr u32 kMaxExtentLen = 32768;       // initialized extent
constexpr u32 kMaxUninitExtentLen = 32767;
constexpr u32 kMaxExtentDepth = 5;

// Directories.
constexpr u32 kDirentHeader = 8;
constexpr u32 kDirTailSize = 12;
constexpr u8 kDirTailFt = 0xDE;
constexpr u8 kFtUnknown = 0, kFtReg = 1, kFtDir = 2, kFtChr = 3, kFtBlk = 4, kFtFifo = 5, kFtSock = 6, kFtSymlink = 7;
constexpr u32 kDxRootInfoOffset = 24, kDxRootEntriesOffset = 32, kDxNodeEntriesOffset = 8;
constexpr u8 kDxHashLegacy = 0, kDxHashHalfMd4 = 1, kDxHashTea = 2, kDxHashUnsignedDelta = 3;

// In-inode extended attributes (inline data lives in "system.data").
constexpr u32 kXattrMagic = 0xEA020000;
constexpr u8 kXattrIndexSystem = 7;

inline u32 rec_len_size(u32 name_len) { return (kDirentHeader + name_len + 3) & ~3u; }

}  // namespace sis::fs::ext4
