// Thread context switch and FP/SIMD register file save/restore (see arch.h).
//
// context_switch(prev, next): x0 = &prev->ThreadContext, x1 = &next->ThreadContext.
// Layout: x19..x28 at 0..72, x29 at 80, x30 at 88, sp at 96. Only callee-saved state is
// kept: the caller of context_switch (the scheduler) is an ordinary C++ function, so
// everything else is dead or already spilled. Interrupted state lives in the TrapFrame
// on the thread's own stack, beneath this frame.

.section .text, "ax"

.global sis_context_switch
.type sis_context_switch, %function
sis_context_switch:
    stp     x19, x20, [x0, #0]
    stp     x21, x22, [x0, #16]
    stp     x23, x24, [x0, #32]
    stp     x25, x26, [x0, #48]
    stp     x27, x28, [x0, #64]
    stp     x29, x30, [x0, #80]
    mov     x9, sp
    str     x9, [x0, #96]

    ldp     x19, x20, [x1, #0]
    ldp     x21, x22, [x1, #16]
    ldp     x23, x24, [x1, #32]
    ldp     x25, x26, [x1, #48]
    ldp     x27, x28, [x1, #64]
    ldp     x29, x30, [x1, #80]
    ldr     x9, [x1, #96]
    mov     sp, x9
    ret
.size sis_context_switch, . - sis_context_switch

// First "return" of a new thread: x19 = entry, x20 = arg (from context_init). The frame
// chain ends here (x29 = 0) so backtraces stop cleanly.
.global sis_thread_trampoline
.type sis_thread_trampoline, %function
sis_thread_trampoline:
    mov     x29, xzr
    mov     x30, xzr
    mov     x0, x20
    blr     x19
1:  wfe                              // entry functions never return
    b       1b
.size sis_thread_trampoline, . - sis_thread_trampoline

// fp_save(FpState*): q0-q31 at 0..511, FPSR at 512, FPCR at 520.
.global sis_fp_save
.type sis_fp_save, %function
sis_fp_save:
    stp     q0, q1, [x0, #0]
    stp     q2, q3, [x0, #32]
    stp     q4, q5, [x0, #64]
    stp     q6, q7, [x0, #96]
    stp     q8, q9, [x0, #128]
    stp     q10, q11, [x0, #160]
    stp     q12, q13, [x0, #192]
    stp     q14, q15, [x0, #224]
    stp     q16, q17, [x0, #256]
    stp     q18, q19, [x0, #288]
    stp     q20, q21, [x0, #320]
    stp     q22, q23, [x0, #352]
    stp     q24, q25, [x0, #384]
    stp     q26, q27, [x0, #416]
    stp     q28, q29, [x0, #448]
    stp     q30, q31, [x0, #480]
    mrs     x1, fpsr
    mrs     x2, fpcr
    add     x0, x0, #512
    stp     x1, x2, [x0]
    ret
.size sis_fp_save, . - sis_fp_save

.global sis_fp_restore
.type sis_fp_restore, %function
sis_fp_restore:
    ldp     q0, q1, [x0, #0]
    ldp     q2, q3, [x0, #32]
    ldp     q4, q5, [x0, #64]
    ldp     q6, q7, [x0, #96]
    ldp     q8, q9, [x0, #128]
    ldp     q10, q11, [x0, #160]
    ldp     q12, q13, [x0, #192]
    ldp     q14, q15, [x0, #224]
    ldp     q16, q17, [x0, #256]
    ldp     q18, q19, [x0, #288]
    ldp     q20, q21, [x0, #320]
    ldp     q22, q23, [x0, #352]
    ldp     q24, q25, [x0, #384]
    ldp     q26, q27, [x0, #416]
    ldp     q28, q29, [x0, #448]
    ldp     q30, q31, [x0, #480]
    add     x0, x0, #512
    ldp     x1, x2, [x0]
    msr     fpsr, x1
    msr     fpcr, x2
    ret
.size sis_fp_restore, . - sis_fp_restore

// fp_fill(seed): q_i = {lo = seed + i, hi = ~(seed + i)} for i = 0..31.
.macro FILL n
    add     x1, x0, #\n
    mvn     x2, x1
    fmov    d\n, x1
    mov     v\n\().d[1], x2
.endm
.global sis_fp_fill
.type sis_fp_fill, %function
sis_fp_fill:
    FILL 0
    FILL 1
    FILL 2
    FILL 3
    FILL 4
    FILL 5
    FILL 6
    FILL 7
    FILL 8
    FILL 9
    FILL 10
    FILL 11
    FILL 12
    FILL 13
    FILL 14
    FILL 15
    FILL 16
    FILL 17
    FILL 18
    FILL 19
    FILL 20
    FILL 21
    FILL 22
    FILL 23
    FILL 24
    FILL 25
    FILL 26
    FILL 27
    FILL 28
    FILL 29
    FILL 30
    FILL 31
    ret
.size sis_fp_fill, . - sis_fp_fill

// fp_check(seed) -> number of q registers that differ from what fp_fill(seed) wrote.
.macro CHECK n
    add     x1, x0, #\n
    mvn     x2, x1
    fmov    x3, d\n
    mov     x4, v\n\().d[1]
    cmp     x3, x1
    ccmp    x4, x2, #0, eq
    cinc    x5, x5, ne
.endm
.global sis_fp_check
.type sis_fp_check, %function
sis_fp_check:
    mov     x5, #0
    CHECK 0
    CHECK 1
    CHECK 2
    CHECK 3
    CHECK 4
    CHECK 5
    CHECK 6
    CHECK 7
    CHECK 8
    CHECK 9
    CHECK 10
    CHECK 11
    CHECK 12
    CHECK 13
    CHECK 14
    CHECK 15
    CHECK 16
    CHECK 17
    CHECK 18
    CHECK 19
    CHECK 20
    CHECK 21
    CHECK 22
    CHECK 23
    CHECK 24
    CHECK 25
    CHECK 26
    CHECK 27
    CHECK 28
    CHECK 29
    CHECK 30
    CHECK 31
    mov     w0, w5
    ret
.size sis_fp_check, . - sis_fp_check

.global sis_fp_touch
.type sis_fp_touch, %function
sis_fp_touch:
    fmov    d16, x0
    ret
.size sis_fp_touch, . - sis_fp_touch
