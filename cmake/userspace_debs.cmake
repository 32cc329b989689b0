# cmake -DLIST=packaging/debian-packages.txt -DDEST=dir -DAPT_GET=... -DDPKG_DEB=... -P this:
# fetches the list's packages marked `download` with apt-get download into DEST/debs and
# unpacks them with dpkg-deb -x into DEST/root. Nothing is installed. apt has to know the
# packages (their foreign architecture added, lists updated): `./sis install` does that.
file(STRINGS ${LIST} _lines)
set(_packages)
foreach(_line ${_lines})
  if(_line MATCHES "^([^# \t]+)[ \t]+download[ \t]*$")
    list(APPEND _packages ${CMAKE_MATCH_1})
  endif()
endforeach()
if(NOT _packages)
  message(FATAL_ERROR "${LIST} marks no package `download`")
endif()
file(REMOVE_RECURSE ${DEST})
file(MAKE_DIRECTORY ${DEST}/debs ${DEST}/root)
execute_process(COMMAND ${APT_GET} download ${_packages}
  WORKING_DIRECTORY ${DEST}/debs RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "apt-get download ${_packages} failed:\n${_err}\n"
    "apt must know them: `./sis install` adds their architecture (dpkg --add-architecture) "
    "and runs apt-get update.")
endif()
file(GLOB _debs ${DEST}/debs/*.deb)
foreach(_deb ${_debs})
  execute_process(COMMAND ${DPKG_DEB} -x ${_deb} ${DEST}/root RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -x ${_deb} failed")
  endif()
  get_filename_component(_name ${_deb} NAME)
  message(STATUS "unpacked ${_name}")
endforeach()
