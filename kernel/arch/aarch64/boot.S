// Kernel entry. QEMU (or any Linux-style loader) loads the image using the arm64 Image
// header below and enters at offset 0 with x0 = physical address of the device tree,
// MMU off, at EL2 or EL1. We drop to EL1, set up the boot stack, clear .bss, enable FP/SIMD
// access, install the vectors, turn the MMU on with a minimal map (mmu_early_enable) and
// call kmain(dtb).

.section .text.boot, "ax"
.global _start
_start:
    // arm64 Image header (Documentation/arch/arm64/booting.rst)
    b       entry                 // code0
    .word   0                     // code1
    .quad   0x80000               // text_offset: loaded 512 KiB above a 2 MiB boundary
    .quad   __image_size          // image_size including .bss
    .quad   0x2                   // flags: little endian, 4 KiB pages, base near DRAM start
    .quad   0, 0, 0               // reserved
    .ascii  "ARM\x64"             // magic
    .word   0                     // no PE header

entry:
    mov     x19, x0               // keep the DTB pointer across everything below
    msr     daifset, #0xf

    mrs     x1, CurrentEL
    lsr     x1, x1, #2
    cmp     x1, #2
    b.ne    at_el1
    // EL2 -> EL1: AArch64 EL1, timer and counter accessible from EL1.
    mov     x1, #(1 << 31)        // HCR_EL2.RW
    msr     hcr_el2, x1
    mrs     x1, cnthctl_el2
    orr     x1, x1, #3            // EL1PCTEN | EL1PCEN
    msr     cnthctl_el2, x1
    msr     cntvoff_el2, xzr
    mov     x1, #0x3c5            // EL1h, DAIF masked
    msr     spsr_el2, x1
    adr     x1, at_el1
    msr     elr_el2, x1
    eret

at_el1:
    // This image is linked at a fixed address; refuse to run anywhere else.
    adr     x1, _start
    ldr     x2, =_start
    cmp     x1, x2
    b.ne    park

    ldr     x1, =__boot_stack_top
    mov     sp, x1

    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:
    mov     x1, #(3 << 20)        // CPACR_EL1.FPEN: no trapping of FP/SIMD
    msr     cpacr_el1, x1
    ldr     x1, =exception_vectors
    msr     vbar_el1, x1
    isb

    mov     x29, xzr              // end of the frame-pointer chain for backtraces
    mov     x30, xzr
    mov     x0, x19
    bl      mmu_early_enable
    mov     x0, x19
    bl      kmain
park:
    wfe
    b       park
