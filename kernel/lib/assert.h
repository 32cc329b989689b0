// SIS_ASSERT: preconditions and invariants stated as checks, not comments. A failed check
// is a bug in the kernel, never bad input (bad input gets an Error): it stops everything
// with a report naming the expression, file:line and function.
//
// Compiled in by default, in the kernel and the host build alike (build with
// -DSIS_ASSERTS=0 to compile the checks out; the condition is then not evaluated, so it
// must have no side effects). lib is the lowest layer, so it only declares the failure
// handler: the kernel defines it on its panic path (core/panic.cpp: the report, a
// symbolized backtrace, halt), the host build prints the report and aborts
// (host/assertion_failed.cpp), which is what death tests look for.
#pragma once

#ifndef SIS_ASSERTS
#define SIS_ASSERTS 1
#endif

namespace sis {

[[noreturn]] void assertion_failed(const char* expr, const char* file, int line, const char* function);

}  // namespace sis

#if SIS_ASSERTS
#define SIS_ASSERT(cond) \
  (__builtin_expect(!!(cond), 1) ? (void)0 : ::sis::assertion_failed(#cond, __FILE__, __LINE__, __PRETTY_FUNCTION__))
// `msg` is a string literal saying what the failure means ("spinlock not held by this CPU").
#define SIS_ASSERT_MSG(cond, msg)                                                                       \
  (__builtin_expect(!!(cond), 1) ? (void)0                                                             \
                                 : ::sis::assertion_failed(#cond " -- " msg, __FILE__, __LINE__, \
                                                           __PRETTY_FUNCTION__))
#else
#define SIS_ASSERT(cond) ((void)sizeof(!(cond)))
#define SIS_ASSERT_MSG(cond, msg) ((void)sizeof(!(cond)))
#endif
