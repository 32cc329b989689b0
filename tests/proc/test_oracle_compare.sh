#!/usr/bin/env bash
# The comparison of test_proc_oracle.sh checked without the kernel: tests/proc/fake_sisctl.py
# answers `procctl run --json` with the Linux oracle's own results, so oracle.py compare must
# pass; when the fake changes one program's exit code or stdout, it must fail and name it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
rootfs=${1:?usage: test_oracle_compare.sh ROOTFS DISK}
disk=${2:?usage: test_oracle_compare.sh ROOTFS DISK}
export FAKE_SIS_ROOTFS=$rootfs
failures=0
# --no-fault-reports: the stand-in answers with Linux's results, which carry no fault report.
compare() { python3 "$here/oracle.py" compare --sisctl "$here/fake_sisctl.py" --disk "$disk" --no-fault-reports "$rootfs" 2>&1; }

out=$(FAKE_SIS_TAMPER= compare); st=$?
if [ $st -eq 0 ] && grep -q "all cases passed" <<<"$out"; then echo "ok: Linux against itself: every case matches"
else echo "FAIL: Linux against itself (exit $st):"; echo "$out" | tail -30; failures=$((failures + 1)); fi

for tamper in fork_wait:exit_code file_io:stdout; do
  prog=${tamper%%:*}
  out=$(FAKE_SIS_TAMPER=$tamper compare); st=$?
  if [ $st -ne 0 ] && grep -q "FAIL: SIS vs Linux: /bin/$prog" <<<"$out" &&
     [ "$(grep -c '^FAIL: SIS vs Linux' <<<"$out")" -eq 1 ]; then
    echo "ok: a different ${tamper#*:} of $prog fails that case alone"
  else echo "FAIL: tampered $tamper (exit $st):"; echo "$out" | tail -30; failures=$((failures + 1)); fi
done
[ $failures -eq 0 ] && echo "all checks passed" || exit 1
