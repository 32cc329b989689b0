#!/usr/bin/env bash
# The file-manager crash demo from the command line, all four crash points in one VM:
# `sisctl crash write` writes the user's content with the power cut at the point, reboots
# (QMP system_reset), and reports what the disk holds, what the journal did at mount
# (fs.journal) and e2fsck -fn on a copy taken while the VM was paused. It must say "correct"
# with the journal's numbers for that point; afterwards debugfs and e2fsck -fn on the image
# (VM off) must agree with what it reported.
source "$(dirname "$0")/lib.sh"
command -v debugfs >/dev/null || { echo "debugfs missing (e2fsprogs)"; exit 1; }
work=$(mktemp -d); trap '"$SISCTL" vm stop --name crash-demo >/dev/null 2>&1; rm -rf "$work"' EXIT
export SIS_RUNTIME_DIR=$work/run
img=$work/disk.img
"$SISCTL" disk create "$img" --size 64 >/dev/null || { fail "sisctl disk create"; finish; }
out=$("$SISCTL" boot --quiet --disk "$img" --exec "mkdir /demo" --exec "write /demo/mid.txt old mid" \
      --exec "write /demo/after.txt old after" --exec sync 2>&1)
expect_status "write the old files and power off" $? 0
seq -f "the user's text, line %05g" 1 600 >"$work/big.txt"  # several blocks

"$SISCTL" vm start --disk "$img" --name crash-demo >/dev/null || { fail "vm start"; finish; }
demo() {  # demo POINT PATH ARGS...: runs the demo, leaves its output in $out and status in $st
  local point=$1 path=$2; shift 2
  out=$("$SISCTL" crash write --name crash-demo --point "$point" --path "$path" "$@" 2>&1); st=$?
}

demo mid-data /demo/mid.txt --file "$work/big.txt"
expect_status "mid-data: the demo judges the outcome correct" $st 0
expect_in "mid-data: the crash came half way through the data (4 KiB blocks)" "$out" "power cut after 2 of 5 data blocks"
expect_in "mid-data: the old content is on the disk" "$out" "disk now:   the old content (8 bytes"
expect_in "mid-data: nothing was logged, so nothing to replay" "$out" "journal:    replayed nothing; discarded nothing"
expect_in "mid-data: e2fsck -fn on the paused copy is clean" "$out" "e2fsck -fn: clean (exit 0)"

demo before-commit /demo/new.txt --data "hello, journal"
expect_status "before-commit: the demo judges the outcome correct" $st 0
expect_in "before-commit: the new file does not come back" "$out" "disk now:   no file"
expect_in "before-commit: replay discarded the uncommitted transaction" "$out" "replayed nothing; discarded 1 uncommitted transaction ("
expect_in "before-commit: e2fsck -fn on the paused copy is clean" "$out" "e2fsck -fn: clean (exit 0)"

demo after-commit /demo/after.txt --file "$work/big.txt"
expect_status "after-commit: the demo judges the outcome correct" $st 0
expect_in "after-commit: replay brought the new content" "$out" "disk now:   the new content"
expect_in "after-commit: replay replayed one transaction" "$out" "journal:    replayed 1 transaction ("
expect_in "after-commit: e2fsck -fn on the paused copy is clean" "$out" "e2fsck -fn: clean (exit 0)"

demo during-checkpoint /demo/ckpt.txt --data "checkpointed half way"
expect_status "during-checkpoint: the demo judges the outcome correct" $st 0
expect_in "during-checkpoint: the crash came half way through the checkpoint" "$out" "metadata blocks were checkpointed"
expect_in "during-checkpoint: replay finished it" "$out" "disk now:   the new content"
expect_in "during-checkpoint: replay replayed one transaction" "$out" "journal:    replayed 1 transaction ("

out=$("$SISCTL" crash write --name crash-demo --point sideways --path /x --data y 2>&1)
expect_status "an unknown crash point is a usage error" $? 1
expect_in "the usage error names the points" "$out" "mid-data, before-commit, after-commit or during-checkpoint"
out=$("$SISCTL" crash write --name crash-demo --point mid-data --path /demo --data y 2>&1)
expect_status "a directory as the target is refused" $? 2
expect_in "the kernel says it is a directory" "$out" "IsADirectory"
head -c 40000 /dev/zero >"$work/toobig"
out=$("$SISCTL" crash write --name crash-demo --point mid-data --path /x --file "$work/toobig" 2>&1)
expect_status "content over 32768 bytes is refused" $? 1
"$SISCTL" vm stop --name crash-demo >/dev/null

# The image, judged by e2fsprogs.
fsck=$(e2fsck -fn "$img" 2>&1)
expect_status "e2fsck -fn on the image after the demos" $? 0
dump() { rm -f "$3"; debugfs -R "stat $2" "$1" 2>&1 | grep -q "Inode:" && debugfs -R "dump $2 $3" "$1" >/dev/null 2>&1; }
dump "$img" /demo/mid.txt "$work/got"
[ "$(cat "$work/got" 2>/dev/null)" = "old mid" ] && pass "debugfs: /demo/mid.txt holds the old content" || fail "debugfs: /demo/mid.txt is '$(head -c 60 "$work/got")'"
dump "$img" /demo/new.txt "$work/got"
[ ! -e "$work/got" ] && pass "debugfs: /demo/new.txt does not exist" || fail "debugfs: /demo/new.txt exists"
dump "$img" /demo/after.txt "$work/got"
cmp -s "$work/got" "$work/big.txt" && pass "debugfs: /demo/after.txt holds the new content" || fail "debugfs: /demo/after.txt is not the new content"
dump "$img" /demo/ckpt.txt "$work/got"
[ "$(cat "$work/got" 2>/dev/null)" = "checkpointed half way" ] && pass "debugfs: /demo/ckpt.txt holds the new content" || fail "debugfs: /demo/ckpt.txt is '$(head -c 60 "$work/got")'"
finish
