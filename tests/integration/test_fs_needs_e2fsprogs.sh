#!/usr/bin/env bash
# test_fs.sh must FAIL, not skip, when e2fsprogs is missing (the README installs it, so a
# missing oracle is a broken setup, not a reason to pass). Runs it with a PATH in which
# every directory holding e2fsprogs tools is replaced by a copy without them, and checks
# the exit status and the reason. Boots nothing: test_fs.sh stops before QEMU.
source "$(dirname "$0")/lib.sh"
shadow=$(mktemp -d /tmp/sis-no-e2fs.XXXXXX)
trap 'rm -rf "$shadow"' EXIT
hidden="e2fsck mke2fs mkfs.ext2 mkfs.ext3 mkfs.ext4 fsck.ext2 fsck.ext3 fsck.ext4 debugfs"
newpath=""
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  holds=0
  for t in $hidden; do [ -e "$d/$t" ] && holds=1; done
  if [ $holds -eq 1 ]; then
    copy="$shadow/$(echo "$d" | tr / _)"
    mkdir -p "$copy"
    for f in "$d"/*; do
      case " $hidden " in *" ${f##*/} "*) ;; *) ln -s "$f" "$copy/${f##*/}" ;; esac
    done
    d="$copy"
  fi
  newpath="$newpath${newpath:+:}$d"
done
PATH="$newpath" command -v e2fsck >/dev/null && fail "e2fsck still reachable through the stripped PATH"
out=$(PATH="$newpath" bash "$(dirname "$0")/test_fs.sh" 2>&1); st=$?
if [ $st -ne 0 ]; then pass "test_fs.sh fails without e2fsprogs (exit $st)"; else fail "test_fs.sh passed without e2fsprogs:"; echo "$out" | tail -5 >&2; fi
expect_in "it says why" "$out" "e2fsprogs is required"
expect_not_in "it does not call it a skip" "$out" "SKIP"
finish
