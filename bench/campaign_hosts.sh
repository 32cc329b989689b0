#!/usr/bin/env bash
# Crash-campaign throughput through GNU parallel over 1 and 2 loopback "hosts" (real OpenSSH
# servers started here, tests/remote/sshd.sh), one job slot per host: `sisctl campaign run`
# per run, `sisctl campaign merge` at the end. Both hosts are this machine, so 2 hosts share
# its cores: the number shows what the fan-out costs and gains under that CPU limit (printed).
#   bench/campaign_hosts.sh BUILD_DIR [RUNS]      (docs/remote.md quotes its output)
set -euo pipefail
build=$(cd "${1:?usage: bench/campaign_hosts.sh BUILD_DIR [RUNS]}" && pwd); runs=${2:-8}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../tests/remote/sshd.sh"
sisctl=$(find "$build" -name sisctl -type f -perm -u+x | head -1)
kernel=${SIS_KERNEL:-$build/kernel/Image}
export SSH_AUTH_SOCK=
work=$(mktemp -d /tmp/sis-bench-campaign.XXXXXX)
trap 'sshd_stop "$work/a"; sshd_stop "$work/b"; rm -rf "$work"' EXIT
sshd_start "$work/a"; pa=$SSHD_PORT
mkdir -p "$work/b"; cp "$work/a/id_client" "$work/a/id_client.pub" "$work/b/"
sshd_start "$work/b"; pb=$SSHD_PORT
cat "$work/a/known_hosts" "$work/b/known_hosts" >"$work/known_hosts"
for h in a b; do
  port=$pa; [ $h = b ] && port=$pb
  printf 'Host host-%s\n  HostName 127.0.0.1\n  Port %s\n  IdentityFile %s\n  UserKnownHostsFile %s\n  BatchMode yes\n' \
    $h "$port" "$work/a/id_client" "$work/known_hosts" >>"$work/ssh_config"
done
points=(mid-data before-commit after-commit during-checkpoint)
echo "cpu: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for hosts in 1 2; do
  printf '1/ssh -F %s host-a\n' "$work/ssh_config" >"$work/logins"
  [ $hosts = 2 ] && printf '1/ssh -F %s host-b\n' "$work/ssh_config" >>"$work/logins"
  rm -rf "$work/results"
  start=$(date +%s.%N)
  for i in $(seq "$runs"); do echo "${points[$(( (i - 1) % 4 ))]}"; done |
    parallel --will-cite --sshloginfile "$work/logins" --retries 2 --joblog "$work/joblog-$hosts" \
      "$sisctl" campaign run --point {} --run {#} --out "$work/results" --kernel "$kernel" >/dev/null
  end=$(date +%s.%N)
  "$sisctl" campaign merge "$work/results" --expect "$runs" >/dev/null
  awk -v h="$hosts" -v n="$runs" -v s="$start" -v e="$end" \
    'BEGIN { printf "hosts=%d runs=%d wall_s=%.1f runs_per_min=%.1f\n", h, n, e - s, n * 60 / (e - s) }'
done
