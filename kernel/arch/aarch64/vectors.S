// Exception vector table. Every entry saves a full TrapFrame (trap_frame.h) on the current
// stack and calls trap_dispatch(frame, kind) in C++; the frame also holds a frame record
// {interrupted x29, elr} so a backtrace from a handler continues into the interrupted code.
// An exception from EL0 arrives on the thread's kernel stack (SP_EL1); its frame's sp is
// the user's SP_EL0, which the way back restores. sis_trap_return is also where a user
// process starts: enter_user points sp at a prepared frame and jumps there.

#define FRAME_SIZE 320

.macro VENTRY kind, common
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x0, #\kind
    b       \common
.endm

.macro SAVE_X2_TO_X29
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
.endm

.section .text.vectors, "ax"
.balign 0x800
.global exception_vectors
exception_vectors:
    VENTRY 0, trap_common
    VENTRY 1, trap_common
    VENTRY 2, trap_common
    VENTRY 3, trap_common
    VENTRY 4, trap_common
    VENTRY 5, trap_common
    VENTRY 6, trap_common
    VENTRY 7, trap_common
    VENTRY 8, trap_common_el0
    VENTRY 9, trap_common_el0
    VENTRY 10, trap_common_el0
    VENTRY 11, trap_common_el0
    VENTRY 12, trap_common_el0
    VENTRY 13, trap_common_el0
    VENTRY 14, trap_common_el0
    VENTRY 15, trap_common_el0

trap_common_el0:
    SAVE_X2_TO_X29
    mrs     x1, sp_el0
    stp     x30, x1, [sp, #240]       // x30, the user's sp
    b       trap_save_rest

trap_common:
    SAVE_X2_TO_X29
    add     x1, sp, #FRAME_SIZE
    stp     x30, x1, [sp, #240]       // x30, sp before the exception
trap_save_rest:
    mrs     x2, elr_el1
    mrs     x3, spsr_el1
    stp     x2, x3, [sp, #256]
    mrs     x4, esr_el1
    mrs     x5, far_el1
    stp     x4, x5, [sp, #272]
    stp     x29, x2, [sp, #288]       // frame record for the unwinder
    add     x29, sp, #288

    mov     x1, x0
    mov     x0, sp
    bl      trap_dispatch

.global sis_trap_return
sis_trap_return:
    ldp     x2, x3, [sp, #256]
    msr     elr_el1, x2
    msr     spsr_el1, x3
    tst     x3, #0xf                  // SPSR.M[3:0] == 0: returning to EL0t
    b.ne    1f
    ldr     x2, [sp, #248]
    msr     sp_el0, x2
1:
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #FRAME_SIZE
    eret

// enter_user(frame): x0 = a TrapFrame at the top of this thread's kernel stack, with
// interrupts masked. Never returns.
.global sis_enter_user
sis_enter_user:
    mov     sp, x0
    b       sis_trap_return
