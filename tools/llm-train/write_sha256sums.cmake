# cmake -DDIR=resources/models -P write_sha256sums.cmake
# Writes DIR/SHA256SUMS for the committed language model after a retraining (the same format
# as sha256sum(1), so `cd DIR && sha256sum -c SHA256SUMS` checks it too).
set(_out "")
foreach(_name sis-ops.bin ops-fix.lora sis-ops.json)
  file(SHA256 "${DIR}/${_name}" _hash)
  string(APPEND _out "${_hash}  ${_name}\n")
endforeach()
file(WRITE "${DIR}/SHA256SUMS" "${_out}")
