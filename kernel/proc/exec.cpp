// execve: see exec.h.
#include "proc/exec.h"

#include "arch/aarch64/trap_frame.h"
#include "arch/arch.h"
#include "fs/vfs.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/elf.h"
#include "proc/elf_vfs_reader.h"
#include "proc/exec_stack.h"
#include "proc/file_table.h"
#include "proc/frames.h"
#include "proc/image_cache.h"
#include "proc/process.h"
#include "proc/random.h"
#include "proc/shebang.h"
#include "proc/signal.h"
#include "proc/user_access.h"
#include "proc/user_layout.h"
#include "proc/vfs_lock.h"

namespace sis::proc {
namespace {

constexpr usize kStringsCap = kMaxArgBytes + 2 * kShebangHead + ExecArgs::kMaxPath;
const char* const kDefaultEnv[] = {"PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/", "TERM=vt100", "SHELL=/bin/sh",
                                   nullptr};

ExecArgs* alloc_args() {
  auto* a = try_new<ExecArgs>();
  if (!a) return nullptr;
  a->strings = static_cast<char*>(kmalloc(kStringsCap));
  a->argv = static_cast<const char**>(kmalloc((kMaxArgCount + 1) * sizeof(char*)));
  a->envp = static_cast<const char**>(kmalloc((kMaxArgCount + 1) * sizeof(char*)));
  if (!a->strings || !a->argv || !a->envp) {
    try_delete(a);
    return nullptr;
  }
  return a;
}

Result<const char*> push_string(ExecArgs& a, const char* s, usize len) {
  if (a.strings_used + len + 1 > kMaxArgBytes) return Error::TooBig;
  char* dst = a.strings + a.strings_used;
  memcpy(dst, s, len);
  dst[len] = 0;
  a.strings_used += len + 1;
  return static_cast<const char*>(dst);
}

// Page-by-page rights from the plan, grouped into regions.
Error add_image_regions(AddressSpace* as, const LoadPlan& plan) {
  u64 start = 0;
  u8 prot = 0;
  for (u64 page = plan.image_start; page <= plan.image_end; page += kUserPage) {
    u8 p = page < plan.image_end ? page_prot(plan, page) : 0;
    if (page < plan.image_end && p == prot && start) continue;
    if (start && prot) TRY(as->add(start, page, prot, VmaKind::Image));
    start = page;
    prot = p;
  }
  return Error::Ok;
}

// Copies file bytes into the (present, zeroed) pages of the new image; with `cached`, the
// read-only pages came from the image cache already and are left alone.
Error load_segments(AddressSpace* as, const LoadPlan& plan, VfsElfFile* file, bool cached) {
  for (usize i = 0; i < plan.segment_count; ++i) {
    const LoadSegment& s = plan.segments[i];
    for (u64 page = s.page_start; page < s.page_end; page += kUserPage) TRY(as->page_for(page, false));
    u64 va = s.copy_vaddr, off = s.copy_offset, left = s.copy_bytes;
    while (left > 0) {
      usize in_page = va & (kUserPage - 1);
      usize chunk = kUserPage - in_page;
      if (chunk > left) chunk = left;
      if (!cached || !image_page_cacheable(plan, va & ~(kUserPage - 1))) {
        auto tr = arch::translate(as->table(), va & ~(kUserPage - 1));
        if (!tr.ok()) return Error::Fault;
        u8* dst = static_cast<u8*>(frame_ptr(tr->pa & ~(kUserPage - 1))) + in_page;
        TRY(vfs_elf_read_at(file, off, dst, chunk));
        if (s.prot & kProtExec) arch::sync_icache(dst, chunk);
      }
      va += chunk;
      off += chunk;
      left -= chunk;
    }
  }
  return Error::Ok;
}

void set_why(char* why, usize cap, const char* fmt, const char* a, const char* b) {
  if (why && cap) format(why, cap, fmt, a, b);
}

}  // namespace

Error vfs_elf_read_at(void* file, u64 off, void* buf, usize len) {
  auto* f = static_cast<VfsElfFile*>(file);
  usize got = TRY(fs::kernel_vfs().read_file(StrView(f->path), off, buf, len));
  return got == len ? Error::Ok : Error::Io;
}

ExecArgs::~ExecArgs() {
  kfree(strings);
  kfree(argv);
  kfree(envp);
}

Error ExecArgs::set_path(const char* p) {
  usize n = strlen(p);
  if (n >= kMaxPath) return Error::PathTooLong;
  memcpy(path, p, n + 1);
  return Error::Ok;
}

ExecArgs* ExecArgs::from_kernel(const char* path, const char* const* argv, const char* const* envp) {
  ExecArgs* a = alloc_args();
  if (!a) return nullptr;
  if (!envp) envp = kDefaultEnv;
  bool ok = a->set_path(path) == Error::Ok;
  for (usize i = 0; ok && argv[i]; ++i) {
    auto s = push_string(*a, argv[i], strlen(argv[i]));
    ok = s.ok() && a->argc < kMaxArgCount;
    if (ok) a->argv[a->argc++] = s.value();
  }
  for (usize i = 0; ok && envp[i]; ++i) {
    auto s = push_string(*a, envp[i], strlen(envp[i]));
    ok = s.ok() && a->envc < kMaxArgCount;
    if (ok) a->envp[a->envc++] = s.value();
  }
  if (!ok) {
    try_delete(a);
    return nullptr;
  }
  a->argv[a->argc] = nullptr;
  a->envp[a->envc] = nullptr;
  return a;
}

Result<ExecArgs*> ExecArgs::from_user(UserMemory& mem, u64 path, u64 argv, u64 envp) {
  ExecArgs* a = alloc_args();
  if (!a) return Error::NoMemory;
  auto fail = [&](Error e) -> Result<ExecArgs*> {
    try_delete(a);
    return e;
  };
  auto n = mem.copy_string_in(a->path, path, kMaxPath);
  if (!n.ok()) return fail(n.error());
  for (int list = 0; list < 2; ++list) {
    u64 base = list == 0 ? argv : envp;
    const char** out = list == 0 ? a->argv : a->envp;
    usize& count = list == 0 ? a->argc : a->envc;
    if (!base) {  // Linux accepts NULL argv/envp as empty lists
      out[0] = nullptr;
      continue;
    }
    for (;;) {
      u64 ptr = 0;
      if (Error e = mem.copy_in(&ptr, base + count * 8, 8); e != Error::Ok) return fail(e);
      if (!ptr) break;
      if (count >= kMaxArgCount) return fail(Error::TooBig);
      usize room = kMaxArgBytes - a->strings_used;
      if (room == 0) return fail(Error::TooBig);
      auto len = mem.copy_string_in(a->strings + a->strings_used, ptr, room);
      if (!len.ok()) return fail(len.error() == Error::PathTooLong ? Error::TooBig : len.error());
      out[count++] = a->strings + a->strings_used;
      a->strings_used += len.value() + 1;
    }
    out[count] = nullptr;
  }
  return a;
}

Error ExecArgs::replace_argv(const char* const* new_argv, usize n) {
  // The new list may point into our own strings: build it in a fresh buffer.
  char* fresh = static_cast<char*>(kmalloc(kStringsCap));
  if (!fresh) return Error::NoMemory;
  usize used = 0;
  auto put = [&](const char* s) -> const char* {
    usize len = strlen(s);
    if (used + len + 1 > kMaxArgBytes) return nullptr;
    char* d = fresh + used;
    memcpy(d, s, len + 1);
    used += len + 1;
    return d;
  };
  if (n > kMaxArgCount) {
    kfree(fresh);
    return Error::TooBig;
  }
  // argv and envp both move to the fresh buffer.
  for (usize i = 0; i < n; ++i) {
    const char* d = put(new_argv[i]);
    if (!d) {
      kfree(fresh);
      return Error::TooBig;
    }
    argv[i] = d;
  }
  argv[n] = nullptr;
  argc = n;
  for (usize i = 0; i < envc; ++i) {
    const char* d = put(envp[i]);
    if (!d) {
      kfree(fresh);
      return Error::TooBig;
    }
    envp[i] = d;
  }
  kfree(strings);
  strings = fresh;
  strings_used = used;
  return Error::Ok;
}

namespace {

// The program file and its plan, following "#!" lines. On success a.path is the ELF file's
// absolute path and a.argv is what the program gets.
Error find_program(Process* p, ExecArgs& a, char* resolved, LoadPlan* plan, fs::Stat* found, char* why, usize why_cap) {
  for (int depth = 0;; ++depth) {
    if (depth > kMaxShebangDepth) {
      set_why(why, why_cap, "%s: too many levels of #! interpreters%s", a.path, "");
      return Error::Loop;
    }
    auto n = FileTable::join_path(p->files->cwd(), StrView(a.path), resolved, ExecArgs::kMaxPath, false);
    if (!n.ok()) {
      set_why(why, why_cap, "%s: %s", a.path, error_name(n.error()));
      return n.error();
    }
    auto st = fs::kernel_vfs().stat(StrView(resolved));
    if (!st.ok()) {
      set_why(why, why_cap, "%s: %s", a.path, error_name(st.error()));
      return st.error();
    }
    if (st->type() != fs::FileType::Regular || (st->mode & 0111) == 0) {
      set_why(why, why_cap, "%s: %s", a.path,
              st->type() == fs::FileType::Regular ? "not executable (no x permission bit)" : "not a regular file");
      return Error::Access;
    }
    u8 head[kShebangHead];
    usize want = st->size < sizeof(head) ? static_cast<usize>(st->size) : sizeof(head);
    usize got = TRY(fs::kernel_vfs().read_file(StrView(resolved), 0, head, want));
    if (is_shebang(head, got)) {
      auto line = parse_shebang(head, got);
      if (!line.ok()) {
        set_why(why, why_cap, "%s: a malformed #! line%s", a.path, "");
        return Error::BadFormat;
      }
      // 32 KiB of pointers: from the heap, not the 32 KiB kernel stack.
      auto** nargv = static_cast<const char**>(kmalloc((kMaxArgCount + 1) * sizeof(char*)));
      if (!nargv) return Error::NoMemory;
      auto nargc = shebang_argv(line.value(), resolved, a.argv, a.argc, nargv, kMaxArgCount);
      Error e = nargc.ok() ? a.replace_argv(nargv, nargc.value()) : nargc.error();
      kfree(nargv);
      TRY(e);
      TRY(a.set_path(line->interp));
      continue;
    }
    VfsElfFile file{resolved};
    ElfReader reader = vfs_elf_reader(&file, st->size);
    char elf_why[128] = {};
    auto pl = elf_plan(reader, elf_why, sizeof(elf_why));
    if (!pl.ok()) {
      set_why(why, why_cap, "%s: %s", a.path, elf_why);
      return pl.error();
    }
    *plan = pl.value();
    *found = st.value();
    return Error::Ok;
  }
}

}  // namespace

Error exec_into(Process* p, ExecArgs& a, arch::TrapFrame* frame, char* why, usize why_cap) {
  char* resolved = static_cast<char*>(kmalloc(ExecArgs::kMaxPath));
  u8* stack_image = static_cast<u8*>(kmalloc(kExecStackMaxImage));
  auto* plan = static_cast<LoadPlan*>(kmalloc(sizeof(LoadPlan)));
  AddressSpace* as = nullptr;
  Error e = (resolved && stack_image && plan) ? Error::Ok : Error::NoMemory;
  StackImage img;
  if (e == Error::Ok) {
    VfsLock lock;
    fs::Stat st;
    e = find_program(p, a, resolved, plan, &st, why, why_cap);
    if (e == Error::Ok) {
      auto made = AddressSpace::create();
      e = made.error();
      if (made.ok()) as = made.value();
    }
    if (e == Error::Ok) e = add_image_regions(as, *plan);
    // Read-only pages from the image cache when this file was run before; the rest from
    // the file. A first run leaves its read-only pages to the cache.
    auto holder = fs::kernel_vfs().fs_of(StrView(resolved));
    ImageFile image{resolved, holder.ok() ? holder.value() : nullptr, st.ino, st.size, st.mtime};
    usize cached = 0;
    if (e == Error::Ok) {
      auto mapped = image_cache_map(image, *plan, as);
      e = mapped.error();
      if (mapped.ok()) cached = mapped.value();
    }
    if (e == Error::Ok) {
      VfsElfFile file{resolved};
      e = load_segments(as, *plan, &file, cached > 0);
    }
    if (e == Error::Ok && cached == 0) image_cache_adopt(image, *plan, as);
    if (e != Error::Ok && why && !why[0]) format(why, why_cap, "%s: loading failed: %s", a.path, error_name(e));
  }
  if (e == Error::Ok) {
    as->set_heap(plan->image_end);
    u32 stack_prot = kProtRead | kProtWrite | ((plan->stack_prot & kProtExec) ? kProtExec : 0);
    e = as->add(kStackTop - kStackMax, kStackTop, stack_prot, VmaKind::Stack);
    if (e == Error::Ok) e = map_sigreturn_trampoline(as);
    u8 random[16];
    fill_random(random, sizeof(random));
    ExecStackInput in;
    in.argv = a.argv;
    in.argc = a.argc;
    in.envp = a.envp;
    in.envc = a.envc;
    in.execfn = a.path;
    in.plan = plan;
    in.hwcap = arch::user_hwcap();
    in.hwcap2 = arch::user_hwcap2();
    in.random16 = random;
    in.stack_top = kStackTop;
    if (e == Error::Ok) {
      auto built = build_exec_stack(in, stack_image, kExecStackMaxImage);
      e = built.error();
      if (built.ok()) img = built.value();
    }
    if (e == Error::Ok) {
      AddressSpaceMemory mem(as);
      e = mem.copy_out(img.sp, stack_image, img.size);
    }
    if (e != Error::Ok && why && !why[0]) format(why, why_cap, "%s: setting up the stack failed: %s", a.path, error_name(e));
  }
  if (e != Error::Ok) {
    if (as) AddressSpace::destroy(as);
    kfree(resolved);
    kfree(stack_image);
    kfree(plan);
    return e;
  }

  // The point of no return: the new image replaces the old one.
  AddressSpace* old = p->as;
  sched::Thread* t = sched::current();
  arch::irq_disable();
  p->as = as;
  t->user_table = as->table();
  arch::activate_page_table(as->table());
  t->user_tls = 0;
  arch::set_user_tls(0);
  arch::irq_enable();
  if (old) AddressSpace::destroy(old);
  p->files->close_on_exec();
  reset_signals_for_exec(p);
  set_process_names(p, a.path, a.argv);
  copy_cstr(p->exe, sizeof(p->exe), StrView(resolved));  // absolute: the cwd may change
  p->image_bias = plan->bias;
  p->image_start = plan->image_start;
  p->image_end = plan->image_end;
  ++p->stats.exec_count;
  arch::init_user_frame(frame, plan->entry, img.sp);
  vfork_release(p);
  kfree(resolved);
  kfree(stack_image);
  kfree(plan);
  return Error::Ok;
}

void set_process_names(Process* p, const char* path, const char* const* argv) {
  const char* base = path;
  for (const char* c = path; *c; ++c)
    if (*c == '/' && c[1]) base = c + 1;
  copy_cstr(p->name, sizeof(p->name), StrView(base));
  copy_cstr(p->exe, sizeof(p->exe), StrView(path));
  TextBuffer line(p->cmdline, sizeof(p->cmdline));
  for (usize i = 0; argv && argv[i]; ++i) line.appendf(i ? " %s" : "%s", argv[i]);
}

}  // namespace sis::proc
