# The product's default disk: resources/rootfs/ turned into an ext4 image by the real
# mkfs.ext4 (-d), written to ${CMAKE_BINARY_DIR}/disk/sis-disk.img. Rebuilt when a file
# under resources/rootfs/ changes. Target: sis_disk (part of ALL when mkfs.ext4 exists).
find_program(SIS_MKFS_EXT4 mkfs.ext4 PATHS /sbin /usr/sbin)
set(SIS_DISK_SIZE_MIB 64 CACHE STRING "Size of the default disk image in MiB")
set(SIS_DISK_IMAGE ${CMAKE_BINARY_DIR}/disk/sis-disk.img)
if(SIS_MKFS_EXT4)
  file(GLOB_RECURSE _sis_rootfs_files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/resources/rootfs/*)
  add_custom_command(OUTPUT ${SIS_DISK_IMAGE}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/disk
    COMMAND ${CMAKE_COMMAND} -E rm -f ${SIS_DISK_IMAGE}
    COMMAND ${SIS_MKFS_EXT4} -q -F -b 4096 -L sis -d ${CMAKE_SOURCE_DIR}/resources/rootfs
            ${SIS_DISK_IMAGE} ${SIS_DISK_SIZE_MIB}M
    DEPENDS ${_sis_rootfs_files}
    COMMENT "Making the default disk image sis-disk.img from resources/rootfs (mkfs.ext4 -d)"
    VERBATIM)
  add_custom_target(sis_disk ALL DEPENDS ${SIS_DISK_IMAGE})
else()
  message(WARNING "mkfs.ext4 not found (e2fsprogs): the default disk image will not be built")
endif()
