#!/usr/bin/env bash
# Control-port round trip and metrics latency, local unix socket against the same socket
# forwarded over SSH (one libssh session, direct-streamlocal), on loopback: a real OpenSSH
# server started here as the current user (tests/remote/sshd.sh). Loopback measures what SSH
# itself adds (encryption, channel framing, the forwarding thread), not a network.
#   bench/remote_latency.sh BUILD_DIR [COUNT]      (docs/performance.md quotes its output)
set -euo pipefail
build=$(cd "${1:?usage: bench/remote_latency.sh BUILD_DIR [COUNT]}" && pwd); count=${2:-1000}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../tests/remote/sshd.sh"
bench=$(find "$build" -name bench_control_rtt -type f | head -1)
[ -x "$bench" ] || { echo "build the bench_control_rtt target first" >&2; exit 1; }
export SIS_KERNEL=${SIS_KERNEL:-$build/kernel/Image} SSH_AUTH_SOCK=
work=$(mktemp -d /tmp/sis-bench-remote.XXXXXX)
trap 'sshd_stop "$work/sshd"; rm -rf "$work"' EXIT
sshd_start "$work/sshd"
echo "== local"
"$bench" --count "$count" --seconds 10
echo "== ssh"
"$bench" --count "$count" --seconds 10 --ssh "127.0.0.1:$SSHD_PORT" --identity "$work/sshd/id_client" \
  --known-hosts "$work/sshd/known_hosts"
