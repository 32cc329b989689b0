// A file's status as JSON, one writer shared by the control port (fs.stat, fs.list) and the
// shell (`stat --json`, `ls --json`) so that the names cannot drift apart
// (docs/protocol.md, fs.list). Portable.
#pragma once
#include "fs/file_system.h"
#include "lib/json.h"

namespace sis::fs {

// The protocol's type names: "file", "dir", "symlink", or "other" for the rest.
const char* json_type_name(FileType t);
// Writes the members type, size, mode (permission bits, st_mode & 07777), mtime, inode,
// links and blocks (512-byte units); the caller opens and closes the object.
void write_stat_members(JsonWriter& w, const Stat& st);

}  // namespace sis::fs
