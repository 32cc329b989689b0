#!/usr/bin/env bash
# sisctl --host against a real OpenSSH server on loopback (tests/remote/sshd.sh, started here
# as the current user): host keys (unknown refused with the fingerprint, trusted on request,
# changed always refused), a host without QEMU or kernel, uploading a disk image over SFTP,
# starting the VM "remotely", status, metrics and a program's output through the forwarded
# sockets, the SSH connection killed under a running command (reported; the VM keeps running
# and the next command re-attaches), crash write with e2fsck on a paused copy made THERE,
# vm snapshot save/list/load by the host's own sisctl (store there), and stop. Needs the sis_disk target (busybox on the disk).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../remote/sshd.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)  # SIS_KERNEL is <build>/kernel/Image
image="$build/disk/sis-disk.img"
[ -e "$image" ] || { echo "FAIL: $image missing: build the sis_disk target" >&2; exit 1; }
export SSH_AUTH_SOCK=  # the test's own key, never the user's agent

work=$(mktemp -d /tmp/sis-test-remote.XXXXXX)
name=remote-$$
remote_run=$work/remote-run  # the "remote" user's runtime base (SetEnv in the test's sshd)
cleanup() {
  local rec=$remote_run/vm-$name/vm.json pid
  if [ -f "$rec" ]; then
    pid=$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$rec")
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  fi
  [ -n "${metrics_pid:-}" ] && kill "$metrics_pid" 2>/dev/null
  sshd_stop "$work/host"
  rm -rf "$work"
}
trap cleanup EXIT
SSHD_SETENV="SIS_RUNTIME_DIR=$remote_run SIS_SNAPSHOT_DIR=$work/remote-snapshots" sshd_start "$work/host"
host=127.0.0.1:$SSHD_PORT
R=("$SISCTL" --host "$host" --identity "$work/host/id_client" --known-hosts "$work/host/known_hosts")
fp=$(ssh-keygen -lf "$work/host/host_key.pub" | cut -d' ' -f2)

# Host keys.
: >"$work/empty_known_hosts"
out=$("$SISCTL" --host "$host" --identity "$work/host/id_client" --known-hosts "$work/empty_known_hosts" exec true 2>&1)
expect_status "a host not in known_hosts is refused" $? 2
expect_in "the refusal names the host" "$out" "host $host is not in $work/empty_known_hosts"
expect_in "the refusal shows the key's fingerprint" "$out" "$fp"
[ ! -s "$work/empty_known_hosts" ] && pass "nothing was added to known_hosts" || fail "known_hosts changed"
out=$("$SISCTL" --host "$host" --identity "$work/host/id_client" --known-hosts "$work/empty_known_hosts" \
  --trust-new-host-key exec echo trusted 2>&1)
expect_status "--trust-new-host-key connects" $? 0
expect_in "the command ran" "$out" "trusted"
grep -qF "$(cut -d' ' -f2 "$work/host/host_key.pub")" "$work/empty_known_hosts" && pass "the key was added" ||
  fail "the trusted key is not in known_hosts"
ssh-keygen -q -t ed25519 -N '' -f "$work/other_key"
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$work/other_key.pub")" >"$work/changed_known_hosts"
out=$("$SISCTL" --host "$host" --identity "$work/host/id_client" --known-hosts "$work/changed_known_hosts" \
  --trust-new-host-key exec true 2>&1)
expect_status "a changed host key is refused, even with --trust-new-host-key" $? 2
expect_in "the refusal says CHANGED" "$out" "host key of $host has CHANGED"
expect_in "and shows the new key's fingerprint" "$out" "$fp"
out=$("$SISCTL" --host "nobody@$host" --identity "$work/other_key" --known-hosts "$work/host/known_hosts" exec true 2>&1)
expect_status "an unknown client key is refused" $? 2
expect_in "authentication failure is named" "$out" "authentication to nobody@$host failed"

# A host without QEMU or without the kernel image: what is missing, by name.
out=$("${R[@]}" vm start --name "$name" --qemu /nonexistent/qemu-system-aarch64 2>&1)
expect_status "no QEMU on the host" $? 2
expect_in "the message names QEMU" "$out" "no QEMU: /nonexistent/qemu-system-aarch64 is not installed there"
out=$("${R[@]}" vm start --name "$name" --kernel /nonexistent/Image 2>&1)
expect_status "no kernel on the host" $? 2
expect_in "the message names the kernel" "$out" "no kernel image at /nonexistent/Image"

# Upload the disk image (SFTP), start the VM on it remotely.
out=$("${R[@]}" file put "$image" "$work/remote-files/disk.img" 2>&1)
expect_status "file put uploads the disk image" $? 0
cmp -s "$image" "$work/remote-files/disk.img" && pass "the uploaded image is identical" || fail "uploaded image differs"
out=$("${R[@]}" vm start --name "$name" --disk "$work/remote-files/disk.img" --wait-boot 120 2>&1)
expect_status "vm start on the host" $? 0
expect_in "started on the host" "$out" "VM '$name' started on $host: pid"
expect_in "the kernel booted" "$out" "kernel booted to its shell"
expect_in "the runtime directory is the host's" "$out" "runtime directory $remote_run/vm-$name"
pid=$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$remote_run/vm-$name/vm.json")
[ -n "$pid" ] && kill -0 "$pid" && pass "QEMU runs (pid $pid)" || fail "no QEMU process"

