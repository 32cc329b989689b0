// The kernel log: leveled messages from subsystems, printed on the console and kept in a
// ring (`dmesg`), and sent to the host as `log` events by the control port (info and up).
#pragma once
#include "lib/types.h"

namespace sis::klog {

enum class Level : u8 { Debug, Info, Warn, Error };

struct Entry {
  u64 seq;
  u64 ts_ns;
  Level level;
  char subsystem[12];
  char text[116];
};

void write(Level level, const char* subsystem, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
#define SIS_KLOG(level, subsystem, ...) ::sis::klog::write(::sis::klog::Level::level, subsystem, __VA_ARGS__)

const char* level_name(Level l);
// Entries with seq >= from, oldest first; returns false when `seq` fell out of the ring.
bool get(u64 seq, Entry* out);
u64 next_seq();   // the seq the next entry will get
u64 first_seq();  // the oldest seq still in the ring

}  // namespace sis::klog
