// The sampling profiler's kernel side: see profiler.h.
#include "prof/profiler.h"

#include "arch/arch.h"
#include "arch/aarch64/trap_frame.h"
#include "arch/sampling.h"
#include "core/boot_info.h"
#include "core/ksyms.h"
#include "lib/env.h"
#include "lib/new.h"
#include "lib/string.h"
#include "prof/frame_walk.h"
#include "prof/present_user_memory.h"
#include "prof/raw_profile.h"
#include "prof/report.h"
#include "prof/sample_ring.h"
#include "prof/symbol_names.h"
#include "proc/process.h"
#include "proc/user_symbols.h"
#include "sched/mutex.h"
#include "sched/scheduler.h"
#include "sched/thread.h"

extern "C" char __boot_stack_bottom[], __boot_stack_top[], __kernel_start[], __text_end[];

namespace sis::prof {
namespace {

constexpr usize kMaxCpus = 4;
constexpr usize kRingSlots = 256;         // 25 ms of samples at 10 kHz
constexpr u64 kDrainPeriodNs = 10'000'000;

SampleRing<kRingSlots> rings[kMaxCpus];
volatile u64 no_cpu_slot = 0;  // samples on a CPU beyond kMaxCpus (dropped)

sched::Mutex state_lock;
bool active = false;
StartOptions options;
u64 start_ns = 0;
sched::Thread* drain_thread = nullptr;
RawProfile raw;
u64 table_drops = 0;  // samples the raw table had no memory for
// The profiler's own cost while it runs: the sample handler by the generic counter (not the
// exception entry and exit around it), and the drain thread's run time as the scheduler
// accounts it (a timer around its work would also count the threads preempting it).
volatile u64 handler_ticks = 0;
u64 drain_run_ns = 0;

// The last stopped profile.
bool have_last = false;
Profile last;
TextBlob last_folded;
ReportTotals last_totals;

usize copy_name(char* dst, usize cap, const char* src, usize src_cap) {
  usize n = 0;
  while (n + 1 < cap && n < src_cap && src[n]) {
    dst[n] = src[n];
    ++n;
  }
  dst[n] = 0;
  return n;
}

// A user pc as a frame word: inside the program's image (as exec placed it) or unknown.
u64 user_frame_word(const proc::Process* p, u64 pc) {
  if (pc >= p->image_start && pc < p->image_end) return kUserFrame | (pc & kFrameValueMask);
  return kUnknownFrame;
}

// The user frames of an interrupted EL0 program, by frame records: pc first.
usize user_frames(const sched::Thread* t, const proc::Process* p, u64 pc, u64 fp, u64 lr, u64 sp, u64* out,
                  usize max) {
  if (!t->user_table.root) return 0;
  PresentUserMemory mem(t->user_table);
  u64 pcs[kMaxUserFrames];
  usize n = walk_user_stack(mem, pc, fp, lr, sp, 0, pcs, max < kMaxUserFrames ? max : kMaxUserFrames);
  for (usize i = 0; i < n; ++i) out[i] = user_frame_word(p, pcs[i]);
  return n;
}

// Below a system call (or a fault) from EL0: the kernel walk ended in the exception frame's
// record {user x29, elr} (vectors.S), which lies inside the thread's kernel stack [lo, hi);
// the frame around it holds the user's x29, x30 and sp. Writes the user frames after the
// user pc (which the kernel walk already wrote); 0 when the record is not an EL0 frame's.
usize syscall_user_frames(const sched::Thread* t, const proc::Process* p, u64 record, u64 user_pc, u64 lo, u64 hi,
                          u64* out, usize max) {
  constexpr u64 kRecordOffset = __builtin_offsetof(arch::TrapFrame, frame_fp);
  if (!p || record < lo + kRecordOffset) return 0;
  u64 at = record - kRecordOffset;
  if (at + sizeof(arch::TrapFrame) > hi) return 0;
  const auto* f = reinterpret_cast<const arch::TrapFrame*>(static_cast<uptr>(at));
  if ((f->spsr & 0xf) != 0 || f->elr != user_pc || f->frame_lr != user_pc) return 0;  // not from EL0t
  u64 frames[kMaxUserFrames];
  usize n = user_frames(t, p, f->elr, f->x[29], f->x[30], f->sp, frames, max + 1 < kMaxUserFrames ? max + 1 : kMaxUserFrames);
  for (usize i = 1; i < n; ++i) out[i - 1] = frames[i];
  return n ? n - 1 : 0;
}

// The sample interrupt: interrupts masked, on the interrupted thread's stack.
void record_sample(const arch::InterruptedContext& c);

void on_sample(const arch::InterruptedContext& c) {
  u64 t0 = arch::counter();
  record_sample(c);
  handler_ticks = handler_ticks + (arch::counter() - t0);
}

void record_sample(const arch::InterruptedContext& c) {
  auto* t = sched::current();
  if (!t) return;
  auto* p = static_cast<const proc::Process*>(t->process);
  if (options.target == Target::Kernel && c.user) return;
  if (options.target == Target::Pid && (!p || p->pid != options.pid)) return;
  u32 cpu = arch::cpu_id();
  if (cpu >= kMaxCpus) {
    no_cpu_slot = no_cpu_slot + 1;
    return;
  }
  Sample* s = rings[cpu].reserve();
  if (!s) return;
  s->tid = t->tid;
  s->user_mode = c.user;
  usize n = 0;
  if (!c.user) {
    u64 lo = t->owns_stack ? t->stack.bottom : reinterpret_cast<uptr>(__boot_stack_bottom);
    u64 hi = t->owns_stack ? t->stack.top : reinterpret_cast<uptr>(__boot_stack_top);
    u64 text_lo = reinterpret_cast<uptr>(__kernel_start), text_hi = reinterpret_cast<uptr>(__text_end);
    bool pending = c.pc >= text_lo && c.pc + 4 <= text_hi && (c.pc & 3) == 0 &&
                   frame_record_pending(*reinterpret_cast<const u32*>(static_cast<uptr>(c.pc)));
    u64 record = 0;
    n = walk_kernel_stack(c.pc, c.fp, lo, hi, s->frames, kMaxKernelFrames, pending, c.lr, &record);
    // A system call's or fault's stack ends at the exception's frame record, whose return
    // address is the user pc: name it as the program's frame, not an unknown kernel one,
    // and go on with the user stack below it, so the call is charged to its user caller.
    usize walked = n;
    for (usize i = 1; i < walked; ++i) {
      if (s->frames[i] >= text_lo && s->frames[i] < text_hi) continue;
      u64 user_pc = s->frames[i];
      s->frames[i] = p ? user_frame_word(p, user_pc) : kUnknownFrame;
      n = i + 1;
      if (n == walked && record)  // the last record read gave the user pc: the exception frame's
        n += syscall_user_frames(t, p, record, user_pc, lo, hi, s->frames + n, kMaxFrames - n);
      break;
    }
  } else if (p) {
    n = user_frames(t, p, c.pc, c.fp, c.lr, c.sp, s->frames, kMaxUserFrames);
  }
  if (n == 0) s->frames[n++] = c.user ? kUnknownFrame : c.pc;
  s->nframes = static_cast<u16>(n);
  if (p) {
    s->pid = p->pid;
    copy_name(s->thread, sizeof(s->thread), p->name, sizeof(p->name));
    copy_name(s->exe, sizeof(s->exe), p->exe, sizeof(p->exe));
    s->image_start = p->image_start;
    s->image_bias = p->image_bias;
  } else {
    s->image_start = s->image_bias = 0;
    s->pid = 0;
    copy_name(s->thread, sizeof(s->thread), t->name, sizeof(t->name));
    s->exe[0] = 0;
  }
  rings[cpu].commit();
}

void drain_rings() {
  for (auto& r : rings) {
    while (const Sample* s = r.peek()) {
      if (raw.add(*s) != Error::Ok) ++table_drops;
      r.release();
    }
  }
}

void drain_main(void*) {
  while (!sched::should_stop()) {
    drain_rings();
    sched::sleep_ns(kDrainPeriodNs);
  }
  drain_run_ns = sched::current()->stats.run_ns;
  sched::exit(0);
}

// Names frames at stop. User frames: the program's ELF symbols through proc::user_symbol
// (loaded once per program, cached there), remembered here per (program, pc) because one pc
// appears in many stacks; without symbols, the offset into the image.
class KernelNamer final : public FrameNamer {
 public:
  void kernel_frame(u64 pc, bool innermost, TextBuffer& out) override {
    name_kernel_frame(kernel_symbols(), innermost ? pc : pc - 1, out);
  }
  void user_frame(StrView exe, u64 image_start, u64 bias, u64 pc, bool innermost, TextBuffer& out) override {
    u64 at = innermost ? pc : pc - 1;
    Memo& m = memo_[(at ^ (at >> 12) ^ image_start) % kMemo];
    if (!(m.valid && m.pc == at && m.start == image_start && m.exe == exe)) {
      char path[sizeof(Sample::exe)];
      copy_cstr(path, sizeof(path), exe);
      m.valid = true;
      m.pc = at;
      m.start = image_start;
      m.exe = exe;
      m.found = proc::user_symbol(path, bias, at, m.name, sizeof(m.name), nullptr);
    }
    if (m.found) {
      usize b = exe.size;
      while (b > 0 && exe.data[b - 1] != '/') --b;
      out.appendf("%.*s`", static_cast<int>(exe.size - b), exe.data + b);
      short_function_name(m.name, out);
    } else {
      name_user_frame(exe, pc - image_start, out);
    }
  }

