// SpinLock: a test-and-test-and-set lock that also masks interrupts on this CPU while held,
// so code that runs in interrupt handlers may take it too. One CPU today, SMP-ready: the
// flag is an atomic with acquire/release ordering. Not recursive; hold it briefly.
// On the host (SIS_HOST) there are no interrupts to mask and only the atomic flag remains.
#pragma once
#include "lib/types.h"
#ifndef SIS_HOST
#include "arch/arch.h"
#endif

namespace sis {

class SpinLock {
 public:
  // Returns the interrupt state to give back to unlock().
  u64 lock() {
    u64 state = save_irqs();
    while (__atomic_exchange_n(&locked_, true, __ATOMIC_ACQUIRE)) {
      while (__atomic_load_n(&locked_, __ATOMIC_RELAXED)) {
      }
    }
    return state;
  }
  void unlock(u64 state) {
    __atomic_store_n(&locked_, false, __ATOMIC_RELEASE);
    restore_irqs(state);
  }
  bool is_locked() const { return __atomic_load_n(&locked_, __ATOMIC_RELAXED); }

 private:
#ifdef SIS_HOST
  static u64 save_irqs() { return 0; }
  static void restore_irqs(u64) {}
#else
  static u64 save_irqs() { return arch::irq_save(); }
  static void restore_irqs(u64 s) { arch::irq_restore(s); }
#endif
  bool locked_ = false;
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
class SpinLockGuard {
 public:
  explicit SpinLockGuard(SpinLock& l) : lock_(l), state_(l.lock()) {}
  ~SpinLockGuard() { lock_.unlock(state_); }
  SpinLockGuard(const SpinLockGuard&) = delete;
  SpinLockGuard& operator=(const SpinLockGuard&) = delete;

 private:
  SpinLock& lock_;
  u64 state_;
};

}  // namespace sis
