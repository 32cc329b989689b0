#include "lib/result.h"

#include "lib/assert.h"
#include "lib/format.h"

namespace sis {

const char* error_name(Error e) {
  switch (e) {
    case Error::Ok: return "ok";
    case Error::NotPermitted: return "operation not permitted";
    case Error::NoEntry: return "no such entry";
    case Error::NoProcess: return "no such process";
    case Error::Interrupted: return "interrupted by a signal";
    case Error::Io: return "I/O error";
    case Error::BadFd: return "bad file descriptor";
    case Error::NoChild: return "no child processes";
    case Error::WouldBlock: return "would block";
    case Error::TooBig: return "too big";
    case Error::BadFormat: return "bad format";
    case Error::NoMemory: return "out of memory";
    case Error::Access: return "permission denied";
    case Error::Fault: return "bad address";
    case Error::Busy: return "busy";
    case Error::Exists: return "already exists";
    case Error::CrossDevice: return "cross-device link";
    case Error::NotDir: return "not a directory";
    case Error::IsDir: return "is a directory";
    case Error::Invalid: return "invalid argument";
    case Error::TooManyOpen: return "too many open files";
    case Error::NotTty: return "not a terminal";
    case Error::FileTooBig: return "file too large";
    case Error::NoSpace: return "no space left";
    case Error::NoSeek: return "illegal seek";
    case Error::TooManyLinks: return "too many links";
    case Error::ReadOnly: return "read-only";
    case Error::BrokenPipe: return "broken pipe";
    case Error::Range: return "out of range";
    case Error::NameTooLong: return "file name too long (a path component is at most 255 bytes)";
    case Error::PathTooLong: return "path too long (at most 4095 bytes)";
    case Error::NoSys: return "function not implemented";
    case Error::NotEmpty: return "directory not empty";
    case Error::Loop: return "too many levels of symbolic links";
    case Error::NotSupported: return "not supported";
    case Error::ConnectionReset: return "connection reset by peer";
    case Error::TimedOut: return "timed out";
    case Error::Corrupt: return "corrupt data";
  }
  return "unknown error";
}

void must_failed(Error e, const char* expr, const char* file, int line, const char* function) {
  static char what[256];  // a failure stops everything: one buffer is enough
  format(what, sizeof(what), "MUST(%s): %s", expr, error_name(e));
  assertion_failed(what, file, line, function);
}

}  // namespace sis
