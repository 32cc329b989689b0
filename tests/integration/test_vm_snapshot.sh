#!/usr/bin/env bash
# sisctl vm snapshot save|load|list|delete against real QEMU with a copy of the default disk:
# a file written in the guest, a snapshot, the file changed and the kernel panicked, the
# snapshot loaded: the guest reads the pre-crash content again, and a new control connection
# is greeted right away. (The uptime check is in tests/qmp/integration_snapshot.cpp, which
# reads sys.info's uptime_ns.) Usage errors and refusals exit 1 and 2 with a clear message.
source "$(dirname "$0")/lib.sh"
disk_src=${SIS_DISK_IMAGE:-$(dirname "$SIS_KERNEL")/../disk/sis-disk.img}

export SIS_RUNTIME_DIR SIS_SNAPSHOT_DIR
SIS_RUNTIME_DIR=$(mktemp -d /tmp/sis-test-snap.XXXXXX)
SIS_SNAPSHOT_DIR=$SIS_RUNTIME_DIR/snapshots
cleanup() {
  "$SISCTL" vm stop --name snap >/dev/null 2>&1
  rm -rf "$SIS_RUNTIME_DIR"
}
trap cleanup EXIT
cp --sparse=always "$disk_src" "$SIS_RUNTIME_DIR/disk.img" || { fail "no default disk at $disk_src"; finish; }
guest() { "$SISCTL" proc run --name snap --timeout 30 -- /bin/busybox "$@"; }

out=$("$SISCTL" vm --help); expect_status "vm --help" $? 0
for w in "snapshot save|load|delete SNAPSHOT" "snapshot list" "SIS_SNAPSHOT_DIR"; do expect_in "help names $w" "$out" "$w"; done
out=$("$SISCTL" vm snapshot 2>&1); expect_status "snapshot without an action" $? 1
out=$("$SISCTL" vm snapshot save 2>&1); expect_status "snapshot save without a name" $? 1
expect_in "missing name is explained" "$out" "needs a SNAPSHOT name"
out=$("$SISCTL" vm snapshot save ../x 2>&1); expect_status "snapshot with a bad name" $? 1
out=$("$SISCTL" vm snapshot save s1 --name snap 2>&1); expect_status "snapshot of a VM that is not running" $? 2
expect_in "no VM message" "$out" "no VM 'snap' is running"
out=$("$SISCTL" vm snapshot list --name snap 2>&1); expect_status "list with no snapshots" $? 0
expect_in "list says none" "$out" "no snapshots of VM 'snap'"

out=$("$SISCTL" vm start --name snap --disk "$SIS_RUNTIME_DIR/disk.img" --wait-boot 60 2>&1); expect_status "vm start" $? 0
guest sh -c 'echo before the crash > /snap.txt; sync'; expect_status "write the file" $? 0
out=$("$SISCTL" vm snapshot save s1 --name snap 2>&1); expect_status "snapshot save" $? 0
expect_in "save reports" "$out" "snapshot 's1' saved"
out=$("$SISCTL" vm snapshot save s1 --name snap 2>&1); expect_status "second save under the same name refused" $? 2
expect_in "name in use is explained" "$out" "exists already"
out=$("$SISCTL" vm snapshot list --name snap --json 2>&1); expect_status "snapshot list --json" $? 0
taken_ns=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s[0]["uptime_ns"] if len(s)==1 and s[0]["name"]=="s1" else -1)' "$out")
[ "$taken_ns" -gt 0 ] && pass "list shows s1 with the guest uptime ($taken_ns ns)" || fail "list: $out"
out=$("$SISCTL" vm snapshot list --name snap); expect_in "table lists s1" "$out" "s1"

guest sh -c 'echo after the snapshot > /snap.txt; sync'; expect_status "change the file" $? 0
out=$("$SISCTL" crash panic --name snap --timeout 30 2>&1); expect_status "crash panic" $? 0
out=$("$SISCTL" vm snapshot load nope --name snap 2>&1); expect_status "load of an unknown snapshot" $? 2
expect_in "unknown snapshot is explained" "$out" "no snapshot 'nope'"
out=$("$SISCTL" vm snapshot load s1 --name snap 2>&1); expect_status "snapshot load" $? 0
expect_in "load reports the VM running" "$out" "VM running"
out=$(guest cat /snap.txt 2>&1); expect_in "the pre-crash content is back" "$out" "before the crash"
expect_not_in "the later content is gone" "$out" "after the snapshot"
out=$("$SISCTL" vm snapshot delete s1 --name snap 2>&1); expect_status "snapshot delete" $? 0
out=$("$SISCTL" vm snapshot delete s1 --name snap 2>&1); expect_status "delete of a deleted snapshot" $? 2
out=$("$SISCTL" vm snapshot list --name snap); expect_in "list empty again" "$out" "no snapshots"
finish
