// What sisctl's Qt-based commands (vm, metrics, crash) share: finding a VM started with
// `sisctl vm start` by name, and running the asynchronous qmp/ clients to completion from
// a command-line program (an event loop that stops on a condition, a deadline or Ctrl-C).
#pragma once
#include <QString>

#include <functional>

#include "client/control_client.h"
#include "client/qmp_client.h"
#include "vm/vm_runtime_dir.h"

namespace sisctl {

// Exit codes of the Qt commands (0..4 as in boot_command.h).
enum QtExit : int { kQtOk = 0, kQtUsage = 1, kQtFailed = 2, kQtPanic = 3, kQtTimeout = 4, kQtUnavailable = 5 };

// Runs the event loop until done() is true, timeout_ms passes (<0: no limit) or Ctrl-C.
// Returns done().
bool run_until(const std::function<bool()>& done, int timeout_ms);
// True once SIGINT/SIGTERM arrived (after install_interrupt_handler()).
bool interrupted();
void install_interrupt_handler();

// The record of the running VM `name`. On failure prints why (and removes the files of a
// VM that died) and returns false.
// A VM on a remote host (sisctl --host, remote_command.cpp) is attached into a local runtime
// directory whose record names a remote pid: `check` then says whether it still runs.
void set_remote_liveness_check(std::function<bool(const sis::host::VmRecord&)> check);
bool find_running_vm(const sis::host::VmRuntimeDir& dir, sis::host::VmRecord* record, const char* command);

// Connects a QMP client to `socket` and waits for negotiation; prints the error on failure.
bool connect_qmp(sis::host::QmpClient& client, const QString& socket, int timeout_ms, const char* command);
// Executes one QMP command synchronously.
sis::host::Reply qmp_call(sis::host::QmpClient& client, const QString& cmd, const QJsonObject& args = {}, int timeout_ms = 10000);

// Connects to the control port and waits for the greeting. On failure prints
// "control port not available in this kernel" with the reason.
bool connect_control(sis::host::ControlClient& client, const QString& socket, int timeout_ms, const char* command);
sis::host::Reply control_call(sis::host::ControlClient& client, const QString& method, const QJsonObject& params = {},
                              int timeout_ms = 10000);

// Parses a decimal within [min, max].
bool parse_number(const char* s, long min, long max, long* out);

}  // namespace sisctl