out=$("${R[@]}" vm status --name "$name" 2>&1)
expect_status "vm status over SSH" $? 0
expect_in "status: running" "$out" "status       running"
expect_in "status: ext4 on the uploaded disk" "$out" "ext4 on the disk"
out=$("${R[@]}" metrics --name "$name" --count 5 2>/dev/null)
expect_status "metrics stream over SSH" $? 0
[ "$(grep -c '"seq":' <<<"$out")" -eq 5 ] && pass "5 metrics samples" || fail "metrics: $out"
out=$("${R[@]}" proc run --name "$name" /bin/busybox sh -c 'echo remote-hello; exit 3' 2>&1)
expect_status "a program's exit status comes back" $? 3
expect_in "its output comes back" "$out" "remote-hello"

# Kill the SSH connection under a running command: it says so and fails; QEMU keeps running;
# the next command re-attaches to the same VM.
"${R[@]}" metrics --name "$name" >"$work/metrics.out" 2>"$work/metrics.err" &
metrics_pid=$!
for _ in $(seq 600); do [ "$(grep -c '"seq":' "$work/metrics.out")" -ge 3 ] && break; sleep 0.1; done
[ "$(grep -c '"seq":' "$work/metrics.out")" -ge 3 ] && pass "metrics stream before the drop" || fail "no metrics before the drop"
sshd_kill_sessions "$work/host"
# The drop must end the command within the keep-alive and probe timeouts (seconds), not
# after the test's own timeout: if it does not, say what still runs and fail here.
for _ in $(seq 300); do kill -0 "$metrics_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$metrics_pid" 2>/dev/null; then
  fail "metrics still runs 30 s after the SSH sessions were killed; stderr: $(cat "$work/metrics.err")"
  ps -eo pid,ppid,stat,etime,args | grep -E "sshd|sisctl|qemu" | grep -v grep >&2
  kill -9 "$metrics_pid"
fi
wait "$metrics_pid"; st=$?; metrics_pid=
[ "$st" -ne 0 ] && pass "the interrupted command fails (exit $st)" || fail "metrics exited 0 after the drop"
expect_in "the drop is reported" "$(cat "$work/metrics.err")" "the SSH connection to $host was lost"
expect_in "the report says the VM keeps running" "$(cat "$work/metrics.err")" "the VM keeps running there"
kill -0 "$pid" && pass "QEMU survived the dropped connection" || fail "QEMU died with the connection"
out=$("${R[@]}" vm status --name "$name" --json 2>&1)
expect_status "re-attached" $? 0
expect_in "the same VM, still running" "$out" "\"pid\":$pid"
expect_in "still running" "$out" '"status":"running"'
out=$("${R[@]}" metrics --name "$name" --count 3 2>/dev/null)
[ "$(grep -c '"seq":' <<<"$out")" -eq 3 ] && pass "metrics again after re-attaching" || fail "metrics after re-attach: $out"

# crash write over SSH: the disk is there, so its paused copy and e2fsck -fn are there too
# (this machine has no copy of the image at that path: $work/remote-files is "remote").
out=$("${R[@]}" crash write --name "$name" --point before-commit --path /remote-crash.txt --data hello 2>&1)
expect_status "crash write over SSH" $? 0
expect_in "e2fsck judged the copy made on the host" "$out" "e2fsck -fn: clean (exit 0), on a copy taken while the VM was paused"
expect_in "the journal's guarantee held" "$out" "correct"
[ ! -e "$work/remote-files/disk.img.fsck-copy" ] && pass "the copy on the host is removed" || fail "fsck copy left on the host"

# vm snapshot over SSH: the host's own sisctl takes it, into the store there.
S=("${R[@]}" --sisctl-there "$SISCTL")
out=$("${S[@]}" vm snapshot save s1 --name "$name" 2>&1)
expect_status "vm snapshot save over SSH" $? 0
expect_in "saved" "$out" "snapshot 's1' saved"
[ -f "$work/remote-snapshots/vm-$name/s1/disk.img" ] && pass "the snapshot's disk copy is on the host" ||
  fail "no snapshot in $work/remote-snapshots/vm-$name/s1"
out=$("${S[@]}" vm snapshot list --name "$name" 2>&1)
expect_in "listed" "$out" "s1"
out=$("${S[@]}" vm snapshot load s1 --name "$name" 2>&1)
expect_status "vm snapshot load over SSH" $? 0
expect_in "restored" "$out" "snapshot 's1' restored"
kill -0 "$pid" && pass "the same QEMU after the load" || fail "QEMU gone after the snapshot load"
out=$("${R[@]}" --sisctl-there /nonexistent/sisctl vm snapshot list --name "$name" 2>&1)
expect_status "no sisctl on the host" $? 2
expect_in "says what is missing" "$out" "no sisctl on $host (/nonexistent/sisctl)"
out=$("${S[@]}" vm snapshot delete s1 --name "$name" 2>&1)
expect_status "vm snapshot delete over SSH" $? 0

out=$("${R[@]}" vm stop --name "$name" 2>&1)
expect_status "vm stop over SSH" $? 0
expect_in "stopped" "$out" "VM '$name' on $host stopped"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "QEMU still runs after stop" || pass "QEMU is gone"
[ ! -e "$remote_run/vm-$name" ] && pass "the remote runtime directory is removed" || fail "remote runtime directory left"
out=$("${R[@]}" vm status --name "$name" 2>&1)
expect_status "status of a stopped remote VM" $? 2
expect_in "says there is none" "$out" "no VM '$name' is running on $host"
finish
