#!/usr/bin/env bash
# A crash campaign on an existing engine: GNU parallel fans `sisctl campaign run` out over two
# "hosts" (two real OpenSSH servers on loopback ports, tests/remote/sshd.sh) with
# --sshloginfile, --retries and --joblog. Host B is killed (server and sessions, as a machine
# that dies) while it runs a job: parallel retries that run on host A, every run gets a
# result, and `sisctl campaign merge` counts each run once, all passing.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../remote/sshd.sh"
command -v parallel >/dev/null || { echo "FAIL: GNU parallel missing (Debian: parallel)" >&2; exit 1; }
command -v ssh >/dev/null || { echo "FAIL: ssh missing (Debian: openssh-client)" >&2; exit 1; }
export SSH_AUTH_SOCK=

work=$(mktemp -d /tmp/sis-test-campaign.XXXXXX)
trap 'sshd_stop "$work/a"; sshd_stop "$work/b"; rm -rf "$work"' EXIT
sshd_start "$work/a"; port_a=$SSHD_PORT
mkdir -p "$work/b"; cp "$work/a/id_client" "$work/a/id_client.pub" "$work/b/"  # one client key for both
sshd_start "$work/b"; port_b=$SSHD_PORT
cat "$work/a/known_hosts" "$work/b/known_hosts" >"$work/known_hosts"
cat >"$work/ssh_config" <<EOF
Host host-a host-b
  HostName 127.0.0.1
  IdentityFile $work/a/id_client
  UserKnownHostsFile $work/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 10
Host host-a
  Port $port_a
Host host-b
  Port $port_b
EOF
# One job at a time per host (1/): the CPU limit of this machine, not of the engine.
printf '1/ssh -F %s host-a\n1/ssh -F %s host-b\n' "$work/ssh_config" "$work/ssh_config" >"$work/sshloginfile"

runs=6
points=(mid-data before-commit after-commit during-checkpoint mid-data after-commit)
# Kill host B while one of its runs is in progress: the run's sisctl is frozen (SIGSTOP) the
# moment it is seen, so it cannot finish before the kill lands, then the server and all its
# sessions die, as a machine that goes away.
(
  for _ in $(seq 3000); do
    pid=$(cat "$work/b/server.pid" 2>/dev/null) || exit 0
    for d in $(descendants "$pid"); do
      [ /proc/$d/exe -ef "$SISCTL" ] 2>/dev/null || continue
      run=$({ tr '\0' ' ' <"/proc/$d/cmdline"; } 2>/dev/null | grep -o -- 'campaign run .*--run [0-9]*' | grep -o '[0-9]*$')
      [ -n "$run" ] && kill -STOP "$d" 2>/dev/null || continue
      [ "$(awk '{ print $3 }' "/proc/$d/stat" 2>/dev/null)" = T ] || continue  # it had already ended
      sshd_kill_all "$work/b"; echo "$run" >"$work/b-killed"; exit 0
    done
    sleep 0.05
  done
) &
killer=$!
start=$(date +%s.%N)
parallel --will-cite --sshloginfile "$work/sshloginfile" --retries 3 --joblog "$work/joblog" \
  "$SISCTL" campaign run --point {} --run {#} --out "$work/results" --kernel "$SIS_KERNEL" \
  ::: "${points[@]}" >"$work/parallel.out" 2>"$work/parallel.err"
st=$?
end=$(date +%s.%N)
wait "$killer"
killed_run=$(cat "$work/b-killed" 2>/dev/null)
[ -n "$killed_run" ] && pass "host B was killed during run $killed_run" || fail "host B never ran a job"
expect_status "parallel finished every run (after retries)" $st 0
cat "$work/joblog" >&2
# The joblog keeps a job's last attempt: the run B was doing when it died finished on A.
awk -F'\t' -v s="$killed_run" 'NR > 1 && $1 == s && $2 ~ /host-a/ && $7 == 0' "$work/joblog" | grep -q . &&
  pass "run $killed_run was retried on host A and succeeded (joblog)" || fail "run $killed_run was not retried on host A"
expect_in "run $killed_run's result comes from host A" "$(cat "$work/results/run-$killed_run.json" 2>&1)" \
  "\"ssh_server\": \"127.0.0.1:$port_a\""

out=$("$SISCTL" campaign merge "$work/results" --expect "$runs" 2>&1)
expect_status "merge: every run present and passing" $? 0
echo "$out"
expect_in "merge counts $runs runs" "$out" "$runs runs"
expect_in "runs on host A" "$out" "via 127.0.0.1:$port_a"
json=$("$SISCTL" campaign merge "$work/results" --expect "$runs" --json)
expect_in "nothing missing" "$json" '"missing":[]'
expect_in "nothing failed" "$json" '"failed":[]'

# merge finds what is missing and what failed.
rm "$work/results/run-2.json"
sed 's/"verdict": "pass"/"verdict": "fail"/' "$work/results/run-1.json" >"$work/results/run-1.json.new" &&
  mv "$work/results/run-1.json.new" "$work/results/run-1.json"
out=$("$SISCTL" campaign merge "$work/results" --expect "$runs" 2>&1); st=$?
expect_status "merge: a failed run is exit 3" $st 3
expect_in "the missing run is named" "$out" "missing: [2]"
expect_in "the failed run is named" "$out" "FAILED: [1]"
echo "garbage" >"$work/results/run-99.json"
out=$("$SISCTL" campaign merge "$work/results" 2>&1)
expect_in "a broken result file is skipped with a message" "$out" "run-99.json is not a run result; skipped"
"$SISCTL" campaign run --point nowhere --run 1 --out "$work/x" >/dev/null 2>&1; expect_status "unknown point" $? 1
echo "campaign: $runs runs over 2 hosts (B killed) in $(echo "$end - $start" | bc) s" >&2
finish
