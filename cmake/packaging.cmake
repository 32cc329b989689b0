# The Debian package (CPack DEB): `cpack --config build/CPackConfig.cmake` in the build tree,
# or `cmake --build build --target package`. One package, sis-control-center, installs under
# /usr:
#   bin/sisctl, bin/sis-control-center (its .desktop, AppStream metainfo and icon are
#     installed by desktop/app)
#   share/sis/kernel/Image, share/sis/disk/sis-disk.img, share/sis/models/*: the programs find
#     them there (qmp/launch/locate.cpp: ../share/sis beside the program)
#   share/man/man1/sisctl.1.gz, sis-control-center.1.gz (docs/man)
#   share/doc/sis-control-center: copyright (LICENSE), README, quick start, tutorials
# tests/package/test_deb.sh builds it, validates it, unpacks it with dpkg -x and boots the
# installed kernel with the installed programs. Included last from the top level: CPack
# packages every install() rule defined before it.
include(GNUInstallDirs)
set(SIS_SHARE_DIR ${CMAKE_INSTALL_DATADIR}/sis)
set(SIS_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/sis-control-center)

if(TARGET sisctl)
  install(TARGETS sisctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
if(SIS_BUILD_KERNEL)
  install(FILES ${CMAKE_BINARY_DIR}/kernel/Image DESTINATION ${SIS_SHARE_DIR}/kernel)
endif()
if(TARGET sis_disk)
  install(FILES ${SIS_DISK_IMAGE} DESTINATION ${SIS_SHARE_DIR}/disk)
endif()
if(TARGET sis_models)
  install(FILES ${CMAKE_BINARY_DIR}/models/sis-ops.bin ${CMAKE_BINARY_DIR}/models/ops-fix.lora
    DESTINATION ${SIS_SHARE_DIR}/models)
endif()

# Man pages, compressed as Debian policy wants (gzip -9n: no name or time stamp inside).
find_program(SIS_GZIP gzip REQUIRED)
set(_sis_man_pages)
foreach(page sisctl.1 sis-control-center.1)
  set(out ${CMAKE_BINARY_DIR}/man/${page}.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND sh -c "${SIS_GZIP} -9n -c '${CMAKE_SOURCE_DIR}/docs/man/${page}' > '${out}'"
    DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/${page}
    COMMENT "Compressing the man page ${page}"
    VERBATIM)
  list(APPEND _sis_man_pages ${out})
endforeach()
add_custom_target(sis_man_pages ALL DEPENDS ${_sis_man_pages})
install(FILES ${_sis_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${SIS_DOC_DIR} RENAME copyright)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/quickstart.md
  DESTINATION ${SIS_DOC_DIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/tutorials DESTINATION ${SIS_DOC_DIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sis-control-center)
set(CPACK_PACKAGE_VENDOR "SIS developers")
set(CPACK_PACKAGE_CONTACT "SIS developers <sis-dev@users.noreply.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "AI-native teaching kernel for 64-bit Arm, with its desktop control center")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}
 SIS is a kernel for 64-bit Arm in freestanding C++20 (ext4 with a jbd2 journal, user
 processes with Linux system calls, a crash predictor, a learned scheduler, a small
 language model) that runs in QEMU. This package holds the kernel image, a default disk,
 SIS Control Center (a Qt 6 desktop application that boots the kernel and shows it
 live) and sisctl (the same powers on the command line).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Shared libraries (Qt 6, libssh, QCustomPlot...) come from dpkg-shlibdeps; what the programs
# run rather than link: QEMU for the VM, e2fsprogs for disk creation and e2fsck checks.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qemu-system-arm, e2fsprogs")
# The default disk is 64 MiB of mostly empty ext4: gzip packs it fast and small.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
include(CPack)
