// Errors are values: every fallible kernel function returns Error or Result<T>.
// Codes are POSIX-like so that later layers (VFS, syscalls) can pass them straight through.
// TRY(expr) propagates a failure to the caller (the one way to do it in the kernel; modelled
// on SerenityOS AK/Try.h): `u32 n = TRY(read_count());`, `TRY(flush());`. MUST(expr) is for
// the few calls that cannot fail unless the kernel itself is broken: it stops with a report.
#pragma once
#include "lib/types.h"

namespace sis {

enum class Error : i32 {
  Ok = 0,
  NotPermitted = 1,   // EPERM
  NoEntry = 2,        // ENOENT
  NoProcess = 3,      // ESRCH
  Interrupted = 4,    // EINTR: a signal arrived while blocked
  Io = 5,             // EIO
  BadFd = 9,          // EBADF
  NoChild = 10,       // ECHILD
  WouldBlock = 11,    // EAGAIN
  TooBig = 7,         // E2BIG
  BadFormat = 8,      // ENOEXEC: input is not in the expected format
  NoMemory = 12,      // ENOMEM
  Access = 13,        // EACCES
  Fault = 14,         // EFAULT: a bad user pointer
  Busy = 16,          // EBUSY
  Exists = 17,        // EEXIST
  CrossDevice = 18,   // EXDEV
  NotDir = 20,        // ENOTDIR
  IsDir = 21,         // EISDIR
  Invalid = 22,       // EINVAL
  TooManyOpen = 24,   // EMFILE
  NotTty = 25,        // ENOTTY
  FileTooBig = 27,    // EFBIG: beyond the file system's largest file size
  NoSpace = 28,       // ENOSPC
  NoSeek = 29,        // ESPIPE
  TooManyLinks = 31,  // EMLINK
  ReadOnly = 30,      // EROFS
  BrokenPipe = 32,    // EPIPE
  Range = 34,         // ERANGE
  NameTooLong = 36,   // ENAMETOOLONG: a path component longer than NAME_MAX (255)
  NoSys = 38,         // ENOSYS
  NotEmpty = 39,      // ENOTEMPTY
  Loop = 40,          // ELOOP: too many symbolic links or a directory cycle
  NotSupported = 95,  // EOPNOTSUPP
  ConnectionReset = 104,  // ECONNRESET: the peer reset the connection
  TimedOut = 110,     // ETIMEDOUT
  Corrupt = 117,      // EUCLEAN: checksum or structure check failed
  // ENAMETOOLONG for a whole path (PATH_MAX, 4096 with the NUL): its own value so that the
  // message can say which limit was hit.
  PathTooLong = 1036,
};

const char* error_name(Error e);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(value), error_(Error::Ok) {}  // NOLINT: implicit on purpose
  Result(Error e) : value_(), error_(e) {}               // NOLINT
  bool ok() const { return error_ == Error::Ok; }
  explicit operator bool() const { return ok(); }
  Error error() const { return error_; }
  const T& value() const { return value_; }
  T& value() { return value_; }
  const T* operator->() const { return &value_; }
  T value_or(T fallback) const { return ok() ? value_ : fallback; }

 private:
  T value_;
  Error error_;
};

// MUST's failure report (lib/result.cpp): "MUST(expr): <error name>" through assertion_failed.
[[noreturn]] void must_failed(Error e, const char* expr, const char* file, int line, const char* function);

// What TRY and MUST need to treat Error and Result<T> alike.
namespace detail {
inline bool try_ok(Error e) { return e == Error::Ok; }
template <typename T>
bool try_ok(const Result<T>& r) { return r.ok(); }
inline Error try_error(Error e) { return e; }
template <typename T>
Error try_error(const Result<T>& r) { return r.error(); }
inline void try_value(Error) {}
template <typename T>
T try_value(Result<T>& r) { return static_cast<T&&>(r.value()); }
template <typename T>
T try_value(const Result<T>& r) { return r.value(); }
}  // namespace detail

}  // namespace sis

// TRY(expr): expr yields an Error or a Result<T>. On failure the enclosing function returns
// the error (its return type must be Error or some Result<U>); on success the TRY expression
// has the Result's value (void for an Error). A GNU statement expression, which clang and gcc
// both accept, so that TRY can stand inside an initialiser.
#define TRY(expr)                                                        \
  ({                                                                     \
    auto&& sis_try_result_ = (expr);                                     \
    if (!::sis::detail::try_ok(sis_try_result_))                         \
      return ::sis::detail::try_error(sis_try_result_);                  \
    ::sis::detail::try_value(sis_try_result_);                           \
  })

// MUST(expr): like TRY, but a failure is a kernel bug, not something to hand back: it stops
// with a report naming the expression and the error (SIS_ASSERT's path; always evaluated,
// whatever SIS_ASSERTS says). Use it where no caller could do anything but give up.
#define MUST(expr)                                                                       \
  ({                                                                                     \
    auto&& sis_must_result_ = (expr);                                                    \
    if (!::sis::detail::try_ok(sis_must_result_))                                        \
      ::sis::must_failed(::sis::detail::try_error(sis_must_result_), #expr, __FILE__, __LINE__, \
                         __PRETTY_FUNCTION__);                                           \
    ::sis::detail::try_value(sis_must_result_);                                          \
  })
