// Kernel glue for the control protocol: binds the server (control/server.h) to the
// virtio-console port "org.sis.control", services it from the background loop, sends the
// panic event from the panic path, and performs crashes that crash.inject scheduled after
// their response went out.
#pragma once
#include "lib/result.h"

namespace sis::fs {
class Ext4;
}

namespace sis::control {

enum class CrashKind { Panic, Hang, Oom, WriteCrash };

Error init();          // after PCI: finds the port; NoEntry when the VM has none
bool available();
void service();        // background: connection changes, input, metrics, scheduled crash
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