 private:
  struct Memo {
    bool valid = false, found = false;
    u64 pc = 0, start = 0;
    StrView exe;
    char name[96] = {};
  };
  static constexpr usize kMemo = 512;
  Memo memo_[kMemo];
};

u64 ring_drops() {
  u64 d = no_cpu_slot;
  for (auto& r : rings) d += r.dropped();
  return d;
}

}  // namespace

Result<Started> start(const StartOptions& o) {
  if (o.hz < 1 || o.hz > 10000) return Error::Invalid;
  sched::MutexGuard g(state_lock);
  if (active) return Error::Busy;
  if (o.target == Target::Pid) {
    SpinLockGuard pt(proc::process_table_lock);
    const proc::Process* p = proc::find_process(o.pid);
    if (!p || p->state != proc::ProcState::Running) return Error::NoProcess;
  }
  raw.clear();
  table_drops = 0;
  no_cpu_slot = 0;
  handler_ticks = 0;
  drain_run_ns = 0;
  for (auto& r : rings) r.reset();
  options = o;
  sched::SpawnOptions so;
  drain_thread = TRY(sched::spawn("prof-drain", drain_main, nullptr, so));
  auto src = arch::sampling_start(boot_info::fdt(), o.hz, on_sample, o.allow_pmu);
  if (!src.ok()) {
    (void)sched::request_stop(drain_thread->tid);
    (void)sched::join(drain_thread);
    drain_thread = nullptr;
    return src.error();
  }
  active = true;
  start_ns = sched::now_ns();

  return Started{o.hz, arch::sample_source_name(src.value())};
}

bool running() { return active; }

Result<Stopped> stop() {
  sched::MutexGuard g(state_lock);
  if (!active) return Error::NoEntry;
  arch::sampling_stop();
  u64 duration = sched::now_ns() - start_ns;

  (void)sched::request_stop(drain_thread->tid);
  (void)sched::join(drain_thread);
  drain_thread = nullptr;
  drain_rings();
  active = false;
  last.clear();
  last_folded.clear();
  void* mem = env_alloc(sizeof(KernelNamer));  // ~70 KiB: not on a 16 KiB stack
  KernelNamer* namer = mem ? new (mem) KernelNamer() : nullptr;
  Error e = namer ? raw.build(*namer, last) : Error::NoMemory;
  if (namer) {
    namer->~KernelNamer();
    env_free(namer);
  }
  if (e == Error::Ok) e = last.folded(last_folded);
  last_totals.samples = last.samples();
  last_totals.dropped = ring_drops() + table_drops;
  raw.clear();
  have_last = true;
  if (e != Error::Ok) {
    // Out of memory while naming: keep nothing half-built.
    last.clear();
    last_folded.clear();
    last_totals.dropped += last_totals.samples;
    last_totals.samples = 0;
  }
  return Stopped{last_totals.samples, last_totals.dropped, duration, arch::counter_to_ns(handler_ticks),
                 drain_run_ns};
}

Error write_report(usize top, Output& out) {
  sched::MutexGuard g(state_lock);
  if (!have_last) return Error::NoEntry;
  write_report_text(last, last_totals, top, out);
  return Error::Ok;
}

Error write_report_json(usize top, JsonWriter& w) {
  sched::MutexGuard g(state_lock);
  if (!have_last) return Error::NoEntry;
  write_report_members(last, last_totals, top, w);
  return Error::Ok;
}

Result<StrView> folded_text() {
  sched::MutexGuard g(state_lock);
  if (!have_last) return Error::NoEntry;
  return last_folded.view();
}

}  // namespace sis::prof
