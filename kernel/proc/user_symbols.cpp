// User pc names (user_symbols.h).
#include "proc/user_symbols.h"

#include "fs/vfs.h"
#include "lib/format.h"
#include "lib/string.h"
#include "proc/elf_symbols.h"
#include "proc/elf_vfs_reader.h"
#include "proc/process.h"
#include "sched/background.h"
#include "sched/mutex.h"

namespace sis::proc {
namespace {

constexpr usize kCacheSlots = 4;

struct Slot {
  char path[128] = {};
  u64 ino = 0, size = 0;
  i64 mtime = 0;
  u32 mtime_nsec = 0;
  u64 bias = 0;
  ElfSymbols* symbols = nullptr;  // nullptr with a path: known to have none (stripped)
  u64 last_use = 0;
};

sched::Mutex cache_lock;
Slot cache[kCacheSlots];
u64 use_clock = 0;
UserSymbolStats stats;

// The slot for (exe, bias) as the file is now, loading it into the least recently used slot
// when it is not cached. Caller holds the command lock (the VFS) and then cache_lock.
Slot* find_or_load(const char* exe, u64 bias) {
  auto st = fs::kernel_vfs().stat(StrView(exe));
  if (!st.ok()) {
    ++stats.failures;
    return nullptr;
  }
  Slot* victim = &cache[0];
  for (Slot& s : cache) {
    if (s.path[0] && s.ino == st->ino && s.size == st->size && s.mtime == st->mtime &&
        s.mtime_nsec == st->mtime_nsec && s.bias == bias && StrView(s.path) == StrView(exe)) {
      s.last_use = ++use_clock;
      ++stats.hits;
      return &s;
    }
    if (s.last_use < victim->last_use) victim = &s;
  }
  free_elf_symbols(victim->symbols);
  *victim = Slot{};
  VfsElfFile file{exe};
  ElfReader reader = vfs_elf_reader(&file, st->size);
  auto loaded = load_elf_symbols(reader, bias, nullptr, 0);
  if (loaded.ok()) {
    victim->symbols = loaded.value();
    ++stats.loads;
  } else {
    ++stats.failures;
  }
  copy_cstr(victim->path, sizeof(victim->path), StrView(exe));
  victim->ino = st->ino;
  victim->size = st->size;
  victim->mtime = st->mtime;
  victim->mtime_nsec = st->mtime_nsec;
  victim->bias = bias;
  victim->last_use = ++use_clock;
  return victim;
}

}  // namespace

bool user_symbol(const char* exe, u64 bias, u64 pc, char* name, usize cap, u64* offset) {
  if (!exe || !exe[0] || cap == 0) return false;
  // Lock order: the command lock (the VFS needs it; a shell or control command reporting
  // holds it already), then the cache.
  bool take = !background::holds_commands();
  if (take) background::lock_commands();
  bool found = false;
  {
    sched::MutexGuard g(cache_lock);
    Slot* s = find_or_load(exe, bias);
    Symbolized hit = s && s->symbols ? symbolize(s->symbols->table, pc) : Symbolized{};
    if (hit.name) {
      copy_cstr(name, cap, StrView(hit.name));
      if (offset) *offset = hit.offset;
      found = true;
    }
  }
  if (take) background::unlock_commands();
  return found;
}

void describe_user_pc(const Process* p, u64 pc, char* out, usize cap) {
  char name[96];
  u64 off = 0;
  if (pc >= p->image_start && pc < p->image_end) {
    if (user_symbol(p->exe, p->image_bias, pc, name, sizeof(name), &off))
      format(out, cap, "%s+0x%llx", name, static_cast<unsigned long long>(off));
    else
      format(out, cap, "%s+0x%llx", p->name, static_cast<unsigned long long>(pc - p->image_start));
    return;
  }
  format(out, cap, "?");
}

UserSymbolStats user_symbol_stats() {
  sched::MutexGuard g(cache_lock);
  return stats;
}

}  // namespace sis::proc
