#!/usr/bin/env bash
# virtio-blk faults and durability on real QEMU:
#  1. fsync (`sync`, a synced fs.write) and journal commits send device flushes (blkstat,
#     fsinfo, the control port's metrics `blk` group count them);
#  2. a disk that offers no flush (QEMU: cache=writethrough, config-wce=off) is not mounted
#     read-write: fsync could not make anything durable;
#  3. a disk that stops answering reads at boot (throttled to 1 byte/s) does not stop the
#     boot: the mount times out and / is in memory;
#  4. a disk that stops answering (QMP block_set_io_throttle to 1 byte/s for writes) makes
#     `sync` fail with "timed out" after the deadline instead of hanging the shell and the
#     control port; the disk is then failed, and the requests the kernel gave up on come
#     back as late completions once the host lets them through.
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
cleanup() {
  [ -n "${SIS_RUNTIME_DIR:-}" ] && "$SISCTL" vm stop --name blkfault --timeout 5 >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
img=$work/disk.img
"$SISCTL" disk create "$img" --size 32 >/dev/null || { fail "sisctl disk create"; finish; }

# Pulls one integer member out of `blkstat --json` / `fsinfo --json` output (first match).
json_num() { grep -o "\"$1\":[0-9]*" <<<"$2" | head -1 | cut -d: -f2; }

# ---- 1. flushes: sync commits the journal; every commit sends flushes ----
out=$("$SISCTL" boot --quiet --disk "$img" --exec "blkstat --json" --exec "fsinfo --json" \
  --exec "write /durable hello" --exec "sync" --exec "blkstat --json" --exec "fsinfo --json" 2>&1); st=$?
expect_status "boot, write, sync" $st 0
stats=$(grep -o '"flushes":[0-9]*' <<<"$out")
f0=$(sed -n 1p <<<"$stats" | cut -d: -f2); f1=$(sed -n 2p <<<"$stats" | cut -d: -f2)
commits=$(grep -o '"commits":[0-9]*' <<<"$out")
c0=$(sed -n 1p <<<"$commits" | cut -d: -f2); c1=$(sed -n 2p <<<"$commits" | cut -d: -f2)
if [ -n "$f0" ] && [ -n "$f1" ] && [ -n "$c0" ] && [ -n "$c1" ] && [ $((c1 - c0)) -ge 1 ] &&
   [ $((f1 - f0)) -ge $((3 * (c1 - c0))) ]; then
  pass "sync: $((c1 - c0)) journal commit(s) sent $((f1 - f0)) flushes (>= 3 each: log, commit block, checkpoint)"
else
  fail "sync: commits $c0 -> $c1, device flushes $f0 -> $f1 (want >= 3 per commit)"; echo "$out" | tail -30 >&2
fi
expect_in "the file reached the image" "$(debugfs -R 'cat /durable' "$img" 2>/dev/null)" "hello"

# ---- 2. no flush offered: read-only root, said loudly ----
real_qemu=${SIS_QEMU:-$(command -v qemu-system-aarch64)}
cat >"$work/qemu-noflush" <<EOF
#!/usr/bin/env bash
# QEMU offers VIRTIO_BLK_F_FLUSH only for a drive with a write cache, or with config-wce.
args=()
for a in "\$@"; do
  case "\$a" in
    if=none,id=disk0,*) a="\$a,cache=writethrough" ;;
    virtio-blk-pci,drive=disk0,*) a="\$a,config-wce=off" ;;
  esac
  args+=("\$a")
done
exec "$real_qemu" "\${args[@]}"
EOF
chmod +x "$work/qemu-noflush"
before=$(cksum <"$img")
out=$(SIS_QEMU="$work/qemu-noflush" "$SISCTL" boot --quiet --disk "$img" --exec dmesg --exec "blkctl info" \
  --exec "fsinfo" --exec "write /nope x" --exec "blkstat" 2>&1); st=$?
