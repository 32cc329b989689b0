#!/usr/bin/env bash
# The sampling profiler against the real kernel under QEMU (docs/profiler.md).
#  - Known workload: a kernel thread spinning in sched::burn_ns (`spawn cpu 1`) must own most
#    of the samples of a one-second profile, at the PMU's and at the timer's interrupt;
#    the report's percentages and the folded stacks agree with each other.
#  - A busybox shell loop at EL0 (default disk): user stacks walked by frame records.
#  - profctl's errors (stop without a profile, a second start, bad rates) and export to a file.
#  - sisctl prof start/stop/report/folded over the control port on a VM started with
#    `sisctl vm start`: the folded text, fetched in chunks, sums to the reported samples.
# About 45 s. Needs the sis_disk target.
source "$(dirname "$0")/lib.sh"

# Sum of the counts of folded lines (the number after the last space of each line).
folded_sum() { awk '{ n += $NF } END { print n + 0 }'; }

out=$("$SISCTL" boot --quiet --exec "profctl stop" --exec "profctl report" --exec "profctl start --hz 0" \
  --exec "profctl start --hz 10001" --exec "profctl start --pid 3 --kernel" --exec "profctl start --pid 99" \
  --exec "spawn cpu 1" --exec "profctl start" --exec "profctl start" --exec "sleep 1000" --exec "profctl stop" \
  --exec "profctl report --top 5" --exec "profctl report --top 5 --json" \
  --exec "profctl export --folded /prof.folded" --exec "cat /prof.folded" \
  --exec "profctl start --timer --hz 2000" --exec "sleep 1000" --exec "profctl stop" \
  --exec "profctl report --top 3 --json" --timeout 120 2>&1); st=$?
expect_status "profctl session (some commands fail on purpose)" $st 6
expect_in "stop without a profile" "$out" "profctl stop: no profile is running"
expect_in "report before any profile" "$out" "profctl report: no profile yet"
expect_in "rate 0 refused" "$out" "--hz takes a rate of 1..10000"
expect_in "one target only" "$out" "give at most one of --pid P, --kernel, --all"
expect_in "a missing process refused" "$out" "profctl start: no running process 99"
expect_in "start reports the rate and source" "$out" "profiling at 1000 Hz ("
expect_in "second start refused" "$out" "a profile is already running"
expect_in "report header" "$out" "self%  total%"
expect_in "export wrote the file" "$out" "bytes of folded stacks to /prof.folded"
expect_in "timer source when asked" "$out" "profiling at 2000 Hz (timer)"

# The spinning thread owns most samples, in both profiles (PMU or timer, then timer).
python3 - "$out" <<'PY' || fail "known workload"
import json, sys
out = sys.argv[1]
reports = [json.loads(l) for l in out.splitlines() if l.startswith('{"samples"')]
assert len(reports) == 2, f"expected two JSON reports, got {len(reports)}"
for r in reports:
    assert r["samples"] > 0, r
    top = r["functions"][0]
    assert top["name"] == "sis`sched::burn_ns", f"top function is {top['name']}: {r}"
    assert top["self_pct"] > 50, f"burn_ns has only {top['self_pct']}% of {r['samples']} samples"
    for f in r["functions"]:
        assert 0 <= f["self"] <= f["total"] <= r["samples"], f
        assert abs(f["self_pct"] - 100.0 * f["self"] / r["samples"]) < 0.01, f
print(f"ok: sched::burn_ns owns {reports[0]['functions'][0]['self_pct']}% and "
      f"{reports[1]['functions'][0]['self_pct']}% of the samples")
PY

# The exported folded stacks: well-formed lines whose counts sum to the first profile's samples.
folded=$(sed -n '/^sis> cat \/prof.folded/,/^sis> /p' <<<"$out" | sed '1d;$d')
samples=$(sed -n 's/^stopped: \([0-9]*\) samples.*/\1/p' <<<"$out" | head -1)
[ -n "$folded" ] && pass "folded export is not empty" || fail "folded export is empty"
bad=$(grep -cvE '^\[(kernel|pid [0-9]+)\] [^;]*(;[^;]+)+ [1-9][0-9]*$' <<<"$folded")
[ "$bad" -eq 0 ] && pass "every folded line is 'thread;frames count'" || fail "$bad malformed folded lines"
[ "$(folded_sum <<<"$folded")" = "$samples" ] && pass "folded counts sum to the $samples samples" ||
  fail "folded counts sum to $(folded_sum <<<"$folded"), stop said $samples"
expect_in "spinning thread's stack in the folded text" "$folded" "sis\`sched::(anonymous namespace)::cpu_main;sis\`sched::burn_ns"
# burn_ns calls arch::counter, a leaf: a sample in its prologue or at its ret must still
# show burn_ns as its caller (x30), not skip to cpu_main.
expect_not_in "a leaf's caller is not skipped" "$folded" "cpu_main;sis\`arch::counter"

# User space (the default disk): a busybox shell loop at EL0 is sampled with its user call
# stack walked by frame records (at least three busybox frames deep), its system calls show
# the kernel's frames under the program's, and a program with symbols (bench_getppid) gets
# function names.
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)  # SIS_KERNEL is <build>/kernel/Image
image="$build/disk/sis-disk.img"
[ -e "$image" ] || { echo "FAIL: $image missing: build the sis_disk target" >&2; exit 1; }
udisk=$(mktemp /tmp/sis-test-prof-disk.XXXXXX)
cp "$image" "$udisk"
out=$("$SISCTL" boot --quiet --disk "$udisk" --exec "profctl start" \
  --exec "procctl run /bin/busybox sh -c 'i=0; while [ \$i -lt 20000 ]; do i=\$((i+1)); done; echo \$i'" \
  --exec "procctl run /bin/bench_getppid 30000" \
  --exec "profctl stop" --exec "profctl export --folded /u.folded" --timeout 200 2>&1); st=$?
