// A file's status as JSON (fs_json.h).
#include "fs/fs_json.h"

namespace sis::fs {

const char* json_type_name(FileType t) {
  switch (t) {
    case FileType::Regular: return "file";
    case FileType::Directory: return "dir";
    case FileType::Symlink: return "symlink";
    default: return "other";
  }
}

void write_stat_members(JsonWriter& w, const Stat& st) {
  w.kv("type", json_type_name(st.type())).kv_uint("size", st.size).kv_uint("mode", st.mode & 07777);
  w.kv_sint("mtime", st.mtime).kv_uint("inode", st.ino).kv_uint("links", st.nlink).kv_uint("blocks", st.blocks);
}

}  // namespace sis::fs
