// Exception dispatch, and the description of any exception the kernel does not expect: its
// type, ESR decoded, FAR, SPSR, all registers. The fatal-exception handler (core's panic path)
// prints it with ELR, LR and a backtrace symbolized; arch does not include the layers above it.
#include "arch/aarch64/trap_frame.h"
#include "arch/arch.h"
#include "lib/format.h"

namespace sis::arch {

void gic_handle_irq();
extern void (*fp_trap_handler)();  // thread.cpp
extern void (*irq_exit_hook)();
extern UserHooks user_hooks;  // user.cpp
// The frame of the IRQ being handled (nullptr outside one): the profiler's sample handler
// reads the interrupted pc and frame pointer from it (prof_sampler.cpp).
TrapFrame* irq_frame = nullptr;

namespace {

const char* kind_name(u64 kind) {
  static const char* const names[] = {
      "Synchronous (EL1t)", "IRQ (EL1t)", "FIQ (EL1t)", "SError (EL1t)",
      "Synchronous (EL1h)", "IRQ (EL1h)", "FIQ (EL1h)", "SError (EL1h)",
      "Synchronous (EL0, AArch64)", "IRQ (EL0, AArch64)", "FIQ (EL0, AArch64)", "SError (EL0, AArch64)",
      "Synchronous (EL0, AArch32)", "IRQ (EL0, AArch32)", "FIQ (EL0, AArch32)", "SError (EL0, AArch32)"};
  return kind < 16 ? names[kind] : "unknown";
}

const char* ec_name(u32 ec) {
  switch (ec) {
    case 0x00: return "unknown reason (undefined instruction?)";
    case 0x01: return "WFI/WFE trapped";
    case 0x07: return "FP/SIMD access trapped";
    case 0x0e: return "illegal execution state";
    case 0x15: return "SVC from AArch64";
    case 0x16: return "HVC from AArch64";
    case 0x17: return "SMC from AArch64";
    case 0x18: return "MSR/MRS/system instruction trapped";
    case 0x20: return "instruction abort from a lower EL";
    case 0x21: return "instruction abort (same EL)";
    case 0x22: return "PC alignment fault";
    case 0x24: return "data abort from a lower EL";
    case 0x25: return "data abort (same EL)";
    case 0x26: return "SP alignment fault";
    case 0x2c: return "floating-point exception";
    case 0x2f: return "SError";
    case 0x30: case 0x31: return "breakpoint";
    case 0x32: case 0x33: return "software step";
    case 0x34: case 0x35: return "watchpoint";
    case 0x3c: return "BRK instruction";
    default: return "other";
  }
}

const char* fault_status(u32 fsc) {
  switch (fsc & 0x3c) {
    case 0x04: return "translation fault";
    case 0x08: return "access flag fault";
    case 0x0c: return "permission fault";
    default: break;
  }
  if (fsc == 0x00 || fsc == 0x01 || fsc == 0x02 || fsc == 0x03) return "address size fault";
  if (fsc == 0x10) return "synchronous external abort";
  if (fsc == 0x21) return "alignment fault";
  if (fsc == 0x30) return "TLB conflict abort";
  return "other fault";
}

void (*fatal_handler)(const FatalException& e) = nullptr;

[[noreturn]] void report(const TrapFrame& f, u64 kind) {
  u32 ec = static_cast<u32>(f.esr >> 26) & 0x3f;
  static char title[96], status[256], registers[1024];
  format(title, sizeof(title), "unexpected %s exception: %s", kind_name(kind), ec_name(ec));
  TextBuffer st(status, sizeof(status));
  st.appendf("ESR  0x%016llx  (EC 0x%02x, IL %u, ISS 0x%07llx)\n", static_cast<unsigned long long>(f.esr), ec,
             static_cast<unsigned>((f.esr >> 25) & 1), static_cast<unsigned long long>(f.esr & 0x1ffffff));
  if (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25) {
    u32 fsc = static_cast<u32>(f.esr & 0x3f);
    bool is_data = ec == 0x24 || ec == 0x25;
    st.appendf("     %s at level %u%s\n", fault_status(fsc), fsc & 3,
               is_data ? ((f.esr >> 6) & 1 ? ", on a write" : ", on a read") : "");
  }
  st.appendf("FAR  0x%016llx\n", static_cast<unsigned long long>(f.far));
  TextBuffer regs(registers, sizeof(registers));
  regs.appendf("SPSR 0x%016llx  SP 0x%016llx\n", static_cast<unsigned long long>(f.spsr),
               static_cast<unsigned long long>(f.sp));
  for (int i = 0; i < 31; i += 2) {
    if (i == 30) regs.appendf("x30 0x%016llx\n", static_cast<unsigned long long>(f.x[30]));
    else regs.appendf("x%-2d 0x%016llx  x%-2d 0x%016llx\n", i, static_cast<unsigned long long>(f.x[i]), i + 1,
                      static_cast<unsigned long long>(f.x[i + 1]));
  }
  FatalException e{title, st.c_str(), regs.c_str(), f.elr, f.x[30], reinterpret_cast<uptr>(&f.frame_fp)};
  if (fatal_handler) fatal_handler(e);  // does not return
  halt();
}

}  // namespace

void set_fatal_exception_handler(void (*handler)(const FatalException& e)) { fatal_handler = handler; }

namespace {

UserException decode_user(const TrapFrame& f) {
  u32 ec = static_cast<u32>(f.esr >> 26) & 0x3f;
  UserException e{UserTrap::Other, f.elr, false, false, false, f.esr};
  u32 fsc = static_cast<u32>(f.esr & 0x3f);
  switch (ec) {
    case 0x15: e.trap = UserTrap::Syscall; break;
    case 0x24:
    case 0x20:
      e.trap = ec == 0x24 ? UserTrap::DataAbort : UserTrap::InstructionAbort;
      e.addr = f.far;
      e.write = ec == 0x24 && ((f.esr >> 6) & 1);
      e.permission = (fsc & 0x3c) == 0x0c;
      e.alignment = fsc == 0x21;
      break;
    case 0x00: case 0x0e: case 0x18: e.trap = UserTrap::Undefined; break;
    case 0x22: e.trap = UserTrap::PcAlignment; e.addr = f.far; break;
    case 0x26: e.trap = UserTrap::SpAlignment; e.addr = f.sp; break;
    case 0x3c: case 0x30: case 0x32: case 0x34: e.trap = UserTrap::Breakpoint; break;
    default: break;
  }
  return e;
}

// From EL0: hand the trap to proc, then let proc deliver signals before going back. An
// exception from user mode without hooks is a kernel bug (nothing can run at EL0 before
// proc installs them).
void from_user(TrapFrame* frame, u64 kind) {
  if (!user_hooks.trap) report(*frame, kind);
  if (kind == static_cast<u64>(TrapKind::IrqLower64)) {
    irq_frame = frame;
    gic_handle_irq();
    irq_frame = nullptr;
    if (irq_exit_hook) irq_exit_hook();
  } else if (kind == static_cast<u64>(TrapKind::SyncLower64) && ((frame->esr >> 26) & 0x3f) == 0x07) {
    if (fp_trap_handler) fp_trap_handler();
  } else if (kind == static_cast<u64>(TrapKind::SyncLower64)) {
    user_hooks.trap(frame, decode_user(*frame));
  } else if (kind == static_cast<u64>(TrapKind::SyncLower32)) {
    UserException e{UserTrap::Undefined, frame->elr, false, false, false, frame->esr};
    user_hooks.trap(frame, e);  // no AArch32 at EL0: the process gets SIGILL
  } else if (kind == static_cast<u64>(TrapKind::FiqLower64) || kind == static_cast<u64>(TrapKind::IrqLower32) ||
             kind == static_cast<u64>(TrapKind::FiqLower32)) {
    gic_handle_irq();
  } else {
    report(*frame, kind);  // SError: the machine is in trouble, not the program
  }
  if (user_hooks.leaving) user_hooks.leaving(frame);
}

}  // namespace

extern "C" void trap_dispatch(TrapFrame* frame, u64 kind) {
  if (kind >= static_cast<u64>(TrapKind::SyncLower64)) {
    from_user(frame, kind);
    return;
  }
  switch (static_cast<TrapKind>(kind)) {
    case TrapKind::IrqCurrentSpx:
    case TrapKind::IrqLower64:
      irq_frame = frame;
      gic_handle_irq();
      irq_frame = nullptr;
      // Preemption point: the handler and EOI are done; a switch here resumes this thread
      // later, returning through the same frame.
      if (irq_exit_hook) irq_exit_hook();
      return;
    case TrapKind::SyncCurrentSpx:
      // FP/SIMD access trapped by CPACR_EL1.FPEN (lazy FP switching): load this thread's
      // registers and rerun the instruction.
      if (((frame->esr >> 26) & 0x3f) == 0x07 && fp_trap_handler) {
        fp_trap_handler();
        return;
      }
      report(*frame, kind);
    default:
      report(*frame, kind);
  }
}

}  // namespace sis::arch