expect_status "profiling a user program" $st 0
expect_in "the loop ran" "$out" "20000"
# The export on the disk's ext4, read offline after poweroff.
folded=$("$SISCTL" image cat "$udisk" /u.folded 2>&1); expect_status "sisctl image cat the export" $? 0
rm -f "$udisk"
usamples=$(sed -n 's/^stopped: \([0-9]*\) samples.*/\1/p' <<<"$out")
[ "$(folded_sum <<<"$folded")" = "$usamples" ] && pass "exported folded text on ext4 sums to the $usamples samples" ||
  fail "ext4 export sums to $(folded_sum <<<"$folded"), stop said $usamples"
deep=$(grep -cE '^\[pid [0-9]+\] busybox;busybox`0x[0-9a-f]+;busybox`0x[0-9a-f]+;busybox`0x[0-9a-f]+' <<<"$folded")
[ "$deep" -gt 0 ] && pass "user stacks walked ($deep stacks at least 3 busybox frames deep)" ||
  fail "no user stack 3 frames deep in: $(grep -m5 '^\[pid' <<<"$folded")"
grep -qE '^\[pid [0-9]+\] busybox;(busybox`0x[0-9a-f]+;)+sis`trap_save_rest;sis`trap_dispatch' <<<"$folded" &&
  pass "system calls: kernel frames under the program's" || fail "no system call stack under a busybox frame"
bad=$(grep -cvE '^\[(kernel|pid [0-9]+)\] [^;]*(;[^;]+)+ [1-9][0-9]*$' <<<"$folded")
[ "$bad" -eq 0 ] && pass "user profile's folded lines are well formed" || fail "$bad malformed folded lines"
# bench_getppid keeps its symbol table: its frames are named from it (Debian's busybox is
# stripped: offsets).
grep -qE '^\[pid [0-9]+\] bench_getppid;bench_getppid`_start;bench_getppid`__libc_start_main;' <<<"$folded" &&
  pass "user frames named from the program's ELF symbols" ||
  fail "no symbolized bench_getppid stack in: $(grep -m5 'bench_getppid' <<<"$folded")"
# Samples inside a system call also walk the user stack below it (profiler.cpp,
# syscall_user_frames): the kernel frames hang under the program's whole call chain, not
# only under the pc of its svc.
grep -qE '^\[pid [0-9]+\] bench_getppid;bench_getppid`_start;bench_getppid`__libc_start_main;(bench_getppid`[^;]+;)+sis`trap_save_rest;sis`trap_dispatch;' <<<"$folded" &&
  pass "system calls: the user caller's stack is under the kernel frames" ||
  fail "no system call under bench_getppid's _start/__libc_start_main in: $(grep -m5 'trap_save_rest' <<<"$folded")"

# Over the control port.
private_vm_runtime prof proftest
"$SISCTL" prof frob >/dev/null 2>&1; expect_status "sisctl prof: unknown subcommand" $? 1
"$SISCTL" prof start --hz 0 >/dev/null 2>&1; expect_status "sisctl prof start --hz 0" $? 1
out=$("$SISCTL" vm start --name proftest --wait-boot 60 2>&1); expect_status "vm start" $? 0
out=$("$SISCTL" prof stop --name proftest 2>&1); expect_status "sisctl prof stop without a profile" $? 2
out=$("$SISCTL" prof start --name proftest --hz 500 --all 2>&1); expect_status "sisctl prof start" $? 0
expect_in "sisctl prof start output" "$out" "profiling at 500 Hz ("
out=$("$SISCTL" prof start --name proftest 2>&1); expect_status "sisctl prof start twice" $? 2
expect_in "Busy on a second start" "$out" "Busy"
sleep 1
out=$("$SISCTL" prof stop --name proftest 2>&1); expect_status "sisctl prof stop" $? 0
samples=$(sed -n 's/^stopped: \([0-9]*\) samples.*/\1/p' <<<"$out")
[ -n "$samples" ] && [ "$samples" -gt 0 ] && pass "samples while idle: $samples" || fail "no samples: $out"
out=$("$SISCTL" prof report --name proftest --top 3 --json 2>&1); expect_status "sisctl prof report --json" $? 0
expect_in "report JSON" "$out" "\"samples\":$samples"
out=$("$SISCTL" prof report --name proftest 2>&1); expect_status "sisctl prof report" $? 0
expect_in "report table" "$out" "self%  total%"
"$SISCTL" prof folded --name proftest -o "$SIS_RUNTIME_DIR/p.folded" 2>/dev/null; expect_status "sisctl prof folded -o" $? 0
[ "$(folded_sum <"$SIS_RUNTIME_DIR/p.folded")" = "$samples" ] && pass "fetched folded text sums to $samples" ||
  fail "fetched folded sums to $(folded_sum <"$SIS_RUNTIME_DIR/p.folded"), expected $samples"
expect_in "the idle thread was sampled" "$(cat "$SIS_RUNTIME_DIR/p.folded")" "[kernel] idle;"
"$SISCTL" prof folded --name proftest --chunk 100 -o "$SIS_RUNTIME_DIR/small.folded" 2>/dev/null
expect_status "sisctl prof folded in 100-byte chunks" $? 0
cmp -s "$SIS_RUNTIME_DIR/p.folded" "$SIS_RUNTIME_DIR/small.folded" && pass "small chunks reassemble the same text" ||
  fail "small chunks give another text"
"$SISCTL" vm stop --name proftest >/dev/null 2>&1
finish
