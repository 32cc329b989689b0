#include "lib/result.h"

namespace sis {

const char* error_name(Error e) {
  switch (e) {
    case Error::Ok: return "ok";
    case Error::NoEntry: return "no such entry";
    case Error::Io: return "I/O error";
    case Error::TooBig: return "too big";
    case Error::BadFormat: return "bad format";
    case Error::NoMemory: return "out of memory";
    case Error::Busy: return "busy";
    case Error::Exists: return "already exists";
    case Error::Invalid: return "invalid argument";
    case Error::NoSpace: return "no space left";
    case Error::ReadOnly: return "read-only";
    case Error::Range: return "out of range";
    case Error::NotSupported: return "not supported";
    case Error::TimedOut: return "timed out";
    case Error::Corrupt: return "corrupt data";
  }
  return "unknown error";
}

}  // namespace sis
