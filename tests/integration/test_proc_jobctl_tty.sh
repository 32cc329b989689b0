#!/usr/bin/env bash
# Job control on the console tty, as a person at the keyboard meets it: in busybox sh (the
# kernel's `sh` command), a background job that reads the terminal is stopped by SIGTTIN
# ("Stopped (tty input)") instead of stealing the shell's input; the shell goes on reading
# every line typed, `kill %1` ends the stopped job, and `exit` gives the sis> prompt back.
# Each step waits for what it expects on the console, not for a fixed time.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)  # SIS_KERNEL is <build>/kernel/Image
image="$build/disk/sis-disk.img"
[ -e "$image" ] || { echo "FAIL: $image missing: build the sis_disk target" >&2; exit 1; }

private_vm_runtime jobctl jobctl

cp "$image" "$SIS_RUNTIME_DIR/disk.img"
out=$("$SISCTL" vm start --name jobctl --disk "$SIS_RUNTIME_DIR/disk.img" --kernel "$SIS_KERNEL" --wait-boot 120 2>&1)
expect_status "vm start" $? 0

out=$(python3 - "$vm_dir/console.sock" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(0.2)
log = b""

def wait_for(needle, after, timeout=60):
    """Reads the console until `needle` shows after offset `after`; False on timeout."""
    global log
    end = time.time() + timeout
    while needle.encode() not in log[after:]:
        if time.time() > end:
            return False
        try:
            log += s.recv(4096)
        except socket.timeout:
            pass
    return True

def step(line, expect, timeout=60):
    start = len(log)
    for c in (line + "\r").encode():  # typed: the UART's FIFO holds 16 bytes
        s.sendall(bytes([c]))
        time.sleep(0.01)
    ok = wait_for(expect, start, timeout)
    print(("ok: " if ok else "FAIL: ") + f"typed {line!r}, saw {expect!r}")
    return ok

ok = step("sh", "/ # ")
ok = ok and step("/bin/busybox cat &", "/ # ")
ok = ok and step("jobs", "Stopped (tty input)")
ok = ok and step("echo still $((40 + 2))", "still 42")  # only the output has "42"
ok = ok and step("kill -9 %1", "Killed")
ok = ok and step("exit", "sis> ")
print("--- console:")
print(log.decode(errors="replace"))
PY
)
expect_not_in "every step saw its output" "$out" "FAIL:"
[ "$failures" -eq 0 ] || echo "$out" >&2
grep '^ok: ' <<<"$out"

"$SISCTL" vm stop --name jobctl >/dev/null; expect_status "vm stop" $? 0
finish
