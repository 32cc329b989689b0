// Kernel glue for the control protocol: binds the server (control/server.h) to the
// virtio-console port "org.sis.control" and serves it from two threads of its own:
// "control" reads the port, follows connections, answers immediate methods (sys.ping,
// sys.info, metrics.*) and sends metrics and log events; "control-exec" runs every other
// request under the command lock, then performs a crash that crash.inject scheduled once
// its response went out. Neither waits for the other, so a long shell.exec never keeps a
// new host from its greeting or a ping from its answer. Also sends the panic event.
#pragma once
#include "lib/result.h"
#include "shell/cancel.h"

#include "fs/jbd2.h"

namespace sis::fs {
class Ext4;
}

namespace sis::control {

enum class CrashKind { Panic, Hang, Oom, WriteCrash };

Error init();          // after PCI: finds the port; NoEntry when the VM has none
void start();          // once threads run and / is mounted: starts serving the port
// Background job (registered by top/background_jobs.cpp, runs without the command lock so
// that traces flow during long commands): sends new decision records as `trace` events.
void stream_traces_job();
bool available();
// The token of the request control-exec runs (shell.exec sets its deadline on it).
shell::CancelToken& exec_cancel_token();
void schedule_crash(CrashKind kind);
// write-crash: checks that `path` is a file (or a new name in an existing directory) on a
// writable journaled ext4 file system and remembers it, the crash point and the data for
// the crash: NoEntry (no such parent, or no file system), NotDir, IsDir, ReadOnly,
// NotSupported (not journaled ext4), TooBig (data over kWriteCrashMaxData).
// data == nullptr: the default 64 KiB pattern (i * 7 + 3).
// (write_crash_target.cpp, portable: the host fuzzes it.)
constexpr usize kWriteCrashMaxData = 32768;  // as fs.write: its base64 fits in one line
constexpr usize kWriteCrashPatternBytes = 64 * 1024;
Error prepare_write_crash(StrView path, fs::CrashPoint point, const u8* data, usize len);
struct WriteCrashTarget {
  char path[256] = {};
  fs::Ext4* fs = nullptr;
  fs::CrashPoint point = fs::CrashPoint::AfterCommit;
  const u8* data = nullptr;  // what the crash writes (Replace), len bytes
  usize len = 0;
  bool existed = false;   // the file was there before (its old content is what may survive)
  u64 old_size = 0;
};
const WriteCrashTarget& write_crash_target();  // what prepare_write_crash chose last

}  // namespace sis::control
