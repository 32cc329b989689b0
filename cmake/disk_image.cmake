# The product's default disk: resources/rootfs/ plus the language models the build trains
# (/models/sis-ops.bin and /models/ops-fix.lora, when SIS_LLM_MODELS is on) plus user space
# (cmake/userspace.cmake: Debian's busybox-static at /bin/busybox with its applet links, our
# test programs in /bin, /tmp), turned into an ext4 image by the real mkfs.ext4 (-d), written
# to ${CMAKE_BINARY_DIR}/disk/sis-disk.img; the staging directory disk/rootfs stays (the
# oracle tests run the programs in a copy of it under qemu-aarch64-static). Rebuilt when a
# rootfs file, a model or a program changes. Target: sis_disk (part of ALL when mkfs.ext4
# exists). Included from the top level after tools/ (which defines sis_models).
# The desktop app boots a per-user working copy of this image, never the build output.
include(${CMAKE_CURRENT_LIST_DIR}/userspace.cmake)
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
  # The language model's grounding documents (docs/llm.md): /usr/share/doc/sis.
  file(GLOB _sis_llm_docs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md ${CMAKE_SOURCE_DIR}/docs/tutorials/*.md
       ${CMAKE_SOURCE_DIR}/resources/corpus/*.md ${CMAKE_SOURCE_DIR}/resources/corpus/tasks/incidents-train.tsv)
  list(REMOVE_ITEM _sis_llm_docs ${CMAKE_SOURCE_DIR}/resources/corpus/README.md)
  add_custom_command(OUTPUT ${SIS_DISK_IMAGE}
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${SIS_DISK_STAGING} ${SIS_DISK_IMAGE}
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${CMAKE_SOURCE_DIR}/resources/rootfs ${SIS_DISK_STAGING}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SIS_DISK_STAGING}/models
    ${_sis_copy_models}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SIS_DISK_STAGING}/usr/share/doc/sis
    COMMAND ${CMAKE_COMMAND} -E copy ${_sis_llm_docs} ${SIS_DISK_STAGING}/usr/share/doc/sis/
    COMMAND ${CMAKE_SOURCE_DIR}/userspace/stage_rootfs.sh ${SIS_DISK_STAGING} ${SIS_BUSYBOX_ROOT}
      ${SIS_QEMU_USER} ${SIS_USER_PROGRAM_FILES}
    COMMAND ${SIS_MKFS_EXT4} -q -F -b 4096 -L sis -d ${SIS_DISK_STAGING} ${SIS_DISK_IMAGE} ${SIS_DISK_SIZE_MIB}M
    DEPENDS ${_sis_rootfs_files} ${_sis_model_files} ${SIS_USER_PROGRAM_FILES} ${_sis_llm_docs}
      ${SIS_BUSYBOX_ROOT}/bin/busybox ${CMAKE_SOURCE_DIR}/userspace/stage_rootfs.sh
    COMMENT "Making the default disk image sis-disk.img from resources/rootfs, the models and user space (mkfs.ext4 -d)"
    VERBATIM)
  add_custom_target(sis_disk ALL DEPENDS ${SIS_DISK_IMAGE})
  add_dependencies(sis_disk sis_userspace)  # one owner for the programs' build rules
  if(TARGET sis_models)
    add_dependencies(sis_disk sis_models)
  endif()
else()
  message(WARNING "mkfs.ext4 not found (e2fsprogs): the default disk image will not be built")
endif()
