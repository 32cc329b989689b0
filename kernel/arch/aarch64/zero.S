// Page zeroing with NEON stores and with DC ZVA, for arch::zero_neon / arch::zero_dczva
// (zero.cpp wraps them). The rest of the kernel is built with -mgeneral-regs-only; this is
// the one place that touches v registers, and it restores the two it uses before returning.
// Both take x0 = address (64-byte aligned), x1 = bytes (a non-zero multiple of 64).

.text
.global sis_zero_neon
.type sis_zero_neon, %function
sis_zero_neon:
    stp     q0, q1, [sp, #-32]!
    movi    v0.16b, #0
    movi    v1.16b, #0
1:  stp     q0, q1, [x0]
    stp     q0, q1, [x0, #32]
    add     x0, x0, #64
    subs    x1, x1, #64
    b.hi    1b
    ldp     q0, q1, [sp], #32
    ret
.size sis_zero_neon, . - sis_zero_neon

.global sis_zero_dczva
.type sis_zero_dczva, %function
sis_zero_dczva:
    mrs     x2, dczid_el0
    tbnz    x2, #4, 3f            // DZP: DC ZVA prohibited, use plain stores
    and     x2, x2, #0xf
    mov     x3, #4
    lsl     x3, x3, x2            // block size in bytes = 4 << BS
2:  dc      zva, x0
    add     x0, x0, x3
    subs    x1, x1, x3
    b.hi    2b
    ret
3:  stp     xzr, xzr, [x0]
    stp     xzr, xzr, [x0, #16]
    stp     xzr, xzr, [x0, #32]
    stp     xzr, xzr, [x0, #48]
    add     x0, x0, #64
    subs    x1, x1, #64
    b.hi    3b
    ret
.size sis_zero_dczva, . - sis_zero_dczva
