#!/usr/bin/env bash
# The VM never outlives SIS Control Center (issue 25), against the real app (offscreen) and
# real QEMU:
#  - SIGTERM with a VM running: the app powers the VM off the normal way and exits 0. The
#    oracle for "clean" is outside the app: QEMU's own SHUTDOWN event, read on the second QMP
#    monitor (qmp-events.sock), must say reason "host-qmp-quit" (a QEMU killed because the
#    app died sends no event at all), QEMU exits, and e2fsck -fn finds the disk clean.
#  - while the app's VM runs, `sisctl vm start` under its name is refused (exit 2, a clear
#    message) and the app's VM is untouched.
#  - SIGINT and SIGHUP with no VM running: the app quits with status 0 (not killed).
#  - SIGKILL (nothing can be caught): QEMU still dies with the app (PR_SET_PDEATHSIG), and
#    the name it leaves behind in a stale vm.json is free for `sisctl vm start` again.
# usage: test_app_signals.sh APP SISCTL   (env: SIS_KERNEL, SIS_DISK_IMAGE)
SISCTL=$2
source "$(dirname "$0")/../integration/lib.sh"
APP=$1
: "${SIS_DISK_IMAGE:?}" "${SIS_KERNEL:?}"
command -v e2fsck >/dev/null || PATH=$PATH:/usr/sbin:/sbin

tmp=$(mktemp -d /tmp/sis-app-signals.XXXXXX)
export SIS_RUNTIME_DIR=$tmp/run XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data QT_QPA_PLATFORM=offscreen
vm_dir=$SIS_RUNTIME_DIR/vm-control-center
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null
  "$SISCTL" vm stop --name control-center >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
cp --sparse=always "$SIS_DISK_IMAGE" "$tmp/disk.img"
export SIS_DISK_IMAGE=$tmp/disk.img

