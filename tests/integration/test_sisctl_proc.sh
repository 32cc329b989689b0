#!/usr/bin/env bash
# sisctl proc list|run|kill against the real kernel on a copy of the default disk: run
# streams the program's stdout and stderr to sisctl's own and exits with its status, a
# missing program is 127, --timeout kills (137), list shows and kill stops a program started
# on the serial console,
# bad input is a usage error, and --help names every subcommand. Needs the sis_disk target.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)  # SIS_KERNEL is <build>/kernel/Image
image="$build/disk/sis-disk.img"
[ -e "$image" ] || { echo "FAIL: $image missing: build the sis_disk target" >&2; exit 1; }

private_vm_runtime proc itest

out=$("$SISCTL" proc --help); expect_status "proc --help" $? 0
for w in "proc list" "proc run" "proc kill" "--timeout" "125" "127"; do expect_in "help names $w" "$out" "$w"; done
"$SISCTL" proc frob >/dev/null 2>&1; expect_status "unknown subcommand" $? 1
"$SISCTL" proc run --name itest bin/hello >/dev/null 2>&1; expect_status "relative path" $? 125
"$SISCTL" proc kill --name itest abc >/dev/null 2>&1; expect_status "bad pid" $? 1
out=$("$SISCTL" proc list --name itest 2>&1); expect_status "list without a VM" $? 5
expect_in "no VM message" "$out" "no VM 'itest' is running"

cp "$image" "$SIS_RUNTIME_DIR/disk.img"
out=$("$SISCTL" vm start --name itest --disk "$SIS_RUNTIME_DIR/disk.img" --wait-boot 120 2>&1); expect_status "vm start" $? 0

errf="$SIS_RUNTIME_DIR/err"
out=$("$SISCTL" proc run --name itest /bin/busybox sh -c 'echo to out; echo to err >&2; exit 7' 2>"$errf")
expect_status "run exits with the program's status" $? 7
[ "$out" = "to out" ] && pass "stdout to sisctl's stdout" || fail "stdout was '$out'"
[ "$(cat "$errf")" = "to err" ] && pass "stderr to sisctl's stderr" || fail "stderr was '$(cat "$errf")'"
out=$("$SISCTL" proc run --name itest /bin/hello 2>&1); expect_status "run /bin/hello" $? 0
expect_in "hello's greeting" "$out" "Hello from SIS user space! I am pid"
out=$("$SISCTL" proc run --name itest -- /bin/busybox seq 1 3000 2>&1); expect_status "run seq" $? 0
[ "$out" = "$(seq 1 3000)" ] && pass "3000 lines arrive whole and in order" || fail "seq output differs"
out=$("$SISCTL" proc run --name itest /no/such 2>&1); expect_status "missing program" $? 127
expect_in "missing program message" "$out" "NotFound"
out=$("$SISCTL" proc run --name itest --timeout 2 /bin/busybox sleep 30 2>&1); expect_status "--timeout kills" $? 137
expect_in "--timeout message" "$out" "killed after 2 s"

# A program that runs until killed. QEMU serves one control-port host at a time, so it is
# started from the serial console (procctl run), not by a second sisctl.
python3 - "$vm_dir/console.sock" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
for c in b"procctl run /bin/busybox sleep 60\r":  # typed: the UART's FIFO holds 16 bytes
    s.sendall(bytes([c]))
    time.sleep(0.01)
s.close()
PY
pid=""
for _ in $(seq 1 100); do
  pid=$("$SISCTL" proc list --name itest --json | python3 -c 'import json,sys
for p in json.load(sys.stdin)["processes"]:
    if p["cmdline"] == "/bin/busybox sleep 60": print(p["pid"])')
  [ -n "$pid" ] && break
  sleep 0.1
done
[ -n "$pid" ] && pass "proc list --json shows the running program" || fail "the sleeping program never showed in proc list"
out=$("$SISCTL" proc list --name itest); expect_status "proc list" $? 0
expect_in "table header" "$out" "  PID  PPID STATE"
expect_in "table row" "$out" "/bin/busybox sleep 60"
out=$("$SISCTL" proc kill --name itest "${pid:-0}" BOGUS 2>&1); expect_status "unknown signal" $? 1
out=$("$SISCTL" proc kill --name itest "${pid:-0}" INT); expect_status "proc kill INT" $? 0
expect_in "kill names the signal" "$out" "sent SIGINT to $pid"
for _ in $(seq 1 100); do grep -q "killed by SIGINT" "$vm_dir/console.log" && break; sleep 0.1; done
expect_in "procctl on the console saw the signal" "$(cat "$vm_dir/console.log")" "killed by SIGINT"
out=$("$SISCTL" proc kill --name itest 4000 2>&1); expect_status "kill of no process" $? 2
expect_in "no such process" "$out" "no process 4000"

"$SISCTL" vm stop --name itest >/dev/null; expect_status "vm stop" $? 0
finish
