# fs/: block cache, jbd2, ext4, ramfs and the VFS are portable (host tests, fuzzers and
# `sisctl image` run them over image files).
sis_sources(fs COMPONENT fs
  PORTABLE block_cache.cpp ext4_alloc.cpp ext4_dir.cpp ext4_extent.cpp ext4_file.cpp ext4_ops.cpp
           ext4_super.cpp ext4_undo.cpp ext4_zone.cpp file_system.cpp fs_json.cpp jbd2.cpp ramfs.cpp vfs.cpp
  KERNEL bench_fs.cpp fs_boot.cpp)