expect_status "boot on a disk without flush (6: the refused write)" $st 6
expect_in "the device really offers no flush" "$out" "flush: NO"
expect_in "loud mount message" "$out" "warn  fs: disk0 offers no cache flush (VIRTIO_BLK_F_FLUSH): fsync could not make data durable, so / is mounted read-only"
expect_in "mounted read-only (fsinfo)" "$(grep '^ext4:' <<<"$out")" ", read-only"
expect_in "writes refused" "$out" "write: /nope: read-only"
expect_in "blkstat says why" "$out" "offers no flush: writes cannot be made durable"
[ "$before" = "$(cksum <"$img")" ] && pass "image untouched without flush" || fail "image changed on a disk without flush"

# ---- 3. a disk that stops answering at boot: the kernel still comes up, on an in-memory / ----
sed -e 's/a="\$a,cache=writethrough"/a="\$a,throttling.bps-read=1"/' -e '/config-wce=off/d' \
  "$work/qemu-noflush" >"$work/qemu-stuck"
chmod +x "$work/qemu-stuck"
out=$(SIS_QEMU="$work/qemu-stuck" timeout 120 "$SISCTL" boot --quiet --disk "$img" --timeout 90 --exec dmesg \
  --exec mount --exec blkstat 2>&1); st=$?
expect_status "boot with a disk that stops answering reads (7: / is in memory)" $st 7
expect_in "the mount gave up after the deadline" "$out" "abandoned, disk failed until reboot"
expect_in "in-memory / instead" "$out" "type ramfs"
expect_in "blkstat shows the failed disk" "$out" "FAILED (stopped answering)"

# ---- 4. a disk that stops answering later ----
export SIS_RUNTIME_DIR=$work/rt
mkdir -p "$SIS_RUNTIME_DIR"
out=$("$SISCTL" vm start --name blkfault --disk "$img" --wait-boot 90 2>&1); st=$?
expect_status "vm start" $st 0
[ $st -eq 0 ] || finish
out=$("$SISCTL" metrics --name blkfault --once --fields blk 2>&1)
expect_in "metrics blk group counts flushes" "$out" '"flushes":'

out=$(timeout 200 python3 - "$SIS_RUNTIME_DIR/vm-blkfault" <<'EOF' 2>&1
import json, socket, sys, time
rt = sys.argv[1]

class Lines:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX); self.s.connect(path); self.buf = b""
    def send(self, obj): self.s.sendall((json.dumps(obj) + "\n").encode())
    def recv(self, timeout):
        self.s.settimeout(timeout)
        while b"\n" not in self.buf:
            d = self.s.recv(65536)
            if not d: raise EOFError("closed")
            self.buf += d
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

qmp = Lines(rt + "/qmp.sock")
qmp.recv(10)
def qmp_cmd(cmd, args=None):
    qmp.send({"execute": cmd, **({"arguments": args} if args else {})})
    while True:
        r = qmp.recv(10)
        if "return" in r or "error" in r: return r
qmp_cmd("qmp_capabilities")

ctl = Lines(rt + "/control.sock")
ids = iter(range(1, 1000))
# Protocol 2.1: a host sends nothing before the greeting (the kernel discards input that
# arrives before it has seen the connection); lines before it may be an old session's.
while ctl.recv(30).get("type") != "greeting":
    pass
ctl.send({"type": "hello", "capabilities": []})
def call(method, params, timeout):
    i = next(ids)
    ctl.send({"type": "request", "id": i, "method": method, "params": params})
    t0 = time.monotonic()
    while True:
        r = ctl.recv(timeout)
        if r.get("type") == "response" and r.get("id") == i: return r, time.monotonic() - t0
def sh(cmd, timeout=60):
    r, dt = call("shell.exec", {"command": cmd}, timeout)
    res = r.get("result", {})
    print("[%s] status=%s %.1fs: %s" % (cmd, res.get("status"), dt, res.get("output", r.get("error", "")).strip()))
    return res, dt

sh("write /before ok"); sh("sync")
# A synced write (fsync) over the control port: its commit must reach the disk with flushes.
import base64, re
def flushes():
    r, _ = call("shell.exec", {"command": "blkstat --json"}, 30)
    return int(re.search(r'"flushes":(\d+)', r["result"]["output"]).group(1))
