#include "fs/file_system.h"

namespace sis::fs {

const char* file_type_name(FileType t) {
  switch (t) {
    case FileType::Regular: return "file";
    case FileType::Directory: return "dir";
    case FileType::Symlink: return "symlink";
    case FileType::CharDev: return "chardev";
    case FileType::BlockDev: return "blockdev";
    case FileType::Fifo: return "fifo";
    case FileType::Socket: return "socket";
    default: return "unknown";
  }
}

FileType file_type_from_mode(u32 mode) {
  switch (mode & kModeTypeMask) {
    case kModeReg: return FileType::Regular;
    case kModeDir: return FileType::Directory;
    case kModeLink: return FileType::Symlink;
    case 0020000: return FileType::CharDev;
    case 0060000: return FileType::BlockDev;
    case 0010000: return FileType::Fifo;
    case 0140000: return FileType::Socket;
    default: return FileType::Unknown;
  }
}

}  // namespace sis::fs
