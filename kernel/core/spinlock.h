// SpinLock: a test-and-test-and-set lock that also masks interrupts on this CPU while held,
// so code that runs in interrupt handlers may take it too. One CPU today, SMP-ready: the
// flag is an atomic with acquire/release ordering. Not recursive; hold it briefly.
// On the host (SIS_HOST) there are no interrupts to mask and only the atomic flag remains.
//
// Layer: core (above arch, whose interrupt masking and CPU id it uses).
//
// Owner checks (SIS_ASSERT, lib/assert.h): the lock records who holds it -- in the kernel
// this CPU (arch::cpu_id: a thread that blocks or switches with a run-queue lock held hands
// it to the next thread on the same CPU, so the CPU is the owner, not the thread), on the
// host the calling thread. lock() on a lock this CPU already holds would spin forever
// (interrupts are masked, nothing can release it), so it stops with a report instead;
// unlock() by a CPU that does not hold the lock is a bug too. Code that needs a lock held
// says so with lock.assert_held() rather than in a comment.
//
// SpinLock is a capability for clang's thread-safety analysis (lib/thread_safety.h): fields
// say SIS_GUARDED_BY(lock_), functions that expect it held say SIS_REQUIRES(lock_), and the
// kernel build rejects code that touches guarded data without the lock.
#pragma once
#include "lib/assert.h"
#include "lib/thread_safety.h"
#include "lib/types.h"
#ifndef SIS_HOST
#include "arch/arch.h"
#endif

namespace sis {

class SIS_CAPABILITY("spinlock") SpinLock {
 public:
  // Returns the interrupt state to give back to unlock().
  u64 lock() SIS_ACQUIRE() {
    u64 state = save_irqs();
    uptr me = self();
    SIS_ASSERT_MSG(owner() != me, "spinlock already held by this CPU (taking it again would deadlock)");
    while (__atomic_exchange_n(&locked_, true, __ATOMIC_ACQUIRE)) {
      while (__atomic_load_n(&locked_, __ATOMIC_RELAXED)) {
      }
    }
    __atomic_store_n(&owner_, me, __ATOMIC_RELAXED);
    return state;
  }
  void unlock(u64 state) SIS_RELEASE() {
    SIS_ASSERT_MSG(owner() == self(), "spinlock released by a CPU that does not hold it");
    __atomic_store_n(&owner_, kNoOwner, __ATOMIC_RELAXED);
    __atomic_store_n(&locked_, false, __ATOMIC_RELEASE);
    restore_irqs(state);
  }
  bool is_locked() const { return __atomic_load_n(&locked_, __ATOMIC_RELAXED); }
  // True when this CPU (host: this thread) holds the lock. Only the holder writes its own id
  // into owner_ and clears it before releasing, so the answer is exact for the caller.
  bool held_by_me() const { return owner() == self(); }
  // Reports the caller's file:line and function (the function that expects the lock).
  void assert_held(const char* file = __builtin_FILE(), int line = __builtin_LINE(),
                   const char* function = __builtin_FUNCTION()) const SIS_ASSERT_CAPABILITY(this) {
#if SIS_ASSERTS
    if (__builtin_expect(!held_by_me(), 0))
      assertion_failed("assert_held() -- spinlock not held by this CPU", file, line, function);
#else
    (void)file, (void)line, (void)function;
#endif
  }

 private:
  // 0 is "nobody", so a zero-filled SpinLock is a free one (CPU n is stored as n + 1).
  static constexpr uptr kNoOwner = 0;
  uptr owner() const { return __atomic_load_n(&owner_, __ATOMIC_RELAXED); }
#ifdef SIS_HOST
  static u64 save_irqs() { return 0; }
  static void restore_irqs(u64) {}
  // A per-thread token: the address of a thread-local byte.
  static uptr self() {
    static thread_local char token;
    return reinterpret_cast<uptr>(&token);
  }
#else
  static u64 save_irqs() { return arch::irq_save(); }
  static void restore_irqs(u64 s) { arch::irq_restore(s); }
  static uptr self() { return uptr{arch::cpu_id()} + 1; }
#endif
  bool locked_ = false;
  uptr owner_ = kNoOwner;
};

// Masks interrupts on this CPU for a scope (per-CPU data needs no lock, only no preemption
// by an interrupt handler on the same CPU). A no-op on the host.
class IrqGuard {
 public:
#ifdef SIS_HOST
  IrqGuard() {}
#else
  IrqGuard() : state_(arch::irq_save()) {}
  ~IrqGuard() { arch::irq_restore(state_); }

 private:
  u64 state_;
#endif
};

// Scoped holder: `SpinLockGuard g(lock);`
class SIS_SCOPED_CAPABILITY SpinLockGuard {
 public:
  explicit SpinLockGuard(SpinLock& l) SIS_ACQUIRE(l) : lock_(l), state_(l.lock()) {}
  ~SpinLockGuard() SIS_RELEASE() { lock_.unlock(state_); }
  SpinLockGuard(const SpinLockGuard&) = delete;
  SpinLockGuard& operator=(const SpinLockGuard&) = delete;

 private:
  SpinLock& lock_;
  u64 state_;
};

}  // namespace sis