f0 = flushes()
r, _ = call("fs.write", {"path": "/synced", "data": base64.b64encode(b"synced\n").decode(), "sync": True}, 30)
f1 = flushes()
print("SYNCED_WRITE result=%s flushes=%d" % (json.dumps(r.get("result", r.get("error"))), f1 - f0))
throttle = {"device": "disk0", "bps": 0, "bps_rd": 0, "bps_wr": 1, "iops": 0, "iops_rd": 0, "iops_wr": 0}
print("throttle:", qmp_cmd("block_set_io_throttle", throttle))
sh("write /after stalled")
try:
    res, dt = sh("sync", timeout=60)
    print("STALLED_SYNC status=%s seconds=%d" % (res.get("status"), dt))
except socket.timeout:
    print("STALLED_SYNC HUNG"); sys.exit(1)
res, dt = sh("blkstat --json")
res, dt = sh("blkstat")
res, dt = sh("sync")
print("SECOND_SYNC seconds=%d" % dt)
r, dt = call("fs.sync", {}, 30)
print("FS_SYNC", json.dumps(r.get("error")))
# Let the held requests through: the device returns them late.
throttle.update(bps_wr=0)
print("unthrottle:", qmp_cmd("block_set_io_throttle", throttle))
# The device answers asynchronously: ask again (each round trip paces the next) until the
# kernel has reclaimed every abandoned request, for at most 30 s.
t_end = time.monotonic() + 30
while time.monotonic() < t_end:
    r, _ = call("shell.exec", {"command": "blkstat --json"}, 30)
    if '"abandoned":0' in r["result"]["output"]: break
res, dt = sh("blkstat --json")
sh("dmesg")
EOF
); st=$?
expect_status "fault script (a hang here is the bug: sync must time out)" $st 0
expect_not_in "sync did not hang" "$out" "STALLED_SYNC HUNG"
synced=$(grep '^SYNCED_WRITE result={"written": 7,' <<<"$out" | grep -o 'flushes=[0-9]*$' | cut -d= -f2)
if [ -n "$synced" ] && [ "$synced" -ge 3 ]; then pass "fs.write with sync sent $synced flushes (>= 3: log, commit block, checkpoint)"
else fail "fs.write with sync: '$(grep SYNCED_WRITE <<<"$out")' (want >= 3 flushes)"; fi
expect_in "stalled sync fails with a timeout" "$out" "[sync] status=1"
expect_in "the shell says why" "$out" "sync: /: timed out"
secs=$(grep -o 'STALLED_SYNC status=[0-9]* seconds=[0-9]*' <<<"$out" | grep -o '[0-9]*$')
if [ -n "$secs" ] && [ "$secs" -ge 9 ] && [ "$secs" -le 60 ]; then pass "timed out after ${secs}s (deadline 10 s)"
else fail "stalled sync returned after '${secs}' s, expected about 10"; fi
expect_in "the control port still answers: blkstat shows the failed disk" "$out" "FAILED (stopped answering)"
expect_in "failed disk in blkstat --json" "$out" '"failed":true'
expect_in "kernel log says what happened" "$out" "error blk: disk0: no completion for 10 s: 1 request(s) abandoned, disk failed until reboot"
second=$(grep -o 'SECOND_SYNC seconds=[0-9]*' <<<"$out" | grep -o '[0-9]*$')
if [ -n "$second" ] && [ "$second" -le 3 ]; then pass "a failed disk refuses at once (${second}s)"
else fail "sync on a failed disk took '${second}' s"; fi
expect_in "fs.sync reports an I/O error class" "$out" '"class": "IoError"'
last=$(grep '^\[blkstat --json\]' <<<"$out" | tail -1)
late=$(json_num late_completions "$last")
if [ -n "$late" ] && [ "$late" -ge 1 ] && grep -qF '"abandoned":0' <<<"$last"; then
  pass "abandoned requests came back late ($late) and were reclaimed"
else fail "late completions not seen: $last"; fi
echo "$out" | grep -E '^\[|^STALLED|^SECOND|^FS_SYNC' | head -20
finish
