// Lock annotations for clang's thread-safety analysis (-Wthread-safety, on for the kernel
// build, where its warnings are errors). They say which lock guards which data and which
// functions expect a lock held, so the compiler checks what comments used to promise.
// Empty for compilers without the attributes (the host's gcc): the runtime owner checks in
// core/spinlock.h still apply there.
//
//   SIS_CAPABILITY("spinlock")   on a lock type           SIS_GUARDED_BY(l)  on a field
//   SIS_SCOPED_CAPABILITY        on a scoped holder        SIS_PT_GUARDED_BY(l): pointee
//   SIS_ACQUIRE(l) / SIS_RELEASE(l) / SIS_TRY_ACQUIRE(ok, l)   on lock/unlock functions
//   SIS_REQUIRES(l)   the caller must hold l     SIS_EXCLUDES(l)  the caller must not
//   SIS_ASSERT_CAPABILITY(l)   a runtime check that l is held (assert_held)
//   SIS_RETURN_CAPABILITY(l)   a function returns a reference to lock l
//   SIS_NO_THREAD_SAFETY_ANALYSIS   opt a function out -- always with a comment saying why
#pragma once

#if defined(__clang__)
#define SIS_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define SIS_THREAD_ANNOTATION(x)
#endif

#define SIS_CAPABILITY(x) SIS_THREAD_ANNOTATION(capability(x))
#define SIS_SCOPED_CAPABILITY SIS_THREAD_ANNOTATION(scoped_lockable)
#define SIS_GUARDED_BY(x) SIS_THREAD_ANNOTATION(guarded_by(x))
#define SIS_PT_GUARDED_BY(x) SIS_THREAD_ANNOTATION(pt_guarded_by(x))
#define SIS_ACQUIRE(...) SIS_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define SIS_RELEASE(...) SIS_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define SIS_TRY_ACQUIRE(...) SIS_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define SIS_REQUIRES(...) SIS_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define SIS_EXCLUDES(...) SIS_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define SIS_ASSERT_CAPABILITY(x) SIS_THREAD_ANNOTATION(assert_capability(x))
#define SIS_RETURN_CAPABILITY(x) SIS_THREAD_ANNOTATION(lock_returned(x))
#define SIS_NO_THREAD_SAFETY_ANALYSIS SIS_THREAD_ANNOTATION(no_thread_safety_analysis)
