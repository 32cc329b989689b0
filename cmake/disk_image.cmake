# The product's default disk: resources/rootfs/ plus the language models the build trains
# (/models/sis-ops.bin and /models/ops-fix.lora, when SIS_LLM_MODELS is on), turned into an
# ext4 image by the real mkfs.ext4 (-d), written to ${CMAKE_BINARY_DIR}/disk/sis-disk.img.
# Rebuilt when a rootfs file or a model changes. Target: sis_disk (part of ALL when
# mkfs.ext4 exists). Included from the top level after tools/ (which defines sis_models).
# The desktop app boots a per-user working copy of this image, never the build output.
find_program(SIS_MKFS_EXT4 mkfs.ext4 PATHS /sbin /usr/sbin)
set(SIS_DISK_SIZE_MIB 64 CACHE STRING "Size of the default disk image in MiB")
set(SIS_DISK_IMAGE ${CMAKE_BINARY_DIR}/disk/sis-disk.img)
set(SIS_DISK_STAGING ${CMAKE_BINARY_DIR}/disk/rootfs)
if(SIS_MKFS_EXT4)
  file(GLOB_RECURSE _sis_rootfs_files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/resources/rootfs/*)
  set(_sis_model_files)
  set(_sis_copy_models)
  if(TARGET sis_models)
    set(_sis_model_files ${CMAKE_BINARY_DIR}/models/sis-ops.bin ${CMAKE_BINARY_DIR}/models/ops-fix.lora)
    set(_sis_copy_models COMMAND ${CMAKE_COMMAND} -E copy ${_sis_model_files} ${SIS_DISK_STAGING}/models/)
  endif()
  add_custom_command(OUTPUT ${SIS_DISK_IMAGE}
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${SIS_DISK_STAGING} ${SIS_DISK_IMAGE}
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${CMAKE_SOURCE_DIR}/resources/rootfs ${SIS_DISK_STAGING}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SIS_DISK_STAGING}/models
    ${_sis_copy_models}
    COMMAND ${SIS_MKFS_EXT4} -q -F -b 4096 -L sis -d ${SIS_DISK_STAGING} ${SIS_DISK_IMAGE} ${SIS_DISK_SIZE_MIB}M
    DEPENDS ${_sis_rootfs_files} ${_sis_model_files}
    COMMENT "Making the default disk image sis-disk.img from resources/rootfs and the models (mkfs.ext4 -d)"
    VERBATIM)
  add_custom_target(sis_disk ALL DEPENDS ${SIS_DISK_IMAGE})
  if(TARGET sis_models)
    add_dependencies(sis_disk sis_models)
  endif()
else()
  message(WARNING "mkfs.ext4 not found (e2fsprogs): the default disk image will not be built")
endif()
