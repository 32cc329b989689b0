#!/usr/bin/env bash
# The control-port tests must FAIL, not skip, when the kernel's control port does not
# answer (integration.qmp_client is one ctest: skipped tests would let a broken port pass).
# Runs two of them with SIS_ITEST_CONTROL_SOCKET pointing at a path with nothing behind it
# and checks that gtest reports failures, not skips, and exits non-zero.
# $1: the sis_qmp_integration_tests binary.
set -u
bin=$1
nothing=$(mktemp -u /tmp/sis-no-control.XXXXXX.sock)
out=$(SIS_ITEST_CONTROL_SOCKET="$nothing" "$bin" \
      --gtest_filter='RealKernel.SysInfoDescribesTheKernel:RealVm.ControlPortGreetingWhenTheKernelHasOne' 2>&1)
st=$?
bad=0
if [ $st -eq 0 ]; then echo "FAIL: the tests passed without a control port" >&2; bad=1; fi
grep -q '\[  FAILED  \] RealKernel.SysInfoDescribesTheKernel' <<<"$out" || { echo "FAIL: RealKernel did not fail" >&2; bad=1; }
grep -q '\[  FAILED  \] RealVm.ControlPortGreetingWhenTheKernelHasOne' <<<"$out" || { echo "FAIL: the greeting test did not fail" >&2; bad=1; }
grep -q 'SKIPPED' <<<"$out" && { echo "FAIL: a test was skipped" >&2; bad=1; }
grep -q "control port did not greet" <<<"$out" || { echo "FAIL: the failure does not say why" >&2; bad=1; }
if [ $bad -ne 0 ]; then echo "$out" | tail -30 >&2; exit 1; fi
echo "ok: without a control port the tests fail (exit $st), none skipped"
