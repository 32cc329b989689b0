# Kernel sources, listed by each directory in its own sources.cmake (in layer order,
# docs/architecture.md): the cross build (kernel/CMakeLists.txt) compiles
#   SIS_PORTABLE_SOURCES + SIS_KERNEL_ONLY_SOURCES, and SIS_FP_SOURCES in their own object library;
# the host build (kernel/host/CMakeLists.txt) makes one static library per component from
#   SIS_PORTABLE_<component> (FP sources included), so a host program links what it uses.

# sis_sources(DIR [COMPONENT NAME] [PORTABLE files...] [KERNEL files...] [FP files...])
# Files are relative to kernel/DIR. PORTABLE: built for the kernel and the host; KERNEL: the
# kernel only; FP: floating point (the kernel builds them apart; portable on the host).
# COMPONENT names the host library (sis_NAME) the portable files go to.
macro(sis_sources dir)
  cmake_parse_arguments(_sis "" "COMPONENT" "PORTABLE;KERNEL;FP" ${ARGN})
  foreach(_kind PORTABLE KERNEL FP)
    list(TRANSFORM _sis_${_kind} PREPEND ${dir}/)
  endforeach()
  list(APPEND SIS_PORTABLE_SOURCES ${_sis_PORTABLE})
  list(APPEND SIS_KERNEL_ONLY_SOURCES ${_sis_KERNEL})
  list(APPEND SIS_FP_SOURCES ${_sis_FP})
  if(NOT CMAKE_CROSSCOMPILING)
    list(APPEND SIS_PORTABLE_SOURCES ${_sis_FP})
  endif()
  if(_sis_COMPONENT)
    list(APPEND SIS_PORTABLE_${_sis_COMPONENT} ${_sis_PORTABLE} ${_sis_FP})
    if(NOT _sis_COMPONENT IN_LIST SIS_COMPONENTS)
      list(APPEND SIS_COMPONENTS ${_sis_COMPONENT})
    endif()
  elseif(_sis_PORTABLE OR _sis_FP)
    message(FATAL_ERROR "sis_sources(${dir}): portable files need a COMPONENT")
  endif()
endmacro()

set(SIS_PORTABLE_SOURCES)
set(SIS_KERNEL_ONLY_SOURCES)
set(SIS_FP_SOURCES)
set(SIS_COMPONENTS)  # host libraries, bottom layer first
foreach(_dir lib arch core mm sched drivers fs net proc ai ai/llm power prof shell control top)
  include(${CMAKE_CURRENT_LIST_DIR}/${_dir}/sources.cmake)
endforeach()
