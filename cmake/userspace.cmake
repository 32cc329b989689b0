# User space for the default disk: our test programs (userspace/*.c, static aarch64 glibc built
# with Debian's gcc-aarch64-linux-gnu; the host toolchain is not the cross one, hence custom
# commands) and Debian's busybox-static for arm64, downloaded (never installed: it would
# replace the host's /bin/busybox) and unpacked into the build tree. qemu-aarch64-static runs
# busybox at build time to list its applets and is the tests' Linux oracle. All of these come
# from packaging/debian-packages.txt; `./sis install` installs them.
# Outputs: ${SIS_USER_BIN_DIR}/<program>, ${SIS_BUSYBOX_ROOT}/bin/busybox. Target: sis_userspace.
find_program(SIS_USER_CC aarch64-linux-gnu-gcc)
find_program(SIS_QEMU_USER qemu-aarch64-static)
find_program(SIS_APT_GET apt-get)
find_program(SIS_DPKG_DEB dpkg-deb)
foreach(_tool SIS_USER_CC SIS_QEMU_USER SIS_APT_GET SIS_DPKG_DEB)
  if(NOT ${_tool})
    message(FATAL_ERROR "${_tool} not found: user space needs gcc-aarch64-linux-gnu, "
      "libc6-dev-arm64-cross and qemu-user-static (packaging/debian-packages.txt; run ./sis install)")
  endif()
endforeach()

set(SIS_USER_BIN_DIR ${CMAKE_BINARY_DIR}/userspace/bin)
set(SIS_BUSYBOX_ROOT ${CMAKE_BINARY_DIR}/userspace/debs/root)
set(SIS_USER_PROGRAMS hello hello-pie fork_wait exec_chain pipes file_io sys_fuzz kprobe
  bench_getppid bench_pipe bench_spawn memhog jobctl sigrestart altstack)
# Frame pointers: the profiler walks user stacks by frame records (docs/profiler.md); the
# symbol table stays (not stripped) so fault reports and profiles name functions.
set(_sis_user_flags -D_GNU_SOURCE -std=gnu17 -O2 -fno-omit-frame-pointer -Wall -Wextra -Werror)
file(GLOB _sis_user_headers CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/userspace/*.h)
set(SIS_USER_PROGRAM_FILES)
foreach(_prog ${SIS_USER_PROGRAMS})
  if(_prog STREQUAL "hello-pie")
    # The same source as hello, as static-pie (ET_DYN, self-relocating): the loader's other
    # path. Never with -static too: that links crt1.o instead of rcrt1.o, so nothing applies
    # the relocations and the program crashes at once.
    set(_src ${CMAKE_SOURCE_DIR}/userspace/hello.c)
    set(_link -fPIE -static-pie)
  else()
    set(_src ${CMAKE_SOURCE_DIR}/userspace/${_prog}.c)
    set(_link -fno-pie -no-pie -static)
  endif()
  add_custom_command(OUTPUT ${SIS_USER_BIN_DIR}/${_prog}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SIS_USER_BIN_DIR}
    COMMAND ${SIS_USER_CC} ${_sis_user_flags} ${_link} -o ${SIS_USER_BIN_DIR}/${_prog} ${_src}
    DEPENDS ${_src} ${_sis_user_headers}
    COMMENT "Building the aarch64 user program ${_prog}"
    VERBATIM)
  list(APPEND SIS_USER_PROGRAM_FILES ${SIS_USER_BIN_DIR}/${_prog})
endforeach()

add_custom_command(OUTPUT ${SIS_BUSYBOX_ROOT}/bin/busybox
  COMMAND ${CMAKE_COMMAND} -DLIST=${CMAKE_SOURCE_DIR}/packaging/debian-packages.txt
    -DDEST=${CMAKE_BINARY_DIR}/userspace/debs -DAPT_GET=${SIS_APT_GET} -DDPKG_DEB=${SIS_DPKG_DEB}
    -P ${CMAKE_SOURCE_DIR}/cmake/userspace_debs.cmake
  DEPENDS ${CMAKE_SOURCE_DIR}/packaging/debian-packages.txt ${CMAKE_SOURCE_DIR}/cmake/userspace_debs.cmake
  COMMENT "Downloading and unpacking the list's `download` packages (busybox-static:arm64)"
  VERBATIM)

add_custom_target(sis_userspace ALL DEPENDS ${SIS_USER_PROGRAM_FILES} ${SIS_BUSYBOX_ROOT}/bin/busybox)
