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
// write-crash: checks that `path` is on a writable journaled ext4 file system and
// remembers it for the crash (NotFound/ReadOnly/NotSupported otherwise).
// (write_crash_target.cpp, portable: the host fuzzes it.)
Error prepare_write_crash(StrView path);
struct WriteCrashTarget {
  char path[256] = {};
  fs::Ext4* fs = nullptr;
};
const WriteCrashTarget& write_crash_target();  // what prepare_write_crash chose last

}  // namespace sis::control
