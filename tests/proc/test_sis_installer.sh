#!/usr/bin/env bash
# ./sis install on a simulated fresh Debian 12 (apt, dpkg and dpkg-query replaced by stubs that
# keep their state in files and log every call): packages missing from the list are
# installed, a `download` package (busybox-static:arm64) is never installed, the missing arm64
# architecture is added before apt-get update, a second run does nothing, stale lists only
# cause an update, and a package apt never learns is an error.
set -u
root=${SIS_SOURCE_DIR:?SIS_SOURCE_DIR must point to the source tree}
tmp=$(mktemp -d /tmp/sis-installer-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
stubs=$tmp/stubs state=$tmp/state
mkdir -p "$stubs" "$state"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

cat > "$stubs/id" <<'S'
#!/bin/sh
echo 0
S
cat > "$stubs/dpkg" <<'S'
#!/bin/sh
case "$1" in
  --print-architecture) echo amd64 ;;
  --print-foreign-architectures) cat "$STATE/foreign" 2>/dev/null ;;
  --add-architecture) echo "dpkg --add-architecture $2" >> "$STATE/log"; echo "$2" >> "$STATE/foreign" ;;
  *) echo "dpkg stub: unexpected $*" >&2; exit 1 ;;
esac
S
cat > "$stubs/dpkg-query" <<'S'
#!/bin/sh
for p; do :; done  # the last argument is the package
grep -qx -- "$p" "$STATE/installed" 2>/dev/null || exit 1
printf 'install ok installed'
S
cat > "$stubs/apt-cache" <<'S'
#!/bin/sh
[ "$1" = show ] || exit 1
for p; do :; done
[ -f "$STATE/never-known" ] && exit 100
case "$p" in *:*) arch=${p##*:} ;; *) arch=amd64 ;; esac
grep -qx "$arch" "$STATE/updated-arches" 2>/dev/null || exit 100
S
cat > "$stubs/apt-get" <<'S'
#!/bin/sh
case "$1" in
  update) echo "apt-get update" >> "$STATE/log"; { echo amd64; cat "$STATE/foreign" 2>/dev/null; } > "$STATE/updated-arches" ;;
  install) shift; pkgs=$(for a; do case "$a" in -*) ;; *) echo "$a" ;; esac; done)
           echo "apt-get install" $pkgs >> "$STATE/log"; echo "$pkgs" >> "$STATE/installed" ;;
  *) echo "apt-get stub: unexpected $*" >&2; exit 1 ;;
esac
S
chmod +x "$stubs"/*

run_install() {
  : > "$state/log"
  out=$(cd "$tmp" && STATE=$state PATH="$stubs:$PATH" bash "$root/sis" install 2>&1); st=$?
  log=$(cat "$state/log")
}

# A fresh machine: no arm64, two of the list's packages missing.
grep -v '^\s*#' "$root/packaging/debian-packages.txt" | awk 'NF && $2 != "download" {print $1}' |
  grep -vx -e gcc-aarch64-linux-gnu -e qemu-user-static > "$state/installed"
run_install
[ $st -eq 0 ] && pass "fresh machine: ./sis install exits 0" || fail "fresh machine: exit $st: $out"
expected=$'dpkg --add-architecture arm64\napt-get update\napt-get install gcc-aarch64-linux-gnu qemu-user-static'
[ "$log" = "$expected" ] && pass "fresh machine: adds arm64, updates, installs only the missing packages" ||
  fail "fresh machine: calls were:"$'\n'"$log"$'\n'"expected:"$'\n'"$expected"
grep -q busybox "$state/installed" && fail "busybox-static:arm64 was installed" || pass "busybox-static:arm64 never installed"

run_install
[ $st -eq 0 ] && [ -z "$log" ] && pass "second run: nothing to do" || fail "second run (exit $st) called: $log"

# arm64 known to dpkg but the lists predate it: an update, nothing added or installed.
echo amd64 > "$state/updated-arches"
run_install
[ $st -eq 0 ] && [ "$log" = "apt-get update" ] && pass "stale lists: apt-get update only" ||
  fail "stale lists (exit $st) called: $log"

# apt never learns the package: a clear error.
touch "$state/never-known"
run_install
[ $st -ne 0 ] && grep -q "apt does not know busybox-static:arm64" <<<"$out" &&
  pass "unknown download package: exit $st with a clear message" || fail "unknown package: exit $st: $out"

[ $failures -eq 0 ] && echo "all checks passed" || { echo "$failures check(s) failed" >&2; exit 1; }
