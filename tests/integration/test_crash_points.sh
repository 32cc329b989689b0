#!/usr/bin/env bash
# crash.inject write-crash at each of its four points (sisctl crash write --no-reboot), with
# the disk image judged by e2fsprogs, not by our kernel:
#   - the crashed image (QEMU stopped right after the panic): e2fsck -fy replays the journal
#     we left, then debugfs must show the outcome the journal guarantees at that point and
#     e2fsck -fn must be clean -- mid-data and before-commit: the old content (a new file:
#     no file); after-commit and during-checkpoint: the new content;
#   - the next boot replays the same journal in our kernel: at the end debugfs must see every
#     file as e2fsprogs did, and e2fsck -fn must be clean.
source "$(dirname "$0")/lib.sh"
command -v debugfs >/dev/null || { echo "debugfs missing (e2fsprogs)"; exit 1; }
work=$(mktemp -d); trap '"$SISCTL" vm stop --name crash-points >/dev/null 2>&1; rm -rf "$work"' EXIT
export SIS_RUNTIME_DIR=$work/run
img=$work/disk.img
"$SISCTL" disk create "$img" --size 64 >/dev/null || { fail "sisctl disk create"; finish; }

# point:file:existed  (before-commit on a new file: the file must not come back at all)
cases="mid-data:/docs/mid.txt:1 before-commit:/docs/new-before.txt:0 after-commit:/docs/after.txt:1 during-checkpoint:/docs/ckpt.txt:1"
out=$("$SISCTL" boot --quiet --disk "$img" --exec "mkdir /docs" --exec "write /docs/mid.txt old mid" \
      --exec "write /docs/after.txt old after" --exec "write /docs/ckpt.txt old ckpt" --exec sync 2>&1)
expect_status "write the old files and power off" $? 0

dump() {  # dump IMG PATH OUT: the file's bytes, or no OUT when it does not exist
  rm -f "$3"
  debugfs -R "stat $2" "$1" 2>&1 | grep -q "Inode:" && debugfs -R "dump $2 $3" "$1" >/dev/null 2>&1
}

for c in $cases; do
  IFS=: read -r point file existed <<<"$c"
  # Several blocks of text, so mid-data can stop half way through them.
  seq -f "new content for $point, line %05g" 1 700 >"$work/new-$point"
  "$SISCTL" vm start --disk "$img" --name crash-points >/dev/null || { fail "vm start ($point)"; continue; }
  out=$("$SISCTL" crash write --name crash-points --no-reboot --point "$point" --path "$file" --file "$work/new-$point" 2>&1)
  expect_status "crash write --point $point" $? 0
  expect_in "the panic names the crash point $point" "$out" "write-crash $point: $file"
  "$SISCTL" vm stop --name crash-points >/dev/null

  # Before any replay: after-commit checkpointed nothing, so the blocks in place still say
  # "old" and only the journal knows the new content.
  if [ "$point" = after-commit ]; then
    fsck=$(e2fsck -fn "$img" 2>&1)
    expect_in "after-commit: the crashed image needs journal recovery" "$fsck" "skipping journal recovery"
    dump "$img" "$file" "$work/got"
    [ "$(cat "$work/got" 2>/dev/null)" = "old after" ] && pass "after-commit: without replay the disk still holds the old content" ||
      fail "after-commit: without replay $file is '$(head -c 60 "$work/got" 2>/dev/null)'"
  fi
  # e2fsprogs' replay of the crashed image.
  cp "$img" "$work/crashed.img"
  e2fsck -fy "$work/crashed.img" >"$work/fix.log" 2>&1
  fsck=$(e2fsck -fn "$work/crashed.img" 2>&1)
  expect_status "$point: e2fsck -fn clean after e2fsprogs' replay" $? 0
  dump "$work/crashed.img" "$file" "$work/got"
  case $point in
    after-commit|during-checkpoint) want="$work/new-$point";;
    *) want="$work/old-$point"; [ "$existed" = 1 ] && printf 'old %s\n' "$(basename "$file" .txt)" >"$want";;
  esac
  if [ -e "$want" ]; then
    cmp -s "$work/got" "$want" && pass "$point: e2fsprogs' replay gives $(basename "$want" | cut -d- -f1) content" ||
      fail "$point: $file after e2fsprogs' replay is not the $(basename "$want" | cut -d- -f1) content: '$(head -c 60 "$work/got" 2>/dev/null)'"
    cp "$want" "$work/expect-$point"
  else
    [ ! -e "$work/got" ] && pass "$point: the new file does not come back" || fail "$point: $file exists after the crash"
  fi
done

# Our kernel replays the last crash at the next boot; every file must be as e2fsprogs saw it.
out=$("$SISCTL" boot --quiet --disk "$img" --exec fsinfo --exec sync 2>&1)
expect_status "boot replays the last crash and powers off cleanly" $? 0
expect_in "the mount replayed the during-checkpoint transaction" "$out" "1 transactions"
for c in $cases; do
  IFS=: read -r point file existed <<<"$c"
  dump "$img" "$file" "$work/final"
  if [ -e "$work/expect-$point" ]; then
    cmp -s "$work/final" "$work/expect-$point" && pass "$point: our replay agrees with e2fsprogs' ($file)" ||
      fail "$point: $file after our replay differs from e2fsprogs' replay"
  else
    [ ! -e "$work/final" ] && pass "$point: our replay agrees: no $file" || fail "$point: $file exists after our replay"
  fi
done
fsck=$(e2fsck -fn "$img" 2>&1)
expect_status "e2fsck -fn after our replays" $? 0
finish
