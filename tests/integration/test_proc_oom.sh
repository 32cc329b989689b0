#!/usr/bin/env bash
# Out of memory in user space kills a process, never the kernel (issue 15): in a 256 MiB
# guest, memhog asks for 512 MiB and must be killed by SIGKILL with oom_killed set; the kernel
# then still runs a program, no process or user page is left, and the kernel log names the
# victim. Then autonomy's lever: with autonomy on, the model selected as the detector (the
# default is the time-to-exhaustion rule, docs/ai.md) and its threshold lowered to 0.01 (so the
# predictor alarms at once; whether the trained model alarms by itself is issue 16's
# question, not this test's), a slow memhog must be stopped by autonomy's last resort, whose
# action record names the real offender "pid 3 (memhog)", before the killer has to act.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)
disk_src="$build/disk/sis-disk.img"
[ -e "$disk_src" ] || { echo "FAIL: $disk_src missing: build the sis_disk target" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$disk_src" "$tmp/disk.img"

out=$("$SISCTL" boot --quiet --disk "$tmp/disk.img" --memory 256 --timeout 240 \
  --exec "procctl run --json /bin/memhog 512" \
  --exec "procctl run /bin/hello" \
  --exec "dmesg" \
  --exec "autoctl on" \
  --exec "autoctl detector model" \
  --exec "autoctl threshold 0.01" \
  --exec "procctl run --json /bin/memhog 512 20" \
  --exec "crashctl status" \
  --exec "procctl list --json" 2>&1)
status=$?
# procctl run of a killed program fails its --exec (exit 6); anything else is a real failure.
[ "$status" -eq 6 ] || [ "$status" -eq 0 ] || { fail "sisctl boot exit $status"; echo "$out" | tail -40 >&2; }
expect_not_in "no kernel panic" "$out" "KERNEL PANIC"

first=$(grep -m1 '^{"pid"' <<<"$out")
expect_in "memhog 512 in 256 MiB is killed by SIGKILL" "$first" '"signal":"SIGKILL"'
expect_in "... by the out-of-memory killer" "$first" '"oom_killed":true'
expect_in "the kernel log names the victim" "$out" "out of memory: killed pid 1 (memhog"
expect_in "a program still runs afterwards" "$out" "Hello from SIS user space! I am pid 2."

second=$(grep '^{"pid"' <<<"$out" | sed -n 2p)
expect_in "with autonomy on, memhog is stopped by SIGKILL" "$second" '"signal":"SIGKILL"'
expect_in "... by autonomy, not the out-of-memory killer" "$second" '"oom_killed":false'
expect_in "autonomy's action record names the offender" "$out" "stop pid 3 (memhog)"

last=$(grep '^{"processes"' <<<"$out" | tail -1)
expect_in "no process is left" "$last" '"processes":[]'
# The out-of-memory path drops the program image cache first, so what is left is the
# trampoline page plus whatever the cache took back since (hello, memhog).
leak=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["user_pages"] - d["image_cache"]["pages"])' "$last")
[ "$leak" = 1 ] && pass "no user page leaked (the trampoline and the image cache's pages only)" ||
  fail "user pages beyond the trampoline and the image cache: $leak in $last"
expect_in "the image cache was dropped before anyone was killed" "$out" "out of memory: dropped the program image cache"
finish
