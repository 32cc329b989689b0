// System register access for aarch64. Only files under kernel/arch/aarch64 include this.
#pragma once
#include "lib/types.h"

#define SIS_READ_SYSREG(name)                               \
  ({                                                        \
    ::sis::u64 v_;                                          \
    asm volatile("mrs %0, " #name : "=r"(v_)::"memory");    \
    v_;                                                     \
  })
#define SIS_WRITE_SYSREG(name, v) asm volatile("msr " #name ", %0" ::"r"(static_cast<::sis::u64>(v)) : "memory")

namespace sis::arch {

inline void isb() { asm volatile("isb" ::: "memory"); }
inline void dsb_sy() { asm volatile("dsb sy" ::: "memory"); }
inline void dsb_ish() { asm volatile("dsb ish" ::: "memory"); }
inline void dsb_ishst() { asm volatile("dsb ishst" ::: "memory"); }

template <typename T>
inline T mmio_read(uptr addr) {
  return *reinterpret_cast<volatile T*>(addr);
}
template <typename T>
inline void mmio_write(uptr addr, T v) {
  *reinterpret_cast<volatile T*>(addr) = v;
}

}  // namespace sis::arch
