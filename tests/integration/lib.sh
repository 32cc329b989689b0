# Helpers for integration test scripts (sourced).
set -u
: "${SISCTL:?SISCTL must point to the sisctl binary}"
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# expect_in "what" "haystack" "needle" (fixed string)
expect_in() {
  if grep -qF -- "$3" <<<"$2"; then pass "$1"; else fail "$1: expected to find '$3' in:"; echo "$2" | head -40 >&2; fi
}
expect_not_in() {
  if grep -qF -- "$3" <<<"$2"; then fail "$1: did not expect '$3' in:"; echo "$2" | head -40 >&2; else pass "$1"; fi
}
# expect_status "what" actual expected: on failure shows the last captured $out
expect_status() {
  if [ "$2" -eq "$3" ]; then pass "$1 (exit $2)"; else
    fail "$1: exit status $2, expected $3"
    echo "${out:-}" | tail -40 >&2
  fi
}

finish() {
  if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}

# private_vm_runtime TAG NAME: a runtime directory of the test's own (SIS_RUNTIME_DIR,
# exported) for the VM NAME, in $vm_dir; on exit the VM's QEMU is killed if it still runs
# and the directory goes.
private_vm_runtime() {
  export SIS_RUNTIME_DIR
  SIS_RUNTIME_DIR=$(mktemp -d "/tmp/sis-test-$1.XXXXXX")
  vm_dir="$SIS_RUNTIME_DIR/vm-$2"
  trap remove_private_vm_runtime EXIT
}
remove_private_vm_runtime() {
  if [ -f "$vm_dir/vm.json" ]; then
    local pid
    pid=$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$vm_dir/vm.json")
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  fi
  rm -rf "$SIS_RUNTIME_DIR"
}
