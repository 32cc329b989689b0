# cmake -DSRC=resources/models -DDST=build/models -P use_committed_model.cmake
# Copies the committed language model (sis-ops.bin, ops-fix.lora, sis-ops.json) into the
# build after checking each file against SRC/SHA256SUMS: a corrupted or hand-edited model
# fails the build with the file's name, instead of reaching the kernel image.
file(STRINGS "${SRC}/SHA256SUMS" _lines)
set(_checked 0)
foreach(_line IN LISTS _lines)
  if(NOT _line MATCHES "^([0-9a-f]+)  (.+)$")
    message(FATAL_ERROR "${SRC}/SHA256SUMS: cannot read the line '${_line}'")
  endif()
  set(_want "${CMAKE_MATCH_1}")
  set(_name "${CMAKE_MATCH_2}")
  if(NOT EXISTS "${SRC}/${_name}")
    message(FATAL_ERROR "the committed model file ${SRC}/${_name} is missing (git lfs or a partial checkout?)")
  endif()
  file(SHA256 "${SRC}/${_name}" _got)
  if(NOT _got STREQUAL _want)
    message(FATAL_ERROR "${SRC}/${_name} does not match its SHA-256 in SHA256SUMS (${_got}, expected ${_want}); "
                        "retrain with `cmake --build build --target sis_models_retrain` or restore the file from git")
  endif()
  list(APPEND _names "${_name}")
  math(EXPR _checked "${_checked} + 1")
endforeach()
if(_checked LESS 3)
  message(FATAL_ERROR "${SRC}/SHA256SUMS lists ${_checked} files; the model, the adapter and the report are expected")
endif()
# Copied only once all are checked: never half a model set in the build.
foreach(_name IN LISTS _names)
  file(COPY_FILE "${SRC}/${_name}" "${DST}/${_name}" ONLY_IF_DIFFERENT)
endforeach()