# wait_for SECONDS COMMAND...: polls COMMAND (a state, not a time) every 0.1 s.
wait_for() {
  local n=$(($1 * 10)); shift
  for _ in $(seq 1 "$n"); do "$@" && return 0; sleep 0.1; done
  "$@"
}
qemu_child() { pgrep -P "$app_pid" -f qemu-system-aarch64 | head -1; }
has_qemu_child() { [ -n "$(qemu_child)" ]; }
booted() { grep -qF "sis> " "$vm_dir/console.log" 2>/dev/null; }
alive() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
gone() { ! alive "$1"; }
# catches PID SIG: PID has a handler for SIG (bit SIGNO-1 of SigCgt in /proc/PID/status).
catches() {
  local mask no
  mask=$(sed -n 's/^SigCgt:\t*//p' "/proc/$1/status" 2>/dev/null) || return 1
  no=$(kill -l "$2")
  [ -n "$mask" ] && (( (16#$mask >> (no - 1)) & 1 ))
}

# Starts the app with --start and waits for the kernel's shell prompt; sets app_pid, qemu_pid.
start_app_with_vm() {
  "$APP" --start 2>"$tmp/app.err" >/dev/null &
  app_pid=$!
  wait_for 20 has_qemu_child || { fail "$1: the app started no QEMU"; cat "$tmp/app.err" >&2; return 1; }
  qemu_pid=$(qemu_child)
  # The app boots a copy of the default disk in its data directory; vm.json names it.
  app_disk=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["disk"])' "$vm_dir/vm.json" 2>/dev/null)
  wait_for 90 booted || { fail "$1: no shell prompt in $vm_dir/console.log"; return 1; }
  pass "$1: the app's VM booted (QEMU pid $qemu_pid)"
}

# --- SIGTERM with a VM: clean power-off, then exit ---------------------------------------
start_app_with_vm "SIGTERM" || finish
out=$("$SISCTL" vm start --name control-center 2>&1); expect_status "sisctl vm start under the app's VM name refused" $? 2
expect_in "refusal says the name is taken" "$out" "VM 'control-center' is already running"
expect_in "refusal names the app" "$out" "SIS Control Center"
out=$("$SISCTL" vm snapshot save s1 --name control-center 2>&1); expect_status "sisctl vm snapshot of the app's VM refused" $? 2
expect_in "refusal points to the app's Snapshots dialog" "$out" "VM > Snapshots"
alive "$qemu_pid" && [ -S "$vm_dir/qmp.sock" ] && [ -S "$vm_dir/control.sock" ] && pass "the app's VM and sockets are untouched" ||
  fail "the refused start disturbed the app's VM"

# A QMP client on the second monitor records QEMU's events until QEMU closes the socket.
python3 - "$vm_dir/qmp-events.sock" >"$tmp/events" 2>"$tmp/events.err" <<'PY' &
import json, socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile("rw")
f.readline(); f.write('{"execute": "qmp_capabilities"}\n'); f.flush()
while True:
    line = f.readline()
    if not line: break
    msg = json.loads(line)
    if "return" in msg: print("READY", flush=True)
    elif "event" in msg: print(json.dumps(msg), flush=True)
PY
watcher=$!
wait_for 10 grep -q READY "$tmp/events" || fail "QMP event watcher did not connect: $(cat "$tmp/events.err")"
kill -TERM "$app_pid"
wait_for 40 gone "$app_pid"
if gone "$app_pid"; then wait "$app_pid"; st=$?; app_pid=; expect_status "app exits after SIGTERM" $st 0
else fail "the app still runs 40 s after SIGTERM"; fi
wait_for 10 gone "$qemu_pid" && pass "QEMU is gone after SIGTERM" || fail "QEMU (pid $qemu_pid) outlived the app"
wait_for 10 gone "$watcher"; kill "$watcher" 2>/dev/null
ev=$(cat "$tmp/events")
expect_in "QEMU was quit over QMP (SHUTDOWN host-qmp-quit), not killed" "$ev" '"reason": "host-qmp-quit"'
err=$(cat "$tmp/app.err")
expect_in "app logs the clean power-off" "$err" "SIGTERM: powering the VM off cleanly"
expect_in "app logs QEMU's exit status" "$err" "VM stopped: QEMU exited with status 0"
out=$(e2fsck -fn "$app_disk" 2>&1); expect_status "e2fsck -fn: the disk is clean after SIGTERM" $? 0

# --- SIGINT, SIGHUP without a VM: quit, not die --------------------------------------------
for sig in INT HUP; do
  # A background job of a non-interactive shell starts with SIGINT ignored (and the app
  # keeps an inherited "ignore", as under nohup): start it with the default action.
  env --default-signal=SIGINT,SIGHUP "$APP" 2>"$tmp/app.err" >/dev/null &
  app_pid=$!
  # Sent once the app catches the signal (its SigCgt mask in /proc): an app without the
  # handler never gets there and is killed by the signal, which fails the check below.
  wait_for 20 catches "$app_pid" "$sig" || fail "the app does not catch SIG$sig"
  kill -"$sig" "$app_pid"
  if wait_for 20 gone "$app_pid"; then wait "$app_pid"; st=$?; else st=-1; kill -9 "$app_pid"; fi
  app_pid=
  expect_status "SIG$sig with no VM: the app quits normally" $st 0
  expect_in "SIG$sig is reported" "$(cat "$tmp/app.err")" "SIG$sig: no VM running, quitting"
done

# --- SIGKILL: QEMU dies with the app; the stale name is free again -------------------------
start_app_with_vm "SIGKILL" || finish
kill -KILL "$app_pid"; wait "$app_pid" 2>/dev/null; app_pid=
wait_for 10 gone "$qemu_pid" && pass "QEMU died with the SIGKILLed app (PR_SET_PDEATHSIG)" ||
  fail "QEMU (pid $qemu_pid) outlived the SIGKILLed app"
[ -f "$vm_dir/vm.json" ] && pass "the killed app left a stale vm.json" || fail "no stale vm.json to test reuse with"
out=$("$SISCTL" vm start --name control-center --disk "$SIS_DISK_IMAGE" 2>&1); expect_status "sisctl vm start reuses the stale name" $? 0
out=$("$SISCTL" vm stop --name control-center 2>&1); expect_status "sisctl vm stop" $? 0
finish
